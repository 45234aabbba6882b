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
    clusters_exact: FlatMap<u32>,
    /// What the lists above and the clusters say of a word, by [`hash_lower`]: the tagger's
    /// one look-up per token (see [`Gazetteers::word`]).
    lexicon: FlatMap<Word>,
}

/// What the name lists and the word clusters say of a word (by its lower-case form).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// [`Word::FIRST_NAME`], [`Word::SURNAME`]... : the lists that have it.
    pub(crate) lists: u32,
    /// The cluster of the word listed capitalised ("Barrick"); 0 if none.
    pub(crate) cluster_title: u32,
    /// The cluster of the word listed in lower case; 0 if none.
    pub(crate) cluster_lower: u32,
}

impl Word {
    /// In [`Gazetteers::first_names`].
    pub(crate) const FIRST_NAME: u32 = 1;
    /// In [`Gazetteers::surnames`].
    pub(crate) const SURNAME: u32 = 1 << 1;
    /// In [`Gazetteers::words`].
    pub(crate) const WORD: u32 = 1 << 2;
    /// In [`Gazetteers::org_words`].
    pub(crate) const ORG_WORD: u32 = 1 << 3;
    /// In [`Gazetteers::title_words`].
    pub(crate) const TITLE_WORD: u32 = 1 << 4;
    /// In [`Gazetteers::upper_words`].
    pub(crate) const UPPER_WORD: u32 = 1 << 5;
}

/// A fixed map from 64-bit hashes to small values, for look-ups only: one flat array of
/// key-value pairs probed linearly, as [`HashTable64`] (issue #16: one probe per token instead of
/// one per list).
pub(crate) struct FlatMap<V> {
    /// Key zero marks an empty slot; the key zero itself is `zero`.
    slots: Vec<(u64, V)>,
    mask: usize,
    zero: Option<V>,
}

impl<V: Copy + Default> FlatMap<V> {
    /// The map of `entries`; a key given again has its values combined by `merge`.
    pub(crate) fn new(entries: Vec<(u64, V)>, merge: impl Fn(&mut V, V)) -> FlatMap<V> {
        let len = (entries.len() * 4 / 3 + 1).next_power_of_two().max(8);
        // advised before it is written (see `advise_huge_pages`)
        let mut slots = Vec::with_capacity(len);
        crate::ner::advise_huge_pages(slots.spare_capacity_mut());
        slots.resize(len, (0u64, V::default()));
        let mut map = FlatMap {
            slots,
            mask: len - 1,
            zero: None,
        };
        for (k, v) in entries {
            if k == 0 {
                match &mut map.zero {
                    Some(old) => merge(old, v),
                    None => map.zero = Some(v),
                }
                continue;
            }
            let mut i = map.start(k);
            loop {
                let slot = &mut map.slots[i];
                if slot.0 == 0 {
                    *slot = (k, v);
                    break;
                }
                if slot.0 == k {
                    merge(&mut slot.1, v);
                    break;
                }
                i = (i + 1) & map.mask;
            }
        }
        map
    }

    #[inline]
    fn start(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & self.mask
    }

    /// The value of `k`, if it is in the map.
    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<V> {
        if k == 0 {
            return self.zero;
        }
        let mut i = self.start(k);
        loop {
            match self.slots[i] {
                (0, _) => return None,
                (s, v) if s == k => return Some(v),
                _ => i = (i + 1) & self.mask,
            }
        }
    }
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
            let list = |l: &str| -> Vec<u64> {
                l.lines()
                    .filter(|l| !l.is_empty())
                    .map(hash_lower)
                    .collect()
            };
            let (first_names, surnames, words, org_words) = (
                list(FIRST_NAMES),
                list(SURNAMES),
                list(WORDS),
                list(ORG_WORDS),
            );
            let title_words: Vec<u64> = CASED_WORDS
                .lines()
                .filter(|w| w.bytes().any(|b| b.is_ascii_lowercase()))
                .map(hash_lower)
                .collect();
            let upper_words: Vec<u64> = CASED_WORDS
                .lines()
                .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_lowercase()))
                .map(hash_lower)
                .collect();
            let clusters_title = clusters(|w| {
                let mut cs = w.chars();
                let first = cs.next()?;
                (first.is_uppercase() && cs.all(|c| !c.is_uppercase())).then(|| hash_lower(w))
            });
            let clusters_lower =
                clusters(|w| (!w.chars().any(char::is_uppercase)).then(|| hash_lower(w)));
            let mut lexicon = Vec::new();
            for (keys, bit) in [
                (&first_names, Word::FIRST_NAME),
                (&surnames, Word::SURNAME),
                (&words, Word::WORD),
                (&org_words, Word::ORG_WORD),
                (&title_words, Word::TITLE_WORD),
                (&upper_words, Word::UPPER_WORD),
            ] {
                lexicon.extend(keys.iter().map(|&k| {
                    let w = Word {
                        lists: bit,
                        ..Word::default()
                    };
                    (k, w)
                }));
            }
            lexicon.extend(clusters_title.into_iter().map(|(k, c)| {
                let w = Word {
                    cluster_title: c,
                    ..Word::default()
                };
                (k, w)
            }));
            lexicon.extend(clusters_lower.into_iter().map(|(k, c)| {
                let w = Word {
                    cluster_lower: c,
                    ..Word::default()
                };
                (k, w)
            }));
            Gazetteers {
                places: HashTable64::new(places),
                first_names: HashTable64::new(first_names),
                surnames: HashTable64::new(surnames),
                words: HashTable64::new(words),
                org_words: HashTable64::new(org_words),
                title_words: HashTable64::new(title_words),
                upper_words: HashTable64::new(upper_words),
                clusters_exact: FlatMap::new(clusters(|w| Some(hash_exact(w))), |_, _| {}),
                lexicon: FlatMap::new(lexicon, |old, new| {
                    old.lists |= new.lists;
                    old.cluster_title = old.cluster_title.max(new.cluster_title);
                    old.cluster_lower = old.cluster_lower.max(new.cluster_lower);
                }),
            }
        })
    }

    /// The Brown cluster of a word (`exact` = [`hash_exact`], `lower` = [`hash_lower`] of it):
    /// the word's own, else, for a word with capitals, that of its capitalised form ("BARRICK"
    /// → "Barrick"), else that of its lower-case form; 0 when it has none. The bits of a cluster
    /// are its path in the cluster tree, first step lowest, under a leading 1.
    pub fn cluster(&self, exact: u64, lower: u64) -> u32 {
        self.cluster_of(exact, self.word(lower))
    }

    /// [`Gazetteers::cluster`] of a word whose [`Gazetteers::word`] is known.
    #[inline]
    pub(crate) fn cluster_of(&self, exact: u64, word: Word) -> u32 {
        match self.clusters_exact.get(exact) {
            Some(c) => c,
            None if word.cluster_title != 0 => word.cluster_title,
            None => word.cluster_lower,
        }
    }

    /// What the lists say of the word whose [`hash_lower`] is `lower`.
    #[inline]
    pub(crate) fn word(&self, lower: u64) -> Word {
        self.lexicon.get(lower).unwrap_or_default()
    }
}

/// The clusters of `CLUSTERS` (`word<TAB>cluster` lines) under the keys `key` gives (words it
/// gives none for are left out); the first line wins a key.
fn clusters(key: impl Fn(&str) -> Option<u64>) -> Vec<(u64, u32)> {
    let mut seen = HashSet64::default();
    let mut out = Vec::new();
    for line in CLUSTERS.lines() {
        let Some((w, c)) = line.split_once('\t') else {
            continue;
        };
        let (Some(k), Ok(c)) = (key(w), c.parse::<u32>()) else {
            continue;
        };
        if seen.insert(k) {
            out.push((k, c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cluster of a word as looked up before issue #16: the exact form, the capitalised
    /// form, the lower-case form, each in a map of its own.
    fn reference_cluster(w: &str) -> u32 {
        let lists = [
            clusters(|x| Some(hash_exact(x))),
            clusters(|x| {
                let mut cs = x.chars();
                let first = cs.next()?;
                (first.is_uppercase() && cs.all(|c| !c.is_uppercase())).then(|| hash_lower(x))
            }),
            clusters(|x| (!x.chars().any(char::is_uppercase)).then(|| hash_lower(x))),
        ];
        let keys = [hash_exact(w), hash_lower(w), hash_lower(w)];
        lists
            .iter()
            .zip(keys)
            .find_map(|(l, k)| l.iter().find(|e| e.0 == k).map(|e| e.1))
            .unwrap_or(0)
    }

    #[test]
    fn one_look_up_answers_as_every_list() {
        let g = Gazetteers::builtin();
        let sample = |l: &'static str| l.lines().step_by(97).take(200);
        let words: Vec<String> = [FIRST_NAMES, SURNAMES, WORDS, ORG_WORDS, CASED_WORDS, PLACES]
            .into_iter()
            .flat_map(sample)
            .chain([
                "Velmora", "qxzv", "BARRICK", "Barrick", "london", "the", "", "'s",
            ])
            .flat_map(|w| [w.to_string(), w.to_uppercase(), w.to_lowercase()])
            .collect();
        for w in &words {
            let lower = hash_lower(w);
            let word = g.word(lower);
            for (table, bit) in [
                (&g.first_names, Word::FIRST_NAME),
                (&g.surnames, Word::SURNAME),
                (&g.words, Word::WORD),
                (&g.org_words, Word::ORG_WORD),
                (&g.title_words, Word::TITLE_WORD),
                (&g.upper_words, Word::UPPER_WORD),
            ] {
                assert_eq!(table.contains(&lower), word.lists & bit != 0, "{w} {bit}");
            }
        }
        // the reference scans whole lists: a few words of each kind
        for w in [
            "Barrick", "BARRICK", "barrick", "London", "the", "THE", "Velmora", "NATO",
        ] {
            assert_eq!(
                g.cluster(hash_exact(w), hash_lower(w)),
                reference_cluster(w),
                "{w}"
            );
        }
    }
}
