//! The one error type of the store, and how outside errors map onto it.
//!
//! User errors (a bad query, an ambiguous id prefix, a folder that is not a corpus) are kept apart
//! from I/O and database errors; every variant that touches the disk carries the path.

use std::path::{Path, PathBuf};

/// Why a corpus operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder holds no `corpus.sqlite` (read commands never create one).
    #[error("not a cuttings corpus: {}", path.display())]
    NotACorpus {
        /// The folder.
        path: PathBuf,
    },
    /// The folder's database is empty: the writer that was creating the corpus was interrupted
    /// (or is still at work).
    #[error("the corpus was never completely created (its creation was interrupted, or is under way); `cuttings check --repair` or any write command completes it: {}", path.display())]
    Unfinished {
        /// The folder.
        path: PathBuf,
    },
    /// A file or folder could not be created, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `corpus.sqlite` is not a database, or is damaged.
    #[error("corrupted corpus database: {} ({detail})", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// Any other SQLite error.
    #[error("{}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// Another process (or another `Corpus` in this one) is writing to the corpus.
    #[error("corpus is locked by another writer: {}", path.display())]
    Locked {
        /// The corpus folder.
        path: PathBuf,
    },
    /// Any other error of the full-text index.
    #[error("{}: {source}", path.display())]
    Index {
        /// The index folder.
        path: PathBuf,
        /// The tantivy error.
        source: tantivy::TantivyError,
    },
    /// The full-text index is missing or was built by another version; a write command rebuilds it.
    #[error("full-text index is missing or outdated, open the corpus for writing to rebuild it: {}", path.display())]
    IndexOutdated {
        /// The index folder.
        path: PathBuf,
    },
    /// The full-text index cannot be read (a damaged `index/meta.json`, say); what needs only
    /// the records still works (issue #17).
    #[error("full-text index cannot be read ({detail}); `cuttings reindex --index-only` rebuilds it: {}", path.display())]
    IndexUnreadable {
        /// The index folder.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// The corpus was written by a newer cuttings.
    #[error("corpus schema version {found} is newer than this cuttings supports ({supported}): {}", path.display())]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The version on disk.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The corpus was written by an older cuttings; opening it for writing upgrades it.
    #[error("corpus schema version {found} is older than this cuttings ({supported}), open it for writing to upgrade: {}", path.display())]
    TooOld {
        /// The database file.
        path: PathBuf,
        /// The version on disk.
        found: i64,
        /// The version this build writes.
        supported: i64,
    },
    /// A stored value could not be decoded (a bug or a hand-edited database).
    #[error("{}: bad stored value for article {id}: {detail}", path.display())]
    BadRecord {
        /// The database file.
        path: PathBuf,
        /// The article (or source) whose row is bad.
        id: String,
        /// What is wrong.
        detail: String,
    },
    /// The caller passed inconsistent data to `ingest` (a bug in the caller).
    #[error("invalid ingest of {path}: {detail}")]
    InvalidInput {
        /// The source file's path.
        path: String,
        /// What is wrong.
        detail: String,
    },
    /// An article id prefix that is too short or not hexadecimal.
    #[error("article id prefix must be at least 4 hex digits: {prefix:?}")]
    BadIdPrefix {
        /// What was given.
        prefix: String,
    },
    /// An article id prefix that matches more than one article.
    #[error("ambiguous article id prefix {prefix:?}: matches {}", candidates.join(", "))]
    Ambiguous {
        /// What was given.
        prefix: String,
        /// Some of the matching ids (at most 10).
        candidates: Vec<String>,
    },
    /// A search query that does not parse.
    #[error("bad query {query:?}: {message}")]
    Query {
        /// The query.
        query: String,
        /// Why it does not parse.
        message: String,
    },
    /// A write on a corpus opened with `open_existing`.
    #[error("corpus was opened for reading: {}", path.display())]
    ReadOnly {
        /// The corpus folder.
        path: PathBuf,
    },
    /// A query about entities on a corpus written before entities were joined across articles.
    #[error("corpus schema version {found} predates corpus-wide entities; run `cuttings reindex` (or any ingest) to upgrade it: {}", path.display())]
    NeedsUpgrade {
        /// The database.
        path: PathBuf,
        /// The schema version found.
        found: i64,
    },
    /// An alias change names something the corpus does not know.
    #[error("{what}")]
    Alias {
        /// What is wrong, for the user.
        what: String,
    },
    /// A correction names something the corpus does not know (`cuttings fix`).
    #[error("{what}")]
    Correction {
        /// What is wrong, for the user.
        what: String,
    },
    /// A failure injected by a test failpoint.
    #[error("injected failure: {0}")]
    Injected(&'static str),
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Wraps a SQLite error with the database path, singling out damaged files.
pub(crate) fn sqlite(path: &Path, err: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    // Its message quotes the whole statement, our schema say (issue #17): keep the reason.
    let err = match err {
        rusqlite::Error::SqlInputError { error, msg, .. } => {
            rusqlite::Error::SqliteFailure(error, Some(msg))
        }
        other => other,
    };
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            detail: err.to_string(),
        },
        _ => Error::Sqlite {
            path: path.to_path_buf(),
            source: err,
        },
    }
}

/// Wraps a tantivy error with the index path, singling out a held writer lock and I/O errors.
pub(crate) fn index(path: &Path, err: tantivy::TantivyError) -> Error {
    use tantivy::directory::error::LockError;
    use tantivy::TantivyError;
    match err {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::Locked {
            path: path.parent().unwrap_or(path).to_path_buf(),
        },
        TantivyError::IoError(io) => Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
        other => Error::Index {
            path: path.to_path_buf(),
            source: other,
        },
    }
}

/// Wraps an I/O error with its path.
pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}
