//! Confidence, the correction log and the replacement of a source's articles (issue #12).

mod common;

use common::{a, dropped, file, tempdir};
use cuttings_model::{Change, FieldValue, LineRole, Role, Span};
use cuttings_store::{
    Corpus, CorrectionAction, CorrectionRecord, Error, FileIngest, FileRecord, Filter,
};

fn ingest_of(f: &FileRecord, articles: Vec<cuttings_model::Article>) -> FileIngest {
    FileIngest {
        file: f.clone(),
        articles,
        dropped: dropped(),
        diagnostics: vec![],
        lines: vec![],
    }
}

/// A correction of `source` setting the title of the article holding byte `anchor`.
fn set_title(id: i64, source: &str, anchor: usize, old: &str, new: &str) -> CorrectionRecord {
    CorrectionRecord {
        id,
        time: String::new(),
        source: source.to_string(),
        action: CorrectionAction::Set,
        anchor: Some(anchor),
        line: Some(3),
        field: Some("title".into()),
        old: Some(old.into()),
        new: Some(new.into()),
        target: None,
        target_line: None,
        article: None,
        other: None,
        result: vec![],
        reason: Some("typo".into()),
        undone_by: None,
    }
}

fn undo(id: i64, source: &str, n: i64) -> CorrectionRecord {
    CorrectionRecord {
        action: CorrectionAction::Undo,
        anchor: None,
        line: None,
        field: None,
        old: None,
        new: None,
        target: Some(n),
        reason: None,
        ..set_title(id, source, 0, "", "")
    }
}

#[test]
fn confidence_round_trips_and_doubtful_articles_come_most_doubtful_first() {
    let (_t, dir) = tempdir();
    let f = file("conf.txt");
    let articles = vec![
        a("Sure", "All is clear.")
            .confidence([1.0, 0.99, 0.98, 0.97, 0.96])
            .build(&f),
        a("Unsure outlet", "Who printed this?")
            .confidence([0.9, 0.9, 0.9, 0.42, 0.61])
            .build(&f),
        a("Web page", "No confidence at all.").build(&f),
        a("Bad split", "Where does it end?")
            .confidence([0.125, 0.3, 1.0, 1.0, 1.0])
            .build(&f),
    ];
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&f, &articles, &[], &[]).unwrap();
    drop(c);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap(), articles);
    let stored = r.article(&articles[1].id.0).unwrap().unwrap().article;
    assert_eq!(stored.confidence.unwrap().outlet, 0.42);
    let doubtful = r.doubtful(0.5).unwrap();
    let got: Vec<(&str, (&str, f32))> = doubtful
        .iter()
        .map(|d| (d.title.as_deref().unwrap(), d.confidence.weakest()))
        .collect();
    assert_eq!(
        got,
        [
            ("Bad split", ("boundary", 0.125)),
            ("Unsure outlet", ("outlet", 0.42))
        ]
    );
    assert_eq!(doubtful[0].id, articles[3].id.0);
    assert_eq!(r.doubtful(0.1).unwrap(), []);
    assert_eq!(r.doubtful(1.01).unwrap().len(), 3);
}

#[test]
fn a_correction_is_logged_and_replaces_the_sources_articles() {
    let (_t, dir) = tempdir();
    let f = file("digest.txt");
    let g = file("other.txt");
    let before = vec![
        a("Tirana talks", "The parties met in Tirana.").build(&f),
        a("Steel prices", "Steel prices rose sharply.").build(&f),
    ];
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&f, &before, &dropped(), &[]).unwrap();
    c.ingest(&g, &[a("Other", "Another file.").build(&g)], &[], &[])
        .unwrap();
    assert_eq!(c.next_correction().unwrap(), 1);
    assert!(!c.has_corrections().unwrap());

    // What the pipeline made of the source with the correction: the second title changed
    // (same id), line roles with it.
    let mut after = before.clone();
    after[1].title = Some("Steel prices soar".into());
    after[1].provenance.title.clear();
    let mut fixed = ingest_of(&f, after.clone());
    fixed.lines = vec![
        LineRole {
            span: Span::new(0, 12),
            page: 1,
            role: Role::Headline,
            article: Some(0),
            prob: 1.0,
        },
        LineRole {
            span: Span::new(13, 40),
            page: 1,
            role: Role::Body,
            article: Some(1),
            prob: 0.2,
        },
    ];
    let mut record = set_title(1, &f.sha256, 120, "Steel prices", "Steel prices soar");
    record.result = vec![after[1].id.0.clone()];
    let removed = c.correct(&fixed, std::slice::from_ref(&record)).unwrap();
    assert_eq!(removed, [before[0].id.0.clone(), before[1].id.0.clone()]);
    assert_eq!(c.articles(&Filter::default()).unwrap()[..2].to_vec(), after);
    assert_eq!(c.search("soar", &Filter::default(), 10).unwrap().total, 1);
    assert_eq!(c.search("steel", &Filter::default(), 10).unwrap().total, 1);
    assert_eq!(c.stats().unwrap().articles, 3);
    assert_eq!(
        c.stats().unwrap().dropped_by_reason,
        [
            ("page_number".to_string(), 2),
            ("running_header".to_string(), 1)
        ],
        "replaced, not doubled"
    );
    let lines = c.line_roles(&f.sha256).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].role, Role::Body);
    assert!((lines[1].prob - 0.2).abs() < 0.01);
    assert_eq!(c.line_roles(&g.sha256).unwrap(), []);

    let log = c.corrections(None).unwrap();
    assert_eq!(log.len(), 1);
    assert!(
        log[0].time.ends_with('Z') && log[0].time.len() == 20,
        "{}",
        log[0].time
    );
    assert_eq!(
        CorrectionRecord {
            time: String::new(),
            ..log[0].clone()
        },
        record
    );
    let active = c.active_corrections(&f.sha256).unwrap();
    assert_eq!(active.len(), 1);
    assert_eq!(active[0].number, 1);
    assert_eq!(active[0].anchor, 120);
    assert_eq!(
        active[0].change,
        Change::Set(FieldValue::Title(Some("Steel prices soar".into())))
    );
    assert_eq!(c.active_corrections(&g.sha256).unwrap(), []);

    // Refused, nothing changed: a taken number, an unknown correction, another source.
    let bad = [
        set_title(1, &f.sha256, 120, "", "x"),
        undo(2, &f.sha256, 9),
        set_title(2, &g.sha256, 120, "", "x"),
    ];
    for b in bad {
        let e = c.correct(&fixed, &[b]).unwrap_err();
        assert!(matches!(e, Error::Correction { .. }), "{e}");
    }
    assert_eq!(c.corrections(None).unwrap().len(), 1);

    // The undo: logged, the first correction inactive, the articles as before.
    c.correct(&ingest_of(&f, before.clone()), &[undo(2, &f.sha256, 1)])
        .unwrap();
    let log = c.corrections(Some(&f.sha256)).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].undone_by, Some(2));
    assert!(!log[0].is_active() && !log[1].is_active());
    assert_eq!(c.active_corrections(&f.sha256).unwrap(), []);
    assert_eq!(c.search("soar", &Filter::default(), 10).unwrap().total, 0);
    let e = c
        .correct(&ingest_of(&f, before.clone()), &[undo(3, &f.sha256, 1)])
        .unwrap_err();
    assert!(
        e.to_string().contains("already undone by correction 2"),
        "{e}"
    );
    let e = c
        .correct(&ingest_of(&f, before.clone()), &[undo(3, &f.sha256, 2)])
        .unwrap_err();
    assert!(e.to_string().contains("is an undo"), "{e}");
    drop(c);

    // A reader sees the same log.
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.corrections(None).unwrap().len(), 2);
    assert!(r.has_corrections().unwrap());
}

#[test]
fn corrections_outlive_the_articles_of_their_source() {
    let (_t, dir) = tempdir();
    let f = file("gone.txt");
    let arts = vec![a("Gone", "This article goes away.").build(&f)];
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&f, &arts, &[], &[]).unwrap();
    c.correct(
        &ingest_of(&f, arts.clone()),
        &[set_title(1, &f.sha256, 5, "Gone", "Still here")],
    )
    .unwrap();
    // The source segmented again with nothing in it: its articles go, the log stays.
    let removed = c.replace_source(&ingest_of(&f, vec![])).unwrap();
    assert_eq!(removed, [arts[0].id.0.clone()]);
    assert_eq!(c.stats().unwrap().articles, 0);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 0);
    assert_eq!(c.active_corrections(&f.sha256).unwrap().len(), 1);
    // And back.
    c.replace_source(&ingest_of(&f, arts.clone())).unwrap();
    assert_eq!(c.articles(&Filter::default()).unwrap(), arts);
    assert_eq!(
        c.search("article", &Filter::default(), 10).unwrap().total,
        1
    );
    // Removed altogether: the log stays.
    assert_eq!(
        c.remove_source(&f.sha256).unwrap(),
        Some(vec![arts[0].id.0.clone()])
    );
    assert!(!c.has_source(&f.sha256).unwrap());
    assert_eq!(c.stats().unwrap().articles, 0);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 0);
    assert_eq!(c.active_corrections(&f.sha256).unwrap().len(), 1);
    assert_eq!(c.remove_source(&f.sha256).unwrap(), None);
    // A source not stored yet is stored.
    let g = file("new.txt");
    c.replace_source(&ingest_of(&g, vec![a("New", "A new one.").build(&g)]))
        .unwrap();
    assert!(c.has_source(&g.sha256).unwrap());
}
