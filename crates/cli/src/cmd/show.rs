//! `cuttings show`: one article with its metadata, clean body and provenance.

/// One-line help.
pub const ABOUT: &str = "Show one article: metadata, clean body and where each field came from";

/// Full help.
pub const LONG_ABOUT: &str = "\
Show one article, by id or by a unique prefix of it (at least 4 hex digits): its metadata, the
clean body, and its provenance: the source file (path, sha256, pages, encoding, flavor), the
furniture dropped from that file, and for every field the byte spans of the source text it was
read from, with the text at each span.

Spans index the decoded text of the source (for UTF-8 files: the file's bytes after any BOM). The
text at each span is read back from the file when it is still at its path (relative paths are
relative to where `ingest` ran) and its sha256 is unchanged; otherwise `show` says so.

For PDF sources, `show` also lists the pages and the boxes (in points from the top-left corner
of the page) that each field was printed in: one box per line of metadata, one per block of
body text.

Formats: text (the default) or json (one object: article, file, source_status, provenance,
dropped_in_file, and boxes for PDF sources).

Exits with 1 when no article has that id.";

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;
use cuttings_cli::wire::{self, ArticleLine, BoxLine, FieldSpans, ShowOutput, SpanText};
use cuttings_model::{Article, Source, Span};
use cuttings_store::StoredArticle;

use crate::cmd;
use crate::output;
use crate::Status;

/// Formats of `show`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// For people.
    #[default]
    Text,
    /// One pretty-printed JSON object.
    Json,
}

/// Flags of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The article id, or a unique prefix of it (4+ hex digits).
    #[arg(value_name = "ID")]
    id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
    /// Body spans to list in the text format (0 for all).
    #[arg(long, default_value_t = 6, value_name = "N")]
    max_spans: usize,
}

/// Runs `show`.
pub fn run(corpus: &Path, args: Args) -> anyhow::Result<Status> {
    let corpus = cmd::open_existing(corpus)?;
    let Some(stored) = corpus.article(args.id.trim())? else {
        eprintln!(
            "cuttings: no article with id or prefix {:?}",
            args.id.trim()
        );
        return Ok(Status::NothingFound);
    };
    let (status, source) = read_back(&stored);
    let provenance = field_spans(&stored.article, source.as_ref());
    let dropped = dropped_counts(&stored);
    let mut out = output::stdout();
    match args.format {
        ShowFormat::Json => {
            let value = ShowOutput {
                article: ArticleLine::from(&stored.article),
                file: cmd::sources::source_line(&stored.file),
                source_status: status.as_str().to_string(),
                provenance,
                dropped_in_file: wire::counts(&dropped),
                boxes: stored
                    .article
                    .provenance
                    .boxes
                    .iter()
                    .map(BoxLine::from)
                    .collect(),
            };
            output::json(&mut out, &value)?;
        }
        ShowFormat::Text => {
            let a = &stored.article;
            let f = &stored.file;
            let field =
                |name: &str, value: &str, out: &mut dyn Write| writeln!(out, "{name:<10}{value}");
            field("id", &a.id.0, &mut out)?;
            field("title", &output::or_dash(a.title.as_deref()), &mut out)?;
            field(
                "subtitle",
                &output::or_dash(a.subtitle.as_deref()),
                &mut out,
            )?;
            field(
                "date",
                &output::or_dash(a.date.map(|d| d.to_string()).as_deref()),
                &mut out,
            )?;
            field("outlet", &output::or_dash(a.outlet.as_deref()), &mut out)?;
            field(
                "authors",
                &output::or_dash(Some(&cmd::authors(a))),
                &mut out,
            )?;
            field(
                "language",
                &output::or_dash(a.language.as_deref()),
                &mut out,
            )?;
            field("kind", a.kind.as_str(), &mut out)?;
            writeln!(out)?;
            writeln!(out, "{}", a.body.trim_end())?;
            writeln!(out)?;
            writeln!(out, "provenance")?;
            field("source", &f.path, &mut out)?;
            field("sha256", &f.sha256, &mut out)?;
            field(
                "pages",
                &format!(
                    "{} of {}",
                    cmd::pages(a.source.first_page, a.source.last_page),
                    f.pages
                ),
                &mut out,
            )?;
            field(
                "file",
                &format!(
                    "{} bytes, {}, flavor {}",
                    f.bytes,
                    f.encoding,
                    f.flavor.as_deref().unwrap_or("unknown")
                ),
                &mut out,
            )?;
            let total: u64 = dropped.iter().map(|d| d.1).sum();
            field(
                "dropped",
                &format!(
                    "{total} furniture spans in this file: {}",
                    output::count_list(&dropped, 11)
                ),
                &mut out,
            )?;
            field("text", status.describe(), &mut out)?;
            writeln!(out)?;
            writeln!(out, "spans (byte offsets into the decoded source text)")?;
            let max = if args.max_spans == 0 {
                usize::MAX
            } else {
                args.max_spans
            };
            for fs in &provenance {
                let limit = if fs.field == "body" { max } else { usize::MAX };
                for s in fs.spans.iter().take(limit) {
                    let text = match &s.text {
                        Some(t) => format!("  {:?}", output::truncate(t, 70)),
                        None => String::new(),
                    };
                    writeln!(out, "{:<10}{}..{}{}", fs.field, s.start, s.end, text)?;
                }
                if fs.spans.len() > limit {
                    writeln!(
                        out,
                        "{:<10}… {} more lines (--max-spans 0 lists all)",
                        fs.field,
                        fs.spans.len() - limit
                    )?;
                }
                if fs.spans.is_empty() {
                    writeln!(out, "{:<10}-", fs.field)?;
                }
            }
            let boxes = &a.provenance.boxes;
            if !boxes.is_empty() {
                writeln!(out)?;
                writeln!(
                    out,
                    "boxes (page, then x0,y0 x1,y1 in points from the page's top-left corner)"
                )?;
                let pages: std::collections::BTreeSet<u32> = boxes.iter().map(|b| b.page).collect();
                let pages: Vec<String> = pages.iter().map(u32::to_string).collect();
                field("pages", &pages.join(", "), &mut out)?;
                for b in boxes.iter().map(BoxLine::from) {
                    writeln!(
                        out,
                        "{:<10}p{} {:.1},{:.1} {:.1},{:.1}",
                        b.field, b.page, b.x0, b.y0, b.x1, b.y1
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}

/// Whether the source text could be read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ReadBack {
    Ok,
    Missing,
    Changed,
    Unreadable,
    Stdin,
}

impl ReadBack {
    fn as_str(self) -> &'static str {
        match self {
            ReadBack::Ok => "ok",
            ReadBack::Missing => "missing",
            ReadBack::Changed => "changed",
            ReadBack::Unreadable => "unreadable",
            ReadBack::Stdin => "stdin",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ReadBack::Ok => "read back from the source file (sha256 matches)",
            ReadBack::Missing => "source file not found at its path: span text not shown",
            ReadBack::Changed => {
                "source file changed since ingest (sha256 differs): span text not shown"
            }
            ReadBack::Unreadable => "source file could not be read: span text not shown",
            ReadBack::Stdin => "source was read from stdin and not kept: span text not shown",
        }
    }
}

/// Reads the source file again when it still exists and is unchanged.
fn read_back(stored: &StoredArticle) -> (ReadBack, Option<Source>) {
    let path = &stored.file.path;
    if path == "-" {
        return (ReadBack::Stdin, None);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (ReadBack::Missing, None),
        Err(_) => return (ReadBack::Unreadable, None),
    };
    if cuttings_model::sha256_hex(&bytes) != stored.file.sha256 {
        return (ReadBack::Changed, None);
    }
    match cuttings_pipeline::decode(path, &bytes, None) {
        Ok(src) => (ReadBack::Ok, Some(src)),
        Err(_) => (ReadBack::Unreadable, None),
    }
}

/// Every field's spans, with the source text when it is at hand.
fn field_spans(a: &Article, source: Option<&Source>) -> Vec<FieldSpans> {
    let p = &a.provenance;
    let one = |field: &str, spans: &[Span]| FieldSpans {
        field: field.to_string(),
        spans: spans
            .iter()
            .map(|s| SpanText {
                start: s.start,
                end: s.end,
                text: source
                    .and_then(|src| src.text.get(s.range()))
                    .map(str::to_string),
            })
            .collect(),
    };
    let mut out = vec![
        one("title", &p.title),
        one("subtitle", &p.subtitle),
        one("date", &p.date),
        one("outlet", &p.outlet),
    ];
    for spans in &p.authors {
        out.push(one("author", spans));
    }
    out.push(one("body", &p.body));
    out
}

/// Dropped spans of the article's file per reason, highest count first.
fn dropped_counts(stored: &StoredArticle) -> Vec<(String, u64)> {
    let mut counts = std::collections::BTreeMap::<&'static str, u64>::new();
    for d in &stored.dropped {
        *counts.entry(d.reason.as_str()).or_default() += 1;
    }
    let mut v: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(k, c)| (k.to_string(), c))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}
