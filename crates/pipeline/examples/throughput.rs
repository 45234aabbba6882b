//! Development aid: runs `process` over the given files (already in memory) a number of times
//! on one thread and prints MB/s per stage.
//!
//! `cargo run --release -p cuttings-pipeline --example throughput -- ROUNDS FILE...`
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let sources: Vec<_> = args
        .map(|p| {
            cuttings_read::read_file(std::path::Path::new(&p), cuttings_read::DEFAULT_MAX_BYTES)
                .expect("read")
        })
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum::<usize>() * rounds;
    let _ = cuttings_repair::Lexicon::builtin();
    let (mut t_layout, mut t_segment, mut t_all) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for _ in 0..rounds {
        for s in &sources {
            let t = Instant::now();
            let layout = cuttings_read::layout(s);
            t_layout += t.elapsed();
            let t = Instant::now();
            let _seg = cuttings_segment::segment(s, &layout);
            t_segment += t.elapsed();
            let t = Instant::now();
            let _ = cuttings_pipeline::process(s);
            t_all += t.elapsed();
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{mb:.1} MB: layout {:.1} MB/s, segment {:.1} MB/s, whole pipeline {:.1} MB/s",
        mb / t_layout.as_secs_f64(),
        mb / t_segment.as_secs_f64(),
        mb / t_all.as_secs_f64()
    );
}
