//! Store-only ingest throughput: synthetic articles, in memory, into a fresh temporary corpus.
//!
//! ```text
//! cargo run --release -p cuttings-store --example store_throughput -- [MB] [FILES_PER_BATCH] [COMMIT_MB]
//! ```
//!
//! Builds about `MB` (default 100) megabytes of digest-like files (about 30 KB each, 0.5–5 KB
//! articles, real-looking provenance, a few dropped spans and a diagnostic per file), then stores
//! them `FILES_PER_BATCH` (default 64) files per [`Corpus::store_batch`] call and commits the index
//! every `COMMIT_MB` (default 64) megabytes of text and at the end, as `cuttings ingest` does.
//! `COMMIT_MB=0` commits after every batch (what `Corpus::ingest_batch` does).
//! Prints MB/s and articles/s, split into records (SQLite), index adds and index commits.

use std::time::Instant;

use cuttings_model::{
    sha256_hex, Article, ArticleId, ArticleKind, Date, Diagnostic, DropReason, Dropped, OffsetMap,
    Provenance, Severity, SourceRef, Span,
};
use cuttings_store::{Corpus, FileIngest, FileRecord};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Roughly Zipf-distributed index below `n` (many common words, a long tail).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "an", "ber", "ca", "dor", "en", "fal", "gi", "har", "in", "jo", "ka", "lum", "mer", "no", "or",
    "pra", "qui", "ros", "sta", "ter", "u", "vel", "wen", "xi", "yor", "zen", "tion", "ment",
    "ing", "ly", "ed", "al",
];

fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut words: Vec<String> = [
        "the", "of", "and", "to", "in", "a", "that", "is", "for", "on",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    while words.len() < n {
        let k = 1 + rng.below(4);
        let w: String = (0..k)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        words.push(w);
    }
    words
}

fn sentence(rng: &mut Rng, vocab: &[String], words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = &vocab[rng.zipf(vocab.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s
}

/// One synthetic file of about `target` bytes of text, with its articles.
fn make_file(rng: &mut Rng, vocab: &[String], n: usize, target: usize) -> FileIngest {
    let path = format!("bench/{n:05}.txt");
    let sha256 = sha256_hex(path.as_bytes());
    let outlets = ["The Courier", "Daily Planet", "Evening Post", "Le Monde"];
    let mut articles = Vec::new();
    let mut at = 0usize;
    let mut text = 0usize;
    while text < target {
        let words = 3 + rng.below(6);
        let title = sentence(rng, vocab, words);
        let body_len = 500 + rng.below(4500);
        let mut body = String::new();
        let mut prov_body = Vec::new();
        let mut map = OffsetMap::default();
        let head = at + 200;
        let mut src = head;
        while body.len() < body_len {
            // One source line of about 70 characters per body line.
            let words = 8 + rng.below(6);
            let line = sentence(rng, vocab, words);
            if !body.is_empty() {
                body.push(' ');
            }
            let b = body.len();
            body.push_str(&line);
            prov_body.push(Span::new(src, src + line.len()));
            map.push(b, src, line.len());
            src += line.len() + 1;
        }
        let authors: Vec<String> = (0..rng.below(3))
            .map(|i| format!("Author{} Name{}", rng.below(500), i))
            .collect();
        let provenance = Provenance {
            title: vec![Span::new(at, at + title.len())],
            subtitle: vec![],
            date: vec![Span::new(at + 80, at + 90)],
            outlet: vec![Span::new(at + 100, at + 111)],
            authors: (0..authors.len())
                .map(|i| vec![Span::new(at + 120 + 20 * i, at + 135 + 20 * i)])
                .collect(),
            body: prov_body,
            body_map: map,
            boxes: Vec::new(),
        };
        text += body.len() + title.len();
        at = src + 10;
        articles.push(Article {
            id: ArticleId::of(&sha256, Some(&title), &body),
            title: Some(title),
            subtitle: None,
            date: Date::new(2017, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8).ok(),
            outlet: Some(outlets[rng.below(outlets.len())].to_string()),
            authors,
            language: Some("en".into()),
            body,
            kind: ArticleKind::Article,
            source: SourceRef {
                path: path.clone(),
                sha256: sha256.clone(),
                first_page: 1,
                last_page: 3,
            },
            provenance,
            entities: Vec::new(),
            quotes: Vec::new(),
            confidence: None,
        });
    }
    let dropped = (0..6)
        .map(|i| Dropped {
            span: Span::new(i * 5000, i * 5000 + 30),
            page: 1 + i as u32 / 2,
            reason: if i % 2 == 0 {
                DropReason::RunningHeader
            } else {
                DropReason::PageNumber
            },
        })
        .collect();
    FileIngest {
        file: FileRecord {
            path,
            sha256,
            encoding: "UTF-8".into(),
            flavor: Some("layout".into()),
            pages: 3,
            bytes: at as u64,
        },
        articles,
        dropped,
        diagnostics: vec![Diagnostic {
            severity: Severity::Info,
            message: "synthetic file".into(),
            span: None,
        }],
        lines: Vec::new(),
    }
}

fn main() -> cuttings_store::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("numeric arguments"))
        .collect();
    let mb = args.first().copied().unwrap_or(100);
    let per_batch = args.get(1).copied().unwrap_or(64).max(1);
    let commit_mb = args.get(2).copied().unwrap_or(64);

    let t = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab = vocabulary(&mut rng, 30_000);
    let mut files = Vec::new();
    let mut bytes = 0u64;
    while bytes < mb as u64 * 1_000_000 {
        let f = make_file(&mut rng, &vocab, files.len(), 30_000);
        bytes += f.file.bytes;
        files.push(f);
    }
    let articles: usize = files.iter().map(|f| f.articles.len()).sum();
    println!(
        "made {} files, {articles} articles, {:.1} MB in {:.1} s",
        files.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let tmp = tempfile::tempdir().expect("temporary folder");
    let mut corpus = Corpus::open(&tmp.path().join("corpus"))?;
    let t = Instant::now();
    let mut since_commit = 0u64;
    for chunk in files.chunks(per_batch) {
        corpus.store_batch(chunk)?;
        since_commit += chunk.iter().map(|f| f.file.bytes).sum::<u64>();
        if since_commit >= commit_mb as u64 * 1_000_000 {
            corpus.commit()?;
            since_commit = 0;
        }
    }
    corpus.commit()?;
    let secs = t.elapsed().as_secs_f64();
    let timings = corpus.timings();
    drop(corpus);
    let total = t.elapsed().as_secs_f64();
    println!(
        "stored {:.1} MB in {secs:.2} s: {:.1} MB/s, {:.0} articles/s ({per_batch} files per batch, commit every {commit_mb} MB)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        articles as f64 / secs,
    );
    println!(
        "  records (SQLite) {:.2} s, index adds {:.2} s, index commits {:.2} s ({} commits), marking indexed {:.2} s; closing (merges) {:.2} s",
        timings.records.as_secs_f64(),
        timings.index_add.as_secs_f64(),
        timings.index_commit.as_secs_f64(),
        timings.commits,
        timings.mark_indexed.as_secs_f64(),
        total - secs,
    );
    let size: u64 = walk_size(tmp.path());
    println!("  corpus size {:.1} MB", size as f64 / 1e6);
    // Linux: bytes this process wrote (page cache included), to see write amplification.
    if let Ok(io) = std::fs::read_to_string("/proc/self/io") {
        let wchar = io
            .lines()
            .find_map(|l| l.strip_prefix("wchar: "))
            .and_then(|n| n.trim().parse::<u64>().ok());
        if let Some(w) = wchar {
            println!("  bytes written by the process {:.1} MB", w as f64 / 1e6);
        }
    }
    Ok(())
}

fn walk_size(p: &std::path::Path) -> u64 {
    let mut n = 0;
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let m = e.metadata().map(|m| (m.is_dir(), m.len()));
            match m {
                Ok((true, _)) => n += walk_size(&e.path()),
                Ok((false, len)) => n += len,
                Err(_) => {}
            }
        }
    }
    n
}
