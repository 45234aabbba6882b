//! Concurrency (issue #17, item 4): one writer and many readers at once (CLI `articles` and
//! `search`, and `serve`'s API), and readers never see a half-written state: every file is in
//! the records and in the index whole or not at all. A second writer fails with the lock
//! message, or waits with `--wait`, also when both race to create a new corpus.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::Value;
use util::gen::{make_documents, Rng, COMMON};
use util::http::Server;
use util::Dir;

/// Files of generated documents.
const FILES: usize = 10;

/// Article ids by source (sha256).
type BySource = BTreeMap<String, BTreeSet<String>>;

fn by_source<'a>(articles: impl Iterator<Item = &'a Value>) -> BySource {
    let mut map = BySource::new();
    for a in articles {
        map.entry(a["source"]["sha256"].as_str().unwrap().to_string())
            .or_default()
            .insert(a["id"].as_str().unwrap().to_string());
    }
    map
}

fn listed(dir: &Dir, corpus: &str) -> BySource {
    let run = dir.expect(0, &["--corpus", corpus, "articles", "--format", "jsonl"]);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    by_source(lines.iter())
}

/// The articles of one search for [`COMMON`] (which every generated article holds), all hits.
fn hits(search: &Value) -> BySource {
    let hits = search["hits"].as_array().unwrap();
    assert_eq!(hits.len() as u64, search["total"].as_u64().unwrap());
    by_source(hits.iter().map(|h| &h["article"]))
}

/// Every source seen is complete: what a reader saw of a file is all of it.
fn assert_whole(seen: &BySource, reference: &BySource, what: &str) {
    for (sha, ids) in seen {
        assert_eq!(
            Some(ids),
            reference.get(sha),
            "{what}: a file is half there ({} of its articles)",
            ids.len()
        );
    }
}

fn file(n: usize) -> String {
    format!("docs/file-{n:02}.jsonl")
}

#[test]
fn issue17_readers_never_see_half_a_file_while_a_writer_ingests() {
    let dir = Dir::new();
    make_documents(&dir, FILES, 12, &mut Rng(23));
    dir.expect(0, &["--corpus", "ref", "ingest", "--quiet", "docs"]);
    let reference = listed(&dir, "ref");
    assert_eq!(reference.len(), FILES);

    dir.expect(0, &["--corpus", "live", "ingest", "--quiet", &file(0)]);
    let server = Server::start(&dir, &["--corpus", "live"]);
    let done = AtomicBool::new(false);
    let observations = AtomicUsize::new(0);
    let most_seen = AtomicUsize::new(0);
    std::thread::scope(|s| {
        s.spawn(|| {
            for n in 1..FILES {
                dir.expect(0, &["--corpus", "live", "ingest", "--quiet", &file(n)]);
            }
            done.store(true, Ordering::SeqCst);
        });
        for _ in 0..2 {
            s.spawn(|| {
                while !done.load(Ordering::SeqCst) {
                    let seen = listed(&dir, "live");
                    assert_whole(&seen, &reference, "articles");
                    most_seen.fetch_max(seen.len(), Ordering::SeqCst);
                    let run = dir.run(&[
                        "--corpus", "live", "search", COMMON, "--limit", "1000", "--format", "json",
                    ]);
                    assert_eq!(run.code, 0, "{}", run.describe());
                    let found: Value = serde_json::from_str(&run.stdout).unwrap();
                    assert_whole(&hits(&found), &reference, "search");
                    observations.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        s.spawn(|| {
            while !done.load(Ordering::SeqCst) {
                let found = server.json(&format!("/api/search?q={COMMON}&limit=1000"));
                assert_whole(&hits(&found), &reference, "serve");
                observations.fetch_add(1, Ordering::SeqCst);
            }
        });
    });
    // The readers saw the corpus grow, not only its start and its end.
    let seen = most_seen.load(Ordering::SeqCst);
    eprintln!(
        "{} observations while {} files were ingested; readers saw up to {seen} files",
        observations.load(Ordering::SeqCst),
        FILES - 1
    );
    assert!(observations.load(Ordering::SeqCst) >= 4);
    assert_eq!(listed(&dir, "live"), reference);
    // And serve sees the end too (it reloads the index at most once a second).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let found = server.json(&format!("/api/search?q={COMMON}&limit=1000"));
    assert_eq!(hits(&found), reference);
}

fn spawn_ingest(dir: &Dir, corpus: &str, paths: &[&str], wait: bool) -> Child {
    let mut args = vec!["--corpus", corpus, "ingest", "--quiet"];
    if wait {
        args.push("--wait");
    }
    args.extend_from_slice(paths);
    dir.command(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> (i32, String) {
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn issue17_a_second_writer_fails_with_the_lock_message_or_waits() {
    let dir = Dir::new();
    make_documents(&dir, FILES, 12, &mut Rng(29));
    let first: Vec<String> = (0..FILES - 1).map(file).collect();
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let last = file(FILES - 1);

    // Two writers racing to create a new corpus: one of them creates it, the other is told.
    let a = spawn_ingest(&dir, "new", &first, false);
    let b = spawn_ingest(&dir, "new", &[&last], false);
    let (a, b) = (finish(a), finish(b));
    let refused = [&a, &b]
        .into_iter()
        .filter(|(code, err)| *code == 2 && err.contains("locked by another writer"))
        .count();
    let done = [&a, &b].into_iter().filter(|(code, _)| *code == 0).count();
    assert_eq!((refused, done), (1, 1), "{a:?}\n{b:?}");
    let (_, message) = if a.0 == 2 { &a } else { &b };
    assert!(message.contains("--wait"), "{message}");

    // The same race with --wait: both finish, one after the other, and all is there.
    let a = spawn_ingest(&dir, "waited", &first, true);
    let b = spawn_ingest(&dir, "waited", &[&last], true);
    let (a, b) = (finish(a), finish(b));
    assert_eq!((a.0, b.0), (0, 0), "{a:?}\n{b:?}");
    assert!(
        [&a, &b]
            .iter()
            .any(|(_, err)| err.contains("waiting for it")),
        "one of them waited: {a:?}\n{b:?}"
    );
    dir.expect(0, &["--corpus", "ref", "ingest", "--quiet", "docs"]);
    assert_eq!(listed(&dir, "waited"), listed(&dir, "ref"));
    let check = dir.run(&["--corpus", "waited", "check"]);
    assert_eq!(check.code, 0, "{}", check.describe());
}
