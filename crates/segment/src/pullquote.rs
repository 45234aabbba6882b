//! Pull quotes: whole lines of an article's body whose words all stand elsewhere in the same
//! article. The repeated lines are dropped; the sentence stays where the running text has it.
//!
//! Works on word 5-grams, so it finds a pull quote whether or not blank lines set it apart, and
//! whatever the line breaks and hyphenation of the two copies.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are already hashes: pass them through.
#[derive(Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type GramMap<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

use cuttings_model::{DropReason, Dropped, Line, Segmented, Source};

pub(crate) const N: usize = 5;

fn hash(word: &str) -> u64 {
    // FNV-1a over the lower-cased word: tiny, and plenty for identity within one article.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        for b in word.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        return h;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Words of the body with the line each belongs to; a word broken by a line-end hyphen counts
/// once, on its first line.
pub(crate) fn words(source: &Source, body: &[Line]) -> Vec<(u64, usize)> {
    let mut out: Vec<(u64, usize)> = Vec::new();
    let mut carry: Option<(String, usize)> = None;
    for (li, line) in body.iter().enumerate() {
        let text = source.slice(line.span);
        let ends_hyphen = text.ends_with('-');
        let parts: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for (k, w) in parts.iter().enumerate() {
            if k == 0 {
                if let Some((prefix, pl)) = carry.take() {
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        out.push((hash(&format!("{prefix}{w}")), pl));
                        continue;
                    }
                    out.push((hash(&prefix), pl));
                }
            }
            if k + 1 == parts.len() && ends_hyphen {
                carry = Some(((*w).to_string(), li));
            } else {
                out.push((hash(w), li));
            }
        }
    }
    if let Some((prefix, pl)) = carry {
        out.push((hash(&prefix), pl));
    }
    out
}

pub(crate) fn gram(ws: &[(u64, usize)], at: usize) -> u64 {
    ws[at..at + N]
        .iter()
        .fold(0u64, |acc, (h, _)| acc.rotate_left(11) ^ h)
}

/// Drops pull-quote lines from every draft's body.
pub(crate) fn drop_pull_quotes(source: &Source, seg: &mut Segmented) {
    for draft in &mut seg.drafts {
        let ws = words(source, &draft.body);
        if ws.len() < 3 * N {
            continue;
        }
        // Most articles repeat no 5-gram at all: find that out without building position lists.
        let mut seen: GramMap<()> = GramMap::default();
        seen.reserve(ws.len());
        let repeats = (0..=ws.len() - N).any(|p| seen.insert(gram(&ws, p), ()).is_some());
        if !repeats {
            continue;
        }
        let mut at: GramMap<Vec<usize>> = GramMap::default();
        for p in 0..=ws.len() - N {
            at.entry(gram(&ws, p)).or_default().push(p);
        }
        // Lines whose every word lies in a 5-gram that occurs again at least N words away.
        let lines = draft.body.len();
        let mut covered = vec![false; ws.len()];
        for positions in at.values().filter(|v| v.len() > 1) {
            for &p in positions {
                if positions.iter().any(|&q| q.abs_diff(p) >= N) {
                    covered[p..p + N].iter_mut().for_each(|c| *c = true);
                }
            }
        }
        let mut all = vec![true; lines];
        let mut any = vec![false; lines];
        for (k, &(_, li)) in ws.iter().enumerate() {
            all[li] &= covered[k];
            any[li] = true;
        }
        // Runs of fully repeated lines.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut li = 0;
        while li < lines {
            if all[li] && any[li] {
                let s = li;
                while li < lines && all[li] && any[li] {
                    li += 1;
                }
                runs.push((s, li));
            } else {
                li += 1;
            }
        }
        if runs.is_empty() {
            continue;
        }
        // Narrow runs first: a pull quote is set narrower than the column it sits in.
        let width = |(s, e): (usize, usize)| {
            draft.body[s..e].iter().map(|l| l.span.len()).sum::<usize>() / (e - s).max(1)
        };
        // A pull quote printed right next to its sentence makes one run of both copies: try
        // every split of a run as well.
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in &runs {
            candidates.push((s, e));
            for k in s + 1..e {
                candidates.push((s, k));
                candidates.push((k, e));
            }
        }
        candidates.sort_by_key(|&r| (width(r), r.1 - r.0, r.0));
        let runs = candidates;
        let mut removed = vec![false; ws.len()];
        let mut drop = vec![false; lines];
        // Words are in line order: each line's words are one contiguous range.
        let mut first_word = vec![usize::MAX; lines];
        let mut end_word = vec![0usize; lines];
        for (k, &(_, li)) in ws.iter().enumerate() {
            first_word[li] = first_word[li].min(k);
            end_word[li] = k + 1;
        }
        for (s, e) in runs {
            if drop[s..e].iter().any(|&d| d) {
                continue;
            }
            let from = (s..e).map(|l| first_word[l]).min().unwrap_or(usize::MAX);
            let to = (s..e).map(|l| end_word[l]).max().unwrap_or(0);
            let idx: Vec<usize> = if from < to {
                (from..to).collect()
            } else {
                Vec::new()
            };
            if idx.len() < 2 * N {
                continue;
            }
            let (first, last) = (idx[0], *idx.last().expect("non-empty"));
            // Every gram inside the run must still occur outside it.
            let ok = (first..=last + 1 - N).all(|p| {
                at.get(&gram(&ws, p)).is_some_and(|v| {
                    v.iter()
                        .any(|&q| (q + N <= first || q > last) && !removed[q])
                })
            });
            if ok {
                idx.iter().for_each(|&k| removed[k] = true);
                drop[s..e].iter_mut().for_each(|d| *d = true);
            }
        }
        if drop.iter().any(|&d| d) {
            let mut kept: Vec<Line> = Vec::with_capacity(lines);
            for (l, d) in draft.body.iter().zip(drop) {
                if d {
                    seg.dropped.push(Dropped {
                        span: l.span,
                        page: l.page,
                        reason: DropReason::PullQuote,
                    });
                } else {
                    kept.push(*l);
                }
            }
            draft.body = kept;
        }
    }
}
