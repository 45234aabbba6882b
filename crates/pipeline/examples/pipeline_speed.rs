//! Pipeline speed on one core (issue #16): `pipeline_speed ROUNDS FILE...`.
//!
//! Reads the files into memory, warms the built-in models up on a small text, then runs
//! `cuttings_pipeline::process` (layout, segment, repair, language, names and quotations) over
//! all of them `ROUNDS` times on this thread and prints MB/s; with `PIPELINE_HASH=1` also an
//! FNV-1a hash of everything the last round returned, so that two builds can be seen to give
//! the same output.
//!
//! With `ROUNDS` 0 it only reads and warms up: under `valgrind --tool=callgrind` the instructions
//! of a run with one round minus those of a run with none are the pipeline's (`bench/pipeline-speed.sh`).
//! It uses only the public API, so the benchmark builds it unchanged against older revisions.
use std::time::Instant;

fn fnv(h: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x0100_0000_01b3);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .expect("usage: pipeline_speed ROUNDS FILE...");
    let sources: Vec<_> = args
        .map(|p| {
            cuttings_pipeline::read_file(std::path::Path::new(&p), 64 << 20)
                .unwrap_or_else(|e| panic!("{p}: {e}"))
        })
        .collect();
    let warm = cuttings_model::Source::from_text(
        "warm.txt",
        "A Title Here\nAugust 16, 2017\nBy Jane Roe\n\nJohn Smith said in Paris: \"It works.\"\n",
    );
    std::hint::black_box(cuttings_pipeline::process(&warm));
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut last = Vec::new();
    let start = Instant::now();
    for _ in 0..rounds {
        last = sources.iter().map(cuttings_pipeline::process).collect();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    if rounds > 0 {
        println!(
            "{mb:.2} MB in {secs:.2} s: {:.3} MB/s on one core",
            mb / secs
        );
    }
    if std::env::var_os("PIPELINE_HASH").is_some() {
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        for out in &last {
            fnv(&mut hash, format!("{out:#?}").as_bytes());
        }
        println!("output hash {hash:016x}");
    }
}
