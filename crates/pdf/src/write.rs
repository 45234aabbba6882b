//! A tiny PDF writer for tests, fixtures and benchmarks: text in the base-14 fonts at given
//! positions, nothing else (no embedded fonts, no images).
//!
//! Positions are points from the page's top-left corner, `y` at the text's baseline, like
//! [`crate::Word`] boxes (which use the glyphs' tops and bottoms).

use std::fmt::Write as _;

/// A standard (base-14) font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Font {
    /// Helvetica.
    Helvetica,
    /// Helvetica-Bold.
    HelveticaBold,
    /// Helvetica-Oblique.
    HelveticaOblique,
    /// Times-Roman.
    Times,
    /// Times-Bold.
    TimesBold,
    /// Times-Italic.
    TimesItalic,
}

impl Font {
    const ALL: [Font; 6] = [
        Font::Helvetica,
        Font::HelveticaBold,
        Font::HelveticaOblique,
        Font::Times,
        Font::TimesBold,
        Font::TimesItalic,
    ];

    fn base_name(self) -> &'static str {
        match self {
            Font::Helvetica => "Helvetica",
            Font::HelveticaBold => "Helvetica-Bold",
            Font::HelveticaOblique => "Helvetica-Oblique",
            Font::Times => "Times-Roman",
            Font::TimesBold => "Times-Bold",
            Font::TimesItalic => "Times-Italic",
        }
    }

    fn index(self) -> usize {
        Font::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// A rough advance width of `text` at `size`, enough to lay out test pages.
    pub fn width(self, text: &str, size: f32) -> f32 {
        let per_char = match self {
            Font::Helvetica | Font::HelveticaOblique => 0.52,
            Font::HelveticaBold => 0.57,
            Font::Times | Font::TimesItalic => 0.46,
            Font::TimesBold => 0.5,
        };
        text.chars().count() as f32 * per_char * size
    }
}

/// Builds a PDF page by page.
pub struct PdfWriter {
    width: f32,
    height: f32,
    pages: Vec<String>,
    /// Extra entries of each page's dictionary.
    extras: Vec<String>,
    encrypted: bool,
}

impl PdfWriter {
    /// A writer for pages of this size in points (A4 is 595 × 842).
    pub fn new(width: f32, height: f32) -> PdfWriter {
        PdfWriter {
            width,
            height,
            pages: Vec::new(),
            extras: Vec::new(),
            encrypted: false,
        }
    }

    /// Starts a new page.
    pub fn page(&mut self) {
        self.pages.push(String::new());
        self.extras.push(String::new());
    }

    /// Appends raw operators to the page's content stream (for tests of hostile content).
    pub fn raw(&mut self, operators: &str) {
        if self.pages.is_empty() {
            self.page();
        }
        if let Some(page) = self.pages.last_mut() {
            page.push_str(operators);
            page.push('\n');
        }
    }

    /// Adds a raw `/Key value` entry to the page's dictionary (for tests of hostile files).
    pub fn page_entry(&mut self, entry: &str) {
        if self.pages.is_empty() {
            self.page();
        }
        if let Some(extra) = self.extras.last_mut() {
            extra.push(' ');
            extra.push_str(entry);
        }
    }

    /// Prints `text` with its baseline's left end at (`x`, `y`) from the top-left corner.
    pub fn text(&mut self, x: f32, y: f32, font: Font, size: f32, text: &str) {
        if self.pages.is_empty() {
            self.page();
        }
        let y = self.height - y;
        let mut s = String::new();
        for c in text.chars() {
            match c {
                '(' | ')' | '\\' => {
                    s.push('\\');
                    s.push(c);
                }
                ' '..='~' => s.push(c),
                _ => {
                    let code = u32::from(c);
                    let byte = if code < 256 { code } else { u32::from(b'?') };
                    let _ = write!(s, "\\{byte:03o}");
                }
            }
        }
        if let Some(page) = self.pages.last_mut() {
            let _ = writeln!(
                page,
                "BT /F{} {size:.2} Tf {x:.2} {y:.2} Td ({s}) Tj ET",
                font.index() + 1
            );
        }
    }

    /// Draws a filled rectangle (no text): a page of a scan is just an image, this will do.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        if self.pages.is_empty() {
            self.page();
        }
        let y = self.height - y - h;
        if let Some(page) = self.pages.last_mut() {
            let _ = writeln!(page, "0.5 g {x:.2} {y:.2} {w:.2} {h:.2} re f");
        }
    }

    /// Marks the file as encrypted with a password nobody knows (for tests of the refusal).
    pub fn encrypted(&mut self) {
        self.encrypted = true;
    }

    /// The PDF's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        if self.pages.is_empty() {
            self.page();
        }
        let fonts = Font::ALL.len();
        let pages = self.pages.len();
        // Objects: 1 catalog, 2 pages, 3.. fonts, then per page a page and its content stream,
        // then the Encrypt dictionary.
        let first_page = 3 + fonts;
        let mut objects: Vec<String> = Vec::new();
        objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_string());
        let kids: Vec<String> = (0..pages)
            .map(|i| format!("{} 0 R", first_page + 2 * i))
            .collect();
        objects.push(format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        ));
        for f in Font::ALL {
            objects.push(format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                f.base_name()
            ));
        }
        let font_refs: String = (0..fonts)
            .map(|i| format!("/F{} {} 0 R ", i + 1, 3 + i))
            .collect();
        for (i, content) in self.pages.iter().enumerate() {
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.2} {:.2}] /Resources << /Font << {font_refs}>> >> /Contents {} 0 R{} >>",
                self.width,
                self.height,
                first_page + 2 * i + 1,
                self.extras[i]
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}endstream",
                content.len()
            ));
        }
        if self.encrypted {
            objects.push(format!(
                "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{}> /U <{}> >>",
                "11".repeat(32),
                "22".repeat(32)
            ));
        }
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::with_capacity(objects.len());
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
        for off in offsets {
            let _ = writeln!(tail, "{off:010} 00000 n ");
        }
        let encrypt = if self.encrypted {
            format!(
                " /Encrypt {} 0 R /ID [<{}> <{}>]",
                objects.len(),
                "ab".repeat(16),
                "ab".repeat(16)
            )
        } else {
            String::new()
        };
        let _ = write!(
            tail,
            "trailer\n<< /Size {} /Root 1 0 R{encrypt} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        );
        out.extend_from_slice(tail.as_bytes());
        out
    }
}

/// An A4 page of one line of text plus `depth` levels of nesting, the input that overflowed
/// `pdf_oxide`'s stack (issue #17): `"dict"` and `"array"` nest in the page dictionary, any
/// other `kind` nests arrays in the page's content stream.
pub fn nested_page(kind: &str, depth: usize) -> Vec<u8> {
    let mut w = PdfWriter::new(595.0, 842.0);
    w.page();
    w.text(50.0, 80.0, Font::Times, 10.0, "Text beside the nesting.");
    match kind {
        "dict" => w.page_entry(&format!(
            "/Junk {}{}",
            "<< /A ".repeat(depth),
            ">>".repeat(depth)
        )),
        "array" => w.page_entry(&format!("/Junk {}{}", "[".repeat(depth), "]".repeat(depth))),
        _ => w.raw(&format!(
            "BT /F1 10 Tf 50 50 Td {}(x){} TJ ET",
            "[".repeat(depth),
            "]".repeat(depth)
        )),
    }
    w.finish()
}

/// A PDF of the given objects, numbered from 1 (the first is the catalog), with a cross-reference
/// table and a trailer: for tests of hostile object graphs (page trees that loop, chains of
/// references, object streams), which [`PdfWriter`] does not make.
pub fn from_objects(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut tail = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(tail, "{off:010} 00000 n ");
    }
    let _ = write!(
        tail,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(tail.as_bytes());
    out
}

/// A stream object's bytes: `dict` entries (without `<< >>` and `/Length`), then `data`.
pub fn stream_object(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}
