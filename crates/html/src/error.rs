//! Errors for inputs that are not web pages at all; odd pages are never an error.

/// Why bytes could not be read as a web page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Zero bytes, or only white space.
    #[error("{path}: empty page")]
    Empty {
        /// The file or URL.
        path: String,
    },
    /// Bytes that are not text (an image, an archive, a PDF served as HTML...).
    #[error("{path}: binary data, not a web page ({why})")]
    Binary {
        /// The file or URL.
        path: String,
        /// What gave it away.
        why: String,
    },
    /// More start tags than [`cuttings_model::Limits::max_html_nodes`] (issue #17).
    #[error("{path}: page has more than {limit} elements (--max-html-nodes)")]
    TooManyElements {
        /// The file or URL.
        path: String,
        /// The limit.
        limit: usize,
    },
    /// An MHTML archive without an HTML part.
    #[error("{path}: MHTML archive without an HTML part")]
    NoHtmlPart {
        /// The file.
        path: String,
    },
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
