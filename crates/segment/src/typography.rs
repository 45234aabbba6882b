//! What the type of a line says, for layouts read with boxes (PDF, issue #3).
//!
//! Learned per document, never hard-coded: the body's type is the size, weight and slant of most
//! characters; a line clearly larger than that, or bold where the body is not, is set like a
//! headline. Such a line is read as a short heading line even when its words alone would read as
//! running text (a long headline, one that ends with a stop), unless it already reads as
//! metadata (a date, a byline, an outlet). Text dumps have no boxes and are left as they are.

use cuttings_model::{Line, Source, TextLayout};

use crate::classify::{Info, Kind};

/// The body's type in one document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Typography {
    /// Font size of most characters.
    pub body_size: f32,
    /// Most characters are bold.
    pub body_bold: bool,
}

/// Learns the body's type from a layout with boxes; `None` for text dumps.
pub(crate) fn learn(source: &Source, layout: &TextLayout) -> Option<Typography> {
    if layout.boxes.is_empty() || layout.boxes.len() != layout.lines.len() {
        return None;
    }
    // Characters per (size in half points, bold).
    let mut counts: Vec<((i32, bool), usize)> = Vec::new();
    for (line, b) in layout.lines.iter().zip(&layout.boxes) {
        let key = ((b.font_size * 2.0).round() as i32, b.bold);
        let n = source.slice(line.span).chars().count();
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += n,
            None => counts.push((key, n)),
        }
    }
    let ((size, bold), _) = counts.into_iter().max_by_key(|c| c.1)?;
    Some(Typography {
        body_size: size as f32 / 2.0,
        body_bold: bold,
    })
}

/// True when the line at `line` is set like a headline.
fn headline_type(t: &Typography, layout: &TextLayout, line: &Line) -> bool {
    let Some(b) = layout.box_at(line.span.start) else {
        return false;
    };
    b.font_size >= t.body_size * 1.12 || (b.bold && !t.body_bold && b.font_size >= t.body_size)
}

/// Reads lines set like headlines as heading lines (see the module's doc).
pub(crate) fn adjust(t: &Typography, layout: &TextLayout, lines: &[Line], infos: &mut [Info]) {
    for (line, info) in lines.iter().zip(infos.iter_mut()) {
        if info.kind == Kind::Body
            && info.words <= 25
            && !info.starts_lower
            && !info.ends_hyphen
            && headline_type(t, layout, line)
        {
            info.kind = Kind::Short;
        }
    }
}

#[cfg(test)]
mod tests {
    use cuttings_model::{Flavor, LineBox, Span};

    use super::*;

    fn layout(text: &str, sizes: &[(f32, bool)]) -> (Source, TextLayout) {
        let src = Source::from_text("t.pdf", text);
        let mut layout = TextLayout {
            flavor: Some(Flavor::Pdf),
            ..TextLayout::default()
        };
        let mut at = 0;
        for (l, &(size, bold)) in text.split('\n').zip(sizes) {
            layout.lines.push(Line {
                span: Span::new(at, at + l.len()),
                page: 1,
                column: 0,
                gap_before: false,
                indent: 0,
                full_width: false,
            });
            layout.boxes.push(LineBox {
                page: 1,
                x0: 0.0,
                y0: 0.0,
                x1: 100.0,
                y1: size,
                font_size: size,
                bold,
                italic: false,
            });
            at += l.len() + 1;
        }
        (src, layout)
    }

    #[test]
    fn a_long_headline_in_big_type_is_a_heading_line() {
        let title = "The council said on Monday that the harbour works will begin next spring.";
        let body = "Running text of the piece goes on here in the body type of the digest.";
        let text = format!("{title}\n{body}\n{body}\n{body}");
        let (src, layout) = layout(
            &text,
            &[(16.0, true), (10.0, false), (10.0, false), (10.0, false)],
        );
        let t = learn(&src, &layout).unwrap();
        assert_eq!(t.body_size, 10.0);
        assert!(!t.body_bold);
        let mut infos: Vec<Info> = layout
            .lines
            .iter()
            .map(|l| crate::classify::classify(src.slice(l.span)))
            .collect();
        assert_eq!(infos[0].kind, Kind::Body);
        adjust(&t, &layout, &layout.lines, &mut infos);
        assert_eq!(infos[0].kind, Kind::Short);
        assert_eq!(infos[1].kind, Kind::Body);
    }

    #[test]
    fn text_dumps_have_no_typography() {
        let src = Source::from_text("t.txt", "Title\nBody.\n");
        let layout = TextLayout::default();
        assert!(learn(&src, &layout).is_none());
    }
}
