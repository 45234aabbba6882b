//! Errors for inputs that cannot be read as text at all.

use std::path::PathBuf;

/// Why a file could not be read; bad *content* that is still text is never an error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Zero bytes, or only white space.
    #[error("{path}: empty file")]
    Empty {
        /// The file.
        path: String,
    },
    /// Bytes that are not text in any encoding we read.
    #[error("{path}: binary data, not text ({why})")]
    Binary {
        /// The file.
        path: String,
        /// What gave it away.
        why: String,
    },
    /// Larger than the per-file limit.
    #[error("{path}: too large ({size} bytes, limit {limit})")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
