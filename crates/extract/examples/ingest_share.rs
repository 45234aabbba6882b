//! Where the time of the per-file pipeline goes (issue #16): `ingest_share FILE...`.
//!
//! Runs `cuttings_pipeline::process` on each file, one core (read, layout, segment, repair,
//! language, and the names and quotations of English bodies), then, on a fresh thread (whose
//! tagger remembers nothing yet), the names of the same bodies again: the tagger alone
//! (`Ner::entities`), and with aliases and quotations (`cuttings_pipeline::extract`). Prints
//! MB/s and each part's share of the pipeline. Storing is not in it: the corpus writer runs on a
//! thread of its own (see `Corpus::timings` and `bench/ingest.sh`).

use std::time::{Duration, Instant};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    assert!(!files.is_empty(), "usage: ingest_share FILE...");
    let ner = cuttings_extract::Ner::builtin().unwrap();
    let _ = cuttings_extract::extract("Warm up in Paris.");
    let (mut bytes, mut read, mut process) = (0, Duration::ZERO, Duration::ZERO);
    let mut articles = Vec::new();
    for f in &files {
        let t = Instant::now();
        let source =
            cuttings_read::read_file(std::path::Path::new(f), cuttings_read::DEFAULT_MAX_BYTES)
                .unwrap();
        read += t.elapsed();
        bytes += source.text.len();
        let t = Instant::now();
        let p = cuttings_pipeline::process(&source);
        process += t.elapsed();
        articles.extend(p.articles);
    }
    let english: Vec<_> = articles
        .into_iter()
        .filter(|a| a.language.as_deref().is_none_or(|l| l == "en"))
        .collect();
    let words: usize = english
        .iter()
        .map(|a| a.body.split_whitespace().count())
        .sum();
    let (tagger, names) = std::thread::scope(|s| {
        s.spawn(|| {
            let t = Instant::now();
            for a in &english {
                std::hint::black_box(ner.entities(&a.body));
            }
            let tagger = t.elapsed();
            let t = Instant::now();
            for a in &english {
                let mut a = a.clone();
                cuttings_pipeline::extract(&mut a);
                std::hint::black_box(a);
            }
            (tagger, t.elapsed())
        })
        .join()
        .unwrap()
    });
    let total = read + process;
    let mb = bytes as f64 / 1e6;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64();
    println!(
        "{} files, {mb:.1} MB, {} English articles, {words} words of body",
        files.len(),
        english.len()
    );
    println!(
        "pipeline (read + process): {:.2} s, {:.2} MB/s on one core",
        total.as_secs_f64(),
        mb / total.as_secs_f64()
    );
    println!(
        "  names, aliases, quotations: {:.2} s ({:.0} %), of which the tagger {:.2} s ({:.0} %, {:.0} k words/s)",
        names.as_secs_f64(),
        share(names),
        tagger.as_secs_f64(),
        share(tagger),
        words as f64 / tagger.as_secs_f64() / 1e3
    );
    let rest = total.saturating_sub(names);
    println!(
        "  the rest (read, layout, segment, repair, language): {:.2} s ({:.0} %)",
        rest.as_secs_f64(),
        share(rest)
    );
}
