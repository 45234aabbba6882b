//! `cuttings import --parquet DIR`: articles from Parquet tables into a corpus (issue #15).

/// One-line help.
pub const ABOUT: &str =
    "Load the articles of Parquet tables (an export, a cluster job's) into a corpus";

/// Full help.
pub const LONG_ABOUT: &str = "\
Load DIR/articles.parquet, as `cuttings export --format parquet` writes it (or a cluster job
that writes the same columns), into the corpus (created when missing), so that every command
works on it: the articles with their names, quotations and confidences are stored source by
source, the names are joined into the corpus's entities, and text reuse is linked as `ingest`
links it. The other tables of DIR are not read: entities and reuse are derived again.

What the table does not hold stays empty: the source spans of each field (`show` prints no
source text), dropped furniture and line roles. A source already in the corpus is skipped, as
`ingest` skips a file it has. The articles of one source must stand together in the table
(the export writes them so).

Exit status: 0 when articles were added, 1 when the table held none new, 2 on an error.";

use std::path::{Path, PathBuf};

use anyhow::Context;
use cuttings_store::{Corpus, FileIngest, FileRecord};

use crate::Status;

/// Flags of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder holding articles.parquet.
    #[arg(long, value_name = "DIR")]
    parquet: PathBuf,
    /// No summary line on stderr.
    #[arg(long)]
    quiet: bool,
}

/// Sources stored per index commit.
const BATCH: usize = 64;

/// Runs `import`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let mut corpus = Corpus::open(corpus_dir)
        .with_context(|| format!("opening the corpus {}", corpus_dir.display()))?;
    let mut batch: Vec<FileIngest> = Vec::new();
    let (mut added, mut present) = (0, 0);
    let rows = cuttings_export::import::read_articles(&args.parquet, &mut |source| {
        let pages = source
            .articles
            .iter()
            .map(|a| a.source.last_page)
            .max()
            .unwrap_or(1);
        let bytes = source.articles.iter().map(|a| a.body.len() as u64).sum();
        batch.push(FileIngest {
            file: FileRecord {
                path: source.path,
                sha256: source.sha256,
                // what the original file was is not in the table
                encoding: "unknown".into(),
                flavor: Some("parquet".into()),
                pages,
                bytes,
            },
            articles: source.articles,
            dropped: Vec::new(),
            diagnostics: Vec::new(),
            lines: Vec::new(),
        });
        if batch.len() >= BATCH {
            for o in corpus.ingest_batch(&batch)? {
                added += o.added;
                present += o.already_present;
            }
            batch.clear();
        }
        Ok(())
    })
    .with_context(|| format!("importing {}", args.parquet.display()))?;
    for o in corpus.ingest_batch(&batch)? {
        added += o.added;
        present += o.already_present;
    }
    corpus.resolve_entities()?;
    let linked = corpus.link_pending(&mut |_, _| {})?;
    if !args.quiet {
        eprintln!(
            "{rows} articles read from {}: {added} added, {present} already present; {} pairs linked",
            args.parquet.join("articles.parquet").display(),
            linked.links
        );
    }
    Ok(if added == 0 {
        Status::NothingFound
    } else {
        Status::Ok
    })
}
