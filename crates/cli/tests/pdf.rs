//! PDFs at the command line (issue #3): ingest, `show` with pages and boxes, `pages` as JSON and
//! SVG, and refused PDFs reported against their file without stopping the batch.
#![cfg(feature = "pdf")]

mod util;

use cuttings_cli::wire::{PageLine, ShowOutput};
use cuttings_pdf::write::{Font, PdfWriter};
use util::Dir;

fn digest() -> Vec<u8> {
    let mut w = PdfWriter::new(595.0, 842.0);
    for page in 1..=2 {
        w.page();
        w.text(
            50.0,
            30.0,
            Font::Helvetica,
            8.0,
            "Harbour Affairs Weekly Digest",
        );
        let title = if page == 1 {
            "Harbour Works Begin After Long Delay"
        } else {
            "Lighthouse Keepers Return To The Coast"
        };
        w.text(50.0, 70.0, Font::TimesBold, 16.0, title);
        w.text(50.0, 88.0, Font::TimesItalic, 10.0, "By Jane Roe");
        w.text(
            50.0,
            100.0,
            Font::TimesItalic,
            10.0,
            "The Coastal Record | March 3, 2019",
        );
        for i in 0..10 {
            let line = format!("Page {page} line {i} of the piece tells what the council decided.");
            w.text(50.0, 124.0 + i as f32 * 12.0, Font::Times, 10.0, &line);
        }
        w.text(290.0, 820.0, Font::Helvetica, 8.0, &page.to_string());
    }
    w.finish()
}

#[test]
fn ingest_and_show_name_the_pages_and_boxes() {
    let dir = Dir::new();
    dir.create("digest.pdf", &digest());
    dir.expect(0, &["--corpus", "c", "ingest", "--quiet", "digest.pdf"]);
    let articles = dir.articles(&["--corpus", "c"]);
    assert_eq!(articles.len(), 2, "{articles:?}");
    assert_eq!(
        articles[0].title.as_deref(),
        Some("Harbour Works Begin After Long Delay")
    );
    let id = &articles[0].id;
    let show = dir.expect(0, &["--corpus", "c", "show", id]);
    assert!(show.stdout.contains("boxes (page"), "{}", show.stdout);
    assert!(show.stdout.contains("title     p1 "), "{}", show.stdout);
    let json = dir.expect(0, &["--corpus", "c", "show", "--format", "json", id]);
    let show: ShowOutput = serde_json::from_str(&json.stdout).unwrap();
    assert!(show.boxes.iter().any(|b| b.field == "title" && b.page == 1));
    assert!(show.boxes.iter().any(|b| b.field == "body" && b.page == 1));
    assert_eq!(show.file.flavor.as_deref(), Some("pdf"));
}

#[test]
fn pages_shows_blocks_order_and_what_was_dropped() {
    let dir = Dir::new();
    dir.create("digest.pdf", &digest());
    let run = dir.expect(0, &["pages", "digest.pdf", "--format", "json"]);
    let pages: Vec<PageLine> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(pages.len(), 2);
    let p = &pages[0];
    assert_eq!((p.width, p.height), (595.0, 842.0));
    let lines: Vec<_> = p.blocks.iter().flat_map(|b| &b.lines).collect();
    let role = |text: &str| {
        let l = lines.iter().find(|l| l.text == text).unwrap();
        (l.role.as_str(), l.reason.as_deref())
    };
    assert_eq!(
        role("Harbour Works Begin After Long Delay"),
        ("title", None)
    );
    assert_eq!(role("1"), ("dropped", Some("page_number")));
    assert_eq!(
        role("Harbour Affairs Weekly Digest"),
        ("dropped", Some("running_header"))
    );
    assert!(p.blocks.windows(2).all(|w| w[0].order < w[1].order));

    let svg = dir.expect(0, &["pages", "digest.pdf", "--page", "2"]);
    assert!(svg.stdout.starts_with("<svg "), "{}", svg.stdout);
    assert!(svg.stdout.contains(r#"viewBox="0 0 595 842""#));
    assert!(svg.stdout.contains("dropped: page_number"));
    assert_eq!(svg.stdout.matches("<svg ").count(), 1);
    dir.expect(1, &["pages", "digest.pdf", "--page", "9"]);
}

#[test]
fn refused_pdfs_fail_alone_and_are_named() {
    let dir = Dir::new();
    dir.create("digest.pdf", &digest());
    let mut w = PdfWriter::new(595.0, 842.0);
    w.rect(10.0, 10.0, 100.0, 100.0);
    dir.create("scan.pdf", &w.finish());
    dir.create("broken.pdf", b"%PDF-1.4\nnothing else");
    let run = dir.run(&[
        "--corpus",
        "c",
        "ingest",
        "--quiet",
        "scan.pdf",
        "broken.pdf",
        "digest.pdf",
    ]);
    assert_eq!(run.code, 2, "{}", run.describe());
    assert!(
        run.stderr.contains("scan.pdf: pdf has no text layer"),
        "{}",
        run.describe()
    );
    assert!(run.stderr.contains("broken.pdf"), "{}", run.describe());
    assert_eq!(dir.articles(&["--corpus", "c"]).len(), 2);
}
