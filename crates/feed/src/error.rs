//! Errors of fetching, feed parsing and the watch state.

use std::path::PathBuf;

/// Why a feed or page could not be had.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request failed (network, timeout, HTTP status, size limit, redirects).
    #[error("{url}: {why}")]
    Fetch {
        /// The URL or path.
        url: String,
        /// What went wrong.
        why: String,
        /// True when trying again later may help (timeouts, 5xx, 429).
        transient: bool,
    },
    /// The document is not a feed feed-rs can read.
    #[error("{url}: not a feed ({why})")]
    Feed {
        /// The URL or path.
        url: String,
        /// The parser's message.
        why: String,
    },
    /// The watch state file could not be read or written.
    #[error("{path}: watch state: {why}", path = path.display())]
    State {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        why: String,
    },
}

impl Error {
    /// True when a retry may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Fetch {
                transient: true,
                ..
            }
        )
    }
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
