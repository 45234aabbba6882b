//! Sketches: winnowed fingerprints of hashed word n-grams, and candidate pairs from shared ones.
//!
//! Winnowing (Schleimer, Wilkerson and Aiken 2003) keeps the smallest n-gram hash of every window
//! of `window` consecutive n-grams, so any run of at least `window + ngram - 1` shared words gives
//! the two articles at least one shared fingerprint, whatever surrounds it, and about
//! `2 / (window + 1)` of the n-grams are kept. Unlike MinHash over the whole article, a passage
//! of one paragraph inside a long article is found as surely as a whole reprint.
//!
//! Words inside quotation marks make a second, separate set of fingerprints, so that a quotation
//! that many articles print cannot make them candidates as copies of each other; it only makes
//! them candidates for a shared quotation.

use crate::{LinkConfig, Token};

/// The fingerprints of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sketch {
    /// Fingerprints of the words outside quotation marks, sorted, without repeats.
    pub text: Vec<u64>,
    /// Fingerprints of the words inside quotation marks, sorted, without repeats; tagged so that
    /// they never equal a fingerprint of `text`.
    pub quotes: Vec<u64>,
}

impl Sketch {
    /// A hash of all the fingerprints: articles whose words are the same (whatever their case,
    /// punctuation or hyphenation) have the same digest, and count as one text for
    /// [`candidate_pairs`]'s document frequencies.
    pub fn digest(&self) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for x in self.text.iter().chain(&self.quotes) {
            h.update(&x.to_le_bytes());
        }
        h.digest()
    }

    /// Both sets of fingerprints, sorted, without repeats (quotation fingerprints are tagged).
    pub fn all(&self) -> Vec<u64> {
        let mut all: Vec<u64> = self.text.iter().chain(&self.quotes).copied().collect();
        all.sort_unstable();
        all.dedup();
        all
    }
}

const QUOTE_TAG: u64 = 0x5157_4f54_455f_5441;

/// A 64-bit finaliser (splitmix64), so that n-gram hashes are spread uniformly for winnowing.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of consecutive word hashes.
///
/// Word hashes are already well mixed, so they are only rotated by their position (the order
/// of the words counts) and folded, with one finaliser at the end.
pub(crate) fn ngram_hash(words: impl Iterator<Item = u64>) -> u64 {
    let mut h = 0x243f_6a88_85a3_08d3u64;
    for w in words {
        h = h.rotate_left(19) ^ w;
    }
    mix(h)
}

/// The sketch of a tokenised body.
///
/// ```
/// use cuttings_link::{sketch, tokenize, LinkConfig};
/// let cfg = LinkConfig::default();
/// let a = sketch(&tokenize("The council voted on Tuesday to close the old mine for good."), &cfg);
/// let b = sketch(&tokenize("THE COUNCIL VOTED, ON TUESDAY, TO CLOSE THE OLD MINE FOR GOOD"), &cfg);
/// assert_eq!(a, b);
/// assert!(!a.text.is_empty() && a.quotes.is_empty());
/// ```
pub fn sketch(tokens: &[Token], cfg: &LinkConfig) -> Sketch {
    let outside: Vec<&Token> = tokens.iter().filter(|t| !t.quoted).collect();
    let inside: Vec<&Token> = tokens.iter().filter(|t| t.quoted).collect();
    Sketch {
        text: winnow(&shingles(&outside, cfg.ngram), cfg.window),
        // Quotations are short (a sentence or two), so their fingerprints are kept denser: a
        // third of the window, which still costs little since few words stand in quotes.
        quotes: winnow(&shingles(&inside, cfg.ngram), (cfg.window / 3).max(1))
            .into_iter()
            .map(|h| h ^ QUOTE_TAG)
            .collect(),
    }
}

/// Hashes of the n-grams that hold at least two content words.
fn shingles(tokens: &[&Token], n: usize) -> Vec<u64> {
    if tokens.len() < n || n == 0 {
        return Vec::new();
    }
    tokens
        .windows(n)
        .filter(|w| w.iter().filter(|t| !t.stop).count() >= 2)
        .map(|w| ngram_hash(w.iter().map(|t| t.hash)))
        .collect()
}

/// Winnowing: the smallest hash of each window of `w` (the rightmost on ties), without repeats.
fn winnow(hashes: &[u64], w: usize) -> Vec<u64> {
    let w = w.max(1);
    let mut out = Vec::with_capacity(hashes.len() * 2 / (w + 1) + 1);
    if hashes.is_empty() {
        return out;
    }
    if hashes.len() <= w {
        out.push(*hashes.iter().min().expect("not empty"));
        return out;
    }
    let mut last = usize::MAX;
    for start in 0..=hashes.len() - w {
        let mut best = start;
        for i in start..start + w {
            if hashes[i] <= hashes[best] {
                best = i;
            }
        }
        if best != last {
            out.push(hashes[best]);
            last = best;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Pairs of documents that share at least `cfg.min_shared` fingerprints, counting only
/// fingerprints held by at most `cfg.max_df` different texts, and only pairs with a new
/// document.
///
/// `postings` gives, for each fingerprint, the documents that hold it, sorted and without
/// repeats; `text_of` gives a document's [`Sketch::digest`], so that copies of one text (a
/// story printed 125 times over) count once towards a fingerprint's frequency and are still all
/// paired. Batch linking passes every fingerprint and calls every document new; incremental
/// linking passes the fingerprints of the new documents with all their holders, old and new, so
/// both find the same pairs. Pairs come out as `(smaller, larger)`, sorted.
pub fn candidate_pairs<'a>(
    postings: impl Iterator<Item = &'a [u32]>,
    is_new: impl Fn(u32) -> bool + Sync,
    text_of: impl Fn(u32) -> u64,
    cfg: &LinkConfig,
) -> Vec<(u32, u32)> {
    let mut keys: Vec<u64> = Vec::new();
    for docs in postings {
        if docs.len() < 2 || !within_df(docs, &text_of, cfg.max_df) {
            continue;
        }
        for (i, &x) in docs.iter().enumerate() {
            let x_new = is_new(x);
            for &y in &docs[i + 1..] {
                if x_new || is_new(y) {
                    keys.push(((x as u64) << 32) | y as u64);
                }
            }
        }
    }
    count_runs(keys, cfg.min_shared)
}

/// Whether the documents hold at most `max_df` different texts.
pub fn within_df(docs: &[u32], text_of: impl Fn(u32) -> u64, max_df: usize) -> bool {
    if docs.len() <= max_df {
        return true;
    }
    let mut texts: Vec<u64> = docs.iter().map(|&d| text_of(d)).collect();
    texts.sort_unstable();
    texts.dedup();
    texts.len() <= max_df
}

fn count_runs(mut keys: Vec<u64>, min: usize) -> Vec<(u32, u32)> {
    use rayon::slice::ParallelSliceMut;
    keys.par_sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j] == keys[i] {
            j += 1;
        }
        if j - i >= min.max(1) {
            out.push(((keys[i] >> 32) as u32, keys[i] as u32));
        }
        i = j;
    }
    out
}

/// The postings of a batch of sketches: for each fingerprint, the documents holding it.
pub(crate) fn postings(sketches: &[Sketch]) -> Vec<(u64, Vec<u32>)> {
    use rayon::slice::ParallelSliceMut;
    let mut pairs: Vec<(u64, u32)> = Vec::new();
    for (d, s) in sketches.iter().enumerate() {
        pairs.extend(s.text.iter().chain(&s.quotes).map(|&h| (h, d as u32)));
    }
    pairs.par_sort_unstable();
    let mut out: Vec<(u64, Vec<u32>)> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i + 1;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            j += 1;
        }
        if j - i >= 2 {
            out.push((pairs[i].0, pairs[i..j].iter().map(|p| p.1).collect()));
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    #[test]
    fn winnowing_guarantee() {
        // Any shared run of window + ngram - 1 words gives a shared fingerprint.
        let cfg = LinkConfig::default();
        let shared = "the harbour authority confirmed tonight that seven container cranes \
                      will be moved north before winter storms arrive";
        for pad in 0..12 {
            let a = format!(
                "{} {shared} alpha beta gamma delta",
                "lorem ipsum dolor ".repeat(pad)
            );
            let b = format!(
                "zeta eta theta iota kappa {shared} {}",
                "sit amet ".repeat(pad)
            );
            let (sa, sb) = (sketch(&tokenize(&a), &cfg), sketch(&tokenize(&b), &cfg));
            assert!(
                sa.text.iter().any(|h| sb.text.binary_search(h).is_ok()),
                "pad {pad}"
            );
        }
    }

    #[test]
    fn quotations_stay_out_of_the_text_signal() {
        let cfg = LinkConfig::default();
        let q = "“We will never surrender the northern valley to anyone at all,” the general said.";
        let s = sketch(&tokenize(q), &cfg);
        assert!(!s.quotes.is_empty());
        let plain = sketch(&tokenize(&q.replace(['“', '”'], "")), &cfg);
        assert!(s
            .text
            .iter()
            .all(|h| plain.text.binary_search(h).is_err() || s.text.len() < 3));
        assert!(s
            .quotes
            .iter()
            .all(|h| plain.text.binary_search(h).is_err()));
    }

    #[test]
    fn pairs_need_enough_shared_fingerprints() {
        let cfg = LinkConfig {
            min_shared: 2,
            max_df: 3,
            ..LinkConfig::default()
        };
        let p: Vec<&[u32]> = vec![&[0, 1], &[0, 1], &[1, 2], &[0, 1, 2, 3], &[2, 3], &[2, 3]];
        let text = |d: u32| u64::from(d);
        assert_eq!(
            candidate_pairs(p.iter().copied(), |_| true, text, &cfg),
            vec![(0, 1), (2, 3)]
        );
        assert_eq!(
            candidate_pairs(p.iter().copied(), |d| d == 3, text, &cfg),
            vec![(2, 3)]
        );
        // Four copies of one text count once: the fingerprint they all hold is no boilerplate,
        // and (0, 1), (1, 2) and (2, 3) share a second fingerprint.
        assert_eq!(
            candidate_pairs(p.iter().copied(), |_| true, |_| 7, &cfg),
            vec![(0, 1), (1, 2), (2, 3)]
        );
        let all: Vec<&[u32]> = vec![&[0, 1, 2, 3], &[0, 1, 2, 3]];
        assert_eq!(
            candidate_pairs(all.iter().copied(), |_| true, |_| 7, &cfg).len(),
            6
        );
        assert!(candidate_pairs(all.iter().copied(), |_| true, text, &cfg).is_empty());
    }
}
