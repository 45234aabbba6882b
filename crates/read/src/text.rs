//! Text dumps: pages, lines and reading order.

use cuttings_model::{Flavor, Line, Page, Source, Span, TextLayout};

/// Recovers pages and non-blank lines, in reading order, from a text dump.
///
/// Pages are split at form feeds. Every returned line's span is trimmed and non-empty.
pub fn layout(source: &Source) -> TextLayout {
    let text = source.text.as_str();
    let mut out = TextLayout {
        flavor: Some(Flavor::Plain),
        ..TextLayout::default()
    };
    let mut page_start = 0;
    let mut number = 0u32;
    for (i, piece) in text.split('\x0c').enumerate() {
        let start = page_start;
        let end = start + piece.len();
        page_start = end + 1;
        if i > 0 && piece.trim().is_empty() && end == text.len() {
            break; // trailing form feed
        }
        number += 1;
        out.pages.push(Page {
            number,
            span: Span::new(start, end),
            columns: 1,
        });
        let mut gap = true;
        let mut line_start = start;
        for raw in piece.split('\n') {
            let line_end = line_start + raw.len();
            let trimmed_start = raw.len() - raw.trim_start().len();
            let body = raw.trim();
            if body.is_empty() {
                gap = true;
            } else {
                let s = line_start + trimmed_start;
                out.lines.push(Line {
                    span: Span::new(s, s + body.len()),
                    page: number,
                    column: 0,
                    gap_before: gap,
                    indent: raw[..trimmed_start].chars().count().min(u16::MAX as usize) as u16,
                    full_width: false,
                });
                gap = false;
            }
            line_start = line_end + 1;
        }
    }
    out
}
