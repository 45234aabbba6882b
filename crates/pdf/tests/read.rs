//! PDFs written by the crate's own test writer, read back: words, reading order, blocks, boxes,
//! and the refusals (encrypted, no text, too many pages, not a PDF at all).
#![cfg(feature = "oxide")]

use cuttings_pdf::write::{from_objects, stream_object, Font, PdfWriter};
use cuttings_pdf::{read, Error, Limits};

const W: f32 = 595.0;
const H: f32 = 842.0;

/// Prints `lines` one under the other from (x, y) in Times 10 on 12.
fn column(w: &mut PdfWriter, x: f32, y: f32, lines: &[&str]) {
    for (i, l) in lines.iter().enumerate() {
        w.text(x, y + i as f32 * 12.0, Font::Times, 10.0, l);
    }
}

fn lines_of(text: &str) -> Vec<&str> {
    text.lines()
        .map(|l| l.trim_matches('\x0c'))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn two_columns_with_a_headline_across_them() {
    let mut w = PdfWriter::new(W, H);
    w.page();
    w.text(
        50.0,
        60.0,
        Font::HelveticaBold,
        20.0,
        "Harbour Works Begin After Long Delay",
    );
    column(
        &mut w,
        50.0,
        90.0,
        &["Left one begins", "left two goes on", "left three ends."],
    );
    column(
        &mut w,
        310.0,
        90.0,
        &["Right one begins", "right two goes on", "right three ends."],
    );
    let pdf = read("two.pdf", &w.finish(), &Limits::default()).unwrap();
    assert_eq!(
        lines_of(&pdf.source.text),
        [
            "Harbour Works Begin After Long Delay",
            "Left one begins",
            "left two goes on",
            "left three ends.",
            "Right one begins",
            "right two goes on",
            "right three ends."
        ]
    );
    let layout = pdf.layout();
    assert_eq!(layout.flavor, Some(cuttings_model::Flavor::Pdf));
    assert_eq!(layout.lines.len(), layout.boxes.len());
    // The headline is bigger and bold, and its own block.
    assert!(layout.boxes[0].bold);
    assert!(layout.boxes[0].font_size > 19.0 && layout.boxes[0].font_size < 21.0);
    assert!(!layout.boxes[1].bold);
    assert!(layout.lines[1].gap_before);
    assert!(!layout.lines[2].gap_before);
    // Right column lines are column 1, and their boxes stand right of the gutter.
    assert_eq!(layout.lines[4].column, 1);
    assert!(layout.boxes[4].x0 > 300.0 && layout.boxes[4].x0 < 320.0);
    // Boxes are measured from the top: the headline is above the body.
    assert!(layout.boxes[0].y1 <= layout.boxes[1].y0 + 1.0);
    assert!(layout.boxes[1].y0 > 70.0 && layout.boxes[1].y0 < 90.0);
    assert_eq!(pdf.source.format, cuttings_model::SourceFormat::Pdf);
    assert_eq!(pdf.source.sha256.len(), 64);
}

#[test]
fn three_columns_read_left_to_right_with_a_second_article_below() {
    let mut w = PdfWriter::new(W, H);
    w.page();
    for (c, x) in [50.0f32, 230.0, 410.0].into_iter().enumerate() {
        let a = format!("first {c} a");
        let b = format!("first {c} b");
        column(&mut w, x, 80.0, &[&a, &b]);
    }
    w.text(
        50.0,
        140.0,
        Font::TimesBold,
        16.0,
        "A second headline that spans all three",
    );
    for (c, x) in [50.0f32, 230.0, 410.0].into_iter().enumerate() {
        let a = format!("second {c} a");
        let b = format!("second {c} b");
        column(&mut w, x, 170.0, &[&a, &b]);
    }
    let pdf = read("three.pdf", &w.finish(), &Limits::default()).unwrap();
    assert_eq!(
        lines_of(&pdf.source.text),
        [
            "first 0 a",
            "first 0 b",
            "first 1 a",
            "first 1 b",
            "first 2 a",
            "first 2 b",
            "A second headline that spans all three",
            "second 0 a",
            "second 0 b",
            "second 1 a",
            "second 1 b",
            "second 2 a",
            "second 2 b"
        ]
    );
    assert_eq!(pdf.pages[0].columns, 3);
}

#[test]
fn pages_are_separated_by_form_feeds_and_hyphens_are_kept() {
    let mut w = PdfWriter::new(W, H);
    for p in 1..=2 {
        w.page();
        w.text(50.0, 30.0, Font::Helvetica, 8.0, "The Harbour Digest");
        column(
            &mut w,
            50.0,
            80.0,
            &["A line that ends in a hyphen-", "ated word goes on."],
        );
        w.text(290.0, 820.0, Font::Helvetica, 8.0, &p.to_string());
    }
    let pdf = read("pages.pdf", &w.finish(), &Limits::default()).unwrap();
    let text = &pdf.source.text;
    assert_eq!(text.matches('\x0c').count(), 1);
    assert!(text.contains("A line that ends in a hyphen-\nated word goes on."));
    let layout = pdf.layout();
    assert_eq!(layout.pages.len(), 2);
    assert_eq!(layout.lines.last().unwrap().page, 2);
    assert_eq!(pdf.source.slice(layout.lines.last().unwrap().span), "2");
    // Every line's span is in bounds, trimmed and in order.
    let mut last = 0;
    for l in &layout.lines {
        let s = pdf.source.slice(l.span);
        assert_eq!(s, s.trim());
        assert!(!s.is_empty());
        assert!(l.span.start >= last);
        last = l.span.end;
    }
}

#[test]
fn an_encrypted_pdf_is_refused_by_name() {
    let mut w = PdfWriter::new(W, H);
    w.text(50.0, 80.0, Font::Times, 10.0, "Secret text.");
    w.encrypted();
    let err = read("locked.pdf", &w.finish(), &Limits::default()).unwrap_err();
    assert!(matches!(err, Error::Encrypted { .. }), "{err}");
    assert!(err.to_string().contains("locked.pdf"));
    assert!(err.to_string().contains("encrypted"));
}

#[test]
fn a_pdf_without_text_is_refused_as_scanned() {
    let mut w = PdfWriter::new(W, H);
    w.page();
    w.rect(50.0, 50.0, 400.0, 600.0);
    let err = read("scan.pdf", &w.finish(), &Limits::default()).unwrap_err();
    assert!(matches!(err, Error::NoText { .. }), "{err}");
    assert!(err.to_string().contains("scan.pdf: pdf has no text layer"));
}

#[test]
fn too_many_pages_are_refused() {
    let mut w = PdfWriter::new(W, H);
    for _ in 0..3 {
        w.page();
        w.text(50.0, 80.0, Font::Times, 10.0, "Text.");
    }
    let err = read(
        "long.pdf",
        &w.finish(),
        &Limits {
            max_pages: 2,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(matches!(err, Error::TooManyPages { pages: 3, .. }), "{err}");
}

#[test]
fn broken_bytes_are_an_error_not_a_panic() {
    for bytes in [
        b"%PDF-1.4\n".to_vec(),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>"
            .to_vec(),
        {
            let mut w = PdfWriter::new(W, H);
            w.text(50.0, 80.0, Font::Times, 10.0, "Cut short.");
            let mut b = w.finish();
            b.truncate(b.len() / 2);
            b
        },
    ] {
        let r = read("broken.pdf", &bytes, &Limits::default());
        if let Err(e) = r {
            assert!(e.to_string().starts_with("broken.pdf: "), "{e}");
        }
    }
}

#[test]
fn magic_bytes_decide_not_the_name() {
    assert!(cuttings_pdf::is_pdf(b"%PDF-1.7\n..."));
    assert!(!cuttings_pdf::is_pdf(b"Just a text dump named x.pdf"));
}

/// Runs `f` on a thread with the 2 MiB stack of a rayon worker, where `ingest` reads PDFs.
fn on_worker_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// Issue #17: nesting thousands deep overflowed the backend's stack and aborted the process.
#[test]
fn deep_nesting_is_refused_before_it_overflows_the_stack() {
    for kind in ["dict", "array", "content"] {
        for nest in [1_000, 3_000, 100_000] {
            let bytes = cuttings_pdf::write::nested_page(kind, nest);
            let err = on_worker_stack(move || {
                read("deep.pdf", &bytes, &Limits::default()).map(|p| p.source.text)
            })
            .unwrap_err();
            assert!(
                matches!(err, Error::TooDeep { limit: 256, .. }),
                "{kind} {nest}: {err}"
            );
            assert!(
                err.to_string().starts_with(
                    "deep.pdf: pdf nests arrays or dictionaries deeper than 256 levels"
                ),
                "{err}"
            );
        }
    }
}

/// The default limit is safe: nesting right below it reaches the backend and does not overflow
/// a worker's stack (pdf_oxide gives up on such a page dictionary by itself; content that deep
/// is read).
#[test]
fn nesting_below_the_limit_reaches_the_backend_without_overflowing() {
    for kind in ["dict", "array", "content"] {
        let bytes = cuttings_pdf::write::nested_page(kind, cuttings_pdf::MAX_NESTING - 2);
        let read = on_worker_stack(move || {
            read("deep.pdf", &bytes, &Limits::default()).map(|p| p.source.text)
        });
        match read {
            Ok(text) => assert!(text.contains("Text beside the nesting."), "{kind}: {text}"),
            Err(e) => {
                assert!(!matches!(e, Error::TooDeep { .. }), "{kind}: {e}");
                assert_ne!(kind, "content", "{e}");
            }
        }
    }
}

/// A one-page PDF whose content stream is `content` deflated.
fn deflated_page(content: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(content).unwrap();
    let packed = z.finish().unwrap();
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        [
            format!(
                "<< /Length {} /Filter /FlateDecode >>\nstream\n",
                packed.len()
            )
            .as_bytes(),
            &packed,
            b"\nendstream",
        ]
        .concat(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// Issue #17: a Flate bomb was reported as a scan ("no text layer").
#[test]
fn a_decompression_bomb_is_named_as_such() {
    let bomb = deflated_page(&vec![b' '; (cuttings_pdf::MAX_INFLATED + 1) as usize]);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let err = read("bomb.pdf", &bomb, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bomb.pdf: decompression bomb: a stream inflates beyond 64 MiB (--max-inflated)"
    );
    // A deflated page of text is read as ever.
    let page = deflated_page(b"BT /F1 10 Tf 50 700 Td (Deflated text.) Tj ET");
    let pdf = read("page.pdf", &page, &Limits::default()).unwrap();
    assert!(
        pdf.source.text.contains("Deflated text."),
        "{}",
        pdf.source.text
    );
}

/// Issue #17: a PDF cut short was reported as a scan ("no text layer").
#[test]
fn a_truncated_pdf_is_called_truncated_not_a_scan() {
    let sample = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../samples/rail-freight-2022-05.pdf"),
    )
    .unwrap();
    let mut w = PdfWriter::new(W, H);
    w.text(50.0, 80.0, Font::Times, 10.0, "Some text on the page.");
    let small = w.finish();
    let mut damaged = 0;
    for bytes in [&sample, &small] {
        for pct in (1..20).map(|k| k * 5) {
            let cut = bytes.len() * pct / 100;
            if let Err(e) = read("cut.pdf", &bytes[..cut], &Limits::default()) {
                assert!(matches!(e, Error::Damaged { .. }), "cut at {pct}%: {e}");
                assert!(
                    e.to_string()
                        .starts_with("cut.pdf: truncated/damaged pdf ("),
                    "{e}"
                );
                damaged += 1;
            }
        }
    }
    assert!(damaged > 10, "{damaged}");
}

/// A one-page PDF whose content is `streams`, uncompressed, in this order.
fn page_of_streams(streams: &[String]) -> Vec<u8> {
    let first = 5;
    let refs: Vec<String> = (0..streams.len())
        .map(|i| format!("{} 0 R", first + i))
        .collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [{}] \
             /Resources << /Font << /F1 4 0 R >> >> >>",
            refs.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    for s in streams {
        objects.push(format!(
            "<< /Length {} >>\nstream\n{s}\nendstream",
            s.len() + 1
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Issue #17: nesting that goes on from one content stream of a page into the next, each
/// below the limit, is measured on the page's decoded content.
#[test]
fn nesting_across_a_pages_content_streams_is_refused() {
    let mut streams = vec!["BT /F1 10 Tf 50 700 Td (Streams of a page.) Tj ET".to_string()];
    streams.push(format!("BT 50 650 Td {}", "[".repeat(200)));
    streams.extend((0..40).map(|_| "[".repeat(200)));
    streams.push(format!("(x){} TJ ET", "]".repeat(41 * 200)));
    let bytes = page_of_streams(&streams);
    let err = on_worker_stack(move || {
        read("split.pdf", &bytes, &Limits::default()).map(|p| p.source.text)
    })
    .unwrap_err();
    assert!(matches!(err, Error::TooDeep { .. }), "{err}");
    assert!(
        err.to_string()
            .ends_with("deeper than 256 levels (page 1; --max-depth)"),
        "{err}"
    );
    // The same page without the nesting is read.
    let bytes = page_of_streams(&streams[..1]);
    let pdf = read("plain.pdf", &bytes, &Limits::default()).unwrap();
    assert!(
        pdf.source.text.contains("Streams of a page."),
        "{}",
        pdf.source.text
    );
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// The objects of a one-page file whose page tree runs `depth` levels of `/Pages` nodes (each
/// with one kid) down to the page.
fn deep_tree_objects(depth: usize) -> Vec<Vec<u8>> {
    let mut objects = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
    for i in 0..depth {
        objects.push(format!("<< /Type /Pages /Kids [{} 0 R] /Count 2 >>", i + 3).into_bytes());
    }
    objects.push(b"<< /Type /Page /MediaBox [0 0 595 842] >>".to_vec());
    objects
}

/// Issue #17: a page tree nesting 100,000 levels through `/Kids` references overflowed
/// pdf_oxide's stack (it walks the tree by recursion) and aborted the process.
#[test]
fn a_page_tree_deeper_than_the_limit_is_refused() {
    let bytes = from_objects(&deep_tree_objects(100_000));
    let err = on_worker_stack(move || {
        read("tree.pdf", &bytes, &Limits::default()).map(|p| p.source.text)
    })
    .unwrap_err();
    assert!(matches!(err, Error::DeepTree { limit: 256, .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "tree.pdf: pdf page tree or chain of references deeper than 256 levels \
         (page tree from object 2; --max-depth)"
    );
    // The limit is the flag's: a tree of 20 levels passes by default, not under 10.
    let bytes = from_objects(&deep_tree_objects(20));
    assert!(!matches!(
        read("tree.pdf", &bytes, &Limits::default()),
        Err(Error::DeepTree { .. })
    ));
    let low = Limits {
        max_depth: 10,
        ..Limits::default()
    };
    let err = read("tree.pdf", &bytes, &low).unwrap_err();
    assert!(matches!(err, Error::DeepTree { limit: 10, .. }), "{err}");
}

/// The same tree packed in an object stream (PDF 1.5) is measured after inflating it.
#[test]
fn a_deep_page_tree_in_an_object_stream_is_refused() {
    let depth = 5_000;
    let mut header = String::new();
    let mut body = String::new();
    for i in 0..depth {
        header.push_str(&format!("{} {} ", i + 3, body.len()));
        body.push_str(&format!(
            "<< /Type /Pages /Kids [{} 0 R] /Count 2 >>\n",
            i + 4
        ));
    }
    let data = format!("{header}\n{body}");
    let first = header.len() + 1;
    let packed = deflate(data.as_bytes());
    let bytes = from_objects(&[
        b"<< /Type /Catalog /Pages 3 0 R >>".to_vec(),
        stream_object(
            &format!("/Type /ObjStm /N {depth} /First {first} /Filter /FlateDecode"),
            &packed,
        ),
    ]);
    let err = on_worker_stack(move || {
        read("packed.pdf", &bytes, &Limits::default()).map(|p| p.source.text)
    })
    .unwrap_err();
    assert!(matches!(err, Error::DeepTree { .. }), "{err}");
}

/// Loops in the page tree and in chains of references are named as loops; a chain of 100,000
/// objects that are only references to the next is refused as too deep (it was "no text
/// layer"); a `/Parent` pointing back up is no loop.
#[test]
fn loops_and_chains_of_references_are_named() {
    let looping = from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R] /Count 2 /Parent 2 0 R >>".to_vec(),
    ]);
    let err = read("loop.pdf", &looping, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "loop.pdf: broken pdf: its page tree at object 2 loops back on itself"
    );
    let content = b"BT /F1 10 Tf 50 700 Td (At the end of the chain.) Tj ET";
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        b"6 0 R".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let chain = 100_000;
    for i in 0..chain {
        objects.push(format!("{} 0 R", i + 7).into_bytes());
    }
    objects.push(stream_object("", content));
    let err = read("chain.pdf", &from_objects(&objects), &Limits::default()).unwrap_err();
    assert!(
        err.to_string()
            .contains("chain of references deeper than 256 levels (references from object 4"),
        "{err}"
    );
    let parent_up = from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 6 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream_object("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 /Parent 2 0 R >>".to_vec(),
    ]);
    let pdf = read("parent.pdf", &parent_up, &Limits::default()).unwrap();
    assert!(pdf.source.text.contains("At the end of the chain."));
}

/// An object stream under a filter the guard does not unpack is refused: the backend would
/// parse what it unpacks unchecked.
#[test]
fn an_object_stream_under_another_filter_is_refused() {
    let bytes = from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        stream_object(
            "/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode",
            b"\x80\x0b\x60\x50",
        ),
    ]);
    let err = read("lzw.pdf", &bytes, &Limits::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "lzw.pdf: pdf not read: an object stream under /LZWDecode cannot be checked before it \
         is parsed"
    );
}
