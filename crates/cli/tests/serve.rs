//! End-to-end tests of `cuttings serve` (issue #14): the real binary on a temporary corpus, spoken
//! to over loopback HTTP; and, when Debian's chromium and chromium-driver are installed (`.ci/run`
//! installs them and sets CUTTINGS_REQUIRE_BROWSER=1), the pages in headless Chromium through
//! WebDriver: search, article, entity and its chart, with one screenshot per page, and hostile
//! articles whose scripts must not run.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use util::Dir;

/// A running `cuttings serve`, stopped on drop.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(dir: &Dir, extra: &[&str]) -> Server {
        let mut args = vec!["serve", "--bind", "127.0.0.1:0"];
        args.extend_from_slice(extra);
        let mut child = dir
            .command(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim();
        assert!(
            url.starts_with("http://127.0.0.1:") && url.ends_with('/'),
            "the first line is the address: {line:?}"
        );
        Server {
            child,
            addr: url
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string(),
        }
    }

    fn get(&self, path: &str) -> Reply {
        request(&self.addr, "GET", path, &[], None)
    }

    fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        request(&self.addr, "GET", path, headers, None)
    }

    fn json(&self, path: &str) -> Value {
        let r = self.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.body);
        serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("GET {path}: {e}: {}", r.body))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`).
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &[u8])>,
) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some((kind, bytes)) = body {
        head.push_str(&format!(
            "Content-Type: {kind}\r\nContent-Length: {}\r\n",
            bytes.len()
        ));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    if let Some((_, bytes)) = body {
        s.write_all(bytes).unwrap();
    }
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete answer");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut payload = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        payload = dechunk(&payload);
    }
    Reply {
        status,
        headers,
        body: String::from_utf8(payload).unwrap(),
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

/// The percent-encoding of a query value.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

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
    dir.create("mine.jsonl", jsonl.as_bytes());
    dir.expect(0, &["ingest", "mine.jsonl"]);
    let server = Server::start(&dir, &[]);
    let every = server.json("/api/search?q=copper");
    assert_eq!(every["total"], 3);
    let collapsed = server.json("/api/search?q=copper&collapse=true");
    assert_eq!(collapsed["total"], 1);
    assert_eq!(collapsed["hits"][0]["reprints"], 3);
    assert_eq!(
        collapsed["hits"][0]["article"]["outlet"], "Herald",
        "the earliest shows the story"
    );
    let cli: Value = serde_json::from_str(
        &dir.run(&[
            "search",
            "copper",
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
