// The fuzz targets' bodies (issue #17), shared by `fuzz/fuzz_targets/*.rs` (cargo fuzz) and by
// `crates/cli/tests/fuzz_replay.rs`, which replays the corpus of `fuzz/corpus/` in every test
// run. Each takes any bytes and must return (an error is a fine answer), never panic, overflow
// its stack or run away with memory.

use std::path::PathBuf;

/// Reads `data` as the named file and runs the whole pipeline on it, as `ingest` does.
fn pipeline(name: &str, data: &[u8]) {
    if let Ok(source) = cuttings_pipeline::decode(name, data, None) {
        let _ = cuttings_pipeline::process(&source);
    }
}

/// A text dump: decoding (encodings, NULs) and the layout of its lines only.
pub fn text(data: &[u8]) {
    if let Ok(source) = cuttings_read::decode("fuzz.txt", data) {
        let _ = cuttings_read::layout(&source);
    }
}

/// A text dump through segmentation, repair and extraction.
pub fn segment_repair(data: &[u8]) {
    pipeline("fuzz.txt", data);
}

/// A PDF (routed by its `%PDF-` magic) through the PDF reader and the pipeline.
pub fn pdf(data: &[u8]) {
    pipeline("fuzz.pdf", data);
}

/// A web page.
pub fn html(data: &[u8]) {
    pipeline("fuzz.html", data);
}

/// A web page saved as MHTML.
pub fn mhtml(data: &[u8]) {
    pipeline("fuzz.mhtml", data);
}

/// JSON Lines of articles.
pub fn jsonl(data: &[u8]) {
    pipeline("fuzz.jsonl", data);
}

/// An RSS, Atom or JSON feed.
pub fn feed(data: &[u8]) {
    let _ = cuttings_feed::parse(data, Some("https://example.org/feed.xml"));
}

/// A search query (any text) against a small corpus, parsed, checked and run.
pub fn query(data: &[u8]) {
    thread_local! {
        static CORPUS: (tempfile::TempDir, cuttings_store::Corpus) = {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let path: PathBuf = dir.path().join("corpus");
            let corpus = cuttings_store::Corpus::open(&path).expect("a new corpus");
            (dir, corpus)
        };
    }
    let text = String::from_utf8_lossy(data);
    CORPUS.with(|(_, corpus)| {
        let _ = corpus.search(&text, &cuttings_store::Filter::default(), 10);
    });
}
