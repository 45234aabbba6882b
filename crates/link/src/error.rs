//! The one error type of `cuttings-link`.

/// What can go wrong when linking articles.
///
/// Bad *content* (an empty body, text with no words) is never an error: it simply shares nothing.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting of [`crate::LinkConfig`] is out of its range.
    #[error("invalid link setting {name}: {reason}")]
    Config {
        /// The setting.
        name: &'static str,
        /// Why it is refused.
        reason: &'static str,
    },
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
