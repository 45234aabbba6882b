//! Crash safety (issue #17, item 3): `ingest`, `reindex` and `alias` are killed with SIGKILL at
//! random moments. After each kill the corpus opens and `cuttings check` tells whether what
//! derives from the records is behind; re-running the command (after `check --repair` in every
//! other trial) ends with exactly what a clean run gives: the same articles, none lost and none
//! duplicated, the same entities, and search finds them all.
//!
//! The moments are drawn from a seeded generator (`CUTTINGS_CRASH_SEED` overrides the seed, which
//! every failure message prints) over the time a clean run of the command takes here, half of
//! them in its second half, where the writing is.

mod util;

use std::process::Stdio;
use std::time::{Duration, Instant};

use util::gen::{make_documents, Rng, COMMON};
use util::{copy_dir, Dir};

fn seed() -> u64 {
    std::env::var("CUTTINGS_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(17)
}

/// What a finished run leaves, compared between a clean run and a run after a kill.
#[derive(Debug, PartialEq)]
struct State {
    /// Every article as `articles --format jsonl` prints it, sorted by id.
    articles: Vec<serde_json::Value>,
    /// The entities, as `entities --format jsonl` lists them.
    entities: String,
    /// Hits of a search for [`COMMON`].
    found: u64,
}

fn state(dir: &Dir, corpus: &str) -> State {
    let run = dir.expect(0, &["--corpus", corpus, "articles", "--format", "jsonl"]);
    let mut articles: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    articles.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let entities = dir
        .expect(
            0,
            &[
                "--corpus", corpus, "entities", "--top", "1000", "--format", "jsonl",
            ],
        )
        .stdout;
    let search = dir.expect(
        0,
        &["--corpus", corpus, "search", COMMON, "--format", "json"],
    );
    assert!(
        !search.stderr.contains("warning"),
        "a clean corpus warns: {}",
        search.describe()
    );
    let found = serde_json::from_str::<serde_json::Value>(&search.stdout).unwrap()["total"]
        .as_u64()
        .unwrap();
    State {
        articles,
        entities,
        found,
    }
}

/// `check --format json` after a kill: the corpus must open, and a difference is reported as such
/// (status 3), never as an error. Returns whether it found one.
fn check_after_kill(dir: &Dir, corpus: &str, what: &str) -> bool {
    let run = dir.run(&["--corpus", corpus, "check", "--format", "json"]);
    assert!(
        run.code == 0 || run.code == 3,
        "{what}: check could not open the corpus\n{}",
        run.describe()
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let clean = report["found"]["clean"].as_bool().unwrap();
    assert_eq!(clean, run.code == 0, "{what}: {}", run.describe());
    !clean
}

fn assert_clean(dir: &Dir, corpus: &str, what: &str) {
    let run = dir.run(&["--corpus", corpus, "check", "--format", "json"]);
    assert_eq!(run.code, 0, "{what}: not clean\n{}", run.describe());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["found"]["articles"], report["found"]["documents"]);
}

/// Runs `args` and kills it with SIGKILL after `after`; returns whether it was still running.
fn kill_after(dir: &Dir, args: &[&str], after: Duration) -> bool {
    let mut child = dir
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap();
    child.wait().unwrap();
    running
}

/// How long `args` takes when left alone.
fn timed(dir: &Dir, args: &[&str]) -> Duration {
    let start = Instant::now();
    dir.expect(0, args);
    start.elapsed()
}

/// A command to kill: how to prepare its corpus, its arguments for a corpus, and whether a
/// re-run's failure is expected (the killed run had done its work already).
struct Killed<'a> {
    name: &'static str,
    setup: &'a dyn Fn(&str),
    args: &'a dyn Fn(&str) -> Vec<String>,
    again_ok: &'a dyn Fn(&Dir, &str, &util::Run) -> bool,
}

/// Kills the command (run on a fresh `setup` corpus each time) at `trials` random moments within
/// `span`, and checks that the corpus survives and that running the command again ends as
/// `clean` does. Returns how many kills hit a running process and how many left a difference.
fn kill_trials(
    dir: &Dir,
    killed: &Killed,
    trials: usize,
    clean: &State,
    span: Duration,
) -> (usize, usize) {
    let Killed {
        name,
        setup,
        args,
        again_ok,
    } = killed;
    let mut r = Rng(seed() ^ (name.len() as u64 * 0x9e37_79b9));
    let (mut killed_running, mut differences) = (0, 0);
    for trial in 0..trials {
        let corpus = format!("{name}-{trial}");
        setup(&corpus);
        let argv = args(&corpus);
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        // Half of the moments anywhere in the run, half in its second half, where the records
        // are written, the index committed and the articles linked.
        let span = span.as_micros() as usize;
        let late = (trial / 2) % 2 == 1;
        let micros = if late {
            span / 2 + r.below(span / 2 + 1)
        } else {
            r.below(span + 1)
        } as u64;
        let what = format!(
            "{name} trial {trial}, killed after {micros} µs (seed {})",
            seed()
        );
        killed_running += usize::from(kill_after(dir, &argv, Duration::from_micros(micros)));
        // Killed before it created the database: nothing was written, nothing to check.
        let created = dir.path().join(&corpus).join("corpus.sqlite").exists();
        if created && check_after_kill(dir, &corpus, &what) {
            differences += 1;
        }
        if trial % 2 == 1 && created {
            let repair = dir.run(&["--corpus", &corpus, "check", "--repair", "--quiet"]);
            assert_eq!(repair.code, 0, "{what}: repair\n{}", repair.describe());
        }
        let again = dir.run(&argv);
        assert!(
            again.code == 0 || again_ok(dir, &corpus, &again),
            "{what}: the run again failed\n{}",
            again.describe()
        );
        assert_clean(dir, &corpus, &what);
        assert_eq!(&state(dir, &corpus), clean, "{what}");
        std::fs::remove_dir_all(dir.path().join(&corpus)).unwrap();
    }
    eprintln!(
        "{name}: {trials} kills, {killed_running} while running, {differences} left a difference \
         that check reported"
    );
    (killed_running, differences)
}

fn ingest_args(corpus: &str) -> Vec<String> {
    ["--corpus", corpus, "ingest", "--quiet", "docs", "samples"]
        .map(String::from)
        .to_vec()
}

/// A folder of generated documents and the samples, with a corpus `base` ingested cleanly.
fn fixture() -> (Dir, Duration) {
    let dir = Dir::new();
    // More files than `ingest` stores in one batch (64), so that a kill can fall between two.
    make_documents(&dir, 72, 3, &mut Rng(seed()));
    let args = ingest_args("base");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let took = timed(&dir, &args);
    (dir, took)
}

#[test]
fn issue17_ingest_killed_at_random_moments_loses_and_duplicates_nothing() {
    let (dir, took) = fixture();
    let clean = state(&dir, "base");
    assert!(clean.found >= 150, "{} hits", clean.found);
    let ingest = Killed {
        name: "ingest",
        setup: &|_| {},
        args: &ingest_args,
        again_ok: &|_, _, _| false,
    };
    let (running, _) = kill_trials(&dir, &ingest, 10, &clean, took);
    // The moments are drawn over a clean run's time; runs vary in speed on a busy machine.
    assert!(running >= 3, "only {running} kills hit a running ingest");
}

#[test]
fn issue17_reindex_and_alias_killed_at_random_moments_end_as_a_clean_run() {
    let (dir, _) = fixture();
    let base = dir.path().join("base");
    let setup = |corpus: &str| copy_dir(&base, &dir.path().join(corpus));

    let reindex = |corpus: &str| {
        ["--corpus", corpus, "reindex", "--quiet"]
            .map(String::from)
            .to_vec()
    };
    setup("reindexed");
    let took = timed(&dir, &["--corpus", "reindexed", "reindex", "--quiet"]);
    let clean = state(&dir, "reindexed");
    assert_eq!(clean, state(&dir, "base"), "a reindex changes nothing here");
    let killed = Killed {
        name: "reindex",
        setup: &setup,
        args: &reindex,
        again_ok: &|_, _, _| false,
    };
    kill_trials(&dir, &killed, 6, &clean, took);

    // Merge the two most mentioned people.
    let top = dir.expect(
        0,
        &[
            "--corpus", "base", "entities", "--type", "person", "--top", "2", "--format", "jsonl",
        ],
    );
    let names: Vec<String> = top
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["name"].to_string())
        .map(|n| n.trim_matches('"').to_string())
        .collect();
    assert_eq!(names.len(), 2, "{}", top.stdout);
    let alias = |corpus: &str| {
        vec![
            "--corpus".into(),
            corpus.into(),
            "alias".into(),
            "merge".into(),
            names[1].clone(),
            names[0].clone(),
        ]
    };
    setup("merged");
    let argv = alias("merged");
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let took = timed(&dir, &argv);
    let clean = state(&dir, "merged");
    assert_ne!(clean.entities, state(&dir, "base").entities);
    // A merge the killed run had already recorded is refused when made again, and nothing
    // changes; the log must then hold it once.
    let already = |dir: &Dir, corpus: &str, _: &util::Run| {
        let log = dir.expect(
            0,
            &["--corpus", corpus, "alias", "list", "--format", "jsonl"],
        );
        log.stdout.lines().count() == 1
    };
    let killed = Killed {
        name: "alias",
        setup: &setup,
        args: &alias,
        again_ok: &already,
    };
    kill_trials(&dir, &killed, 6, &clean, took);
}

#[test]
fn issue16_an_interrupted_reindex_goes_on_where_it_stopped() {
    let (dir, _) = fixture();
    let base = dir.path().join("base");
    copy_dir(&base, &dir.path().join("clean"));
    dir.expect(0, &["--corpus", "clean", "reindex", "--quiet"]);
    let clean = state(&dir, "clean");

    // As a reindex killed after its first transaction leaves it: the pass got to row 100.
    copy_dir(&base, &dir.path().join("resumed"));
    let db = rusqlite::Connection::open(dir.path().join("resumed/corpus.sqlite")).unwrap();
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('reextract_cursor', '100')",
        [],
    )
    .unwrap();
    drop(db);
    let run = dir.expect(0, &["--corpus", "resumed", "reindex"]);
    assert!(
        run.stderr
            .contains("going on with the interrupted reindex after 100 of"),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("re-extracted"), "{}", run.describe());
    let total = clean.articles.len();
    assert!(
        run.stderr
            .contains(&format!("{total} articles, {} re-extracted", total - 100)),
        "{}",
        run.describe()
    );
    assert_eq!(state(&dir, "resumed"), clean);
    // Done: the next one starts from the beginning.
    let run = dir.expect(0, &["--corpus", "resumed", "reindex"]);
    assert!(!run.stderr.contains("going on"), "{}", run.describe());
}
