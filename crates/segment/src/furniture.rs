//! Page furniture found by repetition: running headers and footers, page numbers, ornaments.
//!
//! A line whose text (with the page's own number masked) recurs on a large share of the pages is
//! a running line. A page sometimes holds the same text twice (the issue date in the header and
//! an article dated that day): then only the occurrence that behaves like furniture is dropped.

use std::collections::{HashMap, HashSet};

use cuttings_model::{DropReason, Source, TextLayout};

use crate::classify::{known_given_name, Info, Kind};
use crate::date::{find_date, is_month_name};

/// The reason each line is furniture, or `None` for content.
pub(crate) fn detect(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
) -> Vec<Option<DropReason>> {
    let lines = &layout.lines;
    let mut out = vec![None; lines.len()];
    let page_count = layout.pages.len().max(1);

    let page_ranges = page_ranges(lines);

    for (i, info) in infos.iter().enumerate() {
        match info.kind {
            Kind::Ornament => out[i] = Some(DropReason::Ornament),
            Kind::PageNumber => out[i] = Some(DropReason::PageNumber),
            Kind::Masthead => out[i] = Some(DropReason::Masthead),
            _ => {}
        }
    }

    if page_count >= 2 {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, l) in lines.iter().enumerate() {
            if (out[i].is_some() && out[i] != Some(DropReason::Masthead)) || infos[i].words > 16 {
                continue;
            }
            let k = key(source.slice(l.span), l.page);
            if k.len() > 120 {
                continue;
            }
            by_key.entry(k).or_default().push(i);
        }
        // Continuation pages carry the running lines; the first page often has a masthead instead.
        let need = if page_count <= 3 {
            2
        } else {
            (page_count * 2).div_ceil(5).max(3)
        };
        let mut date_keys: Vec<&Vec<usize>> = Vec::new();
        for occurrences in by_key.values() {
            let dates = occurrences
                .iter()
                .filter(|&&i| infos[i].kind == Kind::Date)
                .count();
            if dates * 2 > occurrences.len() {
                date_keys.push(occurrences);
                continue;
            }
            let mut pages: Vec<u32> = occurrences.iter().map(|&i| lines[i].page).collect();
            pages.dedup();
            if pages.len() < need {
                continue;
            }
            for &page in &pages {
                let on_page: Vec<usize> = occurrences
                    .iter()
                    .copied()
                    .filter(|&i| lines[i].page == page)
                    .collect();
                let pick = if on_page.len() == 1 {
                    on_page[0]
                } else {
                    *on_page
                        .iter()
                        .max_by_key(|&&i| furniture_score(i, infos, &out, page_ranges[&page]))
                        .expect("non-empty")
                };
                let (start, end) = page_ranges[&page];
                let reason = if pick - start <= (end - start) / 2 {
                    DropReason::RunningHeader
                } else {
                    DropReason::RunningFooter
                };
                out[pick] = Some(reason);
            }
        }
        // A repeated bare date is the issue date in a running header only where it sits among
        // furniture or at a page edge and does not lead into an article's metadata: articles
        // dated the day of issue print the same line.
        let marks = out.clone();
        for occurrences in date_keys {
            let mut pages: Vec<u32> = occurrences.iter().map(|&i| lines[i].page).collect();
            pages.dedup();
            if pages.len() < need {
                continue;
            }
            // Which edge of the page the date keeps to: a running date repeats at the same edge,
            // an article's date heading a page now and then does not.
            let top_side = |i: usize| {
                let (start, end) = page_ranges[&lines[i].page];
                i - start < end - 1 - i
            };
            // Content lines between the date and its page's edge.
            let inset = |i: usize| {
                let (start, end) = page_ranges[&lines[i].page];
                let range = if top_side(i) { start..i } else { i + 1..end };
                range.filter(|&j| marks[j].is_none()).count()
            };
            let side_pages = |top: bool| {
                let mut p: Vec<u32> = occurrences
                    .iter()
                    .filter(|&&i| top_side(i) == top && inset(i) <= 1)
                    .map(|&i| lines[i].page)
                    .collect();
                p.dedup();
                p.len()
            };
            let (top_pages, bottom_pages) = (side_pages(true), side_pages(false));
            let heads: Vec<usize> = occurrences
                .iter()
                .copied()
                .filter(|&i| {
                    let same_side = if top_side(i) { top_pages } else { bottom_pages };
                    same_side < need
                        && (heads_article(lines, infos, &marks, i)
                            || signs_article(source, lines, infos, &marks, i))
                })
                .collect();
            for &i in occurrences {
                if heads.contains(&i) {
                    continue;
                }
                // Two on one page: the header is the one nearer the page's edge; the other is an
                // article dated the day of issue.
                let twin_nearer_edge = occurrences.iter().any(|&j| {
                    j != i && lines[j].page == lines[i].page && !heads.contains(&j) && {
                        let (start, end) = page_ranges[&lines[i].page];
                        let edge_distance = |x: usize| (x - start).min(end - 1 - x);
                        edge_distance(j) < edge_distance(i)
                    }
                });
                if twin_nearer_edge {
                    continue;
                }
                // At the edge it keeps on most pages, and inside the block of running lines
                // there (more furniture on its inner side), the date is a running line,
                // whatever follows it.
                let same_side = if top_side(i) { top_pages } else { bottom_pages };
                let (start, end) = page_ranges[&lines[i].page];
                let inner = if top_side(i) {
                    (i + 1 < end).then(|| i + 1)
                } else {
                    i.checked_sub(1).filter(|&p| p >= start)
                };
                let in_block = inner.is_some_and(|j| marks[j].is_some());
                if same_side >= need && inset(i) == 0 && in_block {
                    out[i] = Some(if top_side(i) {
                        DropReason::RunningHeader
                    } else {
                        DropReason::RunningFooter
                    });
                    continue;
                }
                if let Some(reason) =
                    bare_date_reason(source, lines, infos, page_ranges[&lines[i].page], &marks, i)
                {
                    out[i] = Some(reason);
                }
            }
        }
    }
    // Joined running lines first: the issue date in them tells the date passes below that the
    // issue date stands on the page as furniture.
    drop_joined_running_lines(source, layout, infos, &page_ranges, &mut out);
    drop_issue_dates(source, layout, infos, &page_ranges, &mut out);
    drop_digest_name_lines(source, layout, infos, &page_ranges, &mut out);
    if layout.boxes.is_empty() {
        drop_dates_level_with_running_lines(source, layout, infos, &[], &mut out);
    }
    out
}

/// The range of line indices of each page (a page's lines are consecutive).
fn page_ranges(lines: &[cuttings_model::Line]) -> HashMap<u32, (usize, usize)> {
    let mut ranges: HashMap<u32, (usize, usize)> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        ranges
            .entry(l.page)
            .and_modify(|r| r.1 = i + 1)
            .or_insert((i, i + 1));
    }
    ranges
}

/// A bare date printed level with a running header or footer, and printed on another page too,
/// is part of it, wherever the reading order put it ("1987-07-31" at the right end of the header
/// line, read at the top of the right-hand column over a piece's own dateline). Level means, in
/// layouts with boxes (`boxes[i]`: where line `i` was printed), overlapping the same height of
/// the page; in text dumps (`boxes` empty), cut from the same physical line.
pub(crate) fn drop_dates_level_with_running_lines(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
    boxes: &[Option<cuttings_model::LineBox>],
    out: &mut [Option<DropReason>],
) {
    let lines = &layout.lines;
    let with_boxes = boxes.len() == lines.len();
    if !with_boxes && !boxes.is_empty() {
        return;
    }
    let page_ranges = page_ranges(lines);
    // the bare dates and the pages each is printed on
    let keys: Vec<Option<String>> = lines
        .iter()
        .zip(infos)
        .map(|(l, info)| (info.kind == Kind::Date).then(|| key(source.slice(l.span), 0)))
        .collect();
    let mut pages_of: HashMap<&str, HashSet<u32>> = HashMap::new();
    for (k, l) in keys.iter().zip(lines) {
        if let Some(k) = k {
            pages_of.entry(k.as_str()).or_default().insert(l.page);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        let Some(k) = &keys[i] else { continue };
        if out[i].is_some() || pages_of.get(k.as_str()).is_none_or(|p| p.len() < 2) {
            continue;
        }
        let b = if with_boxes {
            let Some(b) = &boxes[i] else { continue };
            Some(b)
        } else {
            None
        };
        let level = |j: usize| match b {
            Some(b) => {
                let Some(c) = &boxes[j] else { return false };
                let overlap = b.y1.min(c.y1) - b.y0.max(c.y0);
                overlap > 0.5 * (b.y1 - b.y0).min(c.y1 - c.y0)
            }
            None => {
                let (x, y) = if lines[j].span.start < l.span.start {
                    (lines[j].span, l.span)
                } else {
                    (l.span, lines[j].span)
                };
                x.end <= y.start && !source.text[x.end..y.start].contains('\n')
            }
        };
        let (start, end) = page_ranges[&l.page];
        let beside = (start..end).find(|&j| {
            matches!(
                out[j],
                Some(DropReason::RunningHeader | DropReason::RunningFooter)
            ) && level(j)
        });
        if let Some(j) = beside {
            out[i] = out[j];
        }
    }
}

/// A line at a page's edge made of two or more running lines set side by side is a running line
/// too. A one-column page (often the first) sets the left and right parts of a header or footer
/// on one line, "10.12.2004 Review Digest", where the pages in columns print "10.12.2004" over
/// the left column and "Review Digest" over the right, so the joined line never repeats itself.
fn drop_joined_running_lines(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
    page_ranges: &HashMap<u32, (usize, usize)>,
    out: &mut [Option<DropReason>],
) {
    let lines = &layout.lines;
    let running: HashSet<String> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| {
            matches!(
                out[i],
                Some(DropReason::RunningHeader | DropReason::RunningFooter)
            )
        })
        .map(|(_, l)| key(source.slice(l.span), l.page))
        .collect();
    if running.len() < 2 {
        return;
    }
    for (i, l) in lines.iter().enumerate() {
        if out[i].is_some() || infos[i].words > 24 {
            continue;
        }
        let Some(reason) = at_page_edge(i, page_ranges[&l.page]) else {
            continue;
        };
        let k = key(source.slice(l.span), l.page);
        let words: Vec<&str> = k.split(' ').collect();
        if words.len() >= 2 && joins_running_lines(&words, &running) {
            out[i] = Some(reason);
        }
    }
}

/// True when `words` split into two or more runs, each the key of a running line.
fn joins_running_lines(words: &[&str], running: &HashSet<String>) -> bool {
    // parts[j]: the most runs that make up words[..j], if any.
    let mut parts: Vec<Option<usize>> = vec![None; words.len() + 1];
    parts[0] = Some(0);
    for j in 1..=words.len() {
        parts[j] = (0..j)
            .filter_map(|s| {
                let n = parts[s]?;
                running.contains(&words[s..j].join(" ")).then_some(n + 1)
            })
            .max();
    }
    parts[words.len()].is_some_and(|n| n >= 2)
}

/// A line at the edge of a later page that repeats the digest's name (its first line) with at
/// most a date, an issue or page number beside it is a running header or footer, even on the
/// one continuation page of a two-page digest where nothing can repeat ("Rail Review - 9 May
/// 2022" under a first page headed "Rail Review").
fn drop_digest_name_lines(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
    page_ranges: &HashMap<u32, (usize, usize)>,
    out: &mut [Option<DropReason>],
) {
    let lines = &layout.lines;
    let Some(first) = lines.first() else {
        return;
    };
    let name = key(source.slice(first.span), 0);
    // A name of one short word would match too much running text; a first line that is a bare
    // date names nothing (the pieces dated the day of issue repeat it at the top of pages).
    if name.len() < 8
        || !name.contains(' ')
        || infos[0].words > 8
        || infos[0].ends_sentence
        || infos[0].kind == Kind::Date
    {
        return;
    }
    for (i, l) in lines.iter().enumerate().skip(1) {
        if out[i].is_some() || l.page == first.page || infos[i].words > 14 {
            continue;
        }
        let Some(reason) = at_page_edge(i, page_ranges[&l.page]) else {
            continue;
        };
        let text = source.slice(l.span);
        let k = key(text, 0);
        let Some(rest) = k.strip_prefix(&name) else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(|c: char| !c.is_alphanumeric()) {
            continue;
        }
        if !rest_is_furniture(rest) {
            continue;
        }
        out[i] = Some(reason);
    }
}

/// For line `i` among its page's lines `start..end`: a running header or footer's reason when
/// it is the first or last line of the page, or next to it; `None` further in.
fn at_page_edge(i: usize, (start, end): (usize, usize)) -> Option<DropReason> {
    if (i - start).min(end - 1 - i) > 1 {
        return None;
    }
    Some(if i - start <= end - 1 - i {
        DropReason::RunningHeader
    } else {
        DropReason::RunningFooter
    })
}

const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// What may follow a digest's name in a running line: nothing, a date, an issue or page number,
/// separators.
fn rest_is_furniture(rest: &str) -> bool {
    let sep = |c: char| c.is_whitespace() || ",|·•—–-/:#().".contains(c);
    let mut rest = rest.trim_matches(sep).to_string();
    if let Some(d) = find_date(&rest) {
        rest.replace_range(d.start..d.end, " ");
    }
    rest.split(sep).filter(|w| !w.is_empty()).all(|w| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "page" | "p" | "pp" | "issue" | "no" | "vol" | "volume" | "edition" | "of"
            )
            || WEEKDAYS.contains(&w)
    })
}

/// The digest's issue date (as printed in its masthead or running lines) on a line of its own,
/// next to furniture or at a page edge and not leading into an article's metadata, is a running
/// header too, however few pages repeat it.
fn drop_issue_dates(
    source: &Source,
    layout: &TextLayout,
    infos: &[Info],
    page_ranges: &HashMap<u32, (usize, usize)>,
    out: &mut [Option<DropReason>],
) {
    let lines = &layout.lines;
    let issue_dates: Vec<_> = (0..lines.len())
        .filter(|&i| {
            matches!(
                out[i],
                Some(DropReason::Masthead | DropReason::RunningHeader | DropReason::RunningFooter)
            )
        })
        .filter_map(|i| infos[i].date.map(|d| d.date))
        .collect();
    if issue_dates.is_empty() {
        return;
    }
    let marks = out.to_vec();
    for i in 0..lines.len() {
        if marks[i].is_some() || infos[i].kind != Kind::Date {
            continue;
        }
        if !infos[i].date.is_some_and(|d| issue_dates.contains(&d.date)) {
            continue;
        }
        // Right under the running header's own copy of the date: an article of that day.
        let same_date_above = (0..i).rev().take(2).any(|j| {
            lines[j].page == lines[i].page
                && marks[j].is_some()
                && infos[j].date.map(|d| d.date) == infos[i].date.map(|d| d.date)
        });
        // The issue date already stands on this page as furniture: another copy heading a
        // headline is the date of the article under it.
        let (start, end) = page_ranges[&lines[i].page];
        let furniture_twin = (start..end).any(|j| {
            j != i
                && marks[j].is_some()
                && infos[j].date.map(|d| d.date) == infos[i].date.map(|d| d.date)
        });
        if same_date_above
            || (furniture_twin
                && (heads_article(lines, infos, &marks, i)
                    || signs_article(source, lines, infos, &marks, i)))
        {
            continue;
        }
        if let Some(reason) =
            bare_date_reason(source, lines, infos, page_ranges[&lines[i].page], &marks, i)
        {
            out[i] = Some(reason);
        }
    }
}

/// Why a bare date line `i` is furniture: it sits at a page edge or beside furniture (`marks`)
/// and does not lead into an article's metadata (an outlet, a byline, a person's name).
/// True when the date at `i` stands right above a headline that running text follows: the
/// head of an article, not a page's furniture.
fn heads_article(
    lines: &[cuttings_model::Line],
    infos: &[Info],
    marks: &[Option<DropReason>],
    i: usize,
) -> bool {
    let mut next = (i + 1..lines.len()).filter(|&j| marks[j].is_none());
    let (Some(t), Some(b)) = (next.next(), next.next()) else {
        return false;
    };
    let (title, body) = (&infos[t], &infos[b]);
    lines[t].page == lines[i].page
        && title.kind == Kind::Short
        && !title.outlet_like
        && !title.name_like
        && !title.ends_open
        && title.words >= 3
        && matches!(
            body.kind,
            Kind::Body | Kind::Short | Kind::Byline | Kind::OutletDate
        )
}

/// True when the date at `i` comes right under an article's signature (a byline, or an author's
/// or outlet's name alone on its line): the date of the piece that ends there.
fn signs_article(
    source: &Source,
    lines: &[cuttings_model::Line],
    infos: &[Info],
    marks: &[Option<DropReason>],
    i: usize,
) -> bool {
    let Some(p) = (0..i).rev().find(|&j| marks[j].is_none()) else {
        return false;
    };
    let info = &infos[p];
    lines[p].page == lines[i].page
        && (info.kind == Kind::Byline
            || (info.kind == Kind::Short
                && info.words <= 4
                && (info.outlet_like
                    || (info.name_like && known_given_name(source.slice(lines[p].span))))))
}

fn bare_date_reason(
    source: &Source,
    lines: &[cuttings_model::Line],
    infos: &[Info],
    (start, end): (usize, usize),
    marks: &[Option<DropReason>],
    i: usize,
) -> Option<DropReason> {
    let edge = i < start + 2 || i + 2 >= end;
    let beside_furniture =
        (i > start && marks[i - 1].is_some()) || (i + 1 < end && marks[i + 1].is_some());
    let next = (i + 1..lines.len()).find(|&j| marks[j].is_none());
    // Only on its own page: under a page's footer the next page's head starts afresh.
    let leads_into_head = next.is_some_and(|j| {
        let n = &infos[j];
        lines[j].page == lines[i].page
            && matches!(n.kind, Kind::OutletDate | Kind::Byline | Kind::SourceLine)
            || (n.kind == Kind::Short
                && (n.outlet_like
                    || (n.name_like
                        && (n.words == 2 || known_given_name(source.slice(lines[j].span))))))
    });
    // Text going on in lower case under the date: the date interrupts a sentence, as a
    // running line that a dump moved into the text does.
    let interrupts = next.is_some_and(|j| infos[j].starts_lower && lines[j].page == lines[i].page);
    if !(edge || beside_furniture || interrupts) || leads_into_head {
        return None;
    }
    Some(if i - start <= (end - start) / 2 {
        DropReason::RunningHeader
    } else {
        DropReason::RunningFooter
    })
}

/// Higher for the occurrence that sits among furniture rather than among an article's metadata.
fn furniture_score(
    i: usize,
    infos: &[Info],
    out: &[Option<DropReason>],
    (start, end): (usize, usize),
) -> i32 {
    let mut score = 0;
    let next = (i + 1..end).find(|&j| out[j].is_none());
    match next.map(|j| &infos[j].kind) {
        Some(Kind::Body) | None => score += 2,
        Some(Kind::Short | Kind::Date | Kind::OutletDate | Kind::Byline | Kind::SourceLine) => {
            score -= 2
        }
        _ => {}
    }
    let edge = (i - start).min(end - 1 - i);
    score -= edge.min(10) as i32 / 3;
    score
}

/// Normalised text with the page's own number masked, so "Digest | 3" on page 3 and "Digest | 4"
/// on page 4 share a key.
fn key(text: &str, page: u32) -> String {
    let page = page.to_string();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::with_capacity(text.len());
    for (n, word) in words.iter().enumerate() {
        if !out.is_empty() {
            out.push(' ');
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        // The day of a date ("Tue 6 Jul 2004" on page 6) is not the page number.
        let in_date = || {
            let month = |w: Option<&&str>| w.is_some_and(|w| is_month_name(w));
            month(words.get(n + 1)) || month(n.checked_sub(1).and_then(|p| words.get(p)))
        };
        if core == page && !in_date() {
            out.push_str(&word.replace(core, "#"));
        } else if word.is_ascii() {
            // The same as below for ASCII, without the Unicode case tables (issue #2, speed).
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_level_with_a_running_header_is_part_of_it() {
        use cuttings_model::{Line, LineBox, Span};
        // Two pages, each: the header's name (left), a piece's dateline and headline (right
        // column), and the issue date printed level with the name but read in the right column.
        let rows: [(&str, u32, f32); 8] = [
            ("Harbour Review", 1, 50.0),
            ("1987-07-31", 1, 50.0),
            ("Harbour Weekly · 1987-07-23", 1, 70.0),
            ("Kuwait Rejects Spy Boat Charges", 1, 85.0),
            ("Harbour Review", 2, 50.0),
            ("1987-07-31", 2, 50.0),
            ("1987-07-29", 2, 70.0),
            ("Dockers Vote on New Rota", 2, 85.0),
        ];
        let text: String = rows.iter().map(|(t, _, _)| format!("{t}\n")).collect();
        let source = Source::from_text("t.pdf", text);
        let mut at = 0;
        let mut lines = Vec::new();
        let mut boxes = Vec::new();
        for (t, page, y) in rows {
            lines.push(Line {
                span: Span {
                    start: at,
                    end: at + t.len(),
                },
                page,
                column: 0,
                gap_before: false,
                indent: 0,
                full_width: false,
            });
            at += t.len() + 1;
            boxes.push(Some(LineBox {
                page,
                x0: 50.0,
                y0: y,
                x1: 200.0,
                y1: y + 8.0,
                font_size: 8.0,
                bold: false,
                italic: false,
                font: 0,
            }));
        }
        let layout = TextLayout {
            flavor: None,
            pages: Vec::new(),
            lines,
            boxes: Vec::new(),
        };
        let infos: Vec<Info> = rows
            .iter()
            .map(|(t, _, _)| crate::classify::classify(t))
            .collect();
        let mut out = vec![None; rows.len()];
        out[0] = Some(DropReason::RunningHeader);
        out[4] = Some(DropReason::RunningHeader);
        drop_dates_level_with_running_lines(&source, &layout, &infos, &boxes, &mut out);
        let dropped: Vec<usize> = (0..rows.len()).filter(|&i| out[i].is_some()).collect();
        // the issue date on both pages; not the pieces' own dates below the header
        assert_eq!(dropped, [0, 1, 4, 5]);
    }

    #[test]
    fn key_masks_own_page_number() {
        assert_eq!(key("Digest | 3", 3), "digest | #");
        assert_eq!(key("Page 3 of 12", 3), "page # of 12");
        assert_eq!(key("Page 3 of 12", 4), "page 3 of 12");
        assert_eq!(key("Tue 6 Jul 2004 Digest", 6), "tue 6 jul 2004 digest");
        assert_eq!(key("June 6, 2004 | 6", 6), "june 6, 2004 | #");
    }

    #[test]
    fn joined_running_lines() {
        let running: HashSet<String> = ["10.12.2004", "review digest | #", "© trust 2004"]
            .into_iter()
            .map(String::from)
            .collect();
        let words = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert!(joins_running_lines(
            &words("10.12.2004 review digest | #"),
            &running
        ));
        assert!(joins_running_lines(
            &words("© trust 2004 review digest | #"),
            &running
        ));
        // One running line alone, or one beside other text, is not a joined running line.
        assert!(!joins_running_lines(&words("review digest | #"), &running));
        assert!(!joins_running_lines(
            &words("10.12.2004 review digest today"),
            &running
        ));
    }
}
