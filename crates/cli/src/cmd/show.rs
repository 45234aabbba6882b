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

Every span is printed with the line of the source text it starts on (the line number that
`cuttings fix ID --split-at LINE` takes; `57.2` is the second of several lines of the article
printed side by side on line 57, as columns are in a layout dump). A value a user typed with
`cuttings fix` has no span: `show` says which correction set it, and lists the corrections of
the article.

For articles split from a digest, `show` prints how sure segmentation was of each field and of
the article's boundaries, and marks a doubtful article (any of them under --doubtful-below)
with a line such as `doubtful: boundary 0.42, outlet 0.61`.

For PDF sources, `show` also lists the pages and the boxes (in points from the top-left corner
of the page) that each field was printed in: one box per line of metadata, one per block of
body text.

Formats: text (the default) or json (one object: article, file, source_status, provenance,
dropped_in_file, and boxes for PDF sources, doubtful when doubtful, corrections when corrected).

Exits with 1 when no article has that id.";

use std::io::Write;
use std::path::Path;

use clap::ValueEnum;
use cuttings_cli::wire::{
    self, ArticleLine, BoxLine, ConfidenceValue, FieldSpans, ShowOutput, SpanText, WeakPart,
};
use cuttings_model::{Article, Source, Span};
use cuttings_store::{Corpus, CorrectionAction, CorrectionRecord, StoredArticle};

use crate::cmd::{self, LineIndex};
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
    #[arg(long, default_value_t = 0, value_name = "N")]
    max_spans: usize,
    /// Mark the article as doubtful when a confidence of its segmentation is under this.
    #[arg(long, default_value_t = 0.5, value_name = "P")]
    doubtful_below: f32,
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
    let shown = Shown::of(&corpus, &stored, args.doubtful_below)?;
    let Shown {
        status,
        corrections,
        value,
    } = shown;
    let a = &stored.article;
    let provenance = &value.provenance;
    let weak = &value.doubtful;
    let dropped = dropped_counts(&stored);
    let mut out = output::stdout();
    match args.format {
        ShowFormat::Json => {
            output::json(&mut out, &value)?;
        }
        ShowFormat::Text => {
            // Ingested text is untrusted: `output::stdout` escapes its control characters.
            let f = &stored.file;
            let field =
                |name: &str, value: &str, out: &mut dyn Write| writeln!(out, "{name:<10}{value}");
            // A field's value, with how sure segmentation was of it or who typed it.
            let note = |name: &str| -> String {
                let spans = provenance.iter().find(|s| s.field == name);
                match spans {
                    Some(FieldSpans {
                        corrected_by: Some(n),
                        ..
                    }) => format!("  [set by correction #{n}]"),
                    Some(FieldSpans {
                        confidence: Some(c),
                        ..
                    }) => format!("  [{:.2}]", c.0),
                    _ => String::new(),
                }
            };
            field("id", &a.id.0, &mut out)?;
            if !weak.is_empty() {
                let parts: Vec<String> = weak
                    .iter()
                    .map(|w| format!("{} {:.2}", w.part, w.value.0))
                    .collect();
                writeln!(out, "doubtful: {}", parts.join(", "))?;
            }
            let value =
                |v: Option<&str>, name: &str| format!("{}{}", output::or_dash(v), note(name));
            field("title", &value(a.title.as_deref(), "title"), &mut out)?;
            field(
                "subtitle",
                &value(a.subtitle.as_deref(), "subtitle"),
                &mut out,
            )?;
            field(
                "date",
                &value(a.date.map(|d| d.to_string()).as_deref(), "date"),
                &mut out,
            )?;
            field("outlet", &value(a.outlet.as_deref(), "outlet"), &mut out)?;
            field(
                "authors",
                &value(Some(&cmd::authors(a)), "author"),
                &mut out,
            )?;
            if let Some(c) = &a.confidence {
                field("boundary", &format!("[{:.2}]", c.boundary), &mut out)?;
            }
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
            writeln!(
                out,
                "spans (source line, then byte offsets into the decoded source text)"
            )?;
            let max = if args.max_spans == 0 {
                usize::MAX
            } else {
                args.max_spans
            };
            for fs in provenance {
                let limit = if fs.field == "body" { max } else { usize::MAX };
                for s in fs.spans.iter().take(limit) {
                    let text = match &s.text {
                        Some(t) => format!("  {:?}", output::truncate(t, 70)),
                        None => String::new(),
                    };
                    let line = match &s.line {
                        Some(l) => format!("line {l:<7}"),
                        None => String::new(),
                    };
                    writeln!(out, "{:<10}{line}{}..{}{}", fs.field, s.start, s.end, text)?;
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
                    match fs.corrected_by {
                        Some(n) => writeln!(out, "{:<10}set by correction #{n}", fs.field)?,
                        None => writeln!(out, "{:<10}-", fs.field)?,
                    }
                }
            }
            if !corrections.is_empty() {
                writeln!(out)?;
                writeln!(
                    out,
                    "corrections (cuttings fix list; undo with cuttings fix undo N)"
                )?;
                for c in corrections.iter().map(cmd::fix::correction_line) {
                    writeln!(
                        out,
                        "#{:<9}{}{}",
                        c.id,
                        cmd::fix::what(&c),
                        c.reason
                            .as_deref()
                            .map(|r| format!(" ({r})"))
                            .unwrap_or_default()
                    )?;
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

/// What `show` knows of an article: the JSON answer, and for the text the read-back status and
/// the correction records.
pub struct Shown {
    /// Whether the source could be read back.
    pub status: cmd::ReadBack,
    /// The active corrections of the article.
    pub corrections: Vec<CorrectionRecord>,
    /// The answer of `show --format json` (also served by `serve`).
    pub value: ShowOutput,
}

impl Shown {
    /// Reads the article's source back and gathers its provenance; parts under
    /// `doubtful_below` are listed as doubtful.
    pub fn of(
        corpus: &Corpus,
        stored: &StoredArticle,
        doubtful_below: f32,
    ) -> anyhow::Result<Shown> {
        let (status, source) = cmd::read_back(&stored.file);
        let a = &stored.article;
        // The active corrections of this article: those that gave it (ids outlive later
        // corrections: a split's first part keeps its id) or are anchored in it.
        let corrections: Vec<CorrectionRecord> = corpus
            .corrections(Some(&stored.file.sha256))?
            .into_iter()
            .filter(|c| {
                c.is_active()
                    && (c.result.contains(&a.id.0)
                        || c.anchor.is_some_and(|at| cmd::fix::holds(a, at)))
            })
            .collect();
        let provenance = field_spans(a, source.as_ref(), &corrections);
        let dropped = dropped_counts(stored);
        let weak: Vec<WeakPart> = a
            .confidence
            .iter()
            .flat_map(|c| c.parts())
            .filter(|&(_, v)| v < doubtful_below)
            .map(|(part, v)| WeakPart {
                part: part.to_string(),
                value: ConfidenceValue(wire::round3(v)),
            })
            .collect();
        let mut article = ArticleLine::from(a);
        // This article's links only (the corpus may hold millions).
        let links = corpus.reuse_of(&a.id.0)?;
        let mut bodies = std::collections::HashMap::new();
        for l in &links {
            for other in [&l.a.0, &l.b.0] {
                if *other != a.id.0 && !bodies.contains_key(other) {
                    if let Some(o) = corpus.article(other)? {
                        bodies.insert(other.clone(), o.article.body);
                    }
                }
            }
        }
        let refs: Vec<&cuttings_model::ReuseLink> = links.iter().collect();
        article.reuse = wire::reuse_lines(a, &refs, |id| bodies.get(id).map(String::as_str));
        let value = ShowOutput {
            article,
            file: cmd::sources::source_line(&stored.file),
            source_status: status.as_str().to_string(),
            provenance,
            dropped_in_file: wire::counts(&dropped),
            boxes: a.provenance.boxes.iter().map(BoxLine::from).collect(),
            doubtful: weak,
            corrections: corrections.iter().map(cmd::fix::correction_line).collect(),
        };
        Ok(Shown {
            status,
            corrections,
            value,
        })
    }
}

/// Every field's spans with the line each starts on and the source text, when it is at hand;
/// the confidence of each field, and the correction that typed a value without a span.
fn field_spans(
    a: &Article,
    source: Option<&Source>,
    corrections: &[CorrectionRecord],
) -> Vec<FieldSpans> {
    let p = &a.provenance;
    let index = source.map(|s| LineIndex::new(&s.text));
    let conf = a.confidence;
    let one = |field: &str, spans: &[Span], labels: Option<Vec<String>>, set: Option<&str>| {
        let confidence = conf.and_then(|c| {
            let v = match field {
                "title" => c.title,
                "date" => c.date,
                "outlet" => c.outlet,
                "author" => c.authors,
                _ => return None,
            };
            Some(ConfidenceValue(wire::round3(v)))
        });
        // A value without a span was typed: by the last correction of that field here.
        let corrected_by = set.filter(|_| spans.is_empty()).and_then(|name| {
            corrections
                .iter()
                .rev()
                .find(|c| c.action == CorrectionAction::Set && c.field.as_deref() == Some(name))
                .map(|c| c.id)
        });
        FieldSpans {
            field: field.to_string(),
            spans: spans
                .iter()
                .enumerate()
                .map(|(i, s)| SpanText {
                    start: s.start,
                    end: s.end,
                    text: source
                        .and_then(|src| src.text.get(s.range()))
                        .map(str::to_string),
                    line: match (&labels, &index) {
                        (Some(l), _) => l.get(i).cloned(),
                        (None, Some(index)) => Some(index.line_of(s.start).to_string()),
                        _ => None,
                    },
                })
                .collect(),
            confidence,
            corrected_by,
        }
    };
    let mut out = vec![
        one("title", &p.title, None, Some("title")),
        one("subtitle", &p.subtitle, None, Some("subtitle")),
        one("date", &p.date, None, Some("date")),
        one("outlet", &p.outlet, None, Some("outlet")),
    ];
    for spans in &p.authors {
        out.push(one("author", spans, None, Some("authors")));
    }
    if p.authors.is_empty() {
        // No author: still say whether a correction cleared them.
        let cleared = one("author", &[], None, Some("authors"));
        if cleared.corrected_by.is_some() {
            out.push(cleared);
        }
    }
    let labels = index.as_ref().map(|i| cmd::line_labels(i, &p.body));
    out.push(one("body", &p.body, labels, None));
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
