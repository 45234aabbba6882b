//! Invariant checks shared by the golden and property tests.

use cuttings_model::{Line, Source};
use cuttings_repair::Repaired;

/// Checks every invariant of a repair of `lines` of `src`; panics with a message when one fails.
pub fn check_invariants(src: &Source, lines: &[Line], out: &Repaired) {
    let text = &out.text;
    assert_eq!(text.trim(), text.as_str(), "no surrounding white space");
    assert!(
        !text.contains("\n\n\n"),
        "one blank line between paragraphs"
    );
    // Map: in bounds, sorted, copies the very bytes.
    let mut last_end = 0;
    for &(b, s, len) in &out.map.runs {
        assert!(b >= last_end, "runs sorted and non-overlapping");
        last_end = b + len;
        assert!(
            b + len <= text.len() && s + len <= src.text.len(),
            "run in bounds"
        );
        assert_eq!(
            &text.as_bytes()[b..b + len],
            &src.text.as_bytes()[s..s + len],
            "run copies"
        );
    }
    // Paragraphs: in order, in bounds, and separated by exactly "\n\n".
    let mut prev = None::<usize>;
    for p in &out.paragraphs {
        assert!(
            p.end <= text.len() && p.start < p.end,
            "paragraph in bounds"
        );
        if let Some(e) = prev {
            assert_eq!(&text[e..p.start], "\n\n", "paragraph separator");
        } else {
            assert_eq!(p.start, 0);
        }
        prev = Some(p.end);
    }
    assert_eq!(prev.unwrap_or(0), text.len(), "paragraphs cover the text");
    // Nothing lost: every non-white-space char of the body, hyphens aside, in order.
    let keep = |c: &char| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}' | '\u{00AD}');
    let want: String = lines
        .iter()
        .flat_map(|l| src.slice(l.span).chars())
        .filter(keep)
        .collect();
    let got: String = text.chars().filter(keep).collect();
    assert_eq!(got, want, "every char kept");
}
