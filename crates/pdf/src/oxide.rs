//! The `pdf_oxide` backend of [`WordSource`] (pure Rust, MIT/Apache-2.0).

use pdf_oxide::PdfDocument;

use crate::words::{PageWords, Word, WordSource};
use crate::{Error, Result};

/// A PDF opened with `pdf_oxide`.
pub struct OxideSource {
    doc: PdfDocument,
    path: String,
    pages: usize,
}

impl OxideSource {
    /// Parses `bytes`; refuses encrypted files that need a password.
    pub fn open(path: &str, bytes: &[u8]) -> Result<OxideSource> {
        let doc = PdfDocument::from_bytes(bytes.to_vec()).map_err(|e| Error::Broken {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        if doc.is_encrypted() && !matches!(doc.authenticate(b""), Ok(true)) {
            return Err(Error::Encrypted {
                path: path.to_string(),
            });
        }
        let pages = doc.page_count().map_err(|e| Error::Broken {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        Ok(OxideSource {
            doc,
            path: path.to_string(),
            pages,
        })
    }
}

impl WordSource for OxideSource {
    fn page_count(&self) -> usize {
        self.pages
    }

    fn page_words(&self, index: usize) -> Result<PageWords> {
        let broken = |e: pdf_oxide::Error| Error::Broken {
            path: self.path.clone(),
            message: format!("page {}: {e}", index + 1),
        };
        let (bx0, by0, bx1, by1) = self.doc.get_page_media_box(index).map_err(broken)?;
        let (left, bottom) = (bx0.min(bx1), by0.min(by1));
        let (width, height) = ((bx1 - bx0).abs(), (by1 - by0).abs());
        let found = self.doc.extract_words(index).map_err(broken)?;
        let mut words = Vec::with_capacity(found.len());
        for w in found {
            let text = w.text.trim();
            if text.is_empty() || !w.bbox.width.is_finite() || !w.bbox.height.is_finite() {
                continue;
            }
            // pdf_oxide's boxes are in PDF user space: origin at the bottom left, `y` up.
            let x0 = w.bbox.x - left;
            let y_top = w.bbox.y + w.bbox.height - bottom;
            let font = w.dominant_font.to_ascii_lowercase();
            words.push(Word {
                text: text.to_string(),
                x0,
                y0: height - y_top,
                x1: x0 + w.bbox.width,
                y1: height - (w.bbox.y - bottom),
                font_size: w.avg_font_size,
                bold: w.is_bold || font.contains("bold") || font.contains("black"),
                italic: w.is_italic || font.contains("italic") || font.contains("oblique"),
            });
        }
        Ok(PageWords {
            width,
            height,
            words,
        })
    }
}
