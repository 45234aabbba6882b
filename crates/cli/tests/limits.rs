//! Issue #17, item 5: every limit is a flag, and a file that passes by default fails when the
//! flag lowers its limit, with a message naming the limit and the flag.
#![cfg(feature = "pdf")]

mod util;

use std::io::Write as _;

use cuttings_pdf::write::{from_objects, nested_page, stream_object};
use util::Dir;

const PDF: &str = "samples/rail-freight-2022-05.pdf";
const TEXT: &str = "samples/coastal-energy-2019-03.txt";

/// Ingests `file` into a fresh corpus with `flags`: by default it is ingested (exit 0); with
/// the flags it is refused on one line holding `message`.
fn passes_by_default_fails_with(dir: &Dir, file: &str, flags: &[&str], message: &str) {
    let corpus = format!("c-{}", dir.path().read_dir().unwrap().count());
    dir.expect(0, &["--corpus", &corpus, "ingest", "--quiet", file]);
    let mut args = vec!["--corpus", "lowered", "ingest", "--quiet"];
    args.extend_from_slice(flags);
    args.push(file);
    let run = dir.expect(2, &args);
    assert_eq!(
        run.stderr,
        format!("cuttings: {file}: {message}\n"),
        "{}",
        run.describe()
    );
}

fn deflated_page(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 10 Tf 50 700 Td ({text}) Tj ET");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(content.as_bytes()).unwrap();
    from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream_object("/Filter /FlateDecode", &z.finish().unwrap()),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

#[test]
fn issue17_each_limit_lowered_by_its_flag_refuses_the_file() {
    let dir = Dir::new();
    passes_by_default_fails_with(
        &dir,
        TEXT,
        &["--max-file-size", "2KiB"],
        "larger than the limit of 2 KiB (--max-file-size)",
    );
    passes_by_default_fails_with(
        &dir,
        PDF,
        &["--max-pages", "1"],
        "pdf has 2 pages, more than the limit of 1 (--max-pages)",
    );
    dir.create("nested.pdf", &nested_page("array", 20));
    passes_by_default_fails_with(
        &dir,
        "nested.pdf",
        &["--max-depth", "10"],
        "pdf nests arrays or dictionaries deeper than 10 levels (byte 910; --max-depth)",
    );
    let text =
        "A deflated line of text, long enough to be a few hundred bytes once inflated. ".repeat(4);
    dir.create("deflated.pdf", &deflated_page(&text));
    passes_by_default_fails_with(
        &dir,
        "deflated.pdf",
        &["--max-inflated", "100"],
        "decompression bomb: a stream inflates beyond 100 bytes (--max-inflated)",
    );
    let page = "<html><body><article><h1>Ferries stay in port</h1><p>The ferries that cross \
                the estuary stayed in port on Friday, as the wind rose.</p><p>Harbour staff \
                said crossings would resume on Saturday.</p></article></body></html>";
    dir.create("page.html", page.as_bytes());
    passes_by_default_fails_with(
        &dir,
        "page.html",
        &["--max-html-nodes", "5"],
        "page has more than 5 elements (--max-html-nodes)",
    );
}

#[test]
fn issue17_the_query_depth_is_a_flag_of_search() {
    let dir = Dir::new();
    dir.expect(0, &["--corpus", "c", "ingest", "--quiet", TEXT]);
    let query = "((((wind))))";
    dir.expect(0, &["--corpus", "c", "search", query]);
    let run = dir.expect(
        2,
        &["--corpus", "c", "search", "--max-query-depth", "3", query],
    );
    assert!(
        run.stderr
            .contains("query nested deeper than 3 (parentheses and NOTs; --max-query-depth)"),
        "{}",
        run.describe()
    );
}

#[test]
fn issue17_sizes_are_read_for_people_and_nonsense_is_refused() {
    let dir = Dir::new();
    // The 3,244-byte sample fits in 4 KiB however it is written.
    for size in ["4KiB", "4K", "4096", "0.5M"] {
        dir.expect(
            0,
            &[
                "--corpus",
                size,
                "ingest",
                "--quiet",
                "--max-file-size",
                size,
                TEXT,
            ],
        );
    }
    let run = dir.expect(2, &["ingest", "--max-file-size", "12 parsecs", TEXT]);
    assert!(
        run.stderr.contains("unknown unit \"parsecs\""),
        "{}",
        run.describe()
    );
    // `pages` takes the PDF limits too.
    let run = dir.expect(2, &["pages", "--max-pages", "1", PDF]);
    assert!(run.stderr.contains("(--max-pages)"), "{}", run.describe());
}
