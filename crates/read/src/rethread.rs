//! Raw dumps: a block that `pdftotext` put out of order on a page goes back after the block
//! whose sentence it finishes.
//!
//! In its default mode `pdftotext` orders the text blocks of a page by its own guess, and on
//! pages with several pieces in columns it sometimes puts the rest of a column before the head
//! of its piece, or inside another piece. The text shows it: a block that starts in the middle
//! of a sentence (with a lower-case word) follows a block that ended one, while elsewhere on the
//! same page a block of running text stops in the middle of a sentence before a block that
//! starts a new one (running heads, page numbers and other short lines in between are passed
//! over, also across a page break). When a page has exactly one such loose start and one such
//! loose end, the start's block moves to just after the end's block. With more than one of
//! either, pairing them would be a guess, and nothing moves.
//!
//! Only the order of `Line`s changes; spans, pages and blank-line gaps stay as read.

use cuttings_model::Line;

/// Re-threads the lines of a raw dump, page by page (`lines` in dump order).
pub(crate) fn rethread(text: &str, lines: &mut [Line]) {
    let typical = typical_length(text, lines);
    if typical < 30 {
        return;
    }
    let blocks = blocks(lines);
    let line = |i: usize| text[lines[i].span.range()].trim();
    let long = |i: usize| line(i).chars().count() * 10 >= typical * 6;
    // Running text: a block with a line of a column's width; the rest (running heads, page
    // numbers, pull quotes of one line) is passed over when looking for a block's neighbours.
    let text_block: Vec<bool> = blocks.iter().map(|&(s, e)| (s..e).any(long)).collect();
    let starts_mid: Vec<bool> = blocks
        .iter()
        .map(|&(s, e)| e - s >= 2 && long(s) && starts_mid_sentence(line(s)))
        .collect();
    // (two lines of a column's width at least: a masthead's last line can be long too)
    let ends_mid: Vec<bool> = blocks
        .iter()
        .map(|&(s, e)| {
            e - s >= 3
                && long(e - 1)
                && (s..e).filter(|&i| long(i)).count() >= 2
                && ends_mid_sentence(line(e - 1))
        })
        .collect();
    let prev_text = |b: usize| (0..b).rev().find(|&p| text_block[p]);
    let next_text = |b: usize| (b + 1..blocks.len()).find(|&n| text_block[n]);
    let page_of = |b: usize| lines[blocks[b].0].page;
    let mut moves = Vec::new();
    let mut b = 0;
    while b < blocks.len() {
        let page = page_of(b);
        let end = (b..blocks.len())
            .find(|&x| page_of(x) != page)
            .unwrap_or(blocks.len());
        // loose starts: not after running text that stops mid-sentence (on this page or the
        // one before); loose ends: not before running text that starts mid-sentence
        let loose_starts: Vec<usize> = (b..end)
            .filter(|&x| starts_mid[x] && !prev_text(x).is_some_and(|p| ends_mid[p]))
            .collect();
        let loose_ends: Vec<usize> = (b..end)
            .filter(|&x| ends_mid[x] && !next_text(x).is_some_and(|n| starts_mid[n]))
            .collect();
        if let ([start], [stop]) = (&loose_starts[..], &loose_ends[..]) {
            if start != stop {
                moves.push((blocks[*start], blocks[*stop]));
            }
        }
        b = end;
    }
    for ((s0, s1), (_, e1)) in moves {
        if std::env::var_os("CUTTINGS_TRACE").is_some() {
            let at = |i: usize| text[lines[i].span.range()].to_string();
            eprintln!("rethread: move {:?} after {:?}", at(s0), at(e1 - 1));
        }
        if s0 < e1 {
            // [.. start .. end] -> [.. end start]
            lines[s0..e1].rotate_left(s1 - s0);
        } else {
            // [.. end .. start ..] -> [.. end start ..]
            lines[e1..s1].rotate_right(s1 - s0);
        }
    }
}

/// Blocks: runs of lines without a blank line (or a page start) between them, as index ranges.
fn blocks(lines: &[Line]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if i > start && (l.gap_before || l.page != lines[i - 1].page) {
            out.push((start, i));
            start = i;
        }
    }
    if start < lines.len() {
        out.push((start, lines.len()));
    }
    out
}

/// The length (in characters) that most running-text lines reach: the median of the lines of
/// at least 20 characters.
fn typical_length(text: &str, lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| text[l.span.range()].chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[lengths.len() / 2]
}

/// A line that goes on with a sentence begun before: its first word is in lower case.
fn starts_mid_sentence(line: &str) -> bool {
    let word = line.split_whitespace().next().unwrap_or("");
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_lowercase())
        // "iPhone", "eBay": a capital inside the first word starts a name, not a continuation
        && !chars.any(|c| c.is_uppercase())
}

/// A line of running text that stops in the middle of a sentence: it ends with a letter, a
/// comma or a hyphen (a word broken at a column or page end; not a digit: running footers with
/// page numbers get glued to text lines), and has lower-case words (so it is no heading in
/// capitals).
fn ends_mid_sentence(line: &str) -> bool {
    let Some(last) = line.chars().last() else {
        return false;
    };
    (last.is_alphabetic() || last == ',' || last == '-')
        && line
            .split_whitespace()
            .filter(|w| w.chars().all(|c| c.is_lowercase()))
            .count()
            >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings_model::Span;

    /// Lines of `text` (blank lines make gaps), as `plain_page` reads them.
    fn read(text: &str) -> Vec<Line> {
        let mut out = Vec::new();
        let mut gap = true;
        let mut at = 0;
        for raw in text.split_inclusive('\n') {
            let body = raw.trim();
            if body.is_empty() {
                gap = true;
            } else {
                let lead = raw.len() - raw.trim_start().len();
                out.push(Line {
                    span: Span::new(at + lead, at + lead + body.len()),
                    page: 1,
                    column: 0,
                    gap_before: gap,
                    indent: 0,
                    full_width: false,
                });
                gap = false;
            }
            at += raw.len();
        }
        out
    }

    fn order(text: &str) -> Vec<String> {
        let mut lines = read(text);
        rethread(text, &mut lines);
        lines
            .iter()
            .map(|l| text[l.span.range()].to_string())
            .collect()
    }

    const PAGE: &str = "\
The first piece ends here with a sentence that is over and done.
Its last line is complete as well, with a full stop at the end.

carried over from the other column, this block goes on with a
sentence that the second piece began before its column ended.

Second Piece Heading

The second piece starts here with a sentence that is complete.
Then it goes on with a line of running text that runs all the way
to the bottom of its column, where it stops in the middle of a
";

    #[test]
    fn a_loose_block_goes_after_the_block_it_continues() {
        let got = order(PAGE);
        assert_eq!(got[2], "Second Piece Heading");
        assert_eq!(
            got[5],
            "to the bottom of its column, where it stops in the middle of a"
        );
        assert_eq!(
            got[6],
            "carried over from the other column, this block goes on with a"
        );
        assert_eq!(got.len(), 8);
    }

    #[test]
    fn nothing_moves_without_a_unique_pair() {
        // a second loose start makes the pairing a guess
        let two = format!("{PAGE}\nand here is one more block that starts in lower case and\ngoes on for a second line of text, ending with a stop.\n");
        let got = order(&two);
        assert_eq!(
            got[2],
            "carried over from the other column, this block goes on with a"
        );
        // in order already: nothing to do
        let fine = "\
A piece starts here with a sentence and goes on with another one that
runs to the end of the line and then on to the next line of the
column where it is still not over because the column stops in a

sentence finished here, after the break of the column, and the text
goes on with more words.

Another Heading

Another piece with its own text that is long enough for a typical line.
";
        let got = order(fine);
        assert_eq!(
            got[2],
            "column where it is still not over because the column stops in a"
        );
        assert_eq!(
            got[3],
            "sentence finished here, after the break of the column, and the text"
        );
    }

    #[test]
    fn names_and_headings_are_not_sentence_breaks() {
        assert!(!starts_mid_sentence("iPhone sales rose"));
        assert!(starts_mid_sentence("and then it rained"));
        assert!(!ends_mid_sentence("HER AIRLINE"));
        assert!(!ends_mid_sentence("the end of a sentence."));
        assert!(ends_mid_sentence("said all negotiations had"));
        assert!(ends_mid_sentence("we continue to investigate fur-"));
        assert!(!ends_mid_sentence("issued 12 times a year, page 3"));
    }
}
