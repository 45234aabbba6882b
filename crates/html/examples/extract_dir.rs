//! Extracts every `*.html` page of a folder and prints one JSON line per page:
//! `{"id", "title", "date", "outlet", "authors", "body", "ms"}` (`ms`: decode + extract time).
//!
//! Used by `bench/web.sh`; `cargo run --release -p cuttings-html --example extract_dir -- DIR`.

use std::io::Write;
use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: extract_dir DIR");
        std::process::exit(2);
    };
    let mut paths: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect(),
        Err(e) => {
            eprintln!("extract_dir: {dir}: {e}");
            std::process::exit(2);
        }
    };
    paths.sort();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for p in paths {
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let t = Instant::now();
        let decoded = cuttings_html::decode(&p.display().to_string(), &bytes, None);
        let page = decoded
            .as_ref()
            .map(|src| cuttings_html::extract(src, None))
            .map_err(|e| e.to_string());
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if let (Ok(src), Ok(page)) = (&decoded, &page) {
            // The provenance invariant, checked on every page (outside the timing).
            for &(b, s, l) in &page.body.map.runs {
                if page.body.text.get(b..b + l) != src.text.get(s..s + l) {
                    eprintln!(
                        "extract_dir: {id}: body run {b}+{l} <- {s} does not match the source"
                    );
                }
            }
        }
        let rec = match page {
            Ok(page) => serde_json::json!({
                "id": id,
                "title": page.title.map(|f| f.value),
                "date": page.date.map(|d| d.0.to_string()),
                "outlet": page.outlet.map(|f| f.value),
                "authors": page.authors.into_iter().map(|f| f.value).collect::<Vec<_>>(),
                "body": page.body.text,
                "ms": ms,
            }),
            Err(e) => serde_json::json!({"id": id, "error": e, "body": "", "ms": ms}),
        };
        if writeln!(out, "{rec}").is_err() {
            return;
        }
    }
}
