//! Text reuse in the corpus (issue #13): linking during ingest, order independence, rebuild,
//! removal, reprint groups and collapsed counts.

mod common;

use common::{a, file};
use cuttings_model::{Article, ReuseKind};
use cuttings_store::{Corpus, Filter};

const P1: &str = "The regional council voted on Tuesday to close the old copper mine above the \
    village of Arnfeld, ending two centuries of extraction in the valley.";
const P2: &str = "Miners' representatives said they would appeal against the decision, which puts \
    some four hundred jobs at risk across three neighbouring districts.";
const P3: &str =
    "A spokeswoman for the owners declined to comment on the future of the site or on \
    plans to flood the lower galleries before the end of next year.";
const OTHER: &str = "Heavy snow closed the mountain pass for a third day running, and drivers \
    were told to expect further delays until the ploughs could reach the summit.";

/// Three files: a story, its reprint elsewhere a day later, and an article with one of its
/// paragraphs.
fn files() -> Vec<(cuttings_store::FileRecord, Vec<Article>)> {
    let f1 = file("herald.txt");
    let f2 = file("courier.txt");
    let f3 = file("gazette.txt");
    let story = format!("{P1}\n\n{P2}\n\n{P3}");
    vec![
        (
            f1.clone(),
            vec![a("Mine to close", &story)
                .outlet("Herald")
                .date(2020, 10, 1)
                .build(&f1)],
        ),
        (
            f2.clone(),
            vec![a("MINE TO CLOSE", &story.to_uppercase())
                .outlet("Courier")
                .date(2020, 10, 2)
                .build(&f2)],
        ),
        (
            f3.clone(),
            vec![
                a("Snow", &format!("{OTHER}\n\n{P2}"))
                    .outlet("Gazette")
                    .date(2020, 10, 5)
                    .build(&f3),
                a("Pass", OTHER).outlet("Gazette").build(&f3),
            ],
        ),
    ]
}

fn linked(
    order: &[usize],
    one_by_one: bool,
) -> (tempfile::TempDir, Vec<cuttings_model::ReuseLink>) {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Corpus::open(tmp.path()).unwrap();
    let all = files();
    for &i in order {
        let (f, arts) = &all[i];
        c.ingest(f, arts, &[], &[]).unwrap();
        if one_by_one {
            c.link_pending(&mut |_, _| {}).unwrap();
        }
    }
    c.link_pending(&mut |_, _| {}).unwrap();
    let links = c.reuse_links(None).unwrap();
    (tmp, links)
}

#[test]
fn ingest_links_reprints_and_partial_reuse() {
    let (_tmp, links) = linked(&[0, 1, 2], false);
    let kinds: Vec<ReuseKind> = links.iter().map(|l| l.kind).collect();
    assert_eq!(links.len(), 4, "{links:#?}");
    assert_eq!(
        kinds.iter().filter(|k| **k == ReuseKind::Reprint).count(),
        1
    );
    // "Snow" shares P2 with both printings of the story, and all of "Pass".
    assert_eq!(
        kinds.iter().filter(|k| **k == ReuseKind::Partial).count(),
        3
    );
}

#[test]
fn links_do_not_depend_on_the_order_of_ingest() {
    let (_t, reference) = linked(&[0, 1, 2], false);
    for order in [[2, 1, 0], [1, 2, 0], [0, 2, 1]] {
        assert_eq!(linked(&order, true).1, reference, "{order:?}");
        assert_eq!(linked(&order, false).1, reference, "{order:?}");
    }
}

/// Linking is incremental: a new file's articles are compared with the corpus, the corpus is
/// not linked again.
#[test]
fn ingest_compares_only_the_new_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Corpus::open(tmp.path()).unwrap();
    let all = files();
    for (f, arts) in &all[..2] {
        c.ingest(f, arts, &[], &[]).unwrap();
    }
    let first = c.link_pending(&mut |_, _| {}).unwrap();
    assert_eq!((first.articles, first.links), (2, 1), "{first:?}");
    // Nothing new: nothing compared.
    let again = c.link_pending(&mut |_, _| {}).unwrap();
    assert_eq!((again.articles, again.compared), (0, 0), "{again:?}");
    let (f, arts) = &all[2];
    c.ingest(f, arts, &[], &[]).unwrap();
    let out = c.link_pending(&mut |_, _| {}).unwrap();
    // The Gazette's two articles, each compared with what shares fingerprints with it: "Snow"
    // with both printings of the story and with "Pass".
    assert_eq!(out.articles, 2, "{out:?}");
    assert_eq!(out.compared, 3, "{out:?}");
    assert_eq!(c.reuse_links(None).unwrap().len(), 4);
}

#[test]
fn rebuild_gives_the_same_links_and_removal_takes_them_away() {
    let (tmp, links) = linked(&[2, 0, 1], true);
    let mut c = Corpus::open(tmp.path()).unwrap();
    let out = c.relink(&mut |_, _| {}).unwrap();
    assert_eq!(out.articles, 4);
    assert_eq!(c.reuse_links(None).unwrap(), links);
    let gazette = &files()[2].0;
    c.remove_source(&gazette.sha256).unwrap();
    c.link_pending(&mut |_, _| {}).unwrap();
    let left = c.reuse_links(None).unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].kind, ReuseKind::Reprint);
}

#[test]
fn reprint_groups_collapse_counts() {
    let (tmp, _) = linked(&[1, 2, 0], true);
    let c = Corpus::open_existing(tmp.path()).unwrap();
    let all = c.articles(&Filter::default()).unwrap();
    let herald = all
        .iter()
        .find(|x| x.outlet.as_deref() == Some("Herald"))
        .unwrap();
    let courier = all
        .iter()
        .find(|x| x.outlet.as_deref() == Some("Courier"))
        .unwrap();
    let heads = c
        .reprint_heads(&[herald.id.0.clone(), courier.id.0.clone()])
        .unwrap();
    // The Herald printed it first.
    assert_eq!(heads, [herald.id.0.clone(), herald.id.0.clone()]);
    assert_eq!(c.reprint_counts().unwrap()[&herald.id.0], 2);
    assert_eq!(c.stats().unwrap().articles, 4);
    let collapsed = c.stats_collapsed().unwrap();
    assert_eq!(collapsed.articles, 3);
    assert!(!collapsed.by_outlet.iter().any(|(o, _)| o == "Courier"));
    // Passages index the bodies.
    for l in c.reuse_of(&herald.id.0).unwrap() {
        let (x, y) = (
            c.article(&l.a.0).unwrap().unwrap(),
            c.article(&l.b.0).unwrap().unwrap(),
        );
        for p in &l.passages {
            assert!(p.a.end <= x.article.body.len() && p.b.end <= y.article.body.len());
        }
    }
}

/// A sentence that more than 100 different articles print becomes boilerplate: the link it
/// alone made between two older articles goes, as a full recomputation would never make it.
#[test]
fn a_passage_that_becomes_boilerplate_stops_linking() {
    let boiler = "This report was compiled from agency material and local sources by the regional \
        news desk and may be reproduced with credit to the publishers.";
    let words = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
    ];
    // A text of its own for each article: words picked by the digits of n.
    let own = |n: usize| -> String {
        (0..24)
            .map(|k| words[(n * 7 + k * (n % 5 + 1) + k * k) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
            + &format!(" number {n}.")
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Corpus::open(tmp.path()).unwrap();
    let f = file("two.txt");
    let two = vec![
        a("X", &format!("{}\n\n{boiler}", own(1))).build(&f),
        a("Y", &format!("{boiler}\n\n{}", own(2))).build(&f),
    ];
    c.ingest(&f, &two, &[], &[]).unwrap();
    c.link_pending(&mut |_, _| {}).unwrap();
    assert_eq!(c.reuse_links(None).unwrap().len(), 1);
    let g = file("many.txt");
    let many: Vec<Article> = (3..=104)
        .map(|n| a(&format!("N{n}"), &format!("{}\n\n{boiler}", own(n))).build(&g))
        .collect();
    c.ingest(&g, &many, &[], &[]).unwrap();
    let out = c.link_pending(&mut |_, _| {}).unwrap();
    assert_eq!(out.dropped, 1, "{out:?}");
    let incremental = c.reuse_links(None).unwrap();
    c.relink(&mut |_, _| {}).unwrap();
    assert_eq!(c.reuse_links(None).unwrap(), incremental);
    let xy = |l: &cuttings_model::ReuseLink| {
        [&l.a, &l.b].contains(&&two[0].id) && [&l.a, &l.b].contains(&&two[1].id)
    };
    assert!(!incremental.iter().any(xy));
}
