//! Link: text reuse between articles (issue #13). `&[Article]` → `Vec<ReuseLink>`.
//!
//! Four steps, all pure functions over article bodies (no I/O, no corpus):
//!
//! 1. [`tokenize`]: words as normalised hashes with their byte spans (case, punctuation,
//!    typographic quotes, apostrophes and hyphenation do not matter), each marked when it stands
//!    inside quotation marks.
//! 2. [`sketch`] and [`candidate_pairs`]: winnowed fingerprints of word n-grams outside
//!    quotations (and, apart, inside them); articles that share enough fingerprints are
//!    candidates.
//! 3. [`compare`]: local alignment of a candidate pair on its words (seeds chained across small
//!    gaps, then extended), giving every shared [`Passage`] with exact spans in both bodies, and
//!    the pair's [`ReuseKind`]: a whole-story reprint (≥ 80 % of both), partial reuse, or only a
//!    shared quotation.
//! 4. [`clusters`], [`reprint_groups`], [`outlet_pairs`], [`outlet_shares`]: what the links say
//!    together: groups, the earliest source by date (ties and missing dates said as such), and
//!    who copies whom.
//!
//! [`link`] runs steps 1 to 3 over a batch on all cores. The result depends only on the set of
//! articles, never on their order; incremental linking (the store's, during ingest) calls
//! [`candidate_pairs`] with the new articles' postings and [`compare`] on the pairs, and finds
//! the same links.
//!
//! ```
//! use cuttings_link::{link, Doc, LinkConfig};
//! use cuttings_model::{ArticleId, ReuseKind};
//!
//! let story = "The regional council voted on Tuesday to close the old copper mine above the \
//!     village of Arnfeld, ending two centuries of extraction in the valley. Miners' \
//!     representatives said they would appeal against the decision, which puts some four \
//!     hundred jobs at risk across three neighbouring districts.";
//! let ids = [ArticleId("a".repeat(32)), ArticleId("b".repeat(32)), ArticleId("c".repeat(32))];
//! let copy = story.replace("Tuesday", "Tues.");
//! let docs = [
//!     Doc { id: &ids[0], body: story },
//!     Doc { id: &ids[1], body: &copy },
//!     Doc { id: &ids[2], body: "Heavy snow closed the mountain pass for a third day." },
//! ];
//! let links = link(&docs, &LinkConfig::default());
//! assert_eq!(links.len(), 1);
//! assert_eq!(links[0].kind, ReuseKind::Reprint);
//! assert_eq!((&links[0].a, &links[0].b), (&ids[0], &ids[1]));
//! ```
#![deny(missing_docs)]

mod align;
mod cluster;
mod diff;
mod error;
mod sketch;
mod token;

use rayon::prelude::*;

pub use align::{compare, Prepared};
pub use cluster::{
    clusters, earliest, outlet_pairs, outlet_shares, reprint_groups, ArticleInfo, OutletPair,
    OutletShare,
};
pub use diff::{diff, DiffPart};
pub use error::{Error, Result};
pub use sketch::{candidate_pairs, sketch, within_df, Sketch};
pub use token::{tokenize, Token};

pub use cuttings_model::{
    Article, ArticleId, Earliest, Passage, ReuseCluster, ReuseKind, ReuseLink,
};

/// The settings of linking. The defaults are what `cuttings` uses; a corpus records them, and
/// linking with other settings needs `cuttings reuse --rebuild`.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkConfig {
    /// Words per n-gram of the sketch.
    pub ngram: usize,
    /// Winnowing window, in n-grams: any shared run of `window + ngram - 1` words is seen.
    pub window: usize,
    /// Fingerprints two articles must share to be compared.
    pub min_shared: usize,
    /// A fingerprint held by more different texts than this is boilerplate and ignored (copies
    /// of one text count once).
    pub max_df: usize,
    /// Words per alignment seed.
    pub seed: usize,
    /// Words a chain of seeds may skip in either article (changed, added or dropped words).
    pub gap: usize,
    /// Aligned words a passage needs.
    pub min_words: usize,
    /// Least share of a passage's span that must be aligned words.
    pub density: f64,
    /// Share of both bodies a whole-story reprint covers.
    pub reprint_share: f32,
}

impl Default for LinkConfig {
    fn default() -> LinkConfig {
        LinkConfig {
            ngram: 5,
            window: 6,
            min_shared: 3,
            max_df: 100,
            seed: 3,
            gap: 8,
            min_words: 15,
            density: 0.5,
            reprint_share: 0.8,
        }
    }
}

impl LinkConfig {
    /// Checks the settings' ranges.
    pub fn validate(&self) -> Result<()> {
        let bad = |name, reason| Err(Error::Config { name, reason });
        if self.ngram == 0 || self.ngram > 16 {
            return bad("ngram", "must be 1 to 16 words");
        }
        if self.window == 0 {
            return bad("window", "must be at least 1");
        }
        if self.seed == 0 || self.seed > self.min_words.max(1) {
            return bad("seed", "must be 1 to min_words words");
        }
        if self.max_df < 2 {
            return bad("max_df", "must be at least 2");
        }
        if !(0.0..=1.0).contains(&self.density) || !(0.0..=1.0).contains(&self.reprint_share) {
            return bad("density", "shares must be between 0 and 1");
        }
        Ok(())
    }

    /// A short stable text of the settings, stored with a corpus's links.
    pub fn signature(&self) -> String {
        format!(
            "v2 ngram={} window={} min_shared={} max_df={} seed={} gap={} min_words={} density={} reprint={}",
            self.ngram,
            self.window,
            self.min_shared,
            self.max_df,
            self.seed,
            self.gap,
            self.min_words,
            self.density,
            self.reprint_share
        )
    }
}

/// An article as linking sees it: its id and body.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    /// The article's id.
    pub id: &'a ArticleId,
    /// Its clean body.
    pub body: &'a str,
}

impl<'a> From<&'a Article> for Doc<'a> {
    fn from(a: &'a Article) -> Doc<'a> {
        Doc {
            id: &a.id,
            body: &a.body,
        }
    }
}

/// Every link within a batch of articles, sorted by `(a, b)`, on all cores.
///
/// Articles with the same id are compared once. Memory is the sketches (a few hundred bytes
/// an article) plus one pair of tokenised bodies per core.
pub fn link(docs: &[Doc<'_>], cfg: &LinkConfig) -> Vec<ReuseLink> {
    let trace = std::env::var_os("CUTTINGS_LINK_TRACE").is_some();
    let t = std::time::Instant::now();
    let sketches: Vec<Sketch> = docs
        .par_iter()
        .map(|d| sketch(&tokenize(d.body), cfg))
        .collect();
    let postings = sketch::postings(&sketches);
    let texts: Vec<u64> = sketches.iter().map(Sketch::digest).collect();
    drop(sketches);
    if trace {
        let incr: usize = postings
            .iter()
            .filter(|p| p.1.len() <= cfg.max_df)
            .map(|p| p.1.len() * (p.1.len() - 1) / 2)
            .sum();
        eprintln!(
            "sketched {:?}, {} shared fingerprints, {} pair increments",
            t.elapsed(),
            postings.len(),
            incr
        );
    }
    let pairs = candidate_pairs(
        postings.iter().map(|p| p.1.as_slice()),
        |_| true,
        |d| texts[d as usize],
        cfg,
    );
    drop(postings);
    if trace {
        eprintln!("candidates {:?}: {}", t.elapsed(), pairs.len());
    }
    let links = compare_pairs(docs, &pairs, cfg);
    if trace {
        eprintln!("compared {:?}: {} links", t.elapsed(), links.len());
    }
    links
}

/// Aligns the candidate `pairs` (indexes into `docs`, `(smaller, larger)`, sorted), on all
/// cores; links sorted by `(a, b)`.
pub fn compare_pairs(docs: &[Doc<'_>], pairs: &[(u32, u32)], cfg: &LinkConfig) -> Vec<ReuseLink> {
    // Every article of the pairs prepared once, when that fits in memory (a prepared word
    // costs about 40 bytes, some 8 bytes of body each); otherwise the second of each pair is
    // prepared again for each pair.
    let mut involved: Vec<u32> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
    involved.sort_unstable();
    involved.dedup();
    let bytes: usize = involved.iter().map(|&d| docs[d as usize].body.len()).sum();
    let mut links: Vec<ReuseLink> = if bytes.saturating_mul(8) <= PREPARED_BUDGET {
        let prepared: Vec<Prepared> = involved
            .par_iter()
            .map(|&d| Prepared::new(docs[d as usize].id.clone(), docs[d as usize].body, cfg))
            .collect();
        let at = |d: u32| &prepared[involved.binary_search(&d).expect("involved")];
        pairs
            .par_iter()
            .filter_map(|&(x, y)| compare(at(x), at(y), cfg))
            .collect()
    } else {
        // Group by the first article so each is tokenised once per group; large groups
        // first, for a better balance across cores.
        let mut groups: Vec<&[(u32, u32)]> = pairs.chunk_by(|x, y| x.0 == y.0).collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.len()));
        groups
            .par_iter()
            .flat_map_iter(|g| {
                let x = docs[g[0].0 as usize];
                let px = Prepared::new(x.id.clone(), x.body, cfg);
                g.iter()
                    .filter_map(|&(_, y)| {
                        let y = docs[y as usize];
                        let py = Prepared::new(y.id.clone(), y.body, cfg);
                        compare(&px, &py, cfg)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    links.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    links
}

/// Memory [`compare_pairs`] may give to keeping every article of its pairs prepared.
const PREPARED_BUDGET: usize = 1 << 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        LinkConfig::default().validate().unwrap();
        assert!(LinkConfig {
            seed: 0,
            ..LinkConfig::default()
        }
        .validate()
        .is_err());
    }
}
