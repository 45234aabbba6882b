//! PDFs at the command line (issue #3): ingest, `show` with pages and boxes, `pages` as JSON and
//! SVG, and refused PDFs reported against their file without stopping the batch.
#![cfg(feature = "pdf")]

mod util;

use cuttings_cli::wire::{PageLine, ShowOutput};
use cuttings_pdf::write::{Font, PdfWriter};
use util::Dir;

const PROSE: [&str; 10] = [
    "members of the committee met again on Monday and agreed",
    "that the harbour dues would rise in spring, after a long",
    "debate about the cost of dredging the outer channel where",
    "silt had built up over the winter and slowed the ferries.",
    "Fishermen asked for a delay, saying catches were poor and",
    "that fuel prices had already cut what little they earned",
    "from the season; the council promised to review the dues",
    "again in the autumn once the accounts had been published",
    "and a survey of the quays had shown what repairs would be",
    "needed before the storms of the coming year set in again.",
];

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
        // Running text in other words on every line and page (lines that differ only in their
        // numbers read as furniture repeated across pages).
        let place = if page == 1 { "Portby" } else { "Arnside" };
        for (i, words) in PROSE.iter().enumerate() {
            let line = format!("{place}: {words}");
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
