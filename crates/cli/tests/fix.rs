//! `cuttings fix` end to end (issue #12): corrections of fields and boundaries, logged, applied
//! at once, kept by `reindex` and re-applied when a source is segmented again; their export as
//! training data; confidence in `articles`, `stats` and `show`.

mod util;

use cuttings_cli::wire::{ArticleLine, CorrectionLine, ShowOutput, StatsOutput, TrainingSource};
use util::Dir;

const SEEDLIKE: &str = "samples/alpine-affairs-2020-11.seedlike.txt";
const RAW: &str = "samples/coastal-energy-2019-03.txt";

/// The sample's articles as `articles --format jsonl` prints them.
fn articles(dir: &Dir, source: &str) -> Vec<ArticleLine> {
    dir.articles(&["--source", source])
}

fn show(dir: &Dir, id: &str) -> ShowOutput {
    let run = dir.expect(0, &["show", id, "--format", "json"]);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The corrections a `fix` printed (`--format json`).
fn fixed(dir: &Dir, args: &[&str]) -> Vec<CorrectionLine> {
    let mut all = vec!["fix"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = dir.expect(0, &all);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The source line labels of an article's body lines, as `show` prints them.
fn body_lines(dir: &Dir, id: &str) -> Vec<(String, String)> {
    let s = show(dir, id);
    let body = s.provenance.iter().find(|f| f.field == "body").unwrap();
    body.spans
        .iter()
        .map(|s| (s.line.clone().unwrap(), s.text.clone().unwrap()))
        .collect()
}

fn log(dir: &Dir) -> Vec<CorrectionLine> {
    let run = dir.run(&["fix", "list", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.describe());
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn a_fixed_title_shows_in_articles_and_show_and_keeps_the_id() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", SEEDLIKE]);
    let before = articles(&dir, SEEDLIKE);
    let a = &before[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Mountain rail link wins final approval")
    );
    // The old segmenter is sure of everything; the key is there.
    assert!(a.confidence.is_some());

    let done = fixed(
        &dir,
        &[
            &a.id[..8],
            "--title",
            "Rail link approved",
            "--authors",
            "S. Marchand; A. N. Other",
            "--reason",
            "house style",
        ],
    );
    assert_eq!(done.len(), 2);
    assert_eq!(done[0].action, "set");
    assert_eq!(done[0].field.as_deref(), Some("title"));
    assert_eq!(
        done[0].old.as_deref(),
        Some("Mountain rail link wins final approval")
    );
    assert_eq!(done[0].new.as_deref(), Some("Rail link approved"));
    assert_eq!(done[1].new.as_deref(), Some("S. Marchand; A. N. Other"));
    assert_eq!(done[0].reason.as_deref(), Some("house style"));
    assert_eq!(done[0].result, std::slice::from_ref(&a.id));
    assert!(done[0].time.ends_with('Z'));
    assert_eq!(done[0].source.len(), 64);

    let after = articles(&dir, SEEDLIKE);
    assert_eq!(after.len(), before.len());
    assert_eq!(after[0].id, a.id, "a corrected article keeps its id");
    assert_eq!(after[0].title.as_deref(), Some("Rail link approved"));
    assert_eq!(after[0].authors, ["S. Marchand", "A. N. Other"]);
    assert_eq!(after[0].confidence.unwrap().title, 1.0);
    assert_eq!(after[0].body, a.body);
    assert_eq!(after[1..], before[1..]);
    // Searchable under the new title at once.
    let hits = dir.expect(0, &["search", "title:approved", "--format", "json"]);
    assert!(hits.stdout.contains(&a.id), "{}", hits.stdout);

    let s = show(&dir, &a.id);
    let title = s.provenance.iter().find(|f| f.field == "title").unwrap();
    assert!(title.spans.is_empty());
    assert_eq!(title.corrected_by, Some(1));
    assert_eq!(s.corrections.len(), 2);
    let text = dir.expect(0, &["show", &a.id]);
    assert!(
        text.stdout
            .contains("title     Rail link approved  [set by correction #1]"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("title     set by correction #1"));
    assert!(text.stdout.contains("author    set by correction #2"));

    // Clearing a field; an invalid date changes nothing.
    fixed(&dir, &[&a.id, "--outlet", ""]);
    assert_eq!(articles(&dir, SEEDLIKE)[0].outlet, None);
    let bad = dir.expect(2, &["fix", &a.id, "--date", "4 Nov 2020"]);
    assert!(bad.stderr.contains("invalid date"), "{}", bad.describe());
    fixed(&dir, &[&a.id, "--date", "2020-11-05"]);
    assert_eq!(
        articles(&dir, SEEDLIKE)[0].date.as_deref(),
        Some("2020-11-05")
    );
    assert_eq!(log(&dir).len(), 4);
}

#[test]
fn split_then_merge_back_then_undo() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", SEEDLIKE]);
    let before = articles(&dir, SEEDLIKE);
    let a = &before[0];
    let lines = body_lines(&dir, &a.id);
    // Lines numbered as in the file: line N of the body is line N of the source.
    let source = std::fs::read_to_string(dir.path().join(SEEDLIKE)).unwrap();
    for (label, text) in &lines {
        let n: usize = label.parse().unwrap();
        assert_eq!(source.lines().nth(n - 1).unwrap().trim(), text.as_str());
    }
    let (cut, headline) = lines[3].clone();

    let split = fixed(&dir, &[&a.id, "--split-at", &cut, "--reason", "two pieces"]);
    assert_eq!(split[0].action, "split");
    assert_eq!(split[0].target.map(|t| t.to_string()), Some(cut.clone()));
    let after = articles(&dir, SEEDLIKE);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[0].id, a.id, "the first part keeps the id");
    assert_eq!(split[0].result, [after[0].id.clone(), after[1].id.clone()]);
    let second = &after[1];
    assert_eq!(second.title.as_deref(), Some(headline.as_str()));
    assert_eq!(second.confidence.unwrap().boundary, 1.0);
    assert!(a.body.starts_with(&after[0].body[..40]));
    assert!(after[0].body.len() + second.body.len() < a.body.len());
    assert_eq!(after[2..], before[1..]);
    // The second part's body starts right after the new headline.
    assert_eq!(body_lines(&dir, &second.id)[0].0, lines[4].0);

    // Merging it back, from either side.
    let merge = fixed(&dir, &[&second.id, "--merge-with", &a.id]);
    assert_eq!(merge[0].action, "merge");
    assert_eq!(merge[0].result, std::slice::from_ref(&a.id));
    let merged = articles(&dir, SEEDLIKE);
    assert_eq!(merged.len(), before.len());
    assert_eq!(merged[0].id, a.id);
    assert_eq!(merged[0].title, a.title);
    assert!(
        merged[0].body.contains(&headline),
        "the headline is body again"
    );
    assert_eq!(merged[0].confidence.unwrap().boundary, 1.0);

    // Undo the merge: two again; undo the split: as ingested.
    fixed(&dir, &["undo", &merge[0].id.to_string()]);
    assert_eq!(articles(&dir, SEEDLIKE).len(), before.len() + 1);
    let undone = fixed(&dir, &["undo", "1", "--reason", "one piece after all"]);
    assert_eq!(undone[0].action, "undo");
    assert_eq!(undone[0].target, Some(1));
    assert!(!undone[0].active);
    assert_eq!(articles(&dir, SEEDLIKE), before);
    let list = log(&dir);
    let active: Vec<bool> = list.iter().map(|c| c.active).collect();
    assert_eq!(active, [false, false, false, false], "undone, and undos");
    let again = dir.expect(2, &["fix", "undo", "1"]);
    assert!(
        again.stderr.contains("already undone by correction 4"),
        "{}",
        again.describe()
    );
    let table = dir.expect(0, &["fix", "list"]);
    assert!(table.stdout.contains("two pieces"), "{}", table.stdout);
    assert!(table.stdout.contains("undo #1"), "{}", table.stdout);
}

#[test]
fn corrections_survive_reindex_and_resegmenting() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", SEEDLIKE, RAW]);
    let a = articles(&dir, SEEDLIKE)[1].clone();
    let lines = body_lines(&dir, &a.id);
    fixed(&dir, &[&a.id, "--split-at", &lines[2].0]);
    fixed(&dir, &[&a.id, "--outlet", "Summit Herald Weekly"]);
    let corrected = dir.articles(&[]);

    dir.expect(0, &["reindex"]);
    assert_eq!(dir.articles(&[]), corrected);
    dir.expect(0, &["reindex", "--index-only"]);
    assert_eq!(dir.articles(&[]), corrected);

    // A plain ingest skips what is stored; --resegment segments it again: the corrections
    // apply again, to the same ids.
    let run = dir.expect(0, &["ingest", SEEDLIKE]);
    assert!(
        run.stderr.contains("0 articles added"),
        "{}",
        run.describe()
    );
    let run = dir.expect(0, &["ingest", "--resegment", SEEDLIKE, RAW]);
    assert!(
        run.stderr.contains("2 files segmented again"),
        "{}",
        run.describe()
    );
    assert_eq!(dir.articles(&[]), corrected);
    assert_eq!(log(&dir).len(), 2);
    let search = dir.expect(
        0,
        &[
            "search",
            "outlet:\"Summit Herald Weekly\"",
            "--format",
            "json",
        ],
    );
    assert!(search.stdout.contains(&a.id), "{}", search.stdout);

    // Removed from the corpus (through the store: there is no command for it yet), the file
    // takes its corrections again when it is ingested again.
    {
        let mut c = cuttings_store::Corpus::open(&dir.path().join("corpus")).unwrap();
        let sha = c.sources().unwrap()[0].sha256.clone();
        assert!(c.remove_source(&sha).unwrap().is_some());
    }
    assert_eq!(dir.articles(&[]).len(), corrected.len() - 5);
    let run = dir.expect(0, &["ingest", SEEDLIKE, RAW]);
    assert!(
        run.stderr.contains("5 articles added"),
        "{}",
        run.describe()
    );
    let mut again = dir.articles(&[]);
    // Stored after the other file now.
    again.rotate_left(corrected.len() - 5);
    assert_eq!(again, corrected);
}

#[test]
fn export_writes_the_lines_with_their_roles() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", SEEDLIKE, RAW]);
    // Nothing corrected: nothing to export.
    dir.expect(1, &["fix", "export", "none.jsonl"]);
    let a = articles(&dir, SEEDLIKE)[0].clone();
    let lines = body_lines(&dir, &a.id);
    fixed(&dir, &[&a.id, "--split-at", &lines[3].0]);
    let b = articles(&dir, RAW)[0].clone();
    fixed(&dir, &[&b.id, "--title", "Turbine trial extended"]);
    let run = dir.expect(0, &["fix", "export", "training.jsonl"]);
    assert!(
        run.stderr.contains("2 corrected sources"),
        "{}",
        run.describe()
    );
    let text = std::fs::read_to_string(dir.path().join("training.jsonl")).unwrap();
    let sources: Vec<TrainingSource> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(sources.len(), 2);
    let s = &sources[0];
    assert_eq!(s.source.path, SEEDLIKE);
    assert_eq!(s.articles.len(), 5);
    assert_eq!(s.articles[1].title.as_deref(), Some(lines[3].1.as_str()));
    let n: usize = lines[3].0.parse().unwrap();
    assert_eq!(s.articles[1].first_line, n);
    assert!(s.articles[0].last_line < n);
    let source = std::fs::read_to_string(dir.path().join(SEEDLIKE)).unwrap();
    for l in &s.lines {
        assert_eq!(&source[l.start..l.end], l.text);
        assert!(l.article.is_none_or(|a| a < s.articles.len()));
    }
    let role = |text: &str| {
        let l = s.lines.iter().find(|l| l.text == text).unwrap();
        (l.role.as_str(), l.article)
    };
    assert_eq!(role(&lines[3].1), ("headline", Some(1)));
    assert_eq!(role(&lines[4].1), ("body", Some(1)));
    assert_eq!(role(&lines[0].1), ("body", Some(0)));
    assert_eq!(
        role("Mountain rail link wins final approval"),
        ("headline", Some(0))
    );
    assert!(s
        .lines
        .iter()
        .any(|l| l.role == "running_footer" && l.article.is_none()));
    assert_eq!(
        sources[1].articles[0].title.as_deref(),
        Some("Turbine trial extended")
    );
    // To stdout too.
    let out = dir.expect(0, &["fix", "export", "-"]);
    assert_eq!(out.stdout, text);
}

#[test]
fn doubtful_splits_in_stats_and_show() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", SEEDLIKE]);
    // The old segmenter is sure of everything: make one article doubtful through the store.
    let corpus = dir.path().join("corpus");
    let id = {
        let mut c = cuttings_store::Corpus::open(&corpus).unwrap();
        let file = c.sources().unwrap().remove(0);
        let mut arts = c.articles(&cuttings_store::Filter::default()).unwrap();
        arts[2].confidence = Some(cuttings_model::Confidence {
            boundary: 0.42,
            title: 0.9,
            date: 0.95,
            outlet: 0.61,
            authors: 0.7,
        });
        c.replace_source(&cuttings_store::FileIngest {
            file,
            articles: arts.clone(),
            dropped: vec![],
            diagnostics: vec![],
            lines: vec![],
        })
        .unwrap();
        arts[2].id.0.clone()
    };
    // What segmentation itself made of the others, whatever it was.
    let all = articles(&dir, SEEDLIKE);
    let least = |a: &ArticleLine| {
        let c = a.confidence.unwrap();
        c.boundary
            .min(c.title)
            .min(c.date)
            .min(c.outlet)
            .min(c.authors)
    };
    let stats = |below: &str| -> StatsOutput {
        let run = dir.expect(0, &["stats", "--format", "json", "--doubtful-below", below]);
        serde_json::from_str(&run.stdout).unwrap()
    };
    for below in [0.3f32, 0.5, 0.99, 1.01] {
        let listed = stats(&below.to_string()).doubtful;
        let want = all.iter().filter(|a| least(a) < below).count();
        assert_eq!(listed.len(), want, "under {below}");
        assert!(listed.windows(2).all(|w| w[0].value.0 <= w[1].value.0));
        assert_eq!(listed.iter().any(|d| d.id == id), below > 0.42);
    }
    let d = stats("0.5")
        .doubtful
        .into_iter()
        .find(|d| d.id == id)
        .unwrap();
    assert_eq!((d.part.as_str(), d.value.0), ("boundary", 0.42));
    let table = dir.expect(0, &["stats"]).stdout;
    assert!(table.contains(" (confidence under 0.5)"), "{table}");
    assert!(
        table.contains(&format!("0.420  boundary  {}", &id[..10])),
        "{table}"
    );
    let csv = dir.expect(0, &["stats", "--format", "csv"]).stdout;
    assert!(
        csv.contains(&format!(
            "doubtful,{id} boundary: Avalanche warning system upgraded,0.420"
        )),
        "{csv}"
    );
    let jsonl = dir.expect(0, &["stats", "--format", "jsonl"]).stdout;
    assert!(jsonl.contains("\"doubtful\":[{"), "{jsonl}");

    let text = dir.expect(0, &["show", &id]).stdout;
    assert!(text.contains("doubtful: boundary 0.42\n"), "{text}");
    assert!(
        text.contains("outlet    Mountain Safety Review  [0.61]"),
        "{text}"
    );
    assert!(text.contains("boundary  [0.42]"), "{text}");
    // Every body line with its source line.
    let body: Vec<&str> = text.lines().filter(|l| l.starts_with("body ")).collect();
    assert!(body.len() > 6, "{text}");
    assert!(body.iter().all(|l| l.contains(" line ")), "{text}");
    let lower = dir
        .expect(0, &["show", &id, "--doubtful-below", "0.8"])
        .stdout;
    assert!(
        lower.contains("doubtful: boundary 0.42, outlet 0.61, authors 0.70\n"),
        "{lower}"
    );
    let json = show(&dir, &id);
    let parts: Vec<(&str, f32)> = json
        .doubtful
        .iter()
        .map(|w| (w.part.as_str(), w.value.0))
        .collect();
    assert_eq!(parts, [("boundary", 0.42)]);
    assert_eq!(json.article.confidence.unwrap().outlet, 0.61);
    // A sure article is not marked.
    if let Some(sure) = all.iter().find(|a| least(a) >= 0.5) {
        assert!(!dir
            .expect(0, &["show", &sure.id])
            .stdout
            .contains("doubtful"));
    }
    let csv = dir.expect(0, &["articles", "--format", "csv"]).stdout;
    assert!(csv.lines().next().unwrap().ends_with(",confidence,body"));
    assert!(csv.contains(",0.420,"), "{csv}");
}

#[test]
fn refused_corrections_change_nothing() {
    let dir = Dir::new();
    dir.expect(0, &["ingest", SEEDLIKE, RAW]);
    dir.expect(1, &["fix", "list"]);
    let before = dir.articles(&[]);
    let arts = articles(&dir, SEEDLIKE);
    let a = &arts[0];
    let lines = body_lines(&dir, &a.id);
    let other = &articles(&dir, RAW)[0];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["fix", &a.id], "nothing to fix"),
        (vec!["fix", "ffffffff", "--title", "x"], "no article"),
        (
            vec!["fix", &a.id, "--split-at", "9999"],
            "not in the article's body",
        ),
        (
            vec!["fix", &a.id, "--split-at", "1"],
            "not in the article's body",
        ),
        (vec!["fix", &a.id, "--split-at", "x"], "line number"),
        (
            vec!["fix", &a.id, "--split-at", &lines[0].0],
            "first line of the body",
        ),
        (
            vec!["fix", &a.id, "--split-at", &lines[lines.len() - 1].0],
            "last line of the body",
        ),
        (
            vec!["fix", &a.id, "--merge-with", &arts[2].id],
            "do not follow each other",
        ),
        (
            vec!["fix", &a.id, "--merge-with", &other.id],
            "only articles of one source",
        ),
        (vec!["fix", &a.id, "--merge-with", &a.id], "itself"),
        (
            vec!["fix", &a.id, "--title", a.title.as_deref().unwrap()],
            "already",
        ),
        (vec!["fix", "undo", "7"], "no correction 7"),
    ];
    for (args, why) in cases {
        let run = dir.expect(2, &args);
        assert!(run.stderr.contains(why), "{}", run.describe());
        assert!(run.stderr.starts_with("cuttings: "), "{}", run.describe());
    }
    // The source must be there to segment it again.
    let path = dir.path().join(SEEDLIKE);
    std::fs::rename(&path, dir.path().join("moved.txt")).unwrap();
    let run = dir.expect(2, &["fix", &a.id, "--title", "x"]);
    assert!(run.stderr.contains("not found"), "{}", run.describe());
    std::fs::write(&path, "changed").unwrap();
    let run = dir.expect(2, &["fix", &a.id, "--title", "x"]);
    assert!(run.stderr.contains("changed since"), "{}", run.describe());
    assert_eq!(dir.articles(&[]), before);
    assert_eq!(log(&dir), []);
    // Without a corpus.
    let run = dir.expect(2, &["--corpus", "nowhere", "fix", &a.id, "--title", "x"]);
    assert!(
        run.stderr.contains("not a cuttings corpus"),
        "{}",
        run.describe()
    );
    assert!(!dir.path().join("nowhere").exists());
}
