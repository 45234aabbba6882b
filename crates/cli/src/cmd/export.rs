//! `cuttings export`: the corpus, or the articles a query and filters select, in the formats
//! other tools read (issue #15).

/// One-line help.
pub const ABOUT: &str =
    "Export articles, names and links to JSON Lines, CSV, Parquet, FollowTheMoney or GEXF";

/// Full help.
pub const LONG_ABOUT: &str = "\
Export the articles of the corpus, or those --query and the filters select, in a format other
tools read. The export streams: articles are read and written a page at a time, so memory does
not grow with the corpus (GEXF keeps the graph itself in memory until its edges are written).

--query takes the syntax of `cuttings search` (words, \"phrases\", AND/OR/NOT, entity:NAME);
--from, --to, --outlet, --author and --source filter as in `cuttings articles`. Articles come in
the order they were stored.

Formats:
  jsonl    one article per line with exactly the keys of `articles --format jsonl` (the output
           contract, `reuse` passages included)
  csv      the same articles, RFC 4180 (CRLF, fields quoted when needed); lists are flattened:
           `authors` joined with \"; \", `source` and `confidence` one column per key
           (source.path, confidence.title, ...), and `entities`, `quotes` and `reuse` as JSON
           arrays, one cell each. A field a spreadsheet would run as a formula (=, +, -, @
           first) starts with '
  parquet  a folder (--out, required) of five files: articles.parquet (the contract's keys,
           typed: date as date32, source and confidence as structs, entities, quotes and reuse
           as lists of structs with int64 character offsets), mentions.parquet (one row per
           name: article_id, position, name, type, canonical, entity_id, start, end),
           entities.parquet (id, name, type, mentions, articles, exported_articles, aliases),
           quotes.parquet (article_id, position, speaker, canonical, speaker_entity_id, text,
           start, end) and reuse.parquet (a, b, kind, words, share_a, share_b, passages);
           LZ4-compressed, one row group per 500 articles
  ftm      FollowTheMoney entities, one JSON object per line, for Aleph/OpenAleph (`ftm`,
           `alephclient write-entities`): an Article per article (title, summary, date,
           publishedAt, publisher, author, bodyText, language, fileName, sourceUrl), a Person,
           Organization, Address (places) or LegalEntity (other names) per entity with its
           other forms in alias, and a Mention (document, resolved, name) per article and
           entity named in it (an UnknownLink, subject the place and object the article, for
           places). Ids are stable across exports: a + the article id, e + a hash of the
           entity's key, m + a hash of both for links
  gexf     a GEXF 1.3 graph for Gephi. --graph entities (the default): the co-mention network,
           one node per entity named (label, type, mentions, articles, exported), an edge
           between two entities named in the same article, weight = the exported articles
           naming both. --graph outlets: the outlet reuse network, one node per outlet, an
           edge between two outlets whose articles share passages (reprints and partial reuse,
           both articles exported), weight = article pairs, with a reprints attribute

Writes to --out, or to stdout when it is not given (parquet needs --out). A progress bar is
shown on stderr when it is a terminal; a summary line is printed on stderr unless --quiet.

Exit status: 0 when articles were exported, 1 when nothing matched (the output is then written
all the same: a CSV header, an empty graph, empty tables), 2 on an error.";

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use cuttings_export::{Format, Target};

use crate::cmd::{self, FilterArgs};
use crate::output;
use crate::Status;

/// Formats of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// JSON Lines: the output contract.
    Jsonl,
    /// CSV, lists flattened.
    Csv,
    /// A folder of Parquet tables.
    Parquet,
    /// FollowTheMoney entities as JSON lines.
    Ftm,
    /// A GEXF 1.3 graph.
    Gexf,
}

/// Graphs of `--format gexf`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Graph {
    /// Entities named in the same articles.
    #[default]
    Entities,
    /// Outlets whose articles share passages.
    Outlets,
}

/// Flags of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to write.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Only articles matching this query (the syntax of `cuttings search`, entity:NAME included).
    #[arg(long, short = 'q', value_name = "QUERY")]
    query: Option<String>,
    #[command(flatten)]
    filter: FilterArgs,
    /// The file to write (a folder for parquet); stdout when not given.
    #[arg(long, short = 'o', value_name = "PATH")]
    out: Option<PathBuf>,
    /// The graph of --format gexf.
    #[arg(long, value_enum, default_value_t = Graph::Entities)]
    graph: Graph,
    /// No summary line on stderr.
    #[arg(long)]
    quiet: bool,
}

/// Runs `export`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let format = match (args.format, args.graph) {
        (ExportFormat::Jsonl, _) => Format::Jsonl,
        (ExportFormat::Csv, _) => Format::Csv,
        (ExportFormat::Parquet, _) => Format::Parquet,
        (ExportFormat::Ftm, _) => Format::Ftm,
        (ExportFormat::Gexf, Graph::Entities) => Format::Gexf,
        (ExportFormat::Gexf, Graph::Outlets) => Format::GexfOutlets,
    };
    if format == Format::Parquet && args.out.is_none() {
        anyhow::bail!("--format parquet writes a folder of tables: give it with --out DIR");
    }
    let corpus = if args.query.is_some() {
        cmd::open_for_search(corpus)?
    } else {
        cmd::open_existing(corpus)?
    };
    let selection = corpus.select(args.query.as_deref(), &args.filter.to_filter())?;
    let total = corpus.count_selected(&selection)?;
    let bar = cmd::progress(total, "articles", false);
    let mut progress = |done: u64| bar.set_position(done);
    let summary = match (&args.out, format) {
        (Some(dir), Format::Parquet) => {
            cuttings_export::export(&corpus, &selection, format, Target::Dir(dir), &mut progress)
                .with_context(|| format!("exporting to {}", dir.display()))?
        }
        (Some(path), _) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("creating {}", path.display()))?;
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
            let s = cuttings_export::export(
                &corpus,
                &selection,
                format,
                Target::Writer(&mut out),
                &mut progress,
            )
            .with_context(|| format!("exporting to {}", path.display()))?;
            out.flush()
                .with_context(|| format!("writing {}", path.display()))?;
            s
        }
        (None, _) => {
            let mut out = output::data_stdout();
            let s = cuttings_export::export(
                &corpus,
                &selection,
                format,
                Target::Writer(&mut out),
                &mut progress,
            )?;
            out.flush()?;
            s
        }
    };
    bar.finish_and_clear();
    if !args.quiet {
        let mut parts = vec![format!("{} articles", summary.articles)];
        match format {
            Format::Parquet => parts.extend([
                format!("{} mentions", summary.mentions),
                format!("{} entities", summary.entities),
                format!("{} quotations", summary.quotes),
                format!("{} reuse pairs", summary.reuse),
            ]),
            Format::Ftm => parts.extend([
                format!("{} entities", summary.entities),
                format!("{} links", summary.mentions),
            ]),
            Format::Gexf | Format::GexfOutlets => parts.extend([
                format!("{} nodes", summary.nodes),
                format!("{} edges", summary.edges),
            ]),
            Format::Jsonl | Format::Csv => {}
        }
        eprintln!("exported {}", parts.join(", "));
    }
    Ok(if summary.articles == 0 {
        Status::NothingFound
    } else {
        Status::Ok
    })
}
