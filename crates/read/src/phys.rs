//! Physical lines and form-feed pages: the byte-level scan every flavor starts from.

use std::ops::Range;

use cuttings_model::Span;

/// One physical line: its bytes without the terminator (`\n`, `\r\n`, `\r` or a form feed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Phys {
    /// First byte.
    pub start: usize,
    /// One past the last byte, terminator excluded.
    pub end: usize,
}

/// A page as form feeds delimit it: its bytes (form feed excluded) and its physical lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FfPage {
    /// The page's bytes.
    pub span: Span,
    /// Indexes into the physical lines.
    pub lines: Range<usize>,
}

/// Splits `text` into physical lines and form-feed pages.
///
/// A form feed ends both the line and the page it is on, even mid-line. A trailing page that is
/// only white space after the last form feed is not a page (pdftotext ends every page with one).
pub(crate) fn scan(text: &str) -> (Vec<Phys>, Vec<FfPage>) {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut pages = Vec::new();
    let mut line_start = 0;
    let mut page_start = 0;
    let mut page_first_line = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr3(b'\n', b'\r', b'\x0c', &bytes[i..]) {
        let at = i + off;
        let byte = bytes[at];
        if byte != b'\x0c' || at > line_start {
            lines.push(Phys {
                start: line_start,
                end: at,
            });
        }
        i = at + 1;
        if byte == b'\r' && bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        line_start = i;
        if byte == b'\x0c' {
            pages.push(FfPage {
                span: Span::new(page_start, at),
                lines: page_first_line..lines.len(),
            });
            page_start = i;
            page_first_line = lines.len();
        }
    }
    if line_start < bytes.len() {
        lines.push(Phys {
            start: line_start,
            end: bytes.len(),
        });
    }
    let rest = &text[page_start..];
    if pages.is_empty() || !rest.trim().is_empty() {
        pages.push(FfPage {
            span: Span::new(page_start, text.len()),
            lines: page_first_line..lines.len(),
        });
    }
    (lines, pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, lines: &[Phys]) -> Vec<&'a str> {
        lines.iter().map(|l| &text[l.start..l.end]).collect()
    }

    #[test]
    fn line_endings_and_form_feeds() {
        let text = "a\r\nb\rc\n\x0cd\x0ce\n\x0c";
        let (lines, pages) = scan(text);
        assert_eq!(texts(text, &lines), ["a", "b", "c", "d", "e"]);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].lines, 0..3);
        assert_eq!(pages[1].lines, 3..4);
        assert_eq!(&text[pages[1].span.range()], "d");
        assert_eq!(pages[2].lines, 4..5);
    }

    #[test]
    fn empty_page_between_form_feeds_is_kept() {
        let (_, pages) = scan("a\x0c\x0cb");
        assert_eq!(pages.len(), 3);
        assert!(pages[1].lines.is_empty());
    }
}
