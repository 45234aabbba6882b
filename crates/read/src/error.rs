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
    /// A few characters without a single word (two letters or digits in a row): a byte or two
    /// of noise.
    #[error("{path}: too short: no text (not one word)")]
    NoText {
        /// The file.
        path: String,
    },
    /// Not a regular file (a FIFO, socket or device would block or never end).
    #[error("{path}: not a regular file")]
    NotAFile {
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
    /// An archive or compressed file (zip, gzip, 7z, ...; [`crate::sniff_archive`]): not
    /// unpacked, so a zip or gzip bomb costs nothing (issue #17).
    #[error("{path}: {kind}: archives and compressed files are not read; unpack it first")]
    Archive {
        /// The file.
        path: String,
        /// What it is, as [`crate::sniff_archive`] says ("a zip archive").
        kind: &'static str,
    },
    /// Larger than the per-file limit.
    ///
    /// The message names the limit, not the size: a stream is read only to one byte past the
    /// limit, so `size` may be just that (issue #17: a 300 MB file was "268435457 bytes").
    #[error("{path}: larger than the limit of {} (--max-file-size)", human_bytes(*limit))]
    TooLarge {
        /// The file.
        path: String,
        /// Its size, or at least how much of it was read (one byte past the limit).
        size: u64,
        /// The limit.
        limit: u64,
    },
}

pub use cuttings_model::limits::human_bytes;

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
