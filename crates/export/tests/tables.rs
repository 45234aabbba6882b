//! The exports over a small corpus made here (articles with names, a reprint, a selection):
//! Parquet read back with the parquet crate's Arrow reader and compared with the JSON Lines
//! export row for row; entities limited to those the selection names; FtM and GEXF ids agree.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use arrow_array::{
    Array, Date32Array, Int64Array, ListArray, RecordBatch, StringArray, StructArray,
};
use cuttings_export::{entity_id, export, Format, Target};
use cuttings_model::{
    Article, ArticleId, ArticleKind, EntityKind, EntityMention, Provenance, SourceRef,
};
use cuttings_store::{Corpus, FileRecord, Filter};
use cuttings_wire::ArticleLine;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

const STORY: &str = "The regional council voted on Tuesday to close the old copper mine above the village of Arnfeld, ending two centuries of extraction in the valley. Maryam Rajavi of the Mining Union said the workers would appeal against the decision in Tirana.";

fn article(file: &FileRecord, title: &str, date: Option<(i16, i8, i8)>, body: &str) -> Article {
    let mut entities = Vec::new();
    for (name, kind) in [
        ("Maryam Rajavi", EntityKind::Person),
        ("Mining Union", EntityKind::Org),
        ("Tirana", EntityKind::Place),
        ("Arnfeld", EntityKind::Place),
    ] {
        if let Some(start) = body.find(name) {
            entities.push(EntityMention {
                name: name.into(),
                kind,
                canonical: name.into(),
                start,
                end: start + name.len(),
            });
        }
    }
    entities.sort_by_key(|e| e.start);
    Article {
        id: ArticleId::of(&file.sha256, Some(title), body),
        title: Some(title.into()),
        subtitle: None,
        date: date.map(|(y, m, d)| cuttings_model::Date::constant(y, m, d)),
        outlet: Some(format!("Outlet of {title}")),
        authors: vec!["Ann Smith".into(), "Bo Li".into()],
        language: Some("en".into()),
        body: body.into(),
        kind: ArticleKind::Article,
        source: SourceRef {
            path: file.path.clone(),
            sha256: file.sha256.clone(),
            first_page: 1,
            last_page: 2,
        },
        provenance: Provenance::default(),
        entities,
        quotes: vec![],
        confidence: None,
    }
}

fn corpus(dir: &Path) -> Corpus {
    let mut corpus = Corpus::open(dir).unwrap();
    for (i, arts) in [
        vec![
            ("Mine", Some((2020, 10, 1)), STORY.to_string()),
            ("Snow", None, "Heavy snow closed the pass to Tirana again, and Maryam Rajavi was stuck in Arnfeld for the third day running.".to_string()),
        ],
        vec![("Reprint", Some((1969, 12, 31)), STORY.replace("Tuesday", "Wednesday"))],
    ]
    .into_iter()
    .enumerate()
    {
        let file = FileRecord {
            path: format!("digest-{i}.txt"),
            sha256: format!("{i}").repeat(64),
            encoding: "UTF-8".into(),
            flavor: None,
            pages: 2,
            bytes: 100,
        };
        let articles: Vec<Article> = arts
            .iter()
            .map(|(t, d, b)| article(&file, t, *d, b))
            .collect();
        corpus.ingest(&file, &articles, &[], &[]).unwrap();
    }
    corpus.resolve_entities().unwrap();
    corpus.link_pending(&mut |_, _| {}).unwrap();
    drop(corpus);
    Corpus::open_existing(dir).unwrap()
}

fn jsonl(corpus: &Corpus, query: Option<&str>, filter: &Filter) -> Vec<ArticleLine> {
    let sel = corpus.select(query, filter).unwrap();
    let mut out = Vec::new();
    export(
        corpus,
        &sel,
        Format::Jsonl,
        Target::Writer(&mut out),
        &mut |_| {},
    )
    .unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn read(path: &Path) -> Vec<RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn strings(b: &RecordBatch, name: &str) -> Vec<Option<String>> {
    let a = b
        .column_by_name(name)
        .unwrap()
        .as_any()
        .downcast_ref::<StringArray>()
        .unwrap();
    (0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value(i).to_string()))
        .collect()
}

fn days_to_string(days: i32) -> String {
    let d = cuttings_model::Date::constant(1970, 1, 1)
        .checked_add(jiff_days(days))
        .unwrap();
    d.to_string()
}

fn jiff_days(days: i32) -> jiff::Span {
    jiff::Span::new().days(i64::from(days))
}

#[test]
fn parquet_reads_back_as_the_jsonl_export() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(&tmp.path().join("corpus"));
    let lines = jsonl(&corpus, None, &Filter::default());
    assert_eq!(lines.len(), 3);
    assert!(
        lines.iter().any(|l| !l.reuse.is_empty()),
        "the reprint is linked"
    );
    let out = tmp.path().join("pq");
    let sel = corpus.select(None, &Filter::default()).unwrap();
    let summary = export(
        &corpus,
        &sel,
        Format::Parquet,
        Target::Dir(&out),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(summary.articles, 3);
    assert_eq!(summary.reuse, 1);

    let batches = read(&out.join("articles.parquet"));
    let mut row = 0;
    for b in &batches {
        let ids = strings(b, "id");
        let titles = strings(b, "title");
        let dates = b
            .column_by_name("date")
            .unwrap()
            .as_any()
            .downcast_ref::<Date32Array>()
            .unwrap();
        let authors = b
            .column_by_name("authors")
            .unwrap()
            .as_any()
            .downcast_ref::<ListArray>()
            .unwrap();
        let entities = b
            .column_by_name("entities")
            .unwrap()
            .as_any()
            .downcast_ref::<ListArray>()
            .unwrap();
        let reuse = b
            .column_by_name("reuse")
            .unwrap()
            .as_any()
            .downcast_ref::<ListArray>()
            .unwrap();
        let source = b
            .column_by_name("source")
            .unwrap()
            .as_any()
            .downcast_ref::<StructArray>()
            .unwrap();
        let confidence = b.column_by_name("confidence").unwrap();
        for i in 0..b.num_rows() {
            let l = &lines[row];
            assert_eq!(ids[i].as_deref(), Some(l.id.as_str()));
            assert_eq!(titles[i], l.title);
            let date = dates.is_valid(i).then(|| days_to_string(dates.value(i)));
            assert_eq!(date, l.date);
            let a = authors.value(i);
            let a = a.as_any().downcast_ref::<StringArray>().unwrap();
            let a: Vec<String> = (0..a.len()).map(|j| a.value(j).to_string()).collect();
            assert_eq!(a, l.authors);
            let e = entities.value(i);
            let e = e.as_any().downcast_ref::<StructArray>().unwrap();
            let names = e.column(0).as_any().downcast_ref::<StringArray>().unwrap();
            let starts = e.column(3).as_any().downcast_ref::<Int64Array>().unwrap();
            let got: Vec<(String, i64)> = (0..e.len())
                .map(|j| (names.value(j).to_string(), starts.value(j)))
                .collect();
            let want: Vec<(String, i64)> = l
                .entities
                .iter()
                .map(|m| (m.name.clone(), m.start as i64))
                .collect();
            assert_eq!(got, want);
            let r = reuse.value(i);
            assert_eq!(r.len(), l.reuse.len());
            let path = source
                .column(0)
                .as_any()
                .downcast_ref::<StringArray>()
                .unwrap();
            assert_eq!(path.value(i), l.source.path);
            assert_eq!(confidence.is_valid(i), l.confidence.is_some());
            row += 1;
        }
    }
    assert_eq!(row, lines.len());

    // mentions: one row per name, with the entity ids of entities.parquet
    let mentions = read(&out.join("mentions.parquet"));
    let m_rows: usize = mentions.iter().map(RecordBatch::num_rows).sum();
    assert_eq!(
        m_rows,
        lines.iter().map(|l| l.entities.len()).sum::<usize>()
    );
    let mentioned: BTreeSet<String> = mentions
        .iter()
        .flat_map(|b| strings(b, "entity_id"))
        .map(Option::unwrap)
        .collect();
    let entities = read(&out.join("entities.parquet"));
    let ids: BTreeSet<String> = entities
        .iter()
        .flat_map(|b| strings(b, "id"))
        .map(Option::unwrap)
        .collect();
    assert_eq!(mentioned, ids);
    assert_eq!(ids.len(), 4);
    let reuse = read(&out.join("reuse.parquet"));
    assert_eq!(reuse.iter().map(RecordBatch::num_rows).sum::<usize>(), 1);
    assert_eq!(strings(&reuse[0], "kind")[0].as_deref(), Some("reprint"));
}

#[test]
fn a_selection_exports_only_its_articles_and_the_entities_they_name() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(&tmp.path().join("corpus"));
    let snow = jsonl(&corpus, Some("snow"), &Filter::default());
    assert_eq!(snow.len(), 1);
    let dated = jsonl(
        &corpus,
        None,
        &Filter {
            from: Some(cuttings_model::Date::constant(2000, 1, 1)),
            ..Filter::default()
        },
    );
    assert_eq!(dated.len(), 1);
    assert_eq!(dated[0].title.as_deref(), Some("Mine"));
    let copper_reprint = jsonl(
        &corpus,
        Some("copper"),
        &Filter {
            outlet: Some("outlet of reprint".into()),
            ..Filter::default()
        },
    );
    assert_eq!(copper_reprint.len(), 1);

    // FtM of the query "snow": one article, its three entities, three links
    let sel = corpus.select(Some("snow"), &Filter::default()).unwrap();
    let mut out = Vec::new();
    let s = export(
        &corpus,
        &sel,
        Format::Ftm,
        Target::Writer(&mut out),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((s.articles, s.entities, s.mentions), (1, 3, 3));
    let text = String::from_utf8(out).unwrap();
    let by_schema: BTreeMap<String, usize> = text.lines().fold(BTreeMap::new(), |mut m, l| {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        *m.entry(v["schema"].as_str().unwrap().to_string())
            .or_default() += 1;
        m
    });
    assert_eq!(by_schema["Article"], 1);
    assert_eq!(by_schema["Person"], 1);
    assert_eq!(by_schema["Address"], 2);
    assert_eq!(by_schema["Mention"], 1);
    assert_eq!(by_schema["UnknownLink"], 2);
    assert!(
        !text.contains("Mining Union"),
        "an entity the selection does not name"
    );
    assert!(text.contains(&entity_id("p:maryam rajavi")), "{text}");

    // GEXF of the same: three nodes, all three pairs, weight 1
    let mut out = Vec::new();
    let s = export(
        &corpus,
        &sel,
        Format::Gexf,
        Target::Writer(&mut out),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((s.nodes, s.edges), (3, 3));
    let xml = String::from_utf8(out).unwrap();
    assert_eq!(xml.matches("weight=\"1\"").count(), 3);

    // and the whole corpus: Maryam Rajavi and Tirana are named together three times
    let all = corpus.select(None, &Filter::default()).unwrap();
    let mut out = Vec::new();
    export(
        &corpus,
        &all,
        Format::Gexf,
        Target::Writer(&mut out),
        &mut |_| {},
    )
    .unwrap();
    let xml = String::from_utf8(out).unwrap();
    assert_eq!(xml.matches("<node ").count(), 4);
    assert_eq!(xml.matches("<edge ").count(), 6);
    assert_eq!(xml.matches("weight=\"3\"").count(), 3, "{xml}");
}

#[test]
fn parquet_wants_a_folder_and_the_others_a_stream() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(&tmp.path().join("corpus"));
    let sel = corpus.select(None, &Filter::default()).unwrap();
    let mut out = Vec::new();
    assert!(matches!(
        export(
            &corpus,
            &sel,
            Format::Parquet,
            Target::Writer(&mut out),
            &mut |_| {}
        ),
        Err(cuttings_export::Error::Target(_))
    ));
    assert!(matches!(
        export(
            &corpus,
            &sel,
            Format::Csv,
            Target::Dir(tmp.path()),
            &mut |_| {}
        ),
        Err(cuttings_export::Error::Target(_))
    ));
}
