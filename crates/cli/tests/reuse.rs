//! Text reuse end to end (issue #13): JSON Lines input, linking during ingest, `reuse pairs`,
//! `clusters`, `show`, `outlets`, `--rebuild`, the `reuse` key of the output contract, and
//! `--collapse-reprints` in `search` and `stats`.

mod util;

use cuttings_cli::wire::{
    HitLine, Message, OutletMessage, OutletsOutput, ReuseClusterLine, ReusePairLine, StatsOutput,
};
use util::Dir;

const P1: &str = "The regional council voted on Tuesday to close the old copper mine above the village of Arnfeld, ending two centuries of extraction in the valley.";
const P2: &str = "Miners' representatives said they would appeal against the decision, which puts some four hundred jobs at risk across three neighbouring districts.";
const P3: &str = "A spokeswoman for the owners declined to comment on the future of the site or on plans to flood the lower galleries before the end of next year.";
const OTHER: &str = "Heavy snow closed the mountain pass for a third day running, and drivers were told to expect further delays until the ploughs could reach the summit.";
const QUOTE: &str = "“We will not let this valley die, whatever the council in the capital decides about the mine,” said the mayor.";
const OTHER2: &str = "The ferry company said it would add two sailings a day to the islands from June, after a winter in which storms cancelled one crossing in five.";

fn line(title: &str, outlet: &str, date: Option<&str>, body: &str) -> String {
    serde_json::json!({
        "id": "ignored", "title": title, "subtitle": null, "date": date, "outlet": outlet,
        "authors": [], "language": "en", "body": body,
    })
    .to_string()
}

/// A story (Herald, Oct 1), its reprint in capitals (Courier, Oct 2), an article with one of
/// its paragraphs (Gazette, Oct 5), two articles sharing only a quotation, and one undated
/// reprint.
fn corpus() -> (Dir, String) {
    let dir = Dir::new();
    let story = format!("{P1}\n\n{P2}\n\n{P3}");
    let lines = [
        line("Mine to close", "Herald", Some("2020-10-01"), &story),
        line(
            "MINE TO CLOSE",
            "Courier",
            Some("2020-10-02"),
            &story.to_uppercase(),
        ),
        line(
            "Snow",
            "Gazette",
            Some("2020-10-05"),
            &format!("{OTHER}\n\n{P2}"),
        ),
        line(
            "Pass",
            "Gazette",
            Some("2020-10-06"),
            &format!("{OTHER2} {QUOTE}"),
        ),
        line(
            "Valley",
            "Post",
            Some("2020-10-07"),
            &format!("{QUOTE}\n\n{P3}"),
        ),
    ];
    dir.create("a.jsonl", (lines.join("\n") + "\n").as_bytes());
    let late = line("Mine", "Ledger", None, &story.replace('\'', "’"));
    dir.create("b.jsonl", format!("{late}\nnot json at all\n").as_bytes());
    (dir, story)
}

fn pairs(dir: &Dir) -> Vec<ReusePairLine> {
    let run = dir.expect(0, &["reuse", "pairs", "--format", "jsonl"]);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_ingest_reports_bad_lines_and_keeps_the_others() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let run = dir.expect(2, &["ingest", "b.jsonl"]);
    assert!(
        run.stderr
            .contains("cuttings: b.jsonl:2: not a JSON object"),
        "{}",
        run.describe()
    );
    let all = dir.articles(&[]);
    assert_eq!(all.len(), 6);
    let late = all
        .iter()
        .find(|a| a.outlet.as_deref() == Some("Ledger"))
        .unwrap();
    assert_eq!(late.date, None);
    assert_eq!(late.title.as_deref(), Some("Mine"));
}

#[test]
fn pairs_kinds_spans_and_the_reuse_key() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let all = dir.articles(&[]);
    let by_outlet = |o: &str| all.iter().find(|a| a.outlet.as_deref() == Some(o)).unwrap();
    let (herald, courier, gazette) = (
        by_outlet("Herald"),
        by_outlet("Courier"),
        by_outlet("Gazette"),
    );
    let p = pairs(&dir);
    let find = |x: &str, y: &str| {
        p.iter()
            .find(|l| (l.a == x && l.b == y) || (l.a == y && l.b == x))
            .unwrap_or_else(|| panic!("no pair {x} {y} in {p:#?}"))
    };
    let reprint = find(&herald.id, &courier.id);
    assert_eq!(reprint.kind, "reprint");
    assert_eq!(reprint.earlier.as_deref(), Some(herald.id.as_str()));
    let partial = find(&herald.id, &gazette.id);
    assert_eq!(partial.kind, "partial");
    assert_eq!(partial.passages.len(), 1);
    // Character offsets: the passage is P2 in both bodies (to its last word).
    let chars = |s: &str, a: usize, b: usize| s.chars().skip(a).take(b - a).collect::<String>();
    let q = &partial.passages[0];
    let (ba, bb) = if partial.a == herald.id {
        (&herald.body, &gazette.body)
    } else {
        (&gazette.body, &herald.body)
    };
    assert_eq!(chars(ba, q.a_start, q.a_end), P2.trim_end_matches('.'));
    assert_eq!(chars(bb, q.b_start, q.b_end), P2.trim_end_matches('.'));
    // A shared quotation is a quote, never a reprint.
    let pass = by_outlet("Post");
    let quote = p
        .iter()
        .find(|l| l.kind == "quote")
        .unwrap_or_else(|| panic!("no quote pair in {p:#?}"));
    assert!(quote.a == pass.id || quote.b == pass.id);
    // The output contract's `reuse` key, character offsets into both bodies.
    let r = herald.reuse.iter().find(|r| r.other == gazette.id).unwrap();
    assert_eq!(
        chars(&herald.body, r.start, r.end),
        P2.trim_end_matches('.')
    );
    assert_eq!(
        chars(&gazette.body, r.other_start, r.other_end),
        P2.trim_end_matches('.')
    );
    assert!(r.words >= 15);
    // --min-words and --kind filter.
    let run = dir.expect(
        0,
        &["reuse", "pairs", "--kind", "reprint", "--format", "csv"],
    );
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    dir.expect(1, &["reuse", "pairs", "--min-words", "10000"]);
}

#[test]
fn clusters_earliest_show_and_outlets() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let run = dir.expect(0, &["reuse", "clusters", "--format", "jsonl"]);
    let clusters: Vec<ReuseClusterLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Herald, Courier, Gazette (and Post, by P3): one cluster, Herald first.
    assert_eq!(clusters.len(), 1, "{clusters:#?}");
    let all = dir.articles(&[]);
    let herald = all
        .iter()
        .find(|a| a.outlet.as_deref() == Some("Herald"))
        .unwrap();
    assert_eq!(clusters[0].earliest.as_deref(), Some(herald.id.as_str()));
    assert!(clusters[0].dated);
    // An undated reprint makes the earliest unknown, said as such.
    let _ = dir.run(&["ingest", "b.jsonl"]);
    let run = dir.expect(0, &["reuse", "clusters", "--format", "json"]);
    let clusters: Vec<ReuseClusterLine> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(clusters[0].earliest, None);
    assert!(!clusters[0].dated);
    let table = dir.expect(0, &["reuse", "clusters"]);
    assert!(
        table.stdout.contains("unknown: undated members"),
        "{}",
        table.stdout
    );
    // show: by article, and by cluster.
    let run = dir.expect(0, &["reuse", "show", &herald.id[..8]]);
    assert!(run.stdout.contains("reprint"), "{}", run.stdout);
    // The two sides of the passage side by side, row by row.
    assert!(
        run.stdout.lines().any(|l| {
            let l = l.to_lowercase();
            l.split_once(" | ").is_some_and(|(x, y)| {
                x.trim().starts_with("the regional council")
                    && y.starts_with("the regional council")
            })
        }),
        "{}",
        run.stdout
    );
    dir.expect(0, &["reuse", "show", &clusters[0].id, "--format", "json"]);
    dir.expect(1, &["reuse", "show", "ffffffff"]);
    // outlets: Herald printed first, Courier a day later.
    let run = dir.expect(0, &["reuse", "outlets", "--format", "jsonl"]);
    let rows: Vec<OutletMessage> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let herald_courier = rows
        .iter()
        .find_map(|r| match r {
            OutletMessage::Pair(p) if p.from == "Herald" && p.to == "Courier" => Some(p),
            _ => None,
        })
        .unwrap();
    assert!(herald_courier.directed);
    assert_eq!(herald_courier.median_lag_days, Some(1.0));
    let courier = rows
        .iter()
        .find_map(|r| match r {
            OutletMessage::Outlet(o) if o.outlet == "Courier" => Some(o),
            _ => None,
        })
        .unwrap();
    assert_eq!((courier.articles, courier.reprints), (1, 1));
}

#[test]
fn incremental_equals_rebuild_whatever_the_order() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let _ = dir.run(&["ingest", "b.jsonl"]);
    let first = pairs(&dir);
    let other = {
        let (d2, _) = corpus();
        let _ = d2.run(&["ingest", "b.jsonl"]);
        d2.expect(0, &["ingest", "a.jsonl"]);
        pairs(&d2)
    };
    assert_eq!(first, other);
    let rebuilt = dir.expect(0, &["reuse", "--rebuild"]);
    assert_eq!(pairs(&dir), first);
    // The summary counts the links stored.
    assert!(
        rebuilt
            .stderr
            .contains(&format!(", {} share passages", first.len())),
        "{}",
        rebuilt.describe()
    );
}

#[test]
fn collapse_reprints_in_search_and_stats() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let run = dir.expect(
        0,
        &[
            "search",
            "copper mine",
            "--collapse-reprints",
            "--format",
            "jsonl",
        ],
    );
    let msgs: Vec<Message> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let hits: Vec<&HitLine> = msgs
        .iter()
        .filter_map(|m| match m {
            Message::Hit(h) => Some(h.as_ref()),
            Message::Summary(_) => None,
        })
        .collect();
    // Herald and Courier print the same story: one hit, the Herald's (earliest), printed twice.
    assert_eq!(hits.len(), 1, "{}", run.stdout);
    assert_eq!(hits[0].article.outlet.as_deref(), Some("Herald"));
    assert_eq!(hits[0].reprints, Some(2));
    let csv = dir.expect(
        0,
        &[
            "search",
            "copper mine",
            "--collapse-reprints",
            "--format",
            "csv",
        ],
    );
    let rows = csv_records(&csv.stdout);
    assert_eq!(rows[0].last().map(String::as_str), Some("printed"));
    assert_eq!(rows.len(), 2, "{}", csv.stdout);
    assert_eq!(rows[1][1], hits[0].article.id);
    assert_eq!(rows[1].last().map(String::as_str), Some("2"));
    let table = dir.expect(
        0,
        &[
            "search",
            "copper mine",
            "--collapse-reprints",
            "--color",
            "never",
        ],
    );
    assert!(table.stdout.contains("2x"), "{}", table.stdout);
    assert!(
        table.stdout.contains("1 matching story"),
        "{}",
        table.stdout
    );
    let plain = dir.expect(0, &["search", "copper mine", "--format", "jsonl"]);
    assert_eq!(plain.stdout.lines().count(), 3);
    let stats = |extra: &[&str]| -> StatsOutput {
        let mut args = vec!["stats", "--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&dir.expect(0, &args).stdout).unwrap()
    };
    assert_eq!(stats(&[]).articles, 5);
    let collapsed = stats(&["--collapse-reprints"]);
    assert_eq!(collapsed.articles, 4);
    // Counted once, as the earliest article: by outlet and by month.
    let count = |s: &[cuttings_cli::wire::Count], v: &str| {
        s.iter().find(|c| c.value == v).map_or(0, |c| c.count)
    };
    assert_eq!(count(&collapsed.by_outlet, "Herald"), 1);
    assert_eq!(count(&collapsed.by_outlet, "Courier"), 0);
    assert_eq!(count(&stats(&[]).by_outlet, "Courier"), 1);
    assert_eq!(count(&collapsed.by_month, "2020-10"), 4);
    assert_eq!(count(&stats(&[]).by_month, "2020-10"), 5);
}

/// Parses one listing's `--format csv`: header and records, RFC 4180 quoting.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn every_listing_in_every_format() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let run = |args: &[&str], format: &str| {
        let mut all = vec!["reuse"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", format]);
        dir.expect(0, &all).stdout
    };
    // The JSON Lines keys of the issue, exactly (`null` included, never left out).
    let keys = |line: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    for line in run(&["pairs"], "jsonl").lines() {
        assert_eq!(
            keys(line),
            ["a", "b", "earlier", "kind", "passages", "share_a", "share_b", "words"]
        );
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for p in v["passages"].as_array().unwrap() {
            assert_eq!(
                keys(&p.to_string()),
                ["a_end", "a_start", "b_end", "b_start", "words"]
            );
        }
    }
    for line in run(&["clusters"], "jsonl").lines() {
        assert_eq!(keys(line), ["articles", "dated", "earliest", "id"]);
    }
    // pairs
    let json: Vec<ReusePairLine> = serde_json::from_str(&run(&["pairs"], "json")).unwrap();
    assert_eq!(json, pairs(&dir));
    let csv = csv_records(&run(&["pairs"], "csv"));
    assert_eq!(
        csv[0],
        ["a", "b", "earlier", "kind", "words", "share_a", "share_b", "passages"]
    );
    assert_eq!(csv.len(), json.len() + 1);
    for (row, p) in csv[1..].iter().zip(&json) {
        assert_eq!((&row[0], &row[1], &row[3]), (&p.a, &p.b, &p.kind));
        assert_eq!(row[4], p.words.to_string());
        assert_eq!(row[7], p.passages.len().to_string());
    }
    let table = run(&["pairs"], "table");
    assert!(table.starts_with("KIND "), "{table}");
    assert_eq!(table.lines().count(), json.len() + 1, "{table}");
    // clusters
    let json: Vec<ReuseClusterLine> = serde_json::from_str(&run(&["clusters"], "json")).unwrap();
    let jsonl: Vec<ReuseClusterLine> = run(&["clusters"], "jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(json, jsonl);
    let csv = csv_records(&run(&["clusters"], "csv"));
    assert_eq!(csv[0], ["id", "articles", "earliest", "dated"]);
    assert_eq!(csv.len(), json.len() + 1);
    assert_eq!(csv[1][0], json[0].id);
    assert_eq!(csv[1][1], json[0].articles.join("; "));
    assert_eq!(csv[1][2], json[0].earliest.clone().unwrap_or_default());
    let table = run(&["clusters"], "table");
    assert!(table.starts_with("CLUSTER "), "{table}");
    assert!(table.contains(&json[0].id), "{table}");
    // outlets
    let json: OutletsOutput = serde_json::from_str(&run(&["outlets"], "json")).unwrap();
    let jsonl: Vec<OutletMessage> = run(&["outlets"], "jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(jsonl.len(), json.pairs.len() + json.outlets.len());
    assert_eq!(jsonl[0], OutletMessage::Pair(json.pairs[0].clone()));
    let csv = csv_records(&run(&["outlets"], "csv"));
    assert_eq!(csv[0][0], "type");
    assert_eq!(csv.len(), 1 + json.pairs.len() + json.outlets.len());
    let pair_rows = csv.iter().filter(|r| r[0] == "pair").count();
    assert_eq!(pair_rows, json.pairs.len());
    let courier = csv
        .iter()
        .find(|r| r[0] == "outlet" && r[1] == "Courier")
        .unwrap();
    assert_eq!((courier[8].as_str(), courier[10].as_str()), ("1", "1.000"));
    let table = run(&["outlets"], "table");
    assert!(table.starts_with("FROM "), "{table}");
    assert!(
        table.lines().any(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w[..3] == ["Herald", "->", "Courier"]
        }),
        "{table}"
    );
    assert!(table.contains("\nOUTLET "), "{table}");
    // show (text, json) and the summary
    let herald = &dir
        .articles(&["--outlet", "Herald"])
        .into_iter()
        .next()
        .unwrap()
        .id;
    let shown: serde_json::Value = serde_json::from_str(&run(&["show", herald], "json")).unwrap();
    assert_eq!(shown["pairs"].as_array().unwrap().len(), 3, "{shown:#}");
    let summary = dir.expect(0, &["reuse"]).stdout;
    assert!(summary.contains("reprint  1 pairs"), "{summary}");
    // Nothing to list exits with 1, in every format.
    let empty = Dir::new();
    empty.create(
        "c.jsonl",
        (line("Snow", "Gazette", None, OTHER) + "\n").as_bytes(),
    );
    empty.expect(0, &["ingest", "c.jsonl"]);
    for sub in ["pairs", "clusters", "outlets"] {
        for format in ["table", "json", "jsonl", "csv"] {
            empty.expect(1, &["reuse", sub, "--format", format]);
        }
    }
}

#[test]
fn pairs_by_outlet() {
    let (dir, _) = corpus();
    dir.expect(0, &["ingest", "a.jsonl"]);
    let all = dir.articles(&[]);
    let courier = &all
        .iter()
        .find(|a| a.outlet.as_deref() == Some("Courier"))
        .unwrap()
        .id;
    let run = dir.expect(
        0,
        &["reuse", "pairs", "--outlet", "courier", "--format", "jsonl"],
    );
    let only: Vec<ReusePairLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // The reprint of the Herald's story, and its paragraphs in the Gazette and the Post.
    assert_eq!(only.len(), 3, "{only:#?}");
    assert!(only.iter().all(|p| p.a == *courier || p.b == *courier));
    assert!(pairs(&dir).len() > only.len());
    dir.expect(1, &["reuse", "pairs", "--outlet", "Nowhere Times"]);
}

/// Ingested text is untrusted: control characters never reach the terminal, and csv fields
/// that a spreadsheet would run as formulas stay text.
#[test]
fn regression_issue_13_untrusted_text_in_reuse_output() {
    let dir = Dir::new();
    let evil = "=HYPERLINK(\"http://evil.example\",\"open\")";
    // Escapes inside the shared passages, and after them.
    let p1 = P1.replace("copper mine", "copper\u{1b}]0;pwned\u{7} mine");
    let p2 = P2.replace("appeal", "\u{1b}[2J\u{202e}appeal");
    let story = format!("{p1}\n\n{p2}\u{1b}[8m\n\n{P3}");
    let lines = [
        line("Mine\u{1b}[8m hidden", "Herald", Some("2020-10-01"), &story),
        line("Mine", evil, Some("2020-10-02"), &story),
    ];
    dir.create("evil.jsonl", (lines.join("\n") + "\n").as_bytes());
    dir.expect(0, &["ingest", "evil.jsonl"]);
    let herald = dir.articles(&["--outlet", "Herald"])[0].id.clone();
    for args in [
        vec!["reuse", "show", herald.as_str()],
        vec!["reuse", "pairs"],
        vec!["reuse", "clusters"],
        vec!["reuse", "outlets"],
        vec!["show", herald.as_str()],
        vec!["articles"],
        vec!["search", "copper"],
    ] {
        let out = dir.expect(0, &args).stdout;
        assert!(
            !out.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{args:?}: {out:?}"
        );
    }
    let show = dir.expect(0, &["reuse", "show", &herald]).stdout;
    assert!(show.contains("reprint"), "{show}");
    // Shown as JSON escapes since issue #17 (they were dropped).
    assert!(show.contains("copper\\u001b]0;pwned\\u0007"), "{show}");
    assert!(show.contains(&format!("({evil}, 2020-10-02)")), "{show}");
    // csv: the outlet is text, quoted by RFC 4180.
    for args in [
        vec!["reuse", "outlets", "--format", "csv"],
        vec!["articles", "--format", "csv"],
    ] {
        let out = dir.expect(0, &args).stdout;
        assert!(
            out.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\""),
            "{args:?}: {out}"
        );
        let records = csv_records(&out);
        assert!(records.iter().all(|r| r.len() == records[0].len()), "{out}");
        assert!(
            !records.iter().flatten().any(|f| f.starts_with('=')),
            "{out}"
        );
    }
}
