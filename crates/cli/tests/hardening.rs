//! Regressions of issue #17 ("Hardening"): hostile and odd inputs are reported against their
//! file (or query) with a clear message, and never abort the process or reach the terminal raw.

mod util;

use util::Dir;

/// The bytes of ingested text that would drive a terminal: clear the screen, retitle the
/// window, ring the bell.
const EVIL: &str = "\u{1b}[2J\u{1b}]0;evil\u{7}";

/// Every byte a terminal would act on (ESC, BEL) is absent.
fn assert_inert(run: &util::Run) {
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text.bytes().any(|b| b == 0x1b || b == 0x07),
            "raw ESC or BEL on {name}\n{}",
            run.describe()
        );
    }
}

/// A JSON Lines file of one English article with [`EVIL`] in every field.
fn evil_jsonl() -> String {
    let article = serde_json::json!({
        "title": format!("Harbour {EVIL} dues rise"),
        "outlet": format!("The {EVIL} Courier"),
        "date": "2020-10-01",
        "authors": [format!("Jane {EVIL} Roe")],
        "body": format!(
            "The council voted on Tuesday to raise the harbour dues {EVIL} from spring.\n\n\
             \"We have no choice {EVIL} but to raise them,\" said John Smith, the mayor of \
             Portby, after the vote."
        ),
    });
    format!("{article}\n")
}

#[test]
fn issue17_control_characters_never_reach_the_terminal_raw() {
    let dir = Dir::new();
    // A file name is ingested text too (it is quoted in error lines, by `show` and `sources`).
    let good_name = format!("evil{EVIL}.jsonl");
    dir.create(&good_name, evil_jsonl().as_bytes());
    let bad_name = format!("empty{EVIL}.txt");
    dir.create(&bad_name, b"");
    let run = dir.run(&["--corpus", "c", "ingest", "--quiet", &good_name, &bad_name]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("empty\\u001b[2J"), "{}", run.stderr);
    assert_inert(&run);
    let articles = dir.articles(&["--corpus", "c"]);
    assert_eq!(articles.len(), 1);
    let id = articles[0].id.clone();
    for args in [
        vec!["articles"],
        vec!["articles", "--format", "csv"],
        vec!["show", &id],
        vec!["search", "harbour"],
        vec!["search", "harbour", "--color", "never"],
        vec!["search", "harbour", "--format", "csv"],
        vec!["stats"],
        vec!["quotes"],
        vec!["quotes", "--format", "csv"],
        vec!["entities"],
        vec!["sources"],
        vec!["search", "title:("],
    ] {
        let mut all = vec!["--corpus", "c"];
        all.extend_from_slice(&args);
        let run = dir.run(&all);
        assert!(run.code == 0 || run.code == 2, "{}", run.describe());
        assert_inert(&run);
    }
    // The escape is shown, not dropped: one can see what the article holds.
    let table = dir.expect(0, &["--corpus", "c", "articles"]);
    assert!(
        table
            .stdout
            .contains("Harbour \\u001b[2J\\u001b]0;evil\\u0007 dues rise"),
        "{}",
        table.stdout
    );
    // JSON is unchanged: the title reads back as ingested.
    assert_eq!(
        articles[0].title.as_deref(),
        Some(format!("Harbour {EVIL} dues rise").as_str())
    );
}

#[test]
fn issue17_deeply_nested_query_is_an_error_not_an_abort() {
    let dir = Dir::new();
    dir.create("evil.jsonl", evil_jsonl().as_bytes());
    dir.expect(0, &["--corpus", "c", "ingest", "--quiet", "evil.jsonl"]);
    let parens = format!("{}harbour{}", "(".repeat(10_000), ")".repeat(10_000));
    let nots = format!("{}harbour", "NOT ".repeat(30_000));
    for q in [parens, nots] {
        let run = dir.expect(2, &["--corpus", "c", "search", &q]);
        assert!(
            run.stderr.contains("query nested deeper than 64"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
}

#[cfg(feature = "pdf")]
#[test]
fn issue17_deeply_nested_pdfs_fail_alone_and_the_batch_goes_on() {
    let dir = Dir::new();
    let mut args = vec![
        "--corpus".to_string(),
        "c".to_string(),
        "ingest".to_string(),
        "--quiet".to_string(),
        "samples/rail-freight-2022-05.pdf".to_string(),
    ];
    let mut bad = Vec::new();
    for kind in ["dict", "array", "content"] {
        for nest in [1_000, 3_000, 100_000] {
            let name = format!("deep-{kind}-{nest}.pdf");
            dir.create(&name, &cuttings_pdf::write::nested_page(kind, nest));
            args.push(name.clone());
            bad.push(name);
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = dir.run(&args);
    assert_eq!(run.code, 2, "{}", run.describe());
    for name in &bad {
        let lines: Vec<&str> = run.stderr.lines().filter(|l| l.contains(name)).collect();
        assert_eq!(lines.len(), 1, "{name}\n{}", run.describe());
        assert!(
            lines[0].contains("pdf nests arrays or dictionaries deeper than 256 levels"),
            "{}",
            lines[0]
        );
    }
    assert_eq!(run.stderr.lines().count(), bad.len(), "{}", run.describe());
    let good = dir.articles(&["--corpus", "c"]);
    assert_eq!(good.len(), 6, "the good file is ingested");

    // `pages` refuses the file the same way.
    let run = dir.expect(2, &["pages", "deep-content-100000.pdf"]);
    assert!(
        run.stderr.contains("deeper than 256 levels"),
        "{}",
        run.stderr
    );
}

/// Two ingests creating one corpus at once: each stores its files or says the corpus is locked
/// (they raced to create the schema and failed with "table sources already exists").
#[test]
fn issue17_racing_ingests_into_a_new_corpus_take_the_lock() {
    let dir = Dir::new();
    dir.create("evil.jsonl", evil_jsonl().as_bytes());
    for round in 0..6 {
        let corpus = format!("c{round}");
        let spawn = |file: &str| {
            dir.command(&["--corpus", &corpus, "ingest", "--quiet", file])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (
            spawn("samples/alpine-affairs-2020-11.seedlike.txt"),
            spawn("evil.jsonl"),
        );
        let mut ok = 0;
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            match out.status.code() {
                Some(0) => ok += 1,
                Some(2) => assert!(
                    stderr.contains("corpus is locked by another writer"),
                    "round {round}: {stderr}"
                ),
                other => panic!("round {round}: exit {other:?}: {stderr}"),
            }
        }
        assert!(
            ok >= 1,
            "round {round}: one of the two ingests stores its file"
        );
    }
}

/// Runs `cuttings ARGS` in `dir` as an unprivileged user when the tests run as root (whom
/// `chmod a-w` does not stop), so a read-only folder really is read-only.
fn run_unprivileged(dir: &Dir, args: &[&str]) -> Option<util::Run> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if !root {
        return Some(dir.run(args));
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    // The user `nobody` must be able to reach the folder.
    let mut p = dir.path().to_path_buf();
    loop {
        let _ = std::process::Command::new("chmod")
            .arg("a+rx")
            .arg(&p)
            .status();
        if !p.pop() || p.as_os_str() == "/" {
            break;
        }
    }
    let mut cmd = std::process::Command::new(setpriv);
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_cuttings"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("CUTTINGS_CORPUS")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
    let out = cmd.output().unwrap();
    Some(util::Run {
        args: args.iter().map(|s| s.to_string()).collect(),
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    })
}

#[test]
fn issue17_read_commands_work_on_a_read_only_corpus() {
    let dir = Dir::new();
    dir.create("evil.jsonl", evil_jsonl().as_bytes());
    dir.expect(
        0,
        &[
            "--corpus",
            "c",
            "ingest",
            "--quiet",
            "evil.jsonl",
            "samples/alpine-affairs-2020-11.seedlike.txt",
        ],
    );
    let status = std::process::Command::new("cp")
        .args(["-r", "c", "ro"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let chmod = |mode: &str| {
        std::process::Command::new("chmod")
            .args(["-R", mode, "ro"])
            .current_dir(dir.path())
            .status()
            .unwrap()
    };
    // Readable by all (the unprivileged user below), writable by none.
    assert!(chmod("a+rX,a-w").success());
    let id = dir.articles(&["--corpus", "c"])[0].id.clone();
    for args in [
        vec!["articles"],
        vec!["articles", "--format", "jsonl"],
        vec!["search", "harbour"],
        vec!["stats"],
        vec!["show", &id],
        vec!["entities"],
    ] {
        let mut all = vec!["--corpus", "ro"];
        all.extend_from_slice(&args);
        let Some(run) = run_unprivileged(&dir, &all) else {
            eprintln!("running as root without setpriv: the read-only open is not tested");
            break;
        };
        assert_eq!(run.code, 0, "{}", run.describe());
        assert!(!run.stdout.is_empty(), "{}", run.describe());
    }
    // The copy was not written to.
    let run = dir.run(&["--corpus", "ro", "articles"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    assert!(
        chmod("u+w").success(),
        "lets the temporary folder be removed"
    );
}

#[test]
fn issue17_messages_say_what_is_wrong() {
    let dir = Dir::new();
    dir.create("evil.jsonl", evil_jsonl().as_bytes());
    // Larger than the limit: the limit, not a size read one byte past it.
    dir.create("big.txt", "word ".repeat(400).as_bytes());
    let run = dir.expect(
        2,
        &[
            "--corpus",
            "c",
            "ingest",
            "--quiet",
            "--max-file-size",
            "1024",
            "big.txt",
        ],
    );
    assert_eq!(
        run.stderr,
        "cuttings: big.txt: larger than the limit of 1 KiB (--max-file-size)\n"
    );
    // An OS error once, not twice.
    let run = dir.expect(2, &["--corpus", "c", "ingest", "--quiet", "missing.txt"]);
    assert_eq!(
        run.stderr.matches("No such file or directory").count(),
        1,
        "{}",
        run.stderr
    );
    // A byte of noise is not an article.
    dir.create("noise.txt", b"\xa7");
    let run = dir.expect(2, &["--corpus", "c", "ingest", "--quiet", "noise.txt"]);
    assert_eq!(
        run.stderr,
        "cuttings: noise.txt: too short: no text (not one word)\n"
    );
    // Someone else's SQLite file is not a corpus (and its schema is not quoted).
    std::fs::create_dir(dir.path().join("foreign")).unwrap();
    let made = std::process::Command::new("python3")
        .args([
            "-c",
            "import sqlite3; c = sqlite3.connect('foreign/corpus.sqlite'); \
             c.execute('CREATE TABLE sources (secret_column_name TEXT)'); \
             c.execute('PRAGMA user_version = 3'); c.commit()",
        ])
        .current_dir(dir.path())
        .status();
    if made.is_ok_and(|s| s.success()) {
        for args in [
            &["--corpus", "foreign", "articles"][..],
            &["--corpus", "foreign", "ingest", "evil.jsonl"],
        ] {
            let run = dir.expect(2, args);
            assert!(
                run.stderr.contains("not a cuttings corpus"),
                "{}",
                run.describe()
            );
            assert!(
                !run.stderr.contains("secret_column_name"),
                "{}",
                run.describe()
            );
        }
    } else {
        eprintln!("python3 with sqlite3 not found: the foreign database is not tested");
    }
    // A damaged index does not stop what needs only the records.
    dir.expect(0, &["--corpus", "c", "ingest", "--quiet", "evil.jsonl"]);
    std::fs::write(dir.path().join("c/index/meta.json"), b"{ damaged").unwrap();
    let run = dir.expect(0, &["--corpus", "c", "articles"]);
    assert!(run.stdout.contains("Harbour"), "{}", run.describe());
    let run = dir.expect(2, &["--corpus", "c", "search", "harbour"]);
    assert!(run.stderr.contains("index"), "{}", run.describe());
}

#[cfg(unix)]
#[test]
fn issue17_links_fifos_and_feeds() {
    let dir = Dir::new();
    dir.create(
        "in/good.txt",
        std::fs::read(util::workspace().join("samples/alpine-affairs-2020-11.seedlike.txt"))
            .unwrap()
            .as_slice(),
    );
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("in/broken.txt")).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", dir.path().join("in/loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", dir.path().join("in/loop-b.txt")).unwrap();
    let run = dir.expect(0, &["--corpus", "c", "ingest", "--quiet", "in"]);
    for name in ["broken.txt", "loop-a.txt", "loop-b.txt"] {
        let lines = run.stderr.lines().filter(|l| l.contains(name)).count();
        assert_eq!(lines, 1, "{name}\n{}", run.describe());
    }
    assert!(run
        .stderr
        .contains("broken or looping symbolic link, skipped"));
    // An RSS feed given as a file is read as a feed: an article per item, not one of markup.
    let para = "The harbour board met on Monday and agreed that the dues would rise in spring, \
                after a long debate about the cost of dredging the outer channel.";
    let rss = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Gazette</title>
<item><title>Harbour dues to rise</title><guid>one</guid>
<pubDate>Tue, 05 Mar 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{para}&lt;/p&gt;&lt;p&gt;{para}&lt;/p&gt;</description></item>
<item><title>Ferry timetable changes</title><guid>two</guid>
<pubDate>Wed, 06 Mar 2019 10:00:00 GMT</pubDate>
<description>&lt;p&gt;{para} Ferries will sail later.&lt;/p&gt;&lt;p&gt;{para}&lt;/p&gt;</description></item>
</channel></rss>
"#
    );
    dir.create("feed.xml", rss.as_bytes());
    let run = dir.expect(0, &["--corpus", "f", "ingest", "--quiet", "feed.xml"]);
    assert_eq!(run.stderr, "");
    let mut titles: Vec<String> = dir
        .articles(&["--corpus", "f"])
        .into_iter()
        .filter_map(|a| a.title)
        .collect();
    titles.sort();
    assert_eq!(titles, ["Ferry timetable changes", "Harbour dues to rise"]);

    // A FIFO named on the command line is refused, not read forever.
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let mut child = dir
            .command(&["--corpus", "c", "ingest", "--quiet", "pipe"])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > std::time::Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("ingest of a FIFO blocked");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "cuttings: pipe: not a regular file\n"
        );
    }
}
