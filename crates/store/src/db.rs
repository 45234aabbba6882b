//! The SQLite half of the corpus: the source of truth for every record.
//!
//! One transaction per file inserts its source row, articles (with `indexed = 0`), authors,
//! dropped spans and diagnostics, so a crash leaves all of a file or none of it.
//! The full-text index is derived from these rows and can always be rebuilt from them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use cuttings_model::{
    Article, ArticleId, ArticleKind, BoxField, Confidence, Date, Diagnostic, DropReason, Dropped,
    EntityKind, EntityMention, FieldBox, LineRole, QuoteMention, Severity, SourceRef, Span,
};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};

use crate::codec::{decode_lines, decode_provenance, encode_lines, encode_provenance_into};
use crate::error::{self, Error, Result};
use crate::types::{
    CorrectionAction, CorrectionRecord, Doubtful, FileRecord, Filter, IngestOutcome, Stats,
};
use crate::FailPoint;

/// The `meta` key present while a rebuild of the whole index (`reindex --index-only`) is under
/// way.
pub(crate) const REBUILDING: &str = "rebuilding_index";

/// The `meta` key holding the row a pass of re-extraction (`reindex`) got to while under way.
pub(crate) const REEXTRACT_CURSOR: &str = "reextract_cursor";

/// The version of the SQLite schema this build writes (`PRAGMA user_version`).
pub(crate) const SCHEMA_VERSION: i64 = 5;

/// Version 4 (issue #12): how sure segmentation was of each article, the log of the users'
/// corrections of segmentation (by source and byte offset, never deleted, not tied to stored
/// rows so that they outlive a source's articles), and each source's line roles.
const MIGRATE_3_TO_4: &str = "
ALTER TABLE articles ADD COLUMN conf_boundary REAL;
ALTER TABLE articles ADD COLUMN conf_title REAL;
ALTER TABLE articles ADD COLUMN conf_date REAL;
ALTER TABLE articles ADD COLUMN conf_outlet REAL;
ALTER TABLE articles ADD COLUMN conf_authors REAL;
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY,
    time        TEXT NOT NULL,
    source      TEXT NOT NULL,
    action      TEXT NOT NULL,
    anchor      INTEGER,
    line        INTEGER,
    field       TEXT,
    old         TEXT,
    new         TEXT,
    target      INTEGER,
    target_line INTEGER,
    article     TEXT,
    other       TEXT,
    result      TEXT NOT NULL DEFAULT '',
    reason      TEXT,
    undone_by   INTEGER REFERENCES corrections(id)
);
CREATE INDEX corrections_by_source ON corrections(source, id);
CREATE TABLE line_roles (
    source_id INTEGER PRIMARY KEY REFERENCES sources(id),
    lines     BLOB NOT NULL
);
";

/// Version 2: names and quotations found in article bodies (offsets are bytes of the body).
const MIGRATE_1_TO_2: &str = "
CREATE TABLE mentions (
    article_id    TEXT NOT NULL REFERENCES articles(id),
    position      INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    canonical     TEXT NOT NULL,
    canonical_key TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE TABLE quotes (
    article_id    TEXT NOT NULL REFERENCES articles(id),
    position      INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    speaker       TEXT,
    canonical     TEXT,
    canonical_key TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
";

const SCHEMA_V1: &str = "
CREATE TABLE sources (
    id       INTEGER PRIMARY KEY,
    sha256   TEXT NOT NULL UNIQUE,
    path     TEXT NOT NULL,
    encoding TEXT NOT NULL,
    flavor   TEXT,
    pages    INTEGER NOT NULL,
    bytes    INTEGER NOT NULL
);
CREATE TABLE articles (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    position    INTEGER NOT NULL,
    source_path TEXT NOT NULL,
    first_page  INTEGER NOT NULL,
    last_page   INTEGER NOT NULL,
    title       TEXT,
    subtitle    TEXT,
    date        TEXT,
    outlet      TEXT,
    outlet_key  TEXT,
    language    TEXT,
    body        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    provenance  TEXT NOT NULL,
    indexed     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_by_source ON articles(source_id, position);
CREATE INDEX articles_by_outlet ON articles(outlet_key);
CREATE INDEX articles_by_date ON articles(date);
CREATE INDEX articles_unindexed ON articles(indexed) WHERE indexed = 0;
CREATE TABLE authors (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX authors_by_key ON authors(name_key);
CREATE TABLE dropped (
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    page       INTEGER NOT NULL,
    reason     TEXT NOT NULL
);
CREATE INDEX dropped_by_source ON dropped(source_id);
CREATE TABLE diagnostics (
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    severity   TEXT NOT NULL,
    message    TEXT NOT NULL,
    span_start INTEGER,
    span_end   INTEGER
);
CREATE INDEX diagnostics_by_source ON diagnostics(source_id);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// Where each field of a PDF article was printed (issue #3): one row per box, coordinates in PDF
/// points from the page's top-left corner. Kept apart from the numbered migrations on purpose:
/// writers create it when missing (any schema version), readers of a corpus without it see
/// articles without boxes, so corpora of every version stay readable and writable.
const BOXES_TABLE: &str = "
CREATE TABLE IF NOT EXISTS boxes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position   INTEGER NOT NULL,
    field      TEXT NOT NULL,
    page       INTEGER NOT NULL,
    x0         REAL NOT NULL,
    y0         REAL NOT NULL,
    x1         REAL NOT NULL,
    y1         REAL NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
";

/// Page cache of the writer connection (negative: KiB).
const CACHE_KIB: i64 = -16_384;
/// WAL pages between automatic checkpoints (SQLite's default is 1000): up to 256 MB of WAL, so
/// each checkpoint (random writes and an fsync, on the writer thread) copies hot index pages once.
const CHECKPOINT_PAGES: i64 = 65_536;

const ARTICLE_COLUMNS: &str = "a.id, a.source_path, s.sha256, a.first_page, a.last_page, \
     a.title, a.subtitle, a.date, a.outlet, a.language, a.body, a.kind, a.provenance, \
     a.conf_boundary, a.conf_title, a.conf_date, a.conf_outlet, a.conf_authors";
/// [`ARTICLE_COLUMNS`] for corpora before version 4, which hold no confidences.
const ARTICLE_COLUMNS_V3: &str = "a.id, a.source_path, s.sha256, a.first_page, a.last_page, \
     a.title, a.subtitle, a.date, a.outlet, a.language, a.body, a.kind, a.provenance, \
     NULL, NULL, NULL, NULL, NULL";

/// The normalised form of an outlet or author used for exact, case-insensitive matching.
pub(crate) fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One file's data, borrowed.
pub(crate) struct FileData<'a> {
    pub file: &'a FileRecord,
    pub articles: &'a [Article],
    pub dropped: &'a [Dropped],
    pub diagnostics: &'a [Diagnostic],
    pub lines: &'a [LineRole],
}

/// The records database.
pub(crate) struct Db {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// Reused for each article's provenance JSON.
    provenance: String,
    /// The schema has the tables of names and quotations (version 2 on).
    pub(crate) extraction: bool,
    /// The schema version found (read mode) or written (write mode).
    pub(crate) schema: i64,
    /// Alias keys users split off their entities (write mode; see [`crate::entities`]).
    pub(crate) splits: Vec<String>,
    /// The corpus has the `boxes` table (see [`BOXES_TABLE`]).
    boxes: bool,
}

/// An article a file ingest stored: its position in the file and its row.
#[derive(Clone, Debug)]
pub(crate) struct NewArticle {
    pub index: usize,
    pub seq: i64,
    /// The units of its names (for the index's `entity` field).
    pub units: Vec<String>,
}

/// Whether the corpus in `dir` is on read-only media: its database file is write-protected,
/// or a probe file cannot be created in its folder (a read-only copy or mount, where SQLite
/// cannot create the shared-memory file of a WAL database).
///
/// The file's mode is checked as well as the probe because the super-user may create files in
/// a folder whose mode forbids it: a corpus made read-only with `chmod -R a-w` is opened as
/// read-only media by everyone.
pub(crate) fn read_only_media(dir: &Path, db: &Path) -> bool {
    if std::fs::metadata(db).is_ok_and(|m| m.permissions().readonly()) {
        return true;
    }
    let probe = dir.join(format!(".write-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ),
    }
}

/// The `file:` URI of `path` opened as immutable (SQLite's `immutable=1`), its bytes
/// percent-encoded but for the unreserved ones and `/`.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(absolute.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = absolute.to_string_lossy().replace('\\', "/").into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

impl Db {
    /// Opens (creating if needed) for writing, and migrates the schema.
    pub fn open_write(path: &Path) -> Result<Db> {
        let conn = Connection::open(path).map_err(|e| error::sqlite(path, e))?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            provenance: String::new(),
            extraction: true,
            schema: SCHEMA_VERSION,
            splits: Vec::new(),
            boxes: true,
        };
        db.configure()?;
        db.check_ours(path.parent().unwrap_or(path))?;
        let mode: String = db
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| db.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Corrupt {
                path: path.to_path_buf(),
                detail: format!("cannot switch to WAL mode (journal mode is {mode})"),
            });
        }
        // In WAL mode, NORMAL still commits atomically (a crash keeps all of a transaction or
        // none of it); only the last transactions before a power cut may be lost.
        db.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| db.err(e))?;
        // One transaction per file writes the same index pages again and again: a bigger page
        // cache and fewer checkpoints write each of them to the database file less often.
        db.conn
            .pragma_update(None, "cache_size", CACHE_KIB)
            .map_err(|e| db.err(e))?;
        db.conn
            .pragma_update(None, "wal_autocheckpoint", CHECKPOINT_PAGES)
            .map_err(|e| db.err(e))?;
        db.migrate()?;
        // Added after version 5 without a version of its own (readers do without it).
        db.conn
            .execute_batch(crate::reuse::REPRINT_INDEX)
            .map_err(|e| db.err(e))?;
        db.splits = db.split_keys()?;
        db.ensure_boxes_table()?;
        Ok(db)
    }

    /// Opens an existing database for reading only; never writes to it.
    ///
    /// On `read_only_media` (see [`read_only_media`]) the database is opened as immutable.
    pub fn open_read(path: &Path, dir: &Path, read_only_media: bool) -> Result<Db> {
        if !path.is_file() {
            return Err(Error::NotACorpus {
                path: dir.to_path_buf(),
            });
        }
        // Read-write (without create) lets WAL readers set up shared memory; fall back to
        // read-only for corpora on read-only media.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if read_only_media {
            // A WAL database in a folder nobody may write to (a read-only copy, a CD, a
            // read-only mount) cannot get its shared-memory file, and SQLite refuses it with
            // "attempt to write a readonly database" (issue #17). Nobody can be writing to it
            // either, so it is opened as immutable: no locks, no shared memory, no WAL.
            Connection::open_with_flags(
                immutable_uri(path),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        } else {
            Connection::open_with_flags(path, flags).or_else(|_| {
                Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
            })
        }
        .map_err(|e| error::sqlite(path, e))?;
        let db = Db {
            conn,
            path: path.to_path_buf(),
            provenance: String::new(),
            extraction: true,
            schema: SCHEMA_VERSION,
            splits: Vec::new(),
            boxes: true,
        };
        db.configure()?;
        db.conn
            .pragma_update(None, "query_only", true)
            .map_err(|e| db.err(e))?;
        let version = db.user_version()?;
        if version == 0 {
            let empty = !db.has_any_table()?;
            let path = dir.to_path_buf();
            return Err(if empty {
                Error::Unfinished { path }
            } else {
                Error::NotACorpus { path }
            });
        }
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        // Version 1 lacks only the tables of names and quotations: it reads as a corpus in
        // which none were found (the next `ingest` migrates it).
        if version < 1 {
            return Err(Error::TooOld {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        db.check_ours(dir)?;
        let mut db = db;
        db.extraction = version >= 2;
        db.schema = version;
        db.boxes = db.has_table("boxes")?;
        Ok(db)
    }

    /// Refuses someone else's SQLite database (issue #17: its tables made our schema fail, and
    /// the error quoted all of it): tables but no schema version, or a version without our
    /// tables. An empty database is a corpus about to be created.
    fn check_ours(&self, dir: &Path) -> Result<()> {
        let version = self.user_version()?;
        let ours = if version == 0 {
            !self.has_any_table()?
        } else {
            self.has_table("sources")? && self.has_table("articles")?
        };
        if ours {
            Ok(())
        } else {
            Err(Error::NotACorpus {
                path: dir.to_path_buf(),
            })
        }
    }

    /// Creates the `boxes` table when missing; independent of the schema version.
    fn ensure_boxes_table(&self) -> Result<()> {
        self.conn
            .execute_batch(BOXES_TABLE)
            .map_err(|e| self.err(e))
    }

    fn has_any_table(&self) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    fn has_table(&self, name: &str) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [name],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .busy_timeout(Duration::from_secs(10))
            .map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    fn user_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Brings the schema to [`SCHEMA_VERSION`], one step per version, each in a transaction.
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        loop {
            // Read the version in the transaction that migrates from it, which holds SQLite's
            // write lock from its start: another writer (of a cuttings before the opening lock
            // of issue #17) waits and then sees the new version.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(err)?;
            let version: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .map_err(err)?;
            if version > SCHEMA_VERSION {
                return Err(Error::TooNew {
                    path: self.path.clone(),
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            if version == SCHEMA_VERSION {
                return Ok(());
            }
            match version {
                0 => tx.execute_batch(SCHEMA_V1).map_err(err)?,
                1 => tx.execute_batch(MIGRATE_1_TO_2).map_err(err)?,
                2 => crate::entities::migrate_2_to_3(&tx).map_err(err)?,
                3 => tx.execute_batch(MIGRATE_3_TO_4).map_err(err)?,
                4 => tx
                    .execute_batch(crate::reuse::MIGRATE_4_TO_5)
                    .map_err(err)?,
                _ => unreachable!("no migration from schema version {version}"),
            }
            tx.pragma_update(None, "user_version", version + 1)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
    }

    /// The article columns this corpus's schema has.
    fn columns(&self) -> &'static str {
        if self.schema >= 4 {
            ARTICLE_COLUMNS
        } else {
            ARTICLE_COLUMNS_V3
        }
    }

    /// Articles whose least sure part of segmentation is under `below`, the most doubtful first
    /// (then in ingest order).
    pub fn doubtful(&self, below: f32) -> Result<Vec<Doubtful>> {
        if self.schema < 4 {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, conf_boundary, conf_title, conf_date, conf_outlet, conf_authors
                 FROM articles
                 WHERE min(conf_boundary, conf_title, conf_date, conf_outlet, conf_authors) < ?1
                 ORDER BY min(conf_boundary, conf_title, conf_date, conf_outlet, conf_authors),
                     source_id, position",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([f64::from(below)], |r| {
                Ok(Doubtful {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    confidence: Confidence {
                        boundary: r.get::<_, f64>(2)? as f32,
                        title: r.get::<_, f64>(3)? as f32,
                        date: r.get::<_, f64>(4)? as f32,
                        outlet: r.get::<_, f64>(5)? as f32,
                        authors: r.get::<_, f64>(6)? as f32,
                    },
                })
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// The correction log, oldest first: all of it, or that of one source (by SHA-256).
    pub fn corrections(&self, source: Option<&str>) -> Result<Vec<CorrectionRecord>> {
        if self.schema < 4 {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, time, source, action, anchor, line, field, old, new, target,
                     target_line, article, other, result, reason, undone_by
                 FROM corrections WHERE ?1 IS NULL OR source = ?1 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([source], |r| {
                let size = |i: usize| -> rusqlite::Result<Option<usize>> {
                    Ok(r.get::<_, Option<i64>>(i)?
                        .and_then(|n| usize::try_from(n).ok()))
                };
                Ok((
                    r.get::<_, String>(3)?,
                    CorrectionRecord {
                        id: r.get(0)?,
                        time: r.get(1)?,
                        source: r.get(2)?,
                        action: CorrectionAction::Set,
                        anchor: size(4)?,
                        line: size(5)?,
                        field: r.get(6)?,
                        old: r.get(7)?,
                        new: r.get(8)?,
                        target: r.get(9)?,
                        target_line: size(10)?,
                        article: r.get(11)?,
                        other: r.get(12)?,
                        result: r
                            .get::<_, String>(13)?
                            .split_whitespace()
                            .map(str::to_string)
                            .collect(),
                        reason: r.get(14)?,
                        undone_by: r.get(15)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(action, mut c)| {
                c.action = CorrectionAction::parse(&action).ok_or_else(|| Error::BadRecord {
                    path: self.path.clone(),
                    id: format!("correction {}", c.id),
                    detail: format!("action {action:?}"),
                })?;
                Ok(c)
            })
            .collect()
    }

    /// The number the next correction gets.
    pub fn next_correction(&self) -> Result<i64> {
        if self.schema < 4 {
            return Ok(1);
        }
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(id), 0) + 1 FROM corrections",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The line roles stored for the source with this SHA-256 (none for corpora before version
    /// 4, web pages, and sources whose segmenter gave none).
    pub fn line_roles(&self, sha256: &str) -> Result<Vec<LineRole>> {
        if self.schema < 4 {
            return Ok(Vec::new());
        }
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached(
                "SELECT l.lines FROM line_roles l JOIN sources s ON s.id = l.source_id
                 WHERE s.sha256 = ?1",
            )
            .and_then(|mut st| st.query_row([sha256], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))?;
        match blob {
            None => Ok(Vec::new()),
            Some(b) => decode_lines(&b).map_err(|detail| Error::BadRecord {
                path: self.path.clone(),
                id: sha256.to_string(),
                detail,
            }),
        }
    }

    /// Wraps a SQLite error with the database path.
    pub fn err(&self, e: rusqlite::Error) -> Error {
        error::sqlite(&self.path, e)
    }

    /// A value of the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sets a value of the `meta` table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Removes a `meta` key (nothing when it is absent).
    pub fn delete_meta(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", [key])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Inserts one file in one transaction; returns the outcome and which articles are new.
    pub fn insert_file(
        &mut self,
        data: &FileData<'_>,
        fail: Option<FailPoint>,
    ) -> Result<(IngestOutcome, Vec<NewArticle>)> {
        check_sources(data)?;
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let known: Option<i64> = tx
            .prepare_cached("SELECT id FROM sources WHERE sha256 = ?1")
            .and_then(|mut stmt| stmt.query_row([&data.file.sha256], |r| r.get(0)).optional())
            .map_err(err)?;
        if known.is_some() {
            let outcome = IngestOutcome {
                added: 0,
                already_present: data.articles.len(),
            };
            return Ok((outcome, Vec::new()));
        }
        let source_id = insert_source(&tx, data.file).map_err(err)?;
        let (outcome, new, names) = insert_contents(
            &tx,
            &path,
            source_id,
            data,
            &self.splits,
            &mut self.provenance,
            fail,
        )?;
        if fail == Some(FailPoint::MidTransaction) {
            return Err(Error::Injected("mid-transaction"));
        }
        if names {
            crate::entities::mark_stale(&tx).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok((outcome, new))
    }

    /// Replaces everything stored from one file (articles and their names, dropped spans,
    /// diagnostics, line roles) with `data`, and logs `corrections`, in one transaction; stores
    /// the file when it is not stored yet. Returns the outcome, the new articles and the ids of
    /// the articles removed.
    pub fn replace_file(
        &mut self,
        data: &FileData<'_>,
        corrections: &[CorrectionRecord],
    ) -> Result<(IngestOutcome, Vec<NewArticle>, Vec<String>)> {
        check_sources(data)?;
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let known: Option<i64> = tx
            .prepare_cached("SELECT id FROM sources WHERE sha256 = ?1")
            .and_then(|mut stmt| stmt.query_row([&data.file.sha256], |r| r.get(0)).optional())
            .map_err(err)?;
        let mut removed = Vec::new();
        let source_id = match known {
            None => insert_source(&tx, data.file).map_err(err)?,
            Some(id) => {
                let f = data.file;
                tx.execute(
                    "UPDATE sources SET path = ?2, encoding = ?3, flavor = ?4, pages = ?5,
                         bytes = ?6 WHERE id = ?1",
                    params![
                        id,
                        f.path,
                        f.encoding,
                        f.flavor,
                        f.pages,
                        i64::try_from(f.bytes).unwrap_or(i64::MAX)
                    ],
                )
                .map_err(err)?;
                removed = delete_contents(&tx, id).map_err(err)?;
                id
            }
        };
        insert_corrections(&tx, corrections).map_err(err)?;
        let (outcome, new, _) = insert_contents(
            &tx,
            &path,
            source_id,
            data,
            &self.splits,
            &mut self.provenance,
            None,
        )?;
        // Mentions went away with the old articles, whether or not new ones came.
        crate::entities::mark_stale(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok((outcome, new, removed))
    }

    /// Removes a file and everything stored from it (its corrections stay in the log), in one
    /// transaction. Returns the ids of its articles; `None` when it is not stored.
    pub fn remove_file(&mut self, sha256: &str) -> Result<Option<Vec<String>>> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let known: Option<i64> = tx
            .prepare_cached("SELECT id FROM sources WHERE sha256 = ?1")
            .and_then(|mut stmt| stmt.query_row([sha256], |r| r.get(0)).optional())
            .map_err(err)?;
        let Some(id) = known else {
            return Ok(None);
        };
        let removed = delete_contents(&tx, id).map_err(err)?;
        tx.execute("DELETE FROM sources WHERE id = ?1", [id])
            .map_err(err)?;
        crate::entities::mark_stale(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(Some(removed))
    }

    /// Marks articles (by row) as present in the committed full-text index.
    pub fn mark_indexed(&mut self, seqs: impl IntoIterator<Item = i64>) -> Result<()> {
        let path = &self.path;
        let err = |e| error::sqlite(path, e);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached("UPDATE articles SET indexed = 1 WHERE seq = ?1")
                .map_err(err)?;
            for seq in seqs {
                stmt.execute([seq]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Whether no source is stored.
    pub fn is_empty(&self) -> Result<bool> {
        self.conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM sources)", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))
    }

    /// How many articles are stored from the source with this SHA-256, or `None` when it is not
    /// stored.
    pub fn source_articles(&self, sha256: &str) -> Result<Option<u64>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id)
                 FROM sources s WHERE s.sha256 = ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_row([sha256], |r| r.get::<_, i64>(0))
            .optional()
            .map(|n| n.map(|n| u64::try_from(n).unwrap_or(0)))
            .map_err(|e| self.err(e))
    }

    /// Marks every article as missing from the index (before a rebuild).
    pub fn mark_all_unindexed(&self) -> Result<()> {
        self.conn
            .execute("UPDATE articles SET indexed = 0", [])
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Marks every article as missing from the index and notes that a rebuild is under way
    /// ([`REBUILDING`]), in one transaction.
    pub fn mark_all_unindexed_rebuilding(&mut self) -> Result<()> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute("UPDATE articles SET indexed = 0", [])
            .map_err(err)?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, '1')",
            [REBUILDING],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Up to `limit` articles not yet in the committed index, with their rows, in row order.
    pub fn unindexed(&self, limit: usize) -> Result<Vec<(i64, Article)>> {
        self.articles_with_rows("a.indexed = 0 ORDER BY a.seq LIMIT ?1", [offset(limit)])
    }

    /// The number of articles at or before row `seq`.
    pub fn count_upto(&self, seq: i64) -> Result<u64> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM articles WHERE seq <= ?1",
                [seq],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Replaces the names and quotations of stored articles (by id) with those of `articles`,
    /// in one transaction, and marks them for re-indexing. Returns how many were stored.
    ///
    /// With `cursor`, also records in the same transaction that a pass over the corpus got to
    /// that row ([`REEXTRACT_CURSOR`]).
    pub fn replace_names(&mut self, articles: &[Article], cursor: Option<i64>) -> Result<usize> {
        let path = self.path.clone();
        let err = |e| error::sqlite(&path, e);
        let splits = &self.splits;
        let tx = self.conn.transaction().map_err(err)?;
        let mut replaced = 0;
        for a in articles {
            let updated = tx
                .prepare_cached("UPDATE articles SET indexed = 0 WHERE id = ?1")
                .and_then(|mut st| st.execute([&a.id.0]))
                .map_err(err)?;
            if updated == 0 {
                continue;
            }
            for table in [
                "DELETE FROM mentions WHERE article_id = ?1",
                "DELETE FROM quotes WHERE article_id = ?1",
            ] {
                tx.prepare_cached(table)
                    .and_then(|mut st| st.execute([&a.id.0]))
                    .map_err(err)?;
            }
            insert_names(&tx, a, splits).map_err(err)?;
            replaced += 1;
        }
        crate::entities::mark_stale(&tx).map_err(err)?;
        if let Some(cursor) = cursor {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                params![REEXTRACT_CURSOR, cursor.to_string()],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(replaced)
    }

    /// Up to `limit` articles stored after row `after`, in row order, with their rows.
    pub fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>> {
        self.articles_with_rows(
            "a.seq > ?1 ORDER BY a.seq LIMIT ?2",
            params![after, offset(limit)],
        )
    }

    /// Articles with their rows, selected and ordered by `condition` (SQL after `WHERE`, over
    /// `a` and `s`).
    fn articles_with_rows<P: rusqlite::Params>(
        &self,
        condition: &str,
        params: P,
    ) -> Result<Vec<(i64, Article)>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {}, a.seq FROM articles a JOIN sources s ON s.id = a.source_id
                 WHERE {condition}",
                self.columns()
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params, |r| Ok((r.get::<_, i64>(18)?, raw_article(r)?)))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(seq, raw)| Ok((seq, self.finish(raw)?)))
            .collect()
    }

    /// The units of an article's names (see [`crate::entities`]).
    pub fn article_units(&self, id: &str) -> Result<Vec<String>> {
        if self.schema < 3 {
            return Ok(Vec::new());
        }
        self.conn
            .prepare_cached("SELECT DISTINCT unit FROM mentions WHERE article_id = ?1")
            .and_then(|mut st| {
                st.query_map([id], |r| r.get(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .map_err(|e| self.err(e))
    }

    /// The number of articles waiting for the full-text index.
    pub fn count_unindexed(&self) -> Result<u64> {
        self.count("SELECT COUNT(*) FROM articles WHERE indexed = 0")
    }

    /// The number of articles not yet linked for text reuse (none before schema 5).
    pub fn count_unlinked(&self) -> Result<u64> {
        if self.schema < 5 {
            return Ok(0);
        }
        self.count("SELECT COUNT(*) FROM articles WHERE linked = 0")
    }

    /// What `PRAGMA quick_check` finds wrong with the database's structure (empty when "ok").
    pub fn quick_check(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA quick_check")
            .map_err(|e| self.err(e))?;
        let lines = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(lines.into_iter().filter(|l| l != "ok").collect())
    }

    /// The number of articles.
    pub fn count_articles(&self) -> Result<u64> {
        self.count("SELECT COUNT(*) FROM articles")
    }

    fn count(&self, sql: &str) -> Result<u64> {
        self.conn
            .query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.err(e))
    }

    /// Every article id.
    pub fn all_ids(&self) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles")
            .map_err(|e| self.err(e))?;
        let ids = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<HashSet<String>>>()
            .map_err(|e| self.err(e))?;
        Ok(ids)
    }

    /// One article by its full id.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        let mut found = self.query_articles(
            &format!(
                "SELECT {} FROM articles a JOIN sources s ON s.id = a.source_id
                 WHERE a.id = ?1",
                self.columns()
            ),
            [id],
        )?;
        Ok(found.pop())
    }

    /// Up to `limit` ids starting with `prefix` (lower-case hex), in id order.
    pub fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            // Ids are lower-case hex, so those starting with `p` sort in `p..p + "g"`.
            .prepare_cached(
                "SELECT id FROM articles WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let ids = stmt
            .query_map(
                params![prefix, i64::try_from(limit).unwrap_or(i64::MAX)],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| self.err(e))?;
        Ok(ids)
    }

    /// Articles passing `filter`, in ingest order.
    pub fn articles(&self, filter: &Filter) -> Result<Vec<Article>> {
        let mut all = Vec::new();
        self.for_each_article(filter, &mut |a| {
            all.push(a);
            Ok::<(), Error>(())
        })?;
        Ok(all)
    }

    /// Calls `f` with every article passing `filter`, in ingest order, one at a time: memory
    /// does not grow with the corpus (issue #16). Stops at `f`'s first error.
    pub fn for_each_article<E: From<Error>>(
        &self,
        filter: &Filter,
        f: &mut dyn FnMut(Article) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let source_prefix = filter.source.as_deref().and_then(sha_prefix);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM articles a JOIN sources s ON s.id = a.source_id
                 WHERE (?1 IS NULL OR s.path = ?1 OR s.sha256 LIKE ?2)
                   AND (?3 IS NULL OR a.outlet_key = ?3)
                   AND (?4 IS NULL OR EXISTS (SELECT 1 FROM authors au
                                              WHERE au.article_id = a.id AND au.name_key = ?4))
                   AND (?5 IS NULL OR a.date >= ?5)
                   AND (?6 IS NULL OR a.date <= ?6)
                 ORDER BY a.source_id, a.position",
                self.columns()
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![
                    filter.source,
                    source_prefix.map(|p| format!("{p}%")),
                    filter.outlet.as_deref().map(key),
                    filter.author.as_deref().map(key),
                    filter.from.map(|d| d.to_string()),
                    filter.to.map(|d| d.to_string()),
                ],
                raw_article,
            )
            .map_err(|e| self.err(e))?;
        for raw in rows {
            let raw = raw.map_err(|e| self.err(e))?;
            f(self.finish(raw)?)?;
        }
        Ok(())
    }

    /// The SHA-256s of the sources a `Filter::source` value designates.
    pub fn source_hashes(&self, source: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sha256 FROM sources WHERE path = ?1 OR sha256 LIKE ?2 ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let hashes = stmt
            .query_map(
                params![source, sha_prefix(source).map(|p| format!("{p}%"))],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| self.err(e))?;
        Ok(hashes)
    }

    fn query_articles<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<Article>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params, raw_article)
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<RawArticle>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter().map(|raw| self.finish(raw)).collect()
    }

    fn finish(&self, raw: RawArticle) -> Result<Article> {
        let bad = |detail: String| Error::BadRecord {
            path: self.path.clone(),
            id: raw.id.clone(),
            detail,
        };
        let date = match &raw.date {
            Some(d) => Some(
                d.parse::<Date>()
                    .map_err(|e| bad(format!("date {d:?}: {e}")))?,
            ),
            None => None,
        };
        let kind =
            ArticleKind::parse(&raw.kind).ok_or_else(|| bad(format!("kind {:?}", raw.kind)))?;
        let mut provenance = decode_provenance(&raw.provenance).map_err(bad)?;
        provenance.boxes = self.boxes_of(&raw.id)?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM authors WHERE article_id = ?1 ORDER BY position")
            .map_err(|e| self.err(e))?;
        let authors = stmt
            .query_map([&raw.id], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| self.err(e))?;
        let (entities, quotes) = self.extraction_of(&raw.id, raw.body.len())?;
        Ok(Article {
            id: ArticleId(raw.id),
            title: raw.title,
            subtitle: raw.subtitle,
            date,
            outlet: raw.outlet,
            authors,
            language: raw.language,
            body: raw.body,
            kind,
            source: SourceRef {
                path: raw.source_path,
                sha256: raw.sha256,
                first_page: raw.first_page,
                last_page: raw.last_page,
            },
            provenance,
            entities,
            quotes,
            confidence: match raw.confidence {
                [Some(b), Some(t), Some(d), Some(o), Some(a)] => Some(Confidence {
                    boundary: b as f32,
                    title: t as f32,
                    date: d as f32,
                    outlet: o as f32,
                    authors: a as f32,
                }),
                _ => None,
            },
        })
    }

    /// The boxes stored for an article (none for text dumps, web pages and old corpora).
    fn boxes_of(&self, id: &str) -> Result<Vec<FieldBox>> {
        if !self.boxes {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT field, page, x0, y0, x1, y1 FROM boxes WHERE article_id = ?1
                 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    [
                        r.get::<_, f64>(2)?,
                        r.get::<_, f64>(3)?,
                        r.get::<_, f64>(4)?,
                        r.get::<_, f64>(5)?,
                    ],
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(field, page, [x0, y0, x1, y1])| {
                let field = BoxField::parse(&field).ok_or_else(|| Error::BadRecord {
                    path: self.path.clone(),
                    id: id.to_string(),
                    detail: format!("box field {field:?}"),
                })?;
                Ok(FieldBox {
                    field,
                    page,
                    x0: x0 as f32,
                    y0: y0 as f32,
                    x1: x1 as f32,
                    y1: y1 as f32,
                })
            })
            .collect()
    }

    /// The names and quotations stored for an article whose body is `body_len` bytes long.
    fn extraction_of(
        &self,
        id: &str,
        body_len: usize,
    ) -> Result<(Vec<EntityMention>, Vec<QuoteMention>)> {
        if !self.extraction {
            return Ok((Vec::new(), Vec::new()));
        }
        let bad = |detail: String| Error::BadRecord {
            path: self.path.clone(),
            id: id.to_string(),
            detail,
        };
        let span = |s: i64, e: i64| -> std::result::Result<(usize, usize), String> {
            match (usize::try_from(s), usize::try_from(e)) {
                (Ok(s), Ok(e)) if s <= e && e <= body_len => Ok((s, e)),
                _ => Err(format!(
                    "offsets {s}..{e} outside a body of {body_len} bytes"
                )),
            }
        };
        // From version 3 on, the canonical name is the corpus entity's (after the users'
        // merges and renames); before, the article's own.
        let mut stmt = self
            .conn
            .prepare_cached(if self.schema >= 3 {
                "SELECT m.start, m.end, m.name, m.kind, COALESCE(e.name, m.canonical)
                 FROM mentions m LEFT JOIN entity_units u ON u.unit = m.unit
                 LEFT JOIN entities e ON e.id = u.entity
                 WHERE m.article_id = ?1 ORDER BY m.position"
            } else {
                "SELECT start, end, name, kind, canonical FROM mentions
                 WHERE article_id = ?1 ORDER BY position"
            })
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        let mut entities = Vec::with_capacity(rows.len());
        for (s, e, name, kind, canonical) in rows {
            let (start, end) = span(s, e).map_err(bad)?;
            let kind =
                EntityKind::parse(&kind).ok_or_else(|| bad(format!("entity kind {kind:?}")))?;
            entities.push(EntityMention {
                name,
                kind,
                canonical,
                start,
                end,
            });
        }
        let mut stmt = self
            .conn
            .prepare_cached(if self.schema >= 3 {
                "SELECT q.start, q.end, q.text, q.speaker,
                        CASE WHEN q.canonical IS NULL THEN NULL
                             ELSE COALESCE(e.name, q.canonical) END
                 FROM quotes q LEFT JOIN entity_units u ON u.unit = q.unit
                 LEFT JOIN entities e ON e.id = u.entity
                 WHERE q.article_id = ?1 ORDER BY q.position"
            } else {
                "SELECT start, end, text, speaker, canonical FROM quotes
                 WHERE article_id = ?1 ORDER BY position"
            })
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        let quotes = rows
            .into_iter()
            .map(|(s, e, text, speaker, canonical)| {
                quote_mention(s, e, text, speaker, canonical, body_len).map_err(bad)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((entities, quotes))
    }

    /// All sources in ingest order.
    pub fn sources(&self) -> Result<Vec<FileRecord>> {
        self.query_sources(
            "SELECT path, sha256, encoding, flavor, pages, bytes FROM sources ORDER BY id",
            [],
        )
    }

    /// The source with this SHA-256.
    pub fn source(&self, sha256: &str) -> Result<Option<FileRecord>> {
        Ok(self
            .query_sources(
                "SELECT path, sha256, encoding, flavor, pages, bytes FROM sources WHERE sha256 = ?1",
                [sha256],
            )?
            .pop())
    }

    fn query_sources<P: rusqlite::Params>(&self, sql: &str, params: P) -> Result<Vec<FileRecord>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params, |r| {
                Ok(FileRecord {
                    path: r.get(0)?,
                    sha256: r.get(1)?,
                    encoding: r.get(2)?,
                    flavor: r.get(3)?,
                    pages: r.get(4)?,
                    bytes: u64::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
                })
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// Everything dropped from the source with this SHA-256, in source order.
    pub fn dropped(&self, sha256: &str) -> Result<Vec<Dropped>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.span_start, d.span_end, d.page, d.reason FROM dropped d
                 JOIN sources s ON s.id = d.source_id WHERE s.sha256 = ?1
                 ORDER BY d.span_start, d.rowid",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([sha256], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(start, end, page, reason)| {
                let bad = |detail: String| Error::BadRecord {
                    path: self.path.clone(),
                    id: sha256.to_string(),
                    detail,
                };
                let reason =
                    drop_reason(&reason).ok_or_else(|| bad(format!("drop reason {reason:?}")))?;
                let start = usize::try_from(start).map_err(|e| bad(e.to_string()))?;
                let end = usize::try_from(end).map_err(|e| bad(e.to_string()))?;
                Ok(Dropped {
                    span: Span { start, end },
                    page,
                    reason,
                })
            })
            .collect()
    }

    /// Totals over the corpus; with `collapse`, only the articles that stand for their reprint
    /// group (or are in none) count.
    pub fn stats(&self, collapse: bool) -> Result<Stats> {
        let only = if collapse && self.schema >= 5 {
            "reprint_of IS NULL"
        } else {
            "1"
        };
        Ok(Stats {
            articles: self.count(&format!("SELECT COUNT(*) FROM articles WHERE {only}"))?,
            sources: self.count("SELECT COUNT(*) FROM sources")?,
            by_outlet: self.pairs(&format!(
                "SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL AND {only}
                 GROUP BY outlet ORDER BY n DESC, outlet"
            ))?,
            by_author: self.pairs(&format!(
                "SELECT name, COUNT(DISTINCT article_id) AS n FROM authors
                 WHERE article_id IN (SELECT id FROM articles WHERE {only})
                 GROUP BY name ORDER BY n DESC, name"
            ))?,
            by_month: self.pairs(&format!(
                "SELECT substr(date, 1, 7) AS m, COUNT(*) FROM articles
                 WHERE date IS NOT NULL AND {only} GROUP BY m ORDER BY m"
            ))?,
            dropped_by_reason: self.pairs(
                "SELECT reason, COUNT(*) AS n FROM dropped GROUP BY reason ORDER BY n DESC, reason",
            )?,
            warnings: {
                let mut stmt = self
                    .conn
                    .prepare(
                        "SELECT s.path, d.message FROM diagnostics d
                         JOIN sources s ON s.id = d.source_id
                         WHERE d.severity = 'warning' ORDER BY d.rowid",
                    )
                    .map_err(|e| self.err(e))?;
                let rows = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(|e| self.err(e))?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map_err(|e| self.err(e))?;
                rows
            },
            undated: self.count(&format!(
                "SELECT COUNT(*) FROM articles WHERE date IS NULL AND {only}"
            ))?,
            no_outlet: self.count(&format!(
                "SELECT COUNT(*) FROM articles WHERE outlet IS NULL AND {only}"
            ))?,
        })
    }

    fn pairs(&self, sql: &str) -> Result<Vec<(String, u64)>> {
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    u64::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                ))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

/// Every article of a file must come from it.
fn check_sources(data: &FileData<'_>) -> Result<()> {
    let file = data.file;
    for a in data.articles {
        if a.source.sha256 != file.sha256 {
            return Err(Error::InvalidInput {
                path: file.path.clone(),
                detail: format!(
                    "article {} comes from source {}, not {}",
                    a.id, a.source.sha256, file.sha256
                ),
            });
        }
    }
    for l in data.lines {
        if l.article.is_some_and(|a| a >= data.articles.len()) {
            return Err(Error::InvalidInput {
                path: file.path.clone(),
                detail: format!(
                    "line {} names article {:?} of {}",
                    l.span,
                    l.article,
                    data.articles.len()
                ),
            });
        }
    }
    Ok(())
}

/// Deletes everything stored from the source with row `id` but the source row itself; returns
/// the ids of its articles, in reading order.
fn delete_contents(tx: &rusqlite::Transaction<'_>, id: i64) -> rusqlite::Result<Vec<String>> {
    crate::reuse::delete_source_reuse(tx, id)?;
    let removed = tx
        .prepare("SELECT id FROM articles WHERE source_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    for sql in [
        "DELETE FROM authors WHERE article_id IN (SELECT id FROM articles WHERE source_id = ?1)",
        "DELETE FROM mentions WHERE article_id IN (SELECT id FROM articles WHERE source_id = ?1)",
        "DELETE FROM quotes WHERE article_id IN (SELECT id FROM articles WHERE source_id = ?1)",
        "DELETE FROM boxes WHERE article_id IN (SELECT id FROM articles WHERE source_id = ?1)",
        "DELETE FROM articles WHERE source_id = ?1",
        "DELETE FROM dropped WHERE source_id = ?1",
        "DELETE FROM diagnostics WHERE source_id = ?1",
        "DELETE FROM line_roles WHERE source_id = ?1",
    ] {
        tx.execute(sql, [id])?;
    }
    Ok(removed)
}

/// Inserts a source row; returns its id.
fn insert_source(tx: &rusqlite::Transaction<'_>, file: &FileRecord) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO sources (sha256, path, encoding, flavor, pages, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        file.sha256,
        file.path,
        file.encoding,
        file.flavor,
        file.pages,
        i64::try_from(file.bytes).unwrap_or(i64::MAX)
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Inserts a file's articles (with authors, names, boxes and confidence), dropped spans,
/// diagnostics and line roles under `source_id`. Returns the outcome, the new articles and
/// whether any names were stored.
fn insert_contents(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    source_id: i64,
    data: &FileData<'_>,
    splits: &[String],
    provenance: &mut String,
    fail: Option<FailPoint>,
) -> Result<(IngestOutcome, Vec<NewArticle>, bool)> {
    let err = |e| error::sqlite(path, e);
    let mut names = false;
    let mut outcome = IngestOutcome::default();
    let mut new = Vec::new();
    let mut insert_article = tx
        .prepare_cached(
            "INSERT INTO articles (id, source_id, position, source_path, first_page,
                 last_page, title, subtitle, date, outlet, outlet_key, language, body,
                 kind, provenance, indexed, conf_boundary, conf_title, conf_date,
                 conf_outlet, conf_authors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 0,
                 ?16, ?17, ?18, ?19, ?20)
             ON CONFLICT(id) DO NOTHING",
        )
        .map_err(err)?;
    let mut insert_author = tx
        .prepare_cached(
            "INSERT INTO authors (article_id, position, name, name_key)
             VALUES (?1, ?2, ?3, ?4)",
        )
        .map_err(err)?;
    let mut insert_box = tx
        .prepare_cached(
            "INSERT INTO boxes (article_id, position, field, page, x0, y0, x1, y1)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .map_err(err)?;
    for (i, a) in data.articles.iter().enumerate() {
        encode_provenance_into(&a.provenance, provenance);
        let c = a.confidence;
        let inserted = insert_article
            .execute(params![
                a.id.0,
                source_id,
                i64::try_from(i).unwrap_or(i64::MAX),
                a.source.path,
                a.source.first_page,
                a.source.last_page,
                a.title,
                a.subtitle,
                a.date.map(|d| d.to_string()),
                a.outlet,
                a.outlet.as_deref().map(key),
                a.language,
                a.body,
                a.kind.as_str(),
                provenance.as_str(),
                c.map(|c| f64::from(c.boundary)),
                c.map(|c| f64::from(c.title)),
                c.map(|c| f64::from(c.date)),
                c.map(|c| f64::from(c.outlet)),
                c.map(|c| f64::from(c.authors)),
            ])
            .map_err(err)?;
        if inserted == 0 {
            outcome.already_present += 1;
            continue;
        }
        let seq = tx.last_insert_rowid();
        for (p, name) in a.authors.iter().enumerate() {
            insert_author
                .execute(params![
                    a.id.0,
                    i64::try_from(p).unwrap_or(i64::MAX),
                    name,
                    key(name)
                ])
                .map_err(err)?;
        }
        let units = insert_names(tx, a, splits).map_err(err)?;
        names |= !a.entities.is_empty();
        for (p, b) in a.provenance.boxes.iter().enumerate() {
            insert_box
                .execute(params![
                    a.id.0,
                    offset(p),
                    b.field.as_str(),
                    b.page,
                    f64::from(b.x0),
                    f64::from(b.y0),
                    f64::from(b.x1),
                    f64::from(b.y1)
                ])
                .map_err(err)?;
        }
        outcome.added += 1;
        new.push(NewArticle {
            index: i,
            seq,
            units,
        });
        if fail == Some(FailPoint::MidTransaction) {
            return Err(Error::Injected("mid-transaction"));
        }
    }
    let mut insert_dropped = tx
        .prepare_cached(
            "INSERT INTO dropped (source_id, span_start, span_end, page, reason)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(err)?;
    for d in data.dropped {
        insert_dropped
            .execute(params![
                source_id,
                offset(d.span.start),
                offset(d.span.end),
                d.page,
                d.reason.as_str()
            ])
            .map_err(err)?;
    }
    let mut insert_diagnostic = tx
        .prepare_cached(
            "INSERT INTO diagnostics (source_id, severity, message, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(err)?;
    for d in data.diagnostics {
        let severity = match d.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
        };
        insert_diagnostic
            .execute(params![
                source_id,
                severity,
                d.message,
                d.span.map(|s| offset(s.start)),
                d.span.map(|s| offset(s.end))
            ])
            .map_err(err)?;
    }
    if !data.lines.is_empty() {
        tx.prepare_cached("INSERT INTO line_roles (source_id, lines) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![source_id, encode_lines(data.lines)]))
            .map_err(err)?;
    }
    Ok((outcome, new, names))
}

/// Logs corrections (with the time now) and marks the corrections they undo.
fn insert_corrections(
    tx: &rusqlite::Transaction<'_>,
    corrections: &[CorrectionRecord],
) -> rusqlite::Result<()> {
    let time = now();
    for c in corrections {
        tx.prepare_cached(
            "INSERT INTO corrections (id, time, source, action, anchor, line, field, old, new,
                 target, target_line, article, other, result, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?
        .execute(params![
            c.id,
            time,
            c.source,
            c.action.as_str(),
            c.anchor.map(offset),
            c.line.map(offset),
            c.field,
            c.old,
            c.new,
            c.target,
            c.target_line.map(offset),
            c.article,
            c.other,
            c.result.join(" "),
            c.reason,
        ])?;
        if c.action == CorrectionAction::Undo {
            tx.execute(
                "UPDATE corrections SET undone_by = ?1 WHERE id = ?2 AND undone_by IS NULL",
                params![c.id, c.target],
            )?;
        }
    }
    Ok(())
}

/// The time now, as the logs write it (RFC 3339, UTC, whole seconds).
pub(crate) fn now() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// A prefix of a SHA-256 (at least 4 hex digits), lower-cased.
/// Inserts an article's names and quotations with their units; returns the units of its names.
fn insert_names(
    tx: &rusqlite::Transaction<'_>,
    a: &Article,
    splits: &[String],
) -> rusqlite::Result<Vec<String>> {
    let mut insert_mention = tx.prepare_cached(
        "INSERT INTO mentions (article_id, position, start, end, name, kind,
             canonical, canonical_key, alias_key, unit)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut insert_quote = tx.prepare_cached(
        "INSERT INTO quotes (article_id, position, start, end, text, speaker,
             canonical, canonical_key, unit)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let units = crate::entities::Units::of(a, splits);
    for (p, m) in a.entities.iter().enumerate() {
        insert_mention.execute(params![
            a.id.0,
            offset(p),
            offset(m.start),
            offset(m.end),
            m.name,
            m.kind.as_str(),
            m.canonical,
            key(&m.canonical),
            units.alias_keys[p],
            units.mentions[p]
        ])?;
    }
    for (p, q) in a.quotes.iter().enumerate() {
        insert_quote.execute(params![
            a.id.0,
            offset(p),
            offset(q.start),
            offset(q.end),
            q.text,
            q.speaker,
            q.canonical,
            q.canonical.as_deref().map(key),
            units.quotes[p]
        ])?;
    }
    Ok(units.mentions)
}

fn sha_prefix(s: &str) -> Option<String> {
    (s.len() >= 4 && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| s.to_ascii_lowercase())
}

pub(crate) fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn drop_reason(s: &str) -> Option<DropReason> {
    DropReason::parse(s)
}

struct RawArticle {
    id: String,
    source_path: String,
    sha256: String,
    first_page: u32,
    last_page: u32,
    title: Option<String>,
    subtitle: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    language: Option<String>,
    body: String,
    kind: String,
    provenance: String,
    confidence: [Option<f64>; 5],
}

fn raw_article(r: &Row<'_>) -> rusqlite::Result<RawArticle> {
    Ok(RawArticle {
        id: r.get(0)?,
        source_path: r.get(1)?,
        sha256: r.get(2)?,
        first_page: r.get(3)?,
        last_page: r.get(4)?,
        title: r.get(5)?,
        subtitle: r.get(6)?,
        date: r.get(7)?,
        outlet: r.get(8)?,
        language: r.get(9)?,
        body: r.get(10)?,
        kind: r.get(11)?,
        provenance: r.get(12)?,
        confidence: [r.get(13)?, r.get(14)?, r.get(15)?, r.get(16)?, r.get(17)?],
    })
}

/// A stored quotation, its offsets checked against a body of `body_len` bytes.
pub(crate) fn quote_mention(
    s: i64,
    e: i64,
    text: String,
    speaker: Option<String>,
    canonical: Option<String>,
    body_len: usize,
) -> std::result::Result<QuoteMention, String> {
    match (usize::try_from(s), usize::try_from(e)) {
        (Ok(start), Ok(end)) if start <= end && end <= body_len => Ok(QuoteMention {
            speaker,
            canonical,
            text,
            start,
            end,
        }),
        _ => Err(format!(
            "quote offsets {s}..{e} outside a body of {body_len} bytes"
        )),
    }
}

/// Strings as a JSON array literal (for SQLite's `json_each`).
pub(crate) fn json_array(items: &[String]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        for c in item.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push(']');
    out
}
