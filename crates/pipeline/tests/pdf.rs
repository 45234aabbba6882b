//! PDFs through the whole pipeline (issue #3): a two-page digest written by the pdf crate's test
//! writer gives its articles with their metadata and the boxes they were printed in; refused
//! PDFs are errors naming the file; bytes decide, not the name.
#![cfg(feature = "pdf")]

use cuttings_model::{BoxField, SourceFormat};
use cuttings_pdf::write::{Font, PdfWriter};

/// Running text of about 60 characters a line, every line in other words, each article's with
/// its own place name (lines that differ only in their numbers read as furniture repeated
/// across pages).
const PROSE: [&str; 8] = [
    "members of the committee met again on Monday and agreed",
    "that the harbour dues would rise in spring, after a long",
    "debate about the cost of dredging the outer channel where",
    "silt had built up over the winter and slowed the ferries.",
    "Fishermen asked for a delay, saying catches were poor and",
    "that fuel prices had already cut what little they earned",
    "from the season; the council promised to review the dues",
    "again in the autumn once the accounts had been published",
];

fn body(w: &mut PdfWriter, x: f32, y: f32, tag: &str, n: usize) -> f32 {
    for i in 0..n {
        let line = format!(
            "{tag}: {}{}",
            PROSE[i % PROSE.len()],
            if i + 1 == n { "." } else { "" }
        );
        w.text(x, y + i as f32 * 12.0, Font::Times, 10.0, &line);
    }
    y + n as f32 * 12.0
}

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
        let (a, b) = if page == 1 {
            (
                "Harbour Works Begin After Long Delay",
                "Ferry Fares Frozen For Another Year",
            )
        } else {
            (
                "Lighthouse Keepers Return To The Coast",
                "New Bridge Opens To Cyclists Only",
            )
        };
        w.text(50.0, 70.0, Font::TimesBold, 16.0, a);
        w.text(50.0, 88.0, Font::TimesItalic, 10.0, "By Jane Roe");
        w.text(
            50.0,
            100.0,
            Font::TimesItalic,
            10.0,
            "The Coastal Record | March 3, 2019",
        );
        let y = body(
            &mut w,
            50.0,
            124.0,
            if page == 1 { "Portby" } else { "Arnside" },
            8,
        );
        w.text(50.0, y + 30.0, Font::TimesBold, 16.0, b);
        w.text(50.0, y + 48.0, Font::TimesItalic, 10.0, "By Ana Ruiz");
        w.text(
            50.0,
            y + 60.0,
            Font::TimesItalic,
            10.0,
            "The Harbour Gazette | March 4, 2019",
        );
        body(
            &mut w,
            50.0,
            y + 84.0,
            if page == 1 { "Kelham" } else { "Wexcombe" },
            8,
        );
        w.text(290.0, 820.0, Font::Helvetica, 8.0, &page.to_string());
    }
    w.finish()
}

#[test]
fn a_pdf_digest_gives_its_articles_with_boxes() {
    let src = cuttings_pipeline::decode("digest.bin", &digest(), None).unwrap();
    assert_eq!(src.format, SourceFormat::Pdf);
    let out = cuttings_pipeline::process(&src);
    let titles: Vec<&str> = out
        .articles
        .iter()
        .map(|a| a.title.as_deref().unwrap_or("-"))
        .collect();
    assert_eq!(
        titles,
        [
            "Harbour Works Begin After Long Delay",
            "Ferry Fares Frozen For Another Year",
            "Lighthouse Keepers Return To The Coast",
            "New Bridge Opens To Cyclists Only"
        ]
    );
    let a = &out.articles[0];
    // The italic byline under the bold title (issue #3).
    assert_eq!(a.authors, ["Jane Roe"]);
    assert_eq!(a.outlet.as_deref(), Some("The Coastal Record"));
    assert!(a
        .body
        .starts_with("Portby: members of the committee met again on Monday"));
    // The running header and the page numbers are furniture.
    assert!(out
        .articles
        .iter()
        .all(|a| !a.body.contains("Weekly Digest")));
    // Boxes: the title on page 1 near the top, the body in one block under it.
    let title = a
        .provenance
        .boxes
        .iter()
        .find(|b| b.field == BoxField::Title)
        .unwrap();
    assert_eq!(title.page, 1);
    assert!(title.y0 > 50.0 && title.y1 < 80.0, "{title:?}");
    let bodies: Vec<_> = a
        .provenance
        .boxes
        .iter()
        .filter(|b| b.field == BoxField::Body)
        .collect();
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    assert!(bodies[0].y0 > 110.0 && bodies[0].y1 > 200.0);
    assert!(a
        .provenance
        .boxes
        .iter()
        .any(|b| b.field == BoxField::Author));
}

#[test]
fn refused_pdfs_name_the_file_and_the_reason() {
    let mut w = PdfWriter::new(595.0, 842.0);
    w.rect(10.0, 10.0, 100.0, 100.0);
    let err = cuttings_pipeline::decode("scan.pdf", &w.finish(), None).unwrap_err();
    assert!(
        err.to_string().contains("scan.pdf: pdf has no text layer"),
        "{err}"
    );
    let mut w = PdfWriter::new(595.0, 842.0);
    w.text(10.0, 10.0, Font::Times, 10.0, "x");
    w.encrypted();
    let err = cuttings_pipeline::decode("locked.pdf", &w.finish(), None).unwrap_err();
    assert!(
        err.to_string().contains("locked.pdf: encrypted pdf"),
        "{err}"
    );
}

#[test]
fn a_text_dump_named_pdf_is_read_as_text() {
    let src = cuttings_pipeline::decode("dump.pdf", b"A Title\n\nBody text.\n", None).unwrap();
    assert_eq!(src.format, SourceFormat::TextDump);
    assert!(src.layout.is_none());
}
