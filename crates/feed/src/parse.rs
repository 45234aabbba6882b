//! RSS 2.0 / RSS 1.0 / Atom / JSON Feed parsing with feed-rs, plus the dates feed-rs drops.
//!
//! feed-rs reads RFC 2822 dates with the zones RFC 2822 names (GMT, UT, EST...) but drops dates
//! with other named zones ("Tue, 05 Mar 2019 10:00:00 CET"), which European feeds use. Before
//! parsing, the zone of such a date element is rewritten to its numeric offset.

use std::borrow::Cow;

use crate::{Error, Result};

/// One entry of a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The entry's id (guid / atom:id / JSON id), else its link.
    pub id: String,
    /// The link to the article page, when the entry has one.
    pub url: Option<String>,
    /// Title as given.
    pub title: Option<String>,
    /// Publication (else update) time.
    pub published: Option<jiff::Timestamp>,
    /// The entry's own HTML (full content, else summary), for when the page cannot be had.
    pub content: Option<String>,
}

/// A parsed feed.
#[derive(Clone, Debug, Default)]
pub struct Feed {
    /// Feed title.
    pub title: Option<String>,
    /// Entries in feed order.
    pub items: Vec<Item>,
}

/// Parses a feed document; `url` resolves relative links.
pub fn parse(bytes: &[u8], url: Option<&str>) -> Result<Feed> {
    let fixed = fix_named_zones(bytes);
    // Relative links of a local feed resolve against its file (feed-rs needs a URL base).
    let base = url.map(|u| {
        if crate::is_http(u) || u.starts_with("file://") {
            u.to_string()
        } else {
            let abs = std::path::absolute(u).unwrap_or_else(|_| u.into());
            format!("file://{}", abs.display())
        }
    });
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_deref())
        .build();
    let feed = parser.parse(&fixed[..]).map_err(|e| Error::Feed {
        url: url.unwrap_or("-").to_string(),
        why: e.to_string(),
    })?;
    let items = feed
        .entries
        .into_iter()
        .map(|e| {
            let url = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|h| !h.is_empty());
            let published = e
                .published
                .or(e.updated)
                .and_then(|t| jiff::Timestamp::from_second(t.timestamp()).ok());
            let content = e
                .content
                .and_then(|c| c.body)
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.map(|s| s.content));
            let id = if e.id.trim().is_empty() {
                url.clone().unwrap_or_default()
            } else {
                e.id
            };
            Item {
                id,
                url,
                title: e.title.map(|t| t.content),
                published,
                content,
            }
        })
        .collect();
    Ok(Feed {
        title: feed.title.map(|t| t.content),
        items,
    })
}

/// Zones that are not RFC 2822's, as offsets.
const ZONES: &[(&str, &str)] = &[
    ("CET", "+0100"),
    ("CEST", "+0200"),
    ("MEZ", "+0100"),
    ("MESZ", "+0200"),
    ("BST", "+0100"),
    ("IST", "+0530"),
    ("EET", "+0200"),
    ("EEST", "+0300"),
    ("WET", "+0000"),
    ("WEST", "+0100"),
    ("MSK", "+0300"),
    ("JST", "+0900"),
    ("KST", "+0900"),
    ("HKT", "+0800"),
    ("SGT", "+0800"),
    ("AEST", "+1000"),
    ("AEDT", "+1100"),
    ("ACST", "+0930"),
    ("ACDT", "+1030"),
    ("AWST", "+0800"),
    ("NZST", "+1200"),
    ("NZDT", "+1300"),
    ("HST", "-1000"),
    ("AKST", "-0900"),
    ("AKDT", "-0800"),
    ("AST", "-0400"),
    ("ADT", "-0300"),
    ("NST", "-0330"),
    ("NDT", "-0230"),
    ("BRT", "-0300"),
    ("ART", "-0300"),
    ("CLT", "-0400"),
    ("WIB", "+0700"),
    ("PHT", "+0800"),
    ("SAST", "+0200"),
    ("WAT", "+0100"),
    ("CAT", "+0200"),
    ("EAT", "+0300"),
    ("ICT", "+0700"),
    ("PKT", "+0500"),
    ("GST", "+0400"),
    ("TRT", "+0300"),
    ("UTC", "+0000"),
    ("Z", "+0000"),
];

/// Rewrites `<pubDate>Tue, 05 Mar 2019 10:00:00 CET</pubDate>` (and other date elements) to a
/// numeric offset; returns the input unchanged when there is nothing to fix.
pub fn fix_named_zones(bytes: &[u8]) -> Cow<'_, [u8]> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Cow::Borrowed(bytes);
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    for tag in [
        "pubDate",
        "lastBuildDate",
        "dc:date",
        "published",
        "updated",
    ] {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        let mut from = 0;
        while let Some(i) = text[from..].find(&open) {
            let start = from + i + open.len();
            let Some(len) = text[start..].find(&close) else {
                break;
            };
            let value = text[start..start + len].trim_end();
            from = start + len;
            let Some((head, zone)) = value.rsplit_once(' ') else {
                continue;
            };
            let Some((_, offset)) = ZONES.iter().find(|(z, _)| *z == zone) else {
                continue;
            };
            if !head.contains(':') {
                continue;
            }
            let zone_at = start + head.len() + 1;
            if zone_at < copied {
                continue;
            }
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..zone_at]);
            o.push_str(offset);
            copied = zone_at + zone.len();
        }
        if out.is_some() {
            // Rewrites are made in one left-to-right pass: finish after the first tag that needed
            // them, then rescan the result for the others.
            let o = out.take().unwrap_or_default() + &text[copied..];
            return Cow::Owned(fix_named_zones(o.as_bytes()).into_owned());
        }
    }
    Cow::Borrowed(bytes)
}

/// Whether `bytes` are an XML feed (RSS 2.0, RSS 1.0 or Atom) by their first element, after an
/// optional byte-order mark, XML declaration, comments and doctype; not by the file's name.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let mut s = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    loop {
        s = s.trim_ascii_start();
        let skip = |s: &[u8], open: &[u8], close: &[u8]| -> Option<usize> {
            if !s.starts_with(open) {
                return None;
            }
            s.windows(close.len())
                .position(|w| w == close)
                .map(|p| p + close.len())
        };
        if let Some(n) = skip(s, b"<?", b"?>")
            .or_else(|| skip(s, b"<!--", b"-->"))
            .or_else(|| skip(s, b"<!DOCTYPE", b">"))
        {
            s = &s[n..];
            continue;
        }
        break;
    }
    let element = |name: &[u8]| {
        s.strip_prefix(name).is_some_and(|rest| {
            rest.first()
                .is_some_and(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        })
    };
    element(b"<rss") || element(b"<feed") || element(b"<rdf:RDF")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_known_by_their_first_element() {
        assert!(looks_like_feed(
            b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- x -->\n<rss version=\"2.0\">"
        ));
        assert!(looks_like_feed(
            b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        ));
        assert!(looks_like_feed(
            b"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">"
        ));
        assert!(!looks_like_feed(b"<html><body><rss>"));
        assert!(!looks_like_feed(b"<rssfeed>"));
        assert!(!looks_like_feed(b"A digest about <rss feeds"));
    }

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<item><title>Ferries stay in port</title><link>https://example.org/2019/03/05/ferries</link>
<guid>ferries-1</guid><pubDate>Tue, 05 Mar 2019 10:00:00 CET</pubDate>
<description>&lt;p&gt;The ferries stayed in port.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.org/second</link><pubDate>Wed, 06 Mar 2019 10:00:00 GMT</pubDate></item>
</channel></rss>"#;

    #[test]
    fn rss_with_named_zone() {
        let f = parse(RSS.as_bytes(), None).unwrap();
        assert_eq!(f.title.as_deref(), Some("Gazette"));
        assert_eq!(f.items.len(), 2);
        let a = &f.items[0];
        assert_eq!(a.id, "ferries-1");
        assert_eq!(
            a.url.as_deref(),
            Some("https://example.org/2019/03/05/ferries")
        );
        assert_eq!(a.published.unwrap().to_string(), "2019-03-05T09:00:00Z");
        assert!(a.content.as_deref().unwrap().contains("<p>The ferries"));
        assert_eq!(
            f.items[1].published.unwrap().to_string(),
            "2019-03-06T10:00:00Z"
        );
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2019-03-05T10:00:00Z</updated>
<entry><id>urn:a:1</id><title>One</title><link href="https://example.org/one"/><published>2019-03-05T10:00:00+01:00</published><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>"#;
        let f = parse(atom.as_bytes(), None).unwrap();
        assert_eq!(f.items[0].id, "urn:a:1");
        assert_eq!(
            f.items[0].published.unwrap().to_string(),
            "2019-03-05T09:00:00Z"
        );
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"7","url":"https://example.org/seven","content_html":"<p>Seven</p>","date_published":"2019-03-05T10:00:00Z"}]}"#;
        let f = parse(json.as_bytes(), None).unwrap();
        assert_eq!(f.items[0].url.as_deref(), Some("https://example.org/seven"));
        assert_eq!(f.items[0].content.as_deref(), Some("<p>Seven</p>"));
    }

    #[test]
    fn not_a_feed() {
        assert!(parse(b"<html><body>no</body></html>", None).is_err());
        assert!(parse(b"\x00\x01", None).is_err());
    }
}
