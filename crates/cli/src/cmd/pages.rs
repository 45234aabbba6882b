//! `cuttings pages`: how the pages of a PDF were read, as SVG or JSON, for checking and debugging.

/// One-line help.
pub const ABOUT: &str =
    "Show how the pages of a PDF were read: blocks, columns, order, what was dropped";

/// Full help.
pub const LONG_ABOUT: &str = "\
Show how the pages of a PDF were read (issue #3): its text lines as boxes, grouped into blocks
and columns, numbered in reading order, and what became of each line: an article's body, one of
its metadata fields (title, subtitle, date, outlet, author), or dropped with the reason (running
header or footer, page number, masthead, pull quote, caption...). No corpus is needed.

Formats:
  svg   one SVG document per page (the default; pages separated by a blank line when several):
        a view box the size of the page in points, a rectangle per text line coloured by its
        role (body grey, metadata blue, title dark blue, dropped red) with the text, role and
        reason as a tooltip, a dashed outline per block, and the block's number in reading order.
  json  one JSON object per page, one per line: page, width, height, columns, blocks (order,
        column, bbox, lines with text, bbox, font size, bold, italic, role, reason, article) and
        skipped words with the reason. Boxes are [x0, y0, x1, y1] in points from the page's
        top-left corner.

Exits with 2 when the file is not a readable PDF, and with 1 when --page names no page.";

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use cuttings_cli::wire::{BoxLine, PageBlock, PageLine, PageTextLine, PageWord};
use cuttings_model::{DropReason, Span};

use crate::Status;
use crate::{cmd, output};

/// Formats of `pages`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum PagesFormat {
    /// SVG drawings.
    #[default]
    Svg,
    /// One JSON object per page.
    Json,
}

/// Flags of `pages`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PDF file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Only this page (1-based).
    #[arg(long, value_name = "N")]
    page: Option<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PagesFormat::Svg)]
    format: PagesFormat,
    /// Refuse files larger than this (e.g. 256MiB, 10M, 4096).
    #[arg(long, value_name = "SIZE", default_value_t = cmd::limits::MAX_FILE_SIZE, alias = "max-bytes")]
    max_file_size: cmd::limits::Size,
    /// Limits on the file (issue #17).
    #[command(flatten)]
    limits: cmd::limits::LimitArgs,
}

/// Reads a PDF and says what became of each line of each page; also the number of pages.
fn read_pages(
    path: &str,
    bytes: &[u8],
    limits: &cuttings_model::Limits,
) -> anyhow::Result<(Vec<PageLine>, usize)> {
    if !cuttings_pdf::is_pdf(bytes) {
        anyhow::bail!("{path}: not a pdf (no %PDF- header)");
    }
    let pdf = cuttings_pdf::read(path, bytes, limits)?;
    let processed = cuttings_pipeline::process(&pdf.source);
    let roles = Roles::new(&processed);
    let layout = pdf.layout();
    let mut pages = Vec::new();
    let mut next_line = 0usize;
    for (i, page) in pdf.pages.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut blocks = Vec::new();
        for (b, block) in page.blocks.iter().enumerate() {
            let mut lines = Vec::new();
            let mut bbox = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
            for line in &block.lines {
                let span = layout.lines[next_line].span;
                next_line += 1;
                let (role, reason, article) = roles.of(span);
                let lb = [line.x0, line.y0, line.x1, line.y1];
                bbox = [
                    bbox[0].min(lb[0]),
                    bbox[1].min(lb[1]),
                    bbox[2].max(lb[2]),
                    bbox[3].max(lb[3]),
                ];
                lines.push(PageTextLine {
                    text: pdf.source.slice(span).to_string(),
                    bbox: lb.map(round),
                    font_size: round(line.font_size),
                    bold: line.bold,
                    italic: line.italic,
                    role: role.to_string(),
                    reason: reason.map(|r| r.as_str().to_string()),
                    article,
                });
            }
            blocks.push(PageBlock {
                order: b + 1,
                column: block.column,
                bbox: bbox.map(round),
                lines,
            });
        }
        pages.push(PageLine {
            page: number,
            width: round(page.width),
            height: round(page.height),
            columns: page.columns,
            blocks,
            skipped: page
                .skipped
                .iter()
                .map(|s| PageWord {
                    text: s.word.text.clone(),
                    bbox: [s.word.x0, s.word.y0, s.word.x1, s.word.y1].map(round),
                    reason: s.reason.to_string(),
                })
                .collect(),
        });
    }
    let count = pdf.pages.len();
    Ok((pages, count))
}

/// Runs `pages`.
pub fn run(args: Args) -> anyhow::Result<Status> {
    let path = args.file.display().to_string();
    let limits = args.limits.limits(args.max_file_size);
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("{path}: cannot read"))?
        .len();
    if size > limits.max_file_size {
        return Err(cuttings_read::Error::TooLarge {
            path,
            size,
            limit: limits.max_file_size,
        }
        .into());
    }
    let bytes = std::fs::read(&args.file).with_context(|| format!("{path}: cannot read"))?;
    let (mut pages, count) = read_pages(&path, &bytes, &limits)?;
    if let Some(n) = args.page {
        pages.retain(|p| p.page == n);
        if pages.is_empty() {
            eprintln!("cuttings: {path} has {count} pages, no page {n}");
            return Ok(Status::NothingFound);
        }
    }
    let mut out = output::stdout();
    for (i, p) in pages.iter().enumerate() {
        match args.format {
            PagesFormat::Json => output::jsonl(&mut out, p)?,
            PagesFormat::Svg => {
                if i > 0 {
                    writeln!(out)?;
                }
                out.write_all(svg(p, &[]).as_bytes())?;
            }
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}

fn round(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

/// What became of each span of the source: the spans of every article's fields and body, and
/// the dropped spans, sorted for lookup.
struct Roles {
    /// (span, role, article) for kept spans.
    kept: Vec<(Span, &'static str, usize)>,
    dropped: Vec<(Span, DropReason)>,
}

impl Roles {
    fn new(p: &cuttings_pipeline::Processed) -> Roles {
        let mut kept = Vec::new();
        for (i, a) in p.articles.iter().enumerate() {
            let pr = &a.provenance;
            let n = i + 1;
            for (role, spans) in [
                ("title", &pr.title),
                ("subtitle", &pr.subtitle),
                ("date", &pr.date),
                ("outlet", &pr.outlet),
                ("body", &pr.body),
            ] {
                kept.extend(spans.iter().map(|&s| (s, role, n)));
            }
            for spans in &pr.authors {
                kept.extend(spans.iter().map(|&s| (s, "author", n)));
            }
        }
        kept.sort_by_key(|k| k.0);
        let mut dropped: Vec<(Span, DropReason)> =
            p.dropped.iter().map(|d| (d.span, d.reason)).collect();
        dropped.sort_by_key(|d| d.0);
        Roles { kept, dropped }
    }

    fn of(&self, line: Span) -> (&'static str, Option<DropReason>, Option<usize>) {
        let overlaps = |s: Span| s.start < line.end && line.start < s.end;
        // Fields before the body: a line holding a title and a date reads as the title.
        let first = |list: &[(Span, &'static str, usize)]| {
            let i = list.partition_point(|k| k.0.end <= line.start);
            list[i..]
                .iter()
                .take_while(|k| k.0.start < line.end)
                .filter(|k| overlaps(k.0))
                .min_by_key(|k| k.1 == "body")
                .copied()
        };
        if let Some((_, role, n)) = first(&self.kept) {
            return (role, None, Some(n));
        }
        let i = self.dropped.partition_point(|d| d.0.end <= line.start);
        if let Some(d) = self.dropped[i..]
            .iter()
            .take_while(|d| d.0.start < line.end)
            .find(|d| overlaps(d.0))
        {
            return ("dropped", Some(d.1), None);
        }
        // Metadata lines the segmenter read but kept in no field (a byline's role, a label).
        ("meta", None, None)
    }
}

/// One page as an SVG document.
/// Page `page` of the PDF at `path` (which must still have the SHA-256 `sha256`) as SVG, with
/// the boxes `marked` drawn over it (for `serve`: where an article was printed).
pub fn page_svg(path: &str, sha256: &str, page: u32, marked: &[BoxLine]) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{path}: cannot read"))?;
    if cuttings_model::sha256_hex(&bytes) != sha256 {
        anyhow::bail!("{path} has changed since it was ingested");
    }
    let (pages, count) = read_pages(path, &bytes, &cuttings_model::Limits::default())?;
    let p = pages
        .iter()
        .find(|p| p.page == page)
        .with_context(|| format!("{path} has {count} pages, no page {page}"))?;
    let marked: Vec<BoxLine> = marked.iter().filter(|b| b.page == page).cloned().collect();
    Ok(svg(p, &marked))
}

fn svg(p: &PageLine, marked: &[BoxLine]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="sans-serif">"#,
        w = p.width,
        h = p.height
    );
    let _ = writeln!(
        s,
        r#"<title>page {} ({} columns, {} blocks)</title><rect width="100%" height="100%" fill="white"/>"#,
        p.page,
        p.columns,
        p.blocks.len()
    );
    for b in &p.blocks {
        for l in &b.lines {
            let colour = match l.role.as_str() {
                "body" => "#bbbbbb",
                "title" => "#1f3a93",
                "dropped" => "#d64541",
                _ => "#4b77be",
            };
            let why = match (&l.reason, l.article) {
                (Some(r), _) => format!("dropped: {r}"),
                (None, Some(n)) => format!("{} of article {n}", l.role),
                (None, None) => l.role.clone(),
            };
            let [x0, y0, x1, y1] = l.bbox;
            let _ = writeln!(
                s,
                r#"<rect x="{x0}" y="{y0}" width="{}" height="{}" fill="{colour}" fill-opacity="0.45" stroke="{colour}" stroke-width="0.3"><title>{} · {}pt{}{} · {}</title></rect>"#,
                round(x1 - x0),
                round(y1 - y0),
                escape(&why),
                l.font_size,
                if l.bold { " bold" } else { "" },
                if l.italic { " italic" } else { "" },
                escape(&l.text)
            );
        }
        let [x0, y0, x1, y1] = b.bbox;
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="#333" stroke-width="0.5" stroke-dasharray="2 2"/><text x="{}" y="{}" font-size="7" fill="#000">{}</text>"##,
            round(x0 - 1.0),
            round(y0 - 1.0),
            round(x1 - x0 + 2.0),
            round(y1 - y0 + 2.0),
            round(x0 - 8.0).max(0.0),
            round(y0 + 6.0),
            b.order
        );
    }
    for w in &p.skipped {
        let [x0, y0, x1, y1] = w.bbox;
        let _ = writeln!(
            s,
            r##"<rect x="{x0}" y="{y0}" width="{}" height="{}" fill="none" stroke="#d64541" stroke-dasharray="1 1"><title>skipped: {} · {}</title></rect>"##,
            round(x1 - x0),
            round(y1 - y0),
            w.reason,
            escape(&w.text)
        );
    }
    for b in marked {
        let _ = writeln!(
            s,
            r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#f5c518" fill-opacity="0.25" stroke="#e67e00" stroke-width="1.5"><title>{}</title></rect>"##,
            round(b.x0 - 1.5),
            round(b.y0 - 1.5),
            round(b.x1 - b.x0 + 3.0),
            round(b.y1 - b.y0 + 3.0),
            escape(&b.field)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
