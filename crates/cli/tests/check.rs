//! `cuttings check` (issue #17, items 3 and 7): it reports each way the full-text index can
//! disagree with the records, reading commands that search warn when articles wait for the
//! index, and `check --repair` makes everything agree again.

mod util;

use serde_json::Value;
use util::{copy_dir, Dir};

/// `check --format json` with the status it must end with; returns the report of what it found.
fn check(dir: &Dir, corpus: &str, code: i32) -> Value {
    let run = dir.expect(code, &["--corpus", corpus, "check", "--format", "json"]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["found"]["clean"], code == 0, "{}", run.describe());
    report["found"].clone()
}

/// `check --repair` ends clean, and `check` agrees afterwards.
fn repair(dir: &Dir, corpus: &str) {
    let run = dir.expect(
        0,
        &["--corpus", corpus, "check", "--repair", "--format", "json"],
    );
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["after"]["clean"], true, "{}", run.describe());
    let found = check(dir, corpus, 0);
    assert_eq!(found["articles"], found["documents"]);
}

fn replace_index(dir: &Dir, corpus: &str, from: &str) {
    let index = dir.path().join(corpus).join("index");
    std::fs::remove_dir_all(&index).unwrap();
    copy_dir(&dir.path().join(from), &index);
}

fn a_jsonl_article() -> &'static str {
    "{\"title\":\"Ferry fares\",\"outlet\":\"The Courier\",\"date\":\"2021-03-02\",\
     \"body\":\"The Quillmoor harbour board raised ferry fares on Tuesday, the second rise this year.\"}\n"
}

#[test]
fn issue17_check_reports_what_the_index_lacks_or_has_too_much_and_repairs_it() {
    let dir = Dir::new();
    dir.create("more/extra.jsonl", a_jsonl_article().as_bytes());
    dir.expect(0, &["--corpus", "a", "ingest", "--quiet", "samples"]);
    dir.expect(
        0,
        &["--corpus", "b", "ingest", "--quiet", "samples", "more"],
    );
    let clean = check(&dir, "a", 0);
    let articles = clean["articles"].as_u64().unwrap();
    assert!(articles >= 10, "{clean}");
    assert_eq!(clean["documents"], articles);
    copy_dir(&dir.path().join("a/index"), &dir.path().join("a-index"));

    // Documents without records: b's index (one more article) in a.
    replace_index(&dir, "a", "b/index");
    let found = check(&dir, "a", 3);
    assert_eq!(found["orphans"]["count"], 1, "{found}");
    assert_eq!(found["missing"]["count"], 0, "{found}");
    repair(&dir, "a");

    // Records without documents: a's index in b.
    replace_index(&dir, "b", "a-index");
    let found = check(&dir, "b", 3);
    assert_eq!(found["missing"]["count"], 1, "{found}");
    let id = found["missing"]["ids"][0].as_str().unwrap().to_string();
    let table = dir.expect(3, &["--corpus", "b", "check"]);
    assert!(
        table.stdout.contains("not in the full-text index") && table.stdout.contains(&id),
        "{}",
        table.describe()
    );
    repair(&dir, "b");
    let hits = dir.expect(
        0,
        &["--corpus", "b", "search", "quillmoor", "--format", "json"],
    );
    assert_eq!(
        serde_json::from_str::<Value>(&hits.stdout).unwrap()["total"],
        1
    );

    // Articles waiting for the index, as a writer killed between the records' commit and the
    // index's leaves them: searches say so.
    let db = rusqlite::Connection::open(dir.path().join("a/corpus.sqlite")).unwrap();
    db.execute(
        "UPDATE articles SET indexed = 0 WHERE seq IN (SELECT seq FROM articles LIMIT 3)",
        [],
    )
    .unwrap();
    drop(db);
    let found = check(&dir, "a", 3);
    assert_eq!(found["unindexed"], 3, "{found}");
    let search = dir.run(&["--corpus", "a", "search", "the"]);
    assert!(
        search
            .stderr
            .contains("3 articles of a are not in the full-text index")
            && search.stderr.contains("cuttings check --repair"),
        "{}",
        search.describe()
    );
    repair(&dir, "a");
    let search = dir.run(&["--corpus", "a", "search", "the"]);
    assert!(!search.stderr.contains("warning"), "{}", search.describe());

    // No index at all.
    std::fs::remove_dir_all(dir.path().join("a/index")).unwrap();
    let found = check(&dir, "a", 3);
    assert!(
        found["index_error"].as_str().unwrap().contains("missing"),
        "{found}"
    );
    assert_eq!(found["articles"], articles);
    repair(&dir, "a");
}

#[test]
fn issue17_check_of_a_corpus_whose_creation_was_interrupted() {
    let dir = Dir::new();
    // An empty database is what a writer killed while creating the corpus leaves.
    std::fs::create_dir(dir.path().join("c")).unwrap();
    std::fs::write(dir.path().join("c/corpus.sqlite"), b"").unwrap();
    let found = check(&dir, "c", 3);
    assert_eq!(found["unfinished"], true, "{found}");
    let articles = dir.expect(2, &["--corpus", "c", "articles"]);
    assert!(
        articles.stderr.contains("never completely created"),
        "{}",
        articles.describe()
    );
    repair(&dir, "c");
    dir.expect(0, &["--corpus", "c", "ingest", "--quiet", "samples"]);
    check(&dir, "c", 0);

    // Not a corpus at all: the usual hint, and an error.
    let run = dir.expect(2, &["--corpus", "nothing", "check"]);
    assert!(
        run.stderr.contains("not a cuttings corpus"),
        "{}",
        run.describe()
    );
}
