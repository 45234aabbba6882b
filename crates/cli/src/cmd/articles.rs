//! `cuttings articles`: list the articles of the corpus, optionally filtered.

/// One-line help.
pub const ABOUT: &str = "List articles (all, or those of one source, outlet, author or date range)";

/// Full help.
pub const LONG_ABOUT: &str = "\
List the articles of the corpus in ingest order (source by source, in reading order).

Formats:
  table  id prefix, date, outlet, authors, pages and title, aligned (the default)
  json   one array of articles
  jsonl  one article per line: the output contract (below)
  csv    a header row, then one row per article (authors joined with \"; \", confidence the least
         of the five, body last)

Output contract of --format jsonl (stable; other tools build on it): every line is one JSON object
with exactly the keys id, title, subtitle, date, outlet, authors, language, body, kind, source,
entities, quotes, confidence, reuse. Missing values are null, `authors` is an array, `date` is
YYYY-MM-DD, `body` is the clean text with paragraphs separated by one blank line, `kind` is
\"article\" or \"letter\", `source` is {path, sha256, first_page, last_page}, and `confidence` is
{boundary, title, date, outlet, authors} (how sure segmentation was, from 0 to 1, 3 decimals) or
null (web pages, corpora written before it was kept), and `reuse` lists the passages the article
shares with others: {other, start, end, other_start, other_end, words}, character offsets into
this body and the other's (see `cuttings reuse`). Unlike `search --format jsonl`, the lines
are plain articles, not {\"type\": ..., \"data\": ...} records, and there is no summary line.

Exits with 1 when no article matches.";

use std::io::Write;
use std::path::Path;

use crate::cmd::{self, FilterArgs};
use crate::output::{self, Align, Format, Table};
use crate::Status;
use cuttings_cli::wire::ArticleLine;

/// Flags of `articles`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The bodies of `articles`, by id.
fn bodies(articles: &[cuttings_model::Article]) -> std::collections::HashMap<&str, &str> {
    articles
        .iter()
        .map(|a| (a.id.0.as_str(), a.body.as_str()))
        .collect()
}

/// Runs `articles`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let articles = corpus.articles(&args.filter.to_filter())?;
    let mut out = output::stdout();
    match args.format {
        Format::Table => {
            let mut t = Table::new(&[
                ("id", Align::Left),
                ("date", Align::Left),
                ("outlet", Align::Left),
                ("authors", Align::Left),
                ("pages", Align::Right),
                ("title", Align::Left),
            ]);
            for a in &articles {
                t.row(vec![
                    a.id.0.chars().take(10).collect(),
                    output::or_dash(a.date.map(|d| d.to_string()).as_deref()),
                    output::truncate(&output::or_dash(a.outlet.as_deref()), 28),
                    output::truncate(&output::or_dash(Some(&cmd::authors(a))), 28),
                    cmd::pages(a.source.first_page, a.source.last_page),
                    output::truncate(&output::or_dash(a.title.as_deref()), 70),
                ]);
            }
            if !t.is_empty() {
                t.write(&mut out)?;
            }
        }
        Format::Json => {
            let reuse = cmd::ReuseIndex::load(&corpus)?;
            let known = bodies(&articles);
            let mut lines: Vec<ArticleLine> = Vec::with_capacity(articles.len());
            for a in &articles {
                let mut l = ArticleLine::from(a);
                l.reuse = reuse.lines(&corpus, a, &known)?;
                lines.push(l);
            }
            output::json(&mut out, &lines)?;
        }
        Format::Jsonl => {
            let reuse = cmd::ReuseIndex::load(&corpus)?;
            let known = bodies(&articles);
            for a in &articles {
                let mut l = ArticleLine::from(a);
                l.reuse = reuse.lines(&corpus, a, &known)?;
                output::jsonl(&mut out, &l)?;
            }
        }
        Format::Csv => {
            output::csv_row(
                &mut out,
                &[
                    "id",
                    "date",
                    "outlet",
                    "authors",
                    "title",
                    "subtitle",
                    "language",
                    "kind",
                    "source_path",
                    "source_sha256",
                    "first_page",
                    "last_page",
                    "confidence",
                    "body",
                ],
            )?;
            for a in &articles {
                let l = ArticleLine::from(a);
                output::csv_row(
                    &mut out,
                    &[
                        l.id,
                        l.date.unwrap_or_default(),
                        l.outlet.unwrap_or_default(),
                        l.authors.join("; "),
                        l.title.unwrap_or_default(),
                        l.subtitle.unwrap_or_default(),
                        l.language.unwrap_or_default(),
                        l.kind,
                        l.source.path,
                        l.source.sha256,
                        l.source.first_page.to_string(),
                        l.source.last_page.to_string(),
                        a.confidence
                            .map(|c| format!("{:.3}", cuttings_cli::wire::round3(c.min())))
                            .unwrap_or_default(),
                        l.body,
                    ],
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if articles.is_empty() {
        Status::NothingFound
    } else {
        Status::Ok
    })
}
