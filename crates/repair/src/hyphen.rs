//! Hyphenation decisions: keep or drop a line-end hyphen, restore one `pdftotext` removed.
//!
//! Both decisions ask the same witnesses in the same order: the document itself (a form printed
//! whole elsewhere wins), then the [`Lexicon`], then a default. Neither knows about lines or
//! offsets; [`crate::repair`] applies them.

use crate::words::key;
use crate::{Lexicon, Vocabulary};

/// Prefixes that are usually followed by a hyphen when the rest is a word on its own.
const HYPHEN_PREFIXES: &[&str] = &[
    "self", "ex", "non", "anti", "co", "pre", "post", "well", "cross", "half", "all", "semi",
    "multi", "pro", "counter", "mid", "ill", "quasi", "ultra", "inter", "intra", "neo", "pan",
    "vice", "off", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "long", "short", "full", "part", "high", "low", "far", "near", "so", "re",
];

/// Endings that are suffixes rather than words of a compound ("-ness", "-ship").
const SUFFIXES: &[&str] = &[
    "ing", "ings", "ness", "less", "ment", "ments", "ship", "ships", "ful", "able", "ible", "ism",
    "isms", "ist", "ists", "ity", "ous", "ive", "est", "ers", "ion", "ions", "tion", "ties",
    "ally", "ance", "ence", "ised", "ized", "ise", "ize", "ward", "wards", "wise", "like",
];

/// Decides a soft line-end hyphen: `prefix` is the last token of a line (ending in a hyphen after a
/// letter), `suffix` the first token of the next line. Returns true to keep the hyphen
/// (`self-styled`), false to join without it (`Tirana`).
pub(crate) fn keep_line_end_hyphen(
    prefix: &str,
    suffix: &str,
    vocab: &Vocabulary,
    lex: &Lexicon,
) -> bool {
    let Some(first) = suffix.chars().next() else {
        return true;
    };
    if !first.is_alphabetic() {
        return true; // "mid-/1990s"
    }
    let p_start = prefix.find(char::is_alphanumeric).unwrap_or(0);
    let p_end = prefix
        .char_indices()
        .next_back()
        .map_or(prefix.len(), |(i, _)| i);
    let p_full = &prefix[p_start..p_end];
    if p_full.is_empty() || p_full.chars().any(|c| c.is_ascii_digit()) {
        return true; // "4,000-/strong"
    }
    let s_full = match crate::words::core(suffix) {
        Some((s, e)) if s == 0 => &suffix[s..e],
        _ => return true,
    };
    let joined = key(&concat(&[p_full, s_full]));
    let hyphened = key(&concat(&[p_full, "-", s_full]));
    let (cj, ch) = (vocab.count(&joined), vocab.count(&hyphened));
    if cj != ch {
        return ch > cj;
    }
    if first.is_uppercase() {
        return true; // "Iran-/Iraq", unless the document prints "TimeWarner"
    }
    let p_seg = p_full.rsplit('-').next().unwrap_or(p_full);
    let p = key(p_seg);
    let s = key(s_full.split('-').next().unwrap_or(s_full));
    if lex.contains(&concat(&[&p, &s])) {
        return false;
    }
    if !lex.contains(&s) || s.len() < 2 {
        return false;
    }
    if HYPHEN_PREFIXES.contains(&p.as_str()) {
        return true;
    }
    if p_seg.starts_with(char::is_uppercase) {
        // A name before a lower-case word: "France-/based" but "Clutter-/buck".
        return is_participle(&s, lex);
    }
    p.len() >= 2 && s.len() >= 3 && lex.contains(&p) && !SUFFIXES.contains(&s.as_str())
}

/// The parts, one after the other.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// Where to restore a hyphen that `pdftotext` removed from the compound `word` (a token's core,
/// printed on a long line): the byte offset in `word` of the second part, or `None` to keep it.
pub(crate) fn restore_compound(word: &str, vocab: &Vocabulary, lex: &Lexicon) -> Option<usize> {
    if word.len() < 5 || !word.chars().all(|c| c.is_alphabetic() || c == '-') {
        return None;
    }
    let whole = key(word);
    if vocab.count_normal(&whole) > 0 {
        return None; // printed joined elsewhere, on a line pdftotext did not touch
    }
    let seen_joined_twice = vocab.count(&whole) >= 2;
    // Printed hyphenated elsewhere in the document ("work-practice").
    if whole.len() != word.len() {
        return None; // offsets of the lower-cased form would not fit the printed one
    }
    let bare = if whole.contains('-') {
        whole.replace('-', "")
    } else {
        whole.clone()
    };
    if let Some(h) = vocab.hyphenated(&bare) {
        if let Some(i) = first_new_hyphen(&whole, h) {
            return Some(i);
        }
    }
    if seen_joined_twice {
        return None; // two line-end breaks of the same word are unlikely; a real word is not
    }
    // One part per segment: the lexicon.
    let mut seg_start = 0;
    for seg in word.split('-') {
        let off = seg_start;
        seg_start += seg.len() + 1;
        if seg.len() < 5 {
            continue;
        }
        if let Some(i) = camel_split(seg) {
            return Some(off + i);
        }
        let lower = key(seg);
        if lex.contains(&lower) || lower.len() != seg.len() {
            continue;
        }
        if seg.chars().skip(1).any(char::is_uppercase) {
            continue;
        }
        let capital = seg.starts_with(char::is_uppercase);
        let mut best = None;
        for i in (2..=lower.len().saturating_sub(3)).rev() {
            if !lower.is_char_boundary(i) {
                continue;
            }
            let (l, r) = lower.split_at(i);
            if r.len() < 3 || SUFFIXES.contains(&r) {
                continue;
            }
            if l.len() < 3 && !HYPHEN_PREFIXES.contains(&l) {
                continue;
            }
            if capital && !is_participle(r, lex) {
                continue; // names: "Norwegianowned" but not "Catwoman"
            }
            if lex.contains(l) && lex.contains(r) {
                best = Some(i);
                break; // the longest second part
            }
        }
        if let Some(i) = best {
            return Some(off + i);
        }
    }
    None
}

/// The offset in `joined` before which `hyphenated` has a hyphen that `joined` lacks.
fn first_new_hyphen(joined: &str, hyphenated: &str) -> Option<usize> {
    let mut j = joined.char_indices().peekable();
    for h in hyphenated.chars() {
        match j.peek() {
            Some(&(_, c)) if c == h => {
                j.next();
            }
            Some(&(i, _)) if h == '-' => return (i > 0).then_some(i),
            _ => return None,
        }
    }
    None
}

/// Past participles that follow a name in compounds ("France-based", "Chinese-made").
fn is_participle(word: &str, lex: &Lexicon) -> bool {
    const IRREGULAR: &[&str] = &[
        "made", "born", "built", "run", "led", "held", "grown", "known", "bred", "won", "sold",
        "bought", "hit", "struck", "torn", "driven", "written", "taken", "given", "shaken",
    ];
    (word.len() >= 4 && word.ends_with("ed") && lex.contains(word)) || IRREGULAR.contains(&word)
}

/// A lower-to-upper case change inside a word ("alSabah", "HalfLife"): where the second part
/// starts, unless the first part is a name prefix ("McDonald", "DeLorean").
fn camel_split(seg: &str) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in seg.char_indices() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() {
                let first = &seg[..i];
                let rest_lower = seg[i..].chars().skip(1).all(char::is_lowercase);
                let name = matches!(
                    first,
                    "Mc" | "Mac" | "De" | "Di" | "Da" | "Du" | "La" | "Le" | "Van" | "Von" | "O"
                );
                return (first.chars().count() >= 2 && rest_lower && !name).then_some(i);
            }
        }
        prev = Some(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static Lexicon {
        Lexicon::builtin()
    }

    #[test]
    fn soft_hyphens_default_to_join() {
        let v = Vocabulary::default();
        assert!(!keep_line_end_hyphen("Ti-", "rana", &v, lex()));
        assert!(!keep_line_end_hyphen("redun-", "dancies,", &v, lex()));
        assert!(!keep_line_end_hyphen("\u{201C}Ameri-", "can", &v, lex()));
        assert!(!keep_line_end_hyphen("Raja-", "vi's", &v, lex()));
        assert!(!keep_line_end_hyphen("ex-", "tent", &v, lex()));
    }

    #[test]
    fn real_hyphens_are_kept() {
        let v = Vocabulary::default();
        assert!(keep_line_end_hyphen("self-", "styled", &v, lex()));
        assert!(keep_line_end_hyphen("Iran-", "Iraq", &v, lex()));
        assert!(keep_line_end_hyphen("France-", "based", &v, lex()));
        assert!(keep_line_end_hyphen("growth-", "oriented", &v, lex()));
        assert!(keep_line_end_hyphen("4,000-", "strong", &v, lex()));
        assert!(keep_line_end_hyphen("19-year-", "old", &v, lex()));
    }

    #[test]
    fn document_vocabulary_wins() {
        let mut v = Vocabulary::default();
        assert!(!keep_line_end_hyphen("co-", "ordinate", &v, lex()));
        v.add_for_test("co-ordinate");
        assert!(keep_line_end_hyphen("co-", "ordinate", &v, lex()));
        v.add_for_test("selfstyled");
        v.add_for_test("selfstyled");
        assert!(!keep_line_end_hyphen("self-", "styled", &v, lex()));
    }

    #[test]
    fn compounds_restored() {
        let v = Vocabulary::default();
        let r =
            |w: &str| restore_compound(w, &v, lex()).map(|i| format!("{}-{}", &w[..i], &w[i..]));
        assert_eq!(r("growthoriented").as_deref(), Some("growth-oriented"));
        assert_eq!(r("poorlyreceived").as_deref(), Some("poorly-received"));
        assert_eq!(r("workpractice").as_deref(), Some("work-practice"));
        assert_eq!(r("alSabah").as_deref(), Some("al-Sabah"));
        assert_eq!(r("Norwegianowned").as_deref(), Some("Norwegian-owned"));
        for w in [
            "workforce",
            "redundancies",
            "chokepoint",
            "spokesman",
            "McDonald",
            "Tirana",
        ] {
            assert_eq!(r(w), None, "{w}");
        }
    }

    #[test]
    fn names_are_not_split() {
        let v = Vocabulary::default();
        for w in ["Catwoman", "Paltrow", "Rennard", "Slimfast", "Clutterbuck"] {
            assert_eq!(restore_compound(w, &v, lex()), None, "{w}");
        }
    }

    #[test]
    fn compounds_follow_the_document() {
        let mut v = Vocabulary::default();
        v.add_for_test("work-practice");
        assert_eq!(restore_compound("workpractice", &v, lex()), Some(4));
        let mut v = Vocabulary::default();
        v.add_for_test("growthoriented");
        assert_eq!(restore_compound("growthoriented", &v, lex()), None);
    }
}
