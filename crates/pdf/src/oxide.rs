//! The `pdf_oxide` backend of [`WordSource`] (pure Rust, MIT/Apache-2.0).

use pdf_oxide::layout::TextChar;
use pdf_oxide::PdfDocument;

use crate::words::{PageWords, Word, WordSource};
use crate::{Error, Result};

/// A PDF opened with `pdf_oxide`.
pub struct OxideSource {
    doc: PdfDocument,
    path: String,
    pages: usize,
    limits: crate::Limits,
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
            limits: crate::Limits::default(),
        })
    }

    /// Uses `limits` (default [`crate::Limits::default`]) when reading pages.
    pub fn with_limits(mut self, limits: &crate::Limits) -> OxideSource {
        self.limits = *limits;
        self
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
        // The decoded content, measured before pdf_oxide parses it by recursion (issue #17):
        // the raw file's check cannot see into encrypted streams or across a page's streams.
        // pdf_oxide caches it, so extraction below does not decode it again. Content that
        // does not decode is left to extraction, which reads what it can.
        if let Ok(content) = self.doc.get_page_content_data(index) {
            crate::guard::check_page_content(&self.path, index + 1, &content, &self.limits)?;
        }
        let (width, height) = ((bx1 - bx0).abs(), (by1 - by0).abs());
        // Characters, not pdf_oxide's words: its word API orders and clusters spans first,
        // which is most of its cost; our layout orders the page itself (issue #3, speed).
        let chars = self.doc.extract_chars(index).map_err(broken)?;
        let words = words_from_chars(&chars, left, bottom, height);
        Ok(PageWords {
            width,
            height,
            words,
        })
    }
}

/// Groups characters into words with boxes in our coordinates (origin at the page's top left,
/// `y` down; `left`, `bottom`, `height` from the media box).
///
/// Characters on one baseline (within a third of their size) are read left to right; a word
/// ends at a space character, at a gap wider than [`WORD_GAP`] of the type size, or where the
/// next character does not follow (a jump back, another baseline). Rotated characters are
/// skipped: digests set running text upright, and a rotated margin note has no reading order
/// among the columns.
fn words_from_chars(chars: &[TextChar], left: f32, bottom: f32, height: f32) -> Vec<Word> {
    let mut glyphs: Vec<&TextChar> = chars
        .iter()
        .filter(|c| {
            c.rotation_degrees.abs() < 0.5
                && c.bbox.x.is_finite()
                && c.bbox.y.is_finite()
                && c.bbox.width.is_finite()
                && c.bbox.height.is_finite()
                && c.font_size.is_finite()
        })
        .collect();
    // Baselines top to bottom, then left to right; near baselines are merged below.
    glyphs.sort_by(|a, b| {
        b.origin_y
            .total_cmp(&a.origin_y)
            .then(a.bbox.x.total_cmp(&b.bbox.x))
    });
    let mut words = Vec::new();
    let mut line: Vec<&TextChar> = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let base = glyphs[start].origin_y;
        let tolerance = 0.33 * glyphs[start].font_size.max(1.0);
        let mut end = start + 1;
        while end < glyphs.len() && base - glyphs[end].origin_y <= tolerance {
            end += 1;
        }
        line.clear();
        line.extend_from_slice(&glyphs[start..end]);
        line.sort_by(|a, b| a.bbox.x.total_cmp(&b.bbox.x));
        split_words(&line, left, bottom, height, &mut words);
        start = end;
    }
    words
}

/// A gap between two characters wider than this share of the type size, beyond the line's usual
/// spacing between letters, ends a word.
const WORD_GAP: f32 = 0.15;

/// The spacing between letters of one baseline's characters (left to right), as a share of the
/// type size: about nothing in running text, more in a headline set letter-spaced. Most gaps on a
/// line are inside words, so a low quantile of them is the letters' spacing.
fn letter_spacing(line: &[&TextChar]) -> f32 {
    let mut gaps: Vec<f32> = line
        .windows(2)
        .filter(|w| !w[0].char.is_whitespace() && !w[1].char.is_whitespace())
        .map(|w| (w[1].bbox.x - (w[0].bbox.x + w[0].bbox.width)) / w[0].font_size.max(1.0))
        .filter(|g| g.is_finite())
        .collect();
    if gaps.len() < 4 {
        return 0.0;
    }
    let k = gaps.len() / 3;
    let (_, g, _) = gaps.select_nth_unstable_by(k, f32::total_cmp);
    g.max(0.0)
}

/// Cuts one baseline's characters (left to right) into words.
fn split_words(line: &[&TextChar], left: f32, bottom: f32, height: f32, out: &mut Vec<Word>) {
    let word_gap = WORD_GAP + letter_spacing(line);
    let mut text = String::new();
    let mut run: Vec<&TextChar> = Vec::new();
    let flush = |run: &mut Vec<&TextChar>, text: &mut String, out: &mut Vec<Word>| {
        if run.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let (mut size, mut bold, mut italic) = (0.0f32, 0usize, 0usize);
        let font = run
            .first()
            .map_or(0, |c| crate::words::font_family(&c.font_name));
        for c in run.iter() {
            x0 = x0.min(c.bbox.x);
            x1 = x1.max(c.bbox.x + c.bbox.width);
            y0 = y0.min(c.bbox.y);
            y1 = y1.max(c.bbox.y + c.bbox.height);
            size += c.font_size;
            let font = c.font_name.to_ascii_lowercase();
            if c.font_weight.is_bold() || font.contains("bold") || font.contains("black") {
                bold += 1;
            }
            if c.is_italic || font.contains("italic") || font.contains("oblique") {
                italic += 1;
            }
        }
        let n = run.len();
        // pdf_oxide's boxes are in PDF user space: origin at the bottom left, `y` up.
        out.push(Word {
            text: std::mem::take(text),
            x0: x0 - left,
            y0: height - (y1 - bottom),
            x1: x1 - left,
            y1: height - (y0 - bottom),
            font_size: size / n as f32,
            bold: bold * 2 > n,
            italic: italic * 2 > n,
            font,
        });
        run.clear();
    };
    for c in line {
        if c.char.is_whitespace() || c.char.is_control() {
            flush(&mut run, &mut text, out);
            continue;
        }
        if let Some(prev) = run.last() {
            let gap = c.bbox.x - (prev.bbox.x + prev.bbox.width);
            let size = prev.font_size.max(c.font_size).max(1.0);
            // The same glyph printed twice at one place (a poor man's bold) is one glyph.
            let overprint = c.char == prev.char && (c.bbox.x - prev.bbox.x).abs() < 0.1 * size;
            if overprint {
                continue;
            }
            if gap > word_gap * size || gap < -0.5 * size {
                flush(&mut run, &mut text, out);
            }
        }
        push_char(&mut text, c.char);
        run.push(c);
    }
    flush(&mut run, &mut text, out);
}

/// Appends `c`, spelling out the Latin ligatures (U+FB00 to U+FB06) that fonts print as one glyph.
fn push_char(text: &mut String, c: char) {
    match c {
        '\u{FB00}' => text.push_str("ff"),
        '\u{FB01}' => text.push_str("fi"),
        '\u{FB02}' => text.push_str("fl"),
        '\u{FB03}' => text.push_str("ffi"),
        '\u{FB04}' => text.push_str("ffl"),
        '\u{FB05}' | '\u{FB06}' => text.push_str("st"),
        _ => text.push(c),
    }
}

#[cfg(test)]
mod tests {
    use pdf_oxide::geometry::Rect;

    use super::*;

    /// A line of text set in 10-point type on baseline `base` (PDF space, `y` up), 5 points a
    /// character, spaces as gaps of `space` points and no space glyph.
    fn set(text: &str, x: f32, base: f32, space: f32) -> Vec<TextChar> {
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            if c == ' ' {
                x += space;
                continue;
            }
            out.push(TextChar {
                char: c,
                bbox: Rect {
                    x,
                    y: base - 2.0,
                    width: 5.0,
                    height: 10.0,
                },
                font_name: "Times-Roman".into(),
                font_size: 10.0,
                origin_x: x,
                origin_y: base,
                ..TextChar::default()
            });
            x += 5.0;
        }
        out
    }

    fn texts(words: &[Word]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn characters_make_words_by_their_gaps_line_by_line() {
        let mut chars = set("second line", 50.0, 688.0, 3.0);
        chars.extend(set("A first line", 50.0, 700.0, 2.5));
        // A column to the right on the same baseline.
        chars.extend(set("beside", 300.0, 700.5, 3.0));
        let words = words_from_chars(&chars, 0.0, 0.0, 792.0);
        assert_eq!(
            texts(&words),
            ["A", "first", "line", "beside", "second", "line"]
        );
        // Boxes in our space: `y` down from the page's top.
        let a = &words[0];
        assert_eq!((a.x0, a.x1), (50.0, 55.0));
        assert!(
            (a.y0 - 84.0).abs() < 1e-3 && (a.y1 - 94.0).abs() < 1e-3,
            "{a:?}"
        );
    }

    #[test]
    fn a_letter_spaced_headline_keeps_its_words() {
        // Two points between letters (0.2 of the size), six between words.
        let mut chars = Vec::new();
        let mut x = 50.0;
        for word in ["TRACKED", "HEAD", "LINE"] {
            for c in set(word, 0.0, 700.0, 0.0) {
                let mut c = c;
                c.bbox.x = x;
                c.origin_x = x;
                chars.push(c);
                x += 7.0;
            }
            x += 4.0;
        }
        let words = words_from_chars(&chars, 0.0, 0.0, 792.0);
        assert_eq!(texts(&words), ["TRACKED", "HEAD", "LINE"]);
    }

    #[test]
    fn space_glyphs_ligatures_overprinting_and_rotation() {
        let mut chars = set("of\u{FB01}ce", 50.0, 700.0, 3.0);
        // Bold faked by printing each glyph twice, a hair apart.
        for c in set("Bold", 100.0, 700.0, 3.0) {
            let mut twin = c.clone();
            twin.bbox.x += 0.3;
            chars.push(c);
            chars.push(twin);
        }
        // A space glyph where the gap alone would not end the word.
        let mut space = set("x", 120.5, 700.0, 0.0).remove(0);
        space.char = ' ';
        chars.push(space);
        chars.extend(set("end", 121.0, 700.0, 0.0));
        let mut turned = set("margin", 10.0, 400.0, 0.0);
        turned.iter_mut().for_each(|c| c.rotation_degrees = 90.0);
        chars.extend(turned);
        let words = words_from_chars(&chars, 0.0, 0.0, 792.0);
        assert_eq!(texts(&words), ["office", "Bold", "end"]);
    }
}
