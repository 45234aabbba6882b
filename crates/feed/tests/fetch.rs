//! The fetcher against a local server on 127.0.0.1: per-host delay, conditional GET, size limit,
//! retries with backoff, redirect loops. No network beyond loopback.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cuttings_feed::{FetchConfig, Fetched, Fetcher, Validators};

/// Serves `reply(path, if_none_match, hit_number)` as (status, extra headers, body).
fn serve(
    reply: impl Fn(&str, Option<&str>, usize) -> (u16, Vec<(String, String)>, Vec<u8>)
        + Send
        + Sync
        + 'static,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let reply = Arc::new(reply);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let reply = reply.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let mut inm = None;
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.split_once(':') {
                        if k.eq_ignore_ascii_case("if-none-match") {
                            inm = Some(v.trim().to_string());
                        }
                    }
                }
                let (status, headers, body) = reply(&path, inm.as_deref(), n);
                let mut head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    (base, hits)
}

fn config() -> FetchConfig {
    FetchConfig {
        timeout: Duration::from_secs(2),
        max_bytes: 1000,
        retries: 2,
        backoff: Duration::from_millis(50),
        per_host_delay: Duration::ZERO,
        max_redirects: 3,
    }
}

#[test]
fn conditional_get_and_validators() {
    let (base, _) = serve(|_, inm, _| {
        if inm == Some("\"e1\"") {
            (304, vec![], vec![])
        } else {
            (
                200,
                vec![
                    ("ETag".into(), "\"e1\"".into()),
                    (
                        "Last-Modified".into(),
                        "Tue, 05 Mar 2019 10:00:00 GMT".into(),
                    ),
                ],
                b"<rss/>".to_vec(),
            )
        }
    });
    let f = Fetcher::new(config());
    let Fetched::Body(b) = f.get(&format!("{base}/feed"), None).unwrap() else {
        panic!("expected a body")
    };
    assert_eq!(b.validators.etag.as_deref(), Some("\"e1\""));
    assert_eq!(
        b.validators.last_modified.as_deref(),
        Some("Tue, 05 Mar 2019 10:00:00 GMT")
    );
    assert!(matches!(
        f.get(&format!("{base}/feed"), Some(&b.validators)).unwrap(),
        Fetched::NotModified
    ));
    let other = Validators {
        etag: Some("\"old\"".into()),
        last_modified: None,
    };
    assert!(matches!(
        f.get(&format!("{base}/feed"), Some(&other)).unwrap(),
        Fetched::Body(_)
    ));
}

#[test]
fn retries_with_backoff_then_succeeds() {
    let (base, hits) = serve(|_, _, n| {
        if n < 2 {
            (503, vec![], vec![])
        } else {
            (200, vec![], b"ok".to_vec())
        }
    });
    let f = Fetcher::new(config());
    let t = Instant::now();
    assert!(matches!(
        f.get(&format!("{base}/x"), None).unwrap(),
        Fetched::Body(_)
    ));
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    // 50 ms then 100 ms of backoff.
    assert!(t.elapsed() >= Duration::from_millis(150));
}

#[test]
fn errors_are_clear_and_not_retried_when_permanent() {
    let (base, hits) = serve(|path, _, _| match path {
        "/big" => (200, vec![], vec![b'x'; 5000]),
        "/loop" => (302, vec![("Location".into(), "/loop".into())], vec![]),
        _ => (404, vec![], vec![]),
    });
    let f = Fetcher::new(config());
    let e = f.get(&format!("{base}/big"), None).unwrap_err().to_string();
    assert!(e.contains("too large"), "{e}");
    let e = f
        .get(&format!("{base}/missing"), None)
        .unwrap_err()
        .to_string();
    assert!(e.ends_with("HTTP 404"), "{e}");
    let before = hits.load(Ordering::SeqCst);
    let e = f
        .get(&format!("{base}/loop"), None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("redirect"), "{e}");
    // The initial request and three redirects, no retries.
    assert_eq!(hits.load(Ordering::SeqCst) - before, 4);
}

#[test]
fn redirects_are_followed_but_never_to_files() {
    let (base, _) = serve(|path, _, _| match path {
        "/a" => (301, vec![("Location".into(), "/b".into())], vec![]),
        "/b" => (200, vec![], b"<html>moved here</html>".to_vec()),
        "/file" => (
            302,
            vec![("Location".into(), "file:///etc/passwd".into())],
            vec![],
        ),
        _ => (404, vec![], vec![]),
    });
    let f = Fetcher::new(config());
    match f.get(&format!("{base}/a"), None).unwrap() {
        Fetched::Body(b) => {
            assert_eq!(b.bytes, b"<html>moved here</html>");
            assert_eq!(b.final_url, format!("{base}/b"));
        }
        other => panic!("{other:?}"),
    }
    let e = f
        .get(&format!("{base}/file"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("redirected to file:///etc/passwd") && e.contains("only to http and https"),
        "{e}"
    );
}

#[test]
fn per_host_delay() {
    let (base, _) = serve(|_, _, _| (200, vec![], b"ok".to_vec()));
    let f = Fetcher::new(FetchConfig {
        per_host_delay: Duration::from_millis(300),
        ..config()
    });
    let t = Instant::now();
    for _ in 0..3 {
        f.get(&format!("{base}/x"), None).unwrap();
    }
    assert!(
        t.elapsed() >= Duration::from_millis(600),
        "{:?}",
        t.elapsed()
    );
}
