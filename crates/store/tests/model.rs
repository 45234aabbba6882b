//! Random sequences of ingests, crashes and reopens leave the corpus equal to a simple model.

mod common;

use std::collections::BTreeSet;

use common::{a, file};
use cuttings_model::Article;
use cuttings_store::{Corpus, FailPoint, Filter};
use proptest::prelude::*;

/// Words that appear in no generated text except as an article's own marker.
fn marker(file: usize, n: usize) -> String {
    format!("zq{file}x{n}")
}

/// The articles of file `f`: a few small ones, each with a unique marker word.
fn articles_of(f: usize, count: usize) -> Vec<Article> {
    let rec = file(&format!("f{f}.txt"));
    (0..count)
        .map(|n| {
            let mut x = a(
                &format!("Item {n}"),
                &format!("Some words about {} and the weather.", marker(f, n)),
            );
            // Every other article has an outlet, which depends on the file.
            if n % 2 != 1 {
                x = x.outlet(["Even Times", "Odd Post"][f % 2]);
            }
            x.build(&rec)
        })
        .collect()
}

#[derive(Clone, Debug)]
enum Op {
    /// Ingest file `f` (each file has `f % 4 + 1` articles, 0 for file 5).
    Ingest(usize),
    /// Ingest file `f`, failing at a failpoint (0, 1 or 2), then "crash" and reopen.
    Crash(usize, u8),
    /// Close and reopen the corpus.
    Reopen,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..6).prop_map(Op::Ingest),
        2 => ((0usize..6), 0u8..3).prop_map(|(f, point)| Op::Crash(f, point)),
        1 => Just(Op::Reopen),
    ]
}

fn count_of(f: usize) -> usize {
    if f == 5 {
        0
    } else {
        f % 4 + 1
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn ingest_sequences_match_the_model(ops in proptest::collection::vec(op(), 1..7)) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("corpus");
        let mut corpus = Corpus::open(&dir).unwrap();
        // The model: files in ingest order.
        let mut files: Vec<usize> = Vec::new();
        for op in &ops {
            match *op {
                Op::Ingest(f) => {
                    let arts = articles_of(f, count_of(f));
                    let out = corpus.ingest(&file(&format!("f{f}.txt")), &arts, &[], &[]).unwrap();
                    if files.contains(&f) {
                        prop_assert_eq!((out.added, out.already_present), (0, arts.len()));
                    } else {
                        prop_assert_eq!((out.added, out.already_present), (arts.len(), 0));
                        files.push(f);
                    }
                }
                Op::Crash(f, point) => {
                    let arts = articles_of(f, count_of(f));
                    let mid = point == 0;
                    let point = [
                        FailPoint::MidTransaction,
                        FailPoint::BeforeIndexCommit,
                        FailPoint::AfterIndexCommit,
                    ][usize::from(point)];
                    corpus.set_failpoint(Some(point));
                    let result = corpus.ingest(&file(&format!("f{f}.txt")), &arts, &[], &[]);
                    let known = files.contains(&f);
                    // A known file is skipped before any failpoint; an empty file never
                    // reaches the index commit.
                    let fails = !known && (mid || !arts.is_empty());
                    prop_assert_eq!(result.is_err(), fails, "{:?}", result);
                    if !known && !mid {
                        files.push(f);
                    }
                    drop(corpus);
                    corpus = Corpus::open(&dir).unwrap();
                }
                Op::Reopen => {
                    drop(corpus);
                    corpus = Corpus::open(&dir).unwrap();
                }
            }
        }
        let expected: Vec<Article> = files.iter().flat_map(|&f| articles_of(f, count_of(f))).collect();
        prop_assert_eq!(&corpus.articles(&Filter::default()).unwrap(), &expected);
        let ids: BTreeSet<String> = expected.iter().map(|a| a.id.0.clone()).collect();
        let all = corpus.search("", &Filter::default(), 100).unwrap();
        let found: BTreeSet<String> = all.hits.iter().map(|h| h.article.id.0.clone()).collect();
        prop_assert_eq!(all.total, ids.len());
        prop_assert_eq!(&found, &ids);
        for f in 0..6 {
            for n in 0..count_of(f) {
                let hits = corpus.search(&marker(f, n), &Filter::default(), 10).unwrap();
                let want = usize::from(files.contains(&f));
                prop_assert_eq!(hits.total, want, "marker {}", marker(f, n));
            }
        }
        let sources: Vec<String> = corpus.sources().unwrap().into_iter().map(|s| s.path).collect();
        let model_sources: Vec<String> = files.iter().map(|f| format!("f{f}.txt")).collect();
        prop_assert_eq!(sources, model_sources);
        // A reader agrees with the writer.
        let reader = Corpus::open_existing(&dir).unwrap();
        prop_assert_eq!(reader.search("weather", &Filter::default(), 100).unwrap().total, ids.len());
    }
}
