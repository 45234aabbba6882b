//! What the exports read (issue #15): the articles a query and a filter select, walked in pages
//! in the order they were stored, and what the corpus knows of their names, entities and reuse.
//!
//! Nothing here loads the whole corpus: a [`Selection`] is either the filter (SQL, evaluated
//! page by page) or, for a full-text query, one bit per stored article row, and every other
//! query is about one article or a batch of entities.

use rusqlite::{params, OptionalExtension};

use cuttings_model::{Article, EntityKind};

use crate::db::{key, offset};
use crate::error::Result;
use crate::{Corpus, Filter};

/// The articles an export takes: those passing a filter, and matching a full-text query when
/// one is given (see [`Corpus::select`]).
#[derive(Clone, Debug)]
pub struct Selection {
    filter: Filter,
    /// For a query: one bit per article row (`seq`), set when the article matches.
    rows: Option<Vec<u64>>,
}

impl Selection {
    fn has_row(&self, seq: i64) -> bool {
        match &self.rows {
            None => true,
            Some(bits) => usize::try_from(seq).ok().is_some_and(|s| {
                bits.get(s / 64)
                    .is_some_and(|word| word & (1u64 << (s % 64)) != 0)
            }),
        }
    }
}

/// One entity of the corpus, for the exports: its stable key, shown name, type, counts (over the
/// whole corpus) and the forms it is mentioned under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRecord {
    /// Its row (dense from 1, most mentioned first); changes when entities are resolved again,
    /// so never shown: only for bitsets and joins within one export.
    pub row: i64,
    /// A key that stays the same while the entity gathers the same names: the smallest of its
    /// units (`p:` or `o:` and the normalised canonical name, see `crate::entities`).
    pub key: String,
    /// The name it is shown under.
    pub name: String,
    /// Its type.
    pub kind: EntityKind,
    /// Mentions in the whole corpus.
    pub mentions: u64,
    /// Articles naming it in the whole corpus.
    pub articles: u64,
    /// Every form it is mentioned under, with counts, most frequent first.
    pub aliases: Vec<(String, u64)>,
}

/// The entity a name or a speaker belongs to (see [`EntityRecord`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef {
    /// Its row.
    pub row: i64,
    /// Its stable key.
    pub key: String,
    /// Its type (over the whole corpus).
    pub kind: EntityKind,
}

/// The SQL condition of a [`Filter`] over `a` (articles) and `s` (sources), with parameters
/// `?3` to `?8` (`?1` and `?2` are the caller's).
const FILTER_SQL: &str = "(?3 IS NULL OR s.path = ?3 OR s.sha256 LIKE ?4)
   AND (?5 IS NULL OR a.outlet_key = ?5)
   AND (?6 IS NULL OR EXISTS (SELECT 1 FROM authors au
                              WHERE au.article_id = a.id AND au.name_key = ?6))
   AND (?7 IS NULL OR a.date >= ?7)
   AND (?8 IS NULL OR a.date <= ?8)";

/// The six filter parameters of [`FILTER_SQL`], in order.
type FilterParams = [Option<String>; 6];

/// The parameters of [`FILTER_SQL`] for a filter.
fn filter_params(filter: &Filter) -> FilterParams {
    let sha_prefix = filter.source.as_deref().and_then(|s| {
        (s.len() >= 4 && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| format!("{}%", s.to_ascii_lowercase()))
    });
    [
        filter.source.clone(),
        sha_prefix,
        filter.outlet.as_deref().map(key),
        filter.author.as_deref().map(key),
        filter.from.map(|d| d.to_string()),
        filter.to.map(|d| d.to_string()),
    ]
}

impl Corpus {
    /// The articles passing `filter` and, when `query` is given and not blank, matching it (the
    /// syntax of [`Corpus::search`], `entity:` included).
    pub fn select(&self, query: Option<&str>, filter: &Filter) -> Result<Selection> {
        let Some(query) = query.filter(|q| !q.trim().is_empty()) else {
            return Ok(Selection {
                filter: filter.clone(),
                rows: None,
            });
        };
        let sources = self.filter_sources(filter)?;
        let mut bits: Vec<u64> = Vec::new();
        if sources.as_ref().is_some_and(Vec::is_empty) {
            return Ok(Selection {
                filter: filter.clone(),
                rows: Some(bits),
            });
        }
        let units = |name: &str| self.units_named(name);
        let mut seq_of = self
            .db
            .conn
            .prepare("SELECT seq FROM articles WHERE id = ?1")
            .map_err(|e| self.db.err(e))?;
        self.index
            .for_each_match(query, filter, sources.as_deref(), &units, &mut |id| {
                let seq: Option<i64> = seq_of
                    .query_row([id], |r| r.get(0))
                    .optional()
                    .map_err(|e| self.db.err(e))?;
                if let Some(s) = seq.and_then(|s| usize::try_from(s).ok()) {
                    if bits.len() <= s / 64 {
                        bits.resize(s / 64 + 1, 0);
                    }
                    bits[s / 64] |= 1u64 << (s % 64);
                }
                Ok(())
            })?;
        Ok(Selection {
            filter: filter.clone(),
            rows: Some(bits),
        })
    }

    /// Up to `limit` selected articles stored after row `cursor` (0 for the start), in the
    /// order they were stored, and the cursor to pass next (the same cursor: the end).
    pub fn selected(
        &self,
        selection: &Selection,
        cursor: i64,
        limit: usize,
    ) -> Result<(Vec<Article>, i64)> {
        let [p3, p4, p5, p6, p7, p8] = filter_params(&selection.filter);
        let mut stmt = self
            .db
            .conn
            .prepare_cached(&format!(
                "SELECT a.seq, a.id FROM articles a JOIN sources s ON s.id = a.source_id
                 WHERE a.seq > ?1 AND {FILTER_SQL} ORDER BY a.seq LIMIT ?2"
            ))
            .map_err(|e| self.db.err(e))?;
        let mut out = Vec::new();
        let mut cursor = cursor;
        // With a query, rows that do not match are skipped; read on until the page is full.
        while out.len() < limit {
            let rows = stmt
                .query_map(
                    params![cursor, offset(limit), p3, p4, p5, p6, p7, p8],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                )
                .map_err(|e| self.db.err(e))?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(|e| self.db.err(e))?;
            let Some(&(last, _)) = rows.last() else {
                break;
            };
            for (seq, id) in rows {
                if out.len() == limit {
                    return Ok((out, cursor));
                }
                cursor = seq;
                if selection.has_row(seq) {
                    if let Some(a) = self.db.article(&id)? {
                        out.push(a);
                    }
                }
            }
            cursor = last;
        }
        Ok((out, cursor))
    }

    /// How many articles are selected.
    pub fn count_selected(&self, selection: &Selection) -> Result<u64> {
        if let Some(bits) = &selection.rows {
            return Ok(bits.iter().map(|w| u64::from(w.count_ones())).sum());
        }
        let [p3, p4, p5, p6, p7, p8] = filter_params(&selection.filter);
        self.db
            .conn
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM articles a JOIN sources s ON s.id = a.source_id
                 WHERE ?1 IS NULL AND ?2 IS NULL AND {FILTER_SQL}"
            ))
            .and_then(|mut st| {
                st.query_row(
                    params![None::<i64>, None::<i64>, p3, p4, p5, p6, p7, p8],
                    |r| r.get::<_, i64>(0),
                )
            })
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.db.err(e))
    }

    /// Whether the article with this full id is selected.
    pub fn is_selected(&self, selection: &Selection, id: &str) -> Result<bool> {
        let [p3, p4, p5, p6, p7, p8] = filter_params(&selection.filter);
        let seq: Option<i64> = self
            .db
            .conn
            .prepare_cached(&format!(
                "SELECT a.seq FROM articles a JOIN sources s ON s.id = a.source_id
                 WHERE a.id = ?1 AND {FILTER_SQL}"
            ))
            .and_then(|mut st| {
                st.query_row(params![id, None::<i64>, p3, p4, p5, p6, p7, p8], |r| {
                    r.get(0)
                })
                .optional()
            })
            .map_err(|e| self.db.err(e))?;
        Ok(seq.is_some_and(|s| selection.has_row(s)))
    }

    /// The body of the article with this full id.
    pub fn body_of(&self, id: &str) -> Result<Option<String>> {
        self.db
            .conn
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.db.err(e))
    }

    /// The outlet of the article with this full id.
    pub fn outlet_of(&self, id: &str) -> Result<Option<String>> {
        self.db
            .conn
            .prepare_cached("SELECT outlet FROM articles WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .map(Option::flatten)
            .map_err(|e| self.db.err(e))
    }

    /// The entity (its row and key, see [`EntityRecord`]) of each name of an article, in the
    /// order of [`Article::entities`]; `None` for names in no entity.
    pub fn mention_entities(&self, id: &str) -> Result<Vec<Option<EntityRef>>> {
        self.unit_entities(
            "SELECT u.entity, (SELECT MIN(x.unit) FROM entity_units x WHERE x.entity = u.entity),
                    e.kind
             FROM mentions m LEFT JOIN entity_units u ON u.unit = m.unit
             LEFT JOIN entities e ON e.id = u.entity
             WHERE m.article_id = ?1 ORDER BY m.position",
            id,
        )
    }

    /// The entity (row and key) of the speaker of each quotation of an article, in the order
    /// of [`Article::quotes`]; `None` when the speaker is not known.
    pub fn quote_entities(&self, id: &str) -> Result<Vec<Option<EntityRef>>> {
        self.unit_entities(
            "SELECT u.entity, (SELECT MIN(x.unit) FROM entity_units x WHERE x.entity = u.entity),
                    e.kind
             FROM quotes q LEFT JOIN entity_units u ON u.unit = q.unit
             LEFT JOIN entities e ON e.id = u.entity
             WHERE q.article_id = ?1 ORDER BY q.position",
            id,
        )
    }

    fn unit_entities(&self, sql: &str, id: &str) -> Result<Vec<Option<EntityRef>>> {
        if self.db.schema < 3 {
            return Ok(Vec::new());
        }
        self.db
            .conn
            .prepare_cached(sql)
            .and_then(|mut st| {
                st.query_map([id], |r| {
                    let kind: Option<String> = r.get(2)?;
                    Ok(
                        match (r.get::<_, Option<i64>>(0)?, r.get::<_, Option<String>>(1)?) {
                            (Some(row), Some(key)) => Some(EntityRef {
                                row,
                                key,
                                kind: kind
                                    .as_deref()
                                    .and_then(EntityKind::parse)
                                    .unwrap_or(EntityKind::Misc),
                            }),
                            _ => None,
                        },
                    )
                })?
                .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| self.db.err(e))
    }

    /// The number of entity rows (the largest [`EntityRecord::row`]).
    pub fn entity_rows(&self) -> Result<i64> {
        if self.db.schema < 3 {
            return Ok(0);
        }
        self.db
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM entities", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.db.err(e))
    }

    /// Calls `f` with every entity of the corpus, by row, with its forms. Streams: the forms
    /// come from one pass over the names, sorted by SQLite (which spills to disk), so memory
    /// does not grow with the corpus.
    pub fn for_each_entity<E: From<crate::Error>>(
        &self,
        f: &mut dyn FnMut(EntityRecord) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        if self.db.schema < 3 {
            return Ok(());
        }
        let err = |e| self.db.err(e);
        let mut entities = self
            .db
            .conn
            .prepare("SELECT id, name, kind, mentions, articles FROM entities ORDER BY id")
            .map_err(err)?;
        let mut keys = self
            .db
            .conn
            .prepare("SELECT entity, MIN(unit) FROM entity_units GROUP BY entity ORDER BY entity")
            .map_err(err)?;
        let mut forms = self
            .db
            .conn
            .prepare(
                "SELECT u.entity, m.name, COUNT(*) FROM mentions m
                 JOIN entity_units u ON u.unit = m.unit
                 GROUP BY u.entity, m.name ORDER BY u.entity",
            )
            .map_err(err)?;
        let mut entities = entities.query([]).map_err(err)?;
        let mut keys = keys.query([]).map_err(err)?;
        let mut forms = forms.query([]).map_err(err)?;
        let mut key: Option<(i64, String)> = None;
        let mut form: Option<(i64, String, i64)> = None;
        let mut keys_done = false;
        let mut forms_done = false;
        while let Some(r) = entities.next().map_err(err)? {
            let row: i64 = r.get(0).map_err(err)?;
            let kind: String = r.get(2).map_err(err)?;
            let mut record = EntityRecord {
                row,
                key: format!("#{row}"),
                name: r.get(1).map_err(err)?,
                kind: EntityKind::parse(&kind).unwrap_or(EntityKind::Misc),
                mentions: u64::try_from(r.get::<_, i64>(3).map_err(err)?).unwrap_or(0),
                articles: u64::try_from(r.get::<_, i64>(4).map_err(err)?).unwrap_or(0),
                aliases: Vec::new(),
            };
            // the three cursors go up by entity row together
            loop {
                match &key {
                    Some((e, _)) if *e > row => break,
                    Some((e, k)) => {
                        if *e == row {
                            record.key = k.clone();
                        }
                        key = None;
                    }
                    None if keys_done => break,
                    None => match keys.next().map_err(err)? {
                        Some(k) => key = Some((k.get(0).map_err(err)?, k.get(1).map_err(err)?)),
                        None => keys_done = true,
                    },
                }
            }
            loop {
                match &form {
                    Some((e, _, _)) if *e > row => break,
                    Some((e, n, c)) => {
                        if *e == row {
                            record
                                .aliases
                                .push((n.clone(), u64::try_from(*c).unwrap_or(0)));
                        }
                        form = None;
                    }
                    None if forms_done => break,
                    None => match forms.next().map_err(err)? {
                        Some(m) => {
                            form = Some((
                                m.get(0).map_err(err)?,
                                m.get(1).map_err(err)?,
                                m.get(2).map_err(err)?,
                            ))
                        }
                        None => forms_done = true,
                    },
                }
            }
            record
                .aliases
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            f(record)?;
        }
        Ok(())
    }
}
