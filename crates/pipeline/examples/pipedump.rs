//! Development aid: runs the whole pipeline on one file and prints the articles as JSON lines in
//! the shape `../shared/eval/score-digests.py` reads (title, subtitle, date, outlet, authors,
//! body).
//!
//! `cargo run -p cuttings-pipeline --example pipedump -- FILE`
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn opt(s: Option<&str>) -> String {
    s.map(esc).unwrap_or_else(|| "null".into())
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: pipedump FILE");
    let src = cuttings_pipeline::read_file(
        std::path::Path::new(&path),
        cuttings_read::DEFAULT_MAX_BYTES,
    )
    .expect("read");
    let out = cuttings_pipeline::process(&src);
    for a in &out.articles {
        let authors: Vec<String> = a.authors.iter().map(|x| esc(x)).collect();
        println!(
            "{{\"title\": {}, \"subtitle\": {}, \"date\": {}, \"outlet\": {}, \"authors\": [{}], \"body\": {}}}",
            opt(a.title.as_deref()),
            opt(a.subtitle.as_deref()),
            a.date
                .map(|d| format!("\"{d}\""))
                .unwrap_or_else(|| "null".into()),
            opt(a.outlet.as_deref()),
            authors.join(", "),
            esc(&a.body)
        );
    }
}
