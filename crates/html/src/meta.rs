//! Metadata, in order of trust: JSON-LD, OpenGraph and `article:*`, `<meta name>`, `<time>`,
//! visible bylines and dates, then the URL.
//!
//! Every value keeps the span it was read from: an attribute value, a text node, or the string
//! inside a JSON-LD script (the whole script when the value cannot be found verbatim).

use cuttings_model::{Date, Field, Span};
use serde_json::Value;

use crate::dom::{Dom, Kind, NodeId, Tag};
use crate::{date, entities};

/// What the page says about itself.
#[derive(Clone, Debug, Default)]
pub struct Meta {
    /// Headline.
    pub title: Option<Field>,
    /// Alternative headline or standfirst.
    pub subtitle: Option<Field>,
    /// Publication date and where it was read.
    pub date: Option<(Date, Span)>,
    /// Where the date came from (`json-ld`, `meta`, `time`, `text`, `url`).
    pub date_from: Option<&'static str>,
    /// Publisher or site name.
    pub outlet: Option<Field>,
    /// Authors.
    pub authors: Vec<Field>,
    /// ISO 639-1 code from `<html lang>` and the like.
    pub language: Option<String>,
    /// The page's own URL (canonical link or `og:url`) and its span.
    pub url: Option<Field>,
}

#[derive(Default)]
struct Found {
    ld: Vec<(Value, Span)>,
    /// (key lower-case, content span)
    metas: Vec<(String, Span)>,
    title_el: Option<NodeId>,
    h1: Vec<NodeId>,
    times: Vec<NodeId>,
    bylines: Vec<NodeId>,
    datelines: Vec<NodeId>,
    canonical: Option<Span>,
    lang: Option<Span>,
}

/// Reads the metadata of a page; `url` is where it was fetched from, when known.
pub fn metadata(dom: &Dom, body_root: Option<NodeId>, url: Option<&str>) -> Meta {
    let mut f = Found::default();
    for i in 0..dom.nodes.len() {
        let id = i as NodeId;
        let Kind::Element(tag) = dom.nodes[i].kind else {
            continue;
        };
        match tag {
            Tag::Meta => {
                let key = dom
                    .attr(id, "property")
                    .or_else(|| dom.attr(id, "name"))
                    .or_else(|| dom.attr(id, "itemprop"))
                    .or_else(|| dom.attr(id, "http-equiv"));
                if let (Some(k), Some(c)) = (key, dom.attr_span(id, "content")) {
                    f.metas.push((k.trim().to_ascii_lowercase(), c));
                }
            }
            Tag::Script
                if dom
                    .attr(id, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let inner = dom.nodes[i].inner;
                if let Some(v) = parse_json_ld(&dom.text[inner.range()]) {
                    f.ld.push((v, inner));
                }
            }
            Tag::Title if f.title_el.is_none() => f.title_el = Some(id),
            Tag::H1 => f.h1.push(id),
            Tag::Time => f.times.push(id),
            Tag::Link
                if dom
                    .attr(id, "rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                f.canonical = dom.attr_span(id, "href").filter(|s| !s.is_empty());
            }
            Tag::Html if f.lang.is_none() && i > 0 => f.lang = dom.attr_span(id, "lang"),
            _ => {}
        }
        if matches!(tag, Tag::Script | Tag::Style | Tag::Meta | Tag::Link) {
            continue;
        }
        let words = class_words(dom, id);
        let rel_author = dom
            .attr(id, "rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let itemprop = dom.attr(id, "itemprop").unwrap_or("");
        if rel_author
            || itemprop.eq_ignore_ascii_case("author")
            || words
                .iter()
                .any(|w| w == "byline" || w == "author" || w == "authors")
        {
            f.bylines.push(id);
        }
        if itemprop.eq_ignore_ascii_case("datePublished")
            || words.iter().any(|w| {
                matches!(
                    w.as_str(),
                    "date" | "published" | "pubdate" | "posted" | "timestamp" | "dateline"
                )
            })
        {
            f.datelines.push(id);
        }
    }

    let mut m = Meta::default();
    let article =
        f.ld.iter()
            .find_map(|(v, s)| find_article(v).map(|a| (a, *s)));
    let meta = |keys: &[&str]| -> Option<(String, Span)> {
        for k in keys {
            if let Some((_, span)) = f
                .metas
                .iter()
                .find(|(key, span)| key == k && !dom.text[span.range()].trim().is_empty())
            {
                let v = entities::decode(&dom.text[span.range()]).trim().to_string();
                return Some((v, *span));
            }
        }
        None
    };

    // URL.
    m.url = f
        .canonical
        .map(|s| Field::new(entities::decode(&dom.text[s.range()]).trim(), s))
        .or_else(|| meta(&["og:url"]).map(|(v, s)| Field::new(v, s)));

    // Outlet.
    if let Some((a, s)) = &article {
        if let Some(name) = a.get("publisher").and_then(name_of) {
            m.outlet = Some(Field::new(name.clone(), find_span(dom, *s, &name)));
        }
    }
    if m.outlet.is_none() {
        m.outlet = meta(&[
            "og:site_name",
            "application-name",
            "twitter:app:name:iphone",
            "publisher",
            "dc.publisher",
        ])
        .map(|(v, s)| Field::new(v, s));
    }
    if m.outlet.is_none() {
        for (v, s) in &f.ld {
            if let Some(name) = find_typed(v, &["WebSite", "Organization", "NewsMediaOrganization"])
                .and_then(name_of)
            {
                m.outlet = Some(Field::new(name.clone(), find_span(dom, *s, &name)));
                break;
            }
        }
    }

    // Title.
    if let Some((a, s)) = &article {
        if let Some(h) = a
            .get("headline")
            .or_else(|| a.get("name"))
            .and_then(Value::as_str)
        {
            let h = clean(h);
            if !h.is_empty() {
                m.title = Some(Field::new(h.clone(), find_span(dom, *s, &h)));
            }
        }
        if let Some(h) = a.get("alternativeHeadline").and_then(Value::as_str) {
            let h = clean(h);
            if !h.is_empty() {
                m.subtitle = Some(Field::new(h.clone(), find_span(dom, *s, &h)));
            }
        }
    }
    let outlet_name = m.outlet.as_ref().map(|o| o.value.clone());
    if m.title.is_none() {
        m.title = meta(&["og:title", "twitter:title", "dc.title", "title", "headline"])
            .map(|(v, s)| Field::new(strip_site(&v, outlet_name.as_deref()), s));
    }
    if m.title.is_none() {
        let h1 = body_root
            .and_then(|r| {
                // The h1 nearest before or inside the article.
                f.h1.iter()
                    .rev()
                    .find(|&&h| h <= r || (h as usize) < dom.subtree_end(r))
                    .copied()
            })
            .or_else(|| f.h1.first().copied());
        if let Some(h) = h1 {
            let t = dom.text_of(h);
            if let (false, Some(s)) = (t.is_empty(), dom.text_span(h)) {
                m.title = Some(Field::new(t, s));
            }
        }
    }
    if m.title.is_none() {
        if let Some(t) = f.title_el {
            let v = dom.text_of(t);
            if let (false, Some(s)) = (v.is_empty(), dom.text_span(t)) {
                m.title = Some(Field::new(strip_site(&v, outlet_name.as_deref()), s));
            }
        }
    }

    // Whatever the title came from, a trailing site name goes ("Headline | Outlet").
    if let Some(t) = &mut m.title {
        let stripped = strip_site(&t.value, outlet_name.as_deref());
        if stripped.len() < t.value.len() && !stripped.is_empty() {
            if let Some(s) = t.spans.first_mut() {
                let raw = &dom.text[s.range()];
                let lead = raw.len() - raw.trim_start().len();
                if raw[lead..].starts_with(&stripped) {
                    *s = Span::new(s.start + lead, s.start + lead + stripped.len());
                }
            }
            t.value = stripped;
        }
    }

    // Authors.
    if let Some((a, s)) = &article {
        if let Some(au) = a.get("author").or_else(|| a.get("creator")) {
            for name in names_of(au) {
                if !m.authors.iter().any(|x| x.value == name) {
                    m.authors
                        .push(Field::new(name.clone(), find_span(dom, *s, &name)));
                }
            }
        }
    }
    if m.authors.is_empty() {
        for key in [
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "parsely-author",
            "sailthru.author",
            "citation_author",
        ] {
            for (k, span) in &f.metas {
                if k == key {
                    let v = entities::decode(&dom.text[span.range()]).trim().to_string();
                    for name in split_names(&v) {
                        if !m.authors.iter().any(|x| x.value == name) {
                            m.authors.push(Field::new(name, *span));
                        }
                    }
                }
            }
            if !m.authors.is_empty() {
                break;
            }
        }
    }
    if m.authors.is_empty() {
        for &b in &f.bylines {
            let t = dom.text_of(b);
            if t.len() > 120 || t.is_empty() {
                continue;
            }
            let Some(span) = dom.text_span(b) else {
                continue;
            };
            for name in split_names(&t) {
                if !m.authors.iter().any(|x| x.value == name) {
                    m.authors.push(Field::new(name, span));
                }
            }
            if !m.authors.is_empty() {
                break;
            }
        }
    }

    // Date.
    if let Some((a, s)) = &article {
        for key in ["datePublished", "dateCreated", "uploadDate"] {
            if let Some(v) = a.get(key).and_then(Value::as_str) {
                if let Some((d, _)) = date::parse(v) {
                    m.date = Some((d, find_span(dom, *s, v)));
                    m.date_from = Some("json-ld");
                    break;
                }
            }
        }
    }
    if m.date.is_none() {
        for key in [
            "article:published_time",
            "og:article:published_time",
            "datepublished",
            "date",
            "pubdate",
            "publishdate",
            "publish-date",
            "publish_date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "dcterms.date",
            "sailthru.date",
            "parsely-pub-date",
            "article.published",
            "citation_publication_date",
            "citation_date",
            "og:updated_time",
            "article:modified_time",
        ] {
            if let Some((v, s)) = meta(&[key]) {
                if let Some((d, r)) = date::parse(&v) {
                    m.date = Some((d, sub_span(dom, s, &v, r)));
                    m.date_from = Some("meta");
                    break;
                }
            }
        }
    }
    if m.date.is_none() {
        let mut times: Vec<NodeId> = f.times.clone();
        // Times marked as the publication date first.
        times.sort_by_key(|&t| {
            let pub_ = dom
                .attr(t, "itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("datePublished"))
                || dom.attr_span(t, "pubdate").is_some()
                || class_words(dom, t).iter().any(|w| w == "published");
            !pub_
        });
        for t in times {
            if let Some(s) = dom.attr_span(t, "datetime") {
                if let Some((d, r)) = date::parse(&dom.text[s.range()]) {
                    m.date = Some((d, Span::new(s.start + r.start, s.start + r.end)));
                    m.date_from = Some("time");
                    break;
                }
            }
            if let Some(s) = dom.text_span(t) {
                if let Some((d, r)) = date::parse(&dom.text[s.range()]) {
                    m.date = Some((d, Span::new(s.start + r.start, s.start + r.end)));
                    m.date_from = Some("time");
                    break;
                }
            }
        }
    }
    if m.date.is_none() {
        for &dl in &f.datelines {
            if let Some(s) = dom.text_span(dl) {
                if s.len() > 200 {
                    continue;
                }
                if let Some((d, r)) = date::parse(&dom.text[s.range()]) {
                    m.date = Some((d, Span::new(s.start + r.start, s.start + r.end)));
                    m.date_from = Some("text");
                    break;
                }
            }
        }
    }
    if m.date.is_none() {
        if let Some(u) = &m.url {
            if let Some((d, r)) = date::from_url(&u.value) {
                let span = sub_span(dom, u.spans[0], &u.value, r);
                m.date = Some((d, span));
                m.date_from = Some("url");
            }
        }
    }
    if m.date.is_none() {
        if let Some((d, _)) = url.and_then(date::from_url) {
            // The URL the page was fetched from is not in the page: no span to show.
            m.date = Some((d, Span::new(0, 0)));
            m.date_from = Some("url");
        }
    }

    // Language.
    let lang = f
        .lang
        .map(|s| dom.text[s.range()].to_string())
        .or_else(|| {
            meta(&["og:locale", "content-language", "language", "dc.language"]).map(|(v, _)| v)
        })
        .or_else(|| {
            article.as_ref().and_then(|(a, _)| {
                a.get("inLanguage")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
        });
    m.language = lang.and_then(|l| {
        let code: String = l
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        (code.len() == 2 || code.len() == 3).then_some(code)
    });

    // The site name after the headline in <title> ("Headline – The Courier").
    if m.outlet.is_none() {
        if let (Some(t), Some(title)) = (f.title_el, &m.title) {
            if let Some(span) = dom.text_span(t) {
                m.outlet = title_suffix(dom, span, &title.value);
            }
        }
    }
    // A site name as outlet when nothing better: the host of the page's URL.
    if m.outlet.is_none() {
        if let Some(u) = &m.url {
            if let Some(host) = host_of(&u.value) {
                m.outlet = Some(Field::new(host, u.spans[0]));
            }
        } else if let Some(host) = url.and_then(host_of) {
            // The URL the page was fetched from: the source itself, no span in the page.
            m.outlet = Some(Field {
                value: host,
                spans: Vec::new(),
            });
        }
    }
    m
}

fn class_words(dom: &Dom, id: NodeId) -> Vec<String> {
    let mut out = Vec::new();
    for v in [dom.attr(id, "class"), dom.attr(id, "id")]
        .into_iter()
        .flatten()
    {
        for w in v.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !w.is_empty() {
                out.push(w.to_ascii_lowercase());
            }
        }
    }
    out
}

/// JSON-LD is often wrapped in comments or CDATA, or has trailing commas or several objects.
fn parse_json_ld(raw: &str) -> Option<Value> {
    let t = raw
        .trim()
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches("//<![CDATA[")
        .trim_end_matches("//]]>")
        .trim();
    if let Ok(v) = serde_json::from_str::<Value>(t) {
        return Some(v);
    }
    // Stray control characters inside strings are the commonest fault.
    let cleaned: String = t
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    serde_json::from_str::<Value>(&cleaned).ok()
}

/// The first object typed as an article (in `@graph`, arrays or `mainEntity`).
fn find_article(v: &Value) -> Option<&Value> {
    find_typed(
        v,
        &[
            "NewsArticle",
            "Article",
            "BlogPosting",
            "ReportageNewsArticle",
            "AnalysisNewsArticle",
            "OpinionNewsArticle",
            "ReviewNewsArticle",
            "BackgroundNewsArticle",
            "LiveBlogPosting",
            "TechArticle",
            "ScholarlyArticle",
            "Report",
            "SocialMediaPosting",
            "WebPage",
        ],
    )
    .and_then(|found| {
        // Prefer a real article over a WebPage when both exist.
        if type_is(found, &["WebPage"]) {
            find_typed(
                v,
                &[
                    "NewsArticle",
                    "Article",
                    "BlogPosting",
                    "ReportageNewsArticle",
                    "LiveBlogPosting",
                ],
            )
            .or(Some(found))
        } else {
            Some(found)
        }
    })
}

fn type_is(v: &Value, types: &[&str]) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(a)) => a
            .iter()
            .any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    }
}

fn find_typed<'v>(v: &'v Value, types: &[&str]) -> Option<&'v Value> {
    fn go<'v>(v: &'v Value, types: &[&str], depth: usize) -> Option<&'v Value> {
        if depth > 8 {
            return None;
        }
        match v {
            Value::Object(o) => {
                if type_is(v, types) {
                    return Some(v);
                }
                for key in [
                    "@graph",
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                ] {
                    if let Some(x) = o.get(key).and_then(|x| go(x, types, depth + 1)) {
                        return Some(x);
                    }
                }
                None
            }
            Value::Array(a) => a.iter().find_map(|x| go(x, types, depth + 1)),
            _ => None,
        }
    }
    go(v, types, 0)
}

fn name_of(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("name").and_then(Value::as_str)?,
        Value::Array(a) => return a.iter().find_map(name_of),
        _ => return None,
    };
    let s = clean(s);
    (!s.is_empty() && !s.starts_with("http")).then_some(s)
}

fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a
            .iter()
            .filter_map(name_of)
            .flat_map(|n| split_names(&n))
            .collect(),
        other => name_of(other).map(|n| split_names(&n)).unwrap_or_default(),
    }
}

/// "By Ann Smith and Bo Lee, Staff Writers" → ["Ann Smith", "Bo Lee"].
fn split_names(s: &str) -> Vec<String> {
    let mut t = s.trim();
    for p in [
        "By ",
        "by ",
        "BY ",
        "Par ",
        "Von ",
        "Por ",
        "Written by ",
        "Posted by ",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest;
        }
    }
    if t.starts_with("http") || t.contains('@') && !t.contains(' ') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for part in t.split([',', ';', '|', '&']).flat_map(|p| p.split(" and ")) {
        let name = part.trim().trim_end_matches('.').trim();
        let words = name.split_whitespace().count();
        // Not credentials ("MS", "PhD") or site names ("Example.com").
        let credential = words == 1
            && (name.chars().all(|c| c.is_uppercase() || c == '.')
                || matches!(name, "PhD" | "Ph.D" | "Jr" | "Sr" | "MSc" | "BSc"));
        let domain = words == 1 && name.contains('.');
        if (1..=5).contains(&words)
            && !credential
            && !domain
            && name.chars().next().is_some_and(|c| c.is_uppercase())
            && !name.chars().any(|c| c.is_ascii_digit())
        {
            out.push(name.to_string());
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

fn clean(s: &str) -> String {
    entities::decode(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Ferries stay in port | The Estuary Gazette" → "Ferries stay in port".
fn strip_site(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        if let Some(i) = title.rfind(sep) {
            let (head, tail) = (&title[..i], title[i + sep.len()..].trim());
            let is_outlet = outlet.is_some_and(|o| tail.eq_ignore_ascii_case(o));
            if is_outlet
                || (tail.split_whitespace().count() <= 4
                    && head.split_whitespace().count() >= 3
                    && sep != " - ")
            {
                return head.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

/// Where `value` sits inside the JSON-LD script at `script`; the script when it cannot be found.
fn find_span(dom: &Dom, script: Span, value: &str) -> Span {
    let raw = &dom.text[script.range()];
    if !value.is_empty() {
        if let Some(i) = raw.find(value) {
            return Span::new(script.start + i, script.start + i + value.len());
        }
        // Escaped in JSON: look for its first word long enough to be specific.
        if let Some(w) = value
            .split_whitespace()
            .find(|w| w.len() >= 4 && w.is_ascii())
        {
            if let Some(i) = raw.find(w) {
                let end = raw[i..].find('"').map(|e| i + e).unwrap_or(i + w.len());
                return Span::new(script.start + i, script.start + end);
            }
        }
    }
    script
}

/// The span of range `r` of the decoded `value` read from the raw span `s`; `s` when the raw
/// text has references that shift offsets.
fn sub_span(dom: &Dom, s: Span, value: &str, r: std::ops::Range<usize>) -> Span {
    let raw = &dom.text[s.range()];
    let lead = raw.len() - raw.trim_start().len();
    if raw.trim() == value && r.end <= value.len() {
        Span::new(s.start + lead + r.start, s.start + lead + r.end)
    } else {
        s
    }
}

/// The part of `<title>` after the headline and a separator, when it is short.
fn title_suffix(dom: &Dom, span: Span, headline: &str) -> Option<Field> {
    let raw = &dom.text[span.range()];
    for sep in [
        " | ",
        " &#8211; ",
        " &ndash; ",
        " – ",
        " — ",
        " - ",
        " :: ",
        " · ",
    ] {
        if let Some(i) = raw.rfind(sep) {
            let head = clean(&raw[..i]);
            let tail = &raw[i + sep.len()..];
            let value = clean(tail);
            let words = value.split_whitespace().count();
            if (1..=6).contains(&words) && head.eq_ignore_ascii_case(headline.trim()) {
                let start = span.start + i + sep.len();
                return Some(Field::new(value, Span::new(start, span.end)));
            }
        }
    }
    None
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_titles() {
        assert_eq!(
            split_names("By Ann Smith and Bo Lee, Staff"),
            ["Ann Smith", "Bo Lee", "Staff"]
        );
        assert!(split_names("https://example.org/ann").is_empty());
        assert_eq!(
            strip_site(
                "Ferries stay in port | Estuary Gazette",
                Some("Estuary Gazette")
            ),
            "Ferries stay in port"
        );
        assert_eq!(
            strip_site("Ferries stay in port - Gazette", Some("Gazette")),
            "Ferries stay in port"
        );
        assert_eq!(strip_site("Left - right", None), "Left - right");
    }

    #[test]
    fn json_ld_wins_and_keeps_spans() {
        let html = r#"<html lang="en-GB"><head>
        <meta property="og:title" content="OG title">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
        {"@type":"NewsArticle","headline":"Ferries stay in port","datePublished":"2019-03-05T08:00:00+01:00",
         "author":[{"@type":"Person","name":"Ann Smith"},{"@type":"Person","name":"Bo Lee"}],
         "publisher":{"@type":"Organization","name":"Estuary Gazette"}}]}</script></head><body></body></html>"#;
        let dom = Dom::parse(html);
        let m = metadata(&dom, None, None);
        let t = m.title.unwrap();
        assert_eq!(t.value, "Ferries stay in port");
        assert_eq!(&html[t.spans[0].range()], "Ferries stay in port");
        assert_eq!(m.date.unwrap().0.to_string(), "2019-03-05");
        assert_eq!(m.outlet.unwrap().value, "Estuary Gazette");
        let a: Vec<_> = m.authors.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(a, ["Ann Smith", "Bo Lee"]);
        assert_eq!(m.language.as_deref(), Some("en"));
    }
}
