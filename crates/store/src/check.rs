//! Whether what derives from the records agrees with them: `cuttings check` (issue #17).
//!
//! The records (SQLite) are the truth; the full-text index, the entities and the text-reuse
//! links derive from them. A writer killed at any moment leaves the records whole (each file is
//! one transaction) but may leave what derives behind them: articles stored and not yet in the
//! committed index, an index commit not yet acknowledged in the records, entities not joined
//! again, articles not yet compared for reuse. [`Check`] says which, with the ids concerned;
//! [`crate::Corpus::repair_all`] brings everything up to date.

use std::collections::HashMap;
use std::collections::HashSet;

/// Ids listed in a [`Check`] at most, per kind of difference (the counts are exact).
pub(crate) const LISTED: usize = 20;

/// What [`crate::Corpus::check`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Check {
    /// Articles in the records.
    pub articles: u64,
    /// Live documents in the committed full-text index.
    pub documents: u64,
    /// Articles the records mark as waiting for the index (stored, or renamed by `alias` or
    /// `reindex`, after the last index commit they know of).
    pub unindexed: u64,
    /// Articles of the records that have no document in the index: how many, and the first ids.
    pub missing: Listed,
    /// Documents of the index whose article is not in the records.
    pub orphans: Listed,
    /// Articles with more than one document in the index.
    pub duplicated: Listed,
    /// Articles not yet compared with the corpus for text reuse.
    pub unlinked: u64,
    /// Whether the entities must be joined again (names changed since they were).
    pub entities_stale: bool,
    /// What SQLite's `PRAGMA quick_check` reported, when it was not "ok".
    pub database: Vec<String>,
    /// Why the index could not be read, when it could not.
    pub index_error: Option<String>,
    /// The database is empty: the writer creating the corpus was interrupted (or is at work).
    pub unfinished: bool,
}

/// A count of ids and the first of them (at most 20), sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listed {
    /// How many.
    pub count: u64,
    /// The first ones in sort order.
    pub ids: Vec<String>,
}

impl Listed {
    fn of(mut ids: Vec<String>) -> Listed {
        ids.sort_unstable();
        let count = ids.len() as u64;
        ids.truncate(LISTED);
        Listed { count, ids }
    }
}

/// What the records alone say: their articles, what waits for the index and the linking,
/// whether entities are stale, and SQLite's structural check.
pub(crate) fn records(db: &crate::db::Db) -> crate::Result<Check> {
    Ok(Check {
        articles: db.count_articles()?,
        unindexed: db.count_unindexed()?,
        unlinked: db.count_unlinked()?,
        entities_stale: db.entities_stale()?,
        database: db.quick_check()?,
        ..Check::default()
    })
}

impl Check {
    /// Compares the ids of the records with how many documents each has in the index.
    pub(crate) fn compare(
        in_db: &HashSet<String>,
        in_index: &HashMap<String, usize>,
    ) -> (Listed, Listed, Listed) {
        let missing = in_db
            .iter()
            .filter(|id| !in_index.contains_key(*id))
            .cloned()
            .collect();
        let orphans = in_index
            .keys()
            .filter(|id| !in_db.contains(*id))
            .cloned()
            .collect();
        let duplicated = in_index
            .iter()
            .filter(|(id, n)| **n > 1 && in_db.contains(*id))
            .map(|(id, _)| id.clone())
            .collect();
        (
            Listed::of(missing),
            Listed::of(orphans),
            Listed::of(duplicated),
        )
    }

    /// True when nothing is behind or damaged.
    pub fn is_clean(&self) -> bool {
        self.problems().is_empty()
    }

    /// One line per difference, in words a user can act on (empty when clean).
    pub fn problems(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.unfinished {
            lines.push(
                "the corpus was never completely created (its creation was interrupted, or is \
                 under way)"
                    .into(),
            );
        }
        for line in &self.database {
            lines.push(format!("database: {line}"));
        }
        if let Some(why) = &self.index_error {
            lines.push(format!("the full-text index cannot be read: {why}"));
        }
        let listed = |what: &str, l: &Listed| {
            let more = if l.count as usize > l.ids.len() {
                ", …"
            } else {
                ""
            };
            format!("{} {what} ({}{more})", l.count, l.ids.join(", "))
        };
        if self.missing.count > 0 {
            lines.push(listed(
                "articles of the records are not in the full-text index: searches miss them",
                &self.missing,
            ));
        }
        if self.orphans.count > 0 {
            lines.push(listed(
                "documents of the full-text index have no article in the records",
                &self.orphans,
            ));
        }
        if self.duplicated.count > 0 {
            lines.push(listed(
                "articles have more than one document in the full-text index",
                &self.duplicated,
            ));
        }
        if self.unindexed > 0 {
            lines.push(format!(
                "{} articles wait for the full-text index (stored or renamed after its last commit)",
                self.unindexed
            ));
        }
        if self.entities_stale {
            lines.push("the entities were not joined again after names changed".into());
        }
        if self.unlinked > 0 {
            lines.push(format!(
                "{} articles were not yet compared with the corpus for text reuse",
                self.unlinked
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_finds_each_kind_of_difference() {
        let in_db: HashSet<String> = ["a", "b", "c"].map(String::from).into();
        let in_index: HashMap<String, usize> = [("b", 1), ("c", 2), ("z", 1)]
            .map(|(id, n)| (id.to_string(), n))
            .into();
        let (missing, orphans, duplicated) = Check::compare(&in_db, &in_index);
        assert_eq!(missing.ids, ["a"]);
        assert_eq!(orphans.ids, ["z"]);
        assert_eq!(duplicated.ids, ["c"]);
        let check = Check {
            missing,
            orphans,
            duplicated,
            ..Check::default()
        };
        assert_eq!(check.problems().len(), 3);
        assert!(!check.is_clean());
        assert!(Check::default().is_clean());
    }

    #[test]
    fn long_lists_are_cut_but_counted() {
        let ids: Vec<String> = (0..50).map(|n| format!("{n:02}")).collect();
        let listed = Listed::of(ids);
        assert_eq!(listed.count, 50);
        assert_eq!(listed.ids.len(), LISTED);
        assert_eq!(listed.ids[0], "00");
    }
}
