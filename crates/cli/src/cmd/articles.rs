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
use crate::output::{self, Align, Format};
use crate::Status;
use cuttings_cli::wire::ArticleLine;
use cuttings_model::Article;
use cuttings_store::Corpus;

/// Flags of `articles`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// The columns of the table.
const COLUMNS: [(&str, Align); 6] = [
    ("id", Align::Left),
    ("date", Align::Left),
    ("outlet", Align::Left),
    ("authors", Align::Left),
    ("pages", Align::Right),
    ("title", Align::Left),
];

/// The header of the CSV format.
const CSV_HEADER: [&str; 14] = [
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
];

/// Runs `articles`. Every format streams: one article is in memory at a time (issue #16).
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let filter = args.filter.to_filter();
    let mut out = output::stdout();
    let mut table = output::TableStream::new(&COLUMNS);
    let mut array = output::JsonArray::new();
    if args.format == Format::Csv {
        output::csv_row(&mut out, &CSV_HEADER)?;
    }
    let mut listed = 0u64;
    corpus.for_each_article(&filter, &mut |a: Article| -> anyhow::Result<()> {
        listed += 1;
        match args.format {
            Format::Table => table.row(&mut out, table_row(&a))?,
            Format::Json => array.push(&mut out, &contract_line(&corpus, &a)?)?,
            Format::Jsonl => output::jsonl(&mut out, &contract_line(&corpus, &a)?)?,
            Format::Csv => output::csv_row(&mut out, &csv_row(&a))?,
        }
        Ok(())
    })?;
    match args.format {
        Format::Table => {
            table.finish(&mut out)?;
        }
        Format::Json => array.finish(&mut out)?,
        Format::Jsonl | Format::Csv => {}
    }
    out.flush()?;
    Ok(if listed == 0 {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

/// The article in the output contract, `reuse` filled in.
fn contract_line(corpus: &Corpus, a: &Article) -> anyhow::Result<ArticleLine> {
    let mut line = ArticleLine::from(a);
    line.reuse = cmd::reuse_lines(corpus, a)?;
    Ok(line)
}

fn table_row(a: &Article) -> Vec<String> {
    vec![
        a.id.0.chars().take(10).collect(),
        output::or_dash(a.date.map(|d| d.to_string()).as_deref()),
        output::truncate(&output::or_dash(a.outlet.as_deref()), 28),
        output::truncate(&output::or_dash(Some(&cmd::authors(a))), 28),
        cmd::pages(a.source.first_page, a.source.last_page),
        output::truncate(&output::or_dash(a.title.as_deref()), 70),
    ]
}

fn csv_row(a: &Article) -> [String; 14] {
    let l = ArticleLine::from(a);
    [
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
    ]
}
