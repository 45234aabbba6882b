//! End-to-end tests of `cuttings serve` (issue #14): the real binary on a temporary corpus, spoken
//! to over loopback HTTP; and, when Debian's chromium and chromium-driver are installed (`.ci/run`
//! installs them and sets CUTTINGS_REQUIRE_BROWSER=1), the pages in headless Chromium through
//! WebDriver: search, article, entity and its chart, with one screenshot per page, and hostile
//! articles whose scripts must not run.

mod util;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use util::http::{enc, request, Reply, Server};
use util::Dir;

/// A corpus of the bundled samples.
fn sample_corpus() -> Dir {
    let dir = Dir::new();
    dir.expect(0, &["ingest", "samples/"]);
    dir
}

fn assert_hardened(r: &Reply, what: &str) {
    let csp = r
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{what}: {csp}"
    );
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
}

#[test]
fn the_api_answers_what_the_cli_prints() {
    let dir = sample_corpus();
    let server = Server::start(&dir, &[]);
    for (query, extra) in [
        ("avalanche", ""),
        ("\"lock gates\" OR avalanche", ""),
        ("", ""),
        ("rail OR snow", "&from=2020&to=2022-05"),
        ("entity:\"Mont Blanc\" OR avalanche", ""),
    ] {
        let api = server.json(&format!("/api/search?q={}{extra}&limit=3", enc(query)));
        let mut args = vec!["search", query, "--format", "json", "--limit", "3"];
        if !extra.is_empty() {
            args.extend(["--from", "2020-01-01", "--to", "2022-05-31"]);
        }
        let cli = dir.run(&args);
        let cli: Value = serde_json::from_str(&cli.stdout).unwrap();
        assert_eq!(api["total"], cli["total"], "total of {query:?}");
        assert_eq!(api["facets"], cli["facets"], "facets of {query:?}");
        let ids = |v: &Value| -> Vec<String> {
            v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["article"]["id"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(ids(&api), ids(&cli), "hits of {query:?}");
        for hit in api["hits"].as_array().unwrap() {
            let keys: Vec<&str> = hit["article"]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut want = cuttings_cli::wire::ARTICLE_KEYS.to_vec();
            want.sort_unstable();
            let mut got = keys;
            got.sort_unstable();
            assert_eq!(got, want);
            let text = hit["snippet"]["text"].as_str().unwrap();
            for h in hit["snippet"]["highlights"].as_array().unwrap() {
                let (a, b) = (
                    h[0].as_u64().unwrap() as usize,
                    h[1].as_u64().unwrap() as usize,
                );
                assert!(text.get(a..b).is_some_and(|w| !w.is_empty()), "{hit}");
            }
        }
    }
    // Facets have every dimension; paging walks the whole result; date order is date order.
    let all = server.json("/api/search?q=&limit=100&sort=date");
    let total = all["total"].as_u64().unwrap() as usize;
    assert!(total >= 18, "{total}");
    for key in [
        "outlet", "author", "year", "month", "entity", "language", "kind",
    ] {
        assert!(all["facets"][key].is_array(), "facet {key}");
    }
    let kinds: u64 = all["facets"]["kind"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(kinds as usize, total);
    let dates: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["article"]["date"].as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let mut paged = Vec::new();
    for offset in (0..total).step_by(5) {
        let page = server.json(&format!("/api/search?q=&limit=5&offset={offset}&sort=date"));
        for h in page["hits"].as_array().unwrap() {
            paged.push(h["article"]["id"].as_str().unwrap().to_string());
        }
    }
    let whole: Vec<String> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paged, whole);

    // One article: the contract's keys and its provenance.
    let id = &whole[0];
    let a = server.json(&format!("/api/articles/{id}"));
    assert_eq!(a["id"], json!(id));
    assert!(a["provenance"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["field"] == "body"));
    assert_eq!(a["provenance"]["source_status"], "ok");
    let a8 = server.json(&format!("/api/articles/{}", &id[..8]));
    assert_eq!(a8["id"], a["id"]);

    // Entities, one entity, quotations, stats.
    let top = server.json("/api/entities?top=5");
    let first = top[0]["name"].as_str().unwrap().to_string();
    let e = server.json(&format!("/api/entities/{}", enc(&first)));
    assert_eq!(e["name"], json!(first));
    assert!(e["articles"].as_u64().unwrap() >= 1);
    assert!(server.json("/api/quotes?limit=3").is_array());
    let stats = server.json("/api/stats");
    assert_eq!(stats["articles"].as_u64().unwrap() as usize, total);

    // The OpenAPI document describes every path served.
    let doc = server.json("/api/openapi.json");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/search",
        "/api/articles/{id}",
        "/api/entities",
        "/api/entities/{name}",
        "/api/quotes",
        "/api/stats",
    ] {
        assert!(
            doc["paths"][path]["get"].is_object(),
            "{path} is not described"
        );
    }

    // Errors: {message, code} with the right status.
    for (path, status, code) in [
        ("/api/articles/ffffffffffff", 404, "not_found"),
        ("/api/articles/zz", 400, "bad_request"),
        ("/api/search?q=title:(", 400, "bad_query"),
        ("/api/search?sort=size", 400, "bad_request"),
        ("/api/search?limit=5000", 400, "bad_request"),
        ("/api/search?from=August", 400, "bad_request"),
        ("/api/entities/nobody%20at%20all", 404, "not_found"),
        ("/api/entities?type=planet", 400, "bad_request"),
        ("/api/nothing/here", 404, "not_found"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, status, "{path}: {}", r.body);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["code"], code, "{path}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_hardened(&r, path);
    }
    let r = request(&server.addr, "DELETE", "/api/stats", &[], None);
    assert_eq!(r.status, 405);

    // Pages: every one answers, hardened, with no script.
    let entity_page = format!("/entities/{}", enc(&first));
    let article_page = format!("/articles/{id}");
    for path in [
        "/",
        "/?q=avalanche&sort=newest",
        "/?q=&offset=5",
        article_page.as_str(),
        "/entities",
        entity_page.as_str(),
        "/outlets",
        "/corpus",
        "/login",
        "/static/style.css",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_hardened(&r, path);
        assert!(!r.body.contains("<script"), "{path} sends a script");
    }
    assert!(
        server.get(&entity_page).body.contains("<svg"),
        "the entity page has its chart"
    );

    // A PDF article's page drawing, with its boxes marked, served as an image.
    let pdf = server.json("/api/search?q=&source=samples/rail-freight-2022-05.pdf&limit=1");
    let pdf_id = pdf["hits"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let page_no = pdf["hits"][0]["article"]["source"]["first_page"]
        .as_u64()
        .unwrap();
    assert!(server
        .get(&format!("/articles/{pdf_id}"))
        .body
        .contains(&format!("/articles/{pdf_id}/pages/{page_no}")));
    let drawing = server.get(&format!("/articles/{pdf_id}/pages/{page_no}"));
    assert_eq!(drawing.status, 200, "{}", drawing.body);
    assert_eq!(drawing.header("content-type"), Some("image/svg+xml"));
    assert!(
        drawing.body.starts_with("<svg") && drawing.body.contains("#e67e00"),
        "the article's boxes are marked"
    );
    assert_eq!(
        server.get(&format!("/articles/{pdf_id}/pages/99")).status,
        404
    );
    let dump =
        server.json("/api/search?q=&source=samples/alpine-affairs-2020-11.seedlike.txt&limit=1");
    let dump_id = dump["hits"][0]["article"]["id"].as_str().unwrap();
    assert_eq!(
        server.get(&format!("/articles/{dump_id}/pages/1")).status,
        404,
        "no drawing for a text dump"
    );
    assert_eq!(server.get("/no/such/page").status, 404);
}

#[test]
fn reprints_collapse_and_outlets_show_who_copies_whom() {
    let dir = Dir::new();
    let p1 = "The regional council voted on Tuesday to close the old copper mine above the village of Arnfeld, ending two centuries of extraction in the valley.";
    let p2 = "Miners' representatives said they would appeal against the decision, which puts some four hundred jobs at risk across three neighbouring districts.";
    let rows = [
        ("Herald", "2020-10-01"),
        ("Courier", "2020-10-02"),
        ("Gazette", "2020-10-05"),
    ];
    let mut jsonl = String::new();
    for (outlet, date) in rows {
        jsonl.push_str(&json!({"title": "Mine", "outlet": outlet, "date": date, "body": format!("{p1}\n\n{p2}")}).to_string());
        jsonl.push('\n');
    }
    // A story of its own that also names copper, printed later.
    jsonl.push_str(&json!({"title": "Smelter", "outlet": "Ledger", "date": "2020-11-01",
        "body": "A copper smelter on the coast will close next spring, its owners said, after a decade of losses and a long dispute over the price of power."}).to_string());
    jsonl.push('\n');
    dir.create("mine.jsonl", jsonl.as_bytes());
    dir.expect(0, &["ingest", "mine.jsonl"]);
    let server = Server::start(&dir, &[]);
    let every = server.json("/api/search?q=copper");
    assert_eq!(every["total"], 4);
    // Pages of collapsed results: two stories, newest first, one a page.
    let first = server.json("/api/search?q=copper&collapse=true&sort=date&limit=1");
    let second = server.json("/api/search?q=copper&collapse=true&sort=date&limit=1&offset=1");
    assert_eq!(
        (first["total"].as_u64(), second["total"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(first["hits"][0]["article"]["outlet"], "Ledger");
    assert_eq!(first["hits"][0]["reprints"], 1);
    assert_eq!(second["hits"][0]["article"]["outlet"], "Herald");
    assert_eq!(second["hits"][0]["reprints"], 3);
    // When the earliest does not match, the group is shown by a member that does.
    let later = server.json("/api/search?q=copper&collapse=true&from=2020-10-02&to=2020-10-31");
    assert_eq!(later["total"], 1);
    let shown = later["hits"][0]["article"]["outlet"].as_str().unwrap();
    assert!(shown == "Courier" || shown == "Gazette", "{shown}");
    assert_eq!(later["hits"][0]["reprints"], 3);
    let cli: Value = serde_json::from_str(
        &dir.run(&[
            "search",
            "copper",
            "--collapse-reprints",
            "--from",
            "2020-10-02",
            "--to",
            "2020-10-31",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(cli["total"], later["total"]);
    let collapsed = server.json("/api/search?q=copper%20AND%20mine&collapse=true");
    assert_eq!(collapsed["total"], 1);
    assert_eq!(collapsed["hits"][0]["reprints"], 3);
    assert_eq!(
        collapsed["hits"][0]["article"]["outlet"], "Herald",
        "the earliest shows the story"
    );
    let cli: Value = serde_json::from_str(
        &dir.run(&[
            "search",
            "copper AND mine",
            "--collapse-reprints",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(cli["total"], collapsed["total"]);
    // The search page collapses by default and says how often the story was printed.
    let page = server.get("/?q=copper").body;
    assert!(page.contains("printed 3×"), "{page}");
    // The article page lists its reprints; the outlets page draws the copy network.
    let id = collapsed["hits"][0]["article"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let article = server.json(&format!("/api/articles/{id}"));
    let others: std::collections::BTreeSet<&str> = article["reuse"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["other"].as_str().unwrap())
        .collect();
    assert_eq!(
        others.len(),
        2,
        "shares passages with both reprints: {article}"
    );
    assert!(server
        .get(&format!("/articles/{id}"))
        .body
        .contains("Reprints and shared passages"));
    let outlets = server.get("/outlets").body;
    assert!(
        outlets.contains("Who copies whom") && outlets.contains("marker-end"),
        "{outlets}"
    );
}

#[test]
fn serve_refuses_a_public_address_without_a_token() {
    let dir = sample_corpus();
    let run = dir.run(&["serve", "--bind", "0.0.0.0:0"]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(run.stderr.contains("without a token"), "{}", run.stderr);
    let run = dir.run(&["serve", "--bind", "127.0.0.1:0", "--token", "short"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("16 characters"), "{}", run.stderr);
    let empty = Dir::new();
    let run = empty.run(&["serve", "--bind", "127.0.0.1:0"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a cuttings corpus") || run.stderr.contains("ingest"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_token_guards_every_request() {
    let dir = sample_corpus();
    let token = "correct horse battery staple";
    dir.create("token.txt", format!("{token}\n").as_bytes());
    let server = Server::start(&dir, &["--token-file", "token.txt"]);
    for path in ["/api/stats", "/", "/entities", "/api/openapi.json"] {
        let r = server.get(path);
        assert_eq!(r.status, 401, "{path}");
        assert_hardened(&r, path);
    }
    let bearer = format!("Bearer {token}");
    assert_eq!(
        server
            .get_with("/api/stats", &[("Authorization", &bearer)])
            .status,
        200
    );
    assert_eq!(
        server
            .get_with(
                "/api/stats",
                &[("Authorization", "Bearer correct horse battery stapler")]
            )
            .status,
        401
    );
    assert_eq!(
        server
            .get_with("/api/stats", &[("Cookie", "cuttings_token=wrong")])
            .status,
        401
    );
    // The login form sets a cookie that then opens the pages.
    assert_eq!(server.get("/login").status, 200);
    let bad = request(
        &server.addr,
        "POST",
        "/login",
        &[],
        Some(("application/x-www-form-urlencoded", b"token=nope")),
    );
    assert_eq!(bad.status, 401);
    let good = request(
        &server.addr,
        "POST",
        "/login",
        &[],
        Some((
            "application/x-www-form-urlencoded",
            format!("token={}", enc(token)).as_bytes(),
        )),
    );
    assert_eq!(good.status, 303, "{good:?}");
    let cookie = good.header("set-cookie").unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    assert_eq!(server.get_with("/", &[("Cookie", pair)]).status, 200);
}

#[test]
fn edits_need_the_flag_and_a_form_from_the_page() {
    let dir = sample_corpus();
    let top: Value = serde_json::from_str(
        &dir.run(&["entities", "--top", "2", "--format", "json"])
            .stdout,
    )
    .unwrap();
    let (a, b) = (
        top[0]["name"].as_str().unwrap().to_string(),
        top[1]["name"].as_str().unwrap().to_string(),
    );
    let form = |csrf: &str| format!("csrf={csrf}&action=merge&target={}&reason=test", enc(&b));
    {
        let server = Server::start(&dir, &[]);
        let page = server.get(&format!("/entities/{}", enc(&a))).body;
        assert!(
            !page.contains("<form class=\"edit\""),
            "no edit form when read-only"
        );
        let r = request(
            &server.addr,
            "POST",
            &format!("/entities/{}/alias", enc(&a)),
            &[],
            Some(("application/x-www-form-urlencoded", form("x").as_bytes())),
        );
        assert_eq!(r.status, 403);
    }
    let server = Server::start(&dir, &["--allow-edits"]);
    let page = server.get(&format!("/entities/{}", enc(&a))).body;
    let csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let post = |body: String, headers: &[(&str, &str)]| {
        request(
            &server.addr,
            "POST",
            &format!("/entities/{}/alias", enc(&a)),
            headers,
            Some(("application/x-www-form-urlencoded", body.as_bytes())),
        )
    };
    assert_eq!(
        post(form("0000"), &[]).status,
        403,
        "a wrong CSRF token is refused"
    );
    assert_eq!(
        post(form(&csrf), &[("Origin", "http://evil.example")]).status,
        403,
        "another site is refused"
    );
    let r = post(form(&csrf), &[]);
    assert_eq!(r.status, 303, "{}", r.body);
    let log = dir.run(&["alias", "list", "--format", "json"]);
    assert!(
        log.stdout.contains("merge") && log.stdout.contains(&b),
        "{}",
        log.stdout
    );

    // A split correction from the article page: one more article, logged as `fix` logs it.
    let before = server.json("/api/stats")["articles"].as_u64().unwrap();
    let hits = server.json("/api/search?q=&limit=100");
    let long = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["article"]["id"].as_str().unwrap().to_string())
        .find_map(|id| {
            let a = server.json(&format!("/api/articles/{id}"));
            let body = a["provenance"]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["field"] == "body")?
                .clone();
            let line = body["spans"].as_array()?.get(4)?["line"]
                .as_str()?
                .to_string();
            Some((id, line))
        });
    let (id, line) = long.expect("an article of five lines or more");
    let page = server.get(&format!("/articles/{id}")).body;
    assert!(
        page.contains("Split before this line"),
        "the article page offers corrections"
    );
    let body = format!("csrf={csrf}&action=split&value={}&reason=web", enc(&line));
    let r = request(
        &server.addr,
        "POST",
        &format!("/articles/{id}/fix"),
        &[],
        Some(("application/x-www-form-urlencoded", body.as_bytes())),
    );
    assert_eq!(r.status, 303, "{}", r.body);
    assert!(r.header("location").unwrap().starts_with("/articles/"));
    let after = server.json("/api/stats")["articles"].as_u64().unwrap();
    assert_eq!(after, before + 1);
    let fixes = dir.run(&["fix", "list", "--format", "jsonl"]);
    assert!(
        fixes.stdout.contains("\"split\"") && fixes.stdout.contains("web"),
        "{}",
        fixes.stdout
    );
    let bad = format!("csrf={csrf}&action=split&value=999999&reason=web");
    let r = request(
        &server.addr,
        "POST",
        &format!("/articles/{id}/fix"),
        &[],
        Some(("application/x-www-form-urlencoded", bad.as_bytes())),
    );
    assert_eq!(r.status, 400, "a line outside the article is refused");
}

#[test]
fn new_articles_appear_while_serving() {
    let dir = Dir::new();
    dir.expect(
        0,
        &["ingest", "samples/alpine-affairs-2020-11.seedlike.txt"],
    );
    let server = Server::start(&dir, &[]);
    let before = server.json("/api/stats")["articles"].as_u64().unwrap();
    dir.expect(0, &["ingest", "samples/"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let stats = server.json("/api/stats")["articles"].as_u64().unwrap();
        let found = server.json("/api/search?q=")["total"].as_u64().unwrap();
        if stats > before && found == stats {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still {stats} records and {found} in the index"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_slow_client_is_cut_off() {
    let dir = sample_corpus();
    let server = Server::start(&dir, &["--header-timeout", "1"]);
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let started = Instant::now();
    let mut buf = Vec::new();
    // The server answers 408 or just closes; either way the read ends long before 10 s.
    let _ = s.read_to_end(&mut buf);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "held for {:?}",
        started.elapsed()
    );
    // A body over the limit is refused.
    let big = vec![b'a'; 200_000];
    let r = request(
        &server.addr,
        "POST",
        "/entities/x/alias",
        &[],
        Some(("application/x-www-form-urlencoded", &big)),
    );
    assert_eq!(r.status, 413);
}

// ---------------------------------------------------------------------------------------------
// Hostile input

/// Articles whose every field tries to run a script or reach the terminal.
fn hostile_corpus() -> Dir {
    let dir = Dir::new();
    let rows = [
        json!({
            "title": "<script>window.__pwned=1</script>Headline <img src=x onerror=\"window.__pwned=2\">",
            "outlet": "<svg onload=\"window.__pwned=3\">Evil Times",
            "authors": ["\"><script>window.__pwned=4</script>"],
            "date": "2021-03-04",
            "body": "Maryam Rajavi said \"we will meet in Tirana\" on Monday, javascript:window.__pwned=5 here.\n\n<a href=\"javascript:window.__pwned=6\">click</a> and <svg><script>window.__pwned=7</script></svg>\n\nA bell \u{7} and escapes \u{1b}]0;owned\u{7}\u{1b}[31mred text\u{1b}[0m in Tirana.",
        }),
        json!({
            "title": "Second <iframe src=\"javascript:window.__pwned=8\"></iframe>",
            "outlet": "javascript:alert(1)",
            "date": "2021-03-05",
            "body": "The mayor of Tirana, Erion Veliaj, spoke to \"<b onmouseover=window.__pwned=9>reporters</b>\" about Maryam Rajavi.",
        }),
    ];
    let jsonl: String = rows.iter().map(|r| format!("{r}\n")).collect();
    dir.create("hostile.jsonl", jsonl.as_bytes());
    dir.create(
        "hostile.html",
        b"<html><head><title>Page &lt;script&gt;window.__pwned=10&lt;/script&gt;</title>\
          <script>window.__pwned=11</script></head><body onload=\"window.__pwned=12\">\
          <article><h1>Council &lt;img src=x onerror=window.__pwned=13&gt; vote</h1>\
          <p>The council of Tirana met on Monday &lt;script&gt;window.__pwned=14&lt;/script&gt; and voted.\
          It was a long meeting about the budget of the city and its schools and roads.</p>\
          <p><a href=\"javascript:window.__pwned=15\">a link</a> <svg><script>window.__pwned=16</script></svg>\
          <img src=x onerror=\"window.__pwned=17\"> More text about the budget follows here for length.</p>\
          </article></body></html>",
    );
    dir.expect(0, &["ingest", "hostile.jsonl", "hostile.html"]);
    dir
}

/// The pages a reader of the hostile corpus would open.
fn hostile_paths(server: &Server) -> Vec<String> {
    let all = server.json("/api/search?q=&limit=50");
    let mut paths = vec![
        "/".to_string(),
        "/?q=Tirana".into(),
        "/outlets".into(),
        "/corpus".into(),
        "/entities".into(),
    ];
    for h in all["hits"].as_array().unwrap() {
        paths.push(format!(
            "/articles/{}",
            h["article"]["id"].as_str().unwrap()
        ));
        if let Some(o) = h["article"]["outlet"].as_str() {
            paths.push(format!("/?outlet={}", enc(o)));
        }
    }
    for e in server.json("/api/entities?top=20").as_array().unwrap() {
        paths.push(format!("/entities/{}", enc(e["name"].as_str().unwrap())));
    }
    paths
}

#[test]
fn hostile_text_is_escaped_in_every_page() {
    let dir = hostile_corpus();
    let server = Server::start(&dir, &[]);
    let paths = hostile_paths(&server);
    assert!(paths.len() >= 10, "{paths:?}");
    for path in &paths {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        let lower = r.body.to_lowercase();
        for bad in [
            "<script",
            "<img src=x",
            "<svg onload",
            "<iframe",
            "onerror=\"",
            "href=\"javascript:",
            "<b onmouseover",
            "\u{1b}",
            "\u{7}",
        ] {
            assert!(!lower.contains(bad), "{path} carries {bad:?}");
        }
    }
    let article = server.get(&paths[5]).body;
    assert!(
        article.contains("&lt;script&gt;") || article.contains("&lt;"),
        "text is shown escaped, not dropped"
    );
}

// ---------------------------------------------------------------------------------------------
// Headless Chromium through WebDriver

/// A chromedriver and one Chromium session, ended on drop.
struct Browser {
    driver: Child,
    addr: String,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// `None` (with a note) when chromium or chromedriver is missing, unless
    /// CUTTINGS_REQUIRE_BROWSER=1 says the run must have them.
    fn start() -> Option<Browser> {
        let (chromium, driver) = ("/usr/bin/chromium", "/usr/bin/chromedriver");
        if !std::path::Path::new(chromium).exists() || !std::path::Path::new(driver).exists() {
            assert!(
                std::env::var("CUTTINGS_REQUIRE_BROWSER").as_deref() != Ok("1"),
                "CUTTINGS_REQUIRE_BROWSER=1 but {chromium} or {driver} is missing (apt-get install chromium chromium-driver)"
            );
            eprintln!("SKIPPED: the browser tests need Debian's chromium and chromium-driver");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = std::process::Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let addr = format!("127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(&addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1200,1500",
                format!("--user-data-dir={}", profile.path().display()),
            ]}
        }}});
        let mut b = Browser {
            driver: child,
            addr,
            session: String::new(),
            _profile: profile,
        };
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Some(b)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let bytes = body.map(|b| b.to_string().into_bytes());
        let r = request(
            &self.addr,
            method,
            path,
            &[],
            bytes.as_deref().map(|b| ("application/json", b)),
        );
        let v: Value =
            serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{method} {path}: {}", r.body));
        v["value"].clone()
    }

    fn session(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    fn goto(&self, url: &str) {
        self.session("POST", "/url", Some(json!({"url": url})));
    }

    fn find(&self, css: &str) -> Option<String> {
        let v = self.session(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_object()?.values().next()?.as_str().map(str::to_string)
    }

    fn click(&self, css: &str) {
        let el = self
            .find(css)
            .unwrap_or_else(|| panic!("no {css} on {}", self.url()));
        self.session("POST", &format!("/element/{el}/click"), Some(json!({})));
    }

    fn script(&self, js: &str) -> Value {
        self.session(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
    }

    fn url(&self) -> String {
        self.session("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn no_alert(&self) -> bool {
        let v = self.session("GET", "/alert/text", None);
        v["error"].as_str() == Some("no such alert")
    }

    /// Saves a screenshot for review under target/tmp/screenshots.
    fn screenshot(&self, name: &str) {
        let v = self.session("GET", "/screenshot", None);
        let png = base64(v.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.call("DELETE", &format!("/session/{}", self.session), None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = s.bytes().filter_map(val).collect();
    sextets
        .chunks(4)
        .flat_map(|c| {
            let n = c.iter().fold(0u32, |acc, &x| (acc << 6) | u32::from(x)) << (6 * (4 - c.len()));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

#[test]
fn a_reader_searches_opens_an_article_and_an_entity_with_its_chart() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let dir = sample_corpus();
    let server = Server::start(&dir, &[]);
    let base = format!("http://{}", server.addr);
    let top = server.json("/api/entities?top=1")[0]["name"]
        .as_str()
        .unwrap()
        .to_string();

    browser.goto(&format!("{base}/?entity={}", enc(&top)));
    browser.screenshot("search");
    let shown = browser.script("return document.querySelectorAll('li.hit').length");
    assert!(shown.as_u64().unwrap() >= 1, "hits for entity {top}");
    // Facets are links that filter.
    let facet_links = browser.script("return document.querySelectorAll('aside.facets a').length");
    assert!(facet_links.as_u64().unwrap() >= 3);

    browser.click("li.hit a.title");
    assert!(browser.url().contains("/articles/"), "{}", browser.url());
    assert!(
        browser.find("div.body a.mention").is_some(),
        "names are marked in the body"
    );
    browser.screenshot("article");

    browser.click("div.body a.mention");
    assert!(browser.url().contains("/entities/"), "{}", browser.url());
    let bars = browser.script("return document.querySelectorAll('svg.chart rect.bar').length");
    assert!(bars.as_u64().unwrap() >= 1, "the entity's chart has bars");
    browser.screenshot("entity");

    for (name, path) in [
        ("outlets", "/outlets"),
        ("corpus", "/corpus"),
        ("entities", "/entities"),
    ] {
        browser.goto(&format!("{base}{path}"));
        assert!(browser.find("h1").is_some());
        browser.screenshot(name);
    }

    // At phone width nothing runs off the side.
    browser.session(
        "POST",
        "/window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    for (name, path) in [("search-phone", "/?q=rail"), ("article-phone", "")] {
        if !path.is_empty() {
            browser.goto(&format!("{base}{path}"));
        } else {
            browser.click("li.hit a.title");
        }
        let overflow =
            browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assert!(
            overflow.as_i64().unwrap() <= 1,
            "{name}: {overflow} px too wide"
        );
        browser.screenshot(name);
    }
}

#[test]
fn nothing_from_hostile_articles_runs_in_the_browser() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let dir = hostile_corpus();
    let server = Server::start(&dir, &[]);
    let base = format!("http://{}", server.addr);
    for path in hostile_paths(&server) {
        browser.goto(&format!("{base}{path}"));
        // Click every link the page offers from ingested text, in case one runs script.
        let state = browser.script(
            "return {pwned: window.__pwned === undefined ? null : window.__pwned, \
             scripts: document.scripts.length, \
             handlers: document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').length, \
             js_links: Array.from(document.querySelectorAll('a[href],iframe[src]')).filter(a => /^\\s*javascript:/i.test(a.getAttribute('href') || a.getAttribute('src') || '')).length}",
        );
        assert_eq!(
            state,
            json!({"pwned": null, "scripts": 0, "handlers": 0, "js_links": 0}),
            "{path}"
        );
        assert!(browser.no_alert(), "{path} raised an alert");
    }
    browser.goto(&format!("{base}/?q=Tirana"));
    browser.screenshot("hostile-search");
}

/// Issue #17: `serve --max-query-depth` bounds the nesting of searches as `search` does; by
/// default the same query is answered.
#[test]
fn issue17_serve_takes_the_query_depth_limit() {
    let dir = Dir::new();
    dir.expect(
        0,
        &["ingest", "--quiet", "samples/coastal-energy-2019-03.txt"],
    );
    let query = format!("/api/search?q={}", enc("((((wind))))"));
    let server = Server::start(&dir, &[]);
    assert_eq!(server.get(&query).status, 200);
    drop(server);
    let server = Server::start(&dir, &["--max-query-depth", "3"]);
    let r = server.get(&query);
    assert_eq!(r.status, 400, "{}", r.body);
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["code"], "bad_query");
    assert!(
        v["message"]
            .as_str()
            .is_some_and(|m| m.contains("nested deeper than 3")),
        "{}",
        r.body
    );
}
