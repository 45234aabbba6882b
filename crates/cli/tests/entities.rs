//! Names and quotations found at ingest: `articles --format jsonl` keys `entities` and `quotes`,
//! and the `entities` and `quotes` listings, on a digest written for this test.

mod util;

use cuttings_cli::wire::{EntityCountLine, QuoteRecordLine};
use util::Dir;

const DIGEST: &str = "\
Harbour Affairs Review
No. 4 | 12 March 2021

Port Authority Approves New Terminal
11 March 2021
Valley Courier
The Northern Port Authority approved a new container terminal in Larkhaven on
Thursday after two years of hearings.
\"This terminal will bring work back to the harbour,\" said Helen Okafor, who chairs the
authority. Mrs. Okafor said building would start in the summer.
Residents of Larkhaven said they feared more traffic on the coast road.

Ferry Fares Frozen
10 March 2021
Island Gazette
The ferry company Blue Star Lines froze its fares for the year, its chief executive Tomas
Lindqvist told shareholders in Oslo.
\"We will not ask more of islanders this year,\" Lindqvist said.
";

#[test]
fn articles_carry_entities_and_quotes_with_character_offsets() {
    let dir = Dir::new();
    dir.create("digest.txt", DIGEST.as_bytes());
    dir.expect(0, &["ingest", "--quiet", "digest.txt"]);
    let articles = dir.articles(&[]);
    assert_eq!(articles.len(), 2);
    for a in &articles {
        let chars: Vec<char> = a.body.chars().collect();
        for e in &a.entities {
            let text: String = chars[e.start..e.end].iter().collect();
            assert_eq!(
                text, e.name,
                "entity offsets are character offsets into body"
            );
            assert!(["person", "org", "place", "misc"].contains(&e.r#type.as_str()));
        }
        for q in &a.quotes {
            let text: String = chars[q.start..q.end].iter().collect();
            assert_eq!(
                text, q.text,
                "quote offsets are character offsets into body"
            );
        }
    }
    let port = &articles[0];
    let okafor: Vec<_> = port
        .entities
        .iter()
        .filter(|e| e.name.contains("Okafor"))
        .collect();
    assert!(okafor.len() >= 2, "{:?}", port.entities);
    assert!(okafor
        .iter()
        .all(|e| e.canonical == "Helen Okafor" && e.r#type == "person"));
    assert_eq!(port.quotes.len(), 1);
    assert_eq!(port.quotes[0].canonical.as_deref(), Some("Helen Okafor"));
    assert!(port.quotes[0]
        .text
        .starts_with("This terminal will bring work back"));
}

#[test]
fn entities_and_quotes_list_the_corpus() {
    let dir = Dir::new();
    dir.create("digest.txt", DIGEST.as_bytes());
    dir.expect(0, &["ingest", "--quiet", "digest.txt"]);

    let run = dir.expect(0, &["entities", "--type", "person", "--format", "jsonl"]);
    let people: Vec<EntityCountLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(people.iter().all(|p| p.r#type == "person"));
    let okafor = people
        .iter()
        .find(|p| p.name == "Helen Okafor")
        .expect("Helen Okafor listed");
    assert!(okafor.mentions >= 2);
    assert_eq!(okafor.articles, 1);

    let run = dir.expect(0, &["entities", "--top", "1", "--format", "csv"]);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(run.stdout.starts_with("name,type,mentions,articles"));

    let run = dir.expect(
        0,
        &["quotes", "--speaker", "lindqvist", "--format", "jsonl"],
    );
    let quotes: Vec<QuoteRecordLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(quotes.len(), 1);
    assert!(quotes[0].text.starts_with("We will not ask more"));
    assert_eq!(quotes[0].title.as_deref(), Some("Ferry Fares Frozen"));

    let run = dir.expect(0, &["quotes", "--about", "larkhaven"]);
    assert!(run.stdout.contains("This terminal will bring work"));
    assert!(!run.stdout.contains("We will not ask"));

    dir.expect(1, &["quotes", "--speaker", "nobody at all"]);
    dir.expect(1, &["entities", "--type", "misc", "--top", "0"]);
}

#[test]
fn entity_reports_one_entity_under_any_of_its_names() {
    use cuttings_cli::wire::EntityReportLine;
    let dir = Dir::new();
    dir.create("digest.txt", DIGEST.as_bytes());
    dir.expect(0, &["ingest", "--quiet", "digest.txt"]);
    // By the surname alone, as it is printed: the article gathered it under the full name.
    let run = dir.expect(0, &["entity", "okafor", "--format", "json"]);
    let e: EntityReportLine = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(e.name, "Helen Okafor");
    assert_eq!(e.r#type, "person");
    assert_eq!(e.articles, 1);
    assert!(e.mentions >= 2);
    assert!(
        e.aliases.iter().any(|(n, _)| n == "Okafor"),
        "{:?}",
        e.aliases
    );
    assert_eq!(e.months, vec![("2021-03".to_string(), 1)]);
    assert_eq!(e.outlets, vec![(Some("Valley Courier".to_string()), 1)]);
    assert_eq!(e.quotes.len(), 1);
    assert!(e.quotes[0]
        .text
        .starts_with("This terminal will bring work"));
    let run = dir.expect(0, &["entity", "Helen Okafor"]);
    assert!(
        run.stdout.starts_with("Helen Okafor (person)\n"),
        "{}",
        run.stdout
    );
    dir.expect(1, &["entity", "Nobody At All"]);
}

/// A second digest that names the port authority by its acronym only.
const LATER: &str = "\
Harbour Affairs Review
No. 5 | 19 March 2021

Terminal Contract Signed
18 March 2021
Valley Courier
The NPA signed the terminal contract with a Dutch builder, officials in Larkhaven said.
Work on the Larkhaven quay is due to begin in June.
";

#[test]
fn alias_decisions_are_logged_applied_and_survive_reindex() {
    use cuttings_cli::wire::{AliasChangeLine, EntityReportLine};
    let dir = Dir::new();
    dir.create("digest.txt", DIGEST.as_bytes());
    dir.create("later.txt", LATER.as_bytes());
    dir.expect(0, &["ingest", "--quiet", "digest.txt", "later.txt"]);
    let report = |name: &str| -> EntityReportLine {
        let run = dir.expect(0, &["entity", name, "--format", "json"]);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let authority = report("Northern Port Authority");
    assert_eq!(authority.articles, 1, "{authority:?}");
    // the search field finds an entity under any of its names
    let run = dir.expect(0, &["search", "entity:Larkhaven", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(found["total"], 2, "{found}");
    assert!(found["facets"]["entity"].as_array().unwrap().len() >= 2);
    dir.expect(1, &["search", "entity:\"Nobody At All\""]);

    // merge the acronym into the full name, with a reason
    let run = dir.expect(
        0,
        &[
            "alias",
            "merge",
            "NPA",
            "Northern Port Authority",
            "--reason",
            "same body",
            "--format",
            "jsonl",
        ],
    );
    let change: AliasChangeLine = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!((change.id, change.action.as_str()), (1, "merge"));
    assert_eq!(report("NPA").name, "Northern Port Authority");
    assert_eq!(report("Northern Port Authority").articles, 2);
    let run = dir.expect(
        0,
        &[
            "search",
            "entity:\"Northern Port Authority\"",
            "--format",
            "json",
        ],
    );
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(found["total"], 2);
    // rename; the jsonl canonical follows
    dir.expect(0, &["alias", "rename", "npa", "Port Authority (North)"]);
    let later = dir.articles(&["--source", "later.txt"]);
    let npa = later[0].entities.iter().find(|e| e.name == "NPA").unwrap();
    assert_eq!(npa.canonical, "Port Authority (North)");
    // a name the corpus does not know changes nothing
    let run = dir.expect(2, &["alias", "merge", "Nobody At All", "NPA"]);
    assert!(run.stderr.contains("no entity is named"), "{}", run.stderr);

    // re-extraction keeps the decisions
    let run = dir.expect(0, &["reindex"]);
    assert!(run.stderr.contains("re-extracted"), "{}", run.stderr);
    assert_eq!(report("NPA").name, "Port Authority (North)");
    assert_eq!(report("NPA").articles, 2);
    dir.expect(0, &["reindex", "--index-only", "--quiet"]);
    let run = dir.expect(0, &["search", "entity:NPA", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(found["total"], 2);

    // undo, and the log
    dir.expect(
        0,
        &["alias", "undo", "1", "--reason", "checked: two bodies"],
    );
    assert_eq!(report("Northern Port Authority").articles, 1);
    let run = dir.expect(0, &["alias", "list", "--format", "jsonl"]);
    let log: Vec<AliasChangeLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(&str, bool)> = log.iter().map(|c| (c.action.as_str(), c.active)).collect();
    assert_eq!(
        summary,
        [("merge", false), ("rename", true), ("undo", true)]
    );
    assert_eq!(log[2].reason.as_deref(), Some("checked: two bodies"));
    let run = dir.expect(0, &["alias", "list", "--format", "csv"]);
    assert!(run
        .stdout
        .starts_with("id,time,action,name,target,reason,active\r\n"));
}

/// The real digest of issue 5: through ingest and the corpus, every name of the MEK is one
/// organisation, the NCRI's one, Maryam Rajavi one person, and seven quotations have speakers.
#[test]
fn the_real_sample_digest_in_a_corpus() {
    use cuttings_cli::wire::EntityReportLine;
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/samples/digest-2017-08.txt");
    let Ok(bytes) = std::fs::read(&sample) else {
        println!("skipping: ../shared/samples/digest-2017-08.txt not found");
        return;
    };
    let dir = Dir::new();
    dir.create("digest.txt", &bytes);
    dir.expect(0, &["ingest", "--quiet", "digest.txt"]);
    let report = |name: &str| -> EntityReportLine {
        let run = dir.expect(0, &["entity", name, "--format", "json"]);
        serde_json::from_str(&run.stdout).unwrap()
    };
    let mek = report("MEK");
    for alias in ["MKO", "Rajavi cult", "Mojahedin"] {
        assert_eq!(report(alias).name, mek.name, "{alias}");
        assert!(
            mek.aliases.iter().any(|(n, _)| n == alias),
            "{alias}: {:?}",
            mek.aliases
        );
    }
    // The MEK is named in every piece, however many the segmenter finds (seven printed).
    let pieces = dir
        .expect(0, &["articles", "--format", "jsonl"])
        .stdout
        .lines()
        .count() as u64;
    assert!(pieces >= 6, "{pieces} pieces");
    assert_eq!(mek.articles, pieces);
    let ncri = report("NCRI");
    assert!(ncri.aliases.len() >= 2, "{:?}", ncri.aliases);
    for (alias, _) in &ncri.aliases {
        assert_eq!(report(alias).name, ncri.name, "{alias}");
    }
    let rajavi = report("Maryam Rajavi");
    assert_eq!(rajavi.r#type, "person");
    assert_eq!(report("Mrs. Rajavi").name, "Maryam Rajavi");
    let run = dir.expect(0, &["quotes", "--format", "jsonl"]);
    let quotes: Vec<QuoteRecordLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(quotes.len(), 7, "{}", run.stdout);
    assert!(quotes.iter().all(|q| q.speaker.is_some()), "{}", run.stdout);
    let run = dir.expect(0, &["search", "entity:MKO", "--format", "json"]);
    let found: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(found["total"], pieces);
}
