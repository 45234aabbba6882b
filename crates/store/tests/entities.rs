//! Entities across the corpus: names joined across articles, the users' alias decisions, and
//! what every query sees of them.

mod common;

use common::{a, file};
use cuttings_model::{Article, EntityKind};
use cuttings_store::{AliasAction, Corpus, Error, Filter};

use EntityKind::{Org, Person, Place};

/// Three articles naming one organisation three ways, two Rajavis, and a place.
fn articles() -> (cuttings_store::FileRecord, Vec<Article>) {
    let f = file("entities/digest.txt");
    let articles = vec![
        a(
            "Rally",
            "The Mojahedin-e Khalq Organization (MEK) met in Tirana. Maryam Rajavi spoke. \
             \"We will return\", Mrs. Rajavi said.",
        )
        .date(2017, 8, 3)
        .outlet("The Courier")
        .entity("Mojahedin-e Khalq Organization", Org, "Mojahedin-e Khalq Organization")
        .entity("MEK", Org, "Mojahedin-e Khalq Organization")
        .entity("Tirana", Place, "Tirana")
        .entity("Maryam Rajavi", Person, "Maryam Rajavi")
        .entity_nth("Rajavi", Person, "Maryam Rajavi", 1)
        .quote("We will return", Some("Rajavi"), Some("Maryam Rajavi"))
        .build(&f),
        a(
            "Camp",
            "The MEK camp near Tirana grew. Rajavi was not seen. The Rajavi cult denies it.",
        )
        .date(2017, 9, 1)
        .outlet("Balkan Post")
        .entity("MEK", Org, "MEK")
        .entity("Tirana", Place, "Tirana")
        .entity("Rajavi", Person, "Rajavi")
        .entity("Rajavi cult", Org, "MEK")
        .build(&f),
        a(
            "Founder",
            "The Mujahedin Khalq Organization was led by Massoud Rajavi. \"Never\", said Massoud Rajavi.",
        )
        .date(2017, 9, 2)
        .outlet("Balkan Post")
        .entity(
            "Mujahedin Khalq Organization",
            Org,
            "Mujahedin Khalq Organization",
        )
        .entity("Massoud Rajavi", Person, "Massoud Rajavi")
        .entity_nth("Massoud Rajavi", Person, "Massoud Rajavi", 1)
        .quote("Never", Some("Massoud Rajavi"), Some("Massoud Rajavi"))
        .build(&f),
    ];
    (f, articles)
}

fn loaded() -> (tempfile::TempDir, Corpus, Vec<Article>) {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Corpus::open(&tmp.path().join("corpus")).unwrap();
    let (f, articles) = articles();
    c.ingest(&f, &articles, &[], &[]).unwrap();
    c.resolve_entities().unwrap();
    (tmp, c, articles)
}

fn listed(c: &Corpus) -> Vec<(String, EntityKind, u64, u64)> {
    let mut v: Vec<_> = c
        .entities(None, 100)
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.kind, e.mentions, e.articles))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn search(c: &Corpus, q: &str) -> Vec<String> {
    let mut v: Vec<String> = c
        .search(q, &Filter::default(), 10)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.article.title.unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn names_join_across_articles_by_alias_and_spelling() {
    let (_tmp, c, _) = loaded();
    let got = listed(&c);
    let want = vec![
        ("Massoud Rajavi".to_string(), Person, 2, 1),
        // the MEK: by the alias "MEK" (articles 1, 2) and by spelling (article 3)
        ("Mojahedin-e Khalq Organization".to_string(), Org, 5, 3),
        ("Rajavi".to_string(), Person, 1, 1),
        ("Maryam Rajavi".to_string(), Person, 2, 1),
        ("Tirana".to_string(), Place, 2, 2),
    ];
    let mut want = want;
    want.sort_by(|a, b| a.0.cmp(&b.0));
    // the lone "Rajavi" of article 2 could be Maryam or Massoud: it stays apart
    assert_eq!(got, want);

    let mek = c.entity("MKO-less name: MEK", 10).unwrap();
    assert!(mek.is_none(), "no such name");
    for name in ["MEK", "mek", "Mujahedin Khalq Organization", "Rajavi cult"] {
        let r = c.entity(name, 10).unwrap().unwrap();
        assert_eq!(r.name, "Mojahedin-e Khalq Organization", "{name}");
        assert_eq!(r.articles, 3);
        assert_eq!(
            r.outlets,
            vec![
                (Some("Balkan Post".to_string()), 2),
                (Some("The Courier".to_string()), 1)
            ]
        );
    }
    // the jsonl `canonical` is the corpus entity's name
    let stored = c.articles(&Filter::default()).unwrap();
    assert_eq!(
        stored[1].entities[0].canonical,
        "Mojahedin-e Khalq Organization"
    );
    // the facet and the search field
    assert_eq!(search(&c, "entity:MEK"), ["Camp", "Founder", "Rally"]);
    assert_eq!(
        search(&c, "entity:\"Maryam Rajavi\" OR entity:Tirana"),
        ["Camp", "Rally"]
    );
    assert_eq!(search(&c, "entity:nobody"), Vec::<String>::new());
    assert_eq!(search(&c, "entity:MEK AND camp"), ["Camp"]);
    let found = c.search("Tirana", &Filter::default(), 10).unwrap();
    assert_eq!(
        found.facets.entity[0],
        ("Mojahedin-e Khalq Organization".into(), 2)
    );
}

#[test]
fn a_surname_joins_the_one_person_it_can_be() {
    let tmp = tempfile::tempdir().unwrap();
    let mut c = Corpus::open(&tmp.path().join("corpus")).unwrap();
    let (f, all) = articles();
    // without Massoud, the lone "Rajavi" is Maryam
    c.ingest(&f, &all[..2], &[], &[]).unwrap();
    c.resolve_entities().unwrap();
    let r = c.entity("Rajavi", 10).unwrap().unwrap();
    assert_eq!(
        (r.name.as_str(), r.mentions, r.articles),
        ("Maryam Rajavi", 3, 2)
    );
}

#[test]
fn users_merge_split_rename_and_undo_with_a_log() {
    let (tmp, mut c, articles) = loaded();
    // merge the lone Rajavi into Massoud
    let m = c
        .alias(
            AliasAction::Merge,
            "Rajavi",
            Some("Massoud Rajavi"),
            Some("founder"),
        )
        .unwrap();
    assert_eq!(m.id, 1);
    let r = c.entity("Massoud Rajavi", 10).unwrap().unwrap();
    assert_eq!((r.mentions, r.articles), (3, 2));
    assert_eq!(search(&c, "entity:\"Massoud Rajavi\""), ["Camp", "Founder"]);
    // split the pejorative name off the MEK
    c.alias(AliasAction::Split, "Rajavi cult", None, Some("track apart"))
        .unwrap();
    let cult = c.entity("Rajavi cult", 10).unwrap().unwrap();
    assert_eq!((cult.name.as_str(), cult.mentions), ("Rajavi cult", 1));
    assert_eq!(c.entity("MEK", 10).unwrap().unwrap().mentions, 4);
    assert_eq!(search(&c, "entity:\"Rajavi cult\""), ["Camp"]);
    // rename
    c.alias(AliasAction::Rename, "MEK", Some("People's Mojahedin"), None)
        .unwrap();
    let stored = c.articles(&Filter::default()).unwrap();
    assert_eq!(stored[0].entities[1].canonical, "People's Mojahedin");
    assert!(listed(&c).iter().any(|e| e.0 == "People's Mojahedin"));
    assert_eq!(
        search(&c, "entity:\"People's Mojahedin\""),
        ["Camp", "Founder", "Rally"]
    );
    // refused changes change nothing and are not logged
    for (action, name, target) in [
        (AliasAction::Merge, "Nobody", Some("MEK")),
        (
            AliasAction::Merge,
            "MEK",
            Some("Mujahedin Khalq Organization"),
        ),
        (AliasAction::Split, "Never mentioned", None),
        (AliasAction::Split, "Rajavi cult", None),
        (AliasAction::Rename, "Nobody", Some("X")),
        (AliasAction::Undo, "99", None),
    ] {
        let e = c.alias(action, name, target, None).unwrap_err();
        assert!(matches!(e, Error::Alias { .. }), "{e}");
    }
    assert_eq!(c.alias_log().unwrap().len(), 3);
    // undo the merge
    let u = c
        .alias(AliasAction::Undo, "1", None, Some("not sure"))
        .unwrap();
    assert_eq!(u.id, 4);
    assert_eq!(c.entity("Massoud Rajavi", 10).unwrap().unwrap().mentions, 2);
    let log = c.alias_log().unwrap();
    let state: Vec<(AliasAction, bool)> = log.iter().map(|l| (l.action, l.active)).collect();
    assert_eq!(
        state,
        [
            (AliasAction::Merge, false),
            (AliasAction::Split, true),
            (AliasAction::Rename, true),
            (AliasAction::Undo, true),
        ]
    );
    assert_eq!(log[1].reason.as_deref(), Some("track apart"));
    assert!(log[0].time.ends_with('Z'), "{}", log[0].time);

    // decisions survive re-extraction and reopening, and apply to what is ingested later
    assert_eq!(c.replace_names(&articles).unwrap(), 3);
    c.refresh(false).unwrap();
    drop(c);
    let mut c = Corpus::open(&tmp.path().join("corpus")).unwrap();
    let g = file("entities/later.txt");
    let later = a("Later", "The Rajavi cult again.")
        .entity("Rajavi cult", Org, "Mojahedin-e Khalq Organization")
        .build(&g);
    c.ingest(&g, &[later], &[], &[]).unwrap();
    c.resolve_entities().unwrap();
    drop(c);
    let r = Corpus::open_existing(&tmp.path().join("corpus")).unwrap();
    let cult = r.entity("Rajavi cult", 10).unwrap().unwrap();
    assert_eq!((cult.mentions, cult.articles), (2, 2));
    assert_eq!(
        r.entity("MEK", 10).unwrap().unwrap().name,
        "People's Mojahedin"
    );
    assert_eq!(r.entity("MEK", 10).unwrap().unwrap().mentions, 4);
    assert_eq!(search(&r, "entity:\"Rajavi cult\""), ["Camp", "Later"]);
    // read-only corpora refuse changes
    assert!(matches!(r.alias_log().map(|l| l.len()), Ok(4)));
}

#[test]
fn quotes_follow_entities() {
    let (_tmp, mut c, _) = loaded();
    let by = |c: &Corpus, speaker: Option<&str>, about: Option<&str>| -> Vec<String> {
        c.quotes(speaker, about, 10)
            .unwrap()
            .into_iter()
            .map(|q| q.quote.text)
            .collect()
    };
    assert_eq!(by(&c, Some("Maryam Rajavi"), None), ["We will return"]);
    assert_eq!(by(&c, Some("Massoud"), None), ["Never"]);
    assert_eq!(
        by(&c, None, Some("Rajavi cult")),
        ["Never", "We will return"]
    );
    assert_eq!(by(&c, None, Some("nobody")), Vec::<String>::new());
    c.alias(
        AliasAction::Rename,
        "Maryam Rajavi",
        Some("Mrs Rajavi"),
        None,
    )
    .unwrap();
    let q = c.quotes(Some("Mrs Rajavi"), None, 10).unwrap();
    assert_eq!(q[0].quote.canonical.as_deref(), Some("Mrs Rajavi"));
}

#[test]
fn a_dropped_writer_resolves_what_it_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let (f, articles) = articles();
    {
        let mut c = Corpus::open(&dir).unwrap();
        c.ingest(&f, &articles, &[], &[]).unwrap();
    }
    let r = Corpus::open_existing(&dir).unwrap();
    assert_eq!(r.entities(None, 10).unwrap().len(), 5);
}
