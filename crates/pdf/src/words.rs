//! What a PDF backend hands on: the words of a page with their boxes and type.

/// One word as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// The characters, as the PDF maps them to Unicode.
    pub text: String,
    /// Left edge, in points from the page's left edge.
    pub x0: f32,
    /// Top edge, in points from the page's top edge (`y` grows down).
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Font size in points.
    pub font_size: f32,
    /// Bold face (by the font's weight or name).
    pub bold: bool,
    /// Italic or oblique face.
    pub italic: bool,
}

impl Word {
    /// Height of the word's box.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// Vertical middle of the word's box.
    pub fn mid_y(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }
}

/// The words of one page and its size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageWords {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Words in the order the backend gives them (not necessarily reading order).
    pub words: Vec<Word>,
}

/// A PDF backend: page count and the words of each page.
///
/// The layout code depends only on this trait, so the backend can change (issue #3). A source
/// is shared between threads: the pages of one file are read in parallel.
pub trait WordSource: Sync {
    /// Number of pages.
    fn page_count(&self) -> usize;
    /// The words of the 0-based page `index`.
    fn page_words(&self, index: usize) -> crate::Result<PageWords>;
}
