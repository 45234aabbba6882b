//! `cuttings watch`: poll RSS/Atom/JSON feeds, fetch new items' pages, store their articles.

/// One-line help.
pub const ABOUT: &str = "Watch RSS, Atom and JSON feeds and store their new articles";

/// Full help.
pub const LONG_ABOUT: &str = "\
Read a list of feeds (FEEDS: one http(s) URL or local feed file per line; blank lines and lines
starting with # are skipped), fetch each feed, and for every item not seen before fetch its page,
extract the article and store it in the corpus (created when missing). When an item's page cannot
be had (HTTP error, timeout, too large, not a page) the item's own content from the feed is stored
instead, under the path FEED#ITEM-ID.

Feeds are fetched with conditional GET (ETag / Last-Modified), a User-Agent naming cuttings, at
least --delay between two requests to one host, a --timeout per request, two retries with backoff
on timeouts, 429 and 5xx, at most 5 redirects, and a --max-size limit. What was seen and the feeds'
validators are kept in the corpus folder (watch-state.json, replaced atomically after each feed),
so a restarted watch goes on where it stopped; an item is remembered only once it is stored.

A feed from the web cannot make watch read your files or reach your own network: its items' links
and every redirect are followed only to http and https addresses that are not loopback, private or
link-local (a host name is checked by what it resolves to); other links are logged as not
followed, and the item's own content is stored instead. A local feed (a file, or a server on such
an address) may link to local pages. Redirects never lead to files.

Every fetch logs one line on stderr:
  cuttings: watch: GET URL -> 200 (12345 bytes, 85 ms)
  cuttings: watch: GET URL -> 304 not modified (12 ms)
  cuttings: watch: GET URL -> error: HTTP 500 (40 ms)

Without --once the feeds are polled again every --every (default 15m; units s, m, h) until the
process is stopped. With --once a single pass is made: the exit status is 0 when every feed and
item was handled, 2 when some failed (each was logged).";

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use cuttings_feed::{Fetched, Fetcher, WatchState};
use cuttings_store::Corpus;

use crate::{cmd, output, Status};

/// Flags of `watch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A file listing feeds, one URL or path per line.
    #[arg(value_name = "FEEDS")]
    feeds: PathBuf,
    /// Time between two passes (e.g. 90s, 15m, 1h).
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = parse_duration)]
    every: Duration,
    /// Make one pass and exit (for cron and tests).
    #[arg(long)]
    once: bool,
    /// Timeout of one request, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,
    /// Least time between two requests to one host, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    delay: f64,
    /// Refuse feeds and pages larger than this (e.g. 16MiB, 4096).
    #[arg(long, value_name = "SIZE", default_value_t = cmd::limits::Size(16 << 20), alias = "max-file-size")]
    max_size: cmd::limits::Size,
    /// Limits on each page (issue #17); a page over one is logged and skipped.
    #[command(flatten)]
    limits: cmd::limits::LimitArgs,
    /// Further tries after a timeout, a 429 or a 5xx.
    #[arg(long, value_name = "N", default_value_t = 2)]
    retries: u32,
}

/// Parses `90s`, `15m`, `1h`, `2d` or plain seconds.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .map(|i| s.split_at(i))
        .unwrap_or((s, "s"));
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected a number with s, m, h or d"))?;
    let secs = match unit.trim() {
        "s" | "" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        u => return Err(format!("{s:?}: unknown unit {u:?} (use s, m, h or d)")),
    };
    if !(secs.is_finite() && secs > 0.0) {
        return Err(format!("{s:?}: must be more than zero"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Runs `watch`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let secs = |s: f64| Duration::from_secs_f64(s.max(0.0));
    let fetcher = Fetcher::new(cuttings_feed::FetchConfig {
        timeout: secs(args.timeout),
        max_bytes: args.max_size.0,
        retries: args.retries,
        per_host_delay: secs(args.delay),
        ..cuttings_feed::FetchConfig::default()
    });
    let limits = args.limits.limits(args.max_size);
    loop {
        let failed = pass(corpus_dir, &args.feeds, &fetcher, &limits)?;
        if args.once {
            return Ok(if failed > 0 {
                Status::SomeFailed
            } else {
                Status::Ok
            });
        }
        std::thread::sleep(args.every);
    }
}

/// One pass over every feed; returns how many feeds or items failed.
fn pass(
    corpus_dir: &Path,
    list: &Path,
    fetcher: &Fetcher,
    limits: &cuttings_model::Limits,
) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(list)
        .with_context(|| format!("{}: reading the feed list", list.display()))?;
    let feeds: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            if cuttings_feed::is_http(l) || Path::new(l).is_absolute() {
                l.to_string()
            } else {
                // Local feed paths are relative to the list.
                cuttings_feed::resolve(&list.display().to_string(), l)
            }
        })
        .collect();
    let mut corpus = cmd::open_writer(corpus_dir)?;
    let mut state = WatchState::load(corpus_dir)?;
    let mut failed = 0;
    let mut added = 0;
    for feed_url in &feeds {
        let validators = state.feed(feed_url).validators.clone();
        let body = match logged_get(fetcher, feed_url, Some(&validators)) {
            Ok(Fetched::Body(b)) => b,
            Ok(Fetched::NotModified) => continue,
            Err(_) => {
                failed += 1;
                continue;
            }
        };
        let feed = match cuttings_feed::parse(&body.bytes, Some(&body.final_url)) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("cuttings: {e}");
                failed += 1;
                continue;
            }
        };
        // Oldest first, so the corpus fills in publication order.
        for item in feed.items.iter().rev() {
            if item.id.is_empty() || state.feed(feed_url).has_seen(&item.id) {
                continue;
            }
            match store_item(
                &mut corpus,
                fetcher,
                feed_url,
                &body.final_url,
                item,
                limits,
            ) {
                Ok(n) => {
                    added += n;
                    state.feed(feed_url).mark_seen(&item.id);
                }
                Err(e) => {
                    eprintln!("cuttings: {}", output::chain(&e));
                    failed += 1;
                }
            }
        }
        let fs = state.feed(feed_url);
        fs.validators = body.validators;
        fs.last_fetch = Some(jiff::Timestamp::now().to_string());
        corpus.commit().context("committing the full-text index")?;
        corpus
            .resolve_entities()
            .context("joining the names of the articles into entities")?;
        state.save(corpus_dir)?;
    }
    eprintln!(
        "cuttings: watch: {} feed{}, {added} article{} added, {failed} failure{}",
        feeds.len(),
        if feeds.len() == 1 { "" } else { "s" },
        if added == 1 { "" } else { "s" },
        if failed == 1 { "" } else { "s" },
    );
    Ok(failed)
}

/// Fetches with one log line on stderr.
fn logged_get(
    fetcher: &Fetcher,
    url: &str,
    validators: Option<&cuttings_feed::Validators>,
) -> cuttings_feed::Result<Fetched> {
    let t = Instant::now();
    let r = fetcher.get(url, validators);
    let ms = t.elapsed().as_millis();
    match &r {
        Ok(Fetched::Body(b)) => eprintln!(
            "cuttings: watch: GET {url} -> {} ({} bytes, {ms} ms)",
            b.status,
            b.bytes.len()
        ),
        Ok(Fetched::NotModified) => {
            eprintln!("cuttings: watch: GET {url} -> 304 not modified ({ms} ms)")
        }
        Err(cuttings_feed::Error::Fetch { why, .. }) => {
            eprintln!("cuttings: watch: GET {url} -> error: {why} ({ms} ms)")
        }
        Err(e) => eprintln!("cuttings: watch: GET {url} -> error: {e} ({ms} ms)"),
    }
    r
}

/// Fetches an item's page (or falls back to its content) and stores its article; returns how
/// many articles were added.
fn store_item(
    corpus: &mut Corpus,
    fetcher: &Fetcher,
    feed_url: &str,
    feed_final: &str,
    item: &cuttings_feed::Item,
    limits: &cuttings_model::Limits,
) -> anyhow::Result<usize> {
    let mut page_error: Option<String> = None;
    let link = item
        .url
        .as_ref()
        .map(|l| cuttings_feed::resolve(feed_final, l));
    // A web feed must not make us read local files or reach the user's network (issue #17).
    let link = match link.map(|url| (cuttings_feed::refuse(feed_final, &url), url)) {
        Some((Some(why), url)) => {
            eprintln!("cuttings: watch: {url}: {why}");
            page_error = Some(format!("{url}: {why}"));
            None
        }
        Some((None, url)) => Some(url),
        None => None,
    };
    if let Some(url) = link {
        match logged_get(fetcher, &url, None) {
            Ok(Fetched::Body(b)) => {
                let ct = b.content_type.as_deref();
                match cuttings_pipeline::decode_with(&b.final_url, &b.bytes, ct, limits) {
                    Ok(src) if src.format == cuttings_model::SourceFormat::Html => {
                        let processed = cuttings_pipeline::process_with(&src, &[], limits);
                        if !processed.articles.is_empty() {
                            return store(corpus, processed);
                        }
                        page_error = Some(format!("{url}: no article text found in the page"));
                    }
                    Ok(_) => page_error = Some(format!("{url}: not a web page")),
                    Err(e) => page_error = Some(e.to_string()),
                }
            }
            Ok(Fetched::NotModified) => page_error = Some(format!("{url}: unexpected 304")),
            Err(e) => page_error = Some(e.to_string()),
        }
    }
    // The item's own content, as carried in the feed.
    let Some(content) = item.content.as_deref().filter(|c| !c.trim().is_empty()) else {
        anyhow::bail!(
            "{}",
            page_error.unwrap_or_else(|| format!(
                "{feed_url}: item {} has no link and no content",
                item.id
            ))
        );
    };
    if let Some(e) = &page_error {
        eprintln!("cuttings: warning: {e}: storing the feed's own content of the item");
    }
    let html = fallback_page(item, content);
    let path = format!("{feed_url}#{}", item.id);
    let src = cuttings_pipeline::decode_with(&path, html.as_bytes(), Some("text/html"), limits)
        .with_context(|| format!("{path}: feed item content"))?;
    let processed = cuttings_pipeline::process_with(&src, &[], limits);
    if processed.articles.is_empty() {
        anyhow::bail!("{path}: no article text in the item's content");
    }
    store(corpus, processed)
}

/// A minimal page around an item's HTML, with its title, link and date as meta tags so that the
/// extractor reads them like any page's.
pub(crate) fn fallback_page(item: &cuttings_feed::Item, content: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut head = String::new();
    if let Some(t) = &item.title {
        head.push_str(&format!(
            "<meta property=\"og:title\" content=\"{}\">\n",
            esc(t)
        ));
    }
    if let Some(u) = &item.url {
        head.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", esc(u)));
    }
    if let Some(p) = item.published {
        head.push_str(&format!(
            "<meta property=\"article:published_time\" content=\"{p}\">\n"
        ));
    }
    // Plain-text content becomes paragraphs.
    let body = if content.contains('<') {
        content.to_string()
    } else {
        content
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", esc(p.trim())))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!("<!doctype html>\n<html><head>\n{head}</head><body><article>\n{body}\n</article></body></html>\n")
}

fn store(corpus: &mut Corpus, processed: cuttings_pipeline::Processed) -> anyhow::Result<usize> {
    let file = super::ingest::file_ingest(processed);
    let outcomes = corpus
        .store_batch(std::slice::from_ref(&file))
        .context("storing articles in the corpus")?;
    Ok(outcomes.first().map(|o| o.added).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("0.5s"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("0m").is_err());
        assert!(parse_duration("5y").is_err());
    }
}
