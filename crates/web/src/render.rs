//! Pieces of HTML shared by the pages: the frame, links, marked text.
//!
//! Everything here writes through `maud`, which escapes every interpolated value; the few
//! strings built by hand (`marked_body`) escape each piece with [`escape`] before joining.

use std::fmt::Write as _;
use std::ops::Range;

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The page frame: header with navigation, the content, no script.
pub(crate) fn frame(title: &str, current: &str, content: Markup) -> Markup {
    let nav = [
        ("/", "Search"),
        ("/entities", "Entities"),
        ("/outlets", "Outlets"),
        ("/corpus", "Corpus"),
    ];
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · cuttings" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header {
                    a.brand href="/" { "cuttings" }
                    nav {
                        @for (href, label) in nav {
                            @if label == current {
                                a href=(href) aria-current="page" { (label) }
                            } @else {
                                a href=(href) { (label) }
                            }
                        }
                    }
                }
                main { (content) }
            }
        }
    }
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters (terminal escapes and the like) are shown, not passed on.
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(out, "\u{FFFD}");
            }
            c => out.push(c),
        }
    }
    out
}

/// Text without control characters (for values maud escapes but should not carry them).
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Percent-encodes a path segment or query value (everything but unreserved characters).
pub(crate) fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A query string from pairs, blank values left out.
pub(crate) fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The page of an entity.
pub(crate) fn entity_href(name: &str) -> String {
    format!("/entities/{}", enc(name))
}

/// The page of an article.
pub(crate) fn article_href(id: &str) -> String {
    format!("/articles/{}", enc(id))
}

/// A link for a URL from ingested data, only when it is http(s); otherwise the text alone.
pub(crate) fn external_link(url: &str) -> Markup {
    let lower = url.trim().to_ascii_lowercase();
    let safe = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace());
    html! {
        @if safe {
            a href=(url.trim()) rel="noopener noreferrer nofollow" { (clean(url)) }
        } @else {
            (clean(url))
        }
    }
}

/// A snippet with its matches in `<mark>`.
pub(crate) fn marked_snippet(text: &str, highlights: &[Range<usize>]) -> Markup {
    let mut s = String::new();
    let mut at = 0;
    for r in highlights {
        let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue;
        };
        s.push_str(&escape(before));
        s.push_str("<mark>");
        s.push_str(&escape(word));
        s.push_str("</mark>");
        at = r.end;
    }
    s.push_str(&escape(text.get(at..).unwrap_or("")));
    PreEscaped(s)
}

/// One mark in a body: a byte range and how to open it.
pub(crate) struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

/// What a mark is.
pub(crate) enum MarkKind {
    /// A name, linked to its entity's page.
    Entity { canonical: String, kind: String },
    /// A quotation, with its speaker when known.
    Quote { speaker: Option<String> },
    /// A passage shared with another article.
    Shared { other: String },
}

/// The body as paragraphs, with names, quotations and shared passages marked.
///
/// Marks are nested when one lies inside another (a name inside a quotation); a mark that
/// crosses another's edge or a paragraph break, or a name inside a name, is left out rather
/// than break the markup.
pub(crate) fn marked_body(body: &str, marks: &mut [Mark]) -> Markup {
    marks.sort_by(|a, b| (a.range.start, b.range.end).cmp(&(b.range.start, a.range.end)));
    let mut html = String::with_capacity(body.len() * 2);
    html.push_str("<p>");
    // (end, closing tag, is a link) of the open marks, innermost last
    let mut open: Vec<(usize, &'static str, bool)> = Vec::new();
    let mut at = 0;
    let mut next = 0;
    let push_text = |html: &mut String, text: &str, inside: bool| {
        // Paragraph breaks only outside marks.
        let mut parts = text.split("\n\n").peekable();
        while let Some(p) = parts.next() {
            html.push_str(&escape(p));
            if parts.peek().is_some() {
                html.push_str(if inside { " " } else { "</p>\n<p>" });
            }
        }
    };
    loop {
        let close_at = open.last().map(|o| o.0);
        let open_at = marks.get(next).map(|m| m.range.start);
        match (close_at, open_at) {
            (Some(c), o) if o.is_none_or(|o| c <= o) => {
                push_text(&mut html, body.get(at..c).unwrap_or(""), true);
                at = c;
                if let Some((_, tag, _)) = open.pop() {
                    html.push_str(tag);
                }
            }
            (_, Some(o)) => {
                let m = &marks[next];
                next += 1;
                let link = matches!(m.kind, MarkKind::Entity { .. });
                let fits = o >= at
                    && m.range.end > o
                    && m.range.end <= body.len()
                    && body.is_char_boundary(o)
                    && body.is_char_boundary(m.range.end)
                    && open.last().is_none_or(|&(end, _, _)| m.range.end <= end)
                    && !(link && open.iter().any(|&(_, _, l)| l))
                    && !body[o..m.range.end].contains("\n\n");
                if !fits {
                    continue;
                }
                push_text(&mut html, &body[at..o], !open.is_empty());
                at = o;
                let (tag, close) = opening(&m.kind);
                html.push_str(&tag);
                open.push((m.range.end, close, link));
            }
            _ => break,
        }
    }
    push_text(&mut html, body.get(at..).unwrap_or(""), false);
    html.push_str("</p>");
    PreEscaped(html)
}

/// The opening tag of a mark and its closing tag.
fn opening(kind: &MarkKind) -> (String, &'static str) {
    match kind {
        MarkKind::Entity { canonical, kind } => (
            format!(
                "<a class=\"mention {k}\" href=\"{href}\" title=\"{title}\">",
                k = escape(kind),
                href = escape(&entity_href(canonical)),
                title = escape(&format!("{kind}: {canonical}")),
            ),
            "</a>",
        ),
        MarkKind::Quote { speaker } => (
            format!(
                "<span class=\"quote\" title=\"{}\">",
                escape(&match speaker {
                    Some(s) => format!("quoted: {s}"),
                    None => "quotation".to_string(),
                })
            ),
            "</span>",
        ),
        MarkKind::Shared { other } => (
            format!(
                "<span class=\"shared\" title=\"shared with article {}\">",
                escape(other)
            ),
            "</span>",
        ),
    }
}

/// A number with thin grouping: 12345 → "12,345".
pub(crate) fn num(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\" \u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; \u{FFFD}[31m"
        );
    }

    #[test]
    fn links_only_http() {
        assert!(external_link("https://example.org/a?b=1")
            .0
            .contains("href="));
        assert!(!external_link("javascript:alert(1)").0.contains("href="));
        assert!(!external_link(" JavaScript:alert(1)").0.contains("href="));
        assert!(!external_link("data:text/html,<b>").0.contains("href="));
        assert!(!external_link("/local/path.pdf").0.contains("href="));
        assert!(external_link("javascript:alert(1)<b>")
            .0
            .contains("&lt;b&gt;"));
    }

    #[test]
    fn encodes_path_segments() {
        assert_eq!(enc("Maryam Rajavi/../x?"), "Maryam%20Rajavi%2F..%2Fx%3F");
        assert_eq!(
            query_string(&[("q", "a b".into()), ("x", "".into())]),
            "?q=a%20b"
        );
    }

    #[test]
    fn marks_nest_and_escape() {
        let body = "He said \"Rajavi <b> left\" today.\n\nNew para.";
        let q = body.find('"').unwrap();
        let r = body.find("Rajavi").unwrap();
        let mut marks = vec![
            Mark {
                range: r..r + 6,
                kind: MarkKind::Entity {
                    canonical: "Maryam Rajavi".into(),
                    kind: "person".into(),
                },
            },
            Mark {
                range: q..body.find(" today").unwrap(),
                kind: MarkKind::Quote { speaker: None },
            },
            // crosses the quotation's end: left out
            Mark {
                range: r + 2..body.len() - 3,
                kind: MarkKind::Shared { other: "x".into() },
            },
        ];
        let html = marked_body(body, &mut marks).0;
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("href=\"/entities/Maryam%20Rajavi\""),
            "{html}"
        );
        assert_eq!(
            html.matches("<span").count(),
            html.matches("</span>").count(),
            "{html}"
        );
        assert_eq!(
            html.matches("<a ").count(),
            html.matches("</a>").count(),
            "{html}"
        );
        assert!(html.contains("</p>\n<p>New para."), "{html}");
        assert!(!html.contains("shared"), "{html}");
    }
}
