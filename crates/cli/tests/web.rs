//! End-to-end tests of web pages and feeds (issue #4): `ingest` of HTML files and URLs, and
//! `watch --once` against a local HTTP server on 127.0.0.1 serving feeds, 304s, redirects, a
//! redirect loop, a slow host, 500s, binary served as HTML and a missing feed. No network beyond
//! loopback.

mod util;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use util::Dir;

/// One canned response.
#[derive(Clone)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Reply {
    fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }
    fn status(status: u16) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }
    fn redirect(to: &str) -> Reply {
        let mut r = Reply::status(302);
        r.headers.push(("Location".into(), to.into()));
        r
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
}

/// A tiny HTTP/1.1 server: one thread per connection, `Connection: close`.
struct Server {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

fn handle(stream: TcpStream, routes: &HashMap<String, Reply>, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    log.lock().unwrap().push(Seen {
        path: path.clone(),
        headers: headers.clone(),
    });
    let mut reply = routes.get(&path).cloned().unwrap_or(Reply::status(404));
    // Conditional GET on anything that has an ETag.
    if let Some(etag) = reply
        .headers
        .iter()
        .find(|(k, _)| k == "ETag")
        .map(|(_, v)| v.clone())
    {
        if headers.get("if-none-match") == Some(&etag) {
            reply = Reply::status(304);
        }
    }
    std::thread::sleep(reply.delay);
    let mut out = stream;
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&reply.body);
}

fn page(title: &str, date: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title} | Test Gazette</title>\
         <meta property=\"og:site_name\" content=\"Test Gazette\">\
         <meta property=\"article:published_time\" content=\"{date}\"></head>\
         <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>{title}</h1>{body}</article>\
         <footer>Copyright Test Gazette</footer></body></html>"
    )
}

const P1: &str = "The ferries that cross the estuary stayed in port on Friday, as the wind rose over the hills and the harbour master closed the quay.";
const P2: &str = "Crossings should resume on Saturday morning, weather permitting, and tickets for Friday remain valid on any sailing over the weekend.";

fn rss(server_base: &str) -> String {
    let item = |id: &str, link: &str, content: Option<&str>| {
        let desc = content
            .map(|c| format!("<description><![CDATA[<p>{c}</p><p>{P2}</p>]]></description>"))
            .unwrap_or_default();
        format!("<item><title>Item {id}</title><guid>{id}</guid><link>{server_base}{link}</link><pubDate>Tue, 05 Mar 2019 10:00:00 CET</pubDate>{desc}</item>")
    };
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Test feed</title>{}{}{}{}{}{}{}</channel></rss>",
        item("ferries", "/news/ferries", None),
        item("moved", "/news/old-address", None),
        item("loop", "/loop/a", Some("A redirect loop keeps this page out of reach, so the feed's own words stand in for it, as they should.")),
        item("binary", "/news/image", Some("The server sends an image where the page should be, so the feed's own words are stored instead of it.")),
        item("slow", "/news/slow", Some("The host answers too slowly for the timeout, so the feed's own words are stored instead of the page.")),
        item("broken", "/news/broken", None),
        item("huge", "/news/huge", Some("The page is larger than the size limit, so the feed's own words are stored instead of the page itself.")),
    )
}

fn server() -> Server {
    // Feeds link to absolute URLs, so the port is needed before the routes are made.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let mut routes: HashMap<String, Reply> = HashMap::new();
    let mut feed = Reply::ok("application/rss+xml", rss(&base));
    feed.headers.push(("ETag".into(), "\"v1\"".into()));
    routes.insert("/feed.xml".into(), feed);
    routes.insert(
        "/feed.json".into(),
        Reply::ok(
            "application/feed+json",
            format!(
                r#"{{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{{"id":"j1","url":"{base}/news/json-item","date_published":"2019-03-06T10:00:00Z"}}]}}"#
            ),
        ),
    );
    routes.insert(
        "/news/ferries".into(),
        Reply::ok(
            "text/html; charset=utf-8",
            page("Ferries stay in port", "2019-03-05T09:00:00Z", &[P1, P2]),
        ),
    );
    routes.insert("/news/old-address".into(), Reply::redirect("/news/moved"));
    routes.insert(
        "/news/moved".into(),
        Reply::ok(
            "text/html",
            page(
                "Library opens on Sundays",
                "2019-03-04",
                &[
                    "The town library will open on Sunday afternoons from April, the council said on Monday, after a petition signed by many families.",
                    "The trial will last six months, and two more staff will be hired to cover the extra hours without changing Saturday opening.",
                ],
            ),
        ),
    );
    routes.insert(
        "/news/json-item".into(),
        Reply::ok(
            "text/html",
            page(
                "Choir wins national prize",
                "2019-03-06",
                &[
                    "The school choir won the national prize on Saturday, singing three pieces that its own pupils had arranged over the winter months.",
                    "Its conductor said the prize money would pay for a trip abroad next summer, the first one since the choir was founded.",
                ],
            ),
        ),
    );
    routes.insert("/loop/a".into(), Reply::redirect("/loop/b"));
    routes.insert("/loop/b".into(), Reply::redirect("/loop/a"));
    routes.insert(
        "/news/image".into(),
        Reply::ok(
            "text/html",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary".to_vec(),
        ),
    );
    let mut slow = Reply::ok("text/html", page("Slow", "2019-03-05", &[P1]));
    slow.delay = Duration::from_secs(3);
    routes.insert("/news/slow".into(), slow);
    routes.insert("/news/broken".into(), Reply::status(500));
    let huge = page("Huge", "2019-03-05", &[&P1.repeat(3000)]);
    routes.insert("/news/huge".into(), Reply::ok("text/html", huge));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let routes = Arc::new(routes);
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let routes = routes.clone();
            let log = log.clone();
            std::thread::spawn(move || handle(stream, &routes, &log));
        }
    });
    Server { port, seen }
}

#[test]
fn watch_once_feeds_304_redirects_and_failures() {
    let srv = server();
    let dir = Dir::new();
    dir.create(
        "feeds.txt",
        format!(
            "# test feeds\n{}\n{}\n{}\n",
            srv.url("/feed.xml"),
            srv.url("/feed.json"),
            srv.url("/missing.xml")
        )
        .as_bytes(),
    );
    let args = [
        "watch",
        "--corpus",
        "corpus",
        "feeds.txt",
        "--once",
        "--timeout",
        "1",
        "--delay",
        "0",
        "--retries",
        "1",
        "--max-size",
        "200000",
    ];
    let run = dir.expect(2, &args);
    let err = &run.stderr;
    // One log line per fetch.
    assert!(
        err.contains(&format!("GET {} -> 200", srv.url("/feed.xml"))),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "GET {} -> error: HTTP 404",
            srv.url("/missing.xml")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "GET {} -> error: HTTP 500",
            srv.url("/news/broken")
        )),
        "{err}"
    );
    assert!(err.contains("storing the feed's own content"), "{err}");
    assert!(
        err.contains(&format!(
            "GET {} -> error: too large",
            srv.url("/news/huge")
        )),
        "{err}"
    );
    assert!(err.contains("too many redirects"), "{err}");
    // Retried once after a 500.
    assert_eq!(srv.requests("/news/broken").len(), 2);
    // A User-Agent naming cuttings.
    let ua = &srv.requests("/feed.xml")[0].headers["user-agent"];
    assert!(ua.starts_with("cuttings/"), "{ua}");

    let articles = dir.articles(&["--corpus", "corpus"]);
    let mut titles: Vec<&str> = articles.iter().filter_map(|a| a.title.as_deref()).collect();
    titles.sort_unstable();
    assert_eq!(
        titles,
        [
            "Choir wins national prize",
            "Ferries stay in port",
            "Item binary",
            "Item huge",
            "Item loop",
            "Item slow",
            "Library opens on Sundays",
        ]
    );
    let ferries = articles
        .iter()
        .find(|a| a.title.as_deref() == Some("Ferries stay in port"))
        .unwrap();
    assert_eq!(ferries.outlet.as_deref(), Some("Test Gazette"));
    assert_eq!(ferries.date.as_deref(), Some("2019-03-05"));
    assert_eq!(ferries.body, format!("{P1}\n\n{P2}"));
    assert_eq!(ferries.source.path, srv.url("/news/ferries"));
    // The redirected page is stored under its final URL.
    assert!(articles
        .iter()
        .any(|a| a.source.path == srv.url("/news/moved")));
    // Fallback items carry the feed's date (CET read as +01:00).
    let slow = articles
        .iter()
        .find(|a| a.title.as_deref() == Some("Item slow"))
        .unwrap();
    assert_eq!(slow.date.as_deref(), Some("2019-03-05"));
    assert!(slow.source.path.ends_with("/feed.xml#slow"));

    // Second pass: the feed answers 304, nothing is added, state survived the restart.
    let run = dir.expect(2, &args);
    assert!(
        run.stderr
            .contains(&format!("GET {} -> 304 not modified", srv.url("/feed.xml"))),
        "{}",
        run.stderr
    );
    assert_eq!(
        srv.requests("/feed.xml")[1]
            .headers
            .get("if-none-match")
            .map(String::as_str),
        Some("\"v1\"")
    );
    assert_eq!(srv.requests("/news/ferries").len(), 1);
    assert!(run.stderr.contains("0 articles added"), "{}", run.stderr);
    assert_eq!(dir.articles(&["--corpus", "corpus"]).len(), 7);
    assert!(dir.path().join("corpus/watch-state.json").is_file());
}

#[test]
fn watch_works_offline_on_local_feeds() {
    let dir = Dir::new();
    dir.create(
        "local/pages/one.html",
        page("Local page one", "2020-02-02", &[P1, P2]).as_bytes(),
    );
    dir.create(
        "local/feed.xml",
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>L</title>\
             <item><title>One</title><guid>one</guid><link>pages/one.html</link></item>\
             <item><title>Unreachable</title><guid>two</guid><link>http://127.0.0.1:9/nothing</link>\
             <description>&lt;p&gt;{P1}&lt;/p&gt;</description></item>\
             </channel></rss>"
        )
        .as_bytes(),
    );
    dir.create("feeds.txt", b"local/feed.xml\n");
    let run = dir.expect(
        0,
        &[
            "watch",
            "--corpus",
            "c",
            "feeds.txt",
            "--once",
            "--timeout",
            "1",
            "--retries",
            "0",
        ],
    );
    assert!(run.stderr.contains("2 articles added"), "{}", run.stderr);
    let titles: Vec<String> = dir
        .articles(&["--corpus", "c"])
        .into_iter()
        .filter_map(|a| a.title)
        .collect();
    assert!(titles.contains(&"Local page one".to_string()), "{titles:?}");
    assert!(titles.contains(&"Unreachable".to_string()), "{titles:?}");
}

#[test]
fn ingest_urls_and_html_files() {
    let srv = server();
    let dir = Dir::new();
    let url = srv.url("/news/ferries");
    dir.expect(0, &["ingest", "--corpus", "c", &url]);
    let a = dir.articles(&["--corpus", "c"]);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].source.path, url);
    assert_eq!(a[0].language.as_deref(), Some("en"));

    // A failing URL is reported and the rest goes on.
    dir.create(
        "saved/page.html",
        page("Saved page", "2021-01-02", &[P1, P2]).as_bytes(),
    );
    dir.create("saved/broken.htm", b"\x89PNG\r\n\x1a\nnot a page");
    let run = dir.expect(
        2,
        &["ingest", "--corpus", "c", "saved", &srv.url("/news/broken")],
    );
    assert!(run.stderr.contains("HTTP 500"), "{}", run.stderr);
    assert!(
        run.stderr.contains("broken.htm: binary data"),
        "{}",
        run.stderr
    );
    let a = dir.articles(&["--corpus", "c", "--source", "saved/page.html"]);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].title.as_deref(), Some("Saved page"));
    assert_eq!(a[0].date.as_deref(), Some("2021-01-02"));

    // Provenance: show reads the page back and prints the spans' text.
    let run = dir.expect(0, &["show", "--corpus", "c", &a[0].id]);
    assert!(run.stdout.contains("Saved page"), "{}", run.stdout);
    assert!(run.stdout.contains("sha256 matches"), "{}", run.stdout);
}
