//! Feeds and fetching: parse RSS 2.0, RSS 1.0, Atom and JSON Feed ([`parse`]), fetch pages and
//! feeds politely ([`Fetcher`]), and remember what `watch` has seen ([`WatchState`]).
//!
//! This crate knows nothing about HTML extraction or the corpus: the CLI's `watch` takes the
//! bytes it fetches to `cuttings-pipeline` and the articles to `cuttings-store`, and keeps the
//! state file in the corpus folder.
//!
//! ```
//! let rss = br#"<rss version="2.0"><channel><title>Gazette</title><item><title>One</title>
//! <link>https://example.org/one</link><pubDate>Tue, 05 Mar 2019 10:00:00 CET</pubDate></item>
//! </channel></rss>"#;
//! let feed = cuttings_feed::parse(rss, None).unwrap();
//! assert_eq!(feed.items[0].url.as_deref(), Some("https://example.org/one"));
//! assert_eq!(feed.items[0].published.unwrap().to_string(), "2019-03-05T09:00:00Z");
//! ```
#![deny(missing_docs)]

mod error;
mod fetch;
mod parse;
mod policy;
mod state;

pub use error::{Error, Result};
pub use fetch::{is_http, resolve, Body, FetchConfig, Fetched, Fetcher, Validators, USER_AGENT};
pub use parse::{fix_named_zones, looks_like_feed, parse, Feed, Item};
pub use policy::{is_local, refuse};
pub use state::{FeedState, WatchState, STATE_FILE};
