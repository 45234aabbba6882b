//! Articles as JSON Lines (the output contract) and as CSV (RFC 4180).
//!
//! CSV flattens the contract: `source` and `confidence` become one column per key
//! (`source.path`, `confidence.title`...), `authors` is joined with `"; "`, and the lists of
//! records (`entities`, `quotes`, `reuse`) are JSON arrays in one cell each, so nothing is lost.
//! Missing values are empty cells.

use std::io::Write;

use cuttings_store::{Corpus, Selection};
use cuttings_wire::ArticleLine;

use crate::{walk, Error, Result, Summary};

/// The header of the CSV export, in the order of [`cuttings_wire::ARTICLE_KEYS`].
pub const HEADER: [&str; 21] = [
    "id",
    "title",
    "subtitle",
    "date",
    "outlet",
    "authors",
    "language",
    "body",
    "kind",
    "source.path",
    "source.sha256",
    "source.first_page",
    "source.last_page",
    "entities",
    "quotes",
    "confidence.boundary",
    "confidence.title",
    "confidence.date",
    "confidence.outlet",
    "confidence.authors",
    "reuse",
];

/// Writes the selected articles as JSON Lines.
pub(crate) fn jsonl(
    corpus: &Corpus,
    selection: &Selection,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    let articles = walk(corpus, selection, progress, &mut |item| {
        serde_json::to_writer(&mut *out, &item.line)?;
        out.write_all(b"\n").map_err(Error::Write)
    })?;
    out.flush().map_err(Error::Write)?;
    Ok(Summary {
        articles,
        ..Summary::default()
    })
}

/// Writes the selected articles as CSV.
pub(crate) fn csv(
    corpus: &Corpus,
    selection: &Selection,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Summary> {
    row(out, &HEADER).map_err(Error::Write)?;
    let articles = walk(corpus, selection, progress, &mut |item| {
        row(out, &cells(&item.line)?).map_err(Error::Write)
    })?;
    out.flush().map_err(Error::Write)?;
    Ok(Summary {
        articles,
        ..Summary::default()
    })
}

/// The cells of one article, as [`HEADER`] names them.
pub fn cells(l: &ArticleLine) -> Result<Vec<String>> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let conf = |f: fn(&cuttings_wire::ConfidenceLine) -> f32| {
        l.confidence
            .as_ref()
            .map(|c| format!("{}", f(c)))
            .unwrap_or_default()
    };
    Ok(vec![
        l.id.clone(),
        opt(&l.title),
        opt(&l.subtitle),
        opt(&l.date),
        opt(&l.outlet),
        l.authors.join("; "),
        opt(&l.language),
        l.body.clone(),
        l.kind.clone(),
        l.source.path.clone(),
        l.source.sha256.clone(),
        l.source.first_page.to_string(),
        l.source.last_page.to_string(),
        serde_json::to_string(&l.entities)?,
        serde_json::to_string(&l.quotes)?,
        conf(|c| c.boundary),
        conf(|c| c.title),
        conf(|c| c.date),
        conf(|c| c.outlet),
        conf(|c| c.authors),
        serde_json::to_string(&l.reuse)?,
    ])
}

/// Whether a CSV field would be run as a formula by a spreadsheet (`=`, `+`, `-`, `@`, a tab or
/// a carriage return first): ingested text is untrusted, and `=HYPERLINK(...)` in a title must
/// stay text. Numbers (`-0.5`) and a lone `-` are left alone. The same rule as the CLI's
/// listings.
fn looks_like_formula(f: &str) -> bool {
    f.starts_with(['=', '+', '-', '@', '\t', '\r']) && f != "-" && f.parse::<f64>().is_err()
}

/// Writes one CSV record (RFC 4180: fields with a comma, quote or line break, or white space at
/// either end, are quoted, quotes doubled; records end with CRLF); a field a spreadsheet would
/// take for a formula gets a leading `'`.
pub fn row<W: Write + ?Sized, S: AsRef<str>>(out: &mut W, fields: &[S]) -> std::io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let guarded;
        let mut f = f.as_ref();
        if looks_like_formula(f) {
            guarded = format!("'{f}");
            f = &guarded;
        }
        let needs_quotes = f.contains([',', '"', '\n', '\r'])
            || f.starts_with(char::is_whitespace)
            || f.ends_with(char::is_whitespace);
        if needs_quotes {
            write!(out, "\"{}\"", f.replace('"', "\"\""))?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        let mut out = Vec::new();
        row(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "two\nlines", "", " pad"],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" pad\"\r\n"
        );
    }

    #[test]
    fn formulas_stay_text() {
        let mut out = Vec::new();
        row(
            &mut out,
            &[
                "=HYPERLINK(\"http://x\")",
                "+cmd",
                "@SUM(A1)",
                "-0.5",
                "-",
                "a=b",
                "\tx",
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+cmd,'@SUM(A1),-0.5,-,a=b,'\tx\r\n"
        );
    }

    #[test]
    fn header_follows_the_contract() {
        let flat: Vec<&str> = HEADER
            .iter()
            .map(|h| h.split('.').next().unwrap_or(h))
            .collect();
        let mut keys = flat.clone();
        keys.dedup();
        assert_eq!(keys, cuttings_wire::ARTICLE_KEYS);
    }
}
