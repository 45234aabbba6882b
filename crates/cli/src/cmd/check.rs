//! `cuttings check`: does what derives from the records agree with them; `--repair` makes it.

/// One-line help.
pub const ABOUT: &str = "Verify that the full-text index and entities agree with the records";

/// Full help.
pub const LONG_ABOUT: &str = "\
Verify that the corpus agrees with itself. The records (corpus.sqlite) are the truth; the
full-text index, the entities and the text-reuse links derive from them. A writer killed at the
wrong moment (power cut, SIGKILL, full disk) never loses or halves a stored file, but may leave
what derives behind: articles stored and not yet searchable, entities not joined again, articles
not yet compared for text reuse. check reports each difference with the ids concerned, and
SQLite's own structural check (PRAGMA quick_check). It only reads: it runs beside readers and
writers (a running writer's work in progress shows as differences until it commits).

With --repair, it opens the corpus for writing and brings everything up to date: indexes what
waits, compares every id of the index with the records (adding what is missing, removing
documents without a record and duplicates), joins the entities again and links what is not
linked, then checks again. Any ingest repairs the index too, on its way.

Exit status: 0 when all agrees (after --repair: when all agrees now), 3 when differences were
found (after --repair: when some remain), 2 on an error.

Formats:
  table  one line per difference (the default)
  json   {\"found\": REPORT, \"after\": REPORT or null}; jsonl: the same on one line
  csv    rows of when,problem (when is found or after)";

use std::io::Write;
use std::path::Path;

use cuttings_store::{Check, Corpus, Listed};
use serde::Serialize;

use crate::cmd;
use crate::output::{self, Format};
use crate::Status;

/// Flags of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Repair what differs (opens the corpus for writing; see --wait).
    #[arg(long)]
    repair: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// What `check` prints as JSON.
#[derive(Serialize)]
struct Output {
    found: Report,
    after: Option<Report>,
}

/// One [`Check`] as JSON.
#[derive(Serialize)]
struct Report {
    clean: bool,
    articles: u64,
    documents: u64,
    unindexed: u64,
    missing: Ids,
    orphans: Ids,
    duplicated: Ids,
    unlinked: u64,
    entities_stale: bool,
    database: Vec<String>,
    index_error: Option<String>,
    unfinished: bool,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct Ids {
    count: u64,
    ids: Vec<String>,
}

impl From<&Listed> for Ids {
    fn from(l: &Listed) -> Ids {
        Ids {
            count: l.count,
            ids: l.ids.clone(),
        }
    }
}

impl From<&Check> for Report {
    fn from(c: &Check) -> Report {
        Report {
            clean: c.is_clean(),
            articles: c.articles,
            documents: c.documents,
            unindexed: c.unindexed,
            missing: (&c.missing).into(),
            orphans: (&c.orphans).into(),
            duplicated: (&c.duplicated).into(),
            unlinked: c.unlinked,
            entities_stale: c.entities_stale,
            database: c.database.clone(),
            index_error: c.index_error.clone(),
            unfinished: c.unfinished,
            problems: c.problems(),
        }
    }
}

/// Runs `check`.
pub fn run(corpus_dir: &Path, args: Args) -> anyhow::Result<Status> {
    let found = Corpus::check_dir(corpus_dir).map_err(|e| cmd::hint(e, corpus_dir))?;
    let after = if args.repair {
        let mut corpus = cmd::open_writer(corpus_dir)?;
        let progress = cmd::progress(found.unlinked, "articles", args.quiet);
        progress.set_message("linking");
        corpus.repair_all(&mut |done, _| progress.set_position(done as u64))?;
        progress.finish_and_clear();
        Some(corpus.check()?)
    } else {
        None
    };
    print(&found, after.as_ref(), args.format)?;
    let clean = after.as_ref().unwrap_or(&found).is_clean();
    Ok(if clean {
        Status::Ok
    } else {
        Status::Differences
    })
}

fn print(found: &Check, after: Option<&Check>, format: Format) -> anyhow::Result<()> {
    let mut out = output::stdout();
    match format {
        Format::Table => {
            writeln!(
                out,
                "{} articles in the records, {} documents in the full-text index",
                found.articles, found.documents
            )?;
            describe(&mut out, found, "found")?;
            if let Some(after) = after {
                if after.is_clean() {
                    writeln!(out, "repaired: all agrees now")?;
                } else {
                    describe(&mut out, after, "left after the repair")?;
                }
            } else if !found.is_clean() {
                writeln!(
                    out,
                    "(if a writer is running, this may be its work in progress; \
                     `cuttings check --repair` brings everything up to date)"
                )?;
            }
        }
        Format::Json | Format::Jsonl => {
            let value = Output {
                found: found.into(),
                after: after.map(Report::from),
            };
            if format == Format::Json {
                output::json(&mut out, &value)?;
            } else {
                output::jsonl(&mut out, &value)?;
            }
        }
        Format::Csv => {
            let mut rows = vec![vec!["when".to_string(), "problem".to_string()]];
            let mut add = |when: &str, c: &Check| {
                for p in c.problems() {
                    rows.push(vec![when.to_string(), p]);
                }
            };
            add("found", found);
            if let Some(after) = after {
                add("after", after);
            }
            for row in rows {
                output::csv_row(&mut out, &row)?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn describe(out: &mut impl Write, check: &Check, when: &str) -> anyhow::Result<()> {
    let problems = check.problems();
    if problems.is_empty() {
        writeln!(out, "{when}: all agrees")?;
    }
    for p in problems {
        writeln!(out, "{when}: {p}")?;
    }
    Ok(())
}
