//! `cuttings entity NAME`: one entity: its names, where and when it is mentioned, with whom, and
//! what it is quoted saying.

/// One-line help.
pub const ABOUT: &str =
    "Show one entity: its names, mentions per outlet and month, co-mentions, quotes";

/// Full help.
pub const LONG_ABOUT: &str = "\
Show one entity, found by its canonical name or by any form it is mentioned under (any case): an
acronym such as MKO finds every article that mentions it, whatever name each article gathered it
under. Prints the canonical name and type, every form it is mentioned under with counts, how many
articles mention it per outlet and per month, the entities most often named in the same articles,
and its direct quotations.

Formats: text (the default) or json (one object).
Exit status 1 when nothing is mentioned under that name.";

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;
use cuttings_cli::wire::{self, EntityReportLine};

use crate::cmd;
use crate::output;
use crate::Status;

/// Formats of `entity`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EntityFormat {
    /// For people.
    #[default]
    Text,
    /// One pretty-printed JSON object.
    Json,
}

/// Flags of `entity`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entity's name, or any form it is mentioned under.
    #[arg(value_name = "NAME")]
    name: String,
    /// How many co-mentioned entities to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    co: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EntityFormat::Text)]
    format: EntityFormat,
}

/// Runs `entity`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let Some(e) = corpus.entity(&args.name, args.co)? else {
        eprintln!(
            "cuttings: nothing in the corpus is mentioned as {:?}",
            args.name
        );
        return Ok(Status::NothingFound);
    };
    let line: EntityReportLine = wire::entity_report_line(e);
    let mut out = output::stdout();
    match args.format {
        EntityFormat::Json => output::json(&mut out, &line)?,
        EntityFormat::Text => {
            writeln!(out, "{} ({})", line.name, line.r#type)?;
            writeln!(
                out,
                "{} mentions in {} articles",
                line.mentions, line.articles
            )?;
            writeln!(out, "\nnames:")?;
            for (n, c) in &line.aliases {
                writeln!(out, "  {c:>6}  {n}")?;
            }
            writeln!(out, "\narticles per outlet:")?;
            for (o, c) in &line.outlets {
                writeln!(out, "  {c:>6}  {}", output::or_dash(o.as_deref()))?;
            }
            writeln!(out, "\narticles per month:")?;
            for (m, c) in &line.months {
                writeln!(out, "  {c:>6}  {m}")?;
            }
            writeln!(out, "\nnamed in the same articles:")?;
            for (n, k, c) in &line.co_mentions {
                writeln!(out, "  {c:>6}  {n} ({k})")?;
            }
            writeln!(out, "\nquotes:")?;
            for q in &line.quotes {
                writeln!(
                    out,
                    "  {}  {}: \"{}\"",
                    output::or_dash(q.date.as_deref()),
                    q.speaker.as_deref().unwrap_or("-"),
                    q.text
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
