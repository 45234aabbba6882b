//! Property tests: `layout` keeps its invariants and `decode` never panics, on any input.

mod invariants;

use cuttings_read::{decode, layout, Source};
use proptest::prelude::*;

/// Text made of pieces that stress the reader: columns, form feeds, CR, tabs, multi-byte chars.
fn dump() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("word".to_string()),
        Just(" ".to_string()),
        Just("    ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\x0c".to_string()),
        Just("\t".to_string()),
        Just("hy-\n".to_string()),
        Just("caf\u{e9} \u{201c}q\u{201d}".to_string()),
        Just("\u{a0}\u{2028}\u{85}".to_string()),
        Just("\n ".to_string()),
        "[a-z]{1,12}",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn layout_keeps_invariants(text in dump()) {
        let l = layout(&Source::from_text("p", text.clone()));
        invariants::check(&text, &l);
    }

    #[test]
    fn layout_keeps_invariants_on_any_string(text in "\\PC*") {
        let l = layout(&Source::from_text("p", text.clone()));
        invariants::check(&text, &l);
    }

    #[test]
    fn columns_keep_invariants(rows in prop::collection::vec(
        prop::collection::vec(prop_oneof!["[a-z]{1,8}", Just("  ".to_string()), Just("     ".to_string()), Just(" ".to_string())], 0..20),
        1..40,
    )) {
        // Many rows with wide gaps, so Layout is detected and columns are searched for.
        let text = rows.iter().map(|r| r.concat()).collect::<Vec<_>>().join("\n") + "\n\x0c";
        let l = layout(&Source::from_text("p", text.clone()));
        invariants::check(&text, &l);
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(src) = decode("p", &bytes) {
            invariants::check(&src.text, &layout(&src));
        }
    }
}
