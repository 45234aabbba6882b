//! Name lists the tagger looks words up in: places, given names, surnames, English words, the
//! words that end organisations' names.
//!
//! Entries are stored as 64-bit hashes of their lower-cased tokens (see [`crate::hash`]), so a
//! look-up of a token sequence allocates nothing. Built once, on first use.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::hash::{hash_exact, hash_lower, mix};
use crate::token::tokenize;

static PLACES: &str = include_str!("../data/places.txt");
static SURNAMES: &str = include_str!("../data/surnames.txt");
static FIRST_NAMES: &str = include_str!("../../../data/first-names.txt");
static WORDS: &str = include_str!("../../../data/words-en.txt");
static ORG_WORDS: &str = include_str!("../data/org-words.txt");
static CASED_WORDS: &str = include_str!("../data/cased-words.txt");
static CLUSTERS: &str = include_str!("../data/clusters.txt");

/// Word → Brown cluster (see [`Gazetteers::cluster`]).
pub type ClusterMap = std::collections::HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

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

/// A fixed set of 64-bit hashes, for look-ups only: one flat array probed linearly.
///
/// The tagger looks every token up in several of these, at random: a look-up here reads one
/// cache line where a `HashSet` reads two (control bytes, then the key), and the array is backed
/// by huge pages where the system allows it (issue #2, ingest speed). Answers as a `HashSet`.
pub struct HashTable64 {
    /// Zero marks an empty slot; the key zero itself is `has_zero`.
    slots: Vec<u64>,
    mask: usize,
    has_zero: bool,
}

impl HashTable64 {
    /// The set of `keys` (duplicates allowed).
    pub fn new(keys: impl IntoIterator<Item = u64>) -> HashTable64 {
        let keys: Vec<u64> = keys.into_iter().collect();
        // At most three quarters full.
        let len = (keys.len() * 4 / 3 + 1).next_power_of_two().max(8);
        let mut slots = vec![0u64; len];
        crate::ner::advise_huge_pages(&mut slots);
        let mut table = HashTable64 {
            slots,
            mask: len - 1,
            has_zero: false,
        };
        for k in keys {
            if k == 0 {
                table.has_zero = true;
                continue;
            }
            let mut i = table.start(k);
            while table.slots[i] != 0 && table.slots[i] != k {
                i = (i + 1) & table.mask;
            }
            table.slots[i] = k;
        }
        table
    }

    #[inline]
    fn start(&self, k: u64) -> usize {
        // The keys are hashes already; the multiply spreads any pattern in their low bits.
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    /// Whether `k` is in the set.
    #[inline]
    pub fn contains(&self, k: &u64) -> bool {
        let k = *k;
        if k == 0 {
            return self.has_zero;
        }
        let mut i = self.start(k);
        loop {
            match self.slots[i] {
                0 => return false,
                s if s == k => return true,
                _ => i = (i + 1) & self.mask,
            }
        }
    }
}

/// The built-in name lists.
pub struct Gazetteers {
    /// Places: hashes of whole names, multi-token names combined with [`mix`].
    pub places: HashTable64,
    /// Given names (lower-case hashes).
    pub first_names: HashTable64,
    /// Surnames.
    pub surnames: HashTable64,
    /// English words (lower case; proper nouns included, lower-cased).
    pub words: HashTable64,
    /// Words that end the names of organisations ("Commission", "Party", "Ltd").
    pub org_words: HashTable64,
    /// Words the dictionary writes only capitalised ("Barnsley"), never in lower case.
    pub title_words: HashTable64,
    /// Words the dictionary writes in capitals ("NATO"), never in lower case.
    pub upper_words: HashTable64,
    /// Brown clusters by [`hash_exact`] of the word as listed.
    clusters_exact: ClusterMap,
    /// The clusters of the words listed capitalised ("Barrick"), by [`hash_lower`].
    clusters_title: ClusterMap,
    /// The clusters of the words listed in lower case, by [`hash_lower`].
    clusters_lower: ClusterMap,
}

/// True when `name` is in the place list (countries, capitals, cities...).
pub fn is_known_place(name: &str) -> bool {
    let toks = tokenize(name);
    !toks.is_empty()
        && toks.len() <= MAX_PLACE_TOKENS
        && Gazetteers::builtin()
            .places
            .contains(&seq_hash(toks.iter().map(|t| t.text(name))))
}

/// Hash of a token sequence, as stored for multi-token names.
pub fn seq_hash<'a>(tokens: impl IntoIterator<Item = &'a str>) -> u64 {
    seq_hash_of_lower(tokens.into_iter().map(hash_lower))
}

/// [`seq_hash`] of tokens given by their [`hash_lower`]s (a tagger has them already).
pub fn seq_hash_of_lower(lower_hashes: impl IntoIterator<Item = u64>) -> u64 {
    lower_hashes.into_iter().fold(0x51_7cc1_b727_220a, mix)
}

fn single(list: &str) -> HashTable64 {
    HashTable64::new(list.lines().filter(|l| !l.is_empty()).map(hash_lower))
}

impl Gazetteers {
    /// The lists shipped with the crate (see `crates/extract/data/README.md`).
    pub fn builtin() -> &'static Gazetteers {
        static G: OnceLock<Gazetteers> = OnceLock::new();
        G.get_or_init(|| {
            let mut places = Vec::new();
            for line in PLACES.lines() {
                let toks = tokenize(line);
                if toks.is_empty() || toks.len() > MAX_PLACE_TOKENS {
                    continue;
                }
                places.push(seq_hash(toks.iter().map(|t| t.text(line))));
            }
            Gazetteers {
                places: HashTable64::new(places),
                first_names: single(FIRST_NAMES),
                surnames: single(SURNAMES),
                words: single(WORDS),
                org_words: single(ORG_WORDS),
                title_words: HashTable64::new(
                    CASED_WORDS
                        .lines()
                        .filter(|w| w.bytes().any(|b| b.is_ascii_lowercase()))
                        .map(hash_lower),
                ),
                upper_words: HashTable64::new(
                    CASED_WORDS
                        .lines()
                        .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_lowercase()))
                        .map(hash_lower),
                ),
                clusters_exact: clusters(|w| Some(hash_exact(w))),
                clusters_title: clusters(|w| {
                    let mut cs = w.chars();
                    let first = cs.next()?;
                    (first.is_uppercase() && cs.all(|c| !c.is_uppercase())).then(|| hash_lower(w))
                }),
                clusters_lower: clusters(|w| {
                    (!w.chars().any(char::is_uppercase)).then(|| hash_lower(w))
                }),
            }
        })
    }

    /// The Brown cluster of a word (`exact` = [`hash_exact`], `lower` = [`hash_lower`] of it):
    /// the word's own, else, for a word with capitals, that of its capitalised form ("BARRICK"
    /// → "Barrick"), else that of its lower-case form; 0 when it has none. The bits of a cluster
    /// are its path in the cluster tree, first step lowest, under a leading 1.
    pub fn cluster(&self, exact: u64, lower: u64) -> u32 {
        self.clusters_exact
            .get(&exact)
            .or_else(|| self.clusters_title.get(&lower))
            .or_else(|| self.clusters_lower.get(&lower))
            .copied()
            .unwrap_or(0)
    }
}

/// The clusters of `CLUSTERS` (`word<TAB>cluster` lines) under the keys `key` gives (words it
/// gives none for are left out); the first line wins a key.
fn clusters(key: impl Fn(&str) -> Option<u64>) -> ClusterMap {
    let mut map = ClusterMap::default();
    for line in CLUSTERS.lines() {
        let Some((w, c)) = line.split_once('\t') else {
            continue;
        };
        let (Some(k), Ok(c)) = (key(w), c.parse::<u32>()) else {
            continue;
        };
        map.entry(k).or_insert(c);
    }
    map
}
