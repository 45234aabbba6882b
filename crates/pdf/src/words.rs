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
    /// The font's family as a number ([`font_family`]), 0 when unknown.
    pub font: u32,
}

/// A font's family as a number: its name without a subset prefix ("ABCDEF+") and without weight
/// and slant ("DejaVuSerif-BoldItalic" and "DejaVuSerif" are one family), hashed.
pub fn font_family(name: &str) -> u32 {
    let name = name.split_once('+').map_or(name, |(_, rest)| rest);
    let mut key = name.to_ascii_lowercase();
    for style in [
        "bolditalic",
        "boldoblique",
        "semibold",
        "demibold",
        "extrabold",
        "bold",
        "italic",
        "oblique",
        "regular",
        "roman",
        "book",
        "medium",
        "black",
        "light",
        "mt",
        "ps",
    ] {
        key = key.replace(style, "");
    }
    key.retain(|c| c.is_ascii_alphanumeric());
    if key.is_empty() {
        return 0;
    }
    // FNV-1a, folded to 32 bits; 0 stays for "unknown".
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h ^ (h >> 32)) as u32).max(1)
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
