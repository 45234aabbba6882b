//! Speed-ups change no output (issue #16): `process` is run on every fixture we own (the bundled
//! `samples/`, text dumps and PDF, the segmenter's golden fixtures under
//! `crates/segment/test_data/ok/`), on digests generated from them, and on the dev digests
//! (`../shared/dev-digests/*.txt` and `*.pdf`) when present, and a 64-bit FNV-1a hash of
//! everything it returns (`{:#?}` of `Processed`: articles with their fields, spans, offset maps,
//! confidences, names and quotations; dropped spans; diagnostics; every line's role) is compared
//! with the hash recorded in `tests/data/same-output.txt`.
//!
//! A change of output that is meant (a new feature, a retrained model) is recorded with
//! `UPDATE_EXPECT=1 cargo test -p cuttings-pipeline --test same_output`; a speed-up must pass
//! without it. Only hashes are committed, so no text of the dev digests enters the repository.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const EXPECTED: &str = "tests/data/same-output.txt";

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The hash of everything `process` makes of `text` read as the file `name`.
fn output_hash(name: &str, bytes: &[u8]) -> u64 {
    let source = cuttings_pipeline::decode(name, bytes, None).expect("decodes");
    let out = cuttings_pipeline::process(&source);
    fnv(format!("{out:#?}").as_bytes())
}

fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    out.sort();
    out
}

/// Digests made from our own texts: all of them joined with form feeds (a long many-page
/// dump), and each with lines dropped and repeated by a fixed pseudo-random sequence (odd
/// documents the segmenter must still read the same way).
fn generated(own: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let texts: Vec<String> = own
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    out.push((
        "generated/joined.txt".to_string(),
        texts.join("\n\u{c}").into_bytes(),
    ));
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for (k, text) in texts.iter().enumerate() {
        let mut lines = Vec::new();
        for line in text.lines() {
            match next() % 10 {
                0 => {}
                1 => {
                    lines.push(line);
                    lines.push(line);
                }
                _ => lines.push(line),
            }
        }
        out.push((
            format!("generated/varied-{k:03}.txt"),
            lines.join("\n").into_bytes(),
        ));
    }
    out
}

fn inputs() -> (Vec<(String, Vec<u8>)>, bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut own = Vec::new();
    for dir in ["samples", "crates/segment/test_data/ok"] {
        for p in files(&root.join(dir), ".txt") {
            let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
            own.push((name, std::fs::read(&p).unwrap()));
        }
    }
    assert!(
        own.len() > 3,
        "the bundled samples and fixtures are missing"
    );
    let mut all = own.clone();
    all.extend(generated(&own));
    // PDFs go through the same segmenter with the boxes of their words.
    for p in files(&root.join("samples"), ".pdf") {
        let name = format!("samples/{}", p.file_name().unwrap().to_string_lossy());
        all.push((name, std::fs::read(&p).unwrap()));
    }
    let mut dev = files(&root.join("../shared/dev-digests"), ".txt");
    dev.extend(files(&root.join("../shared/dev-digests"), ".pdf"));
    let has_dev = !dev.is_empty();
    for p in dev {
        let name = format!("dev-digests/{}", p.file_name().unwrap().to_string_lossy());
        all.push((name, std::fs::read(&p).unwrap()));
    }
    (all, has_dev)
}

fn read_expected(path: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(n, h)| (n.to_string(), h.to_string()))
        .collect()
}

#[test]
fn process_gives_the_recorded_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXPECTED);
    let (inputs, has_dev) = inputs();
    if !has_dev {
        eprintln!("../shared/dev-digests absent: checking our own texts only");
    }
    let got: BTreeMap<String, String> = inputs
        .iter()
        .map(|(name, bytes)| (name.clone(), format!("{:016x}", output_hash(name, bytes))))
        .collect();
    let mut expected = read_expected(&path);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        expected.extend(got);
        let mut text = String::from(
            "# FNV-1a of `{:#?}` of `process` per input (tests/same_output.rs); UPDATE_EXPECT=1 rewrites\n",
        );
        for (n, h) in &expected {
            text.push_str(&format!("{n} {h}\n"));
        }
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let mut changed = Vec::new();
    for (name, hash) in &got {
        match expected.get(name) {
            Some(h) if h == hash => {}
            Some(_) => changed.push(format!("{name}: output changed")),
            None => changed.push(format!("{name}: no recorded output (UPDATE_EXPECT=1)")),
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}
