//! Invariants every layout must keep, shared by the fixture and property tests.

use cuttings_read::TextLayout;

/// Panics unless `l` is a valid layout of `text`.
///
/// Lines are in bounds, on character boundaries, trimmed and non-empty; pages are numbered
/// 1, 2, ... and in order; every non-white-space byte of the text is covered by exactly one line
/// (so lines plus white space give back the input), and no two lines overlap.
pub fn check(text: &str, l: &TextLayout) {
    let mut covered = vec![0u8; text.len()];
    for (i, p) in l.pages.iter().enumerate() {
        assert_eq!(p.number as usize, i + 1, "page numbers");
        assert!(p.span.start <= p.span.end && p.span.end <= text.len());
        assert!(p.columns >= 1);
        if i > 0 {
            assert!(l.pages[i - 1].span.end <= p.span.start, "pages overlap");
        }
    }
    for line in &l.lines {
        let s = line.span;
        assert!(
            s.start < s.end && s.end <= text.len(),
            "span {s} out of bounds"
        );
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let t = &text[s.range()];
        assert_eq!(t, t.trim(), "line {s} not trimmed");
        assert!(line.page >= 1 && line.page as usize <= l.pages.len());
        let page = l.pages[line.page as usize - 1].span;
        assert!(page.contains(s), "line {s} outside its page {page}");
        for b in &mut covered[s.range()] {
            *b += 1;
        }
    }
    for (i, c) in text.char_indices() {
        let want = u8::from(!c.is_whitespace());
        if want == 1 {
            assert_eq!(
                covered[i], 1,
                "byte {i} ({c:?}) covered {} times",
                covered[i]
            );
        }
        for b in &covered[i..i + c.len_utf8()] {
            assert!(*b <= 1, "byte {i} covered twice");
        }
    }
}
