//! Golden tests: every `test_data/NAME.txt` is laid out and compared with `NAME.expected`.
//!
//! Each output line reads `p1 c0 gap fw +2 |text` (page, column, gap before, full width, indent,
//! text). Set `UPDATE_EXPECT=1` to rewrite the expected files. The invariants of
//! [`cuttings_read::layout`] are checked on every fixture too.

mod invariants;

use std::fmt::Write;
use std::path::Path;

use cuttings_read::{decode, layout, Source, TextLayout};

/// The readable form of a layout, as stored in `.expected` files.
fn render(source: &Source, l: &TextLayout) -> String {
    let mut out = String::new();
    let flavor = l.flavor.map_or("none", |f| f.as_str());
    writeln!(out, "flavor {flavor}").unwrap();
    for p in &l.pages {
        writeln!(
            out,
            "page {} columns {} bytes {}",
            p.number, p.columns, p.span
        )
        .unwrap();
    }
    for line in &l.lines {
        writeln!(
            out,
            "p{} c{} {} {} +{} |{}",
            line.page,
            line.column,
            if line.gap_before { "gap" } else { "   " },
            if line.full_width { "fw" } else { "  " },
            line.indent,
            source.slice(line.span)
        )
        .unwrap();
    }
    out
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let update = std::env::var("UPDATE_EXPECT").as_deref() == Ok("1");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut failed = Vec::new();
    for path in names {
        let bytes = std::fs::read(&path).unwrap();
        let source = decode(&path.display().to_string(), &bytes).unwrap();
        let l = layout(&source);
        invariants::check(&source.text, &l);
        let got = render(&source, &l);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            eprintln!("--- {} differs; got:\n{got}", expected_path.display());
            failed.push(expected_path);
        }
    }
    assert!(
        failed.is_empty(),
        "fixtures differ (UPDATE_EXPECT=1 rewrites): {failed:?}"
    );
}
