//! PDF digests read directly (issue #3): words with their boxes and type, lines, columns,
//! blocks and reading order, rendered as a [`Source`] plus a [`TextLayout`] with boxes.
//!
//! The rest of the pipeline takes the same nouns as for text dumps: [`Source::text`] is the
//! PDF's words in reading order (one text line per printed line, a blank line between blocks,
//! a form feed between pages, hyphens kept as printed), `Source::sha256` is the PDF's, and
//! `Source::layout` holds the [`TextLayout`] whose lines index that text and whose `boxes` say
//! where each line was printed. Furniture is left to `cuttings-segment`, which drops what
//! repeats across pages; this crate only leaves out words that are off the page.
//!
//! The backend is behind [`WordSource`]; [`OxideSource`] uses `pdf_oxide`.
//!
//! ```
//! # #[cfg(feature = "oxide")] {
//! use cuttings_pdf::write::{PdfWriter, Font};
//! let mut w = PdfWriter::new(595.0, 842.0);
//! w.page();
//! w.text(72.0, 72.0, Font::HelveticaBold, 18.0, "A Headline");
//! w.text(72.0, 100.0, Font::Helvetica, 10.0, "Body text of the piece.");
//! let pdf = cuttings_pdf::read("d.pdf", &w.finish(), &cuttings_pdf::Limits::default()).unwrap();
//! assert_eq!(pdf.source.text, "A Headline\n\nBody text of the piece.\n");
//! # }
//! ```
#![deny(missing_docs)]

#[cfg(feature = "oxide")]
mod graph;
#[cfg(feature = "oxide")]
mod guard;
mod layout;
#[cfg(feature = "oxide")]
mod oxide;
mod words;
pub mod write;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use cuttings_model::{Line, LineBox, Page, Source, SourceFormat, Span, TextLayout};
use rayon::prelude::*;

pub use layout::{read_page, PageLayout, SkippedWord, TextBlock, TextLine};
#[cfg(feature = "oxide")]
pub use oxide::OxideSource;
pub use words::{PageWords, Word, WordSource};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be parsed at all.
    #[error("{path}: broken pdf: {message}")]
    Broken {
        /// The file.
        path: String,
        /// What the backend said.
        message: String,
    },
    /// The file is encrypted and needs a password.
    #[error("{path}: encrypted pdf (a password is needed to read it)")]
    Encrypted {
        /// The file.
        path: String,
    },
    /// This build has no PDF backend (the `oxide` feature of `cuttings-pdf` was off).
    #[error("{path}: this cuttings was built without PDF support (feature `oxide`)")]
    NoBackend {
        /// The file.
        path: String,
    },
    /// No page has any text: a scanned document (OCR is not supported yet).
    #[error("{path}: pdf has no text layer (scanned?); OCR is not supported yet")]
    NoText {
        /// The file.
        path: String,
    },
    /// More pages than the limit.
    #[error("{path}: pdf has {pages} pages, more than the limit of {limit} (--max-pages)")]
    TooManyPages {
        /// The file.
        path: String,
        /// Pages in the file.
        pages: usize,
        /// The limit.
        limit: usize,
    },
    /// Arrays or dictionaries nest deeper than [`Limits::max_depth`] (issue #17): the backend
    /// parses them by recursion and would overflow its stack.
    #[error(
        "{path}: pdf nests arrays or dictionaries deeper than {limit} levels ({at}; --max-depth)"
    )]
    TooDeep {
        /// The file.
        path: String,
        /// The limit.
        limit: usize,
        /// Where: `byte N` of the file (for a stream, where its data starts), or `page N`
        /// (its content streams, decoded).
        at: String,
    },
    /// The page tree, or a chain of objects that are only references to the next, is deeper
    /// than [`Limits::max_depth`] (issue #17): the backend walks the page tree by recursion.
    #[error("{path}: pdf page tree or chain of references deeper than {limit} levels ({at}; --max-depth)")]
    DeepTree {
        /// The file.
        path: String,
        /// The limit.
        limit: usize,
        /// Where: `page tree from object N` or `references from object N`.
        at: String,
    },
    /// The page tree, or a chain of references, leads back to an object on its own path.
    #[error("{path}: broken pdf: its {at} loops back on itself")]
    Loop {
        /// The file.
        path: String,
        /// Where: `page tree at object N` or `references at object N`.
        at: String,
    },
    /// Something the guard cannot check before the backend parses it (issue #17).
    #[error("{path}: pdf not read: {what} cannot be checked before it is parsed")]
    Unchecked {
        /// The file.
        path: String,
        /// What (`an object stream under /LZWDecode`).
        what: String,
    },
    /// A stream inflates beyond [`Limits::max_inflated`] bytes.
    #[error(
        "{path}: decompression bomb: a stream inflates beyond {} (--max-inflated)",
        cuttings_model::limits::human_bytes(*limit)
    )]
    Bomb {
        /// The file.
        path: String,
        /// The limit.
        limit: u64,
    },
    /// The file is cut short (it lacks its final `%%EOF`) and no page could be read: not a
    /// file without a text layer, nor merely broken.
    #[error("{path}: truncated/damaged pdf ({detail})")]
    Damaged {
        /// The file.
        path: String,
        /// What the backend made of it.
        detail: String,
    },
    /// The backend panicked: a bug in it, reported against the file.
    #[error("{path}: the pdf reader failed: {message}")]
    Panicked {
        /// The file.
        path: String,
        /// The panic's message.
        message: String,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// The default of [`Limits::max_depth`]: 256 levels of arrays and dictionaries (see
/// [`cuttings_model::limits::MAX_DEPTH`]).
pub const MAX_NESTING: usize = cuttings_model::limits::MAX_DEPTH;

/// The default of [`Limits::max_inflated`]: 64 MiB from one compressed stream; a stream
/// inflating beyond it is taken for a decompression bomb (issue #17).
pub const MAX_INFLATED: u64 = cuttings_model::limits::MAX_INFLATED;

/// Limits that protect memory, time and stack on hostile or huge files: the shared table of
/// `cuttings-model` (this crate reads `max_pages`, `max_depth` and `max_inflated`).
pub use cuttings_model::Limits;

/// A PDF read: the source to segment, and how each page was read.
#[derive(Clone, Debug)]
pub struct Pdf {
    /// The rendered text, with `layout` set.
    pub source: Source,
    /// Each page's blocks in reading order (for `cuttings pages`).
    pub pages: Vec<PageLayout>,
}

impl Pdf {
    /// The layout read with the text.
    pub fn layout(&self) -> &TextLayout {
        self.source
            .layout
            .as_deref()
            .expect("a pdf source always carries its layout")
    }
}

/// True when `bytes` start like a PDF (`%PDF-`, possibly after a little junk, as readers allow).
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Reads a PDF from its bytes with the `pdf_oxide` backend.
///
/// A panic in the backend is caught and returned as [`Error::Panicked`]. A stack overflow
/// cannot be caught, so files nesting deeper than [`Limits::max_depth`] are refused before
/// the backend sees them ([`Error::TooDeep`]), as are decompression bombs ([`Error::Bomb`]).
/// A file that cannot be read and does not end like a complete PDF is [`Error::Damaged`]
/// rather than [`Error::NoText`] or [`Error::Broken`].
#[cfg(feature = "oxide")]
pub fn read(path: &str, bytes: &[u8], limits: &Limits) -> Result<Pdf> {
    guard::check(path, bytes, limits)?;
    let read = guarded(path, || {
        let src = OxideSource::open(path, bytes)?.with_limits(limits);
        read_from(path, bytes, &src, limits)
    });
    if guard::looks_complete(bytes) {
        return read;
    }
    match read {
        Err(Error::NoText { .. }) => Err(Error::Damaged {
            path: path.to_string(),
            detail: "no readable page".to_string(),
        }),
        Err(Error::Broken { message, .. }) => Err(Error::Damaged {
            path: path.to_string(),
            detail: message,
        }),
        r => r,
    }
}

/// Without a backend compiled in (feature `oxide` off), every PDF is refused.
#[cfg(not(feature = "oxide"))]
pub fn read(path: &str, _bytes: &[u8], _limits: &Limits) -> Result<Pdf> {
    Err(Error::NoBackend {
        path: path.to_string(),
    })
}

/// Reads a PDF from any [`WordSource`]; `bytes` are hashed for `Source::sha256`.
pub fn read_from(path: &str, bytes: &[u8], src: &dyn WordSource, limits: &Limits) -> Result<Pdf> {
    let count = src.page_count();
    if count > limits.max_pages {
        return Err(Error::TooManyPages {
            path: path.to_string(),
            pages: count,
            limit: limits.max_pages,
        });
    }
    // Pages on all cores: extraction is most of the cost of a PDF (issue #3, speed).
    let pages = (0..count)
        .into_par_iter()
        .map(|i| guarded(path, || src.page_words(i)).map(read_page))
        .collect::<Result<Vec<PageLayout>>>()?;
    if pages.iter().all(|p| p.blocks.is_empty()) {
        return Err(Error::NoText {
            path: path.to_string(),
        });
    }
    let (text, layout) = render(&pages);
    let source = Source {
        path: path.to_string(),
        sha256: cuttings_model::sha256_hex(bytes),
        encoding: "UTF-8",
        bom_len: 0,
        format: SourceFormat::Pdf,
        text,
        layout: Some(Arc::new(layout)),
    };
    Ok(Pdf { source, pages })
}

fn guarded<T>(path: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            Err(Error::Panicked {
                path: path.to_string(),
                message,
            })
        }
    }
}

/// The text of the pages in reading order and the layout indexing it.
fn render(pages: &[PageLayout]) -> (String, TextLayout) {
    let mut text = String::new();
    let mut layout = TextLayout {
        flavor: Some(cuttings_model::Flavor::Pdf),
        pages: Vec::with_capacity(pages.len()),
        lines: Vec::new(),
        boxes: Vec::new(),
    };
    for (i, page) in pages.iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if i > 0 {
            text.push('\x0c');
        }
        let page_start = text.len();
        let content_left = page
            .blocks
            .iter()
            .flat_map(|b| b.lines.iter().map(|l| l.x0))
            .fold(f32::MAX, f32::min);
        let content_right = page
            .blocks
            .iter()
            .flat_map(|b| b.lines.iter().map(|l| l.x1))
            .fold(f32::MIN, f32::max);
        let content_width = (content_right - content_left).max(1.0);
        for (b, block) in page.blocks.iter().enumerate() {
            if b > 0 {
                text.push('\n');
            }
            let left = block.lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
            for (k, line) in block.lines.iter().enumerate() {
                let start = text.len();
                text.push_str(&line.text());
                let end = text.len();
                text.push('\n');
                let indent = ((line.x0 - left) / (line.font_size.max(1.0) * 0.5)).round();
                layout.lines.push(Line {
                    span: Span::new(start, end),
                    page: number,
                    column: block.column,
                    gap_before: k == 0,
                    indent: indent.clamp(0.0, 200.0) as u16,
                    full_width: page.columns > 1 && line.x1 - line.x0 > 0.6 * content_width,
                });
                layout.boxes.push(LineBox {
                    page: number,
                    x0: line.x0,
                    y0: line.y0,
                    x1: line.x1,
                    y1: line.y1,
                    font_size: line.font_size,
                    bold: line.bold,
                    italic: line.italic,
                    font: line.font,
                });
            }
        }
        layout.pages.push(Page {
            number,
            span: Span::new(page_start, text.len()),
            columns: page.columns,
        });
    }
    (text, layout)
}
