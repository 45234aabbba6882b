//! JSON Lines of articles (issue #13): another tool's corpus, or a test set, read as articles.
//!
//! One JSON object per line with the keys of the output contract: `title`, `subtitle`, `date`
//! (`YYYY-MM-DD`), `outlet`, `authors`, `language`, `body`; `url` is optional and `id` (and any
//! other key, so that `cuttings articles --format jsonl` reads back) is ignored. A line that is
//! not such an object is reported as `PATH:LINE: reason` and the other lines still give their
//! articles.
//!
//! Every field keeps the span of its JSON string in the file, and the body's offset map leads
//! from the decoded body back to the file (escapes such as `\n` are inserted bytes, as repair's
//! joins are), so `cuttings show` works as for digests.

use std::collections::HashMap;

use cuttings_model::{
    Article, ArticleId, Date, OffsetMap, Provenance, Source, SourceFormat, SourceRef, Span,
};
use serde_json::value::RawValue;

use crate::{detect_language, extract, kind_of, FileInfo, Processed};

/// Whether `path` names a JSON Lines file (by its extension: the content of a line could be
/// anything).
pub(crate) fn is_jsonl(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".jsonl") || p.ends_with(".ndjson")
}

/// A JSON string literal decoded, with the runs of the literal copied unchanged.
fn decode_string(literal: &str, at: usize) -> Option<(String, OffsetMap)> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let base = at + 1;
    let mut out = String::with_capacity(inner.len());
    let mut map = OffsetMap::default();
    let bytes = inner.as_bytes();
    let mut i = 0;
    let mut run = 0;
    let flush = |out: &mut String, map: &mut OffsetMap, from: usize, to: usize| {
        map.push(out.len(), base + from, to - from);
        out.push_str(&inner[from..to]);
    };
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        flush(&mut out, &mut map, run, i);
        let e = *bytes.get(i + 1)?;
        i += 2;
        match e {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let hex = |k: usize| u32::from_str_radix(inner.get(k..k + 4)?, 16).ok();
                let mut c = hex(i)?;
                i += 4;
                if (0xD800..0xDC00).contains(&c) && inner.get(i..i + 2) == Some("\\u") {
                    let low = hex(i + 2)?;
                    c = 0x10000 + ((c - 0xD800) << 10) + (low.checked_sub(0xDC00)?);
                    i += 6;
                }
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            _ => return None,
        }
        run = i;
    }
    flush(&mut out, &mut map, run, bytes.len());
    Some((out, map))
}

/// A string field: its value and the span of its literal; `None` for `null` or no key.
fn string_field(
    fields: &HashMap<&str, &RawValue>,
    key: &str,
    line: &str,
    at: usize,
) -> Result<Option<(String, Span)>, String> {
    let Some(raw) = fields.get(key) else {
        return Ok(None);
    };
    let text = raw.get();
    if text == "null" {
        return Ok(None);
    }
    let start = at + (text.as_ptr() as usize - line.as_ptr() as usize);
    let value: String =
        serde_json::from_str(text).map_err(|_| format!("\"{key}\" is not a string or null"))?;
    Ok(Some((value, Span::new(start, start + text.len()))))
}

/// One line: an article, or why not.
fn article(source: &Source, line: &str, at: usize, number: usize) -> Result<Article, String> {
    let fields: HashMap<&str, &RawValue> =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let body_raw = fields.get("body").ok_or("no \"body\"")?;
    let literal = body_raw.get();
    let body_at = at + (literal.as_ptr() as usize - line.as_ptr() as usize);
    let (body, map) = decode_string(literal, body_at).ok_or("\"body\" is not a string")?;
    if body.trim().is_empty() {
        return Err("\"body\" is empty".into());
    }
    let title = string_field(&fields, "title", line, at)?;
    let subtitle = string_field(&fields, "subtitle", line, at)?;
    let outlet = string_field(&fields, "outlet", line, at)?;
    let language = string_field(&fields, "language", line, at)?;
    let date = match string_field(&fields, "date", line, at)? {
        None => None,
        Some((d, span)) => Some((
            d.parse::<Date>()
                .map_err(|_| format!("\"date\" is not YYYY-MM-DD: {d:?}"))?,
            span,
        )),
    };
    let authors: Vec<(String, Span)> = match fields.get("authors") {
        None => Vec::new(),
        Some(raw) if raw.get() == "null" => Vec::new(),
        Some(raw) => {
            let list: Vec<&RawValue> = serde_json::from_str(raw.get())
                .map_err(|_| "\"authors\" is not an array of strings".to_string())?;
            list.into_iter()
                .map(|r| {
                    let text = r.get();
                    let start = at + (text.as_ptr() as usize - line.as_ptr() as usize);
                    serde_json::from_str::<String>(text)
                        .map(|v| (v, Span::new(start, start + text.len())))
                        .map_err(|_| "\"authors\" is not an array of strings".to_string())
                })
                .collect::<Result<_, _>>()?
        }
    };
    let title_text = title.as_ref().map(|t| t.0.clone());
    Ok(Article {
        // The line number is part of the id: the same article twice in one file is two lines.
        id: ArticleId::of(
            &format!("{}:{number}", source.sha256),
            title_text.as_deref(),
            &body,
        ),
        title: title_text,
        subtitle: subtitle.as_ref().map(|t| t.0.clone()),
        date: date.map(|d| d.0),
        outlet: outlet.as_ref().map(|t| t.0.clone()),
        authors: authors.iter().map(|a| a.0.clone()).collect(),
        language: language
            .map(|l| l.0)
            .filter(|l| !l.is_empty())
            .or_else(|| detect_language(&body)),
        kind: kind_of(&body),
        source: SourceRef {
            path: source.path.clone(),
            sha256: source.sha256.clone(),
            first_page: 1,
            last_page: 1,
        },
        provenance: Provenance {
            title: title.iter().map(|t| t.1).collect(),
            subtitle: subtitle.iter().map(|t| t.1).collect(),
            date: date.iter().map(|d| d.1).collect(),
            outlet: outlet.iter().map(|t| t.1).collect(),
            authors: authors.iter().map(|a| vec![a.1]).collect(),
            body: vec![Span::new(body_at, body_at + literal.len())],
            body_map: map,
            boxes: Vec::new(),
        },
        body,
        entities: Vec::new(),
        quotes: Vec::new(),
        confidence: None,
    })
}

/// Every line of a JSON Lines source.
pub(crate) fn process(source: &Source, with_names: bool) -> Processed {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut at = 0;
    for (n, raw) in source.text.split_inclusive('\n').enumerate() {
        let start = at;
        at += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        match article(source, line, start, n + 1) {
            Ok(mut a) => {
                if with_names {
                    extract(&mut a);
                }
                articles.push(a);
            }
            Err(why) => errors.push(format!("{}:{}: {why}", source.path, n + 1)),
        }
    }
    Processed {
        file: FileInfo {
            path: source.path.clone(),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            format: SourceFormat::Jsonl,
            flavor: None,
            pages: 1,
            bytes: source.text.len() as u64,
        },
        articles,
        dropped: Vec::new(),
        diagnostics: Vec::new(),
        lines: Vec::new(),
        skipped: Vec::new(),
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        let mut s = Source::from_text("in.jsonl", text);
        s.format = SourceFormat::Jsonl;
        s
    }

    #[test]
    fn lines_become_articles_with_spans() {
        let text = concat!(
            r#"{"id": "x", "title": "Mine \"to close\"", "date": "2020-10-01", "outlet": "Herald", "authors": ["Ann Smith"], "body": "First para.\n\nSecond \u00e9 para."}"#,
            "\n",
            "not json\n",
            "\n",
            r#"{"title": null, "body": "Only a body.", "url": "https://example.org/1", "reuse": []}"#,
            "\n",
            r#"{"body": "Bad date.", "date": "yesterday"}"#,
        );
        let src = source(text);
        let out = process(&src, false);
        assert_eq!(out.articles.len(), 2);
        assert_eq!(
            out.errors,
            [
                "in.jsonl:2: not a JSON object: expected ident at line 1 column 2",
                "in.jsonl:5: \"date\" is not YYYY-MM-DD: \"yesterday\""
            ]
        );
        let a = &out.articles[0];
        assert_eq!(a.title.as_deref(), Some("Mine \"to close\""));
        assert_eq!(a.body, "First para.\n\nSecond é para.");
        assert_eq!(a.authors, ["Ann Smith"]);
        assert_eq!(a.date.unwrap().to_string(), "2020-10-01");
        // The offset map leads from body bytes to the file's bytes.
        let second = a.body.find("Second").unwrap();
        let at = a.provenance.body_map.to_source(second).unwrap();
        assert_eq!(&src.text[at..at + 6], "Second");
        let span = a.provenance.outlet[0];
        assert_eq!(&src.text[span.start..span.end], "\"Herald\"");
        assert_eq!(out.articles[1].title, None);
        assert_ne!(out.articles[0].id, out.articles[1].id);
    }

    #[test]
    fn every_bad_line_names_its_line() {
        let text = concat!(
            "[1, 2]\n",
            r#"{"title": "No body"}"#,
            "\n",
            r#"{"body": 3}"#,
            "\n",
            r#"{"body": "  "}"#,
            "\n",
            r#"{"body": "Text.", "title": 7}"#,
            "\n",
            r#"{"body": "Text.", "authors": "Ann Smith"}"#,
            "\r\n",
            r#"{"body": "Good one.", "authors": null, "language": "", "id": 12}"#,
            "\n",
            r#"{"body": "Cut off"#,
        );
        let out = process(&source(text), false);
        assert_eq!(out.articles.len(), 1);
        assert_eq!(out.articles[0].body, "Good one.");
        let lines: Vec<&str> = out
            .errors
            .iter()
            .map(|e| e.split(": ").next().unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                "in.jsonl:1",
                "in.jsonl:2",
                "in.jsonl:3",
                "in.jsonl:4",
                "in.jsonl:5",
                "in.jsonl:6",
                "in.jsonl:8"
            ]
        );
        assert!(out.errors[1].ends_with("no \"body\""), "{:?}", out.errors);
        assert!(out.errors[4].ends_with("\"title\" is not a string or null"));
        assert!(out.errors[5].ends_with("\"authors\" is not an array of strings"));
    }

    #[test]
    fn names_by_extension() {
        assert!(is_jsonl("a/b.JSONL") && is_jsonl("x.ndjson"));
        assert!(!is_jsonl("x.json") && !is_jsonl("x.txt"));
    }
}
