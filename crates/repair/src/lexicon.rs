//! The shipped English word list (`data/words-en.txt`, built by `scripts/build-wordlist.sh`).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::words::FxBuild;

/// The word list, one lower-case word a line; see `data/README.md` for its origin and licence.
static WORDS: &str = include_str!("../../../data/words-en.txt");

/// A set of lower-case English words: SCOWL's "huge" American and British lists, merged.
///
/// Loaded once, on first use of [`Lexicon::builtin`]; lookups are hash lookups.
#[derive(Debug)]
pub struct Lexicon {
    words: HashSet<&'static str, FxBuild>,
}

impl Lexicon {
    /// The shipped list (about 286,000 words), parsed on first use.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::from_list(WORDS))
    }

    /// A lexicon from a list of lower-case words, one a line (blank lines are ignored).
    pub fn from_list(list: &'static str) -> Lexicon {
        let mut words =
            HashSet::with_capacity_and_hasher(count_lines(list.as_bytes()) + 1, FxBuild::default());
        words.extend(list.lines().map(str::trim).filter(|w| !w.is_empty()));
        Lexicon { words }
    }

    /// True when `lowercase_word` is in the list; the caller lower-cases, and a typographic
    /// apostrophe (`’`) is looked up as `'`.
    pub fn contains(&self, lowercase_word: &str) -> bool {
        if lowercase_word.contains('\u{2019}') {
            return self
                .words
                .contains(lowercase_word.replace('\u{2019}', "'").as_str());
        }
        self.words.contains(lowercase_word)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Number of line feeds in `bytes`.
fn count_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_knows_common_words_and_not_junk() {
        let lex = Lexicon::builtin();
        assert!(lex.len() > 200_000);
        for w in ["redundancies", "workforce", "american", "the", "o'clock"] {
            assert!(lex.contains(w), "{w}");
        }
        for w in ["growthoriented", "workpractice", "poorlyreceived", ""] {
            assert!(!lex.contains(w), "{w}");
        }
        assert!(lex.contains("o\u{2019}clock"));
    }
}
