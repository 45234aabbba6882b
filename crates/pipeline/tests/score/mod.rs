//! Scores articles against a gold file in the shape of `../shared/dev-digests/N.gold.json`, the
//! way `../shared/eval/score-digests.py` does, in Rust so tests need no Python: each gold article
//! is matched to at most one predicted article by the F1 of their body words (best pairs first);
//! a pair at 0.8 or more is a correct boundary; a field is right when the matched article has
//! the same value (case and white space aside; null for null).

use std::collections::HashMap;

use cuttings_model::Article;
use serde::Deserialize;

#[derive(Deserialize, Debug)]
pub struct Gold {
    pub articles: Vec<GoldArticle>,
}

#[derive(Deserialize, Debug)]
pub struct GoldArticle {
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub body: String,
}

/// Counts over one or more documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct Score {
    pub gold: usize,
    pub pred: usize,
    pub correct: usize,
    pub title: usize,
    pub date: usize,
    pub outlet: usize,
    pub authors: usize,
}

impl Score {
    pub fn add(&mut self, o: Score) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.correct += o.correct;
        self.title += o.title;
        self.date += o.date;
        self.outlet += o.outlet;
        self.authors += o.authors;
    }

    /// Boundary F1 (1 when there is nothing to find and nothing was found).
    pub fn f1(&self) -> f64 {
        if self.gold == 0 && self.pred == 0 {
            return 1.0;
        }
        let p = self.correct as f64 / self.pred.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// A field's accuracy over the gold articles.
    pub fn acc(&self, n: usize) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            n as f64 / self.gold as f64
        }
    }
}

fn norm(s: Option<&str>) -> String {
    let s = s.unwrap_or("");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '‘' | '’' | '‚' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            '‐' | '‑' | '‒' | '–' | '—' | '―' => '-',
            '\u{a0}' => ' ',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tokens(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in norm(Some(s)).split(|c: char| !c.is_alphanumeric()) {
        if !w.is_empty() {
            *m.entry(w.to_string()).or_default() += 1;
        }
    }
    m
}

fn f1(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> f64 {
    let (na, nb): (usize, usize) = (a.values().sum(), b.values().sum());
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let overlap: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    2.0 * overlap as f64 / (na + nb) as f64
}

/// Scores one document's predicted articles against its gold.
pub fn score(gold: &Gold, pred: &[Article]) -> Score {
    let gt: Vec<_> = gold.articles.iter().map(|a| tokens(&a.body)).collect();
    let pt: Vec<_> = pred.iter().map(|a| tokens(&a.body)).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (g, ga) in gt.iter().enumerate() {
        for (p, pa) in pt.iter().enumerate() {
            let s = f1(ga, pa);
            if s > 0.0 {
                pairs.push((s, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut g_used, mut p_used) = (vec![false; gt.len()], vec![false; pt.len()]);
    let mut out = Score {
        gold: gt.len(),
        pred: pt.len(),
        ..Score::default()
    };
    for (s, g, p) in pairs {
        if g_used[g] || p_used[p] {
            continue;
        }
        g_used[g] = true;
        p_used[p] = true;
        let (ga, pa) = (&gold.articles[g], &pred[p]);
        out.correct += usize::from(s >= 0.8);
        out.title += usize::from(norm(ga.title.as_deref()) == norm(pa.title.as_deref()));
        let date = pa.date.map(|d| d.to_string());
        out.date += usize::from(ga.date.as_deref().unwrap_or("") == date.as_deref().unwrap_or(""));
        out.outlet += usize::from(norm(ga.outlet.as_deref()) == norm(pa.outlet.as_deref()));
        let mut a: Vec<String> = ga.authors.iter().map(|x| norm(Some(x))).collect();
        let mut b: Vec<String> = pa.authors.iter().map(|x| norm(Some(x))).collect();
        a.sort();
        b.sort();
        out.authors += usize::from(a == b);
    }
    out
}
