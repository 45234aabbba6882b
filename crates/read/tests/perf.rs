//! Throughput check on a large generated `-layout` dump, gated by `CUTTINGS_PERF=1`.
//!
//! Run it in release: `CUTTINGS_PERF=1 cargo test -p cuttings-read --release --test perf -- --nocapture`.
//! It prints the time taken rather than asserting on it (timings vary by machine).

use std::time::Instant;

use cuttings_read::{layout, Flavor, Source};

/// One invented three-column page of about a hundred rows.
fn page(n: usize) -> String {
    let mut s = format!("Weekly Review                                        page {n}\n\n");
    for i in 0..100 {
        let w = |k: usize| format!("word{} text and more {}", (i * 7 + k) % 13, i % 5);
        s.push_str(&format!("{:<32}   {:<32}   {}\n", w(1), w(2), w(3)));
        if i % 9 == 8 {
            s.push('\n');
        }
    }
    s.push('\x0c');
    s
}

#[test]
fn hundred_megabytes() {
    if std::env::var("CUTTINGS_PERF").as_deref() != Ok("1") {
        eprintln!("perf: set CUTTINGS_PERF=1 to run");
        return;
    }
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 100 << 20 {
        n += 1;
        text.push_str(&page(n));
    }
    let source = Source::from_text("perf", text);
    let t = Instant::now();
    let l = layout(&source);
    let took = t.elapsed();
    assert_eq!(l.flavor, Some(Flavor::Layout));
    assert_eq!(l.pages.len(), n);
    assert!(l.pages.iter().all(|p| p.columns == 3));
    println!(
        "perf: {} MB, {} pages, {} lines in {:.2?}",
        source.text.len() >> 20,
        n,
        l.lines.len(),
        took
    );
}
