//! `cuttings search`: full-text search with filters, snippets and facets.

/// One-line help.
pub const ABOUT: &str = "Search the articles' full text (phrases, AND/OR/NOT, field filters)";

/// Full help.
pub const LONG_ABOUT: &str = "\
Search titles and bodies of the corpus. Words are matched after English stemming (\"agreements\"
finds \"agreement\"); \"quoted words\" match a phrase; AND, OR, NOT, parentheses and -word work
as usual. Restrict with --outlet, --author, --source, --from and --to.

entity:NAME (or entity:\"Maryam Rajavi\") matches the articles that name that entity under any
of its names: NAME may be its shown name or any name it is mentioned under (\"MKO\" finds the
articles that say \"MEK\" or \"Mojahedin-e Khalq\" too), after the users' merges and splits
(see `cuttings alias`).

Formats:
  table  score, date, outlet, title and a snippet with the matches marked (bold on a terminal,
         [like this] otherwise), then the facets (counts per outlet, author, year and entity
         named) of all matches (the default)
  json   one object {total, hits: [{score, snippet, article}], facets}
  jsonl  ripgrep-style tagged records: one {\"type\":\"hit\",\"data\":{score, snippet, article}}
         per hit, best first, then one {\"type\":\"summary\",\"data\":{total, shown, facets}}.
         (`articles --format jsonl` prints plain article lines instead.)
  csv    score, id, date, outlet, authors, title, snippet, source_path

`article` has the keys of the output contract (see `cuttings articles --help`, its `reuse` key
empty here); snippet highlights are [start, end) byte offsets into the snippet text.

With --collapse-reprints, whole-story reprints (see `cuttings reuse`) count once: one hit per
reprint group, its earliest article when that matches (else its best match), with the number of
articles printed (a `printed` column; `reprints` in each JSON hit); the total counts stories.

Exits with 1 when nothing matches.";

use std::io::Write;
use std::path::Path;

use cuttings_cli::wire::{self, Message, SearchSummary};
use cuttings_store::{Facets, Hit, Page, Snippet, Sort};

use crate::cmd::{self, FilterArgs};
use crate::output::{self, Align, Color, Format};
use crate::Status;

/// Flags of `search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query, e.g. 'Rajavi AND "Tirana"'.
    #[arg(value_name = "QUERY")]
    query: String,
    #[command(flatten)]
    filter: FilterArgs,
    /// Show at most this many hits (the total and facets always count all matches); 0 shows
    /// every hit, streamed with little memory however many match.
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    limit: usize,
    /// Skip this many hits first (to page through the results).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
    /// Order of the hits: relevance (best first), newest or oldest (undated articles last).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Mark matches in bold (auto: when stdout is a terminal and NO_COLOR is unset).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// One hit per reprint group (whole-story reprints, see `cuttings reuse`): its earliest
    /// article when that matches, with the number of articles in the group; the total counts
    /// groups, the facets still count every matching article.
    #[arg(long)]
    collapse_reprints: bool,
    /// Refuse queries nesting groups and NOTs deeper than this (issue #17).
    #[arg(long, value_name = "N", default_value_t = cuttings_model::limits::MAX_QUERY_DEPTH)]
    max_query_depth: usize,
}

/// Runs `search`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let mut corpus = cmd::open_for_search(corpus)?;
    corpus.set_max_query_depth(args.max_query_depth);
    let filter = args.filter.to_filter();
    let bold = args.color.enabled();
    let mut out = output::stdout().styled(bold);
    let mut printer = Printer::new(&args, bold);
    let total = if args.limit == 0 && !args.collapse_reprints {
        // Every hit, streamed: a page of articles in memory at a time (issue #16).
        let all = corpus.search_all(&args.query, &filter, args.sort.into())?;
        printer.start(&mut out, all.total)?;
        let mut skip = args.offset;
        all.for_each(&mut |h: Hit| -> anyhow::Result<()> {
            if skip > 0 {
                skip -= 1;
                return Ok(());
            }
            printer.hit(&mut out, &h)
        })?;
        printer.finish(&mut out, all.total, &all.facets)?;
        all.total
    } else {
        let page = Page {
            offset: args.offset,
            limit: if args.limit == 0 { EVERY } else { args.limit },
            sort: args.sort.into(),
            collapse_reprints: args.collapse_reprints,
        };
        let results = corpus.search_page(&args.query, &filter, &page)?;
        printer.start(&mut out, results.total)?;
        for h in &results.hits {
            printer.hit(&mut out, h)?;
        }
        printer.finish(&mut out, results.total, &results.facets)?;
        results.total
    };
    out.flush()?;
    Ok(if total == 0 {
        Status::NothingFound
    } else {
        Status::Ok
    })
}

/// `--limit 0` with `--collapse-reprints`: every story (not streamed: groups need all matches).
const EVERY: usize = 1 << 40;

/// Writes hits as they come in one of the formats, then the total and facets.
struct Printer {
    format: Format,
    bold: bool,
    collapse: bool,
    table: output::TableStream,
    array: output::JsonArray,
    shown: usize,
}

impl Printer {
    fn new(args: &Args, bold: bool) -> Printer {
        let mut columns = vec![
            ("score", Align::Right),
            ("date", Align::Left),
            ("outlet", Align::Left),
            ("title", Align::Left),
            ("snippet", Align::Left),
        ];
        if args.collapse_reprints {
            columns.insert(1, ("printed", Align::Right));
        }
        Printer {
            format: args.format,
            bold,
            collapse: args.collapse_reprints,
            table: output::TableStream::new(&columns),
            array: output::JsonArray::inner(1),
            shown: 0,
        }
    }

    /// What comes before the hits.
    fn start(&mut self, out: &mut impl Write, total: usize) -> anyhow::Result<()> {
        match self.format {
            Format::Json => write!(out, "{{\n  \"total\": {total},\n  \"hits\": ")?,
            Format::Csv => {
                let mut header = vec![
                    "score",
                    "id",
                    "date",
                    "outlet",
                    "authors",
                    "title",
                    "snippet",
                    "source_path",
                ];
                // With --collapse-reprints, how many articles print each hit's story.
                if self.collapse {
                    header.push("printed");
                }
                output::csv_row(out, &header)?;
            }
            Format::Table | Format::Jsonl => {}
        }
        Ok(())
    }

    fn hit(&mut self, out: &mut impl Write, h: &Hit) -> anyhow::Result<()> {
        self.shown += 1;
        let a = &h.article;
        match self.format {
            Format::Table => {
                let mut row = vec![
                    format!("{:.2}", h.score),
                    output::or_dash(a.date.map(|d| d.to_string()).as_deref()),
                    output::truncate(&output::or_dash(a.outlet.as_deref()), 24),
                    output::truncate(&output::or_dash(a.title.as_deref()), 50),
                    mark(&h.snippet, self.bold),
                ];
                if let Some(n) = h.printed {
                    row.insert(1, format!("{n}x"));
                }
                self.table.row(out, row)?;
            }
            Format::Json => self.array.push(out, &wire::hit_line(h))?,
            Format::Jsonl => output::jsonl(out, &Message::Hit(Box::new(wire::hit_line(h))))?,
            Format::Csv => {
                let mut row = vec![
                    format!("{:.4}", h.score),
                    a.id.0.clone(),
                    a.date.map(|d| d.to_string()).unwrap_or_default(),
                    a.outlet.clone().unwrap_or_default(),
                    cmd::authors(a),
                    a.title.clone().unwrap_or_default(),
                    h.snippet.text.clone(),
                    a.source.path.clone(),
                ];
                if self.collapse {
                    row.push(h.printed.unwrap_or(1).to_string());
                }
                output::csv_row(out, &row)?;
            }
        }
        Ok(())
    }

    /// What comes after the hits: the total and the facets.
    fn finish(self, out: &mut impl Write, total: usize, facets: &Facets) -> anyhow::Result<()> {
        match self.format {
            Format::Table => {
                if self.table.finish(out)? {
                    writeln!(out)?;
                }
                let (noun, one) = if self.collapse {
                    ("stor", "y")
                } else {
                    ("article", "")
                };
                let many = if self.collapse { "ies" } else { "s" };
                let ending = if total == 1 { one } else { many };
                writeln!(
                    out,
                    "{total} matching {noun}{ending} (showing {})",
                    self.shown
                )?;
                if total > 0 {
                    writeln!(out, "outlet: {}", output::count_list(&facets.outlet, 8))?;
                    writeln!(out, "author: {}", output::count_list(&facets.author, 8))?;
                    writeln!(out, "year:   {}", output::count_list(&facets.year, 12))?;
                    if !facets.entity.is_empty() {
                        writeln!(out, "names:  {}", output::count_list(&facets.entity, 8))?;
                    }
                }
            }
            Format::Json => {
                self.array.finish(out)?;
                write!(out, ",\n  \"facets\": ")?;
                let text = serde_json::to_string_pretty(&wire::facets(facets))?;
                write!(out, "{}", text.replace('\n', "\n  "))?;
                writeln!(out, "\n}}")?;
            }
            Format::Jsonl => {
                let summary = SearchSummary {
                    total,
                    shown: self.shown,
                    facets: wire::facets(facets),
                };
                output::jsonl(out, &Message::Summary(summary))?;
            }
            Format::Csv => {}
        }
        Ok(())
    }
}

/// `--sort`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Sort {
        match s {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        }
    }
}

/// The snippet on one line with its matches in bold (`output::BOLD`, which the writer makes
/// ANSI bold), or in `[...]` without colour.
fn mark(snippet: &Snippet, bold: bool) -> String {
    let (open, close) = if bold {
        (output::BOLD.to_string(), output::PLAIN.to_string())
    } else {
        ("[".to_string(), "]".to_string())
    };
    let text = &snippet.text;
    let mut s = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for r in &snippet.highlights {
        // Ranges come from the store; skip any that would not slice cleanly rather than panic.
        let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.start..r.end)) else {
            continue;
        };
        s.push_str(before);
        s.push_str(&open);
        s.push_str(word);
        s.push_str(&close);
        at = r.end;
    }
    s.push_str(text.get(at..).unwrap_or(""));
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_highlights() {
        let s = Snippet {
            text: "talks in\nTirana ended".into(),
            highlights: vec![std::ops::Range { start: 9, end: 15 }],
        };
        assert_eq!(mark(&s, false), "talks in [Tirana] ended");
        assert_eq!(mark(&s, true), "talks in \u{e000}Tirana\u{e001} ended");
        let bad = Snippet {
            text: "é".into(),
            highlights: vec![std::ops::Range { start: 1, end: 2 }],
        };
        assert_eq!(mark(&bad, false), "é");
    }
}
