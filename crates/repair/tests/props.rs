//! Property tests: repair never panics, keeps its invariants, and is idempotent.

mod common;

use cuttings_model::{Flavor, Source};
use cuttings_repair::{plain_lines, repair, vocabulary};
use proptest::prelude::*;

/// Text made of words that exercise the rules: hyphens, compounds, quotes, numbers, sentence ends.
fn dump() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("the".to_string()),
        Just("Ti-".to_string()),
        Just("rana".to_string()),
        Just("self-".to_string()),
        Just("styled".to_string()),
        Just("Iran-".to_string()),
        Just("growthoriented".to_string()),
        Just("workforce".to_string()),
        Just("alSabah".to_string()),
        Just("4,000-".to_string()),
        Just("\u{201C}Rajavi\u{2019}s".to_string()),
        Just("end.\u{201D}".to_string()),
        Just("said:".to_string()),
        Just("-".to_string()),
        Just("\u{00AD}".to_string()),
        Just("é-".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n   ".to_string()),
        Just("\x0c".to_string()),
        Just("\r\n".to_string()),
        "[a-zA-Z]{1,12}[.,?!]?",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.join(" "))
}

fn flavors() -> impl Strategy<Value = Flavor> {
    prop_oneof![
        Just(Flavor::Raw),
        Just(Flavor::Layout),
        Just(Flavor::Seedlike),
        Just(Flavor::Plain)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn invariants_and_idempotence(text in dump(), flavor in flavors()) {
        let src = Source::from_text("p", text);
        let lines = plain_lines(&src);
        let out = repair(&src, &lines, flavor, &vocabulary(&src, &lines));
        common::check_invariants(&src, &lines, &out);

        let again_src = Source::from_text("again", out.text.clone());
        let again_lines = plain_lines(&again_src);
        let again = repair(&again_src, &again_lines, Flavor::Plain, &vocabulary(&again_src, &again_lines));
        prop_assert_eq!(&again.text, &out.text);
        prop_assert_eq!(again.paragraphs, out.paragraphs);
    }
}
