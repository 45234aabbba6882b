//! Golden tests: each `data/NAME.html` (pages we wrote in the styles of common CMSs) is extracted
//! and compared with `data/NAME.expected`; `UPDATE_EXPECT=1 cargo test -p cuttings-html` rewrites
//! the expected files. Every fixture is also checked for the span invariants.

use std::path::Path;

use cuttings_html::{decode, extract, Page};
use cuttings_model::{Source, Span};

fn render(page: &Page) -> String {
    let mut out = String::new();
    let field = |name: &str, v: Option<&str>| format!("{name}: {}\n", v.unwrap_or("-"));
    out += &field("title", page.title.as_ref().map(|f| f.value.as_str()));
    out += &field("subtitle", page.subtitle.as_ref().map(|f| f.value.as_str()));
    out += &field("date", page.date.map(|d| d.0.to_string()).as_deref());
    out += &field("outlet", page.outlet.as_ref().map(|f| f.value.as_str()));
    let authors: Vec<&str> = page.authors.iter().map(|f| f.value.as_str()).collect();
    out += &field(
        "authors",
        Some(&authors.join("; "))
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str()),
    );
    out += &field("language", page.language.as_deref());
    out += &field("url", page.url.as_deref());
    out += "--- body\n";
    out += &page.body.text;
    out += "\n";
    out
}

fn check_span(src: &Source, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= src.text.len(),
        "{what}: {s} out of bounds"
    );
    assert!(
        src.text.is_char_boundary(s.start) && src.text.is_char_boundary(s.end),
        "{what}: {s} splits a character"
    );
}

/// Spans in bounds, and every copied run of the body equals the source bytes it maps to.
fn check_invariants(src: &Source, page: &Page) {
    for (name, f) in [
        ("title", &page.title),
        ("subtitle", &page.subtitle),
        ("outlet", &page.outlet),
    ] {
        if let Some(f) = f {
            for s in &f.spans {
                check_span(src, *s, name);
            }
        }
    }
    for a in &page.authors {
        for s in &a.spans {
            check_span(src, *s, "author");
        }
    }
    if let Some((_, s)) = page.date {
        check_span(src, s, "date");
    }
    for p in &page.body.paragraphs {
        check_span(src, *p, "paragraph");
    }
    for &(b, s, l) in &page.body.map.runs {
        assert_eq!(
            &page.body.text[b..b + l],
            &src.text[s..s + l],
            "body run {b}+{l} <- {s}"
        );
    }
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "mhtml"))
        .collect();
    names.sort();
    assert!(names.len() >= 6);
    let mut failures = Vec::new();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let src = decode(&path.display().to_string(), &bytes, None).unwrap();
        let page = extract(&src, None);
        check_invariants(&src, &page);
        let got = render(&page);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- want\n{want}\n--- got\n{got}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn mhtml_archive() {
    let page = "<html><head><title>Saved</title></head><body><article><p>A page saved as a single file by a browser, with its text encoded as quoted-printable =\r\nlines.</p></article></body></html>";
    let qp = page.replace('=', "=3D").replace("=3D\r\n", "=\r\n");
    let m = format!("From: <Saved by a browser>\r\nSnapshot-Content-Location: https://example.org/saved\r\nSubject: Saved\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--x\"\r\n\r\n------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://example.org/saved\r\n\r\n{qp}\r\n\r\n------MultipartBoundary--x--\r\n");
    let src = decode("saved.mhtml", m.as_bytes(), None).unwrap();
    assert!(src.text.starts_with("<html>"));
    let page = extract(&src, None);
    assert!(
        page.body.text.starts_with("A page saved as a single file"),
        "{}",
        page.body.text
    );
    check_invariants(&src, &page);
}
