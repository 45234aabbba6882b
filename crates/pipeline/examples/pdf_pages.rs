//! Development aid for `bench/pdf.sh`: reads PDFs (`cuttings-pdf`) and segments them, a number
//! of times, and prints pages per second (the pages of a file are read on all cores; set
//! `RAYON_NUM_THREADS=1` for one).
//!
//! `cargo run --release -p cuttings-pipeline --example pdf_pages -- ROUNDS FILE...`
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let files: Vec<(String, Vec<u8>)> = args
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    let (mut t_read, mut t_segment) = (Duration::ZERO, Duration::ZERO);
    let mut pages = 0usize;
    for _ in 0..rounds {
        for (path, bytes) in &files {
            let t = Instant::now();
            let pdf = cuttings_pdf::read(path, bytes, &cuttings_pdf::Limits::default())
                .expect("a readable pdf");
            t_read += t.elapsed();
            let t = Instant::now();
            let seg = cuttings_segment::segment(&pdf.source, pdf.layout());
            t_segment += t.elapsed();
            pages += pdf.pages.len();
            assert!(!seg.drafts.is_empty(), "{path}: no article");
        }
    }
    let total = (t_read + t_segment).as_secs_f64();
    println!(
        "{pages} pages: read {:.3} s, segment {:.3} s, {:.1} pages/s",
        t_read.as_secs_f64(),
        t_segment.as_secs_f64(),
        pages as f64 / total
    );
}
