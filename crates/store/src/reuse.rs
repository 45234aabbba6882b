//! Text reuse in the corpus (issue #13, schema version 5): fingerprints, links, reprint groups.
//!
//! Linking is incremental. Articles are stored with `linked = 0`; [`Db::link_pending`] takes
//! them in chunks, sketches them with `cuttings-link`, finds the stored articles that share
//! fingerprints through `reuse_grams` (a `(hash, article)` table, one row per fingerprint), and
//! aligns only those pairs. A fingerprint's document frequency counts every holder, old and new,
//! so a pair is a candidate exactly when it would be in a full recomputation; when a fingerprint
//! becomes boilerplate (more than `max_df` holders) the links among its older holders are checked
//! again. So the links do not depend on the order in which files were ingested, and
//! `cuttings reuse --rebuild` (which empties the tables and links everything again) gives the
//! same result.
//!
//! Derived from the links: `articles.reprint_of`, the article that stands for a reprint group
//! (its earliest member: by date, undated last, then id), set on the other members, so that
//! search and stats can count a story once.

use std::collections::{HashMap, HashSet};

use cuttings_link::{
    candidate_pairs, compare_pairs, sketch, tokenize, within_df, ArticleInfo, Doc, LinkConfig,
};
use cuttings_model::{ArticleId, Date, Passage, ReuseKind, ReuseLink, Span};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::db::Db;
use crate::error::{self, Result};

/// The members of reprint groups, for collapsing searches without reading every article row
/// (issue #14); made by every write-mode open, so it needs no schema version.
pub(crate) const REPRINT_INDEX: &str =
    "CREATE INDEX IF NOT EXISTS articles_reprints ON articles(reprint_of) WHERE reprint_of IS NOT NULL;";

/// Version 5 (issue #13): text reuse.
pub(crate) const MIGRATE_4_TO_5: &str = "
ALTER TABLE articles ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sketch INTEGER;
ALTER TABLE articles ADD COLUMN reprint_of TEXT;
CREATE INDEX articles_unlinked ON articles(linked) WHERE linked = 0;
CREATE TABLE reuse_grams (
    hash    INTEGER NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (hash, article)
) WITHOUT ROWID;
CREATE TABLE reuse_links (
    a        TEXT NOT NULL,
    b        TEXT NOT NULL,
    kind     TEXT NOT NULL,
    words    INTEGER NOT NULL,
    share_a  REAL NOT NULL,
    share_b  REAL NOT NULL,
    passages TEXT NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX reuse_links_by_b ON reuse_links(b);
";

/// Articles linked per transaction: bounds memory (their bodies and sketches) on a big ingest.
const CHUNK: usize = 20_000;

/// The `meta` key of the settings the stored links were made with.
const CONFIG_KEY: &str = "reuse_config";

/// What one run of linking did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkOutcome {
    /// Articles linked (compared with the corpus).
    pub articles: usize,
    /// Candidate pairs aligned.
    pub compared: usize,
    /// Links stored.
    pub links: usize,
    /// Links removed because a fingerprint they needed became boilerplate.
    pub dropped: usize,
}

fn encode_passages(ps: &[Passage]) -> String {
    let mut s = String::new();
    for p in ps {
        if !s.is_empty() {
            s.push(';');
        }
        s.push_str(&format!(
            "{},{},{},{},{},{}",
            p.a.start,
            p.a.end,
            p.b.start,
            p.b.end,
            p.words,
            u8::from(p.quoted)
        ));
    }
    s
}

/// Stores (or replaces) a link.
const PUT_LINK: &str =
    "INSERT OR REPLACE INTO reuse_links (a, b, kind, words, share_a, share_b, passages)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/// Runs [`PUT_LINK`] for `l`, stored under the ids `a` and `b` (`a < b`).
fn put_link(
    put: &mut rusqlite::CachedStatement<'_>,
    a: &ArticleId,
    b: &ArticleId,
    l: &ReuseLink,
) -> rusqlite::Result<usize> {
    put.execute(params![
        a.0,
        b.0,
        l.kind.as_str(),
        l.words,
        f64::from(l.share_a),
        f64::from(l.share_b),
        encode_passages(&l.passages)
    ])
}

/// The fingerprints (all, sorted) and digest of each body's sketch, on all cores.
fn sketch_all(bodies: Vec<&str>, cfg: &LinkConfig) -> (Vec<Vec<u64>>, Vec<u64>) {
    use rayon::prelude::*;
    bodies
        .par_iter()
        .map(|body| {
            let s = sketch(&tokenize(body), cfg);
            (s.all(), s.digest())
        })
        .unzip()
}

/// Stores the fingerprints of articles (by `seq`) and marks them linked with their sketch's
/// digest.
fn mark_linked(
    tx: &Transaction<'_>,
    seqs: &[i64],
    sketches: &[Vec<u64>],
    digests: &[u64],
) -> rusqlite::Result<()> {
    let mut gram =
        tx.prepare_cached("INSERT OR IGNORE INTO reuse_grams (hash, article) VALUES (?1, ?2)")?;
    let mut mark =
        tx.prepare_cached("UPDATE articles SET linked = 1, sketch = ?2 WHERE seq = ?1")?;
    // In key order: random inserts into a big B-tree touch a page each, sorted ones fill pages
    // one after the other.
    let mut grams: Vec<(i64, i64)> = seqs
        .iter()
        .zip(sketches)
        .flat_map(|(seq, s)| s.iter().map(move |&h| (h as i64, *seq)))
        .collect();
    grams.sort_unstable();
    for (h, seq) in grams {
        gram.execute(params![h, seq])?;
    }
    for (seq, d) in seqs.iter().zip(digests) {
        mark.execute(params![seq, *d as i64])?;
    }
    Ok(())
}

fn decode_passages(s: &str) -> Vec<Passage> {
    s.split(';')
        .filter_map(|p| {
            let v: Vec<usize> = p.split(',').filter_map(|x| x.parse().ok()).collect();
            (v.len() == 6).then(|| Passage {
                a: Span::new(v[0], v[1]),
                b: Span::new(v[2], v[3]),
                words: v[4] as u32,
                quoted: v[5] == 1,
            })
        })
        .collect()
}

fn link_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReuseLink> {
    let kind: String = r.get(2)?;
    Ok(ReuseLink {
        a: ArticleId(r.get(0)?),
        b: ArticleId(r.get(1)?),
        kind: ReuseKind::parse(&kind).unwrap_or(ReuseKind::Partial),
        words: r.get(3)?,
        share_a: r.get::<_, f64>(4)? as f32,
        share_b: r.get::<_, f64>(5)? as f32,
        passages: decode_passages(&r.get::<_, String>(6)?),
    })
}

/// Stored metadata of an article, for clusters and outlets.
#[derive(Clone, Debug)]
pub struct ArticleMeta {
    /// Publication date.
    pub date: Option<Date>,
    /// Outlet.
    pub outlet: Option<String>,
}

impl ArticleMeta {
    /// As `cuttings-link` takes it.
    pub fn info(&self) -> ArticleInfo<'_> {
        ArticleInfo {
            date: self.date,
            outlet: self.outlet.as_deref(),
        }
    }
}

impl Db {
    fn has_reuse(&self) -> bool {
        self.schema >= 5
    }

    /// Links every article not linked yet with the corpus (see the module's documentation);
    /// `progress(done, total)` is called after each chunk. When the stored links were made with
    /// other settings, everything is linked again.
    pub(crate) fn link_pending(
        &mut self,
        cfg: &LinkConfig,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<LinkOutcome> {
        let signature = cfg.signature();
        if self.meta(CONFIG_KEY)?.as_deref() != Some(signature.as_str()) {
            self.clear_reuse()?;
            self.set_meta(CONFIG_KEY, &signature)?;
        }
        let total: usize = self
            .conn
            .query_row("SELECT count(*) FROM articles WHERE linked = 0", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(|e| self.err(e))? as usize;
        let mut outcome = LinkOutcome::default();
        let mut done = 0;
        loop {
            let chunk = self.link_chunk(cfg, &mut outcome)?;
            if chunk == 0 {
                break;
            }
            done += chunk;
            progress(done, total);
        }
        if outcome.articles > 0 || self.meta("reuse_groups_stale")?.as_deref() == Some("1") {
            self.regroup()?;
        }
        Ok(outcome)
    }

    /// Forgets every link and fingerprint, so that the next [`Db::link_pending`] links all
    /// articles again.
    pub(crate) fn clear_reuse(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute_batch(
            "DELETE FROM reuse_links; DELETE FROM reuse_grams;
             UPDATE articles SET linked = 0, sketch = NULL, reprint_of = NULL;",
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Links up to [`CHUNK`] unlinked articles; returns how many.
    fn link_chunk(&mut self, cfg: &LinkConfig, outcome: &mut LinkOutcome) -> Result<usize> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let new: Vec<(i64, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT seq, id, body FROM articles WHERE linked = 0 ORDER BY seq LIMIT ?1",
            )
            .and_then(|mut s| {
                s.query_map([CHUNK as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(err)?;
        if new.is_empty() {
            return Ok(0);
        }
        let (sketches, digests) = sketch_all(new.iter().map(|n| n.2.as_str()).collect(), cfg);
        // Each article's text (its sketch's digest): copies of one text count once in a
        // fingerprint's frequency.
        let text_of_linked: HashMap<u32, u64> = self
            .conn
            .prepare_cached("SELECT seq, sketch FROM articles WHERE linked = 1")
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((r.get::<_, i64>(0)? as u32, r.get::<_, i64>(1)? as u64))
                })?
                .collect()
            })
            .map_err(err)?;
        // Nothing stored is linked yet (a first ingest): no fingerprint to look up.
        let any_linked = !text_of_linked.is_empty();
        let mut text_of = text_of_linked;
        for ((seq, _, _), d) in new.iter().zip(&digests) {
            text_of.insert(*seq as u32, *d);
        }
        let text = |d: u32| text_of.get(&d).copied().unwrap_or(u64::from(d));
        let new_seqs: HashSet<u32> = new.iter().map(|n| n.0 as u32).collect();
        // Holders of each fingerprint: the new articles, then the stored ones.
        let mut holders: HashMap<u64, Vec<u32>> = HashMap::new();
        for ((seq, _, _), s) in new.iter().zip(&sketches) {
            for &h in s {
                holders.entry(h).or_default().push(*seq as u32);
            }
        }
        let tx = self.conn.transaction().map_err(err)?;
        // Whether each fingerprint was within the frequency limit before this chunk.
        let mut was_within: HashMap<u64, bool> = HashMap::new();
        {
            let mut stmt = tx
                .prepare_cached("SELECT article FROM reuse_grams WHERE hash = ?1")
                .map_err(err)?;
            for (&h, docs) in holders.iter_mut() {
                let before = docs.len();
                if !any_linked {
                    was_within.insert(h, true);
                    continue;
                }
                let rows = stmt
                    .query_map([h as i64], |r| r.get::<_, i64>(0))
                    .map_err(err)?;
                for r in rows {
                    docs.push(r.map_err(err)? as u32);
                }
                was_within.insert(h, within_df(&docs[before..], text, cfg.max_df));
                docs.sort_unstable();
                docs.dedup();
            }
        }
        let pairs = candidate_pairs(
            holders.values().map(Vec::as_slice),
            |d| new_seqs.contains(&d),
            text,
            cfg,
        );
        // Fingerprints that just became boilerplate: links among their older holders may have
        // needed them.
        let crossed: Vec<u64> = holders
            .iter()
            .filter(|(h, d)| was_within[*h] && !within_df(d, text, cfg.max_df))
            .map(|(h, _)| *h)
            .collect();
        // The bodies of the stored articles the new ones are compared with.
        let mut docs_seq: Vec<u32> = pairs.iter().flat_map(|p| [p.0, p.1]).collect();
        docs_seq.sort_unstable();
        docs_seq.dedup();
        let mut bodies: HashMap<u32, (ArticleId, String)> = new
            .iter()
            .map(|(seq, id, body)| (*seq as u32, (ArticleId(id.clone()), body.clone())))
            .collect();
        {
            let mut stmt = tx
                .prepare_cached("SELECT id, body FROM articles WHERE seq = ?1")
                .map_err(err)?;
            let missing: Vec<u32> = docs_seq
                .iter()
                .copied()
                .filter(|s| !bodies.contains_key(s))
                .collect();
            for s in missing {
                let (id, body): (String, String) = stmt
                    .query_row([s as i64], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(err)?;
                bodies.insert(s, (ArticleId(id), body));
            }
        }
        let index: HashMap<u32, u32> = docs_seq
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u32))
            .collect();
        let docs: Vec<Doc> = docs_seq
            .iter()
            .map(|s| {
                let (id, body) = &bodies[s];
                Doc { id, body }
            })
            .collect();
        let local: Vec<(u32, u32)> = pairs.iter().map(|(x, y)| (index[x], index[y])).collect();
        let links = compare_pairs(&docs, &local, cfg);
        outcome.articles += new.len();
        outcome.compared += pairs.len();
        outcome.links += links.len();
        {
            let mut put = tx.prepare_cached(PUT_LINK).map_err(err)?;
            for l in &links {
                put_link(&mut put, &l.a, &l.b, l).map_err(err)?;
            }
        }
        let seqs: Vec<i64> = new.iter().map(|n| n.0).collect();
        mark_linked(&tx, &seqs, &sketches, &digests).map_err(err)?;
        if !crossed.is_empty() {
            outcome.dropped +=
                recheck(&tx, &holders, &crossed, &new_seqs, &text, cfg).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(new.len())
    }

    /// Takes links found outside the corpus, by a cluster job over exactly the articles not
    /// linked yet (see `cuttings import`), instead of aligning them here: the articles are
    /// sketched and marked linked as [`Db::link_pending`] marks them, so that later ingests
    /// link with them incrementally, and the links are stored as given. Links naming an
    /// article the corpus does not hold are left out (counted in `dropped`).
    ///
    /// `None`, with nothing changed, when some article is linked already: links made without
    /// the stored articles would miss the pairs with them, so the caller links as usual.
    pub(crate) fn adopt_links(
        &mut self,
        cfg: &LinkConfig,
        links: &[ReuseLink],
    ) -> Result<Option<LinkOutcome>> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let linked: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles WHERE linked = 1", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        if linked > 0 {
            return Ok(None);
        }
        let signature = cfg.signature();
        if self.meta(CONFIG_KEY)?.as_deref() != Some(signature.as_str()) {
            self.clear_reuse()?;
            self.set_meta(CONFIG_KEY, &signature)?;
        }
        let mut outcome = LinkOutcome::default();
        loop {
            let new: Vec<(i64, String)> = self
                .conn
                .prepare_cached(
                    "SELECT seq, body FROM articles WHERE linked = 0 ORDER BY seq LIMIT ?1",
                )
                .and_then(|mut s| {
                    s.query_map([CHUNK as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect()
                })
                .map_err(err)?;
            if new.is_empty() {
                break;
            }
            let (sketches, digests) = sketch_all(new.iter().map(|n| n.1.as_str()).collect(), cfg);
            let seqs: Vec<i64> = new.iter().map(|n| n.0).collect();
            let tx = self.conn.transaction().map_err(err)?;
            mark_linked(&tx, &seqs, &sketches, &digests).map_err(err)?;
            tx.commit().map_err(err)?;
            outcome.articles += new.len();
        }
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut known = tx
                .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
                .map_err(err)?;
            let mut put = tx.prepare_cached(PUT_LINK).map_err(err)?;
            for l in links {
                if !known.exists([&l.a.0]).map_err(err)? || !known.exists([&l.b.0]).map_err(err)? {
                    outcome.dropped += 1;
                    continue;
                }
                let (a, b) = if l.a <= l.b {
                    (&l.a, &l.b)
                } else {
                    (&l.b, &l.a)
                };
                put_link(&mut put, a, b, l).map_err(err)?;
                outcome.links += 1;
            }
        }
        tx.commit().map_err(err)?;
        self.regroup()?;
        Ok(Some(outcome))
    }

    /// Sets `reprint_of` from the reprint links: every member of a reprint group but its
    /// earliest points at the earliest.
    fn regroup(&mut self) -> Result<()> {
        let links = self.reuse_links(Some(ReuseKind::Reprint))?;
        let meta = self.article_meta()?;
        let none = ArticleMeta {
            date: None,
            outlet: None,
        };
        let groups =
            cuttings_link::reprint_groups(&links, |id| meta.get(&id.0).unwrap_or(&none).info());
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "UPDATE articles SET reprint_of = NULL WHERE reprint_of IS NOT NULL",
            [],
        )
        .map_err(err)?;
        {
            let mut set = tx
                .prepare_cached("UPDATE articles SET reprint_of = ?2 WHERE id = ?1")
                .map_err(err)?;
            for g in &groups {
                // `articles` is sorted earliest first, undated last, then by id.
                let head = &g.articles[0];
                for member in &g.articles[1..] {
                    set.execute(params![member.0, head.0]).map_err(err)?;
                }
            }
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('reuse_groups_stale', '0')
             ON CONFLICT(key) DO UPDATE SET value = '0'",
            [],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Every stored link (of one kind), sorted by `(a, b)`.
    pub(crate) fn reuse_links(&self, kind: Option<ReuseKind>) -> Result<Vec<ReuseLink>> {
        if !self.has_reuse() {
            return Ok(Vec::new());
        }
        let sql = "SELECT a, b, kind, words, share_a, share_b, passages FROM reuse_links
                   WHERE ?1 IS NULL OR kind = ?1 ORDER BY a, b";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([kind.map(|k| k.as_str())], link_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e));
        rows
    }

    /// The links of one article, sorted by `(a, b)`.
    pub(crate) fn reuse_of(&self, id: &str) -> Result<Vec<ReuseLink>> {
        if !self.has_reuse() {
            return Ok(Vec::new());
        }
        let sql = "SELECT a, b, kind, words, share_a, share_b, passages FROM reuse_links
                   WHERE a = ?1 UNION ALL
                   SELECT a, b, kind, words, share_a, share_b, passages FROM reuse_links
                   WHERE b = ?1 ORDER BY 1, 2";
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], link_from_row)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e));
        rows
    }

    /// The bodies of the articles with these ids (those it holds).
    pub(crate) fn bodies(&self, ids: &[&str]) -> Result<HashMap<String, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")
            .map_err(|e| self.err(e))?;
        let mut out = HashMap::with_capacity(ids.len());
        for id in ids {
            let body: Option<String> = stmt
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some(b) = body {
                out.insert((*id).to_string(), b);
            }
        }
        Ok(out)
    }

    /// Date and outlet of every article, by id.
    pub(crate) fn article_meta(&self) -> Result<HashMap<String, ArticleMeta>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, date, outlet FROM articles")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let date: Option<String> = r.get(1)?;
                Ok((
                    r.get::<_, String>(0)?,
                    ArticleMeta {
                        date: date.and_then(|d| d.parse::<Date>().ok()),
                        outlet: r.get(2)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()
            .map_err(|e| self.err(e));
        rows
    }

    /// The article that stands for each given article's reprint group (itself when it stands
    /// for its group or is in none).
    pub(crate) fn reprint_heads(&self, ids: &[String]) -> Result<Vec<String>> {
        if !self.has_reuse() {
            return Ok(ids.to_vec());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT coalesce(reprint_of, id) FROM articles WHERE id = ?1")
            .map_err(|e| self.err(e))?;
        ids.iter()
            .map(|id| {
                stmt.query_row([id], |r| r.get::<_, String>(0))
                    .map_err(|e| self.err(e))
            })
            .collect()
    }

    /// The head of every article that is in a reprint group but does not stand for it.
    pub(crate) fn reprint_members(&self) -> Result<HashMap<String, String>> {
        if !self.has_reuse() {
            return Ok(HashMap::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, reprint_of FROM articles WHERE reprint_of IS NOT NULL")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()
            .map_err(|e| self.err(e));
        rows
    }

    /// How many articles each reprint group head stands for (itself included), for the heads
    /// of groups of two or more.
    pub(crate) fn reprint_counts(&self) -> Result<HashMap<String, u64>> {
        if !self.has_reuse() {
            return Ok(HashMap::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT reprint_of, count(*) + 1 FROM articles WHERE reprint_of IS NOT NULL
                 GROUP BY reprint_of",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()
            .map_err(|e| self.err(e));
        rows
    }
}

/// Checks again the links among the older holders of fingerprints that just became
/// boilerplate: a link stays only while its two articles share `min_shared` fingerprints that
/// are not boilerplate. Returns how many links went.
///
/// The shared fingerprints are found by sketching the two bodies again (the table is keyed by
/// fingerprint, not by article), and each one's holders are looked up once.
fn recheck(
    tx: &Transaction<'_>,
    holders: &HashMap<u64, Vec<u32>>,
    crossed: &[u64],
    new: &HashSet<u32>,
    text: &dyn Fn(u32) -> u64,
    cfg: &LinkConfig,
) -> rusqlite::Result<usize> {
    let mut affected: HashSet<u32> = HashSet::new();
    for h in crossed {
        affected.extend(holders[h].iter().filter(|d| !new.contains(d)));
    }
    let mut row_of = tx.prepare_cached("SELECT id, body FROM articles WHERE seq = ?1")?;
    let mut seq_of: HashMap<String, u32> = HashMap::new();
    let mut body_of: HashMap<u32, String> = HashMap::new();
    for &s in &affected {
        let (id, body): (String, String) =
            row_of.query_row([s as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        seq_of.insert(id, s);
        body_of.insert(s, body);
    }
    let mut links_of = tx.prepare_cached("SELECT a, b FROM reuse_links WHERE a = ?1")?;
    let mut holders_of = tx.prepare_cached("SELECT article FROM reuse_grams WHERE hash = ?1")?;
    let mut sketches: HashMap<u32, Vec<u64>> = HashMap::new();
    let mut within: HashMap<u64, bool> = HashMap::new();
    let mut gone = 0;
    let mut ids: Vec<String> = seq_of.keys().cloned().collect();
    ids.sort();
    for a in ids {
        let pairs: Vec<(String, String)> = links_of
            .query_map([&a], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (a, b) in pairs {
            let (Some(&x), Some(&y)) = (seq_of.get(&a), seq_of.get(&b)) else {
                continue;
            };
            for s in [x, y] {
                sketches
                    .entry(s)
                    .or_insert_with(|| sketch(&tokenize(&body_of[&s]), cfg).all());
            }
            let (sx, sy) = (&sketches[&x], &sketches[&y]);
            let mut kept = 0;
            for h in sx.iter().filter(|h| sy.binary_search(h).is_ok()) {
                let ok = match within.get(h) {
                    Some(&ok) => ok,
                    None => {
                        let docs: Vec<u32> = holders_of
                            .query_map([*h as i64], |r| r.get::<_, i64>(0))?
                            .map(|r| r.map(|d| d as u32))
                            .collect::<rusqlite::Result<_>>()?;
                        let ok = within_df(&docs, text, cfg.max_df);
                        within.insert(*h, ok);
                        ok
                    }
                };
                kept += usize::from(ok);
            }
            if kept < cfg.min_shared {
                gone += tx.execute("DELETE FROM reuse_links WHERE a = ?1 AND b = ?2", [&a, &b])?;
            }
        }
    }
    Ok(gone)
}

/// Removes the links and fingerprints of the articles of the source with row `source_id`
/// (before the articles themselves go), and marks the reprint groups for recomputing.
pub(crate) fn delete_source_reuse(tx: &Transaction<'_>, source_id: i64) -> rusqlite::Result<()> {
    let has: i64 = tx.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'reuse_links'",
        [],
        |r| r.get(0),
    )?;
    if has == 0 {
        return Ok(());
    }
    let rows: Vec<(i64, String, String, i64)> = tx
        .prepare("SELECT seq, id, body, linked FROM articles WHERE source_id = ?1")?
        .query_map([source_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let cfg = LinkConfig::default();
    for (seq, id, body, linked) in rows {
        tx.execute("DELETE FROM reuse_links WHERE a = ?1 OR b = ?1", [&id])?;
        tx.execute(
            "UPDATE articles SET reprint_of = NULL WHERE reprint_of = ?1",
            [&id],
        )?;
        if linked == 1 {
            let mut del =
                tx.prepare_cached("DELETE FROM reuse_grams WHERE hash = ?1 AND article = ?2")?;
            for h in sketch(&tokenize(&body), &cfg).all() {
                del.execute(params![h as i64, seq])?;
            }
        }
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('reuse_groups_stale', '1')
         ON CONFLICT(key) DO UPDATE SET value = '1'",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_round_trip() {
        let ps = vec![
            Passage {
                a: Span::new(0, 10),
                b: Span::new(5, 15),
                words: 3,
                quoted: false,
            },
            Passage {
                a: Span::new(20, 40),
                b: Span::new(30, 52),
                words: 4,
                quoted: true,
            },
        ];
        assert_eq!(decode_passages(&encode_passages(&ps)), ps);
        assert!(decode_passages("").is_empty());
    }
}
