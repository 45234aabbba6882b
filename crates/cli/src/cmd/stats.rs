//! `cuttings stats`: what the corpus holds, counted.

/// One-line help.
pub const ABOUT: &str = "Count articles by outlet, author and month; dropped furniture; warnings";

/// Full help.
pub const LONG_ABOUT: &str = "\
Count what the corpus holds: articles and sources; articles per outlet, per author and per month;
articles without a date or an outlet; page furniture dropped per reason (running headers, page
numbers, mastheads...); the warnings the pipeline raised about doubtful content; and the
doubtful splits: articles for which segmentation was less sure than --doubtful-below of their
boundaries or of a field, with the least sure part and its confidence, the most doubtful first
(check them with `cuttings show ID`, correct them with `cuttings fix ID`).

Formats:
  table  one section per count (the default)
  json   one object; jsonl: the same object on one line
  csv    rows of section,value,count (warnings as warning,SOURCE: MESSAGE,1; doubtful splits as
         doubtful,ID PART: TITLE,CONFIDENCE)

With --collapse-reprints, the counts of articles (in all, per outlet, author and month, undated,
without outlet) count each reprint group once, as its earliest article.";

use std::io::Write;
use std::path::Path;

use crate::cmd;
use crate::output::{self, Align, Format, Table};
use crate::Status;
use cuttings_cli::wire::{self, DoubtfulLine};

/// Flags of `stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Rows per section in the table format (0 for all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Count every reprint group (whole-story reprints, see `cuttings reuse`) once, as its
    /// earliest article (furniture and warnings are not collapsed).
    #[arg(long)]
    collapse_reprints: bool,
    /// List the articles with a confidence of segmentation under this as doubtful.
    #[arg(long, default_value_t = 0.5, value_name = "P")]
    doubtful_below: f32,
}

/// Runs `stats`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let s = if args.collapse_reprints {
        corpus.stats_collapsed()?
    } else {
        corpus.stats()?
    };
    let doubtful: Vec<DoubtfulLine> = corpus
        .doubtful(args.doubtful_below)?
        .into_iter()
        .map(wire::doubtful_line)
        .collect();
    let wire = wire::stats_output(&s, doubtful.clone());
    let mut out = output::stdout();
    match args.format {
        Format::Table => {
            let top = if args.top == 0 { usize::MAX } else { args.top };
            writeln!(
                out,
                "{} articles from {} sources ({} undated, {} without outlet)",
                s.articles, s.sources, s.undated, s.no_outlet
            )?;
            for (title, rows) in [
                ("outlet", &s.by_outlet),
                ("author", &s.by_author),
                ("month", &s.by_month),
                ("dropped", &s.dropped_by_reason),
            ] {
                writeln!(out)?;
                let mut t = Table::new(&[("count", Align::Right), (title, Align::Left)]);
                for (value, count) in rows.iter().take(top) {
                    t.row(vec![count.to_string(), value.clone()]);
                }
                if rows.len() > top {
                    t.row(vec![
                        "…".into(),
                        format!("{} more (--top 0 shows all)", rows.len() - top),
                    ]);
                }
                if t.is_empty() {
                    t.row(vec!["0".into(), "-".into()]);
                }
                t.write(&mut out)?;
            }
            writeln!(out)?;
            writeln!(out, "{} warnings", s.warnings.len())?;
            for (source, message) in s.warnings.iter().take(top) {
                writeln!(out, "  {source}: {message}")?;
            }
            if s.warnings.len() > top {
                writeln!(
                    out,
                    "  … {} more (--top 0 shows all)",
                    s.warnings.len() - top
                )?;
            }
            writeln!(out)?;
            writeln!(
                out,
                "{} doubtful split{} (confidence under {})",
                doubtful.len(),
                if doubtful.len() == 1 { "" } else { "s" },
                args.doubtful_below
            )?;
            if !doubtful.is_empty() {
                let mut t = Table::new(&[
                    ("confidence", Align::Right),
                    ("part", Align::Left),
                    ("id", Align::Left),
                    ("title", Align::Left),
                ]);
                for d in doubtful.iter().take(top) {
                    t.row(vec![
                        format!("{:.3}", d.value.0),
                        d.part.clone(),
                        d.id.chars().take(10).collect(),
                        output::truncate(&output::or_dash(d.title.as_deref()), 70),
                    ]);
                }
                if doubtful.len() > top {
                    t.row(vec![
                        "…".into(),
                        String::new(),
                        String::new(),
                        format!("{} more (--top 0 shows all)", doubtful.len() - top),
                    ]);
                }
                t.write(&mut out)?;
            }
        }
        Format::Json => output::json(&mut out, &wire)?,
        Format::Jsonl => output::jsonl(&mut out, &wire)?,
        Format::Csv => {
            output::csv_row(&mut out, &["section", "value", "count"])?;
            for (value, count) in [
                ("articles", s.articles),
                ("sources", s.sources),
                ("undated", s.undated),
                ("no_outlet", s.no_outlet),
            ] {
                output::csv_row(&mut out, &["total", value, &count.to_string()])?;
            }
            for (section, rows) in [
                ("outlet", &s.by_outlet),
                ("author", &s.by_author),
                ("month", &s.by_month),
                ("dropped", &s.dropped_by_reason),
            ] {
                for (value, count) in rows {
                    output::csv_row(&mut out, &[section, value, &count.to_string()])?;
                }
            }
            for (source, message) in &s.warnings {
                output::csv_row(&mut out, &["warning", &format!("{source}: {message}"), "1"])?;
            }
            for d in &doubtful {
                output::csv_row(
                    &mut out,
                    &[
                        "doubtful",
                        &format!("{} {}: {}", d.id, d.part, d.title.as_deref().unwrap_or("")),
                        &format!("{:.3}", d.value.0),
                    ],
                )?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
