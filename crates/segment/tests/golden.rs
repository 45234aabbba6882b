//! Golden tests: each `test_data/ok/NAME.txt` is segmented and rendered with every line marked
//! by its article and the role the line-role model gave it, next to `NAME.expected`. Regenerate
//! with `UPDATE_EXPECT=1 cargo test` (after retraining the model, review the differences: they
//! are what the new model does differently).
//!
//! Every fixture is also checked for the stage's invariants: spans in bounds and on character
//! boundaries, and kept + dropped = input (each non-blank byte in exactly one place).

use std::fmt::Write;
use std::path::Path;

use cuttings_model::{Segmented, Source, Span};

fn render(src: &Source, seg: &Segmented) -> String {
    // The role of each line (and its article), in source order.
    let mut roles: Vec<(Span, String)> = seg
        .lines
        .iter()
        .map(|l| {
            let role = match l.article {
                Some(k) => format!("a{} {}", k + 1, l.role),
                None => format!("drop {}", l.role),
            };
            (l.span, role)
        })
        .collect();
    roles.sort_by_key(|r| r.0);
    let mut out = String::new();
    for (n, d) in seg.drafts.iter().enumerate() {
        let _ = writeln!(
            out,
            "== article {} (pages {}-{}): title={:?} subtitle={:?} date={} outlet={:?} authors={:?}",
            n + 1,
            d.first_page,
            d.last_page,
            d.title.as_ref().map(|f| f.value.as_str()),
            d.subtitle.as_ref().map(|f| f.value.as_str()),
            d.date.map(|(d, _)| d.to_string()).unwrap_or_else(|| "-".into()),
            d.outlet.as_ref().map(|f| f.value.as_str()),
            d.authors.iter().map(|f| f.value.as_str()).collect::<Vec<_>>(),
        );
    }
    out.push_str("--\n");
    for (span, role) in &roles {
        let _ = writeln!(out, "{role:<22}| {}", src.slice(*span));
    }
    out
}

fn check_invariants(name: &str, src: &Source, seg: &Segmented) {
    let mut spans: Vec<Span> = Vec::new();
    for d in &seg.drafts {
        spans.extend(d.meta_lines.iter().map(|l| l.span));
        spans.extend(d.body.iter().map(|l| l.span));
        for f in d
            .title
            .iter()
            .chain(&d.subtitle)
            .chain(&d.outlet)
            .chain(&d.authors)
        {
            for s in &f.spans {
                assert!(
                    s.end <= src.text.len()
                        && src.text.is_char_boundary(s.start)
                        && src.text.is_char_boundary(s.end),
                    "{name}: field span {s} out of bounds"
                );
            }
        }
    }
    spans.extend(seg.dropped.iter().map(|d| d.span));
    spans.sort();
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{name}: spans {} and {} overlap",
            w[0],
            w[1]
        );
    }
    let mut covered = vec![false; src.text.len()];
    for s in &spans {
        assert!(s.end <= src.text.len(), "{name}: span {s} out of bounds");
        covered[s.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, b) in src.text.bytes().enumerate() {
        if !b.is_ascii_whitespace() && !covered[i] {
            let line_start = src.text[..i].rfind('\n').map_or(0, |p| p + 1);
            let line_end = src.text[i..].find('\n').map_or(src.text.len(), |p| i + p);
            panic!(
                "{name}: byte {i} is in no article and not dropped: {:?}",
                &src.text[line_start..line_end]
            );
        }
    }
}

#[test]
fn golden_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/ok");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut seen = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("test_data/ok")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        seen += 1;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let src = cuttings_read::decode(&name, &bytes).unwrap();
        let layout = cuttings_read::layout(&src);
        let seg = cuttings_segment::segment(&src, &layout);
        check_invariants(&name, &src, &seg);
        let got = render(&src, &seg);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} missing: run with UPDATE_EXPECT=1",
                expected_path.display()
            )
        });
        assert_eq!(
            got, want,
            "{name}: segmentation changed (UPDATE_EXPECT=1 to accept)"
        );
    }
    assert!(seen >= 2, "no fixtures found in {}", dir.display());
}

/// Lines built from pieces digests are made of, so the generator reaches every rule.
fn piece() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just("By Jane Roe and Tom Reyes, The Daily Example".to_string()),
        Just("August 16, 2017".to_string()),
        Just("Outlet Weekly | 5 May 2005".to_string()),
        Just("Source: Port Gazette".to_string()),
        Just("In this issue".to_string()),
        Just("Page 2 of 9".to_string()),
        Just("* * *".to_string()),
        Just("File photo: Somebody".to_string()),
        Just("Short Headline Here".to_string()),
        Just("\u{000c}".to_string()),
        Just(String::new()),
        Just(" leading space page".to_string()),
        "[A-Za-z \u{e9}\u{2019}\u{2014}£,.\"-]{0,90}",
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    #[test]
    fn any_text_keeps_the_invariants(pieces in proptest::collection::vec(piece(), 0..60)) {
        let text = pieces.join("\n");
        if text.trim().is_empty() {
            return Ok(());
        }
        let src = Source::from_text("prop.txt", text);
        let layout = cuttings_read::layout(&src);
        let seg = cuttings_segment::segment(&src, &layout);
        check_invariants("prop.txt", &src, &seg);
    }
}

/// Regression: a metadata item joined over lines with a non-ASCII letter (found by the property
/// test above in CI) sliced a string inside a character.
#[test]
fn joined_metadata_with_accents() {
    let by = "By Jane Roe and Tom Reyes, The Daily Example";
    let mut lines = vec![
        by,
        "\u{c}",
        by,
        by,
        by,
        "Source: Port Gazette",
        "Source: Port Gazette",
    ];
    lines.extend([by; 7]);
    lines.extend(["August 16, 2017", by, "A,\u{e9}A .\u{2014}a", by, by]);
    lines.extend([
        " leading space page",
        "Source: Port Gazette",
        "* * *",
        "In this issue",
    ]);
    let src = Source::from_text("prop.txt", lines.join("\n"));
    let layout = cuttings_read::layout(&src);
    let seg = cuttings_segment::segment(&src, &layout);
    check_invariants("prop.txt", &src, &seg);
}
