//! `cuttings reindex`: run name and quotation extraction again over a corpus, and rebuild what
//! derives from the records.

/// One-line help.
pub const ABOUT: &str = "Extract names and quotations again and rebuild the full-text index";

/// Full help.
pub const LONG_ABOUT: &str = "\
Run the extraction of names and quotations again over every article of the corpus (after an
upgrade of cuttings, or of its model), then join the names into entities again and re-index the
articles whose names changed. The articles themselves (title, date, outlet, authors, body) are
not touched: the corrections made with `cuttings fix` stay as they are (it is
`cuttings ingest --resegment` that segments files again, and applies them again). The users'
alias decisions (`cuttings alias`) apply to the new names as they did to the old. Also upgrades a corpus written by an older cuttings.

With --index-only, nothing is extracted: the entities are joined again and the whole full-text
index is rebuilt from the records.

Work is done on all cores, a few hundred articles per transaction: an interrupted reindex leaves
every article with either its old names or its new ones, and running it again goes on from where
it stopped (--restart starts over). The index is rebuilt a few thousand articles per commit, so
an interrupted --index-only goes on where it stopped too.";

use std::path::Path;

use anyhow::Context;
use cuttings_store::Corpus;
use rayon::prelude::*;

use crate::cmd;
use crate::Status;

/// Articles per transaction.
const CHUNK: usize = 256;

/// Flags of `reindex`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only rebuild the full-text index and the entities; extract nothing.
    #[arg(long)]
    index_only: bool,
    /// Extract from the first article again, even if an interrupted reindex got further.
    #[arg(long)]
    restart: bool,
    /// No progress bar or summary.
    #[arg(long, short)]
    quiet: bool,
}

/// Runs `reindex`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let start = std::time::Instant::now();
    let mut corpus = cmd::open_writer(corpus_dir)?;
    let total = corpus.stats()?.articles;
    let mut done = 0usize;
    if !args.index_only {
        done = reextract(&mut corpus, total, &args)?;
    }
    let progress = cmd::progress(total, "articles", args.quiet);
    progress.set_message("indexing");
    corpus
        .refresh_with(args.index_only, &mut |n, of| {
            progress.set_length(of as u64);
            progress.set_position(n as u64);
        })
        .context("rebuilding entities and the full-text index")?;
    progress.finish_and_clear();
    if !args.index_only {
        corpus.end_reextraction()?;
    }
    if !args.quiet {
        eprintln!(
            "{} articles, {} re-extracted; entities joined and index refreshed in {:.2} s",
            total,
            done,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(Status::Ok)
}

/// Extracts names and quotations again, [`CHUNK`] articles a transaction, each recording how
/// far the pass got; goes on from there when an earlier pass was interrupted. Returns how many
/// articles were re-extracted by this run.
fn reextract(corpus: &mut Corpus, total: u64, args: &Args) -> anyhow::Result<usize> {
    let progress = cmd::progress(total, "articles", args.quiet);
    progress.set_message("extracting names and quotations");
    let mut cursor = 0;
    if let Some((at, before)) = corpus.reextraction_cursor()?.filter(|_| !args.restart) {
        if !args.quiet {
            progress.suspend(|| {
                eprintln!(
                    "cuttings: going on with the interrupted reindex after {before} of {total} \
                     articles (--restart starts over)"
                )
            });
        }
        cursor = at;
        progress.set_position(before);
    }
    let mut done = 0;
    loop {
        let (mut chunk, next) = corpus.articles_from(cursor, CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        cursor = next;
        chunk.par_iter_mut().for_each(|a| {
            a.entities.clear();
            a.quotes.clear();
            cuttings_pipeline::extract(a);
        });
        done += corpus.replace_names_upto(&chunk, cursor)?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish_and_clear();
    Ok(done)
}
