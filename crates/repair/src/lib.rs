//! Repair: an article's body lines → clean paragraphs (hyphenation, compounds, reflow).
//!
//! [`repair`] turns the body [`Line`]s that `segment` found, in reading order, into text whose
//! paragraphs are separated by exactly one blank line and whose lines are joined by one space,
//! with an [`OffsetMap`] from every copied byte back to the [`Source`]. On the way it
//!
//! - joins words broken at line ends ("Ti-" + "rana" → "Tirana") but keeps real hyphens
//!   ("self-" + "styled" → "self-styled"), for dumps that keep line-end hyphens;
//! - restores hyphens that `pdftotext`'s default mode removed from compounds ("growthoriented" →
//!   "growth-oriented"), for [`Flavor::Raw`] dumps;
//! - finds paragraph breaks from blank lines, indents and short sentence-final lines.
//!
//! Decisions ask the document's own [`Vocabulary`] first (built once per source with
//! [`vocabulary`]) and the shipped English [`Lexicon`] second. Nothing else is normalised: quotes,
//! footnote markers and punctuation stay as printed, and repairing the output again changes
//! nothing.
//!
//! ```
//! use cuttings_model::{Flavor, Line, Source, Span};
//!
//! let src = Source::from_text("d.txt", "The self-\nstyled leader left Ti-\nrana.\n\nThen more.");
//! let line = |start: usize, end: usize, gap_before: bool| Line {
//!     span: Span::new(start, end),
//!     page: 1,
//!     column: 0,
//!     gap_before,
//!     indent: 0,
//!     full_width: false,
//! };
//! let lines = [line(0, 9, true), line(10, 32, false), line(33, 38, false), line(40, 50, true)];
//! let vocab = cuttings_repair::vocabulary(&src, &lines);
//! let out = cuttings_repair::repair(&src, &lines, Flavor::Plain, &vocab);
//! assert_eq!(out.text, "The self-styled leader left Tirana.\n\nThen more.");
//! assert_eq!(out.paragraphs.len(), 2);
//! assert_eq!(out.map.to_source(16), Some(17)); // "leader", copied from the second line
//! ```
#![deny(missing_docs)]

mod hyphen;
mod lexicon;
mod reflow;
mod vocab;
mod words;

pub use lexicon::Lexicon;
pub use reflow::{plain_lines, repair, Repaired};
pub use vocab::{vocabulary, Vocabulary};

pub use cuttings_model::{Flavor, Line, OffsetMap, Source, Span};

#[cfg(test)]
pub(crate) mod tests {
    use cuttings_model::{Line, Source, Span};

    /// Splits a source into lines the way a plain dump is read: trimmed, blank lines as gaps.
    pub(crate) fn plain_lines(src: &Source) -> Vec<Line> {
        crate::reflow::plain_lines(src)
    }

    #[test]
    fn plain_lines_trim_and_mark_gaps() {
        let src = Source::from_text("t", "  a b \n\n c\n");
        let lines = plain_lines(&src);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].span, Span::new(2, 5));
        assert_eq!(lines[0].indent, 2);
        assert!(lines[1].gap_before);
    }
}
