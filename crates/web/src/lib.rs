//! `cuttings serve`: the corpus in a browser (search, articles, entities, outlets, the corpus
//! itself) and as a JSON API under `/api/`.
//!
//! ```text
//! TcpListener ──accept──▶ one hyper HTTP/1 connection per client (header timeout, lifetime cap)
//!     ──▶ guard (security headers, token) ──▶ axum Router ──▶ handler
//!     handler ──Reader::run──▶ a Corpus from the pool, on a blocking thread ──▶ JSON or HTML
//! ```
//!
//! The server owns no state but a pool of read-only [`cuttings_store::Corpus`] handles, so it can
//! run while `cuttings ingest` writes in another process: SQLite readers see the last commit, and
//! each handle reloads the index at most once a second. Edits (`--allow-edits`: alias merges and
//! splits) open the corpus for writing for the length of one request.
//!
//! Everything from the corpus is untrusted: pages are written with `maud`, which escapes every
//! value; the only links made from ingested text are `http(s)` URLs; every response carries a
//! Content-Security-Policy without inline scripts and `X-Content-Type-Options: nosniff`. No page
//! needs JavaScript, and none is sent: charts and networks are SVG drawn here ([`svg`]).
//!
//! The crate knows nothing of reading sources or PDFs: the CLI hands it a [`Sources`] that
//! re-reads an article's source for its provenance and draws PDF pages.
#![deny(missing_docs)]

mod api;
mod auth;
mod pages;
mod pool;
mod render;
mod server;
pub mod svg;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use cuttings_store::{Corpus, StoredArticle};
use cuttings_wire::ShowOutput;

pub use server::serve;

/// What `serve` needs from the rest of cuttings: re-reading sources (which needs the readers and
/// the pipeline, which this crate does not depend on).
pub trait Sources: Send + Sync {
    /// What `cuttings show --format json` prints for the article: provenance with the source
    /// text at each span, boxes, corrections.
    fn show(&self, corpus: &Corpus, stored: &StoredArticle) -> Result<ShowOutput, String>;
    /// Page `page` (1-based) of the article's PDF source as `cuttings pages` draws it, with the
    /// article's boxes marked; `Err` with a reason for other sources or unreadable files.
    fn page_svg(&self, stored: &StoredArticle, page: u32) -> Result<String, String>;
    /// Applies a user's correction of segmentation as `cuttings fix` does (re-reading the
    /// source, logging the correction); returns the ids of the articles it leaves, or why not.
    fn correct(&self, corpus: &mut Corpus, id: &str, edit: &Edit) -> Result<Vec<String>, String>;
}

/// A correction of segmentation from the article page (`--allow-edits`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Set the title (as `fix ID --title`).
    Title {
        /// The new title ("" clears it).
        title: String,
        /// Why, for the log.
        reason: Option<String>,
    },
    /// Cut the article before a line of its body (as `fix ID --split-at LINE`).
    SplitAt {
        /// The source line, as the provenance table numbers it.
        line: String,
        /// Why, for the log.
        reason: Option<String>,
    },
    /// Join the article with a neighbour of the same source (as `fix ID --merge-with OTHER`).
    MergeWith {
        /// The other article's id or prefix.
        other: String,
        /// Why, for the log.
        reason: Option<String>,
    },
}

/// How to serve.
#[derive(Clone)]
pub struct Config {
    /// The corpus folder (it must exist).
    pub corpus: PathBuf,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// The access token; required when `bind` is not a loopback address.
    pub token: Option<String>,
    /// Allow alias merges and splits from the UI.
    pub allow_edits: bool,
    /// Corpus handles (concurrent readers).
    pub readers: usize,
    /// Longest time a request may take, from its headers to its answer.
    pub request_timeout: Duration,
    /// Longest time a client may take to send its request headers.
    pub header_timeout: Duration,
    /// Longest life of one connection (keep-alive included).
    pub connection_lifetime: Duration,
    /// Most connections served at once; more wait in the listen queue.
    pub max_connections: usize,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// How deep a search may nest groups and `NOT`s (issue #17).
    pub max_query_depth: usize,
    /// Provenance and page drawings.
    pub sources: Arc<dyn Sources>,
}

impl Config {
    /// Defaults for `corpus` at `bind`.
    pub fn new(corpus: PathBuf, bind: SocketAddr, sources: Arc<dyn Sources>) -> Config {
        Config {
            corpus,
            bind,
            token: None,
            allow_edits: false,
            readers: std::thread::available_parallelism()
                .map(|n| n.get() * 2)
                .unwrap_or(4)
                .clamp(2, 16),
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            connection_lifetime: Duration::from_secs(120),
            max_connections: 512,
            max_body: 64 * 1024,
            max_query_depth: cuttings_store::MAX_QUERY_DEPTH,
            sources,
        }
    }

    /// Refuses to listen on a non-loopback address without a token, and a token too weak to
    /// be one.
    pub fn check(&self) -> Result<(), Error> {
        if let Some(t) = &self.token {
            if t.chars().count() < 16 {
                return Err(Error::WeakToken);
            }
        }
        if !self.bind.ip().is_loopback() && self.token.is_none() {
            return Err(Error::NoToken { bind: self.bind });
        }
        Ok(())
    }
}

/// Why `serve` could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Listening beyond this machine needs a token.
    #[error(
        "refusing to listen on {bind} without a token: anyone who can reach it could read the \
         corpus; give --token or --token-file, or bind to 127.0.0.1"
    )]
    NoToken {
        /// The address asked for.
        bind: SocketAddr,
    },
    /// The token is too short to resist guessing.
    #[error("the token must be at least 16 characters long")]
    WeakToken,
    /// The corpus could not be opened.
    #[error(transparent)]
    Store(#[from] cuttings_store::Error),
    /// The address could not be bound, or the runtime failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The cause.
        source: std::io::Error,
    },
}
