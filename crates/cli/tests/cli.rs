//! End-to-end tests of the `cuttings` binary on the bundled samples, in a temporary folder.
//!
//! The expected values below are facts of the sample digests in `samples/` (which we wrote): every
//! article's title, date, outlet and authors as printed. When one of these fails, either the
//! pipeline misread a sample or the output contract changed.

mod util;

use cuttings_cli::wire::{
    self, ArticleLine, Message, SearchOutput, ShowOutput, SourceLine, StatsOutput,
};
use util::{parse_articles, Dir};

const RAW: &str = "samples/coastal-energy-2019-03.txt";
const LAYOUT: &str = "samples/inland-waterways-2021-08.layout.txt";
const SEEDLIKE: &str = "samples/alpine-affairs-2020-11.seedlike.txt";
const PDF: &str = "samples/rail-freight-2022-05.pdf";

/// (title, date, outlet, authors) of every article of a sample, in reading order.
type Expected = [(
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
)];

const RAW_ARTICLES: &Expected = &[
    (
        "Tidal turbine trial extended for a second winter",
        "2019-03-15",
        "The Northern Ledger",
        &["Marta Okonkwo"],
    ),
    (
        "Grid operator warns of strain on island cables",
        "2019-03-14",
        "Harbour Gazette",
        &["Peter Lindqvist", "Hannah Mercer"],
    ),
    (
        "Fishermen and wind farm developers agree on survey corridors",
        "2019-03-13",
        "The Weekly Mariner",
        &["Ruth Adeyemi"],
    ),
    (
        "Refinery expansion hearing postponed",
        "2019-03-12",
        "Valley Post",
        &["Tomas Greer"],
    ),
];

const LAYOUT_ARTICLES: &Expected = &[
    (
        "Lock gates to close for repairs",
        "2021-08-10",
        "River Trade Weekly",
        &["Alice Fontaine"],
    ),
    (
        "Barge operators report record grain volumes",
        "2021-08-09",
        "The Valley Courier",
        &["Omar Haddad"],
    ),
    (
        "Drought lowers river at key crossing",
        "2021-08-08",
        "Delta Observer",
        &["Jun Watanabe", "Clara Bianchi"],
    ),
    (
        "Heritage boats return to old harbour",
        "2021-08-06",
        "Delta Observer",
        &["Nina Petrova"],
    ),
];

const SEEDLIKE_ARTICLES: &Expected = &[
    (
        "Mountain rail link wins final approval",
        "2020-11-04",
        "Alpine Transit Journal",
        &["Sophie Marchand"],
    ),
    (
        "Ski resorts prepare for a season with fewer visitors",
        "2020-11-02",
        "The Summit Herald",
        &["Lukas Brenner", "Elena Rossi"],
    ),
    (
        "Avalanche warning system upgraded",
        "2020-10-30",
        "Mountain Safety Review",
        &["Anna Keller"],
    ),
    (
        "Village school saved by parents' campaign",
        "2020-10-28",
        "The Summit Herald",
        &["Marco Steiner"],
    ),
];

/// Page furniture of the samples that must never be inside a body.
const FURNITURE: [&str; 9] = [
    "Coastal Energy Monitor",
    "Rail Freight Review",
    "Weekly press selection",
    "Page 1",
    "Page 2",
    "INLAND WATERWAYS REVIEW",
    "– 1 –",
    "Alpine Affairs Digest",
    "For internal circulation only",
];

/// (title, date, outlet, authors), owned.
type Meta = (String, String, String, Vec<String>);

fn metadata(articles: &[ArticleLine]) -> Vec<Meta> {
    articles
        .iter()
        .map(|a| {
            (
                a.title.clone().unwrap_or_default(),
                a.date.clone().unwrap_or_default(),
                a.outlet.clone().unwrap_or_default(),
                a.authors.clone(),
            )
        })
        .collect()
}

fn expected(e: &Expected) -> Vec<Meta> {
    e.iter()
        .map(|(t, d, o, a)| {
            (
                t.to_string(),
                d.to_string(),
                o.to_string(),
                a.iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect()
}

/// Ingests one sample alone and checks every article's metadata and the bodies' cleanliness.
fn check_sample(path: &str, want: &Expected) -> Vec<ArticleLine> {
    check_sample_with(path, want, want.len())
}

/// [`check_sample`] for a sample the segmenter does not get wholly right yet: every article is
/// found, and at least `whole` of them have all their metadata right.
fn check_sample_with(path: &str, want: &Expected, whole: usize) -> Vec<ArticleLine> {
    let dir = Dir::new();
    dir.expect(0, &["ingest", path]);
    let articles = dir.articles(&[]);
    let (got, want) = (metadata(&articles), expected(want));
    if whole == want.len() {
        assert_eq!(got, want, "articles of {path}");
    } else {
        assert_eq!(got.len(), want.len(), "articles of {path}: {got:?}");
        let right = got.iter().zip(&want).filter(|(g, w)| g == w).count();
        assert!(right >= whole, "articles of {path}: {right} right: {got:?}");
    }
    for a in &articles {
        assert_eq!(a.source.path, path);
        assert_eq!(a.kind, "article");
        assert_eq!(a.language.as_deref(), Some("en"));
        assert!(a.source.first_page >= 1 && a.source.first_page <= a.source.last_page);
        for f in FURNITURE {
            assert!(
                !a.body.contains(f),
                "furniture {f:?} in the body of {:?}",
                a.title
            );
        }
        assert!(
            !a.body.contains("\n\n\n"),
            "paragraphs are separated by one blank line"
        );
        assert!(
            a.body.contains("\n\n"),
            "several paragraphs in {:?}",
            a.title
        );
        assert_eq!(a.body, a.body.trim());
    }
    articles
}

/// The sample PDF, typeset from `crates/pdf/examples/rail-freight-2022-05.digest`: two columns,
/// a running head on its second page only, metadata in four orders.
#[cfg(feature = "pdf")]
const PDF_ARTICLES: &Expected = &[
    (
        "Inland terminal opens a year late and over budget",
        "2022-05-06",
        "The Valley Courier",
        &["Teodora Vasquez"],
    ),
    (
        "Drivers' union rejects pay offer for night shifts",
        "2022-05-05",
        "Northern Ledger",
        &["Samuel Achterberg", "Lena Kovacs"],
    ),
    (
        "Timber trains return to the coast line",
        "2022-05-03",
        "Harbour & Hinterland",
        &["Priya Nandakumar"],
    ),
    (
        "Regulator opens inquiry into wagon shortages",
        "2022-05-02",
        "The Commercial Observer",
        &["Martin Delacroix"],
    ),
    (
        "Night curfew at river crossing to be lifted for trial period",
        "2022-04-29",
        "Riverside Post",
        &["Ada Lindgren"],
    ),
    (
        "Port authority publishes plan for a second rail siding",
        "2022-04-27",
        "Coastline Business Weekly",
        &["Jonah Abernethy"],
    ),
];

#[test]
#[cfg(feature = "pdf")]
fn sample_pdf() {
    let arts = check_sample(PDF, PDF_ARTICLES);
    // Words the typesetter broke at line ends are whole again.
    assert!(arts[0]
        .body
        .contains(" received its first scheduled freight trains"));
    // The standfirsts set in italics under two headlines are subtitles, not text.
    let subtitles: Vec<Option<&str>> = arts.iter().map(|a| a.subtitle.as_deref()).collect();
    assert_eq!(
        subtitles,
        [
            Some("The container yard at Marlow Junction handled its first trains on Monday"),
            None,
            None,
            None,
            Some("Residents will be consulted again after six months"),
            None
        ]
    );
    assert!(arts[0].body.starts_with("The container terminal at Marlow"));
    assert_eq!(
        arts.iter().map(|a| a.source.last_page).max(),
        Some(2),
        "the pieces of page 2"
    );
}

#[test]
fn sample_raw_pdftotext_default() {
    let arts = check_sample(RAW, RAW_ARTICLES);
    // The article on page 1 continues after the page break and the running header of page 2.
    assert!(
        arts[1].body.ends_with("before the summer recess."),
        "{}",
        arts[1].body
    );
    assert_eq!(
        (arts[1].source.first_page, arts[1].source.last_page),
        (1, 2)
    );
    // The byline printed after the body is metadata, not body text.
    assert!(
        arts[3].body.ends_with("two hundred permanent jobs."),
        "{}",
        arts[3].body
    );
}

#[test]
fn sample_layout_two_columns() {
    // The line-role model (issue #12) reads the third headline, set beside the first article's
    // foot in the other column, as running text, and the fourth article's outlet line as a
    // byline: two of four right today.
    let arts = check_sample_with(LAYOUT, LAYOUT_ARTICLES, 2);
    // The first article's left column is followed by the second column, not mixed with it.
    assert!(arts[0]
        .body
        .starts_with("The lock gates at Harrow Bend will close for six weeks"));
    assert!(arts[0]
        .body
        .ends_with("help move small craft around the closure."));
    // "shal-/lows" is a soft hyphen at a column's line end.
    assert!(
        arts[2]
            .body
            .contains("to pass the shallows below the bridge"),
        "{}",
        arts[2].body
    );
}

#[test]
fn sample_seedlike() {
    let arts = check_sample(SEEDLIKE, SEEDLIKE_ARTICLES);
    // Hyphens kept at line ends: "rece-/ived" is joined, "long-delayed" keeps its hyphen.
    assert!(arts[0].body.starts_with(
        "The long-delayed rail link between the two valley towns received its final approval"
    ));
    assert!(
        arts[0].body.contains("spent on widening the road"),
        "{}",
        arts[0].body
    );
    // "Dr." is not part of the author's name.
    assert_eq!(arts[2].authors, ["Anna Keller"]);
}

#[test]
fn ingest_twice_adds_nothing() {
    let dir = Dir::new();
    let first = dir.expect(0, &["ingest", "samples"]);
    assert!(
        first.stderr.contains("4 files read (0 failed"),
        "{}",
        first.describe()
    );
    let before = dir.articles(&[]);
    assert!(!before.is_empty());
    let second = dir.expect(0, &["ingest", "samples/"]);
    assert!(
        second.stderr.contains(" 0 articles added"),
        "{}",
        second.describe()
    );
    assert!(
        second
            .stderr
            .contains(&format!("{} already present", before.len())),
        "{}",
        second.describe()
    );
    assert_eq!(dir.articles(&[]), before);
    // Four sources, whatever order the shell gives them in.
    let sources = dir.expect(0, &["sources", "--format", "jsonl"]);
    let paths: Vec<String> = sources
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<SourceLine>(l).unwrap().path)
        .collect();
    assert_eq!(paths, [SEEDLIKE, RAW, LAYOUT, PDF]);
}

#[test]
fn ingest_order_is_stable() {
    let a = Dir::new();
    a.expect(0, &["ingest", LAYOUT, RAW, SEEDLIKE]);
    let b = Dir::new();
    b.expect(0, &["ingest", SEEDLIKE, "-j", "1", RAW, LAYOUT]);
    let ids = |d: &Dir| {
        d.articles(&[])
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
}

#[test]
fn bad_files_are_reported_and_the_batch_goes_on() {
    let dir = Dir::new();
    dir.create(
        "bad/junk.bin",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 254, 7, 8],
    );
    dir.create("bad/empty.txt", b"");
    // A UTF-16LE byte-order mark, then a lone high surrogate.
    dir.create("bad/broken-utf16.txt", b"\xff\xfeH\x00i\x00\x00\xd8!\x00");
    let run = dir.expect(2, &["ingest", "bad", "missing.txt", RAW]);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("cuttings: "))
        .collect();
    assert_eq!(errors.len(), 4, "{}", run.describe());
    for name in [
        "bad/junk.bin",
        "bad/empty.txt",
        "bad/broken-utf16.txt",
        "missing.txt",
    ] {
        assert_eq!(
            errors.iter().filter(|l| l.contains(name)).count(),
            1,
            "one line for {name}\n{}",
            run.describe()
        );
    }
    assert!(
        run.stderr.contains("5 files read (4 failed"),
        "{}",
        run.describe()
    );
    // The good file was still ingested.
    let arts = dir.articles(&[]);
    assert!(!arts.is_empty());
    assert!(arts.iter().all(|a| a.source.path == RAW));
}

#[test]
fn stdin_is_named_dash() {
    let dir = Dir::new();
    let mut child = dir
        .command(&["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(dir.path().join(SEEDLIKE)).unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&text).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arts = dir.articles(&[]);
    assert!(!arts.is_empty());
    assert!(arts.iter().all(|a| a.source.path == "-"));
    // `show` knows the text is gone.
    let show = dir.expect(0, &["show", &arts[0].id]);
    assert!(
        show.stdout.contains("read from stdin"),
        "{}",
        show.describe()
    );
}

#[test]
fn a_file_without_articles_is_a_warning() {
    let dir = Dir::new();
    dir.create("ornaments.txt", b"* * *\n\n- 1 -\n");
    let run = dir.run(&["ingest", "ornaments.txt"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    assert!(
        run.stderr
            .contains("cuttings: warning: ornaments.txt: no articles found"),
        "{}",
        run.describe()
    );
}

#[test]
fn articles_formats_agree() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples"]);
    let jsonl = dir.articles(&[]);
    assert!(jsonl.len() >= 12, "{} articles", jsonl.len());

    // The contract, key by key, on one line of raw JSON.
    let raw = dir.expect(0, &["articles", "--format", "jsonl", "--source", SEEDLIKE]);
    let first: serde_json::Value =
        serde_json::from_str(raw.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["date"], "2020-11-04");
    assert_eq!(first["subtitle"], serde_json::Value::Null);
    assert!(first["authors"].is_array());
    assert_eq!(first["source"]["path"], SEEDLIKE);
    assert_eq!(first["source"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(first["id"].as_str().unwrap().len(), 32);

    let json = dir.expect(0, &["articles", "--format", "json"]);
    let arr: Vec<ArticleLine> = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(arr, jsonl);

    let csv = dir.expect(0, &["articles", "--format", "csv"]);
    let header = csv.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("id,date,outlet,authors,title,"),
        "{header}"
    );
    assert!(
        csv.stdout.contains("\"Lukas Brenner; Elena Rossi\"")
            || csv.stdout.contains(",Lukas Brenner; Elena Rossi,")
    );
    // Bodies hold commas and newlines, so they are quoted; every record ends with CRLF.
    assert_eq!(csv.stdout.matches("\r\n").count(), jsonl.len() + 1);

    let table = dir.expect(0, &["articles"]);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(lines[0].starts_with("ID "), "{}", table.stdout);
    assert_eq!(lines.len(), jsonl.len() + 1);
    assert!(table.stdout.contains("Avalanche warning system upgraded"));
}

#[test]
fn articles_filters_and_nothing_found() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples"]);
    let herald = dir.articles(&["--outlet", "the summit herald"]);
    let titles: Vec<_> = herald
        .iter()
        .map(|a| a.title.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "Ski resorts prepare for a season with fewer visitors",
            "Village school saved by parents' campaign"
        ]
    );
    let elena = dir.articles(&["--author", "Elena Rossi"]);
    assert_eq!(elena.len(), 1);
    let autumn = dir.articles(&["--from", "2020-10-29", "--to", "2020-11"]);
    let dates: Vec<_> = autumn.iter().map(|a| a.date.clone().unwrap()).collect();
    assert_eq!(dates, ["2020-11-04", "2020-11-02", "2020-10-30"]);

    let none = dir.expect(1, &["articles", "--outlet", "No Such Outlet"]);
    assert_eq!(none.stdout, "");
    let none = dir.expect(
        1,
        &[
            "articles", "--format", "json", "--from", "1990", "--to", "1990",
        ],
    );
    assert_eq!(none.stdout.trim(), "[]");
    let bad = dir.expect(2, &["articles", "--from", "last week"]);
    assert!(bad.stderr.contains("invalid date"), "{}", bad.describe());
}

#[test]
fn show_by_prefix_with_provenance() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples"]);
    let arts = dir.articles(&["--author", "Sophie Marchand"]);
    assert_eq!(arts.len(), 1);
    let id = &arts[0].id;
    let prefix = &id[..8];

    let text = dir.expect(0, &["show", prefix]);
    assert!(
        text.stdout.contains(&format!("id        {id}")),
        "{}",
        text.stdout
    );
    assert!(text
        .stdout
        .contains("title     Mountain rail link wins final approval"));
    assert!(text.stdout.contains(&format!("source    {SEEDLIKE}")));
    assert!(
        text.stdout.contains("read back from the source file"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("\"Mountain rail link wins final approval\""),
        "{}",
        text.stdout
    );

    let json = dir.expect(0, &["show", prefix, "--format", "json"]);
    let show: ShowOutput = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(&show.article, &arts[0]);
    assert_eq!(show.source_status, "ok");
    assert_eq!(show.file.path, SEEDLIKE);
    assert_eq!(show.file.flavor.as_deref(), Some("seedlike"));
    let source = std::fs::read_to_string(dir.path().join(SEEDLIKE)).unwrap();
    let field = |name: &str| show.provenance.iter().find(|f| f.field == name).unwrap();
    for (name, want) in [
        ("title", "Mountain rail link wins final approval"),
        ("author", "Sophie Marchand"),
    ] {
        let span = &field(name).spans[0];
        assert_eq!(&source[span.start..span.end], want);
        assert_eq!(span.text.as_deref(), Some(want));
    }
    // Spans are in bounds and the body's spans cover its first words.
    for f in &show.provenance {
        for s in &f.spans {
            assert!(s.start <= s.end && s.end <= source.len(), "{f:?}");
        }
    }
    assert!(field("body").spans[0]
        .text
        .as_deref()
        .unwrap()
        .starts_with("The long-delayed rail link"));
    let dropped: u64 = show.dropped_in_file.iter().map(|c| c.count).sum();
    assert!(dropped >= 3, "running footers and page numbers of 3 pages");

    // Once the file changes, `show` says so instead of printing the wrong text.
    std::fs::write(dir.path().join(SEEDLIKE), "changed").unwrap();
    let json = dir.expect(0, &["show", id, "--format", "json"]);
    let show: ShowOutput = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(show.source_status, "changed");
    assert!(show
        .provenance
        .iter()
        .all(|f| f.spans.iter().all(|s| s.text.is_none())));

    let none = dir.expect(1, &["show", "ffffffffffff"]);
    assert!(none.stderr.contains("no article"), "{}", none.describe());
}

#[test]
fn search_phrase_filters_and_formats() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples"]);

    // A phrase: "valley road" is in one article, "valley" and "road" apart in another.
    let table = dir.expect(0, &["search", "\"valley road\""]);
    assert!(
        table.stdout.contains("Avalanche warning system upgraded"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("[valley] [road]") || table.stdout.contains("[valley road]"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("1 matching article (showing 1)"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("outlet: Mountain Safety Review (1)"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("year:   2020 (1)"),
        "{}",
        table.stdout
    );
    let words = dir.expect(0, &["search", "valley AND road", "--format", "json"]);
    let out: SearchOutput = serde_json::from_str(&words.stdout).unwrap();
    assert!(out.total >= 2, "{}", words.stdout);

    // Stemming, boolean operators and filters.
    let json = dir.expect(
        0,
        &[
            "search",
            "school OR resorts",
            "--outlet",
            "The Summit Herald",
            "--format",
            "json",
        ],
    );
    let out: SearchOutput = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(out.total, 2);
    assert_eq!(
        out.facets.year,
        [wire::Count {
            value: "2020".into(),
            count: 2
        }]
    );
    for h in &out.hits {
        assert_eq!(h.article.outlet.as_deref(), Some("The Summit Herald"));
        for [s, e] in &h.snippet.highlights {
            assert!(s < e && *e <= h.snippet.text.len());
        }
    }
    dir.expect(1, &["search", "school", "--from", "2021-01-01"]);
    dir.expect(1, &["search", "school", "--author", "Nobody Atall"]);

    let jsonl = dir.expect(0, &["search", "river", "--limit", "1", "--format", "jsonl"]);
    let msgs: Vec<Message> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(msgs.len(), 2, "{}", jsonl.stdout);
    assert!(matches!(msgs[0], Message::Hit(_)));
    let Message::Summary(summary) = &msgs[1] else {
        panic!("last record is the summary: {}", jsonl.stdout)
    };
    assert!(summary.total >= 2);
    assert_eq!(summary.shown, 1);
    assert!(jsonl
        .stdout
        .lines()
        .next()
        .unwrap()
        .starts_with("{\"type\":\"hit\",\"data\":{"));

    let csv = dir.expect(0, &["search", "avalanche", "--format", "csv"]);
    assert!(csv
        .stdout
        .starts_with("score,id,date,outlet,authors,title,snippet,source_path\r\n"));
    assert!(csv.stdout.contains("Avalanche warning system upgraded"));

    let none = dir.expect(1, &["search", "xylophone"]);
    assert!(
        none.stdout.contains("0 matching articles"),
        "{}",
        none.describe()
    );
    let bad = dir.expect(2, &["search", "\"unclosed"]);
    assert!(bad.stderr.starts_with("cuttings: "), "{}", bad.describe());
    assert_eq!(bad.stderr.lines().count(), 1, "{}", bad.describe());
}

#[test]
fn stats_counts() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples"]);
    let json = dir.expect(0, &["stats", "--format", "json"]);
    let stats: StatsOutput = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(stats.sources, 4);
    assert!(stats.articles >= 12);
    let count = |list: &[wire::Count], v: &str| list.iter().find(|c| c.value == v).map(|c| c.count);
    assert_eq!(count(&stats.by_outlet, "The Summit Herald"), Some(2));
    assert_eq!(count(&stats.by_month, "2020-11"), Some(2));
    assert_eq!(count(&stats.by_month, "2020-10"), Some(2));
    assert!(count(&stats.dropped_by_reason, "page_number").unwrap_or(0) >= 3);

    let table = dir.expect(0, &["stats"]);
    assert!(table.stdout.contains("from 4 sources"), "{}", table.stdout);
    assert!(table.stdout.contains("The Summit Herald"));
    let csv = dir.expect(0, &["stats", "--format", "csv"]);
    assert!(
        csv.stdout
            .starts_with("section,value,count\r\ntotal,articles,"),
        "{}",
        csv.stdout
    );
    assert!(csv.stdout.contains("month,2020-11,2\r\n"));
    let jsonl = dir.expect(0, &["stats", "--format", "jsonl"]);
    assert_eq!(jsonl.stdout.lines().count(), 1);
}

#[test]
fn corpus_from_env_and_flag() {
    let dir = Dir::new();
    let run = dir
        .command(&["ingest", SEEDLIKE])
        .env("CUTTINGS_CORPUS", "from-env")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(dir.path().join("from-env").is_dir());
    assert!(!dir.path().join("corpus").exists());
    let run = dir
        .command(&["articles", "--format", "jsonl"])
        .env("CUTTINGS_CORPUS", "from-env")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert!(!parse_articles(&String::from_utf8(run.stdout).unwrap()).is_empty());
    // The flag wins over the variable, and the default is ./corpus.
    dir.expect(0, &["--corpus", "from-env", "stats"]);
    let missing = dir.expect(2, &["stats"]);
    assert!(
        missing
            .stderr
            .starts_with("cuttings: not a cuttings corpus"),
        "{}",
        missing.describe()
    );
    assert!(
        !dir.path().join("corpus").exists(),
        "read commands never create a corpus"
    );
    dir.expect(0, &["ingest", SEEDLIKE]);
    assert!(dir.path().join("corpus").is_dir());
}

#[test]
fn help_documents_exit_codes_and_contract() {
    let dir = Dir::new();
    let help = dir.expect(0, &["--help"]);
    assert!(help.stdout.contains("1  nothing found"), "{}", help.stdout);
    assert!(help.stdout.contains("CUTTINGS_CORPUS"));
    let articles = dir.expect(0, &["articles", "--help"]);
    assert!(articles
        .stdout
        .contains("id, title, subtitle, date, outlet, authors, language, body, kind, source"));
    let usage = dir.expect(2, &["articles", "--format", "yaml"]);
    assert!(usage.stderr.contains("yaml"));
}

#[test]
fn broken_pipe_exits_quietly() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples"]);
    let mut child = dir
        .command(&["articles", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn max_file_size_and_quiet() {
    let dir = Dir::new();
    let run = dir.expect(
        2,
        &["ingest", "--quiet", "--max-file-size", "100", RAW, SEEDLIKE],
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "one error per file and no summary with --quiet\n{}",
        run.describe()
    );
    for (line, path) in lines.iter().zip([SEEDLIKE, RAW]) {
        assert!(
            line == &format!(
                "cuttings: {path}: larger than the limit of 100 bytes (--max-file-size)"
            ),
            "{line}"
        );
    }
    let run = dir.expect(0, &["ingest", "-q", SEEDLIKE]);
    assert_eq!(run.stderr, "");
}

#[test]
fn issue16_search_limit_0_lists_every_hit_as_a_big_limit_does() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "--quiet", "samples"]);
    for query in ["the", "\"the government\"", "zzzznothing"] {
        for sort in ["relevance", "newest"] {
            for format in ["json", "jsonl", "csv", "table"] {
                let base = ["search", query, "--sort", sort, "--format", format];
                let all = dir.run(&[&base[..], &["--limit", "0"]].concat());
                let big = dir.run(&[&base[..], &["--limit", "100000"]].concat());
                assert_eq!(all.code, big.code, "{}", all.describe());
                if format == "table" {
                    // The table's widths may differ, never its rows.
                    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(squash(&all.stdout), squash(&big.stdout));
                } else {
                    assert_eq!(all.stdout, big.stdout, "{query} {sort} {format}");
                }
            }
        }
    }
    let all = dir.expect(0, &["search", "the", "--limit", "0", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    let total = value["total"].as_u64().unwrap();
    assert!(total >= 10, "{total} hits");
    assert_eq!(value["hits"].as_array().unwrap().len() as u64, total);
    // With an offset, the first hits are skipped.
    let rest = dir.expect(
        0,
        &[
            "search", "the", "--limit", "0", "--offset", "5", "--format", "jsonl",
        ],
    );
    assert_eq!(rest.stdout.lines().count() as u64, total - 5 + 1);
}
