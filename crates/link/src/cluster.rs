//! Clusters of articles joined by reuse, their earliest source, and who copies whom.

use std::collections::{BTreeMap, HashMap};

use cuttings_model::{ArticleId, Date, Earliest, ReuseCluster, ReuseKind, ReuseLink};

/// What the clustering needs to know of an article.
#[derive(Clone, Copy, Debug)]
pub struct ArticleInfo<'a> {
    /// Publication date.
    pub date: Option<Date>,
    /// Outlet.
    pub outlet: Option<&'a str>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, x: usize, y: usize) {
        let (x, y) = (self.find(x), self.find(y));
        if x != y {
            self.0[x.max(y)] = x.min(y);
        }
    }
}

/// Connected components of the articles joined by the links `keep` accepts, each sorted by id;
/// components sorted by their first id. Articles without such links are in none.
fn components<'a>(
    links: &'a [ReuseLink],
    keep: impl Fn(&ReuseLink) -> bool,
) -> Vec<Vec<&'a ArticleId>> {
    let mut index: HashMap<&ArticleId, usize> = HashMap::new();
    let mut ids: Vec<&ArticleId> = Vec::new();
    let mut edges = Vec::new();
    for l in links.iter().filter(|l| keep(l)) {
        let mut at = |id: &'a ArticleId| {
            *index.entry(id).or_insert_with(|| {
                ids.push(id);
                ids.len() - 1
            })
        };
        let (x, y) = (at(&l.a), at(&l.b));
        edges.push((x, y));
    }
    let mut uf = UnionFind((0..ids.len()).collect());
    for (x, y) in edges {
        uf.union(x, y);
    }
    let mut groups: BTreeMap<usize, Vec<&ArticleId>> = BTreeMap::new();
    for (k, id) in ids.iter().enumerate() {
        let root = uf.find(k);
        groups.entry(root).or_default().push(id);
    }
    let mut out: Vec<Vec<&ArticleId>> = groups
        .into_values()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
}

/// Which of `members` came first, by date; ties and missing dates are said, never guessed.
pub fn earliest<'a>(
    members: &[&ArticleId],
    info: impl Fn(&ArticleId) -> ArticleInfo<'a>,
) -> (Earliest, Option<Date>, bool) {
    let dates: Vec<Option<Date>> = members.iter().map(|id| info(id).date).collect();
    let first = dates.iter().flatten().min().copied();
    let dated = dates.iter().all(Option::is_some);
    let mut at_first: Vec<ArticleId> = members
        .iter()
        .zip(&dates)
        .filter(|(_, d)| first.is_some() && **d == first)
        .map(|(id, _)| (*id).clone())
        .collect();
    at_first.sort();
    let e = if !dated {
        Earliest::Undated(at_first)
    } else if at_first.len() == 1 {
        Earliest::Article(at_first.remove(0))
    } else {
        Earliest::Tie(at_first)
    };
    (e, first, dated)
}

fn cluster_id(members: &[&ArticleId]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for id in members {
        h.update(id.0.as_bytes());
        h.update(&[0]);
    }
    format!("{:016x}", h.digest())
}

fn make_clusters<'a>(
    groups: Vec<Vec<&ArticleId>>,
    info: &impl Fn(&ArticleId) -> ArticleInfo<'a>,
) -> Vec<ReuseCluster> {
    let mut out: Vec<ReuseCluster> = groups
        .into_iter()
        .map(|g| {
            let (earliest, first_date, dated) = earliest(&g, info);
            let mut articles: Vec<ArticleId> = g.iter().map(|id| (*id).clone()).collect();
            // Earliest first, undated last, then by id.
            articles.sort_by_key(|id| (info(id).date.is_none(), info(id).date, id.clone()));
            ReuseCluster {
                id: cluster_id(&g),
                articles,
                earliest,
                first_date,
                dated,
            }
        })
        .collect();
    out.sort_by(|x, y| {
        (x.first_date.is_none(), x.first_date, &x.articles[0]).cmp(&(
            y.first_date.is_none(),
            y.first_date,
            &y.articles[0],
        ))
    });
    out
}

/// Clusters: articles joined by reprints and partial reuse (a shared quotation joins nothing),
/// earliest first.
pub fn clusters<'a>(
    links: &[ReuseLink],
    info: impl Fn(&ArticleId) -> ArticleInfo<'a>,
) -> Vec<ReuseCluster> {
    make_clusters(components(links, |l| l.kind != ReuseKind::Quote), &info)
}

/// Reprint groups: articles joined by whole-story reprints only, the units that listings, search
/// and counts collapse into one.
pub fn reprint_groups<'a>(
    links: &[ReuseLink],
    info: impl Fn(&ArticleId) -> ArticleInfo<'a>,
) -> Vec<ReuseCluster> {
    make_clusters(components(links, |l| l.kind == ReuseKind::Reprint), &info)
}

/// One pair of outlets that share passages.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletPair {
    /// The outlet that printed first (when `directed`), else the first by name.
    pub from: String,
    /// The other outlet.
    pub to: String,
    /// True when every pair counted here was printed by `from` strictly before `to`.
    pub directed: bool,
    /// Article pairs.
    pub pairs: usize,
    /// Of which whole-story reprints.
    pub reprints: usize,
    /// Median days between the two printings, over the pairs with both dates.
    pub median_lag_days: Option<f64>,
    /// Pairs where a date is missing (then `directed` is false).
    pub undated: usize,
}

/// How much of an outlet's output copies others.
#[derive(Clone, Debug, PartialEq)]
pub struct OutletShare {
    /// The outlet.
    pub outlet: String,
    /// Its articles.
    pub articles: usize,
    /// Articles that reprint, whole, an article another outlet printed strictly earlier.
    pub reprints: usize,
    /// Articles that take passages (less than the whole story) from one printed strictly earlier
    /// by another outlet.
    pub partial: usize,
    /// `reprints / articles`.
    pub share: f64,
}

fn median(mut v: Vec<i64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

/// Who copies whom: outlet pairs joined by reprints or partial reuse (shared quotations and pairs
/// within one outlet are left out), most pairs first.
///
/// A pair printed on different days counts from the earlier outlet to the later one; a pair
/// printed the same day or with a date missing counts in an undirected row (outlets by name).
pub fn outlet_pairs<'a>(
    links: &[ReuseLink],
    info: impl Fn(&ArticleId) -> ArticleInfo<'a>,
) -> Vec<OutletPair> {
    #[derive(Default)]
    struct Acc {
        pairs: usize,
        reprints: usize,
        lags: Vec<i64>,
        undated: usize,
    }
    let mut rows: BTreeMap<(String, String, bool), Acc> = BTreeMap::new();
    for l in links.iter().filter(|l| l.kind != ReuseKind::Quote) {
        let (a, b) = (info(&l.a), info(&l.b));
        let (Some(oa), Some(ob)) = (a.outlet, b.outlet) else {
            continue;
        };
        if oa == ob {
            continue;
        }
        let lag = match (a.date, b.date) {
            (Some(da), Some(db)) => Some((da - db).get_days() as i64),
            _ => None,
        };
        let key = match lag {
            Some(d) if d < 0 => (oa.to_string(), ob.to_string(), true),
            Some(d) if d > 0 => (ob.to_string(), oa.to_string(), true),
            _ => (oa.min(ob).to_string(), oa.max(ob).to_string(), false),
        };
        let acc = rows.entry(key).or_default();
        acc.pairs += 1;
        acc.reprints += usize::from(l.kind == ReuseKind::Reprint);
        match lag {
            Some(d) => acc.lags.push(d.abs()),
            None => acc.undated += 1,
        }
    }
    let mut out: Vec<OutletPair> = rows
        .into_iter()
        .map(|((from, to, directed), acc)| OutletPair {
            from,
            to,
            directed,
            pairs: acc.pairs,
            reprints: acc.reprints,
            median_lag_days: median(acc.lags),
            undated: acc.undated,
        })
        .collect();
    out.sort_by(|x, y| {
        y.pairs
            .cmp(&x.pairs)
            .then_with(|| (&x.from, &x.to, x.directed).cmp(&(&y.from, &y.to, y.directed)))
    });
    out
}

/// For every outlet of `articles`, the share of its articles that reprint an earlier article of
/// another outlet; most articles first.
pub fn outlet_shares<'a>(
    links: &[ReuseLink],
    articles: impl Iterator<Item = (&'a ArticleId, ArticleInfo<'a>)>,
) -> Vec<OutletShare> {
    let info: HashMap<&ArticleId, ArticleInfo<'a>> = articles.collect();
    let mut reprinted: HashMap<&ArticleId, ReuseKind> = HashMap::new();
    for l in links.iter().filter(|l| l.kind != ReuseKind::Quote) {
        let (Some(a), Some(b)) = (info.get(&l.a), info.get(&l.b)) else {
            continue;
        };
        if a.outlet.is_none() || b.outlet.is_none() || a.outlet == b.outlet {
            continue;
        }
        let later = match (a.date, b.date) {
            (Some(da), Some(db)) if da < db => &l.b,
            (Some(da), Some(db)) if db < da => &l.a,
            _ => continue,
        };
        let k = reprinted.entry(later).or_insert(l.kind);
        if l.kind == ReuseKind::Reprint {
            *k = ReuseKind::Reprint;
        }
    }
    let mut rows: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (id, i) in &info {
        let Some(o) = i.outlet else { continue };
        let r = rows.entry(o).or_default();
        r.0 += 1;
        match reprinted.get(id) {
            Some(ReuseKind::Reprint) => r.1 += 1,
            Some(_) => r.2 += 1,
            None => {}
        }
    }
    let mut out: Vec<OutletShare> = rows
        .into_iter()
        .map(|(outlet, (articles, reprints, partial))| OutletShare {
            outlet: outlet.to_string(),
            articles,
            reprints,
            partial,
            share: reprints as f64 / articles as f64,
        })
        .collect();
    out.sort_by(|x, y| y.articles.cmp(&x.articles).then(x.outlet.cmp(&y.outlet)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> ArticleId {
        ArticleId(format!("{n:032x}"))
    }

    fn link(a: u8, b: u8, kind: ReuseKind) -> ReuseLink {
        ReuseLink {
            a: id(a),
            b: id(b),
            kind,
            words: 50,
            share_a: 0.9,
            share_b: 0.9,
            passages: Vec::new(),
        }
    }

    fn info(n: &ArticleId) -> ArticleInfo<'static> {
        let k = u8::from_str_radix(&n.0[30..], 16).unwrap();
        let outlets = ["Herald", "Courier", "Gazette"];
        ArticleInfo {
            date: (k != 9)
                .then(|| Date::constant(2020, 10, [5, 3, 3, 7, 8, 1, 2, 3, 4, 5][k as usize % 10])),
            outlet: Some(outlets[k as usize % 3]),
        }
    }

    #[test]
    fn clusters_and_their_earliest() {
        let links = [
            link(1, 2, ReuseKind::Reprint),
            link(2, 3, ReuseKind::Partial),
            link(4, 5, ReuseKind::Quote),
            link(6, 7, ReuseKind::Reprint),
            link(8, 9, ReuseKind::Reprint),
        ];
        let c = clusters(&links, info);
        assert_eq!(c.len(), 3);
        // 6 (Oct 1) and 7 (Oct 2): 6 is first.
        assert_eq!(c[0].articles, [id(6), id(7)]);
        assert_eq!(c[0].earliest, Earliest::Article(id(6)));
        // 1, 2, 3: 1 and 2 on Oct 3.
        assert_eq!(c[1].earliest, Earliest::Tie(vec![id(1), id(2)]));
        assert!(c[1].dated);
        // 9 has no date.
        assert_eq!(c[2].earliest, Earliest::Undated(vec![id(8)]));
        assert!(!c[2].dated);
        assert_eq!(reprint_groups(&links, info).len(), 3);
    }

    #[test]
    fn outlets_who_copies_whom() {
        let links = [
            link(1, 2, ReuseKind::Reprint),
            link(6, 7, ReuseKind::Partial),
        ];
        let pairs = outlet_pairs(&links, info);
        // 1 Courier Oct 3, 2 Gazette Oct 3: same day, undirected.
        assert!(pairs
            .iter()
            .any(|p| !p.directed && p.from == "Courier" && p.to == "Gazette"));
        // 6 Herald Oct 1, 7 Courier Oct 2: Herald first, one day.
        let p = pairs.iter().find(|p| p.directed).unwrap();
        assert_eq!(
            (p.from.as_str(), p.to.as_str(), p.median_lag_days),
            ("Herald", "Courier", Some(1.0))
        );
        let ids: Vec<ArticleId> = (1..=9).map(id).collect();
        let shares = outlet_shares(&links, ids.iter().map(|i| (i, info(i))));
        let courier = shares.iter().find(|s| s.outlet == "Courier").unwrap();
        assert_eq!(
            (courier.articles, courier.reprints, courier.partial),
            (3, 0, 1)
        );
    }
}
