//! Property tests: tokenizing, tagging, linking and quoting never panic on any text, and every
//! span they return is in bounds, on char boundaries, sorted and not overlapping.

use cuttings_extract::token::{sentences_into, tokenize};
use cuttings_extract::{char_offsets, extract, name_key};
use proptest::prelude::*;

/// Text made of pieces that exercise the rules: names, titles, parentheses, quotes, hyphens.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mrs.".to_string()),
        Just("Rajavi".to_string()),
        Just("Maryam Rajavi".to_string()),
        Just("(MEK, MKO, the Cult)".to_string()),
        Just("(NCRI) in".to_string()),
        Just("National Council".to_string()),
        Just("Mojahedin-e".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{201D}".to_string()),
        Just("\"".to_string()),
        Just("said".to_string()),
        Just("She says:".to_string()),
        Just("tweeted one user.".to_string()),
        Just("U.S.".to_string()),
        Just("don\u{2019}t".to_string()),
        Just("’s".to_string()),
        Just("[4]".to_string()),
        Just("\n\n".to_string()),
        Just("é-".to_string()),
        "[A-Z][a-z]{0,8}[.,?!:]?",
        "[a-z]{1,8}",
        "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn spans_are_valid(text in text()) {
        let tokens = tokenize(&text);
        let mut prev = 0;
        for t in &tokens {
            prop_assert!(prev <= t.start && t.start < t.end && t.end <= text.len());
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prev = t.end;
        }
        let mut sentences = Vec::new();
        sentences_into(&text, &tokens, &mut sentences);
        let covered: usize = sentences.iter().map(|s| s.len()).sum();
        prop_assert_eq!(covered, tokens.len());

        let x = extract(&text).unwrap();
        let mut prev = 0;
        for m in &x.mentions {
            prop_assert!(prev <= m.start && m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.group < x.groups.len());
            prev = m.end;
        }
        for g in &x.groups {
            prop_assert!(!g.mentions.is_empty());
            prop_assert!(g.aliases.contains(&g.name));
        }
        for q in &x.quotes {
            prop_assert!(q.start <= q.end && q.end <= text.len());
            if let Some(s) = &q.speaker {
                prop_assert!(s.start < s.end && s.end <= text.len());
                prop_assert!(s.group.is_none_or(|g| g < x.groups.len()));
            }
        }
        let offsets: Vec<usize> = x.mentions.iter().flat_map(|m| [m.start, m.end]).collect();
        let chars = char_offsets(&text, &offsets);
        for (c, b) in chars.iter().zip(&offsets) {
            prop_assert_eq!(*c, text[..*b].chars().count());
        }
    }

    #[test]
    fn any_text_has_a_key(s in "\\PC{0,40}") {
        let k = name_key(&s);
        prop_assert_eq!(name_key(&s), k);
    }
}
