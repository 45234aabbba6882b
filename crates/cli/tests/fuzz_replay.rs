//! The fuzz corpus replayed (issue #17): every input kept in `fuzz/corpus/TARGET/` (seeds, and
//! what `cargo fuzz` found interesting or crashing) goes through the body of its fuzz target in
//! `fuzz/targets.rs`, the code `cargo fuzz run TARGET` runs. An input that once crashed a
//! reader stays here and keeps failing this test if the bug comes back.

#[path = "../../../fuzz/targets.rs"]
mod targets;

mod util;

type Target = fn(&[u8]);

/// Every target and its body.
const TARGETS: [(&str, Target); 8] = [
    ("text", targets::text),
    ("segment_repair", targets::segment_repair),
    ("pdf", targets::pdf),
    ("html", targets::html),
    ("mhtml", targets::mhtml),
    ("jsonl", targets::jsonl),
    ("feed", targets::feed),
    ("query", targets::query),
];

#[test]
fn every_kept_input_is_read_without_a_crash() {
    let root = util::workspace().join("fuzz").join("corpus");
    let mut total = 0;
    for (name, target) in TARGETS {
        let dir = root.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (the fuzz corpus belongs in the repository)",
                    dir.display()
                )
            })
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{}: no inputs", dir.display());
        for f in &files {
            let data = std::fs::read(f).unwrap();
            // a panic names the input
            let run = std::panic::catch_unwind(|| target(&data));
            assert!(
                run.is_ok(),
                "fuzz target {name} panicked on {}",
                f.display()
            );
        }
        total += files.len();
    }
    assert!(total >= TARGETS.len());
}
