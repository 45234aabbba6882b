//! Web pages to articles: bytes → [`Source`] ([`decode`]) → [`Page`] ([`extract`]).
//!
//! - [`decode`] unpacks MHTML, refuses binary data, and decodes the page by its byte-order mark,
//!   UTF-8 validity, the HTTP charset, a `<meta>` declaration, or Windows-1252.
//! - [`extract`] parses the page with a small span-keeping HTML parser, finds the article's running
//!   text (paragraphs, in-body lists, block quotes and sub-headings; no navigation, sharing,
//!   comments, related links, captions or cookie banners) and reads the metadata in order of
//!   trust: JSON-LD, OpenGraph and `article:*`, `<meta name>`, `<time>`, visible bylines and
//!   dates, the URL.
//!
//! Every value keeps a [`Span`] into [`Source::text`] (the decoded HTML), and the body keeps an
//! [`OffsetMap`](cuttings_model::OffsetMap) back to it; decoded character references and inserted spaces map to the next
//! copied byte. This crate knows nothing about feeds, HTTP or the corpus.
//!
//! ```
//! let html = br#"<html lang="en"><head><title>Ferries stay in port | Gazette</title>
//! <meta property="og:site_name" content="Gazette"></head><body>
//! <nav><a href="/">Home</a></nav><article><h1>Ferries stay in port</h1>
//! <p>The ferries that cross the estuary stayed in port on Friday, as the wind rose.</p>
//! <p>Harbour staff said crossings would resume, weather permitting, on Saturday.</p>
//! </article></body></html>"#;
//! let source = cuttings_html::decode("ferries.html", html, None).unwrap();
//! let page = cuttings_html::extract(&source, None);
//! assert_eq!(page.title.unwrap().value, "Ferries stay in port");
//! assert_eq!(page.outlet.unwrap().value, "Gazette");
//! assert!(page.body.text.starts_with("The ferries"));
//! assert_eq!(page.language.as_deref(), Some("en"));
//! ```
#![deny(missing_docs)]

mod body;
mod date;
mod decode;
pub mod dom;
mod entities;
mod error;
mod hints;
mod meta;
mod mhtml;

use cuttings_model::{Date, Diagnostic, Field, Severity, Source, Span};

pub use body::Body;
pub use decode::{charset_param, decode, decode_with, looks_like_html};
pub use entities::decode as decode_entities;
pub use error::{Error, Result};

/// What a page gives: metadata fields with spans, and the body.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// Headline.
    pub title: Option<Field>,
    /// Alternative headline.
    pub subtitle: Option<Field>,
    /// Publication date; its span is empty when it came from the URL the page was fetched from.
    pub date: Option<(Date, Span)>,
    /// Publisher or site name.
    pub outlet: Option<Field>,
    /// Authors.
    pub authors: Vec<Field>,
    /// ISO 639 code declared by the page.
    pub language: Option<String>,
    /// The page's own URL (canonical link or `og:url`), else the one it was fetched from.
    pub url: Option<String>,
    /// The running text.
    pub body: Body,
    /// Remarks (no body found, date from the URL...).
    pub diagnostics: Vec<Diagnostic>,
}

/// Extracts the article of a decoded page; `url` is where it was fetched from, when known
/// (`source.path` is used when it is an `http(s)` URL).
pub fn extract(source: &Source, url: Option<&str>) -> Page {
    extract_with(source, url, cuttings_model::limits::MAX_DEPTH)
}

/// [`extract`], with elements nested deeper than `max_depth` read as children of the deepest
/// open one ([`cuttings_model::Limits::max_depth`]; browsers flatten the same way).
pub fn extract_with(source: &Source, url: Option<&str>, max_depth: usize) -> Page {
    let url = url.or_else(|| {
        (source.path.starts_with("http://") || source.path.starts_with("https://"))
            .then_some(source.path.as_str())
    });
    let dom = dom::Dom::parse_with(&source.text, max_depth);
    let mut body = body::extract(&dom);
    let meta = meta::metadata(&dom, body.root, url);
    let mut diagnostics = Vec::new();
    if let Some(t) = &meta.title {
        drop_leading_title(&mut body, &t.value);
    }
    if body.text.is_empty() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: "no article text found in the page".into(),
            span: None,
        });
    }
    if meta.date_from == Some("url") {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: "publication date read from the url".into(),
            span: meta.date.map(|d| d.1).filter(|s| !s.is_empty()),
        });
    }
    Page {
        title: meta.title,
        subtitle: meta.subtitle,
        date: meta.date,
        outlet: meta.outlet,
        authors: meta.authors,
        language: meta.language,
        url: meta
            .url
            .map(|f| f.value)
            .or_else(|| url.map(str::to_string)),
        body,
        diagnostics,
    }
}

/// Removes a first paragraph that repeats the title (an `h2` headline inside the article).
fn drop_leading_title(body: &mut Body, title: &str) {
    let first_end = body.text.find("\n\n").unwrap_or(body.text.len());
    let first = &body.text[..first_end];
    if !first.is_empty() && first.eq_ignore_ascii_case(title.trim()) {
        body.drop_first_paragraph();
    }
}
