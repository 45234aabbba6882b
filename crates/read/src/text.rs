//! Text dumps: flavor, pages, columns and lines in reading order.

use cuttings_model::{Flavor, Line, Page, Source, Span, TextLayout};

use crate::columns::{self, Row};
use crate::detect;
use crate::phys::{self, FfPage, Phys};

/// Layout pages longer than this many rows are cut into chunks at blank rows before columns are
/// split, which bounds the memory and work per chunk (real pages have about a hundred rows).
const MAX_CHUNK_ROWS: usize = 400;

/// Recovers pages and non-blank lines, in reading order, from a text dump.
///
/// Detects the producer ([`Flavor`]), splits pages at form feeds (and at Seedlike page marks),
/// and splits `pdftotext -layout` columns back into reading order. Every returned line's span is
/// trimmed, non-empty and lies on character boundaries; lines never overlap, and together with
/// white space they cover the whole text.
pub fn layout(source: &Source) -> TextLayout {
    let text = source.text.as_str();
    let (lines, ff_pages) = phys::scan(text);
    let flavor = detect::flavor(text, &lines);
    let pages = match flavor {
        Flavor::Seedlike => split_at_marks(text, &lines, ff_pages),
        _ => ff_pages,
    };
    let mut out = TextLayout {
        flavor: Some(flavor),
        pages: Vec::with_capacity(pages.len()),
        lines: Vec::with_capacity(lines.len()),
        boxes: Vec::new(),
    };
    for (i, page) in pages.into_iter().enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let page_lines = &lines[page.lines];
        let columns = match flavor {
            Flavor::Layout => layout_page(text, page_lines, number, &mut out.lines),
            Flavor::Seedlike => {
                plain_page(text, page_lines, number, true, &mut out.lines);
                1
            }
            Flavor::Raw | Flavor::Plain | Flavor::Pdf => {
                plain_page(text, page_lines, number, false, &mut out.lines);
                1
            }
        };
        out.pages.push(Page {
            number,
            span: page.span,
            columns,
        });
    }
    if flavor == Flavor::Raw {
        crate::rethread::rethread(text, &mut out.lines);
    }
    out
}

fn is_blank(text: &str, l: &Phys) -> bool {
    text[l.start..l.end].trim().is_empty()
}

/// True for a Seedlike page mark: one space, then text.
fn is_mark(text: &str, l: &Phys) -> bool {
    let mut chars = text[l.start..l.end].chars();
    chars.next() == Some(' ') && chars.next().is_some_and(|c| !c.is_whitespace())
}

/// Splits pages before every Seedlike page mark that follows text on the same page.
///
/// Marks are trusted only when they are rare (at most one non-blank line in five): a text whose
/// lines are commonly indented by one space has no marks.
fn split_at_marks(text: &str, lines: &[Phys], pages: Vec<FfPage>) -> Vec<FfPage> {
    let nonblank = lines.iter().filter(|l| !is_blank(text, l)).count();
    let marks = lines.iter().filter(|l| is_mark(text, l)).count();
    if marks == 0 || marks * 5 > nonblank {
        return pages;
    }
    let mut out = Vec::with_capacity(pages.len() + marks);
    for page in pages {
        let mut start = page.span.start;
        let mut first = page.lines.start;
        let mut seen_text = false;
        for i in page.lines.clone() {
            let l = &lines[i];
            if seen_text && is_mark(text, l) {
                out.push(FfPage {
                    span: Span::new(start, l.start),
                    lines: first..i,
                });
                start = l.start;
                first = i;
            }
            seen_text |= !is_blank(text, l);
        }
        out.push(FfPage {
            span: Span::new(start, page.span.end),
            lines: first..page.lines.end,
        });
    }
    out
}

/// How many neighbouring line pairs (each side) decide whether a stretch is double-spaced.
const SPACING_WINDOW: usize = 3;

/// Marks which single blank lines are line spacing rather than paragraph breaks.
///
/// `blanks[i]` is the number of blank lines before the `i`-th non-blank line. A single blank line
/// is spacing when most of its neighbours (up to [`SPACING_WINDOW`] pairs each side) are single
/// blank lines too: Seedlike dumps double-space some pages or parts of pages, where only two or
/// more blank lines break paragraphs.
fn spacing(blanks: &[usize]) -> Vec<bool> {
    let single: Vec<usize> = blanks.iter().map(|&b| usize::from(b == 1)).collect();
    // Prefix sums keep the window count O(1) per line.
    let mut prefix = vec![0usize; single.len() + 1];
    for (i, s) in single.iter().enumerate() {
        prefix[i + 1] = prefix[i] + s;
    }
    (0..blanks.len())
        .map(|i| {
            if blanks[i] != 1 || i == 0 {
                return false;
            }
            let lo = i.saturating_sub(SPACING_WINDOW).max(1);
            let hi = (i + SPACING_WINDOW + 1).min(blanks.len());
            let around = hi - lo - 1;
            let ones = prefix[hi] - prefix[lo] - 1;
            ones >= 2 && ones * 2 >= around
        })
        .collect()
}

/// Leading white space of `s` in character columns (a tab advances to the next multiple of 8).
fn indent_of(s: &str) -> u16 {
    let mut col = 0usize;
    for c in s.chars() {
        match c {
            '\t' => col = (col / 8 + 1) * 8,
            c if c.is_whitespace() => col += 1,
            _ => break,
        }
    }
    col.min(u16::MAX as usize) as u16
}

/// One column, lines as they are; with `double`, single blank lines in double-spaced stretches
/// are not gaps.
fn plain_page(text: &str, lines: &[Phys], page: u32, double: bool, out: &mut Vec<Line>) {
    let from = out.len();
    let mut blanks = Vec::new();
    let mut run = 0usize;
    for l in lines {
        let raw = &text[l.start..l.end];
        let body = raw.trim();
        if body.is_empty() {
            run += 1;
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let start = l.start + lead;
        out.push(Line {
            span: Span::new(start, start + body.len()),
            page,
            column: 0,
            gap_before: blanks.is_empty() || run >= 1,
            indent: indent_of(raw),
            full_width: false,
        });
        blanks.push(run);
        run = 0;
    }
    if double {
        for (line, spaced) in out[from..].iter_mut().zip(spacing(&blanks)) {
            if spaced {
                line.gap_before = false;
            }
        }
    }
}

/// The length in bytes of the first character of `s` (0 when empty).
fn char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

/// Splits a `-layout` page into columns; returns the most columns found side by side.
fn layout_page(text: &str, lines: &[Phys], page: u32, out: &mut Vec<Line>) -> u16 {
    let mut columns = 1u16;
    let mut rest = lines;
    let mut first_chunk = true;
    let mut cells = Vec::new();
    let mut ends = Vec::new();
    while !rest.is_empty() {
        let mut cut = rest.len();
        if cut > MAX_CHUNK_ROWS {
            cut = (MAX_CHUNK_ROWS..rest.len())
                .find(|&i| is_blank(text, &rest[i]))
                .map_or(rest.len(), |i| i + 1);
        }
        let (chunk, tail) = rest.split_at(cut);
        rest = tail;
        cells.clear();
        ends.clear();
        for l in chunk {
            columns::push_cells(&text[l.start..l.end], l.start, &mut cells);
            ends.push(cells.len());
        }
        let mut from = 0;
        let rows: Vec<Row<'_>> = ends
            .iter()
            .map(|&to| {
                let row = Row {
                    cells: &cells[from..to],
                };
                from = to;
                row
            })
            .collect();
        let pieces = columns::split_page(&rows);
        let mut first = first_chunk;
        for p in pieces {
            let cells = &rows[p.row].cells[p.cells];
            let (Some(a), Some(b)) = (cells.first(), cells.last()) else {
                continue;
            };
            columns = columns.max(p.column.saturating_add(1));
            out.push(Line {
                span: Span::new(a.start, b.start + char_len(&text[b.start..])),
                page,
                column: p.column,
                gap_before: p.gap_before || first,
                indent: p.indent,
                full_width: p.full_width,
            });
            first = false;
        }
        first_chunk = false;
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> (TextLayout, Vec<String>) {
        let src = Source::from_text("t", text);
        let l = layout(&src);
        let v = l
            .lines
            .iter()
            .map(|x| format!("c{} {}", x.column, src.slice(x.span)))
            .collect();
        (l, v)
    }

    #[test]
    fn contents_list_is_not_split_into_columns() {
        let text = "In this issue\n\
                    Storm hits the coast                     1\n\
                    Ferry fares to rise                      2\n\
                    Choir wins national prize                4\n\
                    Council delays the bridge               10\n\x0c";
        let (l, v) = lines(text);
        assert_eq!(l.flavor, Some(Flavor::Layout));
        assert_eq!(l.pages[0].columns, 1);
        assert_eq!(v[1], "c0 Storm hits the coast                     1");
    }

    #[test]
    fn justified_double_spaces_are_not_gutters() {
        let text = "The  council  met  on  Monday  to  agree\n\
                    a budget for  the  coming  year  and  to\n\
                    hear  from   residents  about  the  new\n\
                    bridge,   which  is  now  two  years  late.\n\x0c";
        let (l, _) = lines(text);
        assert_eq!(l.pages[0].columns, 1);
        assert!(l.lines.iter().all(|x| x.column == 0));
    }

    #[test]
    fn one_sided_rows_stay_in_their_column() {
        let text = "Rain fell on the town for       Roads were closed and\n\
                    the third week in a row.        the ferry stopped.\n\
                    \x20 Farmers fear for the\n\
                    harvest, the union said.        Schools stay shut.\n\x0c";
        let (_, v) = lines(text);
        assert_eq!(
            v,
            [
                "c0 Rain fell on the town for",
                "c0 the third week in a row.",
                "c0 Farmers fear for the",
                "c0 harvest, the union said.",
                "c1 Roads were closed and",
                "c1 the ferry stopped.",
                "c1 Schools stay shut.",
            ]
        );
    }

    #[test]
    fn seedlike_marks_split_pages_and_double_spacing_hides_gaps() {
        let text = "Review \nA line of text \n\nthat is double \n\nspaced here \n\n\n\
                    New paragraph \n\nends here. \n 3 May 2005 \nPage two \n";
        let (l, _) = lines(text);
        assert_eq!(l.flavor, Some(Flavor::Seedlike));
        assert_eq!(l.pages.len(), 2);
        let gaps: Vec<bool> = l.lines.iter().map(|x| x.gap_before).collect();
        assert_eq!(gaps, [true, false, false, false, true, false, true, false]);
        assert_eq!(l.lines[6].page, 2);
    }

    #[test]
    fn multibyte_columns_keep_byte_spans() {
        let text =
            "Caf\u{e9} \u{201c}\u{e9}t\u{e9}\u{201d} ouvert      Na\u{ef}ve d\u{e9}j\u{e0} vu\n\
                    \u{c0} l\u{2019}\u{e9}glise du lac        Stra\u{df}e und Pl\u{e4}tze\n\
                    ferm\u{e9}e le soir             \u{fc}ber alles hier\n\x0c";
        let (l, v) = lines(text);
        assert_eq!(l.pages[0].columns, 2);
        assert_eq!(v[3], "c1 Na\u{ef}ve d\u{e9}j\u{e0} vu");
        assert_eq!(v[2], "c0 ferm\u{e9}e le soir");
    }
}
