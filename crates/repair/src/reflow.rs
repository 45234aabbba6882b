//! Reflow: body lines → paragraphs, applying the hyphen decisions at line ends.

use cuttings_model::{Flavor, Line, OffsetMap, Source, Span};

use crate::hyphen::{keep_line_end_hyphen, restore_compound};
use crate::words::{
    char_len, core, ends_open, ends_sentence, ends_with_word_hyphen, is_long, typical_width,
};
use crate::{Lexicon, Vocabulary};

/// A repaired body: clean text, its map back to the source, and its paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Repaired {
    /// Paragraphs separated by exactly one blank line (`"\n\n"`), lines joined by one space; no
    /// leading or trailing white space.
    pub text: String,
    /// Every copied byte of `text` back to its source byte; inserted spaces, paragraph breaks and
    /// restored hyphens are not in the map.
    pub map: OffsetMap,
    /// Byte ranges of `text`, one per paragraph, in order.
    pub paragraphs: Vec<Span>,
}

/// How one line meets the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    /// One space.
    Space,
    /// Nothing: the line-end hyphen is real ("self-" + "styled").
    KeepHyphen,
    /// Nothing, and the line-end hyphen is dropped ("Ti-" + "rana").
    DropHyphen,
    /// A paragraph break.
    Paragraph,
}

/// A sentence-final line shorter than 17/20 of the typical width is the ragged end of a paragraph.
///
/// Chosen on the dev digests: at 3/4 many ragged ends were missed (proportional fonts make char
/// counts of full lines vary), at 9/10 full lines that happen to end a sentence started paragraphs.
const SHORT_NUM: usize = 17;
const SHORT_DEN: usize = 20;

/// Repairs an article's body lines (in reading order) into clean paragraphs.
///
/// `flavor` says which producer made the dump: line-end hyphens are decided for
/// [`Flavor::Layout`], [`Flavor::Seedlike`] and [`Flavor::Plain`]; removed compound hyphens are
/// restored for [`Flavor::Raw`]. `vocab` is the vocabulary of the whole source.
///
/// Linear in the size of the body. Never panics on lines whose spans are valid for `source`.
pub fn repair(source: &Source, body: &[Line], flavor: Flavor, vocab: &Vocabulary) -> Repaired {
    let lex = Lexicon::builtin();
    let texts: Vec<&str> = body.iter().map(|l| source.slice(l.span)).collect();
    let lens: Vec<usize> = texts.iter().map(|t| char_len(t)).collect();
    let typical = typical_width(&lens);
    let mut out = Repaired::default();
    out.text.reserve(texts.iter().map(|t| t.len() + 1).sum());
    let mut para_start = 0;
    for (i, (line, text)) in body.iter().zip(&texts).enumerate() {
        let join = match body.get(i + 1) {
            Some(next) => join(line, text, lens[i], next, texts[i + 1], typical, vocab, lex),
            None => Join::Paragraph,
        };
        let mut text_end = text.len();
        if join == Join::DropHyphen {
            text_end -= text.chars().next_back().map_or(0, char::len_utf8);
        }
        let copy = &text[..text_end];
        if flavor == Flavor::Raw && is_long(lens[i], typical) {
            copy_restoring(&mut out, copy, line.span.start, typical, vocab, lex);
        } else {
            copy_run(&mut out, copy, line.span.start);
        }
        match join {
            Join::Space => out.text.push(' '),
            Join::KeepHyphen | Join::DropHyphen => {}
            Join::Paragraph => {
                let end = out.text.len();
                if end > para_start {
                    out.paragraphs.push(Span::new(para_start, end));
                }
                if i + 1 < body.len() {
                    out.text.push_str("\n\n");
                    para_start = out.text.len();
                }
            }
        }
    }
    out
}

/// Copies `text`, which starts at `source_start`, to the output.
fn copy_run(out: &mut Repaired, text: &str, source_start: usize) {
    out.map.push(out.text.len(), source_start, text.len());
    out.text.push_str(text);
}

/// Copies a long raw line, restoring compound hyphens in the words that end past the point where
/// the original line ended.
fn copy_restoring(
    out: &mut Repaired,
    text: &str,
    source_start: usize,
    typical: usize,
    vocab: &Vocabulary,
    lex: &Lexicon,
) {
    let min_end = typical * 3 / 5;
    let mut copied = 0;
    let mut col = 0;
    let mut pos = 0;
    for tok in text.split_inclusive(char::is_whitespace) {
        let start = pos;
        pos += tok.len();
        let tok_col_end = col + char_len(tok);
        col = tok_col_end;
        if tok_col_end < min_end {
            continue;
        }
        let Some((s, e)) = core(tok.trim_end()) else {
            continue;
        };
        if let Some(at) = restore_compound(&tok[s..e], vocab, lex) {
            let cut = start + s + at;
            copy_run(out, &text[copied..cut], source_start + copied);
            out.text.push('-');
            copied = cut;
        }
    }
    copy_run(out, &text[copied..], source_start + copied);
}

/// Decides how `line` meets `next`.
#[allow(clippy::too_many_arguments)]
fn join(
    line: &Line,
    text: &str,
    len: usize,
    next: &Line,
    next_text: &str,
    typical: usize,
    vocab: &Vocabulary,
    lex: &Lexicon,
) -> Join {
    let next_first = next_text.chars().next().unwrap_or(' ');
    if ends_with_word_hyphen(text) && next_first.is_alphanumeric() {
        // Never a paragraph break inside a word.
        let last = text.split_whitespace().next_back().unwrap_or(text);
        let first = next_text.split_whitespace().next().unwrap_or(next_text);
        let soft = text.ends_with('\u{00AD}');
        // pdftotext's raw mode usually removes line-end hyphens itself, but not always.
        let keep = !soft && keep_line_end_hyphen(last, first, vocab, lex);
        return if keep {
            Join::KeepHyphen
        } else {
            Join::DropHyphen
        };
    }
    let moved = next.page != line.page || next.column != line.column;
    let short = len * SHORT_DEN < typical * SHORT_NUM;
    if moved {
        // A page or column change is no evidence of a paragraph break.
        return if ends_sentence(text) && (short || next.indent > line.indent) {
            Join::Paragraph
        } else {
            Join::Space
        };
    }
    if ends_open(text) && next_first.is_lowercase() {
        return Join::Space; // mid-sentence, whatever the spacing says
    }
    if next.gap_before || next.indent > line.indent || (short && ends_sentence(text)) {
        Join::Paragraph
    } else {
        Join::Space
    }
}

/// Splits already-clean text into lines the way a plain dump is read: each non-blank line trimmed,
/// `gap_before` after blank lines, pages at form feeds, indent counted in chars.
///
/// Used to feed [`repair`]'s output back to it (it is idempotent) and by tests.
pub fn plain_lines(source: &Source) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut page = 1;
    let mut gap = true;
    let mut start = 0;
    for raw in source.text.split_inclusive('\n') {
        let line_start = start;
        start += raw.len();
        let mut rest = raw;
        let mut offset = line_start;
        while let Some(ff) = rest.find('\x0c') {
            push_line(&mut lines, &rest[..ff], offset, page, &mut gap);
            page += 1;
            gap = true;
            offset += ff + 1;
            rest = &rest[ff + 1..];
        }
        push_line(&mut lines, rest, offset, page, &mut gap);
    }
    lines
}

fn push_line(lines: &mut Vec<Line>, raw: &str, offset: usize, page: u32, gap: &mut bool) {
    let body = raw.trim();
    if body.is_empty() {
        *gap = true;
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    let s = offset + lead;
    lines.push(Line {
        span: Span::new(s, s + body.len()),
        page,
        column: 0,
        gap_before: *gap,
        indent: raw[..lead].chars().count().min(u16::MAX as usize) as u16,
        full_width: false,
    });
    *gap = false;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, flavor: Flavor) -> String {
        let src = Source::from_text("t", text);
        let lines = plain_lines(&src);
        let vocab = crate::vocabulary(&src, &lines);
        repair(&src, &lines, flavor, &vocab).text
    }

    #[test]
    fn blank_lines_break_paragraphs() {
        assert_eq!(
            run("One two\nthree.\n\nFour five.\n", Flavor::Plain),
            "One two three.\n\nFour five."
        );
    }

    #[test]
    fn indents_break_paragraphs() {
        let text = "  The first paragraph runs over\nthree lines of text and it ends\nhere.\n  \
                    A second paragraph starts\nwith an indent.\n";
        assert_eq!(
            run(text, Flavor::Layout),
            "The first paragraph runs over three lines of text and it ends here.\n\n\
             A second paragraph starts with an indent."
        );
    }

    #[test]
    fn short_sentence_final_lines_break_paragraphs() {
        let text = "The first paragraph is long enough to fill\n\
                    the column from one side to the other.\n\
                    It ends here.\n\
                    The second paragraph is also long enough\n\
                    to fill the column from side to side, and\n\
                    it ends.\n";
        assert_eq!(
            run(text, Flavor::Plain),
            "The first paragraph is long enough to fill the column from one side to the other. \
             It ends here.\n\nThe second paragraph is also long enough to fill the column from \
             side to side, and it ends."
        );
    }

    #[test]
    fn no_break_inside_a_sentence() {
        // A blank line (a dropped pull quote, a page change) in mid-sentence is not a paragraph.
        assert_eq!(
            run(
                "The minister said that\n\nthe talks would go on.\n",
                Flavor::Plain
            ),
            "The minister said that the talks would go on."
        );
        assert_eq!(
            run(
                "The minister said that the\n\x0cPrime Minister agreed.\n",
                Flavor::Plain
            ),
            "The minister said that the Prime Minister agreed."
        );
    }

    #[test]
    fn line_end_hyphens() {
        assert_eq!(
            run(
                "They left Ti-\nrana and the self-\nstyled redun-\ndancies, the Iran-\nIraq war.",
                Flavor::Layout
            ),
            "They left Tirana and the self-styled redundancies, the Iran-Iraq war."
        );
        assert_eq!(
            run("a 4,000-\nstrong army", Flavor::Seedlike),
            "a 4,000-strong army"
        );
        assert_eq!(run("a war -\nwhich", Flavor::Plain), "a war - which");
    }

    #[test]
    fn raw_compounds_on_long_lines_only() {
        let text = "The minister said on Tuesday that the\n\
                    government would press on with its\n\
                    plans, arguing that growthoriented policies were needed now.\n\
                    Critics called the growthoriented plan\n\
                    poorly thought out, and said so.\n";
        // The second "growthoriented" is on a normal line: the document prints it joined.
        assert!(run(text, Flavor::Raw).contains("that growthoriented policies"));
        let text = text.replace(
            "Critics called the growthoriented plan",
            "Critics called the plan a",
        );
        assert!(run(&text, Flavor::Raw).contains("that growth-oriented policies"));
        assert!(run(&text, Flavor::Plain).contains("that growthoriented policies"));
    }

    #[test]
    fn map_points_at_source_bytes() {
        let text = "They left Ti-\nrana.";
        let src = Source::from_text("t", text);
        let lines = plain_lines(&src);
        let out = repair(
            &src,
            &lines,
            Flavor::Layout,
            &crate::vocabulary(&src, &lines),
        );
        assert_eq!(out.text, "They left Tirana.");
        assert_eq!(out.map.runs, vec![(0, 0, 12), (12, 14, 5)]);
        assert_eq!(out.paragraphs, vec![Span::new(0, 17)]);
    }
}
