//! Links the articles of a JSON Lines file (the keys of `cuttings articles --format jsonl`; `id`
//! and `body` are read) and prints one JSON line per linked pair, with character offsets, as
//! `cuttings reuse pairs --format jsonl` does; then a last line
//! `{"summary": {"articles", "pairs", "seconds", "peak_rss_mb"}}`.
//! Used by `bench/reuse.sh` for quality and speed.
//!
//! ```sh
//! cargo run --release -p cuttings-link --example link_jsonl -- articles.jsonl > pairs.jsonl
//! ```

use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;

use cuttings_link::{link, ArticleId, Doc, LinkConfig};

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: link_jsonl ARTICLES.jsonl");
    let file = std::fs::File::open(&path).expect("open the articles");
    let mut ids = Vec::new();
    let mut bodies = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read a line");
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON object per line");
        ids.push(ArticleId(v["id"].as_str().expect("id").to_string()));
        bodies.push(v["body"].as_str().expect("body").to_string());
    }
    let started = Instant::now();
    let docs: Vec<Doc> = ids
        .iter()
        .zip(&bodies)
        .map(|(id, body)| Doc { id, body })
        .collect();
    // LINK_NGRAM, LINK_WINDOW, LINK_MIN_SHARED, LINK_MAX_DF override the defaults (for tuning).
    let mut cfg = LinkConfig::default();
    let env = |name: &str, v: &mut usize| {
        if let Some(x) = std::env::var(name).ok().and_then(|x| x.parse().ok()) {
            *v = x;
        }
    };
    env("LINK_NGRAM", &mut cfg.ngram);
    env("LINK_WINDOW", &mut cfg.window);
    env("LINK_MIN_SHARED", &mut cfg.min_shared);
    env("LINK_MAX_DF", &mut cfg.max_df);
    let links = link(&docs, &cfg);
    let seconds = started.elapsed().as_secs_f64();
    let body_of: std::collections::HashMap<&ArticleId, &str> =
        ids.iter().zip(bodies.iter().map(String::as_str)).collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for l in &links {
        let (ba, bb) = (body_of[&l.a], body_of[&l.b]);
        let passages: Vec<serde_json::Value> = l
            .passages
            .iter()
            .map(|p| {
                serde_json::json!({
                    "a_start": char_offset(ba, p.a.start), "a_end": char_offset(ba, p.a.end),
                    "b_start": char_offset(bb, p.b.start), "b_end": char_offset(bb, p.b.end),
                    "words": p.words,
                })
            })
            .collect();
        let v = serde_json::json!({
            "a": l.a.0, "b": l.b.0, "kind": l.kind.as_str(), "words": l.words,
            "share_a": l.share_a, "share_b": l.share_b, "passages": passages,
        });
        writeln!(out, "{v}").expect("write");
    }
    let summary = serde_json::json!({"summary": {
        "articles": ids.len(), "pairs": links.len(), "seconds": seconds, "peak_rss_mb": peak_rss_mb(),
    }});
    writeln!(out, "{summary}").expect("write");
}
