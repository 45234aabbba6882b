//! Corpus-wide entities: the mentions of all articles joined into entities, and the users'
//! alias decisions.
//!
//! Every mention belongs to a *unit*: `p:` (people) or `o:` (everything else) followed by the
//! [`name_key`] of its canonical name in its article, so every article that calls the MEK
//! "Mojahedin-e Khalq Organization" adds to one unit. A mention under a name a user split off
//! belongs to the unit of that name instead. [`Db::resolve_entities`] joins units into entities
//! with [`cuttings_extract::corpus::join`] (shared aliases, lone surnames, the users' merges),
//! names them (most mentioned full name, or the users' rename) and writes the `entities` and
//! `entity_units` tables, which every query about entities reads.
//!
//! Resolution runs after each ingest that stored names (`entities_stale` in `meta` says one is
//! due, so a crash in between is caught up by the next write-mode open) and after each alias
//! change. It reads the mentions once, grouped by unit, so it costs about one scan of them.
//!
//! The users' decisions live in `alias_log`, keyed by the names they typed: they survive
//! re-extraction (`cuttings reindex`) and apply to articles ingested later.

use std::collections::HashMap;

use cuttings_extract::alias::is_short_name;
use cuttings_extract::corpus::{display_name, join, Named, Unit};
use cuttings_extract::{name_key, EntityType};
use cuttings_model::{Article, Date, EntityKind};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::db::{json_array, key, offset, quote_mention, Db};
use crate::error::{Error, Result};
use crate::types::{AliasAction, AliasChange, EntityCount, EntityNames, EntityReport, QuoteRecord};

/// Version 3: units of mentions, corpus entities, and the log of the users' alias decisions.
const MIGRATE_2_TO_3: &str = "
ALTER TABLE mentions ADD COLUMN alias_key TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN unit TEXT;
CREATE TABLE entities (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE TABLE entity_units (
    unit   TEXT PRIMARY KEY,
    entity INTEGER NOT NULL REFERENCES entities(id)
) WITHOUT ROWID;
CREATE INDEX entity_units_by_entity ON entity_units(entity);
CREATE TABLE entity_aliases (
    alias_key TEXT NOT NULL,
    entity    INTEGER NOT NULL REFERENCES entities(id),
    person    INTEGER NOT NULL,
    mentions  INTEGER NOT NULL,
    PRIMARY KEY (alias_key, entity, person)
) WITHOUT ROWID;
CREATE TABLE alias_log (
    id        INTEGER PRIMARY KEY,
    time      TEXT NOT NULL,
    action    TEXT NOT NULL,
    name      TEXT NOT NULL,
    target    TEXT,
    reason    TEXT,
    undone_by INTEGER REFERENCES alias_log(id)
);
";

const STALE: &str = "entities_stale";

/// Runs the version 3 migration in `tx`: new columns and tables, then the units of the
/// mentions and quotations already stored.
pub(crate) fn migrate_2_to_3(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(MIGRATE_2_TO_3)?;
    let rows: Vec<(String, i64, String, String, String)> = tx
        .prepare("SELECT article_id, position, name, kind, canonical FROM mentions")?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut update = tx.prepare(
            "UPDATE mentions SET alias_key = ?3, unit = ?4 WHERE article_id = ?1 AND position = ?2",
        )?;
        for (article, position, name, kind, canonical) in &rows {
            let person = kind == EntityKind::Person.as_str();
            let alias = alias_key(name);
            update.execute(params![
                article,
                position,
                alias,
                unit(person, &alias_key(canonical))
            ])?;
        }
    }
    tx.execute(
        "UPDATE quotes SET unit = (SELECT m.unit FROM mentions m
             WHERE m.article_id = quotes.article_id AND m.canonical = quotes.canonical
             ORDER BY m.position LIMIT 1)
         WHERE canonical IS NOT NULL",
        [],
    )?;
    if !rows.is_empty() {
        mark_stale(tx)?;
    }
    Ok(())
}

/// Notes that the entities must be resolved again (called in the transaction that stored names).
pub(crate) fn mark_stale(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (?1, '1')
         ON CONFLICT(key) DO UPDATE SET value = '1'",
        [STALE],
    )?;
    Ok(())
}

/// The key a name is matched under: [`name_key`], or the plain lower-cased name when the key
/// is empty (a name of symbols only).
pub(crate) fn alias_key(name: &str) -> String {
    let k = name_key(name);
    if k.is_empty() {
        key(name)
    } else {
        k
    }
}

/// The unit of the mentions of a person (`p:`) or anything else (`o:`) keyed `k`.
fn unit(person: bool, k: &str) -> String {
    format!("{}:{k}", if person { 'p' } else { 'o' })
}

/// The key and the class of a unit.
fn unit_parts(unit: &str) -> (bool, &str) {
    match unit.split_once(':') {
        Some((class, k)) => (class == "p", k),
        None => (false, unit),
    }
}

/// The alias keys and units of one article's mentions and quotations, in their order.
pub(crate) struct Units {
    pub alias_keys: Vec<String>,
    pub mentions: Vec<String>,
    pub quotes: Vec<Option<String>>,
}

impl Units {
    /// Units for `article`'s mentions; a mention under a `split` key gets the unit of that key.
    /// A quotation's unit is that of the first mention of its speaker's entity.
    pub(crate) fn of(article: &Article, split: &[String]) -> Units {
        let mut alias_keys = Vec::with_capacity(article.entities.len());
        let mut mentions = Vec::with_capacity(article.entities.len());
        let mut by_canonical: HashMap<&str, usize> = HashMap::new();
        for (i, m) in article.entities.iter().enumerate() {
            let person = m.kind == EntityKind::Person;
            let alias = alias_key(&m.name);
            let u = if split.contains(&alias) {
                unit(person, &alias)
            } else {
                unit(person, &alias_key(&m.canonical))
            };
            by_canonical.entry(m.canonical.as_str()).or_insert(i);
            alias_keys.push(alias);
            mentions.push(u);
        }
        let quotes = article
            .quotes
            .iter()
            .map(|q| {
                let c = q.canonical.as_deref()?;
                by_canonical.get(c).map(|&i| mentions[i].clone())
            })
            .collect();
        Units {
            alias_keys,
            mentions,
            quotes,
        }
    }
}

/// The active decisions of the alias log, as keys.
#[derive(Default)]
struct Rules {
    merges: Vec<(String, String)>,
    splits: Vec<String>,
    /// (key of the name, new name), oldest first.
    renames: Vec<(String, String)>,
}

fn kind_index(kind: &str) -> usize {
    match EntityKind::parse(kind) {
        Some(EntityKind::Person) => 0,
        Some(EntityKind::Org) => 1,
        Some(EntityKind::Place) => 2,
        _ => 3,
    }
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Org,
    EntityKind::Place,
    EntityKind::Misc,
];

impl Db {
    fn require_entities(&self) -> Result<()> {
        if self.schema < 3 {
            return Err(Error::NeedsUpgrade {
                path: self.path.clone(),
                found: self.schema,
            });
        }
        Ok(())
    }

    /// The alias keys users split off (active decisions only).
    pub(crate) fn split_keys(&self) -> Result<Vec<String>> {
        Ok(self.rules()?.splits)
    }

    fn rules(&self) -> Result<Rules> {
        let mut st = self
            .conn
            .prepare(
                "SELECT action, name, target FROM alias_log
                 WHERE undone_by IS NULL AND action <> 'undo' ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        let mut rules = Rules::default();
        for (action, name, target) in rows {
            let k = alias_key(&name);
            match (AliasAction::parse(&action), target) {
                (Some(AliasAction::Merge), Some(t)) => rules.merges.push((k, alias_key(&t))),
                (Some(AliasAction::Split), _) => rules.splits.push(k),
                (Some(AliasAction::Rename), Some(t)) => rules.renames.push((k, t)),
                _ => {}
            }
        }
        Ok(rules)
    }

    /// True when names were stored since the entities were last resolved.
    pub(crate) fn entities_stale(&self) -> Result<bool> {
        Ok(self.schema >= 3 && self.meta(STALE)?.as_deref() == Some("1"))
    }

    /// Joins the units of all mentions into entities and rewrites `entities` and
    /// `entity_units`, in one transaction.
    pub(crate) fn resolve_entities(&mut self) -> Result<()> {
        self.require_entities()?;
        let rules = self.rules()?;
        let path = self.path.clone();
        let err = |e| crate::error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        // the units, their aliases, types and names, in one scan of the mentions
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut units: Vec<Unit> = Vec::new();
        let mut votes: Vec<[u64; 4]> = Vec::new();
        let mut names: Vec<Vec<(String, usize)>> = Vec::new();
        let mut alias_counts: HashMap<(String, usize), u64> = HashMap::new();
        {
            let mut st = tx
                .prepare(
                    "SELECT unit, alias_key, kind, canonical, name, COUNT(*) FROM mentions
                     GROUP BY unit, alias_key, kind, canonical, name",
                )
                .map_err(err)?;
            let mut rows = st.query([]).map_err(err)?;
            while let Some(r) = rows.next().map_err(err)? {
                let u: String = r.get(0).map_err(err)?;
                let alias: String = r.get(1).map_err(err)?;
                let kind: String = r.get(2).map_err(err)?;
                let canonical: String = r.get(3).map_err(err)?;
                let name: String = r.get(4).map_err(err)?;
                let n: i64 = r.get(5).map_err(err)?;
                let n = usize::try_from(n).unwrap_or(0);
                let i = *index.entry(u.clone()).or_insert_with(|| {
                    let (person, k) = unit_parts(&u);
                    units.push(Unit {
                        key: k.to_string(),
                        person,
                        aliases: Vec::new(),
                        mentions: 0,
                        org: false,
                        short_name: false,
                    });
                    votes.push([0; 4]);
                    names.push(Vec::new());
                    units.len() - 1
                });
                if !units[i].aliases.contains(&alias) {
                    units[i].aliases.push(alias.clone());
                }
                *alias_counts.entry((alias.clone(), i)).or_default() += n as u64;
                votes[i][kind_index(&kind)] += n as u64;
                units[i].mentions += n as u64;
                // mentions split off their article's entity are named as printed
                let shown = if rules.splits.contains(&alias) {
                    name
                } else {
                    canonical
                };
                names[i].push((shown, n));
            }
        }
        // each unit's class, and whether it may be an organisation's short name
        for (i, unit) in units.iter_mut().enumerate() {
            let top = (0..4)
                .max_by_key(|&t| (votes[i][t], std::cmp::Reverse(t)))
                .unwrap_or(3);
            unit.org = top == 1;
            let kind = match top {
                1 => EntityType::Organization,
                2 => EntityType::Place,
                _ => EntityType::Misc,
            };
            let name = names[i]
                .iter()
                .max_by_key(|(_, c)| *c)
                .map_or("", |(n, _)| n.as_str());
            unit.short_name = !unit.key.contains(' ') && is_short_name(name, kind);
        }
        let entity_of = join(&units, &rules.merges, &rules.splits);
        let count = entity_of.iter().map(|&e| e + 1).max().unwrap_or(0);
        let mut kinds = vec![[0u64; 4]; count];
        let mut totals = vec![0u64; count];
        let mut all_names: Vec<HashMap<&str, usize>> = vec![HashMap::new(); count];
        for (i, &e) in entity_of.iter().enumerate() {
            for t in 0..4 {
                kinds[e][t] += votes[i][t];
                totals[e] += votes[i][t];
            }
            for (n, c) in &names[i] {
                *all_names[e].entry(n.as_str()).or_default() += c;
            }
        }
        let mut display: Vec<String> = all_names
            .iter()
            .map(|m| display_name(m.iter().map(|(n, c)| (*n, *c))).unwrap_or_default())
            .collect();
        let named = Named::new(&units);
        for (k, new) in &rules.renames {
            let hit = named
                .units(k)
                .into_iter()
                .map(|i| entity_of[i])
                .max_by_key(|&e| totals[e]);
            if let Some(e) = hit {
                display[e] = new.clone();
            }
        }
        // ids by rank: the most mentioned entity is 1
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by(|&a, &b| {
            totals[b]
                .cmp(&totals[a])
                .then_with(|| display[a].cmp(&display[b]))
        });
        let mut id_of = vec![0i64; count];
        for (rank, &e) in order.iter().enumerate() {
            id_of[e] = i64::try_from(rank + 1).unwrap_or(i64::MAX);
        }
        tx.execute_batch(
            "DELETE FROM entity_aliases; DELETE FROM entity_units; DELETE FROM entities;",
        )
        .map_err(err)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO entities (id, name, kind, mentions, articles)
                     VALUES (?1, ?2, ?3, ?4, 0)",
                )
                .map_err(err)?;
            for &e in &order {
                let t = (0..4)
                    .max_by_key(|&t| (kinds[e][t], std::cmp::Reverse(t)))
                    .unwrap_or(3);
                insert
                    .execute(params![
                        id_of[e],
                        display[e],
                        KINDS[t].as_str(),
                        i64::try_from(totals[e]).unwrap_or(i64::MAX)
                    ])
                    .map_err(err)?;
            }
            let mut insert = tx
                .prepare("INSERT INTO entity_units (unit, entity) VALUES (?1, ?2)")
                .map_err(err)?;
            for (u, &i) in &index {
                insert
                    .execute(params![u, id_of[entity_of[i]]])
                    .map_err(err)?;
            }
            let mut per_entity: HashMap<(&str, i64, bool), u64> = HashMap::new();
            for ((alias, i), n) in &alias_counts {
                *per_entity
                    .entry((alias.as_str(), id_of[entity_of[*i]], units[*i].person))
                    .or_default() += n;
            }
            let mut insert = tx
                .prepare(
                    "INSERT INTO entity_aliases (alias_key, entity, person, mentions)
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(err)?;
            for ((alias, entity, person), n) in per_entity {
                insert
                    .execute(params![
                        alias,
                        entity,
                        person,
                        i64::try_from(n).unwrap_or(i64::MAX)
                    ])
                    .map_err(err)?;
            }
        }
        tx.execute(
            "UPDATE entities SET articles = c.n
             FROM (SELECT u.entity AS entity, COUNT(DISTINCT m.article_id) AS n
                   FROM mentions m JOIN entity_units u ON u.unit = m.unit GROUP BY u.entity) AS c
             WHERE entities.id = c.entity",
            [],
        )
        .map_err(err)?;
        tx.execute("DELETE FROM meta WHERE key = ?1", [STALE])
            .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(())
    }

    /// The entity a name designates: the entity shown under that name (any case), else the one
    /// most often mentioned under it (a person, when the name has a title such as "Mrs."), else
    /// the one whose canonical names have its key, else (for one word) the one person whose
    /// full name ends with it.
    pub(crate) fn find_entity(&self, name: &str) -> Result<Option<i64>> {
        self.require_entities()?;
        let err = |e| self.err(e);
        let one = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Option<i64>> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut st| st.query_row(args, |r| r.get(0)).optional())
                .map_err(err)
        };
        let by_name = one(
            "SELECT id FROM entities WHERE lower(name) = lower(?1)
             ORDER BY mentions DESC LIMIT 1",
            &[&name.trim()],
        )?;
        if by_name.is_some() {
            return Ok(by_name);
        }
        let bare = cuttings_extract::alias::without_title(name);
        let titled = bare.len() < name.trim().len();
        let k = alias_key(bare);
        let by_alias = one(
            "SELECT entity FROM entity_aliases WHERE alias_key = ?1 AND (?2 = 0 OR person = 1)
             ORDER BY mentions DESC, entity LIMIT 1",
            &[&k, &titled],
        )?;
        if by_alias.is_some() {
            return Ok(by_alias);
        }
        let by_unit = one(
            "SELECT u.entity FROM entity_units u JOIN entities e ON e.id = u.entity
             WHERE u.unit = 'p:' || ?1 OR (?2 = 0 AND u.unit = 'o:' || ?1)
             ORDER BY e.mentions DESC LIMIT 1",
            &[&k, &titled],
        )?;
        if by_unit.is_some() || k.contains(' ') {
            return Ok(by_unit);
        }
        // a surname: the one person whose full name ends with it
        let people: Vec<i64> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT entity FROM entity_units WHERE unit LIKE 'p:% ' || ?1 LIMIT 2",
            )
            .and_then(|mut st| {
                st.query_map([&k], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<i64>>>()
            })
            .map_err(err)?;
        Ok(match people[..] {
            [one] => Some(one),
            _ => None,
        })
    }

    /// The units of an entity, in order.
    fn units_of(&self, entity: i64) -> Result<Vec<String>> {
        self.conn
            .prepare_cached("SELECT unit FROM entity_units WHERE entity = ?1 ORDER BY unit")
            .and_then(|mut st| {
                st.query_map([entity], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .map_err(|e| self.err(e))
    }

    /// The units of the entity a name designates (none when it designates none): what
    /// `entity:"…"` in a search matches.
    pub(crate) fn units_named(&self, name: &str) -> Result<Vec<String>> {
        match self.find_entity(name)? {
            Some(id) => self.units_of(id),
            None => Ok(Vec::new()),
        }
    }

    /// Shown names and types of the entities of some units (for search facets).
    pub(crate) fn entities_of_units(
        &self,
        units: &[String],
    ) -> Result<HashMap<String, (String, EntityKind)>> {
        if units.is_empty() || self.schema < 3 {
            return Ok(HashMap::new());
        }
        let mut st = self
            .conn
            .prepare(
                "SELECT u.unit, e.name, e.kind FROM entity_units u JOIN entities e ON e.id = u.entity
                 WHERE u.unit IN (SELECT value FROM json_each(?1))",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([json_array(units)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows
            .into_iter()
            .map(|(u, n, k)| (u, (n, EntityKind::parse(&k).unwrap_or(EntityKind::Misc))))
            .collect())
    }

    /// The corpus's entities, most mentioned first.
    pub fn entity_counts(
        &self,
        kind: Option<EntityKind>,
        limit: usize,
    ) -> Result<Vec<EntityCount>> {
        if !self.extraction {
            return Ok(Vec::new());
        }
        self.require_entities()?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT name, kind, mentions, articles FROM entities
                 WHERE ?1 IS NULL OR kind = ?1
                 ORDER BY mentions DESC, name LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![kind.map(|k| k.as_str()), offset(limit)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(name, kind, mentions, articles)| {
                let kind = self.kind(&name, &kind)?;
                Ok(EntityCount {
                    name,
                    kind,
                    mentions: u64::try_from(mentions).unwrap_or(0),
                    articles: u64::try_from(articles).unwrap_or(0),
                })
            })
            .collect()
    }

    fn kind(&self, name: &str, kind: &str) -> Result<EntityKind> {
        EntityKind::parse(kind).ok_or_else(|| Error::BadRecord {
            path: self.path.clone(),
            id: name.to_string(),
            detail: format!("entity kind {kind:?}"),
        })
    }

    /// Quotations, newest article first: by the entity `speaker` names (or, failing that, by
    /// speakers printed with `speaker` in their name), in articles that mention the entity
    /// `about` names (nothing when it names none); both any case.
    pub fn quotes(
        &self,
        speaker: Option<&str>,
        about: Option<&str>,
        limit: usize,
    ) -> Result<Vec<QuoteRecord>> {
        if !self.extraction {
            return Ok(Vec::new());
        }
        self.require_entities()?;
        let units = |name: Option<&str>| -> Result<Option<Vec<String>>> {
            name.map(|n| self.units_named(n)).transpose()
        };
        let speaker_units = units(speaker)?.unwrap_or_default();
        let about_units = units(about)?;
        if about_units.as_ref().is_some_and(Vec::is_empty) {
            return Ok(Vec::new());
        }
        let like = speaker.map(|s| format!("%{}%", key(s))).unwrap_or_default();
        // All filters in one JSON value, so that one query shape serves every caller.
        let args = serde_json::json!([like, speaker_units, about_units.unwrap_or_default()]);
        self.quotes_where(
            "(json_extract(?1, '$[0]') = ''
                  OR q.unit IN (SELECT value FROM json_each(?1, '$[1]'))
                  OR lower(q.speaker) LIKE json_extract(?1, '$[0]'))
             AND (json_array_length(?1, '$[2]') = 0 OR EXISTS (SELECT 1 FROM mentions m
                  WHERE m.article_id = q.article_id
                    AND m.unit IN (SELECT value FROM json_each(?1, '$[2]'))))",
            &args.to_string(),
            limit,
        )
    }

    /// Quotations matching `condition` (SQL over `q` and `a`, with `?1` bound to `arg`), newest
    /// article first.
    fn quotes_where(&self, condition: &str, arg: &str, limit: usize) -> Result<Vec<QuoteRecord>> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT q.article_id, a.title, a.date, a.outlet, q.start, q.end, q.text,
                        q.speaker,
                        CASE WHEN q.canonical IS NULL THEN NULL
                             ELSE COALESCE(e.name, q.canonical) END
                 FROM quotes q JOIN articles a ON a.id = q.article_id
                 LEFT JOIN entity_units u ON u.unit = q.unit
                 LEFT JOIN entities e ON e.id = u.entity
                 WHERE {condition}
                 ORDER BY a.date DESC, a.seq, q.position
                 LIMIT ?2"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![arg, offset(limit)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(
                |(id, title, date, outlet, s, e, text, speaker, canonical)| {
                    let bad = |detail: String| Error::BadRecord {
                        path: self.path.clone(),
                        id: id.clone(),
                        detail,
                    };
                    let date = date
                        .map(|d| {
                            d.parse::<Date>()
                                .map_err(|e| bad(format!("date {d:?}: {e}")))
                        })
                        .transpose()?;
                    let quote =
                        quote_mention(s, e, text, speaker, canonical, usize::MAX).map_err(bad)?;
                    Ok(QuoteRecord {
                        article_id: id,
                        title,
                        date,
                        outlet,
                        quote,
                    })
                },
            )
            .collect()
    }

    /// The names of the entity `name` designates, without what needs its articles' other
    /// mentions (the quick part of [`Db::entity_report`], for pages of big entities).
    pub fn entity_names(&self, name: &str) -> Result<Option<EntityNames>> {
        if !self.extraction {
            return Ok(None);
        }
        let Some(id) = self.find_entity(name)? else {
            return Ok(None);
        };
        Ok(Some(self.names_of(id)?.0))
    }

    /// The names of entity `id`, and its units as the JSON array the queries take.
    fn names_of(&self, id: i64) -> Result<(EntityNames, String)> {
        let err = |e| self.err(e);
        let (shown, kind, mentions, articles): (String, String, i64, i64) = self
            .conn
            .query_row(
                "SELECT name, kind, mentions, articles FROM entities WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(err)?;
        let kind = self.kind(&shown, &kind)?;
        let set = json_array(&self.units_of(id)?);
        let mut st = self
            .conn
            .prepare(
                "SELECT m.name, COUNT(*) FROM mentions m
                 WHERE m.unit IN (SELECT value FROM json_each(?1))
                 GROUP BY m.name ORDER BY 2 DESC, 1",
            )
            .map_err(err)?;
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let aliases = st
            .query_map([&set], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(err)?
            .into_iter()
            .map(|(n, c)| (n, count(c)))
            .collect();
        let names = EntityNames {
            name: shown,
            kind,
            aliases,
            mentions: count(mentions),
            articles: count(articles),
        };
        Ok((names, set))
    }

    /// The type of each entity among `names` (shown names), for those the corpus has.
    pub fn entity_kinds(&self, names: &[String]) -> Result<HashMap<String, EntityKind>> {
        if !self.extraction || names.is_empty() {
            return Ok(HashMap::new());
        }
        let err = |e| self.err(e);
        let mut st = self
            .conn
            .prepare(
                "SELECT name, kind FROM entities WHERE name IN (SELECT value FROM json_each(?1))",
            )
            .map_err(err)?;
        let rows = st
            .query_map([json_array(names)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(err)?;
        rows.into_iter()
            .map(|(n, k)| Ok((n.clone(), self.kind(&n, &k)?)))
            .collect()
    }

    /// What the corpus says of the entity `name` designates (see [`Db::find_entity`]).
    pub fn entity_report(&self, name: &str, co_limit: usize) -> Result<Option<EntityReport>> {
        if !self.extraction {
            return Ok(None);
        }
        let Some(id) = self.find_entity(name)? else {
            return Ok(None);
        };
        let err = |e| self.err(e);
        let (names, set) = self.names_of(id)?;
        let pairs = |sql: &str| -> Result<Vec<(Option<String>, i64)>> {
            let mut st = self.conn.prepare(sql).map_err(err)?;
            let rows = st
                .query_map([&set], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(err)?
                .collect::<rusqlite::Result<Vec<_>>>()
                .map_err(err)?;
            Ok(rows)
        };
        const IN_SET: &str = "m.unit IN (SELECT value FROM json_each(?1))";
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let outlets = pairs(&format!(
            "SELECT MIN(a.outlet), COUNT(DISTINCT a.id) FROM mentions m
             JOIN articles a ON a.id = m.article_id WHERE {IN_SET}
             GROUP BY a.outlet_key ORDER BY 2 DESC, 1"
        ))?;
        let months = pairs(&format!(
            "SELECT substr(a.date, 1, 7), COUNT(DISTINCT a.id) FROM mentions m
             JOIN articles a ON a.id = m.article_id WHERE {IN_SET} AND a.date IS NOT NULL
             GROUP BY 1 ORDER BY 1"
        ))?;
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT e.name, e.kind, COUNT(DISTINCT o.article_id) FROM mentions o
                 JOIN entity_units u ON u.unit = o.unit JOIN entities e ON e.id = u.entity
                 WHERE o.article_id IN (SELECT m.article_id FROM mentions m WHERE {IN_SET})
                   AND u.entity <> ?3
                 GROUP BY u.entity ORDER BY 3 DESC, 1 LIMIT ?2"
            ))
            .map_err(err)?;
        let co = st
            .query_map(params![&set, offset(co_limit), id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(err)?;
        let mut co_mentions = Vec::with_capacity(co.len());
        for (n, kd, c) in co {
            let kd = self.kind(&n, &kd)?;
            co_mentions.push((n, kd, count(c)));
        }
        let quotes =
            self.quotes_where("q.unit IN (SELECT value FROM json_each(?1))", &set, 1000)?;
        Ok(Some(EntityReport {
            name: names.name,
            kind: names.kind,
            aliases: names.aliases,
            mentions: names.mentions,
            articles: names.articles,
            outlets: outlets.into_iter().map(|(o, c)| (o, count(c))).collect(),
            months: months
                .into_iter()
                .map(|(m, c)| (m.unwrap_or_default(), count(c)))
                .collect(),
            co_mentions,
            quotes,
        }))
    }

    /// The alias log, oldest first.
    pub(crate) fn alias_log(&self) -> Result<Vec<AliasChange>> {
        self.require_entities()?;
        let mut st = self
            .conn
            .prepare(
                "SELECT id, time, action, name, target, reason, undone_by FROM alias_log
                 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(id, time, action, name, target, reason, undone)| {
                let action = AliasAction::parse(&action).ok_or_else(|| Error::BadRecord {
                    path: self.path.clone(),
                    id: format!("alias change {id}"),
                    detail: format!("action {action:?}"),
                })?;
                Ok(AliasChange {
                    id,
                    time,
                    action,
                    name,
                    target,
                    reason,
                    active: undone.is_none(),
                })
            })
            .collect()
    }

    /// Checks a change against the corpus, logs it, applies it and resolves the entities again.
    pub(crate) fn alias_change(
        &mut self,
        action: AliasAction,
        name: &str,
        target: Option<&str>,
        reason: Option<&str>,
    ) -> Result<AliasChange> {
        self.require_entities()?;
        let refuse = |what: String| Err(Error::Alias { what });
        let name = name.trim();
        if name.is_empty() {
            return refuse("the name is empty".into());
        }
        let target = target.map(str::trim);
        let mut undo_of: Option<i64> = None;
        match action {
            AliasAction::Merge => {
                let Some(t) = target else {
                    return refuse("merge needs two names".into());
                };
                let (a, b) = (self.find_entity(name)?, self.find_entity(t)?);
                match (a, b) {
                    (None, _) => return refuse(format!("no entity is named {name:?}")),
                    (_, None) => return refuse(format!("no entity is named {t:?}")),
                    (Some(a), Some(b)) if a == b => {
                        return refuse(format!("{name:?} and {t:?} are already one entity"))
                    }
                    _ => {}
                }
            }
            AliasAction::Split => {
                let k = alias_key(name);
                let known: bool = self
                    .conn
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM mentions WHERE alias_key = ?1)",
                        [&k],
                        |r| r.get(0),
                    )
                    .map_err(|e| self.err(e))?;
                if !known {
                    return refuse(format!("nothing is mentioned under the name {name:?}"));
                }
                if self.splits.contains(&k) {
                    return refuse(format!("{name:?} is already split off"));
                }
            }
            AliasAction::Rename => {
                let Some(t) = target.filter(|t| !t.is_empty()) else {
                    return refuse("rename needs the new name".into());
                };
                if self.find_entity(name)?.is_none() {
                    return refuse(format!("no entity is named {name:?} (to show as {t:?})"));
                }
            }
            AliasAction::Undo => {
                let Some(n) = name.trim_start_matches('#').parse::<i64>().ok() else {
                    return refuse(format!("undo takes the number of a change, not {name:?}"));
                };
                let found: Option<(String, Option<i64>)> = self
                    .conn
                    .query_row(
                        "SELECT action, undone_by FROM alias_log WHERE id = ?1",
                        [n],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()
                    .map_err(|e| self.err(e))?;
                match found {
                    None => return refuse(format!("there is no change {n}")),
                    Some((_, Some(by))) => {
                        return refuse(format!("change {n} was already undone by change {by}"))
                    }
                    Some((a, None)) if a == AliasAction::Undo.as_str() => {
                        return refuse(format!("change {n} is an undo; make the change again"))
                    }
                    Some(_) => undo_of = Some(n),
                }
            }
        }
        let time = jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let path = self.path.clone();
        let err = |e| crate::error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let (logged_name, logged_target) = match undo_of {
            Some(n) => (n.to_string(), None),
            None => (name.to_string(), target.map(str::to_string)),
        };
        tx.execute(
            "INSERT INTO alias_log (time, action, name, target, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![time, action.as_str(), logged_name, logged_target, reason],
        )
        .map_err(err)?;
        let id = tx.last_insert_rowid();
        if let Some(n) = undo_of {
            tx.execute(
                "UPDATE alias_log SET undone_by = ?1 WHERE id = ?2",
                params![id, n],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        self.splits = self.split_keys()?;
        self.reunit()?;
        self.resolve_entities()?;
        Ok(AliasChange {
            id,
            time,
            action,
            name: logged_name,
            target: logged_target,
            reason: reason.map(str::to_string),
            active: true,
        })
    }

    /// Puts every mention in the unit the current splits give it (after a split or its undo);
    /// the articles whose units changed are marked for re-indexing.
    fn reunit(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| crate::error::sqlite(&path, e);
        let splits = self.splits.clone();
        let tx = self.conn.transaction().map_err(err)?;
        let rows: Vec<(String, i64, String, String, String, String)> = tx
            .prepare("SELECT article_id, position, kind, alias_key, canonical, unit FROM mentions")
            .and_then(|mut st| {
                st.query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })?
                .collect()
            })
            .map_err(err)?;
        {
            let mut update = tx
                .prepare("UPDATE mentions SET unit = ?3 WHERE article_id = ?1 AND position = ?2")
                .map_err(err)?;
            for (article, position, kind, alias, canonical, old) in &rows {
                let person = kind == EntityKind::Person.as_str();
                let new = if splits.contains(alias) {
                    unit(person, alias)
                } else {
                    unit(person, &alias_key(canonical))
                };
                if new != *old {
                    update
                        .execute(params![article, position, new])
                        .map_err(err)?;
                    tx.prepare_cached("UPDATE articles SET indexed = 0 WHERE id = ?1")
                        .and_then(|mut st| st.execute([article]))
                        .map_err(err)?;
                }
            }
        }
        tx.execute(
            "UPDATE quotes SET unit = (SELECT m.unit FROM mentions m
                 WHERE m.article_id = quotes.article_id AND m.canonical = quotes.canonical
                 ORDER BY m.position LIMIT 1)
             WHERE canonical IS NOT NULL",
            [],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(())
    }
}
