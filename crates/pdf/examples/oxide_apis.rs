//! Times pdf_oxide's extraction APIs on one PDF, one thread: why `OxideSource` groups characters
//! into words itself (issue #3: on the 103 pages of the dev PDFs, characters 0.36 s, spans 0.75 s,
//! words 0.92 s).
//!
//!     cargo run --release -p cuttings-pdf --example oxide_apis -- FILE.pdf
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: oxide_apis FILE.pdf");
    let bytes = std::fs::read(&path).expect("read");
    let names = ["chars", "spans", "words", "open+media"];
    for (k, name) in names.iter().enumerate() {
        let start = Instant::now();
        let doc = pdf_oxide::PdfDocument::from_bytes(bytes.clone()).expect("open");
        let pages = doc.page_count().expect("pages");
        let mut n = 0usize;
        for i in 0..pages {
            n += match k {
                0 => doc.extract_chars(i).map(|v| v.len()).unwrap_or(0),
                1 => doc.extract_spans(i).map(|v| v.len()).unwrap_or(0),
                2 => doc.extract_words(i).map(|v| v.len()).unwrap_or(0),
                _ => doc.get_page_media_box(i).map(|_| 1).unwrap_or(0),
            };
        }
        let s = start.elapsed().as_secs_f64();
        println!(
            "{name:>10}: {pages} pages, {n} items, {s:.3} s, {:.1} pages/s",
            pages as f64 / s
        );
    }
}
