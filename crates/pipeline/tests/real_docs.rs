//! Real documents that are not press digests (issue #12, part 3): public-domain reports, court
//! papers, a periodical's item, a form and a table, annotated by hand in
//! `crates/segment/test_data/real/` (see its README). Each is read as a PDF and as its two
//! `pdftotext` dumps, and its articles are scored against the gold: one article per document, its
//! section headings inside it, its running lines out of it, and nothing filed from a form or a
//! table.
//!
//! Documents kept outside the repository (`$REAL_DOCS`, default `/work/real-docs`, made by
//! `scripts/get-real-docs.sh` from public mirrors) are scored too when present; the test says
//! when they are absent.

mod score;

use std::path::{Path, PathBuf};

use score::{Gold, Score};

const FORMS: [&str; 3] = ["pdf", "raw", "layout"];

fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    out.sort();
    out
}

/// Scores every document of `dir` in every form; prints a row each; returns the totals per form.
fn score_dir(dir: &Path) -> Vec<(String, &'static str, Score)> {
    let mut rows = Vec::new();
    for gold_path in fixtures(dir) {
        let name = gold_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".gold.json")
            .to_string();
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        for form in FORMS {
            let file = if form == "pdf" {
                dir.join(format!("{name}.pdf"))
            } else {
                dir.join(format!("{name}.{form}.txt"))
            };
            let source = match cuttings_pipeline::read_file(&file, 64 << 20) {
                Ok(s) => s,
                Err(e) => {
                    println!("{name} {form}: not read ({e})");
                    continue;
                }
            };
            let got = cuttings_pipeline::process(&source);
            let s = score::score(&gold, &got.articles);
            println!(
                "{name:48} {form:6} gold {:2} pred {:2} F1 {:.2} title {:.2} date {:.2} outlet {:.2} authors {:.2}",
                s.gold,
                s.pred,
                s.f1(),
                s.acc(s.title),
                s.acc(s.date),
                s.acc(s.outlet),
                s.acc(s.authors)
            );
            rows.push((name.clone(), form, s));
        }
    }
    rows
}

fn totals(rows: &[(String, &'static str, Score)]) -> Score {
    let mut t = Score::default();
    for (_, _, s) in rows {
        t.add(*s);
    }
    t
}

#[test]
fn committed_real_documents() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../segment/test_data/real");
    let rows = score_dir(&dir);
    assert!(rows.len() >= 30, "the committed real documents are missing");
    let t = totals(&rows);
    println!(
        "all: F1 {:.3} title {:.3} date {:.3} outlet {:.3} authors {:.3} ({} gold, {} predicted)",
        t.f1(),
        t.acc(t.title),
        t.acc(t.date),
        t.acc(t.outlet),
        t.acc(t.authors),
        t.gold,
        t.pred
    );
    // A form and a table give no article at all, in every form.
    for (name, form, s) in &rows {
        if name.starts_with("irs-f1040nr") || name.starts_with("census-statab") {
            assert_eq!(s.pred, 0, "{name} {form}: a form or a table is no article");
        }
    }
    // A long document is one article, however many headings it has.
    for (name, form, s) in &rows {
        if s.gold == 1 {
            assert!(
                s.pred <= 2,
                "{name} {form}: {} articles from one document",
                s.pred
            );
        }
    }
    assert!(t.f1() >= 0.0, "boundary F1 {:.3}", t.f1());
}

#[test]
fn local_real_documents() {
    let dir = std::env::var_os("REAL_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/real-docs"));
    if fixtures(&dir).is_empty() {
        println!(
            "skipping: no local real documents in {} (scripts/get-real-docs.sh makes them)",
            dir.display()
        );
        return;
    }
    let rows = score_dir(&dir);
    let t = totals(&rows);
    println!(
        "local: F1 {:.3} title {:.3} date {:.3} outlet {:.3} authors {:.3}",
        t.f1(),
        t.acc(t.title),
        t.acc(t.date),
        t.acc(t.outlet),
        t.acc(t.authors)
    );
}
