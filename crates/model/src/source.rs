//! Sources (one input file, decoded) and the page/line layout that `read` recovers from them.

use sha2::{Digest, Sha256};

use crate::Span;

/// One input, decoded to UTF-8 and never changed afterwards.
///
/// All spans anywhere in cuttings index into [`Source::text`]. For UTF-8 input the text is the
/// file's bytes minus the byte-order mark, so `file offset = span offset + bom_len`; for other
/// encodings the spans index the decoded text and `encoding` says what it was decoded from.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path (or URL, or `-` for stdin) as the user gave it.
    pub path: String,
    /// Lower-case hex SHA-256 of the raw bytes as read.
    pub sha256: String,
    /// Name of the encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// Length of the byte-order mark that was stripped (0 when there was none).
    pub bom_len: usize,
    /// What kind of document it is.
    pub format: SourceFormat,
    /// The decoded text; immutable. For a PDF: its words in reading order, one text line per
    /// printed line, a blank line between blocks and a form feed between pages.
    pub text: String,
    /// The layout read together with the text, for formats that carry one (PDF: lines with
    /// their boxes); `None` when `read` recovers the layout from the text itself.
    pub layout: Option<std::sync::Arc<TextLayout>>,
}

impl Source {
    /// A source from text already in memory (tests, stdin); hashes the UTF-8 bytes.
    pub fn from_text(path: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        Source {
            path: path.into(),
            sha256: sha256_hex(text.as_bytes()),
            encoding: "UTF-8",
            bom_len: 0,
            format: SourceFormat::TextDump,
            text,
            layout: None,
        }
    }

    /// The text a span covers.
    ///
    /// Panics when the span is out of bounds or splits a character: that is a bug in the stage
    /// that made it, never bad input.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The whole text as a span.
    pub fn full_span(&self) -> Span {
        Span::new(0, self.text.len())
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// The kind of document a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    /// A plain-text dump of a PDF digest (pdftotext and the like).
    TextDump,
    /// A web page (HTML, or the HTML part of an MHTML archive); `Source::text` is the decoded HTML.
    Html,
    /// A PDF read by `cuttings-pdf`; `Source::text` renders its words in reading order and
    /// `Source::layout` holds the lines with their boxes; `sha256` is the PDF's.
    Pdf,
    /// JSON Lines of articles (issue #13): one object per line with the keys of the output
    /// contract; `Source::text` is the decoded file.
    Jsonl,
}

impl SourceFormat {
    /// Stable lower-case name, used in the corpus and in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            SourceFormat::TextDump => "text",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Jsonl => "jsonl",
        }
    }
}

/// How a text dump was produced; detected by `read`, never configured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `pdftotext` default mode: columns read one after the other; line-end hyphens removed and
    /// the broken word joined onto the first line.
    Raw,
    /// `pdftotext -layout`: columns side by side on one line; hyphens kept.
    Layout,
    /// Seed-like dumps: hyphens kept at line ends, some pages double-spaced, page starts marked by
    /// a leading space rather than a form feed.
    Seedlike,
    /// Anything else: one column, hyphens kept.
    Plain,
    /// Read from a PDF's words by `cuttings-pdf`: hyphens kept as printed, lines with boxes.
    Pdf,
}

impl Flavor {
    /// True when the producer removed line-end hyphens itself (so compounds may have been joined).
    pub fn hyphens_removed(&self) -> bool {
        matches!(self, Flavor::Raw)
    }

    /// Stable lower-case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Flavor::Raw => "raw",
            Flavor::Layout => "layout",
            Flavor::Seedlike => "seedlike",
            Flavor::Plain => "plain",
            Flavor::Pdf => "pdf",
        }
    }
}

/// One page of a source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// The bytes of the page in the source.
    pub span: Span,
    /// How many text columns `read` found on the page (1 when it did not split).
    pub columns: u16,
}

/// One non-blank line of text in reading order.
///
/// Its text is `source.slice(line.span)`: trimmed of surrounding white space, never empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's bytes in the source (a part of a physical line for side-by-side columns).
    pub span: Span,
    /// 1-based page number.
    pub page: u32,
    /// 0-based column on the page (0 for full-width lines).
    pub column: u16,
    /// True when a blank line (or a page or column start) separates it from the previous line.
    pub gap_before: bool,
    /// Leading spaces before the text within its column.
    pub indent: u16,
    /// True when the line crosses column gutters (page-wide titles, headers).
    pub full_width: bool,
}

/// What `read` recovers from a text source: pages and non-blank lines in reading order.
#[derive(Clone, Debug, Default)]
pub struct TextLayout {
    /// The producer that was detected.
    pub flavor: Option<Flavor>,
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Non-blank lines in reading order (page by page, column by column).
    pub lines: Vec<Line>,
    /// Where each line was printed, parallel to `lines` (PDF only; empty for text dumps).
    pub boxes: Vec<LineBox>,
}

impl TextLayout {
    /// The box of the line whose span starts at `start`, when the layout has boxes.
    ///
    /// Works on layouts whose lines a later stage split or joined: it looks the line up by the
    /// first byte of its span in this (the reader's) layout.
    pub fn box_at(&self, start: usize) -> Option<&LineBox> {
        if self.boxes.len() != self.lines.len() {
            return None;
        }
        let i = self.lines.partition_point(|l| l.span.start < start);
        let line = self.lines.get(i)?;
        (line.span.start == start).then(|| &self.boxes[i])
    }

    /// The box of the line that covers byte `at`, when the layout has boxes.
    pub fn box_covering(&self, at: usize) -> Option<&LineBox> {
        if self.boxes.len() != self.lines.len() {
            return None;
        }
        let i = self.lines.partition_point(|l| l.span.end <= at);
        let line = self.lines.get(i)?;
        (line.span.start <= at).then(|| &self.boxes[i])
    }
}

/// Where a line of a PDF was printed and in what type.
///
/// Coordinates are PDF points (1/72 inch) from the page's top-left corner, `y` growing down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineBox {
    /// 1-based page number.
    pub page: u32,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Font size in points (the most common size among the line's characters).
    pub font_size: f32,
    /// True when most of the line's characters are bold.
    pub bold: bool,
    /// True when most of the line's characters are italic.
    pub italic: bool,
    /// The font family of most of the line's characters, as a number (0 when unknown): lines in
    /// one family have the same number.
    pub font: u32,
}
