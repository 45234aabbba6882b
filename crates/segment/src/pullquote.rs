//! Pull quotes: a short block of an article's body whose words all stand elsewhere in the same
//! article. The block is dropped; the sentence stays where the running text has it.

use std::collections::HashMap;

use cuttings_model::{DropReason, Dropped, Line, Segmented, Source};

const N: usize = 4;

fn tokens(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            xxh(lower.as_bytes())
        })
        .collect()
}

fn xxh(bytes: &[u8]) -> u64 {
    // FNV-1a: tiny, and plenty for n-gram identity within one article.
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn grams(tokens: &[u64]) -> impl Iterator<Item = u64> + '_ {
    tokens.windows(N).map(|w| w.iter().fold(0u64, |acc, t| acc.rotate_left(13) ^ t))
}

/// Drops pull-quote blocks from every draft's body.
pub(crate) fn drop_pull_quotes(source: &Source, seg: &mut Segmented) {
    for draft in &mut seg.drafts {
        // Blocks: runs of lines separated by gaps or column changes.
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for (i, l) in draft.body.iter().enumerate() {
            let new_block = i == 0 || l.gap_before || l.column != draft.body[i - 1].column || l.page != draft.body[i - 1].page;
            if new_block {
                blocks.push((i, i + 1));
            } else if let Some(b) = blocks.last_mut() {
                b.1 = i + 1;
            }
        }
        if blocks.len() < 2 {
            continue;
        }
        let block_tokens: Vec<Vec<u64>> = blocks
            .iter()
            .map(|&(s, e)| {
                let text: Vec<&str> = draft.body[s..e].iter().map(|l| source.slice(l.span)).collect();
                tokens(&text.join(" "))
            })
            .collect();
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for t in &block_tokens {
            for g in grams(t) {
                *counts.entry(g).or_default() += 1;
            }
        }
        let mut drop = vec![false; draft.body.len()];
        for (b, &(s, e)) in blocks.iter().enumerate() {
            let t = &block_tokens[b];
            if e - s > 5 || t.len() < 8 {
                continue;
            }
            let g: Vec<u64> = grams(t).collect();
            let repeated = g.iter().filter(|x| counts[x] >= 2).count();
            if repeated * 10 >= g.len() * 9 {
                // Only when the other copy is in a bigger block: the running text keeps it.
                for gram in &g {
                    if let Some(c) = counts.get_mut(gram) {
                        *c -= 1;
                    }
                }
                drop[s..e].iter_mut().for_each(|d| *d = true);
            }
        }
        if drop.iter().any(|&d| d) {
            let mut kept: Vec<Line> = Vec::with_capacity(draft.body.len());
            for (l, d) in draft.body.iter().zip(drop) {
                if d {
                    seg.dropped.push(Dropped { span: l.span, page: l.page, reason: DropReason::PullQuote });
                } else {
                    kept.push(*l);
                }
            }
            draft.body = kept;
        }
    }
}
