//! `cuttings ingest`: read digests and web pages, split them into articles, store them in the corpus.

/// One-line help.
pub const ABOUT: &str =
    "Read press digests and web pages into the corpus (files, folders, URLs or - for stdin)";

/// Full help.
pub const LONG_ABOUT: &str = "\
Read text dumps of PDF press digests (pdftotext default, -layout or -raw output, seed-like dumps;
UTF-8, UTF-16 with BOM or Windows-1252), split them into articles, drop page furniture, repair
hyphenation, and store the articles in the corpus (created when missing).

Web pages (.html, .htm, .xhtml, .mhtml/.mht archives, or any file that starts like HTML) give one
article each: the main text without navigation, ads, related links, comments or captions, and the
title, date, outlet, authors and language from JSON-LD, OpenGraph, meta tags, bylines or the URL.

PATH may be a file, a folder (every regular file in it, recursively, skipping hidden files and
folders), an http:// or https:// URL (fetched once, with a User-Agent naming cuttings, a 30 s
timeout, retries and a 16 MiB limit), or - for stdin (stored under the name \"-\"). Inputs are
processed in sorted order, so the corpus comes out the same whatever order the shell gave them in.

Ingesting the same file twice adds nothing: article ids are content hashes, and a file already in
the corpus is not read again. With --resegment, files already in the corpus are segmented again
(after an upgrade of cuttings) and their articles replaced. Whenever a file is segmented, the
corrections users made to it (`cuttings fix`) apply again, in order. Each file is stored
atomically. A file that cannot be read (missing, not a regular file, empty, too short, binary,
undecodable, an archive or compressed file, over a limit below; a PDF that is encrypted,
truncated, nested too deep or a decompression bomb) is reported on one line as
`cuttings: PATH: reason` and skipped; the others are still
ingested, and the exit status is 2. A file in which no article was found gets a warning line but
is not an error, as do broken or looping symbolic links and special files met in a folder.

An RSS or Atom feed given as a file (known by its first element, not its name) gives an article
per item from the item's own content, stored as PATH#ID; nothing is fetched (`cuttings watch`
fetches the items' pages).

A .jsonl (or .ndjson) file is read as JSON Lines of articles, one object per line with the keys of
the output contract (title, subtitle, date, outlet, authors, language, body; url optional; id and
other keys ignored): another tool's corpus, or `cuttings articles --format jsonl` of another
corpus. A line that cannot be read is reported as `cuttings: PATH:LINE: reason` (exit status 2)
and the other lines are still ingested.

When the files are stored, the new articles are compared with the whole corpus for text reuse
(reprints, shared passages, shared quotations; see `cuttings reuse`): only the new ones, so a
small ingest into a big corpus stays quick.

Limits (issue #17; the README has the table): --max-file-size (256MiB), --max-pages (2000),
--max-depth (256), --max-inflated (64MiB), --max-html-nodes (500000); the message of a file
refused by one names its flag.

Files are read and split on all cores; one writer thread owns the corpus. A progress bar is shown
on stderr when stderr is a terminal; a summary (files, articles added, already present, dropped
spans, MB/s) is printed on stderr at the end unless --quiet is given.";

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use cuttings_pipeline::Processed;
use cuttings_store::{Corpus, FileIngest, FileRecord, IngestOutcome};
use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::cmd;
use crate::{output, Status};

/// Flags of `ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (recursive) or - for stdin.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Refuse files (and stdin, and fetched pages) larger than this (e.g. 256MiB, 10M, 4096).
    #[arg(long, value_name = "SIZE", default_value_t = cmd::limits::MAX_FILE_SIZE, alias = "max-bytes")]
    max_file_size: cmd::limits::Size,
    /// Limits on each input (issue #17); a file over one is reported and skipped.
    #[command(flatten)]
    limits: cmd::limits::LimitArgs,
    /// Worker threads for reading and splitting (default: one per core).
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary (errors and warnings are still printed).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Segment files already in the corpus again and replace their articles (corrections made
    /// with `cuttings fix` apply again).
    #[arg(long)]
    resegment: bool,
}

/// One input: a file path or stdin.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Input {
    Stdin,
    File(PathBuf),
    Url(String),
}

/// What a worker made of one input.
enum Made {
    /// The file, read and split, with the lines of a JSON Lines file that could not be read
    /// (`PATH:LINE: reason`).
    New(FileIngest, Vec<String>),
    /// An RSS or Atom feed given as a file: each item's own content as a page of its own
    /// (`FILE#ID`), as `watch` stores an item whose page cannot be had.
    Feed(Vec<FileIngest>),
    /// A file the corpus already holds, split again (`--resegment`): its articles are replaced.
    Again(FileIngest),
    /// A file the corpus already holds (same SHA-256): not split again.
    Known {
        path: String,
        bytes: u64,
        /// Articles the corpus holds from it.
        articles: u64,
    },
}

/// What a worker hands the writer for one input.
type Work = (anyhow::Result<Made>, Duration);

/// Counters for the summary.
#[derive(Debug, Default)]
struct Totals {
    files: usize,
    failed: usize,
    empty: usize,
    bytes: u64,
    dropped: usize,
    warnings: usize,
    outcome: IngestOutcome,
    /// Files segmented again (`--resegment`), and the articles they had before.
    resegmented: usize,
    replaced: usize,
    /// Corrections that no longer applied.
    skipped_corrections: usize,
    /// Time the workers spent reading and splitting, summed over workers.
    process_time: Duration,
    /// Time the writer spent storing.
    store_time: Duration,
    /// Text reuse found for the new articles, and the time it took.
    linked: cuttings_store::LinkOutcome,
    link_time: Duration,
}

/// Files to store at once (each is still its own SQLite transaction).
const BATCH_FILES: usize = 64;
const BATCH_BYTES: u64 = 8 << 20;
/// The index commits (making stored articles searchable) after this much text or time, and at
/// the end: a commit costs a fixed fraction of a second, and articles stored but not committed
/// when the process dies are indexed by the next open, so commits can be rare.
const COMMIT_BYTES: u64 = 64 << 20;
const COMMIT_TIME: Duration = Duration::from_secs(10);

/// Runs `ingest`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let start = Instant::now();
    let mut failures: Vec<anyhow::Error> = Vec::new();
    let inputs = expand(&args.paths, &mut failures);
    if inputs.is_empty() && failures.is_empty() {
        eprintln!("cuttings: warning: no files found in the given folders");
    }
    let mut corpus = cmd::open_writer(corpus_dir)?;

    let progress = cmd::progress(inputs.len() as u64, "files", args.quiet);

    let mut totals = Totals::default();
    for err in failures {
        progress.suspend(|| eprintln!("cuttings: {}", output::chain(&err)));
        totals.files += 1;
        totals.failed += 1;
    }

    let pool = {
        let mut b = rayon::ThreadPoolBuilder::new();
        if let Some(n) = args.threads {
            b = b.num_threads(n.max(1));
        }
        b.build().context("starting worker threads")?
    };
    let stop = AtomicBool::new(false);
    let (tx, rx) = crossbeam_channel::bounded::<(usize, Work)>(pool.current_num_threads() * 4);
    let limits = args.limits.limits(args.max_file_size);
    // Workers skip splitting files the corpus already holds, and apply the corrections it holds
    // for a file; a fresh corpus holds neither.
    let check_known = !corpus.is_empty()? || corpus.has_corrections()?;
    let resegment = args.resegment;
    let fetcher = cuttings_feed::Fetcher::new(cuttings_feed::FetchConfig::default());

    let written = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_all(&mut corpus, rx, &progress, &mut totals, &stop));
        pool.install(|| {
            inputs.par_iter().enumerate().for_each_init(
                || {
                    let known = check_known
                        .then(|| Corpus::open_existing(corpus_dir).ok())
                        .flatten();
                    (tx.clone(), known)
                },
                |(tx, known), (i, input)| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let t = Instant::now();
                    let work = (
                        process(input, &limits, known.as_ref(), resegment, &fetcher),
                        t.elapsed(),
                    );
                    if tx.send((i, work)).is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                },
            );
            drop(tx);
        });
        writer.join().expect("writer thread panicked")
    });
    progress.finish_and_clear();
    written?;
    drop(corpus);

    if !args.quiet {
        let secs = start.elapsed().as_secs_f64();
        let mb = totals.bytes as f64 / 1e6;
        let o = totals.outcome;
        eprintln!(
            "{} file{} read ({} failed, {} without articles): {} articles added, {} already present, {} furniture spans dropped, {} warnings",
            totals.files,
            if totals.files == 1 { "" } else { "s" },
            totals.failed,
            totals.empty,
            o.added,
            o.already_present,
            totals.dropped,
            totals.warnings,
        );
        if args.resegment {
            eprintln!(
                "{} file{} segmented again: {} articles replaced",
                totals.resegmented,
                if totals.resegmented == 1 { "" } else { "s" },
                totals.replaced,
            );
        }
        if totals.skipped_corrections > 0 {
            eprintln!(
                "{} correction{} no longer applied (see the warnings of `cuttings stats`)",
                totals.skipped_corrections,
                if totals.skipped_corrections == 1 {
                    ""
                } else {
                    "s"
                },
            );
        }
        if totals.linked.articles > 0 {
            eprintln!(
                "{} article{} compared with the corpus in {:.2} s: {} pairs linked{} (`cuttings reuse`)",
                totals.linked.articles,
                if totals.linked.articles == 1 { "" } else { "s" },
                totals.link_time.as_secs_f64(),
                totals.linked.links,
                cmd::reuse::dropped_note(totals.linked.dropped),
            );
        }
        eprintln!(
            "{mb:.2} MB in {secs:.2} s ({:.2} MB/s) into {}; reading and splitting took {:.2} s of worker time, storing {:.2} s",
            if secs > 0.0 { mb / secs } else { 0.0 },
            corpus_dir.display(),
            totals.process_time.as_secs_f64(),
            totals.store_time.as_secs_f64(),
        );
    }
    Ok(if totals.failed > 0 {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

/// The writer thread: puts results back in input order and stores them in batches.
fn write_all(
    corpus: &mut Corpus,
    rx: crossbeam_channel::Receiver<(usize, Work)>,
    progress: &ProgressBar,
    totals: &mut Totals,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut pending: BTreeMap<usize, Work> = BTreeMap::new();
    let mut next = 0;
    let mut batch: Vec<FileIngest> = Vec::new();
    let mut batch_bytes = 0;
    let mut uncommitted_bytes = 0;
    let mut last_commit = Instant::now();
    let result = (|| {
        for (i, work) in &rx {
            pending.insert(i, work);
            while let Some((work, took)) = pending.remove(&next) {
                next += 1;
                totals.files += 1;
                totals.process_time += took;
                progress.inc(1);
                match work {
                    Ok(Made::New(file, errors)) => {
                        if !errors.is_empty() {
                            totals.failed += 1;
                            progress.suspend(|| {
                                for e in &errors {
                                    eprintln!("cuttings: {e}");
                                }
                            });
                        }
                        totals.bytes += file.file.bytes;
                        batch_bytes += file.file.bytes;
                        batch.push(file);
                    }
                    Ok(Made::Feed(files)) => {
                        for file in files {
                            totals.bytes += file.file.bytes;
                            batch_bytes += file.file.bytes;
                            batch.push(file);
                        }
                    }
                    Ok(Made::Again(file)) => {
                        // In input order: what is batched before it is stored first.
                        flush(corpus, &mut batch, progress, totals)?;
                        uncommitted_bytes += batch_bytes;
                        batch_bytes = 0;
                        totals.bytes += file.file.bytes;
                        let t = Instant::now();
                        let removed = corpus
                            .replace_source(&file)
                            .with_context(|| format!("{}: storing it again", file.file.path))?;
                        totals.store_time += t.elapsed();
                        totals.resegmented += 1;
                        totals.replaced += removed.len();
                        totals.outcome.added += file.articles.len();
                        count_file(&file, progress, totals);
                    }
                    Ok(Made::Known {
                        path,
                        bytes,
                        articles,
                    }) => {
                        totals.bytes += bytes;
                        totals.outcome.already_present += usize::try_from(articles).unwrap_or(0);
                        if articles == 0 {
                            totals.empty += 1;
                            progress.suspend(|| {
                                eprintln!("cuttings: warning: {path}: no articles found")
                            });
                        }
                    }
                    Err(err) => {
                        totals.failed += 1;
                        progress.suspend(|| eprintln!("cuttings: {}", output::chain(&err)));
                    }
                }
            }
            if batch.len() >= BATCH_FILES || batch_bytes >= BATCH_BYTES {
                flush(corpus, &mut batch, progress, totals)?;
                uncommitted_bytes += batch_bytes;
                batch_bytes = 0;
            }
            if uncommitted_bytes >= COMMIT_BYTES
                || (uncommitted_bytes > 0 && last_commit.elapsed() >= COMMIT_TIME)
            {
                commit(corpus, totals)?;
                uncommitted_bytes = 0;
                last_commit = Instant::now();
            }
            progress.set_message(format!(
                "{:.1} MB read, {} articles stored",
                totals.bytes as f64 / 1e6,
                totals.outcome.added
            ));
        }
        flush(corpus, &mut batch, progress, totals)?;
        commit(corpus, totals)?;
        progress.set_message("joining names across articles");
        let t = Instant::now();
        corpus
            .resolve_entities()
            .context("joining the names of the articles into entities")?;
        totals.store_time += t.elapsed();
        // Text reuse (issue #13): the new articles against the corpus, never a full pass.
        progress.set_message("finding reused passages");
        let t = Instant::now();
        let linked = corpus
            .link_pending(&mut |done, total| {
                progress.set_message(format!("finding reused passages: {done}/{total} articles"))
            })
            .context("finding text reuse between the new articles and the corpus")?;
        totals.link_time += t.elapsed();
        totals.linked = linked;
        Ok(())
    })();
    if result.is_err() {
        stop.store(true, Ordering::Relaxed);
    }
    result
}

/// Commits the index: what was stored becomes searchable.
fn commit(corpus: &mut Corpus, totals: &mut Totals) -> anyhow::Result<()> {
    let t = Instant::now();
    corpus.commit().context("committing the full-text index")?;
    totals.store_time += t.elapsed();
    Ok(())
}

/// Stores the batch (without committing the index) and reports per-file outcomes.
fn flush(
    corpus: &mut Corpus,
    batch: &mut Vec<FileIngest>,
    progress: &ProgressBar,
    totals: &mut Totals,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let t = Instant::now();
    let outcomes = corpus
        .store_batch(batch)
        .context("storing articles in the corpus")?;
    totals.store_time += t.elapsed();
    for (file, outcome) in batch.iter().zip(outcomes) {
        totals.outcome += outcome;
        count_file(file, progress, totals);
    }
    batch.clear();
    Ok(())
}

/// Counts what a stored file dropped and warned about.
fn count_file(file: &FileIngest, progress: &ProgressBar, totals: &mut Totals) {
    totals.dropped += file.dropped.len();
    totals.warnings += file
        .diagnostics
        .iter()
        .filter(|d| d.severity == cuttings_model::Severity::Warning)
        .count();
    totals.skipped_corrections += file
        .diagnostics
        .iter()
        .filter(|d| d.severity == cuttings_model::Severity::Warning)
        .filter(|d| d.message.starts_with("correction #"))
        .count();
    if file.articles.is_empty() {
        totals.empty += 1;
        progress.suspend(|| eprintln!("cuttings: warning: {}: no articles found", file.file.path));
    }
}

/// Reads, decodes and splits one input (runs on the worker threads), with the corrections
/// `known` (a reader of the corpus) holds for it; a file that `known` already holds is only read
/// and hashed, unless `resegment`.
fn process(
    input: &Input,
    limits: &cuttings_model::Limits,
    known: Option<&Corpus>,
    resegment: bool,
    fetcher: &cuttings_feed::Fetcher,
) -> anyhow::Result<Made> {
    let source = match input {
        Input::File(path) => {
            let source = cuttings_pipeline::read_file_with(path, limits)?;
            // A feed read as text would be one article of markup (issue #17).
            let markup = !matches!(
                source.format,
                cuttings_model::SourceFormat::Pdf | cuttings_model::SourceFormat::Jsonl
            );
            if markup && cuttings_feed::looks_like_feed(source.text.as_bytes()) {
                return feed_file(&source, limits);
            }
            source
        }
        Input::Url(url) => match fetcher.get(url, None)? {
            cuttings_feed::Fetched::Body(b) => {
                cuttings_pipeline::decode_with(url, &b.bytes, b.content_type.as_deref(), limits)?
            }
            cuttings_feed::Fetched::NotModified => anyhow::bail!("{url}: unexpected 304"),
        },
        Input::Stdin => {
            let max_bytes = limits.max_file_size;
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .take(max_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .context("-: reading stdin")?;
            if bytes.len() as u64 > max_bytes {
                return Err(cuttings_read::Error::TooLarge {
                    path: "-".into(),
                    size: bytes.len() as u64,
                    limit: max_bytes,
                }
                .into());
            }
            cuttings_pipeline::decode_with("-", &bytes, None, limits)?
        }
    };
    let mut again = false;
    let mut corrections = Vec::new();
    if let Some(corpus) = known {
        // A failed look-up only costs the split: the store skips known files itself.
        if let Ok(Some(articles)) = corpus.source_articles(&source.sha256) {
            if !resegment {
                return Ok(Made::Known {
                    path: source.path.clone(),
                    bytes: source.text.len() as u64,
                    articles,
                });
            }
            again = true;
        }
        corrections = corpus
            .active_corrections(&source.sha256)
            .with_context(|| format!("{}: reading its corrections", source.path))?;
    }
    // A bug in a stage must not end the whole batch: report it against the file and go on.
    let processed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        cuttings_pipeline::process_with(&source, &corrections, limits)
    }))
    .map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        anyhow::anyhow!("{}: internal error, please report it: {why}", source.path)
    })?;
    let errors = processed.errors.clone();
    let file = file_ingest(processed);
    Ok(if again {
        Made::Again(file)
    } else {
        Made::New(file, errors)
    })
}

/// The items of a feed file, each from its own content (no page is fetched).
fn feed_file(
    source: &cuttings_model::Source,
    limits: &cuttings_model::Limits,
) -> anyhow::Result<Made> {
    let feed = cuttings_feed::parse(source.text.as_bytes(), Some(&source.path))?;
    let mut files = Vec::new();
    for item in &feed.items {
        let Some(content) = item.content.as_deref().filter(|c| !c.trim().is_empty()) else {
            eprintln!(
                "cuttings: warning: {}: item {} has no content, skipped",
                source.path, item.id
            );
            continue;
        };
        let html = super::watch::fallback_page(item, content);
        let path = format!("{}#{}", source.path, item.id);
        let src = cuttings_pipeline::decode_with(&path, html.as_bytes(), Some("text/html"), limits)
            .with_context(|| format!("{path}: feed item content"))?;
        files.push(file_ingest(cuttings_pipeline::process_with(
            &src,
            &[],
            limits,
        )));
    }
    if files.is_empty() {
        anyhow::bail!("{}: a feed without any item content", source.path);
    }
    Ok(Made::Feed(files))
}

/// What the store takes, from what the pipeline gives.
pub(crate) fn file_ingest(p: Processed) -> FileIngest {
    // Web pages have no text-dump flavor; the store's flavor column says "html" for them.
    let flavor = match p.file.format {
        cuttings_model::SourceFormat::Html => Some("html".to_string()),
        cuttings_model::SourceFormat::Jsonl => Some("jsonl".to_string()),
        cuttings_model::SourceFormat::TextDump | cuttings_model::SourceFormat::Pdf => {
            p.file.flavor.map(|f| f.as_str().to_string())
        }
    };
    FileIngest {
        file: FileRecord {
            path: p.file.path,
            sha256: p.file.sha256,
            encoding: p.file.encoding.to_string(),
            flavor,
            pages: p.file.pages,
            bytes: p.file.bytes,
        },
        articles: p.articles,
        dropped: p.dropped,
        diagnostics: p.diagnostics,
        lines: p.lines,
    }
}

/// Expands folders into their files (recursively, skipping hidden entries), sorted and deduplicated.
///
/// Paths that cannot be listed are reported in `failures`; paths that are not folders are kept as
/// files and reported (if missing) when they are read.
fn expand(paths: &[PathBuf], failures: &mut Vec<anyhow::Error>) -> Vec<Input> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if path.to_str().is_some_and(cuttings_feed::is_http) {
            out.push(Input::Url(path.to_string_lossy().into_owned()));
        } else if path.is_dir() {
            walk(path, &mut out, failures);
        } else {
            out.push(Input::File(path.clone()));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn walk(dir: &Path, out: &mut Vec<Input>, failures: &mut Vec<anyhow::Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failures.push(anyhow::anyhow!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                failures.push(anyhow::anyhow!("{}: {e}", dir.display()));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        // Follow symlinks to files, but do not descend into linked folders (no cycles).
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out, failures);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            out.push(Input::File(path));
        } else if kind.is_symlink() {
            // Nothing is skipped silently (issue #17); a link to a folder is skipped by design.
            match std::fs::metadata(&path) {
                Err(e) => eprintln!(
                    "cuttings: warning: {}: broken or looping symbolic link, skipped ({e})",
                    path.display()
                ),
                Ok(m) if !m.is_dir() => eprintln!(
                    "cuttings: warning: {}: links to something that is not a regular file, skipped",
                    path.display()
                ),
                Ok(_) => {}
            }
        } else {
            eprintln!(
                "cuttings: warning: {}: not a regular file (a FIFO, socket or device), skipped",
                path.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_sorts_recurses_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
        std::fs::create_dir_all(d.join(".git")).unwrap();
        for f in [
            "b.txt",
            "a",
            "sub/c.txt",
            "sub/deeper/d.txt",
            ".hidden.txt",
            ".git/x.txt",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let mut failures = Vec::new();
        let got = expand(
            &[d.join("sub"), d.to_path_buf(), PathBuf::from("-")],
            &mut failures,
        );
        assert!(failures.is_empty());
        let names: Vec<String> = got
            .iter()
            .map(|i| match i {
                Input::Stdin => "-".to_string(),
                Input::File(p) => p.strip_prefix(d).unwrap().display().to_string(),
                Input::Url(u) => u.clone(),
            })
            .collect();
        assert_eq!(names, ["-", "a", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]);
    }
}
