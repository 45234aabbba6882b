//! Read-only corpus handles shared by the request handlers, and the errors handlers answer with.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use cuttings_store::Corpus;
use tokio::sync::Semaphore;

/// How often a handle reloads the index to see other processes' commits.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// How long a request waits for a free handle before it is answered 503.
const WAIT_FOR_HANDLE: Duration = Duration::from_secs(10);

/// Why a request failed: an HTTP status, a stable code for programs and a message for people.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Failure {
        Failure {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn forbidden(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::FORBIDDEN, "forbidden", message)
    }
}

impl From<cuttings_store::Error> for Failure {
    fn from(e: cuttings_store::Error) -> Failure {
        use cuttings_store::Error as E;
        match &e {
            E::Query { .. } => Failure::new(StatusCode::BAD_REQUEST, "bad_query", e.to_string()),
            E::BadIdPrefix { .. } | E::Ambiguous { .. } => Failure::bad_request(e.to_string()),
            E::Locked { .. } => Failure::new(
                StatusCode::CONFLICT,
                "busy",
                "another process is writing to the corpus; try again when it is done",
            ),
            _ => {
                // The details (paths, SQLite messages) go to the operator, not to the client.
                eprintln!("cuttings serve: {e}");
                Failure::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the corpus could not answer; the server's log says why",
                )
            }
        }
    }
}

struct Handle {
    corpus: Corpus,
    loaded: Instant,
}

/// A fixed number of read-only handles; a request borrows one for the length of its work on a
/// blocking thread.
pub(crate) struct Pool {
    dir: PathBuf,
    idle: Mutex<Vec<Handle>>,
    permits: Semaphore,
    max_query_depth: usize,
}

/// A read-only handle that refuses queries nesting deeper than `max_query_depth`.
fn open_reader(
    dir: &std::path::Path,
    max_query_depth: usize,
) -> Result<Corpus, cuttings_store::Error> {
    let mut corpus = Corpus::open_existing(dir)?;
    corpus.set_max_query_depth(max_query_depth);
    Ok(corpus)
}

impl Pool {
    /// Opens the first handle now (so that a missing or outdated corpus stops `serve` at once),
    /// the others when first needed.
    pub fn open(
        dir: PathBuf,
        size: usize,
        max_query_depth: usize,
    ) -> Result<Pool, cuttings_store::Error> {
        let first = Handle {
            corpus: open_reader(&dir, max_query_depth)?,
            loaded: Instant::now(),
        };
        Ok(Pool {
            dir,
            max_query_depth,
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size.max(1)),
        })
    }

    /// The corpus folder.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Runs `work` with a handle on a blocking thread.
    pub async fn read<T, F>(self: &Arc<Self>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Corpus) -> Result<T, Failure> + Send + 'static,
    {
        let _permit = tokio::time::timeout(WAIT_FOR_HANDLE, self.permits.acquire())
            .await
            .map_err(|_| {
                Failure::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "the server is busy; try again",
                )
            })?
            .map_err(|_| {
                Failure::new(StatusCode::SERVICE_UNAVAILABLE, "closing", "shutting down")
            })?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut handle = pool.take()?;
            if handle.loaded.elapsed() >= RELOAD_EVERY {
                handle.corpus.reload()?;
                handle.loaded = Instant::now();
            }
            let out = work(&handle.corpus);
            pool.give_back(handle);
            out
        })
        .await
        .map_err(|e| {
            eprintln!("cuttings serve: a request failed: {e}");
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the request failed; the server's log says why",
            )
        })?
    }

    /// Runs `work` with the corpus open for writing, on a blocking thread (edits only).
    pub async fn write<T, F>(self: &Arc<Self>, work: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&mut Corpus) -> Result<T, Failure> + Send + 'static,
    {
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || {
            let mut corpus = Corpus::open(&dir)?;
            work(&mut corpus)
        })
        .await
        .map_err(|e| {
            eprintln!("cuttings serve: an edit failed: {e}");
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the edit failed; the server's log says why",
            )
        })?
    }

    fn take(&self) -> Result<Handle, Failure> {
        let idle = self.idle.lock().map(|mut v| v.pop()).unwrap_or(None);
        match idle {
            Some(h) => Ok(h),
            None => Ok(Handle {
                corpus: open_reader(&self.dir, self.max_query_depth)?,
                loaded: Instant::now(),
            }),
        }
    }

    fn give_back(&self, handle: Handle) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(handle);
        }
    }
}
