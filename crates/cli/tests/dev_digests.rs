//! The quality bar of issue 2, measured on the shared dev digests when `../shared` exists.
//!
//! For each kind of text dump (`raw`, `layout`, `seedlike`), every `N.<kind>.txt` is ingested alone
//! into its own corpus, `articles --format jsonl` is written to `N.jsonl`, and
//! `../shared/eval/score-digests.py` scores the lot against the gold files. The figures are printed
//! (run with `--nocapture` to see them) and checked against today's floors, or against the
//! thresholds of the issue with `CUTTINGS_ISSUE_BAR=1`.
//! `bench/score-dev.sh` does the same from the shell, with the scorer's full tables.
//!
//! Without `../shared` (a fresh clone elsewhere) every test here says it is skipping and passes.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::Dir;

/// The thresholds of issue 2, for every kind of dump.
const MIN_BOUNDARY_F1: f64 = 0.95;
const MIN_FIELD_ACCURACY: f64 = 0.90;
const MAX_FURNITURE_LEAK: f64 = 0.02;
const MAX_HYPHENATION_ERRORS_PER_1K: f64 = 0.5;

/// What cuttings reaches today, per kind, less a small margin: a regression below it fails.
/// Since issue #12 the dev digests are never trained or tuned on: the line-role model learned
/// from our own generated documents, so these are figures on unseen digests, and below the bars
/// of issues 2 and 3 (the rules before it reached them by being fitted to these twelve files).
/// Raise the floors as segmentation improves. `CUTTINGS_ISSUE_BAR=1` checks issue 2's
/// thresholds instead.
struct Floor {
    boundary_f1: f64,
    title: f64,
    date: f64,
    outlet: f64,
    authors: f64,
    max_leak: f64,
}

fn floor(kind: &str) -> Floor {
    if std::env::var_os("CUTTINGS_ISSUE_BAR").is_some() {
        return Floor {
            boundary_f1: MIN_BOUNDARY_F1,
            title: MIN_FIELD_ACCURACY,
            date: MIN_FIELD_ACCURACY,
            outlet: MIN_FIELD_ACCURACY,
            authors: MIN_FIELD_ACCURACY,
            max_leak: MAX_FURNITURE_LEAK,
        };
    }
    // Measured with roles.model of 2026-12-07 (boundary F1 / title / date / outlet / authors /
    // leak): raw .863/.803/.844/.754/.754/5.6 %, layout .920/.779/.910/.828/.754/5.2 %,
    // seed-like .890/.705/.680/.721/.730/7.0 %, pdf .988/.951/.975/.861/.893/5.0 %.
    match kind {
        "raw" => Floor {
            boundary_f1: 0.85,
            title: 0.79,
            date: 0.83,
            outlet: 0.74,
            authors: 0.74,
            max_leak: 0.065,
        },
        "layout" => Floor {
            boundary_f1: 0.91,
            title: 0.77,
            date: 0.90,
            outlet: 0.82,
            authors: 0.74,
            max_leak: 0.06,
        },
        "pdf" => Floor {
            boundary_f1: 0.98,
            title: 0.94,
            date: 0.965,
            outlet: 0.85,
            authors: 0.88,
            max_leak: 0.06,
        },
        _ => Floor {
            boundary_f1: 0.88,
            title: 0.69,
            date: 0.67,
            outlet: 0.71,
            authors: 0.72,
            max_leak: 0.08,
        },
    }
}

fn dev_digests() -> Option<PathBuf> {
    let dir = util::shared()?.join("dev-digests");
    if dir.is_dir() {
        Some(dir)
    } else {
        None
    }
}

/// Ingests every `N.<kind>.txt` (for kind `pdf`: every `N.pdf`) alone and writes its articles
/// to `out/N.jsonl`.
fn predict(gold_dir: &Path, kind: &str, out: &Path) -> usize {
    let suffix = if kind == "pdf" {
        ".pdf".to_string()
    } else {
        format!(".{kind}.txt")
    };
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().ends_with(&suffix))
        .collect();
    inputs.sort();
    for input in &inputs {
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        let stem = &name[..name.len() - suffix.len()];
        let dir = Dir::new();
        let input = input.to_str().unwrap();
        let run = dir.run(&["--corpus", "c", "ingest", "--quiet", input]);
        assert_eq!(run.code, 0, "{}", run.describe());
        let run = dir.run(&["--corpus", "c", "articles", "--format", "jsonl"]);
        assert!(run.code == 0 || run.code == 1, "{}", run.describe());
        // Every line must follow the output contract exactly.
        util::parse_articles(&run.stdout);
        std::fs::write(out.join(format!("{stem}.jsonl")), &run.stdout).unwrap();
    }
    inputs.len()
}

/// Scores `pred` with the shared scorer and returns its `overall` figures.
fn score(gold_dir: &Path, pred: &Path) -> serde_json::Value {
    let scorer = gold_dir.join("../eval/score-digests.py");
    let json = pred.join("score.json");
    let out = Command::new("python3")
        .arg(&scorer)
        .arg("--gold-dir")
        .arg(gold_dir)
        .arg("--pred")
        .arg(pred)
        .arg("--json")
        .arg(&json)
        .output()
        .expect("python3 runs");
    println!("{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        out.status.success(),
        "scorer failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    v["overall"].clone()
}

fn check_kind(kind: &str) {
    let Some(gold_dir) = dev_digests() else {
        println!("skipping: ../shared/dev-digests not found");
        return;
    };
    let pred = tempfile::Builder::new()
        .prefix(&format!("cuttings-dev-{kind}-"))
        .tempdir()
        .unwrap();
    let n = predict(&gold_dir, kind, pred.path());
    assert!(n > 0, "no *.{kind}.txt in {}", gold_dir.display());
    let o = score(&gold_dir, pred.path());
    let f = |k: &str| {
        o[k].as_f64()
            .unwrap_or_else(|| panic!("{k} missing in {o}"))
    };
    println!(
        "{kind}: {n} digests, boundary F1 {:.3} (P {:.3}, R {:.3}), title {:.3}, date {:.3}, outlet {:.3}, authors {:.3}, body F1 {:.3}, furniture leak {:.4}, hyphenation errors {:.2}/1k words",
        f("boundary_f1"),
        f("boundary_precision"),
        f("boundary_recall"),
        f("title_accuracy"),
        f("date_accuracy"),
        f("outlet_accuracy"),
        f("authors_accuracy"),
        f("body_f1_mean"),
        f("furniture_leak_rate"),
        f("hyphenation_errors_per_1k_words"),
    );
    let mut failures = Vec::new();
    let mut at_least = |k: &str, min: f64| {
        if f(k) < min {
            failures.push(format!("{k} {:.3} < {min}", f(k)));
        }
    };
    let bar = floor(kind);
    at_least("boundary_f1", bar.boundary_f1);
    at_least("title_accuracy", bar.title);
    at_least("date_accuracy", bar.date);
    at_least("outlet_accuracy", bar.outlet);
    at_least("authors_accuracy", bar.authors);
    if f("furniture_leak_rate") > bar.max_leak {
        failures.push(format!(
            "furniture_leak_rate {:.4} > {}",
            f("furniture_leak_rate"),
            bar.max_leak
        ));
    }
    if f("hyphenation_errors_per_1k_words") > MAX_HYPHENATION_ERRORS_PER_1K {
        failures.push(format!(
            "hyphenation_errors_per_1k_words {:.2} > {MAX_HYPHENATION_ERRORS_PER_1K}",
            f("hyphenation_errors_per_1k_words")
        ));
    }
    assert!(
        failures.is_empty(),
        "{kind} dumps below the floor: {}",
        failures.join("; ")
    );
}

#[test]
fn dev_digests_raw() {
    check_kind("raw");
}

#[test]
fn dev_digests_layout() {
    check_kind("layout");
}

#[test]
fn dev_digests_seedlike() {
    check_kind("seedlike");
}

/// The PDFs themselves, read by `cuttings-pdf` (issue #3).
#[test]
#[cfg(feature = "pdf")]
fn dev_digests_pdf() {
    check_kind("pdf");
}

/// What the real digest prints for a piece: date, outlet, authors, how the title starts.
type Printed = (
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    Option<&'static str>,
);

/// Pieces of the real sample found whole by the line-role model today (of seven: only piece 7;
/// the others lose their title to the masthead or take a neighbour's outlet line, issue #12).
const MIN_WHOLE_PIECES: usize = 1;

/// The real digest of August 2017 holds seven pieces.
#[test]
fn real_sample_digest_2017_08() {
    let Some(sample) = util::shared()
        .map(|s| s.join("samples/digest-2017-08.txt"))
        .filter(|p| p.is_file())
    else {
        println!("skipping: ../shared/samples/digest-2017-08.txt not found");
        return;
    };
    let dir = Dir::new();
    dir.expect(0, &["ingest", "--quiet", sample.to_str().unwrap()]);
    let articles = dir.articles(&[]);
    for a in &articles {
        println!(
            "{} | {} | {} | {}",
            a.title.as_deref().unwrap_or("-"),
            a.date.as_deref().unwrap_or("-"),
            a.outlet.as_deref().unwrap_or("-"),
            a.authors.join("; ")
        );
    }
    // The line-role model (issue #12) finds six of the seven today: piece 5, which prints no
    // headline, runs into piece 4. Held at what it reaches; seven is the goal.
    assert!(
        (6..=8).contains(&articles.len()),
        "the real sample holds seven articles, got {}",
        articles.len()
    );
    // What the digest prints for each piece (read off the page by hand): date, outlet, authors,
    // and how the title starts. Piece 5 prints no headline; pieces 1, 3 and 7 name no outlet.
    let printed: [Printed; 7] = [
        (
            "2017-08-29",
            None,
            &[],
            Some("Letter of the families of MEK members"),
        ),
        (
            "2017-08-16",
            Some("Gazeta Impakt"),
            &["Kastriot Myftaraj"],
            Some("Albania is virtually in a state of war"),
        ),
        (
            "2017-08-28",
            None,
            &["Mazda Parsi"],
            Some("The MEK: Masters of Propaganda"),
        ),
        (
            "2017-08-20",
            Some("Guido Fawkes"),
            &[],
            Some("Toby Perkins, Labour, Chesterfield MP"),
        ),
        (
            "2017-08-07",
            Some("New Delhi Times"),
            &["Ankit Srivastava"],
            None,
        ),
        (
            "2017-08-09",
            Some("The Moshe Dyan Center, Tel Aviv university"),
            &["Raz Zimmt"],
            Some("Hate Mojahedin-e Khalq: SNS Respond to a Conference of the Iranian Opposition"),
        ),
        ("2017-08-27", None, &[], Some("My dear son will return")),
    ];
    // Each printed piece found whole: an article with its date, outlet, authors and title.
    let whole = |(date, outlet, authors, title): &Printed| {
        articles.iter().any(|a| {
            a.date.as_deref() == Some(*date)
                && a.outlet.as_deref() == *outlet
                && a.authors == *authors
                && match title {
                    Some(t) => a.title.as_deref().is_some_and(|got| got.starts_with(t)),
                    None => a.title.is_none(),
                }
        })
    };
    let found: Vec<usize> = (0..printed.len())
        .filter(|&n| whole(&printed[n]))
        .map(|n| n + 1)
        .collect();
    println!("pieces found whole: {found:?}");
    assert!(
        found.len() >= MIN_WHOLE_PIECES,
        "pieces found whole: {found:?}"
    );
    // The byline under piece 5's outlet is metadata, not its first line.
    assert!(
        articles
            .iter()
            .any(|a| a.body.starts_with("When the deadliest")),
        "piece 5's byline is not its first line"
    );
    // Not held today: piece 6 should end with its own text ("searing national trauma."), without
    // the signature and the scrap after it on the next page.
}
