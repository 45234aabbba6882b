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

use cuttings_model::{
    Article, ArticleDraft, ArticleId, ArticleKind, BoxField, Diagnostic, Dropped, EntityKind,
    EntityMention, FieldBox, Flavor, Provenance, QuoteMention, Source, SourceFormat, SourceRef,
    Span, TextLayout,
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
    let display = path.display().to_string();
    let io = |source| cuttings_read::Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(cuttings_read::Error::TooLarge {
            path: display,
            size: bytes.len() as u64,
            limit: max_bytes,
        }
        .into());
    }
    decode(&display, &bytes, None)
}

/// Decodes bytes named `path` (a file or URL) by their format; `content_type` is an HTTP header.
pub fn decode(path: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Source, ReadError> {
    let html_type = content_type.is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("html") || t.contains("multipart/related")
    });
    // PDFs by their magic bytes, never by the name (issue #3).
    if !html_type && cuttings_pdf::is_pdf(bytes) {
        Ok(cuttings_pdf::read(path, bytes, &cuttings_pdf::Limits::default())?.source)
    } else if html_type || cuttings_html::looks_like_html(path, bytes) {
        Ok(cuttings_html::decode(path, bytes, content_type)?)
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
}

/// Runs every stage over one decoded source.
pub fn process(source: &Source) -> Processed {
    run(source, cuttings_segment::segment, true)
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
    )
}

fn run(
    source: &Source,
    segment: impl Fn(&Source, &TextLayout) -> cuttings_model::Segmented,
    with_names: bool,
) -> Processed {
    if source.format == SourceFormat::Html {
        return process_page(source);
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
    let segmented = segment(source, layout);
    let vocab = cuttings_repair::vocabulary(source, &layout.lines);
    let flavor = layout.flavor.unwrap_or(Flavor::Plain);
    let articles = segmented
        .drafts
        .iter()
        .map(|d| finish(source, layout, d, flavor, &vocab))
        .filter(|a| !a.body.trim().is_empty())
        .map(|mut a| {
            if with_names {
                extract(&mut a);
            }
            a
        })
        .collect();
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
            date: d.date.map(|(_, s)| vec![s]).unwrap_or_default(),
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

/// One web page: at most one article, with every field's span in the decoded HTML.
fn process_page(source: &Source) -> Processed {
    let page = cuttings_html::extract(source, None);
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
        });
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
        diagnostics: page.diagnostics,
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
}
