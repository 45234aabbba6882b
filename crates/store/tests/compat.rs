//! The corpus outlives releases: corpora written by earlier schema versions still open.
//!
//! `tests/data/corpus-vN` was written by schema version N. When the format changes on purpose,
//! add a new `corpus-vN` beside the old ones and write only that one, naming its test:
//! `UPDATE_EXPECT=1 cargo test -p cuttings-store --test compat opens_a_version_4_corpus` (with
//! `UPDATE_EXPECT` set, each test rewrites its fixture with the schema of the day).

mod common;

use std::path::{Path, PathBuf};

use common::{a, dropped, file};
use cuttings_model::{Article, EntityKind, LineRole, Role, Span};
use cuttings_store::{
    Corpus, CorrectionAction, CorrectionRecord, Error, FileIngest, FileRecord, Filter,
};

fn sample() -> (FileRecord, Vec<Article>) {
    let f = file("compat/digest.txt");
    let articles = vec![
        a(
            "Rajavi visits Tirana",
            "Maryam Rajavi met supporters in Tirana.",
        )
        .subtitle("A rally")
        .outlet("The Courier")
        .author("Ann Smith")
        .date(2017, 8, 3)
        .build(&f),
        a("Steel prices", "Steel prices rose sharply.").build(&f),
    ];
    (f, articles)
}

fn fixture_dir(version: u32) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/corpus-v{version}"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn opens_a_version_1_corpus() {
    let fixture = fixture_dir(1);
    let (f, articles) = sample();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&fixture);
        let mut c = Corpus::open(&fixture).unwrap();
        c.ingest(&f, &articles, &dropped(), &[]).unwrap();
    }
    assert!(
        fixture.join("corpus.sqlite").is_file(),
        "{} is missing; run with UPDATE_EXPECT=1 to create it",
        fixture.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture, &dir);

    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap(), articles);
    assert_eq!(r.search("rally", &Filter::default(), 10).unwrap().total, 1);
    assert_eq!(
        r.article(&articles[0].id.0[..6]).unwrap().unwrap().dropped,
        dropped()
    );
    drop(r);

    let mut w = Corpus::open(&dir).unwrap();
    let g = file("compat/next.txt");
    let next = a("Next", "Another steel story.").build(&g);
    w.ingest(&g, &[next], &[], &[]).unwrap();
    assert_eq!(w.search("steel", &Filter::default(), 10).unwrap().total, 2);
}

/// Version 2 adds the names and quotations found in bodies.
#[test]
fn opens_a_version_2_corpus() {
    let fixture = fixture_dir(2);
    let f = file("compat/digest-2.txt");
    let articles = vec![a(
        "Rajavi visits Tirana",
        "Maryam Rajavi met supporters in Tirana. \"We will return\", Rajavi said.",
    )
    .entity("Maryam Rajavi", EntityKind::Person, "Maryam Rajavi")
    .entity("Tirana", EntityKind::Place, "Tirana")
    .quote("We will return", Some("Rajavi"), Some("Maryam Rajavi"))
    .build(&f)];
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&fixture);
        let mut c = Corpus::open(&fixture).unwrap();
        c.ingest(&f, &articles, &[], &[]).unwrap();
    }
    assert!(
        fixture.join("corpus.sqlite").is_file(),
        "{} is missing; run with UPDATE_EXPECT=1 to create it",
        fixture.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture, &dir);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap(), articles);
    assert_eq!(
        r.search("rally OR return", &Filter::default(), 10)
            .unwrap()
            .total,
        1
    );
    // Questions about entities need the upgrade, and say so.
    let e = r.entities(None, 10).unwrap_err();
    assert!(matches!(e, Error::NeedsUpgrade { found: 2, .. }), "{e}");
    assert!(e.to_string().contains("cuttings reindex"), "{e}");
    assert!(matches!(
        r.search("entity:Tirana", &Filter::default(), 10),
        Err(Error::Query { .. })
    ));
    drop(r);
    // A write-mode open upgrades it: units, entities, and the index's entity field.
    drop(Corpus::open(&dir).unwrap());
    let r = Corpus::open_existing(&dir).unwrap();
    let e = r.entity("Rajavi", 10).unwrap().unwrap();
    assert_eq!((e.name.as_str(), e.mentions), ("Maryam Rajavi", 1));
    assert_eq!(e.quotes.len(), 1);
    assert_eq!(
        r.search("entity:Tirana", &Filter::default(), 10)
            .unwrap()
            .total,
        1
    );
}

/// Version 3 adds corpus-wide entities and the log of the users' alias decisions.
#[test]
fn opens_a_version_3_corpus() {
    let fixture = fixture_dir(3);
    let f = file("compat/digest-3.txt");
    let articles = vec![a(
        "Camp",
        "The MKO camp near Tirana grew. \"We will return\", Rajavi said.",
    )
    .entity("MKO", EntityKind::Org, "MKO")
    .entity("Tirana", EntityKind::Place, "Tirana")
    .entity("Rajavi", EntityKind::Person, "Rajavi")
    .quote("We will return", Some("Rajavi"), Some("Rajavi"))
    .build(&f)];
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&fixture);
        let mut c = Corpus::open(&fixture).unwrap();
        c.ingest(&f, &articles, &[], &[]).unwrap();
        c.alias(
            cuttings_store::AliasAction::Rename,
            "MKO",
            Some("Mojahedin-e Khalq"),
            Some("usual name"),
        )
        .unwrap();
    }
    assert!(
        fixture.join("corpus.sqlite").is_file(),
        "{} is missing; run with UPDATE_EXPECT=1 to create it",
        fixture.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture, &dir);
    let r = Corpus::open_existing(&dir).unwrap();
    let e = r.entity("MKO", 10).unwrap().unwrap();
    assert_eq!(e.name, "Mojahedin-e Khalq");
    let log = r.alias_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].reason.as_deref(), Some("usual name"));
    assert_eq!(
        r.search("entity:MKO", &Filter::default(), 10)
            .unwrap()
            .total,
        1
    );
    let mut stored = r.articles(&Filter::default()).unwrap();
    assert_eq!(stored[0].entities[0].canonical, "Mojahedin-e Khalq");
    stored[0].entities[0].canonical = "MKO".to_string();
    assert_eq!(stored, articles);
}

/// A writer upgrades a version 3 corpus to version 4 one step at a time: its articles read with
/// no confidence, its alias log stays, and corrections can be logged.
#[test]
fn a_version_3_corpus_is_upgraded_to_version_4() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture_dir(3), &dir);
    let version = |dir: &Path| -> i64 {
        rusqlite::Connection::open(dir.join("corpus.sqlite"))
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&dir), 3);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.corrections(None).unwrap(), []);
    assert_eq!(r.doubtful(1.0).unwrap(), []);
    drop(r);
    let mut w = Corpus::open(&dir).unwrap();
    // One step at a time, on to the version of the day (5: text reuse).
    assert_eq!(version(&dir), 5);
    let old = w.articles(&Filter::default()).unwrap();
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].confidence, None);
    assert_eq!(w.alias_log().unwrap().len(), 1);
    assert_eq!(w.next_correction().unwrap(), 1);
    let g = file("compat/after-upgrade.txt");
    let sure = a("Sure", "Segmented with a confidence.")
        .confidence([0.3, 1.0, 1.0, 1.0, 1.0])
        .build(&g);
    w.ingest(&g, std::slice::from_ref(&sure), &[], &[]).unwrap();
    assert_eq!(w.doubtful(0.5).unwrap()[0].id, sure.id.0);
}

/// Version 4 adds the confidence of segmentation, the correction log and line roles.
#[test]
fn opens_a_version_4_corpus() {
    let fixture = fixture_dir(4);
    let f = file("compat/digest-4.txt");
    let articles = vec![
        a("Harbour works", "The works will not start this year.")
            .outlet("The Courier")
            .confidence([0.25, 0.5, 0.75, 1.0, 0.875])
            .build(&f),
        a("Ferries", "The ferries stayed in port.").build(&f),
    ];
    let lines = vec![
        LineRole {
            span: Span::new(0, 13),
            page: 1,
            role: Role::Headline,
            article: Some(0),
            prob: 1.0,
        },
        LineRole {
            span: Span::new(14, 60),
            page: 1,
            role: Role::RunningFooter,
            article: None,
            prob: 1.0,
        },
    ];
    let ingest = FileIngest {
        file: f.clone(),
        articles: articles.clone(),
        dropped: dropped(),
        diagnostics: vec![],
        lines: lines.clone(),
    };
    let correction = CorrectionRecord {
        id: 1,
        time: String::new(),
        source: f.sha256.clone(),
        action: CorrectionAction::Set,
        anchor: Some(140),
        line: Some(4),
        field: Some("outlet".into()),
        old: None,
        new: Some("The Courier".into()),
        target: None,
        target_line: None,
        article: Some(articles[0].id.0.clone()),
        other: None,
        result: vec![articles[0].id.0.clone()],
        reason: Some("printed under the body".into()),
        undone_by: None,
    };
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&fixture);
        let mut c = Corpus::open(&fixture).unwrap();
        c.ingest_batch(std::slice::from_ref(&ingest)).unwrap();
        c.correct(&ingest, std::slice::from_ref(&correction))
            .unwrap();
    }
    assert!(
        fixture.join("corpus.sqlite").is_file(),
        "{} is missing; run with UPDATE_EXPECT=1 to create it",
        fixture.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture, &dir);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap(), articles);
    assert_eq!(r.line_roles(&f.sha256).unwrap(), lines);
    let log = r.corrections(None).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        CorrectionRecord {
            time: String::new(),
            ..log[0].clone()
        },
        correction
    );
    assert_eq!(r.active_corrections(&f.sha256).unwrap().len(), 1);
    let doubtful = r.doubtful(0.5).unwrap();
    assert_eq!(doubtful.len(), 1);
    assert_eq!(doubtful[0].confidence.weakest(), ("boundary", 0.25));
    assert_eq!(
        r.search("ferries", &Filter::default(), 10).unwrap().total,
        1
    );
}

#[test]
fn a_corpus_from_a_newer_version_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    drop(Corpus::open(&dir).unwrap());
    let db = rusqlite::Connection::open(dir.join("corpus.sqlite")).unwrap();
    db.pragma_update(None, "user_version", 99).unwrap();
    drop(db);
    for result in [Corpus::open(&dir), Corpus::open_existing(&dir)] {
        let err = result.err().unwrap();
        assert!(matches!(err, Error::TooNew { found: 99, .. }), "{err:?}");
        assert!(err.to_string().contains("newer than this cuttings"));
    }
}

/// A writer upgrades a version 4 corpus to version 5: its articles are linked by the next
/// `link_pending`, its corrections stay.
#[test]
fn a_version_4_corpus_is_upgraded_to_version_5() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture_dir(4), &dir);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.reuse_links(None).unwrap(), []);
    assert_eq!(r.stats_collapsed().unwrap().articles, 2);
    drop(r);
    let mut w = Corpus::open(&dir).unwrap();
    assert_eq!(w.corrections(None).unwrap().len(), 1);
    let out = w.link_pending(&mut |_, _| {}).unwrap();
    assert_eq!(out.articles, 2);
    assert_eq!(w.reuse_links(None).unwrap(), []);
}

/// Version 5 adds text reuse: fingerprints, links, reprint groups.
#[test]
fn opens_a_version_5_corpus() {
    let fixture = fixture_dir(5);
    let f = file("compat/digest-5.txt");
    let g = file("compat/digest-5b.txt");
    let story = "The regional council voted on Tuesday to close the old copper mine above the \
        village of Arnfeld, ending two centuries of extraction in the valley of the river.";
    let first = a("Mine", story)
        .outlet("The Courier")
        .date(2020, 10, 1)
        .build(&f);
    let second = a("Mine", story)
        .outlet("The Herald")
        .date(2020, 10, 2)
        .build(&g);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let _ = std::fs::remove_dir_all(&fixture);
        let mut c = Corpus::open(&fixture).unwrap();
        c.ingest(&f, std::slice::from_ref(&first), &dropped(), &[])
            .unwrap();
        c.ingest(&g, std::slice::from_ref(&second), &[], &[])
            .unwrap();
        c.link_pending(&mut |_, _| {}).unwrap();
    }
    assert!(
        fixture.join("corpus.sqlite").is_file(),
        "{} is missing; run with UPDATE_EXPECT=1 to create it",
        fixture.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    copy_dir(&fixture, &dir);
    let r = Corpus::open_existing(&dir).unwrap();
    let links = r.reuse_links(None).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].kind, cuttings_model::ReuseKind::Reprint);
    assert_eq!(r.reprint_counts().unwrap()[&first.id.0], 2);
    assert_eq!(r.stats_collapsed().unwrap().articles, 1);
    drop(r);
    // Linking again adds nothing: the fingerprints are stored.
    let mut w = Corpus::open(&dir).unwrap();
    assert_eq!(w.link_pending(&mut |_, _| {}).unwrap().articles, 0);
    assert_eq!(w.reuse_links(None).unwrap(), links);
}
