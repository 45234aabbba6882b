//! Typesets a digest written in a small line format into a two-column PDF with a masthead, running
//! heads, page numbers and hyphenated line ends: how the bundled sample PDF is made, and a quick way
//! to make test digests of our own.
//!
//! ```text
//! cargo run -p cuttings-pdf --example typeset -- IN.digest OUT.pdf
//! ```
//!
//! The format, one instruction a line (`#` lines are comments):
//! `%masthead TEXT`, `%issue TEXT`, `%running TEXT` (the running head of pages after the first);
//! `= TITLE` starts a piece, `> TEXT` is its standfirst, `@ TEXT` a metadata line (byline, outlet,
//! date, as printed), and any other non-blank line is a paragraph.

use std::process::ExitCode;

use cuttings_pdf::write::{Font, PdfWriter};

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const GUTTER: f32 = 22.0;
const BOTTOM: f32 = 790.0;
const COL_W: f32 = (PAGE_W - 2.0 * MARGIN - GUTTER) / 2.0;
/// Lines are set a little narrower than the column, as the widths are estimates.
const SET_W: f32 = COL_W * 0.94;

/// One piece of the digest.
#[derive(Default)]
struct Piece {
    title: String,
    standfirst: Option<String>,
    meta: Vec<String>,
    paragraphs: Vec<String>,
}

#[derive(Default)]
struct Digest {
    masthead: String,
    issue: String,
    running: String,
    pieces: Vec<Piece>,
}

fn parse(text: &str) -> Result<Digest, String> {
    let mut d = Digest::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let piece = d.pieces.last_mut();
        if let Some(rest) = line.strip_prefix("%masthead ") {
            d.masthead = rest.to_string();
        } else if let Some(rest) = line.strip_prefix("%issue ") {
            d.issue = rest.to_string();
        } else if let Some(rest) = line.strip_prefix("%running ") {
            d.running = rest.to_string();
        } else if let Some(rest) = line.strip_prefix("= ") {
            d.pieces.push(Piece {
                title: rest.to_string(),
                ..Piece::default()
            });
        } else if let Some(p) = piece {
            if let Some(rest) = line.strip_prefix("> ") {
                p.standfirst = Some(rest.to_string());
            } else if let Some(rest) = line.strip_prefix("@ ") {
                p.meta.push(rest.to_string());
            } else {
                p.paragraphs.push(line.to_string());
            }
        } else {
            return Err(format!("line {}: text before the first `= TITLE`", n + 1));
        }
    }
    Ok(d)
}

/// Breaks `text` into lines no wider than `width`; with `hyphenate`, a long word is split with a
/// hyphen when at least three letters stay on each side.
fn wrap(
    text: &str,
    font: Font,
    size: f32,
    width: f32,
    indent: f32,
    hyphenate: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut avail = width - indent;
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    words.reverse();
    while let Some(word) = words.pop() {
        let candidate = if line.is_empty() {
            word.clone()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate, size) <= avail {
            line = candidate;
            continue;
        }
        let chars: Vec<char> = word.chars().collect();
        let mut split = None;
        if hyphenate && chars.len() >= 7 && chars.iter().all(|c| c.is_alphabetic()) {
            for k in (3..=chars.len() - 3).rev() {
                let head: String = chars[..k].iter().collect();
                let try_line = if line.is_empty() {
                    format!("{head}-")
                } else {
                    format!("{line} {head}-")
                };
                if font.width(&try_line, size) <= avail {
                    split = Some((try_line, chars[k..].iter().collect::<String>()));
                    break;
                }
            }
        }
        match split {
            Some((full, tail)) => {
                lines.push(full);
                words.push(tail);
            }
            None if line.is_empty() => lines.push(word),
            None => {
                lines.push(std::mem::take(&mut line));
                words.push(word);
            }
        }
        line.clear();
        avail = width;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where the next line goes.
struct Cursor {
    page: usize,
    col: usize,
    y: f32,
    top: f32,
}

struct Setter<'a> {
    w: PdfWriter,
    d: &'a Digest,
    at: Cursor,
}

impl Setter<'_> {
    fn new_page(&mut self) {
        self.w.page();
        self.at.page += 1;
        let n = self.at.page;
        if n == 1 {
            self.w
                .text(MARGIN, 78.0, Font::HelveticaBold, 24.0, &self.d.masthead);
            self.w
                .text(MARGIN, 96.0, Font::Helvetica, 9.0, &self.d.issue);
            self.w.rect(MARGIN, 104.0, PAGE_W - 2.0 * MARGIN, 0.8);
            self.at.top = 128.0;
        } else {
            self.w
                .text(MARGIN, 40.0, Font::HelveticaOblique, 8.0, &self.d.running);
            self.w.rect(MARGIN, 46.0, PAGE_W - 2.0 * MARGIN, 0.5);
            self.at.top = 70.0;
        }
        let number = n.to_string();
        let x = (PAGE_W - Font::Helvetica.width(&number, 8.0)) / 2.0;
        self.w.text(x, 815.0, Font::Helvetica, 8.0, &number);
        self.at.col = 0;
        self.at.y = self.at.top;
    }

    /// Makes room for `height` points, moving to the next column or page when needed.
    fn room(&mut self, height: f32) {
        if self.at.y + height <= BOTTOM {
            return;
        }
        if self.at.col == 0 {
            self.at.col = 1;
            self.at.y = self.at.top;
        } else {
            self.new_page();
        }
    }

    fn line(&mut self, font: Font, size: f32, leading: f32, indent: f32, text: &str) {
        self.room(leading);
        let x = MARGIN + self.at.col as f32 * (COL_W + GUTTER) + indent;
        self.at.y += leading;
        self.w.text(x, self.at.y, font, size, text);
    }

    fn block(&mut self, font: Font, size: f32, leading: f32, first_indent: f32, text: &str) {
        for (i, l) in wrap(text, font, size, SET_W, first_indent, true)
            .iter()
            .enumerate()
        {
            let indent = if i == 0 { first_indent } else { 0.0 };
            self.line(font, size, leading, indent, l);
        }
    }

    fn piece(&mut self, p: &Piece, first: bool) {
        let title = wrap(&p.title, Font::HelveticaBold, 14.0, SET_W, 0.0, false);
        // a headline keeps its metadata and four lines of text with it
        let need =
            14.0 + title.len() as f32 * 17.0 + p.meta.len() as f32 * 11.0 + 4.0 * 12.5 + 30.0;
        if !first {
            self.at.y += 14.0;
        }
        self.room(need);
        for l in &title {
            self.line(Font::HelveticaBold, 14.0, 17.0, 0.0, l);
        }
        self.at.y += 3.0;
        if let Some(s) = &p.standfirst {
            self.block(Font::TimesItalic, 10.5, 13.0, 0.0, s);
            self.at.y += 3.0;
        }
        for m in &p.meta {
            self.line(Font::HelveticaOblique, 8.5, 11.0, 0.0, m);
        }
        self.at.y += 5.0;
        for (i, para) in p.paragraphs.iter().enumerate() {
            let indent = if i == 0 { 0.0 } else { 10.0 };
            self.block(Font::Times, 10.0, 12.5, indent, para);
        }
    }
}

fn run(input: &str, output: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let d = parse(&text).map_err(|e| format!("{input}: {e}"))?;
    let mut s = Setter {
        w: PdfWriter::new(PAGE_W, PAGE_H),
        d: &d,
        at: Cursor {
            page: 0,
            col: 0,
            y: 0.0,
            top: 0.0,
        },
    };
    s.new_page();
    for (i, p) in d.pieces.iter().enumerate() {
        s.piece(p, i == 0);
    }
    std::fs::write(output, s.w.finish()).map_err(|e| format!("{output}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: typeset IN.digest OUT.pdf");
        return ExitCode::from(2);
    };
    match run(input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("typeset: {e}");
            ExitCode::from(2)
        }
    }
}
