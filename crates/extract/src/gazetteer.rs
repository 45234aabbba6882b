//! Name lists the tagger looks words up in: places, given names, surnames, English words, the
//! words that end organisations' names.
//!
//! Entries are stored as 64-bit hashes of their lower-cased tokens (see [`crate::hash`]), so a
//! look-up of a token sequence allocates nothing. Built once, on first use.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::hash::{hash_lower, mix};
use crate::token::tokenize;

static PLACES: &str = include_str!("../data/places.txt");
static SURNAMES: &str = include_str!("../data/surnames.txt");
static FIRST_NAMES: &str = include_str!("../../../data/first-names.txt");
static WORDS: &str = include_str!("../../../data/words-en.txt");
static ORG_WORDS: &str = include_str!("../data/org-words.txt");

/// The longest place name looked up, in tokens.
pub const MAX_PLACE_TOKENS: usize = 4;

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A set of 64-bit hashes.
pub type HashSet64 = HashSet<u64, BuildHasherDefault<IdHasher>>;

/// The built-in name lists.
pub struct Gazetteers {
    /// Places: hashes of whole names, multi-token names combined with [`mix`].
    pub places: HashSet64,
    /// Given names (lower-case hashes).
    pub first_names: HashSet64,
    /// Surnames.
    pub surnames: HashSet64,
    /// English words (lower case; proper nouns included, lower-cased).
    pub words: HashSet64,
    /// Words that end the names of organisations ("Commission", "Party", "Ltd").
    pub org_words: HashSet64,
}

/// Hash of a token sequence, as stored for multi-token names.
pub fn seq_hash<'a>(tokens: impl IntoIterator<Item = &'a str>) -> u64 {
    tokens
        .into_iter()
        .fold(0x51_7cc1_b727_220a, |h, t| mix(h, hash_lower(t)))
}

fn single(list: &str) -> HashSet64 {
    list.lines()
        .filter(|l| !l.is_empty())
        .map(hash_lower)
        .collect()
}

impl Gazetteers {
    /// The lists shipped with the crate (see `crates/extract/data/README.md`).
    pub fn builtin() -> &'static Gazetteers {
        static G: OnceLock<Gazetteers> = OnceLock::new();
        G.get_or_init(|| {
            let mut places = HashSet64::default();
            for line in PLACES.lines() {
                let toks = tokenize(line);
                if toks.is_empty() || toks.len() > MAX_PLACE_TOKENS {
                    continue;
                }
                places.insert(seq_hash(toks.iter().map(|t| t.text(line))));
            }
            Gazetteers {
                places,
                first_names: single(FIRST_NAMES),
                surnames: single(SURNAMES),
                words: single(WORDS),
                org_words: single(ORG_WORDS),
            }
        })
    }
}
