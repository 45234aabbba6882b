//! The subcommands, one per file, each with its help text at the top; plus what they share.

use std::path::Path;

use anyhow::anyhow;
use cuttings_model::{Article, Date, Source, Span};
use cuttings_store::{Corpus, FileRecord, Filter};

use crate::dates;

pub mod alias;
pub mod align;
pub mod articles;
pub mod check;
pub mod entities;
pub mod entity;
pub mod export;
pub mod fix;
pub mod import;
pub mod ingest;
pub mod limits;
pub mod ner;
pub mod pages;
pub mod process;
pub mod quotes;
pub mod reindex;
pub mod reuse;
pub mod search;
pub mod serve;
pub mod show;
pub mod sources;
pub mod stats;
pub mod watch;

/// Opens an existing corpus for reading, with a hint when there is none yet.
pub fn open_existing(dir: &Path) -> anyhow::Result<Corpus> {
    Corpus::open_existing(dir).map_err(|e| hint(e, dir))
}

/// A store error for the user: "not a cuttings corpus" says how to make one.
pub fn hint(e: cuttings_store::Error, dir: &Path) -> anyhow::Error {
    match e {
        e @ cuttings_store::Error::NotACorpus { .. } => anyhow!(
            "{e} (create one with `cuttings ingest --corpus {} FILES...`, or set --corpus / $CUTTINGS_CORPUS)",
            dir.display()
        ),
        e => e.into(),
    }
}

/// Opens an existing corpus for a command that searches its full-text index, and says on
/// stderr when the index is behind the records (issue #17): after a writer was killed, or while
/// one runs, some stored articles are not searchable yet, and the user must know what a search
/// cannot find and how to fix it.
pub fn open_for_search(dir: &Path) -> anyhow::Result<Corpus> {
    let corpus = open_existing(dir)?;
    let behind = corpus.unindexed()?;
    if behind > 0 {
        eprintln!(
            "cuttings: warning: {behind} articles of {} are not in the full-text index yet, so              searches cannot find them (a writer was interrupted, or is at work):              `cuttings check --repair` (or any ingest) indexes them",
            dir.display()
        );
    }
    Ok(corpus)
}

/// Whether writing commands wait for another writer to finish (`--wait`) instead of failing.
static WAIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes [`open_writer`] wait for other writers (the global `--wait` flag).
pub fn set_wait(wait: bool) {
    WAIT.store(wait, std::sync::atomic::Ordering::Relaxed);
}

/// How often a waiting writer tries the lock again.
const WAIT_POLL: std::time::Duration = std::time::Duration::from_millis(200);

/// Opens a corpus for writing (creating it when missing) and takes the writer lock at once, so
/// that a second writer stops before doing any work: it fails with the lock message, or with
/// `--wait` says once that it waits and tries again until the other writer is done.
pub fn open_writer(dir: &Path) -> anyhow::Result<Corpus> {
    let mut told = false;
    loop {
        let opened = Corpus::open(dir).and_then(|mut c| c.lock().map(|()| c));
        match opened {
            Ok(corpus) => return Ok(corpus),
            Err(cuttings_store::Error::Locked { .. })
                if WAIT.load(std::sync::atomic::Ordering::Relaxed) =>
            {
                if !told {
                    eprintln!(
                        "cuttings: another process is writing to {}: waiting for it to finish",
                        dir.display()
                    );
                    told = true;
                }
                std::thread::sleep(WAIT_POLL);
            }
            Err(e @ cuttings_store::Error::Locked { .. }) => {
                return Err(anyhow!(
                    "{e} (wait for it to finish, or pass --wait to wait for it)"
                ))
            }
            Err(e) => {
                return Err(
                    anyhow::Error::new(e).context(format!("opening {} for writing", dir.display()))
                )
            }
        }
    }
}

/// A progress bar on stderr when it is a terminal (hidden otherwise, or when `quiet`):
/// elapsed time, bar, `pos/len unit` and a message.
pub fn progress(len: u64, unit: &str, quiet: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    pb.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} [{{elapsed}}] {{wide_bar}} {{pos}}/{{len}} {unit}  {{msg}}"
        ))
        .expect("valid template"),
    );
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// Flags that restrict `articles` and `search`.
#[derive(Debug, Default, clap::Args)]
pub struct FilterArgs {
    /// Only articles from this source file (the path as ingested, or 4+ hex digits of its sha256).
    #[arg(long, value_name = "PATH")]
    pub source: Option<String>,
    /// Only articles from this outlet (whole name, any case).
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,
    /// Only articles by this author (whole name, any case).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY); drops undated ones.
    #[arg(long, value_name = "DATE", value_parser = dates::parse_from)]
    pub from: Option<Date>,
    /// Only articles dated on or before this day (YYYY-MM-DD, YYYY-MM or YYYY); drops undated ones.
    #[arg(long, value_name = "DATE", value_parser = dates::parse_to)]
    pub to: Option<Date>,
}

impl FilterArgs {
    /// The store's filter.
    pub fn to_filter(&self) -> Filter {
        Filter {
            source: self.source.clone(),
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

/// The `reuse` lines of the output contract for one article: its links, with the bodies of
/// the other articles read as needed (one article at a time, so listings stream; issue #16).
pub fn reuse_lines(
    corpus: &Corpus,
    article: &Article,
) -> anyhow::Result<Vec<cuttings_cli::wire::ReuseLine>> {
    let links = corpus.reuse_of(&article.id.0)?;
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let mut bodies = std::collections::HashMap::new();
    for l in &links {
        let other = if l.a == article.id { &l.b } else { &l.a };
        if let Some(body) = corpus.body_of(&other.0)? {
            bodies.insert(other.0.clone(), body);
        }
    }
    let refs: Vec<&cuttings_model::ReuseLink> = links.iter().collect();
    Ok(cuttings_cli::wire::reuse_lines(article, &refs, |id| {
        bodies.get(id).map(String::as_str)
    }))
}

/// Authors joined for tables and CSV.
pub fn authors(a: &Article) -> String {
    a.authors.join("; ")
}

/// Whether the source text of a stored file could be read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadBack {
    /// Read and decoded; its SHA-256 is the stored one.
    Ok,
    /// No file at its path.
    Missing,
    /// The file at its path has another SHA-256.
    Changed,
    /// The file could not be read or decoded.
    Unreadable,
    /// It was read from stdin and not kept.
    Stdin,
}

impl ReadBack {
    /// Stable lower-case name, as printed in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ReadBack::Ok => "ok",
            ReadBack::Missing => "missing",
            ReadBack::Changed => "changed",
            ReadBack::Unreadable => "unreadable",
            ReadBack::Stdin => "stdin",
        }
    }

    /// What it means for a reader of `show`.
    pub fn describe(self) -> &'static str {
        match self {
            ReadBack::Ok => "read back from the source file (sha256 matches)",
            ReadBack::Missing => "source file not found at its path: span text not shown",
            ReadBack::Changed => {
                "source file changed since ingest (sha256 differs): span text not shown"
            }
            ReadBack::Unreadable => "source file could not be read: span text not shown",
            ReadBack::Stdin => "source was read from stdin and not kept: span text not shown",
        }
    }
}

/// Reads a stored file's source again when it is still at its path (relative paths are
/// relative to where `ingest` ran) and unchanged, and decodes it as `ingest` did.
pub fn read_back(file: &FileRecord) -> (ReadBack, Option<Source>) {
    let path = &file.path;
    if path == "-" {
        return (ReadBack::Stdin, None);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (ReadBack::Missing, None),
        Err(_) => return (ReadBack::Unreadable, None),
    };
    if cuttings_model::sha256_hex(&bytes) != file.sha256 {
        return (ReadBack::Changed, None);
    }
    match cuttings_pipeline::decode(path, &bytes, None) {
        Ok(src) => (ReadBack::Ok, Some(src)),
        Err(_) => (ReadBack::Unreadable, None),
    }
}

/// The lines of a source text, for turning byte offsets into 1-based line numbers (lines end
/// at `\n`; a form feed does not end a line).
pub struct LineIndex {
    /// The byte offset where each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    /// The lines of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line holding byte `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).max(1)
    }
}

/// The label of each of `spans` (source lines in reading order) for `show` and
/// `fix --split-at`: its 1-based line number, `57`, or `57.2` for the second (left to right) of
/// several of them printed side by side on line 57 (columns of a layout dump).
pub fn line_labels(index: &LineIndex, spans: &[Span]) -> Vec<String> {
    let lines: Vec<usize> = spans.iter().map(|s| index.line_of(s.start)).collect();
    spans
        .iter()
        .zip(&lines)
        .map(|(s, &n)| {
            let mut same: Vec<usize> = spans
                .iter()
                .zip(&lines)
                .filter(|&(_, &m)| m == n)
                .map(|(t, _)| t.start)
                .collect();
            if same.len() == 1 {
                return n.to_string();
            }
            same.sort_unstable();
            let k = same.partition_point(|&t| t < s.start) + 1;
            format!("{n}.{k}")
        })
        .collect()
}

/// `p. 3` or `pp. 3-4`.
pub fn pages(first: u32, last: u32) -> String {
    if first == last {
        format!("{first}")
    } else {
        format!("{first}-{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct T {
        #[command(flatten)]
        f: FilterArgs,
    }

    #[test]
    fn line_numbers_and_labels() {
        let text = "one\ntwo  | two b\n\nfour";
        let index = LineIndex::new(text);
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(4), 2);
        assert_eq!(index.line_of(text.len()), 4);
        assert_eq!(index.line_of(16), 2);
        assert_eq!(index.line_of(17), 3);
        assert_eq!(index.line_of(18), 4);
        // Two columns of one article side by side on line 2, in reading order.
        let spans = [Span::new(0, 3), Span::new(11, 16), Span::new(4, 7)];
        assert_eq!(line_labels(&index, &spans), ["1", "2.2", "2.1"]);
    }

    #[test]
    fn filter_flags_parse() {
        let t = T::try_parse_from([
            "t",
            "--outlet",
            "The Courier",
            "--author",
            "Ann Smith",
            "--from",
            "2017-08",
            "--to",
            "2017",
            "--source",
            "a.txt",
        ])
        .unwrap();
        let f = t.f.to_filter();
        assert_eq!(f.outlet.as_deref(), Some("The Courier"));
        assert_eq!(f.author.as_deref(), Some("Ann Smith"));
        assert_eq!(f.from.unwrap().to_string(), "2017-08-01");
        assert_eq!(f.to.unwrap().to_string(), "2017-12-31");
        assert_eq!(f.source.as_deref(), Some("a.txt"));
        assert!(T::try_parse_from(["t", "--from", "yesterday"]).is_err());
    }
}
