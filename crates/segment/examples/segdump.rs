//! Development aid: prints a digest's drafts as JSON lines (naive body join), for the scorer.
//!
//! `cargo run -p cuttings-segment --example segdump -- FILE [--dropped]`
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("read");
    let src = cuttings_read::decode(&args[1], &bytes).expect("decode");
    let layout = cuttings_read::layout(&src);
    let seg = cuttings_segment::segment(&src, &layout);
    if args.iter().any(|a| a == "--dropped") {
        for d in &seg.dropped {
            eprintln!(
                "DROP p{} {:>14} | {}",
                d.page,
                d.reason.as_str(),
                src.slice(d.span)
            );
        }
    }
    for d in &seg.drafts {
        let mut body = String::new();
        for l in &d.body {
            let t = src.slice(l.span);
            if l.gap_before && !body.is_empty() {
                body.push_str("\n\n");
            } else if body.ends_with('-') && t.starts_with(|c: char| c.is_lowercase()) {
                body.pop();
            } else if !body.is_empty() {
                body.push(' ');
            }
            body.push_str(t);
        }
        let authors: Vec<String> = d.authors.iter().map(|a| esc(&a.value)).collect();
        println!(
            "{{\"title\": {}, \"date\": {}, \"outlet\": {}, \"authors\": [{}], \"body\": {}}}",
            d.title
                .as_ref()
                .map(|t| esc(&t.value))
                .unwrap_or("null".into()),
            d.date
                .map(|(d, _)| format!("\"{d}\""))
                .unwrap_or("null".into()),
            d.outlet
                .as_ref()
                .map(|t| esc(&t.value))
                .unwrap_or("null".into()),
            authors.join(", "),
            esc(&body)
        );
    }
}
