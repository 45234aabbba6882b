//! `cuttings import --parquet DIR`: articles from Parquet tables into a corpus (issue #15).

/// One-line help.
pub const ABOUT: &str =
    "Load the articles of Parquet tables (an export, a cluster job's) into a corpus";

/// Full help.
pub const LONG_ABOUT: &str = "\
Load the articles table of DIR, as `cuttings export --format parquet` writes it
(DIR/articles.parquet) or as the Spark job of scale/spark/ writes it (a folder of part files,
DIR/articles.parquet/part-*.parquet), into the corpus (created when missing), so that every
command works on it: the articles with their names, quotations and confidences are stored
source by source, and the names are joined into the corpus's entities.

Text reuse: when the corpus held no linked articles before and DIR has a reuse table (file or
folder of parts, with the columns of the export's, each passage with `quoted`), its links are
taken as they are, which is what makes a cluster's alignment worth having; otherwise (or with
--relink) the articles are linked here, as `ingest` links them. The entities table of DIR is
not read: entities are joined again from the names of the articles.

What the table does not hold stays empty: the source spans of each field (`show` prints no
source text), dropped furniture and line roles. A source already in the corpus is skipped, as
`ingest` skips a file it has. The articles of one source must stand together in the table
(the export writes them so).

Exit status: 0 when articles were added, 1 when the table held none new, 2 on an error.";

use std::path::{Path, PathBuf};

use anyhow::Context;
use cuttings_cli::wire::LinkLine;
use cuttings_store::{Corpus, FileIngest, FileRecord};

use crate::cmd;
use crate::Status;

/// Flags of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder holding articles.parquet.
    #[arg(long, value_name = "DIR")]
    parquet: PathBuf,
    /// Link text reuse here, even when DIR has a reuse table.
    #[arg(long)]
    relink: bool,
    /// No summary line on stderr.
    #[arg(long)]
    quiet: bool,
}

/// The links of DIR's reuse table, stored as they are when the corpus can take them (see
/// [`Corpus::adopt_links`]); `None` when there is no table or the corpus must link itself.
fn adopt_reuse(
    corpus: &mut Corpus,
    dir: &Path,
) -> anyhow::Result<Option<cuttings_store::LinkOutcome>> {
    let mut lines: Vec<LinkLine> = Vec::new();
    let found = cuttings_export::import::read_reuse(dir, &mut |batch| {
        lines.extend(batch);
        Ok(())
    })
    .with_context(|| format!("reading the reuse table of {}", dir.display()))?;
    if found.is_none() {
        return Ok(None);
    }
    let mut links = Vec::with_capacity(lines.len());
    for chunk in lines.chunks(1024) {
        let ids: Vec<&str> = chunk
            .iter()
            .flat_map(|l| [l.a.as_str(), l.b.as_str()])
            .collect();
        let bodies = corpus.bodies(&ids)?;
        for l in chunk {
            let (Some(a), Some(b)) = (bodies.get(&l.a), bodies.get(&l.b)) else {
                continue;
            };
            let link = l.to_link(a, b).with_context(|| {
                format!("the reuse table of {}: kind {:?}", dir.display(), l.kind)
            })?;
            links.push(link);
        }
    }
    let missing = lines.len() - links.len();
    Ok(corpus.adopt_links(&links)?.map(|mut o| {
        o.dropped += missing;
        o
    }))
}

/// Sources stored per index commit.
const BATCH: usize = 64;

/// Runs `import`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let mut corpus = cmd::open_writer(corpus_dir)?;
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
    let adopted = if args.relink {
        None
    } else {
        adopt_reuse(&mut corpus, &args.parquet)?
    };
    let reuse = match adopted {
        Some(o) if o.dropped > 0 => format!(
            "{} pairs taken from the reuse table ({} naming articles not in the corpus left out)",
            o.links, o.dropped
        ),
        Some(o) => format!("{} pairs taken from the reuse table", o.links),
        None => format!(
            "{} pairs linked",
            corpus.link_pending(&mut |_, _| {})?.links
        ),
    };
    if !args.quiet {
        eprintln!(
            "{rows} articles read from {}: {added} added, {present} already present; {reuse}",
            args.parquet.display(),
        );
    }
    Ok(if added == 0 {
        Status::NothingFound
    } else {
        Status::Ok
    })
}
