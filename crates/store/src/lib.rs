//! The embedded corpus: SQLite records and a tantivy full-text index in one folder.
//!
//! A corpus folder holds `corpus.sqlite` (the source of truth: sources, articles with their
//! provenance, authors, dropped spans, diagnostics) and `index/` (a tantivy index derived from it).
//! [`Corpus::ingest`] stores what the pipeline made of one file; [`Corpus::search`],
//! [`Corpus::articles`], [`Corpus::article`] and [`Corpus::stats`] read it back.
//! The crate knows nothing of reading, segmentation or the CLI: it takes finished
//! [`Article`]s and hands them back unchanged.
//!
//! Guarantees:
//! - Article ids are content hashes, so ingesting the same file twice adds nothing.
//! - Each file is stored atomically: after a crash the corpus has all of its articles or none.
//!   The index catches up with the records on the next [`Corpus::open`].
//! - Only one writer at a time; readers ([`Corpus::open_existing`]) never take the writer lock.
//!
//! ```
//! use cuttings_model::{Article, ArticleId, ArticleKind, Provenance, SourceRef};
//! use cuttings_store::{Corpus, FileRecord, Filter};
//!
//! # fn main() -> cuttings_store::Result<()> {
//! let dir = std::env::temp_dir().join(format!("cuttings-doc-{}", std::process::id()));
//! # let _ = std::fs::remove_dir_all(&dir);
//! let file = FileRecord {
//!     path: "digest.txt".into(),
//!     sha256: "ab".repeat(32),
//!     encoding: "UTF-8".into(),
//!     flavor: None,
//!     pages: 1,
//!     bytes: 100,
//! };
//! let body = "The parties signed the agreement in Tirana.".to_string();
//! let article = Article {
//!     id: ArticleId::of(&file.sha256, Some("Talks"), &body),
//!     title: Some("Talks".into()),
//!     subtitle: None,
//!     date: Some(cuttings_model::Date::constant(2017, 8, 3)),
//!     outlet: Some("The Courier".into()),
//!     authors: vec!["Ann Smith".into()],
//!     language: Some("en".into()),
//!     body,
//!     kind: ArticleKind::Article,
//!     source: SourceRef { path: file.path.clone(), sha256: file.sha256.clone(), first_page: 1, last_page: 1 },
//!     provenance: Provenance::default(),
//!     entities: vec![],
//!     quotes: vec![],
//!     confidence: None,
//! };
//!
//! let mut corpus = Corpus::open(&dir)?;
//! let outcome = corpus.ingest(&file, &[article], &[], &[])?;
//! assert_eq!(outcome.added, 1);
//!
//! let results = corpus.search("agreements", &Filter::default(), 10)?;
//! assert_eq!(results.total, 1);
//! let snippet = &results.hits[0].snippet;
//! assert_eq!(&snippet.text[snippet.highlights[0].clone()], "agreement");
//! # drop(corpus);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod check;
mod codec;
mod db;
mod entities;
mod error;
mod export;
mod index;
mod reuse;
mod stem;
mod types;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use cuttings_model::{Article, Diagnostic, Dropped};

pub use check::{Check, Listed};
pub use error::{Error, Result};
pub use export::{EntityRecord, EntityRef, Selection};
pub use index::MAX_QUERY_DEPTH;
pub use reuse::{ArticleMeta, LinkOutcome};
pub use types::{
    field_value, stored_value, AliasAction, AliasChange, CorrectionAction, CorrectionRecord,
    Doubtful, EntityCount, EntityNames, EntityReport, Facets, FileIngest, FileRecord, Filter, Hit,
    IngestOutcome, Page, QuoteRecord, SearchResults, Snippet, Sort, Stats, StoredArticle, Timings,
};

use cuttings_model::{Correction, EntityKind, LineRole};
use db::{Db, FileData};
use index::{Opened, TextIndex, INDEX_VERSION, READABLE_INDEX_VERSIONS};

/// Name of the records database inside a corpus folder.
pub const DATABASE_FILE: &str = "corpus.sqlite";
/// Name of the full-text index folder inside a corpus folder.
pub const INDEX_DIR: &str = "index";

/// Where a test makes an ingest fail, to simulate a crash.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailPoint {
    /// Inside the SQLite transaction, after the first article was inserted.
    MidTransaction,
    /// After the SQLite commit, before the index commit.
    BeforeIndexCommit,
    /// After the index commit, before the records are marked as indexed.
    AfterIndexCommit,
}

/// Articles indexed per commit when the index catches up with the records.
const REPAIR_CHUNK: usize = 5_000;

/// A hit of one page before its article is read: id, score, articles printing its story.
type PageHit = (String, f32, Option<u64>);

/// One corpus folder, open for reading or for writing.
pub struct Corpus {
    dir: PathBuf,
    db: Db,
    index: TextIndex,
    writable: bool,
    /// True when some records may be missing from the index (after a failed ingest).
    needs_repair: bool,
    failpoint: Option<FailPoint>,
    /// Rows of the articles queued in the index writer since its last commit.
    pending: Vec<i64>,
    timings: Timings,
}

impl Corpus {
    /// Opens a corpus for writing, creating the folder if it is missing.
    ///
    /// Brings the index up to date with the records: articles stored by an ingest that crashed
    /// before the index commit are indexed, and index documents without a record are removed.
    pub fn open(dir: &Path) -> Result<Corpus> {
        std::fs::create_dir_all(dir).map_err(|e| error::io(dir, e))?;
        // Creating or migrating the schema and the index is one writer's job (issue #17).
        let _opening = TextIndex::lock_opening(dir)?;
        let db = Db::open_write(&dir.join(DATABASE_FILE))?;
        let stale = db.meta("index_version")?.as_deref() != Some(INDEX_VERSION);
        let index_path = dir.join(INDEX_DIR);
        let index = match TextIndex::open_write(&index_path, stale)? {
            Opened::Ready(index) => index,
            Opened::Fresh(index) => {
                db.mark_all_unindexed()?;
                db.set_meta("index_version", INDEX_VERSION)?;
                index
            }
        };
        let mut corpus = Corpus {
            dir: dir.to_path_buf(),
            db,
            index,
            writable: true,
            needs_repair: false,
            failpoint: None,
            pending: Vec::new(),
            timings: Timings::default(),
        };
        corpus.repair()?;
        if corpus.db.entities_stale()? {
            // Joining entities writes: not while another process writes (it joins them itself).
            corpus.index.writer()?;
            corpus.db.resolve_entities()?;
        }
        Ok(corpus)
    }

    /// Takes the writer lock now; it is otherwise taken at the first write. A command that
    /// will write learns at once whether another process is writing, before doing any work.
    /// Fails with [`Error::Locked`] then (or [`Error::ReadOnly`] on a corpus opened for reading).
    pub fn lock(&mut self) -> Result<()> {
        self.check_writable()?;
        self.index.writer()?;
        Ok(())
    }

    /// Opens an existing corpus for reading; fails with "not a cuttings corpus" when there is none.
    ///
    /// Never writes and never takes the writer lock, so it works while another process writes.
    pub fn open_existing(dir: &Path) -> Result<Corpus> {
        let db_path = dir.join(DATABASE_FILE);
        // Read-only copies and mounts (issue #17): no shared memory, no lock files.
        let media = db_path.is_file() && db::read_only_media(dir, &db_path);
        let db = Db::open_read(&db_path, dir, media)?;
        let index_path = dir.join(INDEX_DIR);
        // Version 1 lacks only the `entity` field: still readable (see `TextIndex::open_read`).
        if !matches!(db.meta("index_version")?.as_deref(), Some(v) if READABLE_INDEX_VERSIONS.contains(&v))
        {
            return Err(Error::IndexOutdated { path: index_path });
        }
        let index = match TextIndex::open_read(&index_path, media) {
            Ok(index) => index,
            Err(e @ Error::IndexOutdated { .. }) => return Err(e),
            // Listing articles needs only the records (issue #17); searches say what is wrong.
            Err(e) => TextIndex::unreadable(&index_path, e.to_string())?,
        };
        Ok(Corpus {
            dir: dir.to_path_buf(),
            db,
            index,
            writable: false,
            needs_repair: false,
            failpoint: None,
            pending: Vec::new(),
            timings: Timings::default(),
        })
    }

    fn check_writable(&self) -> Result<()> {
        if self.writable {
            Ok(())
        } else {
            Err(Error::ReadOnly {
                path: self.dir.clone(),
            })
        }
    }

    /// The corpus folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes later ingests fail at `point` (tests only).
    #[doc(hidden)]
    pub fn set_failpoint(&mut self, point: Option<FailPoint>) {
        self.failpoint = point;
    }

    /// Stores one file and commits the index.
    ///
    /// If a file with the same SHA-256 is already stored nothing changes and all its articles
    /// count as already present.
    pub fn ingest(
        &mut self,
        file: &FileRecord,
        articles: &[Article],
        dropped: &[Dropped],
        diagnostics: &[Diagnostic],
    ) -> Result<IngestOutcome> {
        let data = FileData {
            file,
            articles,
            dropped,
            diagnostics,
            lines: &[],
        };
        let stored = self.store_files(&[data]);
        let committed = self.commit();
        let mut outcomes = stored?;
        committed?;
        Ok(outcomes.pop().unwrap_or_default())
    }

    /// Stores several files, each in its own transaction, and commits the index once.
    ///
    /// Returns one outcome per file. On error, the files before the failing one are stored
    /// (see [`Corpus::sources`]), and the failing one and those after it are not.
    pub fn ingest_batch(&mut self, files: &[FileIngest]) -> Result<Vec<IngestOutcome>> {
        let stored = self.store_batch(files);
        let committed = self.commit();
        let outcomes = stored?;
        committed?;
        Ok(outcomes)
    }

    /// Stores several files, each in its own transaction, and queues their articles for the
    /// index without committing it: they become searchable at the next [`Corpus::commit`].
    ///
    /// This is how a long ingest stays fast: an index commit costs a fixed fraction of a second,
    /// so callers store file after file and commit every few tens of megabytes. Every guarantee
    /// holds in between: each file is still one SQLite transaction, its articles are marked as
    /// indexed only once the index commit that holds them succeeded, and articles stored but not
    /// yet committed (because of a crash, or a corpus dropped before `commit`) are indexed by the
    /// next [`Corpus::open`] (a dropped corpus first tries to commit them itself).
    ///
    /// Returns one outcome per file. On error, the files before the failing one are stored, and
    /// the failing one and those after it are not.
    pub fn store_batch(&mut self, files: &[FileIngest]) -> Result<Vec<IngestOutcome>> {
        let data: Vec<FileData<'_>> = files
            .iter()
            .map(|f| FileData {
                file: &f.file,
                articles: &f.articles,
                dropped: &f.dropped,
                diagnostics: &f.diagnostics,
                lines: &f.lines,
            })
            .collect();
        self.store_files(&data)
    }

    fn store_files(&mut self, files: &[FileData<'_>]) -> Result<Vec<IngestOutcome>> {
        self.check_writable()?;
        // Take the writer lock before touching the records, so that a second writer fails
        // before it stores anything the first one would not index.
        self.index.writer()?;
        if self.needs_repair {
            self.repair()?;
        }
        let mut outcomes = Vec::with_capacity(files.len());
        for data in files {
            let t = Instant::now();
            let (outcome, new) = self.db.insert_file(data, self.failpoint)?;
            self.timings.records += t.elapsed();
            outcomes.push(outcome);
            // Queue the file's articles right away: the index threads tokenize them while this
            // thread writes the next file's records.
            let t = Instant::now();
            for n in new {
                if let Err(e) = self.index.put(&data.articles[n.index], &n.units, false) {
                    self.abandon_pending();
                    return Err(e);
                }
                self.pending.push(n.seq);
            }
            self.timings.index_add += t.elapsed();
        }
        Ok(outcomes)
    }

    /// Commits the index: every article stored since the last commit becomes searchable and is
    /// marked as indexed. Does nothing when nothing is pending.
    ///
    /// On error the records are safe; the articles are indexed by the next ingest or open.
    pub fn commit(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = self.commit_pending();
        if result.is_err() {
            self.abandon_pending();
        }
        result
    }

    fn commit_pending(&mut self) -> Result<()> {
        if self.failpoint == Some(FailPoint::BeforeIndexCommit) {
            return Err(Error::Injected("before index commit"));
        }
        let t = Instant::now();
        self.index.commit()?;
        self.timings.index_commit += t.elapsed();
        self.timings.commits += 1;
        if self.failpoint == Some(FailPoint::AfterIndexCommit) {
            return Err(Error::Injected("after index commit"));
        }
        let t = Instant::now();
        let pending = std::mem::take(&mut self.pending);
        self.db.mark_indexed(pending)?;
        self.timings.mark_indexed += t.elapsed();
        Ok(())
    }

    /// Forgets the queued, uncommitted index changes after a failure; the records are safe and
    /// still marked as not indexed, so the next ingest (or open) repairs the index.
    fn abandon_pending(&mut self) {
        self.pending.clear();
        self.needs_repair = true;
        let _ = self.index.rollback();
    }

    /// Number of articles stored but not yet in the committed index (see [`Corpus::commit`]).
    pub fn uncommitted(&self) -> usize {
        self.pending.len()
    }

    /// Whether the corpus holds no file at all.
    pub fn is_empty(&self) -> Result<bool> {
        self.db.is_empty()
    }

    /// Whether a file with this SHA-256 (lower-case hex) is stored.
    ///
    /// Cheap (one indexed lookup): a caller can skip reading and splitting a file it already has.
    pub fn has_source(&self, sha256: &str) -> Result<bool> {
        Ok(self.db.source_articles(sha256)?.is_some())
    }

    /// How many articles the corpus holds from the file with this SHA-256, or `None` when the file
    /// is not stored.
    ///
    /// An article that was already stored from another file is counted there, not here.
    pub fn source_articles(&self, sha256: &str) -> Result<Option<u64>> {
        self.db.source_articles(sha256)
    }

    /// Where ingest time went since the corpus was opened (for benchmarks).
    #[doc(hidden)]
    pub fn timings(&self) -> Timings {
        self.timings
    }

    /// Makes the index agree with the records (write mode only).
    fn repair(&mut self) -> Result<()> {
        self.repair_with(&mut |_, _| {})
    }

    /// [`Corpus::repair`], calling `progress(done, total)` after each chunk of articles indexed.
    ///
    /// Articles are indexed [`REPAIR_CHUNK`] at a time, each chunk committed and marked: memory
    /// stays flat however many wait (a rebuild at a million articles), and an interrupted
    /// repair goes on from where it stopped (issue #16).
    fn repair_with(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        let total = usize::try_from(self.db.count_unindexed()?).unwrap_or(usize::MAX);
        let mut done = 0;
        while done < total {
            let chunk = self.db.unindexed(REPAIR_CHUNK)?;
            if chunk.is_empty() {
                break;
            }
            // A crash after the index commit may have left them in the index already.
            for (seq, a) in &chunk {
                let units = self.db.article_units(&a.id.0)?;
                if let Err(e) = self.index.put(a, &units, true) {
                    self.abandon_pending();
                    return Err(e);
                }
                self.pending.push(*seq);
            }
            self.commit()?;
            done += chunk.len();
            progress(done.min(total), total);
        }
        if self.index.num_docs() != self.db.count_articles()? {
            self.reconcile()?;
        }
        self.needs_repair = false;
        Ok(())
    }

    /// Compares the records with what derives from them (the full-text index, the entities,
    /// the text-reuse links) and checks the database's structure; changes nothing, so it works
    /// on a corpus opened for reading while a writer is at work (whose progress then shows as
    /// differences until it commits).
    pub fn check(&self) -> Result<Check> {
        let in_db = self.db.all_ids()?;
        let mut check = Check {
            documents: self.index.num_docs(),
            ..check::records(&self.db)?
        };
        match self.index.id_counts() {
            Ok(in_index) => {
                (check.missing, check.orphans, check.duplicated) =
                    Check::compare(&in_db, &in_index);
            }
            Err(e) => check.index_error = Some(e.to_string()),
        }
        Ok(check)
    }

    /// Checks the corpus in `dir` without writing to it, as [`Corpus::check`] does; a corpus
    /// whose creation was interrupted, or whose index is missing or outdated, is a finding
    /// rather than an error.
    pub fn check_dir(dir: &Path) -> Result<Check> {
        match Corpus::open_existing(dir) {
            Ok(corpus) => corpus.check(),
            Err(Error::Unfinished { .. }) => Ok(Check {
                unfinished: true,
                ..Check::default()
            }),
            Err(e @ Error::IndexOutdated { .. }) => {
                let db_path = dir.join(DATABASE_FILE);
                let media = db::read_only_media(dir, &db_path);
                let db = Db::open_read(&db_path, dir, media)?;
                Ok(Check {
                    index_error: Some(e.to_string()),
                    ..check::records(&db)?
                })
            }
            Err(e) => Err(e),
        }
    }

    /// How many articles the records mark as waiting for the full-text index: searches miss
    /// them until a writer (any ingest, or `cuttings check --repair`) indexes them. A cheap
    /// look-up, for reading commands to warn (issue #17).
    pub fn unindexed(&self) -> Result<u64> {
        self.db.count_unindexed()
    }

    /// Brings everything that derives from the records up to date with them, whatever
    /// [`Corpus::check`] found: indexes what waits, compares every id of the index with the
    /// records (removing orphans and duplicates, adding what is missing), joins the entities
    /// again and links the articles not yet linked. `progress(done, total)` follows the linking.
    pub fn repair_all(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        self.check_writable()?;
        self.index.writer()?;
        self.repair()?;
        self.reconcile()?;
        self.resolve_entities()?;
        self.link_pending(progress)?;
        Ok(())
    }

    /// The slow path of [`Corpus::repair`]: compares every id of the index with the records.
    fn reconcile(&mut self) -> Result<()> {
        let in_index = self.index.id_counts()?;
        let in_db = self.db.all_ids()?;
        let mut changed = false;
        for (id, n) in &in_index {
            if !in_db.contains(id) {
                self.index.delete(id)?;
                changed = true;
            } else if *n > 1 {
                if let Some(a) = self.db.article(id)? {
                    self.index.put(&a, &self.db.article_units(id)?, true)?;
                    changed = true;
                }
            }
        }
        for id in &in_db {
            if !in_index.contains_key(id) {
                if let Some(a) = self.db.article(id)? {
                    self.index.put(&a, &self.db.article_units(id)?, true)?;
                    changed = true;
                }
            }
        }
        if changed {
            self.index.commit()?;
        }
        Ok(())
    }

    /// One article by id, or by a unique prefix of at least 4 hex digits (like git).
    pub fn article(&self, id_or_prefix: &str) -> Result<Option<StoredArticle>> {
        let prefix = id_or_prefix.trim().to_ascii_lowercase();
        if prefix.len() < 4 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::BadIdPrefix {
                prefix: id_or_prefix.to_string(),
            });
        }
        let ids = self.db.ids_with_prefix(&prefix, 10)?;
        let id = match ids.as_slice() {
            [] => return Ok(None),
            [one] => one,
            many => {
                if let Some(exact) = many.iter().find(|id| **id == prefix) {
                    exact
                } else {
                    return Err(Error::Ambiguous {
                        prefix,
                        candidates: ids,
                    });
                }
            }
        };
        let Some(article) = self.db.article(id)? else {
            return Ok(None);
        };
        let file = self
            .db
            .source(&article.source.sha256)?
            .ok_or_else(|| Error::BadRecord {
                path: self.dir.join(DATABASE_FILE),
                id: id.clone(),
                detail: "its source is missing".into(),
            })?;
        let dropped = self.db.dropped(&file.sha256)?;
        Ok(Some(StoredArticle {
            article,
            dropped,
            file,
        }))
    }

    /// Articles passing `filter`, in ingest order (by source, then position in the source).
    pub fn articles(&self, filter: &Filter) -> Result<Vec<Article>> {
        self.db.articles(filter)
    }

    /// Calls `f` with every article passing `filter`, in the order of [`Corpus::articles`], one
    /// at a time, so that listing a big corpus takes little memory (issue #16). Stops at the
    /// first error `f` returns.
    pub fn for_each_article<E: From<Error>>(
        &self,
        filter: &Filter,
        f: &mut dyn FnMut(Article) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.db.for_each_article(filter, f)
    }

    /// Makes a read-only corpus see what writers (other processes) committed since it was
    /// opened or last reloaded: SQLite reads always see the last commit, the index needs this.
    pub fn reload(&self) -> Result<()> {
        self.index.reload()
    }

    /// Queries nesting groups and `NOT`s deeper than `depth` are refused from now on (default
    /// [`MAX_QUERY_DEPTH`]; issue #17). The query grammar recurses once per level, so a much
    /// higher limit risks the stack.
    pub fn set_max_query_depth(&mut self, depth: usize) {
        self.index.max_query_depth = depth;
    }

    /// Full-text search with tantivy's query syntax over title (boosted), subtitle and body.
    ///
    /// Terms are combined with AND unless `OR` is written; phrases (`"in Tirana"`), `NOT`/`-`,
    /// and field prefixes (`title:`) work; words are stemmed (`agreements` finds `agreement`).
    /// A blank query matches every article, so the filter alone selects.
    pub fn search(&self, query: &str, filter: &Filter, limit: usize) -> Result<SearchResults> {
        self.search_page(query, filter, &Page::first(limit))
    }

    /// [`Corpus::search`] with paging, an order and reprints collapsed (see [`Page`]).
    pub fn search_page(&self, query: &str, filter: &Filter, page: &Page) -> Result<SearchResults> {
        let sources = self.filter_sources(filter)?;
        if sources.as_ref().is_some_and(Vec::is_empty) {
            return Ok(SearchResults::default());
        }
        let units = |name: &str| self.units_named(name);
        let sources = sources.as_deref();
        let members = if page.collapse_reprints {
            self.db.reprint_members()?
        } else {
            HashMap::new()
        };
        if members.is_empty() {
            let found = self
                .index
                .search(query, filter, sources, page, &units, true)?;
            let printed = page.collapse_reprints.then_some(1);
            let ids = found
                .hits
                .iter()
                .map(|(id, s)| (id.clone(), *s, printed))
                .collect();
            return self.answer(&found, found.total, ids);
        }
        // Collapsed: each reprint group counts once, shown by its head (its earliest article)
        // when that matches, else by its first match in the page's order. Only the matching
        // members of groups (few) are looked up, never every match.
        let member_ids: Vec<&str> = members.keys().map(String::as_str).collect();
        let matched = self
            .index
            .matching_among(query, filter, sources, &units, &member_ids)?;
        let mut heads: Vec<&str> = matched.iter().map(|m| members[m].as_str()).collect();
        heads.sort_unstable();
        heads.dedup();
        let heads_matching: std::collections::HashSet<String> = self
            .index
            .matching_among(query, filter, sources, &units, &heads)?
            .into_iter()
            .collect();
        let headless = heads
            .iter()
            .filter(|h| !heads_matching.contains(**h))
            .count();
        let counts = self.reprint_counts()?;
        // Hits in order, enough to fill the page once members are passed over: few are, so a
        // little more than the page is read first, and more only when that falls short.
        let mut extra = 32;
        loop {
            let wide = Page {
                offset: 0,
                limit: page.offset + page.limit + extra.min(matched.len()),
                ..*page
            };
            let found = self
                .index
                .search(query, filter, sources, &wide, &units, true)?;
            let total = found.total - matched.len() + headless;
            let mut shown: std::collections::HashSet<&str> = Default::default();
            let ids: Vec<PageHit> = found
                .hits
                .iter()
                .filter(|(id, _)| match members.get(id) {
                    // A member gives way to its head, or to an earlier member of its group.
                    Some(head) => !heads_matching.contains(head) && shown.insert(head.as_str()),
                    None => shown.insert(id.as_str()),
                })
                .skip(page.offset)
                .take(page.limit)
                .map(|(id, score)| {
                    let group = members.get(id).unwrap_or(id);
                    (
                        id.clone(),
                        *score,
                        Some(counts.get(group).copied().unwrap_or(1)),
                    )
                })
                .collect();
            let exhausted = found.hits.len() < wide.limit || extra >= matched.len();
            if ids.len() == page.limit || exhausted {
                return self.answer(&found, total, ids);
            }
            extra *= 8;
        }
    }

    /// A page of hits with their articles and snippets, and the facets of all matches.
    fn answer(
        &self,
        found: &index::Found,
        total: usize,
        ids: Vec<PageHit>,
    ) -> Result<SearchResults> {
        let mut facets = found.facets.clone();
        facets.entity = self.entity_facet(&facets.entity, found.total)?;
        let mut hits = Vec::with_capacity(ids.len());
        for (id, score, printed) in ids {
            // A document without a record can only exist between a crash and the next
            // write-mode open; it is skipped rather than reported.
            if let Some(article) = self.db.article(&id)? {
                let snippet = found.snippet(&article.body);
                hits.push(Hit {
                    article,
                    score,
                    snippet,
                    printed,
                });
            }
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// The SHA-256s of the sources `filter.source` designates (`None`: no restriction; empty:
    /// none matches).
    fn filter_sources(&self, filter: &Filter) -> Result<Option<Vec<String>>> {
        filter
            .source
            .as_deref()
            .map(|s| self.db.source_hashes(s))
            .transpose()
    }

    /// The units of the entity `name` designates, for `entity:` queries (none before schema 3,
    /// which had no entities).
    fn units_named(&self, name: &str) -> Result<Vec<String>> {
        if self.db.schema < 3 {
            return Ok(Vec::new());
        }
        self.db.units_named(name)
    }

    /// Every hit of a search, to be read a page at a time ([`AllHits::for_each`]): only the
    /// hits' index addresses are held (16 bytes each), so listing every match of a query in a
    /// big corpus takes little memory (issue #16). Reprints are not collapsed.
    pub fn search_all(&self, query: &str, filter: &Filter, sort: Sort) -> Result<AllHits<'_>> {
        let sources = self.filter_sources(filter)?;
        let units = |name: &str| self.units_named(name);
        let page = Page {
            offset: 0,
            limit: usize::try_from(self.index.num_docs()).unwrap_or(usize::MAX),
            sort,
            collapse_reprints: false,
        };
        let found = match sources.as_deref() {
            Some([]) => None,
            sources => Some(
                self.index
                    .search(query, filter, sources, &page, &units, false)?,
            ),
        };
        let (total, facets) = match &found {
            Some(found) => {
                let mut facets = found.facets.clone();
                facets.entity = self.entity_facet(&facets.entity, found.total)?;
                (found.total, facets)
            }
            None => (0, Facets::default()),
        };
        Ok(AllHits {
            corpus: self,
            found,
            total,
            facets,
        })
    }

    /// Turns facet counts per unit into counts per entity (at most `total`: an article naming
    /// one entity under two units counts once per unit), top 50.
    fn entity_facet(&self, per_unit: &[(String, u64)], total: usize) -> Result<Vec<(String, u64)>> {
        let units: Vec<String> = per_unit.iter().map(|(u, _)| u.clone()).collect();
        let names = self.db.entities_of_units(&units)?;
        let mut per_entity: std::collections::HashMap<&str, u64> = Default::default();
        for (u, n) in per_unit {
            if let Some((name, _)) = names.get(u) {
                *per_entity.entry(name.as_str()).or_default() += n;
            }
        }
        let cap = u64::try_from(total).unwrap_or(u64::MAX);
        let mut out: Vec<(String, u64)> = per_entity
            .into_iter()
            .map(|(n, c)| (n.to_string(), c.min(cap)))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.truncate(50);
        Ok(out)
    }

    /// Totals over the whole corpus.
    pub fn stats(&self) -> Result<Stats> {
        self.db.stats(false)
    }

    /// Totals over the whole corpus with every reprint group counted once, as its earliest
    /// article (see [`Corpus::reprint_heads`]); furniture and warnings are not collapsed.
    pub fn stats_collapsed(&self) -> Result<Stats> {
        self.db.stats(true)
    }

    /// Links the articles stored since the last time with the whole corpus (text reuse, issue
    /// #13): incremental, so that each article is compared once with those before it and the
    /// result does not depend on the order of ingest. Ingest callers call it when a batch is
    /// stored; `progress(done, total)` follows the articles.
    pub fn link_pending(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<LinkOutcome> {
        self.check_writable()?;
        self.db
            .link_pending(&cuttings_link::LinkConfig::default(), progress)
    }

    /// Takes the links a cluster job found among the articles not linked yet, instead of
    /// aligning them here (`cuttings import`; see the `reuse` module). `None`, with nothing
    /// changed, when the corpus holds linked articles already: then link with
    /// [`Corpus::link_pending`].
    pub fn adopt_links(
        &mut self,
        links: &[cuttings_model::ReuseLink],
    ) -> Result<Option<LinkOutcome>> {
        self.check_writable()?;
        self.db
            .adopt_links(&cuttings_link::LinkConfig::default(), links)
    }

    /// The bodies of the articles with these full ids (those the corpus holds).
    pub fn bodies(&self, ids: &[&str]) -> Result<std::collections::HashMap<String, String>> {
        self.db.bodies(ids)
    }

    /// Forgets every link and links the whole corpus again (`cuttings reuse --rebuild`).
    pub fn relink(&mut self, progress: &mut dyn FnMut(usize, usize)) -> Result<LinkOutcome> {
        self.check_writable()?;
        self.db.clear_reuse()?;
        self.link_pending(progress)
    }

    /// Every pair of articles that share passages, sorted by `(a, b)`; only one kind with
    /// `kind`. Empty for corpora written before text reuse was stored.
    pub fn reuse_links(
        &self,
        kind: Option<cuttings_model::ReuseKind>,
    ) -> Result<Vec<cuttings_model::ReuseLink>> {
        self.db.reuse_links(kind)
    }

    /// The links of one article (by full id), sorted by `(a, b)`.
    pub fn reuse_of(&self, id: &str) -> Result<Vec<cuttings_model::ReuseLink>> {
        self.db.reuse_of(id)
    }

    /// Date and outlet of every article, by id (for clusters and outlet pairs).
    pub fn article_meta(&self) -> Result<std::collections::HashMap<String, ArticleMeta>> {
        self.db.article_meta()
    }

    /// For each id, the article that stands for its reprint group: the group's earliest article
    /// (by date, undated last, then id), or the article itself when it is in no group.
    pub fn reprint_heads(&self, ids: &[String]) -> Result<Vec<String>> {
        self.db.reprint_heads(ids)
    }

    /// How many articles the head of each reprint group stands for, itself included.
    pub fn reprint_counts(&self) -> Result<std::collections::HashMap<String, u64>> {
        self.db.reprint_counts()
    }

    /// Every source file, in ingest order.
    pub fn sources(&self) -> Result<Vec<FileRecord>> {
        self.db.sources()
    }

    /// The entities named in the corpus (mentions gathered by canonical name, any case, and
    /// type), most mentioned first; only those of `kind` when given; at most `limit`.
    pub fn entities(&self, kind: Option<EntityKind>, limit: usize) -> Result<Vec<EntityCount>> {
        self.db.entity_counts(kind, limit)
    }

    /// Everything about one entity, found by its canonical name or any form it is mentioned
    /// under (any case): forms, counts per outlet and month, up to `co_limit` co-mentioned
    /// entities, quotations. `None` when nothing is mentioned under that name.
    pub fn entity(&self, name: &str, co_limit: usize) -> Result<Option<EntityReport>> {
        self.db.entity_report(name, co_limit)
    }

    /// The names of the entity `name` designates (as [`Corpus::entity`] finds it), without
    /// its outlets, months and co-mentions, which a search for `entity:NAME` counts from the
    /// index much faster for an entity named in tens of thousands of articles.
    pub fn entity_names(&self, name: &str) -> Result<Option<EntityNames>> {
        self.db.entity_names(name)
    }

    /// The type of each entity among `names` (shown names, as facets give them).
    pub fn entity_kinds(
        &self,
        names: &[String],
    ) -> Result<std::collections::HashMap<String, EntityKind>> {
        self.db.entity_kinds(names)
    }

    /// How many articles match a query and filter (no hits, no facets).
    pub fn count(&self, query: &str, filter: &Filter) -> Result<usize> {
        let sources = self.filter_sources(filter)?;
        let units = |name: &str| self.units_named(name);
        self.index.count(query, filter, sources.as_deref(), &units)
    }

    /// Direct quotations, newest article first: by the entity `speaker` names (or by speakers
    /// printed with `speaker` in their name), in articles that mention the entity `about` names
    /// (any case); at most `limit`.
    pub fn quotes(
        &self,
        speaker: Option<&str>,
        about: Option<&str>,
        limit: usize,
    ) -> Result<Vec<QuoteRecord>> {
        self.db.quotes(speaker, about, limit)
    }

    /// Joins the names of all articles into the corpus's entities again, if names were stored
    /// since the last time. Ingest callers call it when a batch is done (dropping the corpus
    /// does it too, without a way to report errors).
    pub fn resolve_entities(&mut self) -> Result<()> {
        self.check_writable()?;
        if self.db.entities_stale()? {
            self.db.resolve_entities()?;
        }
        Ok(())
    }

    /// Records a user's decision about entity names (see [`AliasAction`]), with the time and
    /// the reason, and applies it at once; it also applies to articles ingested or re-extracted
    /// later. Fails, changing nothing, when the names designate nothing in the corpus.
    ///
    /// For [`AliasAction::Undo`], `name` is the number of the change to undo.
    pub fn alias(
        &mut self,
        action: AliasAction,
        name: &str,
        target: Option<&str>,
        reason: Option<&str>,
    ) -> Result<AliasChange> {
        self.check_writable()?;
        self.resolve_entities()?;
        self.index.writer()?;
        let change = self.db.alias_change(action, name, target, reason)?;
        // a split moves mentions to other units: their articles are indexed again
        self.repair()?;
        Ok(change)
    }

    /// Up to `limit` stored articles after the one at `cursor` (0 for the start), and the
    /// cursor to pass next: a way to walk a big corpus in chunks (for `reindex`).
    pub fn articles_from(&self, cursor: i64, limit: usize) -> Result<(Vec<Article>, i64)> {
        let rows = self.db.articles_after(cursor, limit)?;
        let next = rows.last().map_or(cursor, |(seq, _)| *seq);
        Ok((rows.into_iter().map(|(_, a)| a).collect(), next))
    }

    /// Replaces the names and quotations of stored articles with those of `articles` (matched
    /// by id; others are ignored), in one transaction; the full-text index and the entities
    /// follow at [`Corpus::refresh`]. Returns how many articles were updated. The users' alias
    /// decisions apply to the new names as to the old.
    pub fn replace_names(&mut self, articles: &[Article]) -> Result<usize> {
        self.check_writable()?;
        self.index.writer()?;
        self.db.replace_names(articles, None)
    }

    /// [`Corpus::replace_names`] for a pass over the whole corpus in row order (`reindex`):
    /// also records, in the same transaction, that the pass got to row `cursor`, so that an
    /// interrupted pass can go on from there ([`Corpus::reextraction_cursor`]).
    pub fn replace_names_upto(&mut self, articles: &[Article], cursor: i64) -> Result<usize> {
        self.check_writable()?;
        self.index.writer()?;
        self.db.replace_names(articles, Some(cursor))
    }

    /// Where an interrupted pass of [`Corpus::replace_names_upto`] stopped: the row to go on
    /// after, and how many articles it had done; `None` when no pass is under way.
    pub fn reextraction_cursor(&self) -> Result<Option<(i64, u64)>> {
        let Some(cursor) = self.db.meta(db::REEXTRACT_CURSOR)? else {
            return Ok(None);
        };
        let cursor: i64 = cursor.parse().unwrap_or(0);
        Ok(Some((cursor, self.db.count_upto(cursor)?)))
    }

    /// Ends a pass of [`Corpus::replace_names_upto`]: the next one starts from the beginning.
    pub fn end_reextraction(&mut self) -> Result<()> {
        self.check_writable()?;
        self.db.delete_meta(db::REEXTRACT_CURSOR)
    }

    /// Brings what is derived up to date with the records: the entities, then the full-text
    /// index (articles whose names changed are indexed again); with `rebuild_index`, every
    /// article is indexed again.
    pub fn refresh(&mut self, rebuild_index: bool) -> Result<()> {
        self.refresh_with(rebuild_index, &mut |_, _| {})
    }

    /// [`Corpus::refresh`], calling `progress(done, total)` as articles are indexed; indexing is
    /// committed a chunk at a time, so an interrupted refresh goes on where it stopped.
    pub fn refresh_with(
        &mut self,
        rebuild_index: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<()> {
        self.check_writable()?;
        self.index.writer()?;
        self.resolve_entities()?;
        // A rebuild that was interrupted goes on: what it indexed stays marked.
        if rebuild_index && self.db.meta(db::REBUILDING)?.is_none() {
            self.db.mark_all_unindexed_rebuilding()?;
        }
        self.repair_with(progress)?;
        self.db.delete_meta(db::REBUILDING)
    }

    /// Every alias decision, oldest first, undone ones included.
    pub fn alias_log(&self) -> Result<Vec<AliasChange>> {
        self.db.alias_log()
    }

    /// Articles whose least sure part of segmentation (see [`cuttings_model::Confidence`]) is
    /// under `below`, the most doubtful first. None in corpora written before confidences were
    /// stored.
    pub fn doubtful(&self, below: f32) -> Result<Vec<Doubtful>> {
        self.db.doubtful(below)
    }

    /// The log of the users' corrections of segmentation, oldest first, undone ones and undos
    /// included: all of it, or that of the source with this SHA-256.
    pub fn corrections(&self, source: Option<&str>) -> Result<Vec<CorrectionRecord>> {
        self.db.corrections(source)
    }

    /// The corrections that apply to the source with this SHA-256, in the order they were made,
    /// as the segmenter takes them (`cuttings_pipeline::process_corrected`).
    pub fn active_corrections(&self, source: &str) -> Result<Vec<Correction>> {
        Ok(self
            .db
            .corrections(Some(source))?
            .iter()
            .filter(|c| c.is_active())
            .filter_map(CorrectionRecord::to_correction)
            .collect())
    }

    /// Whether any correction applies to some source (a cheap look-up).
    pub fn has_corrections(&self) -> Result<bool> {
        Ok(self.db.next_correction()? > 1)
    }

    /// The number the next logged correction gets: a writer reserves numbers by holding the
    /// corpus, so it can work out what a correction gives before logging it.
    pub fn next_correction(&self) -> Result<i64> {
        self.db.next_correction()
    }

    /// Every line of the source with this SHA-256 with its role, as its last segmentation gave
    /// them (empty when none were stored).
    pub fn line_roles(&self, sha256: &str) -> Result<Vec<LineRole>> {
        self.db.line_roles(sha256)
    }

    /// Replaces everything stored from one file with what the pipeline made of it again (after
    /// an upgrade, `cuttings ingest --resegment`), in one transaction, and brings the index and
    /// the entities up to date; stores the file when it is not stored. Returns the ids of the
    /// articles that were removed (those that come back unchanged included).
    pub fn replace_source(&mut self, file: &FileIngest) -> Result<Vec<String>> {
        self.replace_with(file, &[])
    }

    /// Logs `corrections` (numbered from [`Corpus::next_correction`]) and replaces the articles
    /// of their source with `file`, what the pipeline made of the source with them, in one
    /// transaction. Fails, changing nothing, when an undo names no active correction of that
    /// source. Returns the ids of the articles that were removed.
    pub fn correct(
        &mut self,
        file: &FileIngest,
        corrections: &[CorrectionRecord],
    ) -> Result<Vec<String>> {
        self.check_writable()?;
        let log = self.db.corrections(None)?;
        let first = self.db.next_correction()?;
        for (next, c) in (first..).zip(corrections) {
            let refuse = |what: String| Err(Error::Correction { what });
            if c.id != next {
                return refuse(format!(
                    "correction {} is not the next number ({next})",
                    c.id
                ));
            }
            if c.source != file.file.sha256 {
                return refuse(format!("correction {} is about another source", c.id));
            }
            if c.action == CorrectionAction::Undo {
                let target = c.target.unwrap_or(0);
                match log.iter().find(|l| l.id == target) {
                    None => return refuse(format!("there is no correction {target}")),
                    Some(l) if l.action == CorrectionAction::Undo => {
                        return refuse(format!(
                            "correction {target} is an undo; make the correction again"
                        ))
                    }
                    Some(l) if l.undone_by.is_some() => {
                        return refuse(format!(
                            "correction {target} was already undone by correction {}",
                            l.undone_by.unwrap_or(0)
                        ))
                    }
                    Some(l) if l.source != c.source => {
                        return refuse(format!("correction {target} is about another source"))
                    }
                    Some(_) => {}
                }
            }
        }
        let removed = self.replace_with(file, corrections)?;
        // The corrected articles are linked with the corpus at once (text reuse, issue #13);
        // `ingest` links what `replace_source` stored when its batch is done.
        self.link_pending(&mut |_, _| {})?;
        Ok(removed)
    }

    /// Removes a file and everything stored from it, in one transaction, and brings the index
    /// and the entities up to date. The users' corrections of it stay in the log, and apply
    /// again when it is ingested again. Returns the ids of its articles; `None` when it is not
    /// stored.
    pub fn remove_source(&mut self, sha256: &str) -> Result<Option<Vec<String>>> {
        self.check_writable()?;
        self.index.writer()?;
        if self.needs_repair {
            self.repair()?;
        }
        let Some(removed) = self.db.remove_file(sha256)? else {
            return Ok(None);
        };
        for id in &removed {
            if let Err(e) = self.index.delete(id) {
                self.abandon_pending();
                return Err(e);
            }
        }
        if let Err(e) = self.index.commit() {
            self.abandon_pending();
            return Err(e);
        }
        self.resolve_entities()?;
        self.link_pending(&mut |_, _| {})?;
        Ok(Some(removed))
    }

    fn replace_with(
        &mut self,
        file: &FileIngest,
        corrections: &[CorrectionRecord],
    ) -> Result<Vec<String>> {
        self.check_writable()?;
        self.index.writer()?;
        if self.needs_repair {
            self.repair()?;
        }
        let data = FileData {
            file: &file.file,
            articles: &file.articles,
            dropped: &file.dropped,
            diagnostics: &file.diagnostics,
            lines: &file.lines,
        };
        let (_, new, removed) = self.db.replace_file(&data, corrections)?;
        for id in &removed {
            if let Err(e) = self.index.delete(id) {
                self.abandon_pending();
                return Err(e);
            }
        }
        for n in new {
            if let Err(e) = self.index.put(&file.articles[n.index], &n.units, true) {
                self.abandon_pending();
                return Err(e);
            }
            self.pending.push(n.seq);
        }
        if self.pending.is_empty() {
            // The removed articles leave the index even when no new one comes.
            if let Err(e) = self.index.commit() {
                self.abandon_pending();
                return Err(e);
            }
        } else {
            self.commit()?;
        }
        self.resolve_entities()?;
        Ok(removed)
    }
}

/// Every hit of a search ([`Corpus::search_all`]): the total and facets, and the hits to read.
pub struct AllHits<'c> {
    corpus: &'c Corpus,
    found: Option<index::Found>,
    /// Matching articles.
    pub total: usize,
    /// Counts over all matches.
    pub facets: Facets,
}

impl AllHits<'_> {
    /// Hits read from the index and the records per call of `f`'s page.
    const PAGE: usize = 500;

    /// Calls `f` with every hit, in the search's order, reading 500 at a time;
    /// stops at `f`'s first error.
    pub fn for_each<E: From<Error>>(
        &self,
        f: &mut dyn FnMut(Hit) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let Some(found) = &self.found else {
            return Ok(());
        };
        let mut start = 0;
        while start < found.unread() {
            let ids = found.ids(&self.corpus.index, start..start + Self::PAGE)?;
            start += Self::PAGE;
            for (id, score) in ids {
                // As in a search: a document without a record is skipped.
                if let Some(article) = self.corpus.db.article(&id)? {
                    let snippet = found.snippet(&article.body);
                    f(Hit {
                        article,
                        score,
                        snippet,
                        printed: None,
                    })?;
                }
            }
        }
        Ok(())
    }
}

impl Drop for Corpus {
    fn drop(&mut self) {
        // Best effort: what is not committed here is indexed by the next open, and entities
        // not resolved here are resolved by it.
        let _ = self.commit();
        if self.writable && self.db.entities_stale().unwrap_or(false) {
            let _ = self.db.resolve_entities();
        }
        self.index.close_writer();
    }
}
