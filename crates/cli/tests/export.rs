//! `cuttings export` end to end (issue #15): every format on a corpus of the bundled samples
//! plus JSON Lines articles that reprint each other and carry hostile text; the selection
//! flags; exit codes. Parquet is read back in `crates/export/tests`, and with pyarrow, DuckDB,
//! followthemoney and networkx in `scripts/check-exports.sh`.

mod util;

use std::collections::{BTreeMap, BTreeSet};

use cuttings_cli::wire::ArticleLine;
use util::{parse_articles, Dir};

const P1: &str = "The regional council voted on Tuesday to close the old copper mine above the village of Arnfeld, ending two centuries of extraction in the valley.";
const P2: &str = "Miners' representatives said they would appeal against the decision, which puts some four hundred jobs at risk across three neighbouring districts.";
const OTHER: &str = "Heavy snow closed the mountain pass for a third day running, and drivers were told to expect further delays until the ploughs could reach the summit.";

/// The samples and three JSON Lines articles: a story, its reprint, and an article sharing a
/// paragraph, from outlets whose names and titles are hostile to CSV and XML.
fn corpus() -> Dir {
    let dir = Dir::new();
    let story = format!("{P1}\n\n{P2}");
    let rows = [
        (
            "=HYPERLINK(\"http://evil\")",
            "Herald & <Sons>",
            "2020-10-01",
            story.clone(),
        ),
        (
            "Mine \u{1b}[2J to close",
            "Courier \"Daily\"",
            "2020-10-02",
            story.to_uppercase(),
        ),
        ("-snow", "Gazette", "2020-10-05", format!("{OTHER}\n\n{P2}")),
    ];
    let lines: Vec<String> = rows
        .iter()
        .map(|(title, outlet, date, body)| {
            serde_json::json!({"title": title, "outlet": outlet, "date": date, "body": body,
                               "authors": ["Ann Smith"], "language": "en"})
            .to_string()
        })
        .collect();
    dir.create("reuse.jsonl", (lines.join("\n") + "\n").as_bytes());
    dir.expect(0, &["ingest", "samples", "reuse.jsonl"]);
    dir
}

fn by_id(lines: Vec<ArticleLine>) -> BTreeMap<String, ArticleLine> {
    lines.into_iter().map(|l| (l.id.clone(), l)).collect()
}

#[test]
fn jsonl_is_the_output_contract_of_articles() {
    let dir = corpus();
    let run = dir.expect(0, &["export", "--format", "jsonl", "--quiet"]);
    assert_eq!(run.stderr, "");
    let exported = parse_articles(&run.stdout);
    let listed = dir.articles(&[]);
    assert_eq!(exported.len(), listed.len());
    assert!(
        exported.iter().any(|a| !a.reuse.is_empty()),
        "reuse passages"
    );
    assert!(exported.iter().any(|a| !a.entities.is_empty()), "names");
    assert_eq!(by_id(exported), by_id(listed));
    // --out writes the same lines to a file
    dir.expect(0, &["export", "--out", "all.jsonl"]);
    let written = std::fs::read_to_string(dir.path().join("all.jsonl")).unwrap();
    assert_eq!(written, run.stdout);
}

#[test]
fn filters_and_queries_select_as_articles_and_search_do() {
    let dir = corpus();
    let ids = |args: &[&str]| -> BTreeSet<String> {
        let mut all = vec!["export", "--quiet"];
        all.extend_from_slice(args);
        let run = dir.run(&all);
        assert!(run.code == 0 || run.code == 1, "{}", run.describe());
        parse_articles(&run.stdout)
            .into_iter()
            .map(|a| a.id)
            .collect()
    };
    let listed = |args: &[&str]| -> BTreeSet<String> {
        dir.articles(args).into_iter().map(|a| a.id).collect()
    };
    for filter in [
        &["--outlet", "gazette"][..],
        &["--author", "Ann Smith"],
        &["--from", "2020-10-02"],
        &["--to", "2020-10"],
        &["--source", "reuse.jsonl"],
    ] {
        let got = ids(filter);
        assert!(!got.is_empty(), "{filter:?}");
        assert_eq!(got, listed(filter), "{filter:?}");
    }
    let searched = |q: &str, extra: &[&str]| -> BTreeSet<String> {
        let mut all = vec!["search", q, "--format", "jsonl", "--limit", "1000"];
        all.extend_from_slice(extra);
        let run = dir.run(&all);
        run.stdout
            .lines()
            .filter_map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                (v["type"] == "hit").then(|| v["data"]["article"]["id"].as_str().unwrap().into())
            })
            .collect()
    };
    for (q, extra) in [
        ("copper", &[][..]),
        ("appeal", &["--outlet", "Gazette"][..]),
        ("avalanche OR \"lock gates\"", &[]),
        ("mine -snow", &[]),
    ] {
        let mut args = vec!["--query", q];
        args.extend_from_slice(extra);
        let got = ids(&args);
        assert!(!got.is_empty(), "{q}");
        assert_eq!(got, searched(q, extra), "{q} {extra:?}");
    }
    // an entity query selects the articles naming it
    let jsonl = parse_articles(&dir.expect(0, &["export"]).stdout);
    let named = jsonl
        .iter()
        .flat_map(|a| a.entities.iter().map(|e| e.canonical.clone()))
        .next()
        .expect("a name in the corpus");
    let query = format!("entity:\"{named}\"");
    let got = ids(&["--query", &query]);
    let want: BTreeSet<String> = jsonl
        .iter()
        .filter(|a| a.entities.iter().any(|e| e.canonical == named))
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn nothing_matched_exits_1_and_still_writes_the_shape() {
    let dir = corpus();
    let run = dir.expect(1, &["export", "--query", "zzyzx", "--format", "csv"]);
    assert_eq!(run.stdout.lines().count(), 1, "the header alone");
    assert!(run.stderr.contains("exported 0 articles"), "{}", run.stderr);
    let run = dir.expect(1, &["export", "--outlet", "nobody", "--format", "gexf"]);
    assert!(run.stdout.contains("<nodes>") && run.stdout.trim_end().ends_with("</gexf>"));
    let run = dir.expect(2, &["export", "--format", "parquet"]);
    assert!(run.stderr.contains("--out DIR"), "{}", run.stderr);
    let run = dir.expect(2, &["--corpus", "nowhere", "export"]);
    assert!(run.stderr.starts_with("cuttings: "), "{}", run.stderr);
}

/// Fields of RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_flattens_the_contract_and_guards_formulas() {
    let dir = corpus();
    let run = dir.expect(0, &["export", "--format", "csv"]);
    assert!(run.stdout.ends_with("\r\n"));
    let rows = parse_csv(&run.stdout);
    let header = &rows[0];
    assert_eq!(
        header.join(","),
        "id,title,subtitle,date,outlet,authors,language,body,kind,source.path,source.sha256,\
         source.first_page,source.last_page,entities,quotes,confidence.boundary,\
         confidence.title,confidence.date,confidence.outlet,confidence.authors,reuse"
    );
    let jsonl = by_id(parse_articles(&dir.expect(0, &["export"]).stdout));
    assert_eq!(rows.len() - 1, jsonl.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len());
        let a = &jsonl[&row[col("id")]];
        let unguard = |s: &str| -> String {
            match s.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.into(),
                _ => s.into(),
            }
        };
        assert_eq!(
            unguard(&row[col("title")]),
            a.title.clone().unwrap_or_default()
        );
        assert_eq!(row[col("body")], a.body);
        assert_eq!(row[col("authors")], a.authors.join("; "));
        assert_eq!(row[col("source.sha256")], a.source.sha256);
        let entities: Vec<cuttings_cli::wire::EntityLine> =
            serde_json::from_str(&row[col("entities")]).unwrap();
        assert_eq!(entities, a.entities);
        let reuse: Vec<cuttings_cli::wire::ReuseLine> =
            serde_json::from_str(&row[col("reuse")]).unwrap();
        assert_eq!(reuse, a.reuse);
        match &a.confidence {
            Some(c) => assert_eq!(
                row[col("confidence.title")].parse::<f32>().unwrap(),
                c.title
            ),
            None => assert_eq!(row[col("confidence.title")], ""),
        }
    }
    let titles: Vec<&str> = rows[1..].iter().map(|r| r[col("title")].as_str()).collect();
    assert!(
        titles.contains(&"'=HYPERLINK(\"http://evil\")"),
        "{titles:?}"
    );
    assert!(titles.contains(&"'-snow"), "{titles:?}");
}

/// Values of attribute `name` in the elements `<tag ...>` of an XML text.
fn attrs(xml: &str, tag: &str, name: &str) -> Vec<String> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .map(|rest| {
            let start = rest.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let end = start + rest[start..].find('"').unwrap();
            rest[start..end].to_string()
        })
        .collect()
}

#[test]
fn gexf_counts_the_co_mentions_of_the_corpus() {
    let dir = corpus();
    let jsonl = parse_articles(&dir.expect(0, &["export"]).stdout);
    let mut nodes: BTreeSet<String> = BTreeSet::new();
    let mut edges: BTreeMap<(String, String), u64> = BTreeMap::new();
    for a in &jsonl {
        let names: BTreeSet<String> = a.entities.iter().map(|e| e.canonical.clone()).collect();
        nodes.extend(names.iter().cloned());
        let names: Vec<&String> = names.iter().collect();
        for (i, x) in names.iter().enumerate() {
            for y in &names[i + 1..] {
                *edges.entry(((*x).clone(), (*y).clone())).or_default() += 1;
            }
        }
    }
    assert!(!edges.is_empty(), "the samples name entities together");
    let run = dir.expect(0, &["export", "--format", "gexf", "--out", "g.gexf"]);
    assert!(run
        .stderr
        .contains(&format!("{} nodes, {} edges", nodes.len(), edges.len())));
    let xml = std::fs::read_to_string(dir.path().join("g.gexf")).unwrap();
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\""
    ));
    let labels: BTreeSet<String> = attrs(&xml, "node", "label").into_iter().collect();
    assert_eq!(labels, nodes);
    let ids = attrs(&xml, "node", "id");
    let label_of: BTreeMap<&String, String> =
        ids.iter().zip(attrs(&xml, "node", "label")).collect();
    let got: BTreeMap<(String, String), u64> = attrs(&xml, "edge", "source")
        .iter()
        .zip(attrs(&xml, "edge", "target"))
        .zip(attrs(&xml, "edge", "weight"))
        .map(|((s, t), w)| {
            let (a, b) = (label_of[s].clone(), label_of[&t].clone());
            ((a.clone().min(b.clone()), a.max(b)), w.parse().unwrap())
        })
        .collect();
    assert_eq!(got, edges);
    // the same ids a second time: stable across exports
    let again = dir.expect(0, &["export", "--format", "gexf"]);
    assert_eq!(again.stdout, xml);
}

#[test]
fn gexf_outlets_escape_untrusted_names() {
    let dir = corpus();
    let run = dir.expect(0, &["export", "--format", "gexf", "--graph", "outlets"]);
    let xml = run.stdout;
    assert!(xml.contains("label=\"Herald &amp; &lt;Sons&gt;\""), "{xml}");
    assert!(xml.contains("label=\"Courier &quot;Daily&quot;\""), "{xml}");
    assert!(!xml.contains("<Sons>"));
    // the reprint (Herald, Courier) and the shared paragraph (Gazette with both)
    let pairs: BTreeSet<(String, String)> = attrs(&xml, "edge", "source")
        .into_iter()
        .zip(attrs(&xml, "edge", "target"))
        .collect();
    assert_eq!(pairs.len(), 3, "{xml}");
    assert!(pairs.contains(&(
        "Courier &quot;Daily&quot;".to_string(),
        "Herald &amp; &lt;Sons&gt;".to_string()
    )));
    assert!(
        xml.contains("<attvalue for=\"0\" value=\"1\"/></attvalues></edge>"),
        "one reprint"
    );
}

#[test]
fn ftm_links_every_article_to_its_entities_with_stable_ids() {
    let dir = corpus();
    let run = dir.expect(0, &["export", "--format", "ftm"]);
    let again = dir.expect(0, &["export", "--format", "ftm"]);
    assert_eq!(run.stdout, again.stdout, "stable across exports");
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: BTreeSet<&str> = lines.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), lines.len(), "ids are unique");
    let jsonl = parse_articles(&dir.expect(0, &["export"]).stdout);
    let mut schemata: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &lines {
        let schema = e["schema"].as_str().unwrap();
        *schemata.entry(schema).or_default() += 1;
        let p = &e["properties"];
        for (k, v) in p.as_object().unwrap() {
            assert!(
                v.as_array()
                    .is_some_and(|a| !a.is_empty() && a.iter().all(|x| x.is_string())),
                "{k}: {v}"
            );
        }
        match schema {
            "Article" => assert!(p["bodyText"][0].is_string() && p["fileName"][0].is_string()),
            "Mention" => {
                assert!(ids.contains(p["document"][0].as_str().unwrap()));
                assert!(ids.contains(p["resolved"][0].as_str().unwrap()));
            }
            "UnknownLink" => {
                assert!(ids.contains(p["subject"][0].as_str().unwrap()));
                assert!(ids.contains(p["object"][0].as_str().unwrap()));
            }
            "Person" | "Organization" | "Address" | "LegalEntity" => {
                assert!(p["name"][0].is_string())
            }
            other => panic!("schema {other}"),
        }
    }
    assert_eq!(schemata["Article"], jsonl.len());
    for a in &jsonl {
        assert!(ids.contains(format!("a{}", a.id).as_str()));
    }
    let links = schemata.get("Mention").unwrap_or(&0) + schemata.get("UnknownLink").unwrap_or(&0);
    let pairs: usize = jsonl
        .iter()
        .map(|a| {
            a.entities
                .iter()
                .map(|e| &e.canonical)
                .collect::<BTreeSet<_>>()
                .len()
        })
        .sum();
    assert_eq!(links, pairs);
}

#[test]
fn import_parquet_gives_back_the_exported_corpus() {
    let dir = corpus();
    dir.expect(0, &["export", "--format", "parquet", "--out", "tables"]);
    let run = dir.expect(0, &["--corpus", "copy", "import", "--parquet", "tables"]);
    // a new corpus takes the links of the reuse table as they are
    assert!(
        run.stderr.contains("3 pairs taken from the reuse table"),
        "{}",
        run.stderr
    );
    let original = dir.expect(0, &["export"]).stdout;
    let same_as_original = |corpus: &str| {
        let copy = dir.expect(0, &["--corpus", corpus, "export"]).stdout;
        // the same articles, names, quotations, confidences and reuse passages, line for line
        assert_eq!(parse_articles(&copy), parse_articles(&original), "{corpus}");
        let entities = |corpus: &str| {
            dir.expect(0, &["--corpus", corpus, "entities", "--format", "jsonl"])
                .stdout
        };
        assert_eq!(entities(corpus), entities("corpus"), "{corpus}");
        let pairs = |corpus: &str| {
            dir.expect(
                0,
                &["--corpus", corpus, "reuse", "pairs", "--format", "jsonl"],
            )
            .stdout
        };
        assert_eq!(pairs(corpus), pairs("corpus"), "{corpus}");
    };
    same_as_original("copy");
    // --relink links here instead, with the same result
    let run = dir.expect(
        0,
        &[
            "--corpus",
            "relinked",
            "import",
            "--parquet",
            "tables",
            "--relink",
        ],
    );
    assert!(run.stderr.contains("3 pairs linked"), "{}", run.stderr);
    same_as_original("relinked");
    // tables as folders of part files, as Spark writes them
    let parts = dir.path().join("parts");
    for (table, folder) in [("articles", "articles.parquet"), ("reuse", "reuse")] {
        std::fs::create_dir_all(parts.join(folder)).unwrap();
        std::fs::copy(
            dir.path().join("tables").join(format!("{table}.parquet")),
            parts.join(folder).join("part-00000-x.snappy.parquet"),
        )
        .unwrap();
        std::fs::write(parts.join(folder).join("_SUCCESS"), "").unwrap();
        std::fs::write(parts.join(folder).join(".part-00000-x.parquet.crc"), "junk").unwrap();
    }
    let run = dir.expect(
        0,
        &["--corpus", "from-parts", "import", "--parquet", "parts"],
    );
    assert!(
        run.stderr.contains("3 pairs taken from the reuse table"),
        "{}",
        run.stderr
    );
    same_as_original("from-parts");
    // a corpus with linked articles links the new ones itself: the table's links were made
    // without its articles
    dir.create("other.jsonl", br#"{"title": "Snow", "outlet": "Post", "body": "Heavy snow closed the mountain pass for a third day running, and drivers were told to expect further delays until the ploughs could reach the summit."}"#);
    dir.expect(0, &["--corpus", "grown", "ingest", "other.jsonl"]);
    let run = dir.expect(0, &["--corpus", "grown", "import", "--parquet", "tables"]);
    assert!(run.stderr.contains("pairs linked"), "{}", run.stderr);
    let pairs = dir
        .expect(
            0,
            &["--corpus", "grown", "reuse", "pairs", "--format", "jsonl"],
        )
        .stdout;
    assert_eq!(pairs.lines().count(), 4, "{pairs}");
    // again: nothing new
    dir.expect(1, &["--corpus", "copy", "import", "--parquet", "tables"]);
    let run = dir.expect(2, &["--corpus", "copy", "import", "--parquet", "samples"]);
    assert!(run.stderr.contains("articles.parquet"), "{}", run.stderr);
}
