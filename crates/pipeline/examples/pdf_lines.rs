//! Development aid: how a PDF was read and segmented, one text line per printed line: page,
//! block, column, box, type, and its role (title, date, outlet, author, body, dropped reason).
//!
//! `cargo run --release -p cuttings-pipeline --example pdf_lines -- FILE.pdf [PAGE]`
use cuttings_model::Span;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: pdf_lines FILE.pdf [PAGE]");
    let only: Option<usize> = args.next().and_then(|p| p.parse().ok());
    let bytes = std::fs::read(&path).expect("read");
    if let (Some(o), Some(_)) = (only, std::env::var_os("WORDS")) {
        use cuttings_pdf::WordSource;
        let src = cuttings_pdf::OxideSource::open(&path, &bytes).expect("pdf");
        let mut words = src.page_words(o - 1).expect("page").words;
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        for w in words {
            println!(
                "{:6.1} {:6.1}-{:6.1} h{:4.1} {:4.1} {}",
                w.y0,
                w.x0,
                w.x1,
                w.y1 - w.y0,
                w.font_size,
                w.text
            );
        }
        return;
    }
    let pdf = cuttings_pdf::read(&path, &bytes, &cuttings_pdf::Limits::default()).expect("pdf");
    let p = cuttings_pipeline::process(&pdf.source);
    let mut kept: Vec<(Span, String)> = Vec::new();
    for (i, a) in p.articles.iter().enumerate() {
        let pr = &a.provenance;
        for (role, spans) in [
            ("TITLE", &pr.title),
            ("subt", &pr.subtitle),
            ("DATE", &pr.date),
            ("OUTLET", &pr.outlet),
        ] {
            kept.extend(spans.iter().map(|&s| (s, format!("{role}#{}", i + 1))));
        }
        for spans in &pr.authors {
            kept.extend(spans.iter().map(|&s| (s, format!("AUTH#{}", i + 1))));
        }
        kept.extend(pr.body.iter().map(|&s| (s, format!("body#{}", i + 1))));
    }
    let role = |line: Span| -> String {
        let ov = |s: Span| s.start < line.end && line.start < s.end;
        if let Some(k) = kept.iter().find(|k| ov(k.0)) {
            return k.1.clone();
        }
        if let Some(d) = p.dropped.iter().find(|d| ov(d.span)) {
            return format!("x:{:?}", d.reason);
        }
        "meta?".into()
    };
    let layout = pdf.layout();
    let mut n = 0usize;
    for (pi, page) in pdf.pages.iter().enumerate() {
        let show = only.is_none_or(|o| o == pi + 1);
        if show {
            println!(
                "=== page {} ({}x{}) columns {}",
                pi + 1,
                page.width,
                page.height,
                page.columns
            );
        }
        for (bi, b) in page.blocks.iter().enumerate() {
            for l in &b.lines {
                let span = layout.lines[n].span;
                n += 1;
                if !show {
                    continue;
                }
                println!(
                    "{bi:3} c{} {:5.1}-{:5.1} y{:5.1} {:4.1}{}{} {:12} | {}",
                    b.column,
                    l.x0,
                    l.x1,
                    l.y0,
                    l.font_size,
                    if l.bold { "b" } else { " " },
                    if l.italic { "i" } else { " " },
                    role(span),
                    l.text()
                );
            }
        }
    }
}
