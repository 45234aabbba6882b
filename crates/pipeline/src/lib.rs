//! The whole pipeline for one source: read → segment → repair → [`Article`]s for text digests,
//! `cuttings-html` extraction for web pages.
//!
//! This is the one place that knows the order of the stages; the CLI, the benchmarks and (later)
//! the Spark workers all call [`process`], so a digest gives the same articles wherever it is read.
//! [`read_file`] and [`decode`] route by format: web pages (by extension or by their first bytes)
//! go to `cuttings-html`, PDFs (by their `%PDF-` magic) to `cuttings-pdf`, everything else to
//! `cuttings-read`.
//!
//! ```
//! let src = cuttings_model::Source::from_text("d.txt", "A Title Here\nAugust 16, 2017\n\nBody text of the piece goes on.\n");
//! let out = cuttings_pipeline::process(&src);
//! assert_eq!(out.file.sha256, src.sha256);
//! ```
#![deny(missing_docs)]

use std::io::Read;
use std::path::Path;

use std::collections::HashMap;

mod jsonl;

use cuttings_model::{
    Article, ArticleDraft, ArticleId, ArticleKind, BoxField, Change, Correction, Diagnostic,
    DropReason, Dropped, EntityKind, EntityMention, FieldBox, FieldValue, Flavor, Limits, LineRole,
    Provenance, QuoteMention, Role, Segmented, Source, SourceFormat, SourceRef, Span, TextLayout,
};

/// Why an input could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A text dump that could not be read (I/O, empty, binary, too large).
    #[error(transparent)]
    Text(#[from] cuttings_read::Error),
    /// A web page that could not be read (empty, binary, MHTML without HTML).
    #[error(transparent)]
    Html(#[from] cuttings_html::Error),
    /// A PDF that could not be read (broken, encrypted, scanned, too many pages).
    #[error(transparent)]
    Pdf(#[from] cuttings_pdf::Error),
}

/// Reads one file, refusing files over `max_bytes`, and decodes it by its format.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Source, ReadError> {
    let limits = Limits {
        max_file_size: max_bytes,
        ..Limits::default()
    };
    read_file_with(path, &limits)
}

/// Reads one file within `limits` (its size, then the readers' limits) and decodes it by its
/// format.
pub fn read_file_with(path: &Path, limits: &Limits) -> Result<Source, ReadError> {
    let display = path.display().to_string();
    let max_bytes = limits.max_file_size;
    let io = |source| cuttings_read::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    // Opening a FIFO blocks until someone writes to it (issue #17): look before opening.
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(cuttings_read::Error::NotAFile { path: display }.into());
    }
    // A file known to be too large is not read at all (a 300 MB file cost 256 MiB to refuse).
    let too_large = |size| cuttings_read::Error::TooLarge {
        path: display.clone(),
        size,
        limit: max_bytes,
    };
    if meta.len() > max_bytes {
        return Err(too_large(meta.len()).into());
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64).into());
    }
    decode_with(&display, &bytes, None, limits)
}

/// Decodes bytes named `path` (a file or URL) by their format; `content_type` is an HTTP header.
pub fn decode(path: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Source, ReadError> {
    decode_with(path, bytes, content_type, &Limits::default())
}

/// [`decode`] within `limits`. Archives and compressed files are refused as such, whatever
/// their name or type (issue #17): nothing is unpacked, so a zip or gzip bomb costs nothing.
pub fn decode_with(
    path: &str,
    bytes: &[u8],
    content_type: Option<&str>,
    limits: &Limits,
) -> Result<Source, ReadError> {
    if let Some(kind) = cuttings_read::sniff_archive(bytes) {
        return Err(cuttings_read::Error::Archive {
            path: path.to_string(),
            kind,
        }
        .into());
    }
    let html_type = content_type.is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("html") || t.contains("multipart/related")
    });
    // PDFs by their magic bytes, never by the name (issue #3).
    if !html_type && cuttings_pdf::is_pdf(bytes) {
        Ok(cuttings_pdf::read(path, bytes, limits)?.source)
    } else if html_type || cuttings_html::looks_like_html(path, bytes) {
        Ok(cuttings_html::decode_with(
            path,
            bytes,
            content_type,
            limits,
        )?)
    } else if jsonl::is_jsonl(path) {
        let mut source = cuttings_read::decode(path, bytes)?;
        source.format = SourceFormat::Jsonl;
        Ok(source)
    } else {
        Ok(cuttings_read::decode(path, bytes)?)
    }
}

/// What the pipeline learned about the file itself.
#[derive(Clone, Debug)]
pub struct FileInfo {
    /// Path as given.
    pub path: String,
    /// SHA-256 of the raw bytes.
    pub sha256: String,
    /// Encoding decoded from.
    pub encoding: &'static str,
    /// Text dump or web page.
    pub format: SourceFormat,
    /// Detected producer of the text dump.
    pub flavor: Option<Flavor>,
    /// Number of pages.
    pub pages: u32,
    /// Size of the decoded text in bytes.
    pub bytes: u64,
}

/// Everything one source gives.
#[derive(Clone, Debug)]
pub struct Processed {
    /// The file.
    pub file: FileInfo,
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Spans dropped as furniture, with reasons.
    pub dropped: Vec<Dropped>,
    /// Remarks on doubtful content.
    pub diagnostics: Vec<Diagnostic>,
    /// Every line of the document in reading order with its role, `article` indexing
    /// [`Processed::articles`] (empty for web pages). Segmenters that give no line roles get
    /// roles read off their drafts (see [`line_roles`]).
    pub lines: Vec<LineRole>,
    /// The numbers of the corrections given to [`process_corrected`] that did not apply (a
    /// diagnostic says why).
    pub skipped: Vec<u64>,
    /// Lines of a JSON Lines file that could not be read, as `PATH:LINE: reason` (the other
    /// lines still give their articles); empty for other formats.
    pub errors: Vec<String>,
}

/// Runs every stage over one decoded source.
pub fn process(source: &Source) -> Processed {
    process_corrected(source, &[])
}

/// Runs every stage over one decoded source, applying the users' `corrections` (the source's
/// active ones, in the order they were made) to the segmentation before repair
/// (`cuttings_segment::correct::apply`).
///
/// Ids: an article keeps the id of the draft it starts as in the uncorrected segmentation
/// (whatever its fields were corrected to), and the second part of a split gets an id derived
/// from that one and the split's number ([`ArticleId::derive`]); so ids stay what they were
/// before each correction and come out the same each time the source is segmented again.
pub fn process_corrected(source: &Source, corrections: &[Correction]) -> Processed {
    process_with(source, corrections, &Limits::default())
}

/// [`process_corrected`] within `limits` (a web page's elements nest at most
/// [`Limits::max_depth`] deep; the other limits apply when reading, see [`decode_with`]).
pub fn process_with(source: &Source, corrections: &[Correction], limits: &Limits) -> Processed {
    run(source, cuttings_segment::segment, true, corrections, limits)
}

/// Runs the stages up to repair (no names or quotations) with a given line-role model: how the
/// trainer scores a model it has not built into the binary yet.
pub fn process_with_model(
    source: &Source,
    model: &cuttings_segment::roles::RoleModel,
) -> Processed {
    run(
        source,
        |s, l| cuttings_segment::segment_with(model, s, l),
        false,
        &[],
        &Limits::default(),
    )
}

fn run(
    source: &Source,
    segment: impl Fn(&Source, &TextLayout) -> cuttings_model::Segmented,
    with_names: bool,
    corrections: &[Correction],
    limits: &Limits,
) -> Processed {
    if source.format == SourceFormat::Html {
        return process_page(source, corrections, limits);
    }
    if source.format == SourceFormat::Jsonl {
        return jsonl::process(source, with_names);
    }
    // A PDF carries the layout it was read with; a text dump's is recovered from the text.
    let recovered;
    let layout = match source.layout.as_deref() {
        Some(l) => l,
        None => {
            recovered = cuttings_read::layout(source);
            &recovered
        }
    };
    let mut segmented = segment(source, layout);
    if segmented.lines.is_empty() {
        segmented.lines = line_roles(layout, &segmented);
    }
    let uncorrected = (!corrections.is_empty()).then(|| segmented.drafts.clone());
    let applied = cuttings_segment::correct::apply(source, &mut segmented, corrections);
    let vocab = cuttings_repair::vocabulary(source, &layout.lines);
    let flavor = layout.flavor.unwrap_or(Flavor::Plain);
    // The ids of the uncorrected drafts, worked out when a corrected article needs one.
    let mut base_ids: HashMap<usize, ArticleId> = HashMap::new();
    let mut articles = Vec::with_capacity(segmented.drafts.len());
    // The index in `articles` of each draft's article (drafts without a body give none).
    let mut stored: Vec<Option<usize>> = Vec::with_capacity(segmented.drafts.len());
    for (d, origin) in segmented.drafts.iter().zip(&applied.origins) {
        let mut a = finish(source, layout, d, flavor, &vocab);
        if a.body.trim().is_empty() {
            stored.push(None);
            continue;
        }
        if let Some(drafts) = &uncorrected {
            let mut id = base_ids
                .entry(origin.draft)
                .or_insert_with(|| {
                    let d = &drafts[origin.draft];
                    let body = cuttings_repair::repair(source, &d.body, flavor, &vocab).text;
                    ArticleId::of(
                        &source.sha256,
                        d.title.as_ref().map(|t| t.value.as_str()),
                        &body,
                    )
                })
                .clone();
            for &n in &origin.splits {
                id = id.derive(n);
            }
            a.id = id;
        }
        if with_names {
            extract(&mut a);
        }
        stored.push(Some(articles.len()));
        articles.push(a);
    }
    let mut lines = segmented.lines;
    for l in &mut lines {
        l.article = l.article.and_then(|i| stored.get(i).copied().flatten());
    }
    Processed {
        file: FileInfo {
            path: source.path.clone(),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            format: source.format,
            flavor: layout.flavor,
            pages: layout.pages.len() as u32,
            bytes: source.text.len() as u64,
        },
        articles,
        dropped: segmented.dropped,
        diagnostics: segmented.diagnostics,
        lines,
        skipped: applied.skipped,
        errors: Vec::new(),
    }
}

/// Line roles read off the drafts, for segmenters that give none: body lines are `body`; a
/// metadata line takes the role of the fields read from it (`headline`, `standfirst`, `date`,
/// `outlet`, `byline`, `byline_outlet`, `outlet_date`; the `tail_` ones after the body), a head
/// line without a field is a `kicker` and a tail line without one a `running_title`; dropped
/// lines take the role of their reason. Probabilities are 1. In reading order: the order of
/// the reader's layout lines, then of the text.
pub fn line_roles(layout: &TextLayout, seg: &Segmented) -> Vec<LineRole> {
    let mut out = Vec::with_capacity(layout.lines.len());
    for (a, d) in seg.drafts.iter().enumerate() {
        let last_body = d.body.last().map(|l| l.span.start);
        for l in &d.body {
            out.push(LineRole {
                span: l.span,
                page: l.page,
                role: Role::Body,
                article: Some(a),
                prob: 1.0,
            });
        }
        for l in &d.meta_lines {
            let inside = |spans: &[Span]| {
                spans
                    .iter()
                    .any(|s| !s.is_empty() && l.span.start <= s.start && s.start < l.span.end)
            };
            let title = d.title.as_ref().is_some_and(|f| inside(&f.spans));
            let subtitle = d.subtitle.as_ref().is_some_and(|f| inside(&f.spans));
            let date = d.date.is_some_and(|(_, s)| inside(&[s]));
            let outlet = d.outlet.as_ref().is_some_and(|f| inside(&f.spans));
            let byline = d.authors.iter().any(|f| inside(&f.spans));
            let tail = last_body.is_some_and(|b| l.span.start > b);
            let role = match (title, subtitle, byline, outlet, date) {
                (true, ..) => Role::Headline,
                (_, true, ..) => Role::Standfirst,
                (_, _, true, true, _) => Role::BylineOutlet,
                (_, _, true, ..) => Role::Byline,
                (_, _, _, true, true) => Role::OutletDate,
                (_, _, _, true, _) => Role::Outlet,
                (_, _, _, _, true) => Role::Date,
                _ if tail => Role::RunningTitle,
                _ => Role::Kicker,
            };
            let role = match (tail, role) {
                (true, Role::Byline) => Role::TailByline,
                (true, Role::BylineOutlet) => Role::TailBylineOutlet,
                (true, Role::OutletDate) => Role::TailOutletDate,
                (true, Role::Outlet) => Role::TailOutlet,
                (true, Role::Date) => Role::TailDate,
                (_, r) => r,
            };
            out.push(LineRole {
                span: l.span,
                page: l.page,
                role,
                article: (role != Role::RunningTitle).then_some(a),
                prob: 1.0,
            });
        }
    }
    for d in &seg.dropped {
        out.push(LineRole {
            span: d.span,
            page: d.page,
            role: dropped_role(d.reason),
            article: None,
            prob: 1.0,
        });
    }
    // Reading order: the reader's line holding each span's first byte, then the text's order.
    let mut starts: Vec<(usize, usize)> = layout
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.span.start, i))
        .collect();
    starts.sort_unstable();
    let place = |span: Span| {
        let i = starts.partition_point(|&(s, _)| s <= span.start);
        (i.checked_sub(1).map_or(0, |i| starts[i].1), span.start)
    };
    out.sort_by_cached_key(|l| place(l.span));
    out
}

/// The role of a line dropped for `reason`.
fn dropped_role(reason: DropReason) -> Role {
    match reason {
        DropReason::RunningHeader => Role::RunningHeader,
        DropReason::RunningFooter => Role::RunningFooter,
        DropReason::PageNumber => Role::PageNumber,
        DropReason::Masthead => Role::Masthead,
        DropReason::Contents => Role::Contents,
        DropReason::RunningTitle => Role::RunningTitle,
        DropReason::PullQuote => Role::PullQuote,
        DropReason::Caption => Role::Caption,
        DropReason::Sidebar => Role::Sidebar,
        DropReason::Table => Role::Table,
        DropReason::ReferenceList => Role::Reference,
        DropReason::Form => Role::Form,
        DropReason::Continuation => Role::Continuation,
        DropReason::Ornament | DropReason::Fragment => Role::Other,
    }
}

fn finish(
    source: &Source,
    layout: &TextLayout,
    d: &ArticleDraft,
    flavor: Flavor,
    vocab: &cuttings_repair::Vocabulary,
) -> Article {
    let repaired = cuttings_repair::repair(source, &d.body, flavor, vocab);
    let title = d.title.as_ref().map(|f| f.value.clone());
    let id = ArticleId::of(&source.sha256, title.as_deref(), &repaired.text);
    let language = detect_language(&repaired.text);
    let kind = kind_of(&repaired.text);
    Article {
        id,
        title,
        subtitle: d.subtitle.as_ref().map(|f| f.value.clone()),
        date: d.date.map(|(date, _)| date),
        outlet: d.outlet.as_ref().map(|f| f.value.clone()),
        authors: d.authors.iter().map(|f| f.value.clone()).collect(),
        language,
        kind,
        source: SourceRef {
            path: source.path.clone(),
            sha256: source.sha256.clone(),
            first_page: d.first_page,
            last_page: d.last_page,
        },
        provenance: Provenance {
            title: d
                .title
                .as_ref()
                .map(|f| f.spans.clone())
                .unwrap_or_default(),
            subtitle: d
                .subtitle
                .as_ref()
                .map(|f| f.spans.clone())
                .unwrap_or_default(),
            // A date a user typed has an empty span (`cuttings fix`): no provenance.
            date: d
                .date
                .map(|(_, s)| s)
                .filter(|s| !s.is_empty())
                .into_iter()
                .collect(),
            outlet: d
                .outlet
                .as_ref()
                .map(|f| f.spans.clone())
                .unwrap_or_default(),
            authors: d.authors.iter().map(|f| f.spans.clone()).collect(),
            body: d.body.iter().map(|l| l.span).collect(),
            body_map: repaired.map,
            boxes: field_boxes(layout, d),
        },
        body: repaired.text,
        entities: Vec::new(),
        quotes: Vec::new(),
        confidence: Some(d.confidence),
    }
}

/// Where each field of a draft was printed: the boxes of the layout's lines its spans cover
/// (PDF sources only; empty for text dumps, whose layout has no boxes).
fn field_boxes(layout: &TextLayout, d: &ArticleDraft) -> Vec<FieldBox> {
    if layout.boxes.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut add = |field: BoxField, span: Span| {
        // Every line the span touches (a field printed over two lines has two boxes).
        let mut at = span.start;
        while at < span.end.max(span.start + 1) {
            let Some(b) = layout.box_covering(at) else {
                break;
            };
            let fb = FieldBox {
                field,
                page: b.page,
                x0: b.x0,
                y0: b.y0,
                x1: b.x1,
                y1: b.y1,
            };
            if !out.contains(&fb) {
                out.push(fb);
            }
            let i = layout.lines.partition_point(|l| l.span.end <= at);
            match layout.lines.get(i + 1) {
                Some(next) => at = next.span.start,
                None => break,
            }
        }
    };
    let fields = [
        (BoxField::Title, d.title.as_ref()),
        (BoxField::Subtitle, d.subtitle.as_ref()),
        (BoxField::Outlet, d.outlet.as_ref()),
    ];
    for (field, value) in fields {
        for &span in value.iter().flat_map(|f| &f.spans) {
            add(field, span);
        }
    }
    if let Some((_, span)) = d.date {
        add(BoxField::Date, span);
    }
    for &span in d.authors.iter().flat_map(|f| &f.spans) {
        add(BoxField::Author, span);
    }
    for line in &d.body {
        add(BoxField::Body, line.span);
    }
    // A body's lines one under the other make one box per block of text.
    let mut merged: Vec<FieldBox> = Vec::with_capacity(out.len());
    for b in out {
        if let Some(last) = merged.last_mut() {
            let overlap = last.x1.min(b.x1) - last.x0.max(b.x0);
            let width = (last.x1 - last.x0).min(b.x1 - b.x0);
            let height = (b.y1 - b.y0).max(1.0);
            if b.field == BoxField::Body
                && last.field == BoxField::Body
                && last.page == b.page
                && overlap > 0.5 * width
                && b.y0 >= last.y0
                && b.y0 - last.y1 < height
            {
                last.x0 = last.x0.min(b.x0);
                last.x1 = last.x1.max(b.x1);
                last.y1 = last.y1.max(b.y1);
                continue;
            }
        }
        merged.push(b);
    }
    merged
}

/// Finds the names and quotations of an article's body (English bodies only: the tagger is
/// trained on English). Offsets are bytes of the body.
pub fn extract(article: &mut Article) {
    if article.language.as_deref().is_some_and(|l| l != "en") {
        return;
    }
    // The built-in model is compiled in; it fails to load only if the build shipped a broken
    // file, which the extract crate's tests catch.
    let Ok(found) = cuttings_extract::extract(&article.body) else {
        return;
    };
    let body = &article.body;
    article.entities = found
        .mention_rows(body)
        .map(|m| EntityMention {
            name: m.name.to_string(),
            kind: match m.kind {
                cuttings_extract::EntityType::Person => EntityKind::Person,
                cuttings_extract::EntityType::Organization => EntityKind::Org,
                cuttings_extract::EntityType::Place => EntityKind::Place,
                cuttings_extract::EntityType::Misc => EntityKind::Misc,
            },
            canonical: m.canonical.to_string(),
            start: m.start,
            end: m.end,
        })
        .collect();
    article.quotes = found
        .quote_rows(body)
        .map(|q| QuoteMention {
            speaker: q.speaker.map(str::to_string),
            canonical: q.canonical.map(str::to_string),
            text: q.text.to_string(),
            start: q.start,
            end: q.end,
        })
        .collect();
}

/// One web page: at most one article, with every field's span in the decoded HTML; the users'
/// field corrections apply to it (a page is one article: splits and merges do not).
fn process_page(source: &Source, corrections: &[Correction], limits: &Limits) -> Processed {
    let page = cuttings_html::extract_with(source, None, limits.max_depth);
    let mut articles = Vec::new();
    if !page.body.text.trim().is_empty() {
        let title = page.title.as_ref().map(|f| f.value.clone());
        let body = page.body.text;
        let spans = |f: &Option<cuttings_model::Field>| {
            f.as_ref().map(|f| f.spans.clone()).unwrap_or_default()
        };
        articles.push(Article {
            id: ArticleId::of(&source.sha256, title.as_deref(), &body),
            title,
            subtitle: page.subtitle.as_ref().map(|f| f.value.clone()),
            date: page.date.map(|(d, _)| d),
            outlet: page.outlet.as_ref().map(|f| f.value.clone()),
            authors: page.authors.iter().map(|f| f.value.clone()).collect(),
            language: page.language.clone().or_else(|| detect_language(&body)),
            kind: kind_of(&body),
            source: SourceRef {
                path: source.path.clone(),
                sha256: source.sha256.clone(),
                first_page: 1,
                last_page: 1,
            },
            provenance: Provenance {
                title: spans(&page.title),
                subtitle: spans(&page.subtitle),
                // A date read from the fetched URL has no span in the page.
                date: page
                    .date
                    .map(|(_, s)| s)
                    .filter(|s| !s.is_empty())
                    .into_iter()
                    .collect(),
                outlet: spans(&page.outlet),
                authors: page.authors.iter().map(|f| f.spans.clone()).collect(),
                body: page.body.paragraphs,
                body_map: page.body.map,
                boxes: Vec::new(),
            },
            body,
            entities: Vec::new(),
            quotes: Vec::new(),
            confidence: None,
        });
    }
    let mut diagnostics = page.diagnostics;
    let mut skipped = Vec::new();
    for c in corrections {
        let article = articles.first_mut().filter(|a| {
            let p = &a.provenance;
            p.body
                .iter()
                .chain(&p.title)
                .chain(&p.subtitle)
                .chain(&p.date)
                .chain(&p.outlet)
                .chain(p.authors.iter().flatten())
                .any(|s| s.start <= c.anchor && c.anchor < s.end)
        });
        match (&c.change, article) {
            (Change::Set(value), Some(a)) => set_field(a, value),
            (change, _) => {
                skipped.push(c.number);
                diagnostics.push(Diagnostic::warning(
                    format!(
                        "correction #{} ({}) not applied: {}",
                        c.number,
                        change.action(),
                        if matches!(change, Change::Set(_)) {
                            "the page's article does not hold its anchor"
                        } else {
                            "a web page is one article"
                        }
                    ),
                    None,
                ));
            }
        }
    }
    for a in &mut articles {
        extract(a);
    }
    Processed {
        file: FileInfo {
            path: source.path.clone(),
            sha256: source.sha256.clone(),
            encoding: source.encoding,
            format: source.format,
            flavor: None,
            pages: 1,
            bytes: source.text.len() as u64,
        },
        articles,
        dropped: Vec::new(),
        diagnostics,
        lines: Vec::new(),
        skipped,
        errors: Vec::new(),
    }
}

/// Sets a field of a finished article to a value a user typed (no span).
fn set_field(a: &mut Article, value: &FieldValue) {
    let p = &mut a.provenance;
    match value {
        FieldValue::Title(v) => (a.title, p.title) = (v.clone(), Vec::new()),
        FieldValue::Subtitle(v) => (a.subtitle, p.subtitle) = (v.clone(), Vec::new()),
        FieldValue::Date(v) => (a.date, p.date) = (*v, Vec::new()),
        FieldValue::Outlet(v) => (a.outlet, p.outlet) = (v.clone(), Vec::new()),
        FieldValue::Authors(v) => {
            a.authors = v.clone();
            p.authors = vec![Vec::new(); v.len()];
        }
    }
}

/// ISO 639-1 code of the text's language, when whatlang is confident.
fn detect_language(text: &str) -> Option<String> {
    // Fast path: English text is a fifth function words; whatlang's trigram model costs far more.
    let mut words = 0;
    let mut common = 0;
    for w in text.split_whitespace().take(200) {
        words += 1;
        if [
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "was", "on", "said", "with",
        ]
        .iter()
        .any(|c| c.eq_ignore_ascii_case(w))
        {
            common += 1;
        }
    }
    if words >= 30 && common * 5 >= words {
        return Some("en".to_string());
    }
    let sample: String = text.chars().take(500).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.len() > 200 {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

fn iso639_1(lang: whatlang::Lang) -> &'static str {
    // whatlang names languages by ISO 639-3; the output contract uses 639-1 where one exists.
    match lang.code() {
        "eng" => "en",
        "fra" => "fr",
        "deu" => "de",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "rus" => "ru",
        "ukr" => "uk",
        "pes" => "fa",
        "ara" => "ar",
        "tur" => "tr",
        "pol" => "pl",
        "swe" => "sv",
        "dan" => "da",
        "fin" => "fi",
        "ell" => "el",
        "heb" => "he",
        "cmn" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "hin" => "hi",
        "sqi" => "sq",
        "urd" => "ur",
        "ron" => "ro",
        "hun" => "hu",
        "ces" => "cs",
        other => other,
    }
}

/// Letters open with a salutation or close with a valediction.
fn kind_of(body: &str) -> ArticleKind {
    let head: String = body.chars().take(200).collect::<String>().to_lowercase();
    // The last 200 characters, found from the end (no copy of the whole body).
    let tail_start = body.char_indices().rev().nth(199).map_or(0, |(i, _)| i);
    let tail = body[tail_start..].to_lowercase();
    let salutation =
        head.starts_with("dear ") || head.starts_with("to the ") || head.starts_with("to:");
    let valediction = [
        "kind regards",
        "yours sincerely",
        "yours faithfully",
        "sincerely,",
        "best regards",
    ]
    .iter()
    .any(|v| tail.contains(v));
    if salutation || valediction {
        ArticleKind::Letter
    } else {
        ArticleKind::Article
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_route_to_html_and_keep_spans() {
        let html = br#"<!doctype html><html lang="en"><head><title>Ferries stay in port</title></head>
<body><article><p>The ferries that cross the estuary stayed in port on Friday, as the wind rose.</p>
<p>Harbour staff said crossings would resume, weather permitting, on Saturday morning.</p></article></body></html>"#;
        let src = decode("saved.html", html, None).unwrap();
        assert_eq!(src.format, SourceFormat::Html);
        let out = process(&src);
        assert_eq!(out.articles.len(), 1);
        let a = &out.articles[0];
        assert_eq!(a.title.as_deref(), Some("Ferries stay in port"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(src.slice(a.provenance.title[0]), "Ferries stay in port");
        assert_eq!(a.provenance.body.len(), 2);
        assert!(src.slice(a.provenance.body[1]).starts_with("Harbour staff"));
        // Text stays text.
        let txt = decode(
            "d.txt",
            b"A Title Here\n\nBody text of the piece goes on.\n",
            None,
        )
        .unwrap();
        assert_eq!(txt.format, SourceFormat::TextDump);
    }

    const TWO: &str = "Four Senators Visit the Capital\nAugust 16, 2017\nBy Jane Roe\n\n\
        The senators met officials of the ministry on Monday morning in the capital.\n\
        They left on Tuesday after long talks about the budget and the new harbour.\n\n\
        The ferries that cross the estuary stayed in port on Friday as the wind rose.\n\
        Harbour staff said crossings would resume on Saturday, weather permitting.\n\n\
        Harbour Works Delayed Again\nAugust 17, 2017\nBy John Smith\n\n\
        The harbour works will not start this year, the port authority said on Thursday.\n\
        Contractors blamed the weather and the price of steel for the long delay.\n";

    fn start_of(src: &Source, text: &str) -> usize {
        src.text.find(text).unwrap()
    }

    #[test]
    fn corrections_keep_ids_and_line_roles() {
        let src = Source::from_text("two.txt", TWO);
        let plain = process(&src);
        assert_eq!(plain.articles.len(), 2, "{:#?}", plain.articles);
        assert!(plain.articles.iter().all(|a| a.confidence.is_some()));
        // Line roles read off the drafts, articles indexing `articles`.
        let role = |p: &Processed, text: &str| {
            let l = p
                .lines
                .iter()
                .find(|l| src.slice(l.span).starts_with(text))
                .unwrap();
            (l.role, l.article)
        };
        assert_eq!(role(&plain, "Four Senators"), (Role::Headline, Some(0)));
        assert_eq!(role(&plain, "By Jane Roe"), (Role::Byline, Some(0)));
        assert_eq!(role(&plain, "August 17"), (Role::Date, Some(1)));
        assert_eq!(role(&plain, "The ferries"), (Role::Body, Some(0)));
        let first = &plain.articles[0];

        // A title typed by a user: same id, no span.
        let anchor = start_of(&src, "They left");
        let title = Correction {
            number: 1,
            anchor,
            change: Change::Set(FieldValue::Title(Some("Senators in town".into()))),
        };
        let fixed = process_corrected(&src, std::slice::from_ref(&title));
        let a = &fixed.articles[0];
        assert_eq!(a.id, first.id);
        assert_eq!(a.title.as_deref(), Some("Senators in town"));
        assert!(a.provenance.title.is_empty());
        assert_eq!(a.body, first.body);

        // A split: the first part keeps the id, the second gets one derived from it.
        let split = Correction {
            number: 2,
            anchor,
            change: Change::Split {
                at: start_of(&src, "The ferries"),
            },
        };
        let out = process_corrected(&src, &[title.clone(), split.clone()]);
        assert!(out.skipped.is_empty(), "{:?}", out.diagnostics);
        let titles: Vec<_> = out.articles.iter().map(|a| a.title.clone()).collect();
        assert_eq!(
            titles,
            [
                Some("Senators in town".to_string()),
                Some(
                    "The ferries that cross the estuary stayed in port on Friday as the wind rose."
                        .to_string()
                ),
                Some("Harbour Works Delayed Again".to_string())
            ]
        );
        assert_eq!(out.articles[0].id, first.id);
        assert_eq!(out.articles[1].id, first.id.derive(2));
        assert_eq!(out.articles[2].id, plain.articles[1].id);
        assert_eq!(out.articles[1].confidence.unwrap().boundary, 1.0);
        assert_eq!(role(&out, "The ferries"), (Role::Headline, Some(1)));
        assert_eq!(role(&out, "Harbour staff"), (Role::Body, Some(1)));
        assert_eq!(role(&out, "August 17"), (Role::Date, Some(2)));
        // Again: the same ids.
        let again = process_corrected(&src, &[title, split]);
        let ids = |p: &Processed| p.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&again), ids(&out));

        // A date typed by a user has no span; an anchor in no article is a warning.
        let date = Correction {
            number: 3,
            anchor: start_of(&src, "Contractors"),
            change: Change::Set(FieldValue::Date(None)),
        };
        let lost = Correction {
            number: 4,
            anchor: src.text.len() + 1,
            change: Change::Set(FieldValue::Outlet(None)),
        };
        let out = process_corrected(&src, &[date, lost]);
        assert_eq!(out.articles[1].date, None);
        assert!(out.articles[1].provenance.date.is_empty());
        assert_eq!(out.skipped, [4]);
        assert!(out
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("correction #4")));
    }

    #[test]
    fn web_pages_take_field_corrections_only() {
        let html = br#"<!doctype html><html lang="en"><head><title>Ferries stay in port</title></head>
<body><article><p>The ferries that cross the estuary stayed in port on Friday, as the wind rose.</p>
<p>Harbour staff said crossings would resume, weather permitting, on Saturday morning.</p></article></body></html>"#;
        let src = decode("saved.html", html, None).unwrap();
        let plain = process(&src);
        let anchor = plain.articles[0].provenance.body[0].start;
        let out = process_corrected(
            &src,
            &[
                Correction {
                    number: 1,
                    anchor,
                    change: Change::Set(FieldValue::Outlet(Some("Estuary News".into()))),
                },
                Correction {
                    number: 2,
                    anchor,
                    change: Change::Split { at: anchor },
                },
            ],
        );
        let a = &out.articles[0];
        assert_eq!(a.id, plain.articles[0].id);
        assert_eq!(a.outlet.as_deref(), Some("Estuary News"));
        assert!(a.provenance.outlet.is_empty());
        assert_eq!(a.confidence, None);
        assert_eq!(out.skipped, [2]);
        assert!(out.lines.is_empty());
    }
}
