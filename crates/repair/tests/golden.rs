//! Golden tests: `test_data/NAME.FLAVOR.txt` is a dump read as plain lines, repaired with flavor
//! FLAVOR as one body; `test_data/NAME.FLAVOR.expected` is the text it must become, paragraphs
//! separated by a blank line. Regenerate with `UPDATE_EXPECT=1 cargo test -p cuttings-repair`.

mod common;

use std::path::Path;

use cuttings_model::{Flavor, Source};
use cuttings_repair::{plain_lines, repair, vocabulary};

fn flavor(name: &str) -> Flavor {
    match name {
        "raw" => Flavor::Raw,
        "layout" => Flavor::Layout,
        "seedlike" => Flavor::Seedlike,
        "plain" => Flavor::Plain,
        other => panic!("unknown flavor {other:?} in a fixture name"),
    }
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let mut failed = Vec::new();
    for path in paths {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let fl = flavor(stem.rsplit('.').next().unwrap());
        let src = Source::from_text(
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        );
        let lines = plain_lines(&src);
        let out = repair(&src, &lines, fl, &vocabulary(&src, &lines));
        common::check_invariants(&src, &lines, &out);
        let got = format!("{}\n", out.text);
        let expected_path = path.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != got {
            eprintln!("--- {}\n+++ got\n{got}", expected_path.display());
            failed.push(stem);
        }
    }
    assert!(
        failed.is_empty(),
        "fixtures differ (UPDATE_EXPECT=1 to accept): {failed:?}"
    );
}
