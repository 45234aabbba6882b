//! The fuzz corpus replayed (issue #17): every input kept in `fuzz/corpus/TARGET/` or a seed
//! folder of `fuzz/seeds.txt` (seeds, and
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

/// The inputs of a target: its folder of the fuzz corpus and the seed folders `fuzz/seeds.txt`
/// names for it.
fn inputs(name: &str) -> Vec<std::path::PathBuf> {
    let root = util::workspace();
    let seeds = std::fs::read_to_string(root.join("fuzz/seeds.txt")).unwrap();
    let mut folders = vec![root.join("fuzz/corpus").join(name)];
    for line in seeds.lines().filter(|l| !l.starts_with('#')) {
        if let Some((target, folder)) = line.split_once(' ') {
            if target == name {
                folders.push(root.join(folder.trim()));
            }
        }
    }
    let mut files = Vec::new();
    for dir in folders.iter().filter(|d| d.exists()) {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_kept_input_is_read_without_a_crash() {
    let mut total = 0;
    for (name, target) in TARGETS {
        let files = inputs(name);
        assert!(
            !files.is_empty(),
            "fuzz target {name}: no inputs in fuzz/corpus/{name}/ or its seeds (fuzz/seeds.txt)"
        );
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
