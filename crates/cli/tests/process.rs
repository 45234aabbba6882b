//! `cuttings process` (issue #15): documents in, article lines out, without a corpus; paths as
//! arguments or JSON lines on stdin (paths, base64 bytes); errors as lines of their own in the
//! input's place; the same articles as an ingest; sketches that find shared passages; and
//! `cuttings align`, which aligns the pairs they find as an ingest links them.

mod util;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::Stdio;

use base64::Engine;
use cuttings_cli::wire::{AlignDoc, AlignPairLine, LinkLine, ProcessErrorLine, ProcessedLine};
use util::{workspace, Dir};

/// A line of `process` output: an article or an error.
enum Out {
    Article(Box<ProcessedLine>),
    Error(ProcessErrorLine),
}

fn parse(stdout: &str) -> Vec<Out> {
    stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            if v.get("error").is_some() {
                Out::Error(serde_json::from_str(l).unwrap())
            } else {
                let mut keys: Vec<&str> =
                    v.as_object().unwrap().keys().map(String::as_str).collect();
                keys.sort_unstable();
                let mut want = cuttings_cli::wire::ARTICLE_KEYS.to_vec();
                want.extend(["input", "sketch"]);
                want.sort_unstable();
                assert_eq!(keys, want, "{l}");
                Out::Article(Box::new(serde_json::from_str(l).unwrap()))
            }
        })
        .collect()
}

/// Runs `cuttings process ARGS` with `stdin`.
fn process(dir: &Dir, args: &[&str], stdin: &str) -> (i32, String) {
    let mut all = vec!["process"];
    all.extend_from_slice(args);
    piped(dir, &all, stdin)
}

/// Runs `cuttings ARGS` with `stdin`; nothing may come on stderr.
fn piped(dir: &Dir, all: &[&str], stdin: &str) -> (i32, String) {
    let mut child = dir
        .command(all)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn files_give_the_articles_an_ingest_gives() {
    let dir = Dir::new();
    let files = [
        "samples/coastal-energy-2019-03.txt",
        "samples/alpine-affairs-2020-11.seedlike.txt",
    ];
    let (code, stdout) = process(&dir, &files, "");
    assert_eq!(code, 0);
    let got: Vec<ProcessedLine> = parse(&stdout)
        .into_iter()
        .map(|o| match o {
            Out::Article(a) => *a,
            Out::Error(e) => panic!("{e:?}"),
        })
        .collect();
    // in the order of the inputs, each file's articles in reading order
    let inputs: Vec<&str> = got.iter().map(|a| a.input.as_str()).collect();
    let mut sorted = inputs.clone();
    sorted.sort_by_key(|i| files.iter().position(|f| f == i));
    assert_eq!(inputs, sorted);
    dir.expect(0, &["ingest", files[0], files[1]]);
    for f in files {
        let ingested = dir.articles(&["--source", f]);
        let mine: Vec<&ProcessedLine> = got.iter().filter(|a| a.input == f).collect();
        assert_eq!(mine.len(), ingested.len(), "{f}");
        for (p, a) in mine.iter().zip(&ingested) {
            assert_eq!(p.id, a.id);
            assert_eq!(p.title, a.title);
            assert_eq!(p.body, a.body);
            assert_eq!(p.date, a.date);
            assert_eq!(p.entities, a.entities);
            assert_eq!(p.quotes, a.quotes);
            assert_eq!(p.source, a.source);
            assert!(p.reuse.is_empty());
            assert!(!p.sketch.text.is_empty());
        }
    }
}

#[test]
fn stdin_takes_paths_and_base64_and_reports_errors_in_place() {
    let dir = Dir::new();
    dir.create("junk.bin", &[0u8, 159, 146, 150, 0, 0, 1, 2, 0, 0, 0, 7]);
    dir.create(
        "broken.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nbroken",
    );
    let pdf = std::fs::read(workspace().join("samples/rail-freight-2022-05.pdf")).unwrap();
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let lines = [
        serde_json::json!({"name": "rail.pdf", "bytes_b64": b64(&pdf)}).to_string(),
        serde_json::json!({"path": "junk.bin"}).to_string(),
        "{not json".to_string(),
        serde_json::json!({"path": "samples/coastal-energy-2019-03.txt"}).to_string(),
        serde_json::json!({"name": "b.txt", "bytes_b64": "@@@"}).to_string(),
        serde_json::json!({"path": "broken.pdf"}).to_string(),
        serde_json::json!({"path": "missing.txt"}).to_string(),
        serde_json::json!({"name": "inline.txt", "bytes_b64": b64(std::fs::read(dir.path().join("samples/alpine-affairs-2020-11.seedlike.txt")).unwrap().as_slice())}).to_string(),
    ];
    let (code, stdout) = process(&dir, &[], &(lines.join("\n") + "\n"));
    assert_eq!(code, 0, "errors are lines, not a failed task");
    let out = parse(&stdout);
    // what each input gave, in input order
    let mut seen: Vec<String> = Vec::new();
    for o in &out {
        let label = match o {
            Out::Article(a) => format!("article {}", a.input),
            Out::Error(e) => format!(
                "error {}",
                e.path
                    .clone()
                    .or(e.name.clone())
                    .or(e.line.map(|l| format!("line {l}")))
                    .unwrap()
            ),
        };
        if seen.last() != Some(&label) {
            seen.push(label);
        }
    }
    assert_eq!(
        seen,
        [
            "article rail.pdf",
            "error junk.bin",
            "error line 3",
            "article samples/coastal-energy-2019-03.txt",
            "error b.txt",
            "error broken.pdf",
            "error missing.txt",
            "article inline.txt",
        ]
    );
    let pdf_articles = out
        .iter()
        .filter(|o| matches!(o, Out::Article(a) if a.input == "rail.pdf"))
        .count();
    assert_eq!(pdf_articles, 6, "the sample PDF's six pieces");
    let errors: Vec<&ProcessErrorLine> = out
        .iter()
        .filter_map(|o| match o {
            Out::Error(e) => Some(e),
            _ => None,
        })
        .collect();
    assert!(errors.iter().all(|e| !e.error.is_empty()));
    assert!(errors.iter().any(|e| e.error.contains("base64")));
    // --strict makes the failures an exit status
    let (code, _) = process(&dir, &["--strict"], &(lines.join("\n") + "\n"));
    assert_eq!(code, 2);
    let (code, _) = process(
        &dir,
        &["--strict", "samples/coastal-energy-2019-03.txt"],
        "",
    );
    assert_eq!(code, 0);
}

#[test]
fn sketches_share_fingerprints_where_articles_share_passages() {
    let dir = Dir::new();
    let p = "The regional council voted on Tuesday to close the old copper mine above the village of Arnfeld, ending two centuries of extraction in the valley.";
    let other = "Heavy snow closed the mountain pass for a third day running, and drivers were told to expect further delays until the ploughs could reach the summit.";
    let rows = [
        ("Herald", p.to_string()),
        ("Courier", p.to_uppercase()),
        ("Gazette", other.to_string()),
    ];
    let jsonl: Vec<String> = rows
        .iter()
        .map(|(o, b)| serde_json::json!({"title": "t", "outlet": o, "body": b}).to_string())
        .collect();
    dir.create("a.jsonl", (jsonl.join("\n") + "\nbad line\n").as_bytes());
    let (code, stdout) = process(&dir, &["a.jsonl"], "");
    assert_eq!(code, 0);
    let out = parse(&stdout);
    let arts: Vec<&ProcessedLine> = out
        .iter()
        .filter_map(|o| match o {
            Out::Article(a) => Some(a.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(arts.len(), 3);
    assert!(
        matches!(out.last(), Some(Out::Error(e)) if e.path.as_deref() == Some("a.jsonl")),
        "the bad line of the document"
    );
    let set = |a: &ProcessedLine| -> BTreeSet<String> { a.sketch.text.iter().cloned().collect() };
    assert_eq!(arts[0].sketch.digest, arts[1].sketch.digest, "same words");
    assert_eq!(set(arts[0]), set(arts[1]));
    assert!(set(arts[0]).is_disjoint(&set(arts[2])));
}

#[test]
fn align_links_pairs_as_an_ingest_does() {
    let dir = Dir::new();
    let p1 = "The regional council voted on Tuesday to close the old copper mine above the village of Arnfeld, ending two centuries of extraction in the valley.";
    let p2 = "Miners' representatives said they would appeal against the decision, which puts some four hundred jobs at risk across three neighbouring districts.";
    let other = "Heavy snow closed the mountain pass for a third day running, and drivers were told to expect further delays until the ploughs could reach the summit.";
    let rows = [
        ("Herald", format!("{p1}\n\n{p2}")),
        ("Courier", format!("{p1}\n\n{p2}").to_uppercase()),
        ("Gazette", format!("{other}\n\n{p2}")),
        ("Post", other.to_string()),
    ];
    let jsonl: Vec<String> = rows
        .iter()
        .map(|(o, b)| serde_json::json!({"title": "t", "outlet": o, "body": b}).to_string())
        .collect();
    dir.create("a.jsonl", (jsonl.join("\n") + "\n").as_bytes());
    let (_, stdout) = process(&dir, &["a.jsonl"], "");
    let arts: Vec<ProcessedLine> = parse(&stdout)
        .into_iter()
        .filter_map(|o| match o {
            Out::Article(a) => Some(*a),
            Out::Error(_) => None,
        })
        .collect();
    assert_eq!(arts.len(), 4);
    // every pair, and a line that is none
    let mut input = String::new();
    for (i, x) in arts.iter().enumerate() {
        for y in &arts[i + 1..] {
            let doc = |a: &ProcessedLine| AlignDoc {
                id: a.id.clone(),
                body: a.body.clone(),
            };
            let line = AlignPairLine {
                a: doc(y),
                b: doc(x),
            };
            input.push_str(&serde_json::to_string(&line).unwrap());
            input.push('\n');
        }
    }
    input.push_str("{\"a\": 1}\n");
    let (code, stdout) = piped(&dir, &["align"], &input);
    assert_eq!(code, 0);
    let (errors, links): (Vec<&str>, Vec<&str>) =
        stdout.lines().partition(|l| l.contains("\"error\""));
    let error: ProcessErrorLine = serde_json::from_str(errors[0]).unwrap();
    assert_eq!((errors.len(), error.line), (1, Some(7)));
    let mut links: Vec<LinkLine> = links
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    links.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    // Herald-Courier (reprint), Herald-Gazette and Courier-Gazette (p2), Gazette-Post (other)
    assert_eq!(links.len(), 4, "{links:?}");
    // the same links as a corpus finds, offsets and all
    dir.expect(0, &["ingest", "a.jsonl"]);
    let mut stored: Vec<serde_json::Value> = dir
        .expect(0, &["reuse", "pairs", "--format", "jsonl"])
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    stored.sort_by(|x, y| {
        (x["a"].as_str(), x["b"].as_str()).cmp(&(y["a"].as_str(), y["b"].as_str()))
    });
    assert_eq!(stored.len(), links.len());
    for (s, l) in stored.iter().zip(&links) {
        assert_eq!(
            (s["a"].as_str(), s["b"].as_str()),
            (Some(&*l.a), Some(&*l.b))
        );
        assert_eq!(s["kind"], l.kind.as_str());
        assert_eq!(s["words"], l.words);
        let passages: Vec<[usize; 5]> = l
            .passages
            .iter()
            .map(|p| [p.a_start, p.a_end, p.b_start, p.b_end, p.words as usize])
            .collect();
        let want: Vec<[usize; 5]> = s["passages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                ["a_start", "a_end", "b_start", "b_end", "words"]
                    .map(|k| p[k].as_u64().unwrap() as usize)
            })
            .collect();
        assert_eq!(passages, want);
    }
    // the settings a join must use
    let (_, config) = piped(&dir, &["align", "--config"], "");
    let config: serde_json::Value = serde_json::from_str(&config).unwrap();
    assert!(config["min_shared"].as_u64().unwrap() >= 1);
    assert!(config["signature"].as_str().unwrap().contains("max_df="));
}
