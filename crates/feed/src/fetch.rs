//! A polite HTTP fetcher: a User-Agent naming cuttings, conditional GET, a delay between requests
//! to one host, timeouts, retries with backoff, a size limit and a redirect limit.
//!
//! `file://` URLs and plain paths are read from disk, so `watch` works offline on local feeds.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// The User-Agent of every request.
pub const USER_AGENT: &str = concat!(
    "cuttings/",
    env!("CARGO_PKG_VERSION"),
    " (+https://example.invalid/cuttings)"
);

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// Whole-request timeout (connect, send, receive the body).
    pub timeout: Duration,
    /// Bodies larger than this are refused.
    pub max_bytes: u64,
    /// Further tries after a timeout, a connection error, a 429 or a 5xx.
    pub retries: u32,
    /// Wait before the first retry; doubles each time.
    pub backoff: Duration,
    /// Least time between two requests to the same host.
    pub per_host_delay: Duration,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for FetchConfig {
    fn default() -> FetchConfig {
        FetchConfig {
            timeout: Duration::from_secs(30),
            max_bytes: 16 << 20,
            retries: 2,
            backoff: Duration::from_secs(1),
            per_host_delay: Duration::from_secs(1),
            max_redirects: 5,
        }
    }
}

/// What a server said last time, for a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    /// `ETag` of the last 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// `Last-Modified` of the last 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A fetched document.
#[derive(Clone, Debug)]
pub enum Fetched {
    /// 304: unchanged since the validators were given.
    NotModified,
    /// 200 with a body.
    Body(Body),
}

/// A response body and what came with it.
#[derive(Clone, Debug)]
pub struct Body {
    /// The bytes (decompressed).
    pub bytes: Vec<u8>,
    /// `Content-Type`, when given.
    pub content_type: Option<String>,
    /// Validators for the next conditional GET.
    pub validators: Validators,
    /// The URL after redirects.
    pub final_url: String,
    /// HTTP status (200 for files).
    pub status: u16,
}

/// What one request gave: a document, or where it moved.
enum Step {
    Done(Fetched),
    Redirect(String),
}

/// Fetches over HTTP(S) and from disk; shareable between threads.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    last_hit: Mutex<HashMap<String, Instant>>,
}

impl Fetcher {
    /// A fetcher with this configuration.
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            // Redirects are followed by `Fetcher::get`, which checks each hop (issue #17).
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .build()
            .new_agent();
        Fetcher {
            agent,
            config,
            last_hit: Mutex::new(HashMap::new()),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches `url` (http, https, file, or a path), conditionally when `validators` are given.
    ///
    /// Redirects are followed up to [`FetchConfig::max_redirects`], each checked with
    /// [`crate::refuse`]: a server on the web cannot redirect to a loopback or private address.
    pub fn get(&self, url: &str, validators: Option<&Validators>) -> Result<Fetched> {
        if !is_http(url) {
            return self.read_local(url);
        }
        let mut current = url.to_string();
        for _ in 0..=self.config.max_redirects {
            let location = match self.get_retrying(&current, validators)? {
                Step::Done(fetched) => return Ok(fetched),
                Step::Redirect(location) => location,
            };
            let next = resolve(&current, &location);
            let refused = if is_http(&next) {
                crate::policy::refuse(&current, &next)
            } else {
                Some("a redirect leads only to http and https".to_string())
            };
            if let Some(why) = refused {
                return Err(Error::Fetch {
                    url: url.to_string(),
                    why: format!("redirected to {next}: {why}"),
                    transient: false,
                });
            }
            current = next;
        }
        Err(Error::Fetch {
            url: url.to_string(),
            why: format!(
                "too many redirects (more than {})",
                self.config.max_redirects
            ),
            transient: false,
        })
    }

    /// One request, tried again after transient failures.
    fn get_retrying(&self, url: &str, validators: Option<&Validators>) -> Result<Step> {
        let mut attempt = 0;
        loop {
            self.wait_for_host(url);
            match self.try_get(url, validators) {
                Err(e) if e.is_transient() && attempt < self.config.retries => {
                    std::thread::sleep(self.config.backoff * 2u32.saturating_pow(attempt));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    fn try_get(&self, url: &str, validators: Option<&Validators>) -> Result<Step> {
        let err = |why: String, transient: bool| Error::Fetch {
            url: url.to_string(),
            why,
            transient,
        };
        let mut req = self.agent.get(url).header("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.8");
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header("If-None-Match", e.as_str());
            }
            if let Some(m) = &v.last_modified {
                req = req.header("If-Modified-Since", m.as_str());
            }
        }
        let mut resp = req.call().map_err(|e| {
            let transient = matches!(
                e,
                ureq::Error::Timeout(_)
                    | ureq::Error::Io(_)
                    | ureq::Error::ConnectionFailed
                    | ureq::Error::HostNotFound
            );
            err(e.to_string(), transient)
        })?;
        let status = resp.status().as_u16();
        if status == 304 {
            return Ok(Step::Done(Fetched::NotModified));
        }
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = resp
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .ok_or_else(|| err(format!("HTTP {status} without a Location"), false))?;
            return Ok(Step::Redirect(location.to_string()));
        }
        if !(200..300).contains(&status) {
            return Err(err(
                format!("HTTP {status}"),
                status == 429 || (500..600).contains(&status),
            ));
        }
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = ureq::ResponseExt::get_uri(&resp).to_string();
        if let Some(len) = header("content-length").and_then(|l| l.parse::<u64>().ok()) {
            if len > self.config.max_bytes {
                return Err(err(
                    format!("too large ({len} bytes, limit {})", self.config.max_bytes),
                    false,
                ));
            }
        }
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(self.config.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => err(
                    format!(
                        "too large (over the limit of {} bytes)",
                        self.config.max_bytes
                    ),
                    false,
                ),
                e @ (ureq::Error::Timeout(_) | ureq::Error::Io(_)) => err(e.to_string(), true),
                e => err(e.to_string(), false),
            })?;
        Ok(Step::Done(Fetched::Body(Body {
            bytes,
            content_type,
            validators,
            final_url,
            status,
        })))
    }

    /// Sleeps until the host may be asked again, and books the slot.
    fn wait_for_host(&self, url: &str) {
        let host = host_of(url).to_string();
        let wait = {
            let Ok(mut map) = self.last_hit.lock() else {
                return;
            };
            let now = Instant::now();
            let next = map
                .get(&host)
                .map(|t| *t + self.config.per_host_delay)
                .unwrap_or(now)
                .max(now);
            map.insert(host, next);
            next - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    fn read_local(&self, url: &str) -> Result<Fetched> {
        let path = url.strip_prefix("file://").unwrap_or(url);
        let err = |why: String| Error::Fetch {
            url: url.to_string(),
            why,
            transient: false,
        };
        let file = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
        let mut bytes = Vec::new();
        file.take(self.config.max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| err(e.to_string()))?;
        if bytes.len() as u64 > self.config.max_bytes {
            return Err(err(format!(
                "too large (over the limit of {} bytes)",
                self.config.max_bytes
            )));
        }
        Ok(Fetched::Body(Body {
            bytes,
            content_type: None,
            validators: Validators::default(),
            final_url: path.to_string(),
            status: 200,
        }))
    }
}

/// True for `http://` and `https://` URLs.
pub fn is_http(url: &str) -> bool {
    let l = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Resolves a possibly relative `link` against the URL (or path) of the document it came from.
pub fn resolve(base: &str, link: &str) -> String {
    if link.contains("://") {
        return link.to_string();
    }
    if is_http(base) {
        let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        if let Some(l) = link.strip_prefix("//") {
            return format!("{scheme}://{l}");
        }
        if link.starts_with('/') {
            return format!("{scheme}://{host}{link}");
        }
        let path = &rest[host.len()..];
        let dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        return format!("{scheme}://{host}{dir}/{link}");
    }
    if link.starts_with('/') {
        return link.to_string();
    }
    let base = base.strip_prefix("file://").unwrap_or(base);
    match std::path::Path::new(base).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(link).display().to_string(),
        _ => link.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolving() {
        assert_eq!(
            resolve("https://a.org/feeds/x.xml", "/news/1"),
            "https://a.org/news/1"
        );
        assert_eq!(
            resolve("https://a.org/feeds/x.xml", "y.html"),
            "https://a.org/feeds/y.html"
        );
        assert_eq!(
            resolve("https://a.org/x", "https://b.org/1"),
            "https://b.org/1"
        );
        assert_eq!(
            resolve("data/feed.xml", "pages/1.html"),
            "data/pages/1.html"
        );
        assert!(USER_AGENT.starts_with("cuttings/"));
    }
}
