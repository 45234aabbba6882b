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
//! loose end, the start's block moves to just after the end's block.
//!
//! With more than one of either (several pieces cut and interleaved on one page), the ends and
//! starts are paired by the words across each join, without a language model: a word broken
//! at the end whose whole form the document prints elsewhere, or a last and first word that
//! the document also prints side by side ("at" + "the"; never across a stop or comma). The
//! assignment with the most support wins; pairs without support, and pages where two
//! assignments tie, move nothing.
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
    let vocab = Vocabulary::of(text, lines);
    // the block each loose start goes after, by block index
    let mut after: Vec<(usize, usize)> = Vec::new();
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
                after.push((*start, *stop));
            }
        } else if !loose_starts.is_empty()
            && !loose_ends.is_empty()
            && loose_starts.len() <= MAX_LOOSE
            && loose_ends.len() <= MAX_LOOSE
        {
            // several of either: pair them only where the words across the join say so
            let score = |stop: usize, start: usize| {
                vocab.join_score(line(blocks[stop].1 - 1), line(blocks[start].0))
            };
            after.extend(
                best_pairing(&loose_ends, &loose_starts, score)
                    .into_iter()
                    .map(|(stop, start)| (start, stop)),
            );
        }
        b = end;
    }
    if after.is_empty() {
        return;
    }
    // the new order of blocks: each moved start goes right after its end (a chain of moves
    // follows along, since blocks move by identity, not by position)
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    for &(start, stop) in &after {
        if std::env::var_os("CUTTINGS_TRACE").is_some() {
            eprintln!(
                "rethread: move {:?} after {:?}",
                line(blocks[start].0),
                line(blocks[stop].1 - 1)
            );
        }
        let from = order.iter().position(|&x| x == start).unwrap_or(0);
        order.remove(from);
        let to = order
            .iter()
            .position(|&x| x == stop)
            .map_or(order.len(), |p| p + 1);
        order.insert(to, start);
    }
    let old = lines.to_vec();
    let mut i = 0;
    for &x in &order {
        let (s, e) = blocks[x];
        lines[i..i + e - s].copy_from_slice(&old[s..e]);
        i += e - s;
    }
}

/// Pages with more loose ends or starts than this are left as they are (pairing them all
/// would cost more than it is worth: every such page seen has two or three).
const MAX_LOOSE: usize = 4;

/// The pairs of loose ends and loose starts (as indices into the two lists' values) that the
/// words across the joins support best: every assignment of ends to distinct starts is tried
/// (at most `MAX_LOOSE`! of them), pairs without support are left out, and nothing is
/// returned when two assignments tie (the text does not tell which it is).
fn best_pairing(
    ends: &[usize],
    starts: &[usize],
    score: impl Fn(usize, usize) -> u32,
) -> Vec<(usize, usize)> {
    let scores: Vec<Vec<u32>> = ends
        .iter()
        .map(|&e| {
            starts
                .iter()
                .map(|&s| if e == s { 0 } else { score(e, s) })
                .collect()
        })
        .collect();
    let mut best: (u32, Vec<(usize, usize)>, bool) = (0, Vec::new(), false);
    let mut used = vec![false; starts.len()];
    let mut chosen = Vec::new();
    fn go(
        i: usize,
        total: u32,
        scores: &[Vec<u32>],
        used: &mut [bool],
        chosen: &mut Vec<(usize, usize)>,
        best: &mut (u32, Vec<(usize, usize)>, bool),
    ) {
        if i == scores.len() {
            if total > best.0 {
                *best = (total, chosen.clone(), false);
            } else if total == best.0 && total > 0 && *chosen != best.1 {
                best.2 = true;
            }
            return;
        }
        // this end stays unpaired
        go(i + 1, total, scores, used, chosen, best);
        for j in 0..used.len() {
            if !used[j] && scores[i][j] > 0 {
                used[j] = true;
                chosen.push((i, j));
                go(i + 1, total + scores[i][j], scores, used, chosen, best);
                chosen.pop();
                used[j] = false;
            }
        }
    }
    go(0, 0, &scores, &mut used, &mut chosen, &mut best);
    if best.2 {
        return Vec::new();
    }
    best.1
        .into_iter()
        .map(|(i, j)| (ends[i], starts[j]))
        .collect()
}

/// The words of a document, to tell whether a loose end and a loose start belong together
/// without a language model: a word broken at the end whose whole form the document prints
/// elsewhere, or a last and first word that the document also prints side by side.
struct Vocabulary {
    words: std::collections::HashMap<String, u32>,
    pairs: std::collections::HashMap<(String, String), u32>,
}

impl Vocabulary {
    fn of(text: &str, lines: &[Line]) -> Vocabulary {
        let mut words = std::collections::HashMap::new();
        let mut pairs = std::collections::HashMap::new();
        for l in lines {
            let mut prev: Option<String> = None;
            let line = &text[l.span.range()];
            let tokens: Vec<&str> = line.split_whitespace().collect();
            for (k, raw) in tokens.iter().enumerate() {
                // a broken word at the line end is no word of its own
                if k + 1 == tokens.len() && raw.ends_with('-') {
                    break;
                }
                let w = normal(raw);
                if w.is_empty() {
                    prev = None;
                    continue;
                }
                *words.entry(w.clone()).or_insert(0) += 1;
                if let Some(p) = prev.take() {
                    *pairs.entry((p, w.clone())).or_insert(0) += 1;
                }
                // a sentence or clause ends at this word: no pair across it
                prev = (!raw.ends_with(['.', ',', ';', ':', '!', '?', '"', ')'])).then_some(w);
            }
        }
        Vocabulary { words, pairs }
    }

    /// How strongly the text says that `start` goes on right after `end` (0: no sign).
    fn join_score(&self, end: &str, start: &str) -> u32 {
        let Some(last) = end.split_whitespace().last() else {
            return 0;
        };
        let Some(first) = start.split_whitespace().next() else {
            return 0;
        };
        if let Some(stem) = last.strip_suffix('-') {
            // a broken word: whole elsewhere in the document
            let whole = normal(&format!("{stem}{first}"));
            let n = self.words.get(&whole).copied().unwrap_or(0);
            return if n > 0 { 4 + n.min(4) } else { 0 };
        }
        if last.ends_with(['.', ';', ':', '!', '?']) {
            return 0;
        }
        let n = self
            .pairs
            .get(&(normal(last), normal(first)))
            .copied()
            .unwrap_or(0);
        // seen once more is a sign, seen often (a phrase of function words) a stronger one
        match n {
            0 => 0,
            1 => 1,
            2..=4 => 2,
            _ => 3,
        }
    }
}

/// A word in lower case without the punctuation around it.
fn normal(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
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

    /// Two pieces, each cut in two, the cut halves read after a third piece: two loose ends
    /// and two loose starts. "at the" and "a review" stand elsewhere on the page, "at review"
    /// and "a the" nowhere, so each start goes after its own end.
    const TWO_CUTS: &str = "\
The harbour board said on Monday that it would look at the plans for the new
quay again at the start of next month, and that the members had agreed to meet
with the crews on the quay once more, this time at the harbour office, at

Second Piece Heading

The second piece asks for a review of the fares that the ferry company has set
for the winter, and the islanders who wrote to the council last week said that
the rise was too steep for the families who cross every day, and they wanted a

Third Piece Heading

The third piece is complete: it starts with a capital and ends with a stop.
It has two lines of running text that are as long as the others on the page.

review of the winter fares before the first of November, when they start to
apply to every crossing, including the early ones that the commuters take.

the end of the week to hear what the fishing crews think of the new quay and
of the dues that the board wants to charge for every boat that ties up there.
";

    #[test]
    fn several_loose_blocks_pair_by_the_words_across_the_join() {
        let got = order(TWO_CUTS);
        let at = |needle: &str| got.iter().position(|l| l.starts_with(needle)).unwrap();
        assert_eq!(
            at("the end of the week"),
            at("with the crews on the quay") + 1
        );
        assert_eq!(at("review of the winter"), at("the rise was too steep") + 1);
        assert!(at("Third Piece Heading") > at("review of the winter"));
        assert_eq!(got.len(), 14);
    }

    #[test]
    fn several_loose_blocks_without_a_clear_pairing_stay() {
        // without "at the" and "a review" elsewhere nothing says which start goes where
        let vague = TWO_CUTS
            .replace("look at the plans", "look over the plans")
            .replace("asks for a review of", "asks for changes to")
            .replace("again at the start", "again by the start")
            .replace("time at the harbour", "time in the harbour");
        let got = order(&vague);
        let at = |needle: &str| got.iter().position(|l| l.starts_with(needle)).unwrap();
        assert_eq!(at("the end of the week"), 12);
        assert_eq!(at("with the crews on the quay"), 2);
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
