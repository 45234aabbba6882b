//! Local alignment of two articles on their words: seeds, chains, passages.
//!
//! As in passim, alignment starts from short exact matches (seeds: every n-gram of `seed` words
//! that both articles hold) and extends them: seeds are chained left to right while each next
//! seed lies at most `gap` words further on in *both* articles, which lets a chain run over
//! changed, inserted or dropped words (light rewording) but never backwards, so reordered
//! paragraphs become passages of their own. Each chain is extended word by word at both ends,
//! kept when it aligns at least `min_words` words densely enough, and chains that overlap a
//! better one in either article are dropped, so passages are one to one.
//!
//! The work is linear in the two lengths plus the seeds (sorted seed lists are merged, no
//! quadratic table), so a pair costs microseconds.

use cuttings_model::{ArticleId, Passage, ReuseKind, ReuseLink, Span};

use crate::sketch::ngram_hash;
use crate::{tokenize, LinkConfig, Token};

/// An article made ready for alignment: its words and its sorted seeds.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The article's id.
    pub id: ArticleId,
    /// Its words.
    pub tokens: Vec<Token>,
    /// `(hash of seed words, index of the first word)`, sorted.
    seeds: Vec<(u64, u32)>,
}

impl Prepared {
    /// Tokenises `body` and indexes its seeds.
    pub fn new(id: ArticleId, body: &str, cfg: &LinkConfig) -> Prepared {
        Prepared::from_tokens(id, tokenize(body), cfg)
    }

    /// Indexes the seeds of words already tokenised.
    pub fn from_tokens(id: ArticleId, tokens: Vec<Token>, cfg: &LinkConfig) -> Prepared {
        let s = cfg.seed.max(1);
        let mut seeds: Vec<(u64, u32)> = if tokens.len() >= s {
            tokens
                .windows(s)
                .enumerate()
                .filter(|(_, w)| w.iter().any(|t| !t.stop))
                .map(|(i, w)| (ngram_hash(w.iter().map(|t| t.hash)), i as u32))
                .collect()
        } else {
            Vec::new()
        };
        seeds.sort_unstable();
        Prepared { id, tokens, seeds }
    }
}

/// A run of chained seeds: word ranges in both articles.
#[derive(Clone, Copy, Debug)]
struct Chain {
    a0: usize,
    b0: usize,
    /// One past the last word covered.
    a1: usize,
    b1: usize,
    /// Start of the last seed, in each article.
    la: usize,
    lb: usize,
    /// Words covered by seeds in each article.
    cov_a: usize,
    cov_b: usize,
}

impl Chain {
    fn words(&self) -> usize {
        self.cov_a.min(self.cov_b)
    }
}

/// Seed matches `(i, j)`: word `i` of `a` starts the same seed as word `j` of `b`; sorted.
fn matches(a: &Prepared, b: &Prepared) -> Vec<(u32, u32)> {
    const MAX_REPEATS: usize = 8;
    let (sa, sb) = (&a.seeds, &b.seeds);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < sa.len() && j < sb.len() {
        match sa[i].0.cmp(&sb[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let h = sa[i].0;
                let i1 = i + sa[i..].iter().take_while(|s| s.0 == h).count();
                let j1 = j + sb[j..].iter().take_while(|s| s.0 == h).count();
                // A seed repeated many times in both (a refrain, a list) aligns nothing useful.
                if (i1 - i) * (j1 - j) <= MAX_REPEATS {
                    for x in &sa[i..i1] {
                        for y in &sb[j..j1] {
                            out.push((x.1, y.1));
                        }
                    }
                }
                i = i1;
                j = j1;
            }
        }
    }
    out.sort_unstable();
    out
}

/// The passages `a` and `b` share, as word ranges `(a_range, b_range, words)`.
fn chains(a: &Prepared, b: &Prepared, cfg: &LinkConfig) -> Vec<Chain> {
    let s = cfg.seed.max(1);
    let gap = cfg.gap + s;
    let mut active: Vec<Chain> = Vec::new();
    let mut done: Vec<Chain> = Vec::new();
    for (i, j) in matches(a, b) {
        let (i, j) = (i as usize, j as usize);
        // Chains that can no longer be extended are finished.
        let mut k = 0;
        while k < active.len() {
            if active[k].la + gap < i {
                done.push(active.swap_remove(k));
            } else {
                k += 1;
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for (k, c) in active.iter().enumerate() {
            if i <= c.la || j <= c.lb || j > c.lb + gap {
                continue;
            }
            let (di, dj) = (i - c.la, j - c.lb);
            let cost = di + dj + 2 * di.abs_diff(dj);
            if best.is_none_or(|(_, b)| cost < b) {
                best = Some((k, cost));
            }
        }
        match best {
            Some((k, _)) => {
                let c = &mut active[k];
                c.cov_a += (i + s) - i.max(c.a1);
                c.cov_b += (j + s) - j.max(c.b1);
                c.a1 = c.a1.max(i + s);
                c.b1 = c.b1.max(j + s);
                c.la = i;
                c.lb = j;
            }
            None => active.push(Chain {
                a0: i,
                b0: j,
                a1: i + s,
                b1: j + s,
                la: i,
                lb: j,
                cov_a: s,
                cov_b: s,
            }),
        }
    }
    done.extend(active);
    done
}

/// Extends a chain word by word over exact matches at both ends, never into `taken` ranges.
fn extend(c: &mut Chain, a: &[Token], b: &[Token], taken: &[Chain]) {
    let free = |i: usize, j: usize| {
        !taken
            .iter()
            .any(|k| (k.a0..k.a1).contains(&i) || (k.b0..k.b1).contains(&j))
    };
    while c.a0 > 0 && c.b0 > 0 && a[c.a0 - 1].hash == b[c.b0 - 1].hash && free(c.a0 - 1, c.b0 - 1) {
        c.a0 -= 1;
        c.b0 -= 1;
        c.cov_a += 1;
        c.cov_b += 1;
    }
    while c.a1 < a.len() && c.b1 < b.len() && a[c.a1].hash == b[c.b1].hash && free(c.a1, c.b1) {
        c.a1 += 1;
        c.b1 += 1;
        c.cov_a += 1;
        c.cov_b += 1;
    }
}

fn overlaps(x: (usize, usize), y: (usize, usize)) -> bool {
    x.0 < y.1 && y.0 < x.1
}

/// A passage as word ranges: `(a_words, b_words, aligned words)`.
type WordPassage = ((usize, usize), (usize, usize), usize);

/// Word-range passages, one to one, in `a`'s order.
pub(crate) fn passages(a: &Prepared, b: &Prepared, cfg: &LinkConfig) -> Vec<WordPassage> {
    let mut all = chains(a, b, cfg);
    // The longest chains first; a chain that overlaps a longer one in either article goes (the
    // same words cannot be reused twice), then each kept chain grows over exact matches at its
    // ends without entering another.
    all.sort_by(|x, y| {
        y.words()
            .cmp(&x.words())
            .then((x.a0, x.b0).cmp(&(y.a0, y.b0)))
    });
    let mut kept: Vec<Chain> = Vec::new();
    for c in all {
        if c.words() + 2 * cfg.seed < cfg.min_words {
            continue;
        }
        let clash = kept
            .iter()
            .any(|k| overlaps((c.a0, c.a1), (k.a0, k.a1)) || overlaps((c.b0, c.b1), (k.b0, k.b1)));
        if !clash {
            kept.push(c);
        }
    }
    for n in 0..kept.len() {
        let mut c = kept[n];
        let others: Vec<Chain> = kept
            .iter()
            .enumerate()
            .filter(|(m, _)| *m != n)
            .map(|(_, k)| *k)
            .collect();
        extend(&mut c, &a.tokens, &b.tokens, &others);
        kept[n] = c;
    }
    kept.retain(|c| {
        let span = (c.a1 - c.a0).max(c.b1 - c.b0);
        c.words() >= cfg.min_words && c.words() as f64 >= cfg.density * span as f64
    });
    kept.sort_by_key(|c| (c.a0, c.b0));
    kept.into_iter()
        .map(|c| ((c.a0, c.a1), (c.b0, c.b1), c.words()))
        .collect()
}

fn unquoted(tokens: &[Token]) -> usize {
    tokens.iter().filter(|t| !t.quoted).count()
}

/// Aligns two prepared articles; `None` when they share no passage of `cfg.min_words` words.
///
/// The result does not depend on the order of the arguments: the article with the smaller id is
/// always `a`.
pub fn compare(x: &Prepared, y: &Prepared, cfg: &LinkConfig) -> Option<ReuseLink> {
    if x.id == y.id {
        return None;
    }
    let (a, b) = if x.id < y.id { (x, y) } else { (y, x) };
    let found = passages(a, b, cfg);
    if found.is_empty() {
        return None;
    }
    let span =
        |t: &[Token], r: (usize, usize)| Span::new(t[r.0].start as usize, t[r.1 - 1].end as usize);
    let mut covered_a = 0;
    let mut covered_b = 0;
    let mut words = 0u32;
    let mut out = Vec::with_capacity(found.len());
    for (ra, rb, w) in found {
        covered_a += ra.1 - ra.0;
        covered_b += rb.1 - rb.0;
        words += w as u32;
        // A quotation shared with its attribution ("..., the minister said") is still a
        // quotation: the passage counts as copied text only when it holds `min_words` words
        // outside quotation marks in both articles.
        let quoted =
            unquoted(&a.tokens[ra.0..ra.1]).min(unquoted(&b.tokens[rb.0..rb.1])) < cfg.min_words;
        out.push(Passage {
            a: span(&a.tokens, ra),
            b: span(&b.tokens, rb),
            words: w as u32,
            quoted,
        });
    }
    let share_a = (covered_a as f64 / a.tokens.len() as f64).min(1.0) as f32;
    let share_b = (covered_b as f64 / b.tokens.len() as f64).min(1.0) as f32;
    let kind = if share_a >= cfg.reprint_share && share_b >= cfg.reprint_share {
        ReuseKind::Reprint
    } else if out.iter().any(|p| !p.quoted) {
        ReuseKind::Partial
    } else {
        ReuseKind::Quote
    };
    Some(ReuseLink {
        a: a.id.clone(),
        b: b.id.clone(),
        kind,
        words,
        share_a,
        share_b,
        passages: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ArticleId {
        ArticleId(format!("{n:032x}"))
    }

    fn link(a: &str, b: &str) -> Option<ReuseLink> {
        let cfg = LinkConfig::default();
        compare(
            &Prepared::new(id(1), a, &cfg),
            &Prepared::new(id(2), b, &cfg),
            &cfg,
        )
    }

    const P1: &str = "The regional council voted on Tuesday to close the old copper mine above \
        the village of Arnfeld, ending two centuries of extraction in the valley.";
    const P2: &str = "Miners' representatives said they would appeal against the decision, which \
        puts some four hundred jobs at risk across three neighbouring districts.";
    const P3: &str = "A spokeswoman for the owners declined to comment on the future of the site \
        or on plans to flood the lower galleries before the end of next year.";
    const OTHER: &str = "Heavy snow closed the mountain pass for a third day running, and \
        drivers were told to expect further delays until the ploughs could reach the summit.";

    #[test]
    fn a_copy_is_a_reprint_with_exact_spans() {
        let a = format!("{P1}\n\n{P2}\n\n{P3}");
        let b = format!(
            "ARNFELD MINE TO CLOSE\n\n{}",
            a.to_uppercase().replace('\'', "’")
        );
        let l = link(&a, &b).unwrap();
        assert_eq!(l.kind, ReuseKind::Reprint);
        assert_eq!(l.passages.len(), 1);
        let p = l.passages[0];
        assert_eq!(&a[p.a.start..p.a.end], a.trim_end_matches('.'));
        assert!(b[p.b.start..p.b.end].starts_with("THE REGIONAL"));
        assert!(l.share_a > 0.99 && l.share_b > 0.85);
    }

    #[test]
    fn an_embedded_paragraph_is_partial() {
        let a = format!("{OTHER}\n\n{P2}\n\n{OTHER}");
        let b = format!("{P1}\n\n{P2}\n\n{P3}");
        let l = link(&a, &b).unwrap();
        assert_eq!(l.kind, ReuseKind::Partial);
        assert_eq!(l.passages.len(), 1);
        let p = l.passages[0];
        // The smaller id is `a`.
        assert_eq!(&a[p.a.start..p.a.end], P2.trim_end_matches('.'));
        assert_eq!(&b[p.b.start..p.b.end], P2.trim_end_matches('.'));
    }

    #[test]
    fn reordered_paragraphs_give_one_passage_each() {
        let a = format!("{P1}\n\n{P2}\n\n{P3}");
        let b = format!("{P3}\n\n{P1}\n\n{P2}");
        let l = link(&a, &b).unwrap();
        assert_eq!(l.kind, ReuseKind::Reprint);
        assert_eq!(l.passages.len(), 2, "{:?}", l.passages);
    }

    #[test]
    fn light_rewording_stays_one_passage() {
        let a = format!("{P1} {P2}");
        let b = a
            .replace("voted on Tuesday", "decided on Tuesday")
            .replace("four hundred", "400")
            .replace("would appeal", "will appeal");
        let l = link(&a, &b).unwrap();
        assert_eq!(l.passages.len(), 1, "{:?}", l.passages);
        assert_eq!(l.kind, ReuseKind::Reprint);
    }

    #[test]
    fn unrelated_text_shares_nothing() {
        assert_eq!(link(P1, OTHER), None);
        assert_eq!(link(&format!("{P1} {P3}"), &format!("{OTHER} {P2}")), None);
    }

    #[test]
    fn a_shared_quotation_is_a_quote() {
        let q = "“We will not let this valley die, whatever the council in the capital decides \
                 about the mine,” said the mayor.";
        let l = link(&format!("{P1} {q}"), &format!("{OTHER} {q} {P3}")).unwrap();
        assert_eq!(l.kind, ReuseKind::Quote);
        assert!(l.passages.iter().all(|p| p.quoted));
    }

    #[test]
    fn order_of_arguments_does_not_matter() {
        let cfg = LinkConfig::default();
        let a = Prepared::new(id(1), &format!("{P1}\n\n{P2}"), &cfg);
        let b = Prepared::new(id(2), &format!("{P2}\n\n{OTHER}\n\n{P1}"), &cfg);
        assert_eq!(compare(&a, &b, &cfg), compare(&b, &a, &cfg));
    }
}
