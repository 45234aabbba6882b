//! Behaviour of the corpus on a small hand-built collection of articles.

mod common;

use common::{a, dropped, file, tempdir};
use cuttings_model::{Article, Date, Diagnostic};
use cuttings_store::{Corpus, Error, FailPoint, FileIngest, FileRecord, Filter, IngestOutcome};

struct Fixture {
    f1: FileRecord,
    f2: FileRecord,
    one: Vec<Article>,
    two: Vec<Article>,
}

fn fixture() -> Fixture {
    let f1 = file("digests/2017-08.txt");
    let f2 = file("digests/2017-09.txt");
    let one = vec![
        a(
            "Rajavi visits Tirana",
            "Maryam Rajavi met supporters in Tirana on Monday. The agreement was signed.",
        )
        .outlet("The Courier")
        .author("Ann Smith")
        .date(2017, 8, 3)
        .build(&f1),
        a(
            "Trade agreements",
            "Negotiators discussed several agreements in Brussels. No deal on steel.",
        )
        .subtitle("Talks stall")
        .outlet("Daily Post")
        .author("Bob Jones")
        .author("Ann Smith")
        .date(2017, 8, 15)
        .build(&f1),
    ];
    let two = vec![
        a(
            "Albania elections",
            "Voters in Albania went to the polls on Sunday in Tirana.",
        )
        .outlet("The Courier")
        .author("Carl Diaz")
        .date(2017, 9, 10)
        .build(&f2),
        a(
            "Steel prices",
            "Steel prices rose sharply. Analysts expect more.",
        )
        .build(&f2),
    ];
    Fixture { f1, f2, one, two }
}

fn loaded(dir: &std::path::Path) -> (Corpus, Fixture) {
    let fx = fixture();
    let mut c = Corpus::open(dir).unwrap();
    let diags = vec![
        Diagnostic::warning("date looks like the issue date", None),
        Diagnostic {
            severity: cuttings_model::Severity::Info,
            message: "two columns".into(),
            span: Some(cuttings_model::Span::new(3, 4)),
        },
    ];
    c.ingest(&fx.f1, &fx.one, &dropped(), &diags).unwrap();
    c.ingest(&fx.f2, &fx.two, &dropped()[..1], &[]).unwrap();
    (c, fx)
}

fn titles(articles: &[Article]) -> Vec<&str> {
    articles
        .iter()
        .map(|a| a.title.as_deref().unwrap_or(""))
        .collect()
}

fn search_titles(c: &Corpus, q: &str, filter: &Filter) -> Vec<String> {
    let r = c.search(q, filter, 10).unwrap();
    assert_eq!(r.total, r.hits.len(), "query {q:?}");
    let mut t: Vec<String> = r
        .hits
        .iter()
        .map(|h| h.article.title.clone().unwrap_or_default())
        .collect();
    t.sort();
    t
}

fn date(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap()
}

#[test]
fn ingest_then_reingest_adds_nothing() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    let first = c.ingest(&fx.f1, &fx.one, &dropped(), &[]).unwrap();
    assert_eq!(
        first,
        IngestOutcome {
            added: 2,
            already_present: 0
        }
    );
    let again = c.ingest(&fx.f1, &fx.one, &dropped(), &[]).unwrap();
    assert_eq!(
        again,
        IngestOutcome {
            added: 0,
            already_present: 2
        }
    );
    drop(c);
    // Also across opens, and under another path: the hash decides.
    let mut c = Corpus::open(&dir).unwrap();
    let mut renamed = fx.f1.clone();
    renamed.path = "elsewhere/copy.txt".into();
    let again = c.ingest(&renamed, &fx.one, &[], &[]).unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(c.articles(&Filter::default()).unwrap(), fx.one);
    assert_eq!(c.sources().unwrap(), vec![fx.f1.clone()]);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 2);
    let s = c.stats().unwrap();
    assert_eq!((s.articles, s.sources), (2, 1));
}

#[test]
fn duplicate_articles_within_a_file_are_stored_once() {
    let (_t, dir) = tempdir();
    let f = file("dup.txt");
    let x = a("Same", "Same body twice.").build(&f);
    let mut c = Corpus::open(&dir).unwrap();
    let out = c.ingest(&f, &[x.clone(), x.clone()], &[], &[]).unwrap();
    assert_eq!(
        out,
        IngestOutcome {
            added: 1,
            already_present: 1
        }
    );
    assert_eq!(c.articles(&Filter::default()).unwrap(), vec![x]);
}

#[test]
fn articles_come_back_exactly_in_ingest_order() {
    let (_t, dir) = tempdir();
    let (c, fx) = loaded(&dir);
    let all: Vec<Article> = fx.one.iter().chain(&fx.two).cloned().collect();
    assert_eq!(c.articles(&Filter::default()).unwrap(), all);
    drop(c);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap(), all);
    let stored = r.article(&fx.one[1].id.0).unwrap().unwrap();
    assert_eq!(stored.article, fx.one[1]);
    assert_eq!(stored.file, fx.f1);
    assert_eq!(stored.dropped, dropped());
    assert_eq!(r.sources().unwrap(), vec![fx.f1, fx.f2]);
}

#[test]
fn filters_select_by_outlet_author_date_and_source() {
    let (_t, dir) = tempdir();
    let (c, fx) = loaded(&dir);
    let by = |f: Filter| titles(&c.articles(&f).unwrap()).join(" | ");
    let outlet = Filter {
        outlet: Some("the  COURIER".into()),
        ..Filter::default()
    };
    assert_eq!(
        by(outlet.clone()),
        "Rajavi visits Tirana | Albania elections"
    );
    let author = Filter {
        author: Some("ann smith".into()),
        ..Filter::default()
    };
    assert_eq!(
        by(author.clone()),
        "Rajavi visits Tirana | Trade agreements"
    );
    let range = Filter {
        from: Some(date(2017, 8, 10)),
        to: Some(date(2017, 9, 10)),
        ..Filter::default()
    };
    assert_eq!(by(range.clone()), "Trade agreements | Albania elections");
    let path = Filter {
        source: Some(fx.f2.path.clone()),
        ..Filter::default()
    };
    assert_eq!(by(path.clone()), "Albania elections | Steel prices");
    let sha = Filter {
        source: Some(fx.f1.sha256[..8].to_uppercase()),
        ..Filter::default()
    };
    assert_eq!(by(sha.clone()), "Rajavi visits Tirana | Trade agreements");
    let nothing = Filter {
        source: Some("nope.txt".into()),
        ..Filter::default()
    };
    assert_eq!(by(nothing.clone()), "");
    let both = Filter {
        outlet: Some("the courier".into()),
        to: Some(date(2017, 8, 31)),
        ..Filter::default()
    };
    assert_eq!(by(both.clone()), "Rajavi visits Tirana");

    // The same filters restrict searches.
    let s = |f: &Filter| search_titles(&c, "", f).join(" | ");
    assert_eq!(s(&outlet), "Albania elections | Rajavi visits Tirana");
    assert_eq!(s(&author), "Rajavi visits Tirana | Trade agreements");
    assert_eq!(s(&range), "Albania elections | Trade agreements");
    assert_eq!(s(&path), "Albania elections | Steel prices");
    assert_eq!(s(&sha), "Rajavi visits Tirana | Trade agreements");
    assert_eq!(s(&nothing), "");
    assert_eq!(s(&both), "Rajavi visits Tirana");
    assert_eq!(search_titles(&c, "tirana", &outlet).len(), 2);
}

#[test]
fn search_understands_boolean_phrase_field_and_stemming() {
    let (_t, dir) = tempdir();
    let (c, _fx) = loaded(&dir);
    let any = Filter::default();
    let q = |s: &str| search_titles(&c, s, &any).join(" | ");
    assert_eq!(q(r#"Rajavi AND "Tirana""#), "Rajavi visits Tirana");
    assert_eq!(q("Tirana"), "Albania elections | Rajavi visits Tirana");
    // Words without an operator must all match.
    assert_eq!(q("Tirana polls"), "Albania elections");
    assert_eq!(q("Tirana -Rajavi"), "Albania elections");
    assert_eq!(q("Tirana AND NOT Rajavi"), "Albania elections");
    assert_eq!(q("Tirana NOT Rajavi"), "Albania elections");
    assert_eq!(q("-steel"), "Albania elections | Rajavi visits Tirana");
    assert_eq!(
        q("(steel OR Albania) -prices"),
        "Albania elections | Trade agreements"
    );
    assert_eq!(q(r#""went to the polls""#), "Albania elections");
    assert_eq!(q(r#""polls the to went""#), "");
    assert_eq!(q("agreements"), "Rajavi visits Tirana | Trade agreements");
    assert_eq!(q("agreement"), "Rajavi visits Tirana | Trade agreements");
    assert_eq!(
        q("steel OR Albania"),
        "Albania elections | Steel prices | Trade agreements"
    );
    assert_eq!(q("title:steel"), "Steel prices");
    assert_eq!(q("stall"), "Trade agreements"); // the subtitle is searched
    assert_eq!(q("").split(" | ").count(), 4);

    // A title match outranks a body match.
    let r = c.search("steel", &any, 10).unwrap();
    assert_eq!(r.hits[0].article.title.as_deref(), Some("Steel prices"));
    assert!(r.hits[0].score > r.hits[1].score);

    // The limit bounds the hits, not the total.
    let r = c.search("steel", &any, 1).unwrap();
    assert_eq!((r.total, r.hits.len()), (2, 1));
    let r = c.search("steel", &any, 0).unwrap();
    assert_eq!((r.total, r.hits.len()), (2, 0));
    let r = c.search("steel", &any, usize::MAX).unwrap();
    assert_eq!((r.total, r.hits.len()), (2, 2));

    match c.search("title:(", &any, 10) {
        Err(e @ Error::Query { .. }) => assert!(e.to_string().contains("title:(")),
        other => panic!("expected a query error, got {other:?}"),
    }
}

/// Issue #17: 10,000 parentheses or 30,000 `NOT`s overflowed the query parser's stack and
/// aborted the process; now they are a query error, and nesting up to the limit still works.
#[test]
fn deeply_nested_queries_are_refused_not_a_stack_overflow() {
    let (_t, dir) = tempdir();
    let (c, _fx) = loaded(&dir);
    let any = Filter::default();
    let limit = cuttings_store::MAX_QUERY_DEPTH;
    assert_eq!(limit, 64);
    let parens = |n: usize| format!("{}steel{}", "(".repeat(n), ")".repeat(n));
    let nots = |n: usize| format!("{}steel", "NOT ".repeat(n));
    for q in [
        parens(10_000),
        nots(30_000),
        parens(limit + 1),
        format!("{}{}", "NOT (".repeat(40), "steel"),
        format!(r#"title:"x" {}"#, parens(100)),
        format!(r#""))))))))))" {}"#, "(".repeat(70)),
    ] {
        match c.search(&q, &any, 10) {
            Err(e @ Error::Query { .. }) => {
                let m = e.to_string();
                assert!(m.contains("query nested deeper than 64"), "{m}");
                assert!(m.len() < 200, "the message quotes the query cut short: {m}");
            }
            other => panic!("expected a query error, got {other:?}"),
        }
    }
    let steel = ["Steel prices", "Trade agreements"];
    assert_eq!(search_titles(&c, &parens(limit), &any), steel);
    assert!(c.search(&nots(limit - 1), &any, 10).is_ok());
}

#[test]
fn snippets_highlight_the_matched_words() {
    let (_t, dir) = tempdir();
    let (c, _fx) = loaded(&dir);
    let r = c
        .search(r#"Rajavi AND "Tirana""#, &Filter::default(), 10)
        .unwrap();
    let s = &r.hits[0].snippet;
    let marked: Vec<&str> = s.highlights.iter().map(|h| &s.text[h.clone()]).collect();
    assert_eq!(marked, ["Rajavi", "Tirana"]);
    assert!(r.hits[0].article.body.contains(&s.text));

    // Stemmed matches highlight the word as written.
    let r = c.search("agreements", &Filter::default(), 10).unwrap();
    for hit in &r.hits {
        let s = &hit.snippet;
        let marked: Vec<&str> = s.highlights.iter().map(|h| &s.text[h.clone()]).collect();
        assert!(!marked.is_empty());
        assert!(
            marked.iter().all(|m| m.starts_with("agreement")),
            "{marked:?}"
        );
    }

    // A title-only match still gets a passage, without highlights.
    let r = c.search("title:visits", &Filter::default(), 10).unwrap();
    let s = &r.hits[0].snippet;
    assert!(s.text.starts_with("Maryam Rajavi"));
    assert!(s.highlights.is_empty());
}

#[test]
fn facets_count_all_matching_articles() {
    let (_t, dir) = tempdir();
    let (c, _fx) = loaded(&dir);
    let r = c.search("", &Filter::default(), 1).unwrap();
    let pairs = |v: &[(String, u64)]| {
        v.iter()
            .map(|(k, n)| format!("{k}={n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert_eq!(pairs(&r.facets.outlet), "The Courier=2, Daily Post=1");
    assert_eq!(
        pairs(&r.facets.author),
        "Ann Smith=2, Bob Jones=1, Carl Diaz=1"
    );
    assert_eq!(pairs(&r.facets.year), "2017=3");
    let r = c.search("tirana", &Filter::default(), 1).unwrap();
    assert_eq!(pairs(&r.facets.outlet), "The Courier=2");
    assert_eq!(pairs(&r.facets.author), "Ann Smith=1, Carl Diaz=1");
}

#[test]
fn stats_sum_up_the_corpus() {
    let (_t, dir) = tempdir();
    let (c, fx) = loaded(&dir);
    let s = c.stats().unwrap();
    assert_eq!(s.articles, 4);
    assert_eq!(s.sources, 2);
    let own = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(s.by_outlet, own(&[("The Courier", 2), ("Daily Post", 1)]));
    assert_eq!(
        s.by_author,
        own(&[("Ann Smith", 2), ("Bob Jones", 1), ("Carl Diaz", 1)])
    );
    assert_eq!(s.by_month, own(&[("2017-08", 2), ("2017-09", 1)]));
    assert_eq!(
        s.dropped_by_reason,
        own(&[("page_number", 2), ("running_header", 2)])
    );
    assert_eq!(
        s.warnings,
        vec![(
            fx.f1.path.clone(),
            "date looks like the issue date".to_string()
        )]
    );
    assert_eq!((s.undated, s.no_outlet), (1, 1));
}

#[test]
fn ids_resolve_from_unique_prefixes() {
    let (_t, dir) = tempdir();
    let f = file("ids.txt");
    let x = a("X", "first")
        .id("abcd0000000000000000000000000001")
        .build(&f);
    let y = a("Y", "second")
        .id("abcd0000000000000000000000000002")
        .build(&f);
    let z = a("Z", "third")
        .id("abce0000000000000000000000000003")
        .build(&f);
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&f, &[x.clone(), y.clone(), z.clone()], &[], &[])
        .unwrap();
    let title = |p: &str| c.article(p).unwrap().map(|s| s.article.title.unwrap());
    assert_eq!(title("abce").as_deref(), Some("Z"));
    assert_eq!(title("ABCE").as_deref(), Some("Z"));
    assert_eq!(title(&x.id.0).as_deref(), Some("X"));
    assert_eq!(
        title("abcd0000000000000000000000000002").as_deref(),
        Some("Y")
    );
    assert_eq!(title("ffff"), None);
    match c.article("abcd") {
        Err(Error::Ambiguous { candidates, .. }) => assert_eq!(candidates, [x.id.0, y.id.0]),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert!(matches!(c.article("abc"), Err(Error::BadIdPrefix { .. })));
    assert!(matches!(c.article("abcx"), Err(Error::BadIdPrefix { .. })));
}

#[test]
fn batches_store_each_file_and_commit_once() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    let batch = vec![
        FileIngest {
            file: fx.f1.clone(),
            articles: fx.one.clone(),
            dropped: dropped(),
            diagnostics: vec![],
            lines: vec![],
        },
        FileIngest {
            file: fx.f2.clone(),
            articles: fx.two.clone(),
            dropped: vec![],
            diagnostics: vec![],
            lines: vec![],
        },
        FileIngest {
            file: fx.f1.clone(),
            articles: fx.one.clone(),
            dropped: dropped(),
            diagnostics: vec![],
            lines: vec![],
        },
    ];
    let out = c.ingest_batch(&batch).unwrap();
    let added: Vec<(usize, usize)> = out.iter().map(|o| (o.added, o.already_present)).collect();
    assert_eq!(added, [(2, 0), (2, 0), (0, 2)]);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 4);
}

fn ingest_of(f: &FileRecord, articles: &[Article]) -> FileIngest {
    FileIngest {
        file: f.clone(),
        articles: articles.to_vec(),
        dropped: vec![],
        diagnostics: vec![],
        lines: vec![],
    }
}

#[test]
fn has_source_answers_by_hash() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    assert!(c.is_empty().unwrap());
    assert!(!c.has_source(&fx.f1.sha256).unwrap());
    c.ingest(&fx.f1, &fx.one, &[], &[]).unwrap();
    assert!(!c.is_empty().unwrap());
    assert!(c.has_source(&fx.f1.sha256).unwrap());
    assert!(!c.has_source(&fx.f2.sha256).unwrap());
    assert_eq!(c.source_articles(&fx.f1.sha256).unwrap(), Some(2));
    assert_eq!(c.source_articles(&fx.f2.sha256).unwrap(), None);
    // A file without articles is still a known source.
    c.ingest(&fx.f2, &[], &[], &[]).unwrap();
    assert_eq!(c.source_articles(&fx.f2.sha256).unwrap(), Some(0));
    drop(c);
    // Readers answer too.
    let r = Corpus::open_existing(&dir).unwrap();
    assert!(r.has_source(&fx.f1.sha256).unwrap());
    assert!(r.has_source(&fx.f2.sha256).unwrap());
}

#[test]
fn stored_batches_become_searchable_at_commit() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    let out = c.store_batch(&[ingest_of(&fx.f1, &fx.one)]).unwrap();
    assert_eq!(out[0].added, 2);
    c.store_batch(&[ingest_of(&fx.f2, &fx.two)]).unwrap();
    assert_eq!(c.uncommitted(), 4);
    // The records are there at once, the index only after the commit.
    assert_eq!(c.articles(&Filter::default()).unwrap().len(), 4);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 0);
    c.commit().unwrap();
    assert_eq!(c.uncommitted(), 0);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 4);
    // Nothing pending: committing again is a no-op.
    c.commit().unwrap();
    assert_eq!(c.timings().commits, 1);
}

#[test]
fn a_crash_between_batches_is_repaired_on_open() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    c.store_batch(&[ingest_of(&fx.f1, &fx.one)]).unwrap();
    c.commit().unwrap();
    c.store_batch(&[ingest_of(&fx.f2, &fx.two)]).unwrap();
    // The process dies before the next commit: nothing of the second batch reaches the index.
    std::mem::forget(c);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap().len(), 4);
    assert_eq!(r.search("", &Filter::default(), 10).unwrap().total, 2);
    drop(r);
    // The forgotten writer still holds the index lock file in this process; a real crash
    // releases it. Remove it as the operating system would.
    let _ = std::fs::remove_file(dir.join("index").join(".tantivy-writer.lock"));
    let c = Corpus::open(&dir).unwrap();
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 4);
    assert_eq!(
        search_titles(&c, "steel", &Filter::default()),
        ["Steel prices", "Trade agreements"]
    );
    drop(c);
    let c = Corpus::open(&dir).unwrap();
    let r = c.search("", &Filter::default(), 10).unwrap();
    assert_eq!((r.total, r.hits.len()), (4, 4));
}

#[test]
fn a_dropped_writer_commits_what_it_stored() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    c.store_batch(&[ingest_of(&fx.f1, &fx.one)]).unwrap();
    drop(c);
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.search("", &Filter::default(), 10).unwrap().total, 2);
}

#[test]
fn inconsistent_input_is_refused() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    let err = c.ingest(&fx.f1, &fx.two, &[], &[]).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    assert!(c.sources().unwrap().is_empty());
}

// ---- crashes -------------------------------------------------------------------------------

#[test]
fn crash_inside_the_transaction_stores_nothing_of_the_file() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&fx.f1, &fx.one, &[], &[]).unwrap();
    c.set_failpoint(Some(FailPoint::MidTransaction));
    let err = c.ingest(&fx.f2, &fx.two, &dropped(), &[]).unwrap_err();
    assert!(matches!(err, Error::Injected(_)));
    drop(c);

    let c = Corpus::open(&dir).unwrap();
    assert_eq!(c.articles(&Filter::default()).unwrap(), fx.one);
    assert_eq!(c.sources().unwrap(), vec![fx.f1.clone()]);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 2);
    assert_eq!(c.stats().unwrap().dropped_by_reason, vec![]);
    drop(c);

    // The file can be ingested again afterwards.
    let mut c = Corpus::open(&dir).unwrap();
    assert_eq!(c.ingest(&fx.f2, &fx.two, &[], &[]).unwrap().added, 2);
}

#[test]
fn crash_before_the_index_commit_is_repaired_on_open() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&fx.f1, &fx.one, &[], &[]).unwrap();
    c.set_failpoint(Some(FailPoint::BeforeIndexCommit));
    let err = c.ingest(&fx.f2, &fx.two, &[], &[]).unwrap_err();
    assert!(matches!(err, Error::Injected(_)));
    // The records hold the whole file at once.
    assert_eq!(c.articles(&Filter::default()).unwrap().len(), 4);
    assert_eq!(
        search_titles(&c, "steel", &Filter::default()),
        ["Trade agreements"]
    );
    drop(c);

    // A reader sees the records, and the index as it was committed.
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap().len(), 4);
    assert_eq!(r.search("", &Filter::default(), 10).unwrap().total, 2);
    drop(r);

    let c = Corpus::open(&dir).unwrap();
    assert_eq!(
        search_titles(&c, "steel", &Filter::default()),
        ["Steel prices", "Trade agreements"]
    );
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 4);
}

#[test]
fn crash_after_the_index_commit_leaves_no_duplicates() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    c.set_failpoint(Some(FailPoint::AfterIndexCommit));
    assert!(c.ingest(&fx.f1, &fx.one, &[], &[]).is_err());
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 2);
    drop(c);
    for _ in 0..2 {
        let c = Corpus::open(&dir).unwrap();
        let r = c.search("", &Filter::default(), 10).unwrap();
        assert_eq!((r.total, r.hits.len()), (2, 2));
    }
}

#[test]
fn crash_before_the_index_commit_is_repaired_by_the_next_ingest() {
    let (_t, dir) = tempdir();
    let fx = fixture();
    let mut c = Corpus::open(&dir).unwrap();
    c.set_failpoint(Some(FailPoint::BeforeIndexCommit));
    assert!(c.ingest(&fx.f1, &fx.one, &[], &[]).is_err());
    c.set_failpoint(None);
    // Re-ingesting the same file adds nothing to the records, but the index catches up.
    let out = c.ingest(&fx.f1, &fx.one, &[], &[]).unwrap();
    assert_eq!(out.added, 0);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 2);
    c.ingest(&fx.f2, &fx.two, &[], &[]).unwrap();
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 4);
}

#[test]
fn index_documents_without_records_are_removed_on_open() {
    let (_t, dir) = tempdir();
    let (c, fx) = loaded(&dir);
    drop(c);
    // Remove one article behind the store's back, as if its transaction had never happened.
    let db = rusqlite::Connection::open(dir.join("corpus.sqlite")).unwrap();
    let gone = &fx.two[1].id.0;
    db.execute("DELETE FROM authors WHERE article_id = ?1", [gone])
        .unwrap();
    db.execute("DELETE FROM articles WHERE id = ?1", [gone])
        .unwrap();
    drop(db);
    let c = Corpus::open(&dir).unwrap();
    let r = c.search("", &Filter::default(), 10).unwrap();
    assert_eq!((r.total, r.hits.len()), (3, 3));
    assert_eq!(
        search_titles(&c, "title:steel", &Filter::default()),
        Vec::<String>::new()
    );
}

#[test]
fn a_lost_index_is_rebuilt_on_open() {
    let (_t, dir) = tempdir();
    let (c, _fx) = loaded(&dir);
    drop(c);
    std::fs::remove_dir_all(dir.join("index")).unwrap();
    assert!(matches!(
        Corpus::open_existing(&dir),
        Err(Error::IndexOutdated { .. })
    ));
    let c = Corpus::open(&dir).unwrap();
    assert_eq!(c.search("tirana", &Filter::default(), 10).unwrap().total, 2);
}

#[test]
fn a_damaged_index_is_rebuilt_by_writers_and_reported_to_readers() {
    let (_t, dir) = tempdir();
    let (c, _fx) = loaded(&dir);
    drop(c);
    std::fs::write(dir.join("index/meta.json"), "{ not json").unwrap();
    // Issue #17: what needs only the records still works; queries say what is wrong.
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.articles(&Filter::default()).unwrap().len(), 4);
    let err = r.search("tirana", &Filter::default(), 10).err().unwrap();
    assert!(matches!(err, Error::IndexUnreadable { .. }), "{err:?}");
    assert!(err
        .to_string()
        .contains(&dir.join("index").display().to_string()));
    assert!(err.to_string().contains("reindex --index-only"), "{err}");
    drop(r);
    let c = Corpus::open(&dir).unwrap();
    assert_eq!(c.search("tirana", &Filter::default(), 10).unwrap().total, 2);
    assert_eq!(c.search("", &Filter::default(), 10).unwrap().total, 4);
}

// ---- errors and concurrency -----------------------------------------------------------------

#[test]
fn a_missing_corpus_is_not_created_by_readers() {
    let (_t, dir) = tempdir();
    let err = Corpus::open_existing(&dir).err().unwrap();
    assert_eq!(
        err.to_string(),
        format!("not a cuttings corpus: {}", dir.display())
    );
    assert!(!dir.exists());
}

#[test]
fn a_corrupted_database_is_reported_with_its_path() {
    let (_t, dir) = tempdir();
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("corpus.sqlite");
    std::fs::write(&db, vec![0x42u8; 8192]).unwrap();
    for result in [Corpus::open(&dir), Corpus::open_existing(&dir)] {
        let err = result.err().unwrap();
        assert!(matches!(err, Error::Corrupt { .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.starts_with("corrupted corpus database: "), "{msg}");
        assert!(msg.contains(&db.display().to_string()), "{msg}");
    }
}

#[test]
fn an_unusable_folder_is_reported_with_its_path() {
    let (t, _dir) = tempdir();
    let blocker = t.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let dir = blocker.join("corpus");
    let err = Corpus::open(&dir).err().unwrap();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().contains(&dir.display().to_string()));
}

#[test]
fn one_writer_at_a_time_while_readers_keep_reading() {
    let (_t, dir) = tempdir();
    let (mut first, fx) = loaded(&dir);
    let mut second = Corpus::open(&dir).unwrap();
    let f3 = file("third.txt");
    let third = vec![a("Third", "A third file about Tirana.").build(&f3)];
    let err = second.ingest(&f3, &third, &[], &[]).unwrap_err();
    assert!(matches!(err, Error::Locked { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("corpus is locked by another writer: {}", dir.display())
    );
    // Nothing of the refused file was stored.
    assert_eq!(second.sources().unwrap().len(), 2);

    let reader = Corpus::open_existing(&dir).unwrap();
    assert_eq!(
        reader
            .search("tirana", &Filter::default(), 10)
            .unwrap()
            .total,
        2
    );
    assert!(matches!(
        Corpus::open_existing(&dir)
            .unwrap()
            .ingest(&fx.f1, &fx.one, &[], &[]),
        Err(Error::ReadOnly { .. })
    ));

    // The writer goes on; readers see its commits once they reopen.
    first.ingest(&f3, &third, &[], &[]).unwrap();
    assert_eq!(reader.articles(&Filter::default()).unwrap().len(), 5);
    let reader = Corpus::open_existing(&dir).unwrap();
    assert_eq!(
        reader
            .search("tirana", &Filter::default(), 10)
            .unwrap()
            .total,
        3
    );

    drop(first);
    assert_eq!(
        second
            .ingest(&f3, &third, &[], &[])
            .unwrap()
            .already_present,
        1
    );
}

#[test]
fn a_stale_index_is_not_rebuilt_under_a_live_writer() {
    let (_t, dir) = tempdir();
    let (writer, _fx) = loaded(&dir);
    // As if the index had been built by another version of cuttings.
    let db = rusqlite::Connection::open(dir.join("corpus.sqlite")).unwrap();
    db.execute(
        "UPDATE meta SET value = '0' WHERE key = 'index_version'",
        [],
    )
    .unwrap();
    drop(db);
    let err = Corpus::open(&dir).err().unwrap();
    assert!(matches!(err, Error::Locked { .. }), "{err:?}");
    assert_eq!(
        writer
            .search("tirana", &Filter::default(), 10)
            .unwrap()
            .total,
        2
    );
    drop(writer);
    let c = Corpus::open(&dir).unwrap();
    assert_eq!(c.search("tirana", &Filter::default(), 10).unwrap().total, 2);
    drop(c);
    assert!(Corpus::open_existing(&dir).is_ok());
}

#[test]
fn entities_and_quotes_are_stored_counted_and_found() {
    use cuttings_model::EntityKind;
    let (_tmp, dir) = tempdir();
    let f = file("entities.txt");
    let one = a(
        "Rally in Tirana",
        "Maryam Rajavi spoke in Tirana. \"We will return\", said Rajavi.",
    )
    .date(2017, 8, 3)
    .entity("Maryam Rajavi", EntityKind::Person, "Maryam Rajavi")
    .entity("Tirana", EntityKind::Place, "Tirana")
    .entity("Rajavi", EntityKind::Person, "Maryam Rajavi")
    .quote("We will return", Some("Rajavi"), Some("Maryam Rajavi"))
    .build(&f);
    let two = a(
        "Talks",
        "Officials in tirana met the MEK. \"No comment\", an aide said.",
    )
    .date(2017, 8, 4)
    .entity("tirana", EntityKind::Place, "tirana")
    .entity("MEK", EntityKind::Org, "MEK")
    .quote("No comment", None, None)
    .build(&f);
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&f, &[one.clone(), two.clone()], &[], &[]).unwrap();
    drop(c);

    let r = Corpus::open_existing(&dir).unwrap();
    // Names come back with the canonical name of their corpus entity: "tirana" joined "Tirana".
    let mut two_joined = two.clone();
    two_joined.entities[0].canonical = "Tirana".to_string();
    assert_eq!(
        r.articles(&Filter::default()).unwrap(),
        vec![one, two_joined]
    );

    let all = r.entities(None, 10).unwrap();
    let top: Vec<(&str, EntityKind, u64, u64)> = all
        .iter()
        .map(|e| (e.name.as_str(), e.kind, e.mentions, e.articles))
        .collect();
    // "Tirana" and "tirana" are one place (any case), spelled as most often printed.
    assert_eq!(top[0].2, 2);
    assert!(top.contains(&("Maryam Rajavi", EntityKind::Person, 2, 1)));
    assert!(top
        .iter()
        .any(|t| t.1 == EntityKind::Place && t.2 == 2 && t.3 == 2));
    assert!(top.contains(&("MEK", EntityKind::Org, 1, 1)));
    let orgs = r.entities(Some(EntityKind::Org), 10).unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(r.entities(None, 1).unwrap().len(), 1);

    let by = r.quotes(Some("rajavi"), None, 10).unwrap();
    assert_eq!(by.len(), 1);
    assert_eq!(by[0].quote.text, "We will return");
    assert_eq!(by[0].title.as_deref(), Some("Rally in Tirana"));
    let about = r.quotes(None, Some("mek"), 10).unwrap();
    assert_eq!(about.len(), 1);
    assert_eq!(about[0].quote.text, "No comment");
    // Newest article first.
    let every = r.quotes(None, None, 10).unwrap();
    assert_eq!(every[0].quote.text, "No comment");
    assert_eq!(every.len(), 2);
}

#[test]
fn one_entity_is_reported_under_any_of_its_names() {
    use cuttings_model::EntityKind;
    let (_tmp, dir) = tempdir();
    let f = file("entity.txt");
    let one = a(
        "Exiles rally",
        "The Mojahedin-e Khalq (MKO) held a rally in Paris. \"We will return\", said the MKO.",
    )
    .date(2017, 7, 3)
    .outlet("The Courier")
    .entity("Mojahedin-e Khalq", EntityKind::Org, "Mojahedin-e Khalq")
    .entity("MKO", EntityKind::Org, "Mojahedin-e Khalq")
    .entity("Paris", EntityKind::Place, "Paris")
    .quote("We will return", Some("MKO"), Some("Mojahedin-e Khalq"))
    .build(&f);
    let two = a(
        "Albania camp",
        "The MKO camp near Tirana grew, officials in Tirana said.",
    )
    .date(2017, 8, 9)
    .entity("MKO", EntityKind::Org, "MKO")
    .entity("Tirana", EntityKind::Place, "Tirana")
    .build(&f);
    let mut c = Corpus::open(&dir).unwrap();
    c.ingest(&f, &[one, two], &[], &[]).unwrap();
    drop(c);
    let r = Corpus::open_existing(&dir).unwrap();
    // Asked for by a form it is mentioned under: both articles' names join.
    let e = r.entity("mko", 10).unwrap().expect("found");
    assert_eq!(e.kind, EntityKind::Org);
    assert_eq!(e.mentions, 3);
    assert_eq!(e.articles, 2);
    assert_eq!(e.aliases[0], ("MKO".to_string(), 2));
    assert!(e.aliases.contains(&("Mojahedin-e Khalq".to_string(), 1)));
    assert_eq!(
        e.months,
        vec![("2017-07".to_string(), 1), ("2017-08".to_string(), 1)]
    );
    assert!(e.outlets.contains(&(Some("The Courier".to_string()), 1)));
    assert!(e.outlets.contains(&(None, 1)));
    assert_eq!(e.co_mentions.len(), 2);
    assert!(e
        .co_mentions
        .iter()
        .all(|(_, k, n)| *k == EntityKind::Place && *n == 1));
    assert_eq!(e.quotes.len(), 1);
    assert_eq!(e.quotes[0].quote.text, "We will return");
    // By its canonical name: the same entity (the articles' names joined by the alias MKO).
    let e = r.entity("Mojahedin-e Khalq", 10).unwrap().expect("found");
    assert_eq!(e.name, "Mojahedin-e Khalq");
    assert_eq!(e.articles, 2);
    assert!(r.entity("Nobody Known", 10).unwrap().is_none());
    // The quote filters still work.
    assert_eq!(r.quotes(Some("mko"), None, 10).unwrap().len(), 1);
    assert_eq!(r.quotes(None, Some("tirana"), 10).unwrap().len(), 0);
    assert_eq!(r.quotes(None, Some("paris"), 10).unwrap().len(), 1);
}

#[test]
fn pages_sorts_and_counts_months_languages_and_kinds() {
    use cuttings_store::{Page, Sort};
    let (_t, dir) = tempdir();
    let (c, _) = loaded(&dir);
    let any = Filter::default();
    let page = |offset, limit, sort| Page {
        offset,
        limit,
        sort,
        collapse_reprints: false,
    };
    let titles_of = |r: &cuttings_store::SearchResults| -> Vec<String> {
        r.hits
            .iter()
            .map(|h| h.article.title.clone().unwrap_or_default())
            .collect()
    };
    // Newest first, the undated article last; pages are slices of that order.
    let r = c.search_page("", &any, &page(0, 10, Sort::Newest)).unwrap();
    assert_eq!(
        titles_of(&r),
        [
            "Albania elections",
            "Trade agreements",
            "Rajavi visits Tirana",
            "Steel prices"
        ]
    );
    let r2 = c.search_page("", &any, &page(1, 2, Sort::Newest)).unwrap();
    assert_eq!(r2.total, 4);
    assert_eq!(titles_of(&r2), ["Trade agreements", "Rajavi visits Tirana"]);
    let old = c.search_page("", &any, &page(0, 3, Sort::Oldest)).unwrap();
    assert_eq!(
        titles_of(&old)[..2],
        ["Rajavi visits Tirana", "Trade agreements"]
    );
    // Past the end: the total, no hits.
    let r = c
        .search_page("", &any, &page(10, 5, Sort::Relevance))
        .unwrap();
    assert_eq!((r.total, r.hits.len()), (4, 0));
    // Relevance paging agrees with the unpaged order.
    let all = c.search("steel OR Tirana", &any, 10).unwrap();
    let second = c
        .search_page("steel OR Tirana", &any, &page(1, 1, Sort::Relevance))
        .unwrap();
    assert_eq!(second.hits[0].article.id, all.hits[1].article.id);

    let f = &c.search("", &any, 1).unwrap().facets;
    assert_eq!(
        f.month,
        [("2017-08".to_string(), 2), ("2017-09".to_string(), 1)]
    );
    let kinds: u64 = f.kind.iter().map(|(_, n)| n).sum();
    assert_eq!(kinds, 4, "every article has a kind: {:?}", f.kind);
    // The language and kind fields can be queried.
    let (lang, n) = f.language.first().cloned().expect("a language facet");
    assert_eq!(
        c.search(&format!("language:{lang}"), &any, 10)
            .unwrap()
            .total as u64,
        n
    );
    let (kind, n) = f.kind[0].clone();
    assert_eq!(
        c.search(&format!("kind:{kind}"), &any, 10).unwrap().total as u64,
        n
    );
}
