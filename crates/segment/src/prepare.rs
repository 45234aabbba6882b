//! Lines ready for reading: the reader's lines repaired where dumps break them, each classified
//! on its own, with its type (layouts with boxes) and what repeats across pages.
//!
//! Everything here is per document and shared by the line-role model's features and the rules it
//! replaces: pieces of a physical line five or more spaces apart become lines of their own; a date
//! whose year wrapped is read whole; running lines glued to the end of a text line are cut off so
//! they repeat like their copies; pull quotes set in their own type are marked.

use cuttings_model::{DropReason, Source, TextLayout};

use crate::{classify, furniture, typography};

/// One document's lines and what is known of each before any article is found.
pub(crate) struct Prepared {
    /// The lines in reading order (the reader's, some cut or joined).
    pub layout: TextLayout,
    /// What each line looks like on its own.
    pub infos: Vec<classify::Info>,
    /// What repetition across pages (and the line alone) says each line is, if furniture.
    pub furniture: Vec<Option<DropReason>>,
    /// Layouts with boxes: each line's box and the body's type near it.
    pub types: Option<typography::LineTypes>,
}

/// Prepares a document's lines.
pub(crate) fn prepare(source: &Source, original: &TextLayout) -> Prepared {
    let split = join_wrapped_dates(source, split_wide_gaps(source, original));
    let mut infos: Vec<classify::Info> = split
        .lines
        .iter()
        .map(|l| classify::classify(source.slice(l.span)))
        .collect();
    // Layouts read with boxes (PDF): the type of each line, learned from the reader's layout.
    let typo = typography::learn(source, original);
    // The type of each line and the furniture, for the set of lines at hand (worked out again if
    // it changes below).
    let (mut types, mut furniture) =
        types_and_furniture(source, original, typo.as_ref(), &split, &mut infos);
    let layout = match unglue_running_lines(source, &split, &furniture) {
        Some(unglued) => {
            // Classify again only the lines that were cut (the layout's lines in the same order,
            // some of them in two).
            let mut old = split.lines.iter().zip(infos).peekable();
            let mut fresh = Vec::with_capacity(unglued.lines.len());
            for l in &unglued.lines {
                match old.peek() {
                    Some((o, _)) if o.span == l.span => {
                        let (_, info) = old.next().expect("peeked");
                        fresh.push(info);
                    }
                    _ => {
                        if old.peek().is_some_and(|(o, _)| o.span.end <= l.span.end) {
                            old.next();
                        }
                        fresh.push(classify::classify(source.slice(l.span)));
                    }
                }
            }
            infos = fresh;
            (types, furniture) =
                types_and_furniture(source, original, typo.as_ref(), &unglued, &mut infos);
            unglued
        }
        None => split,
    };
    // Layouts read with boxes: pull quotes set apart in their own type.
    if let Some(types) = &types {
        typography::keep_metadata_inside_pages(types, &layout.lines, &infos, &mut furniture);
        for i in typography::pull_quotes(types, source, &layout.lines, &infos) {
            furniture[i].get_or_insert(DropReason::PullQuote);
        }
    }
    Prepared {
        layout,
        infos,
        furniture,
        types,
    }
}

/// Lines that still hold several pieces side by side ("Digest name        No. 50 | date") are
/// cut at runs of five or more spaces, so each piece is judged (and repeated) on its own.
/// Running lines that the dump glued to the end of a line of text, with no break between
/// ("... One resMarkets and Business Press Digest | 1"): the line is cut in two, so the running
/// line can be dropped like its copies on the other pages. `None` when nothing was glued.
fn unglue_running_lines(
    source: &Source,
    layout: &TextLayout,
    furniture: &[Option<DropReason>],
) -> Option<TextLayout> {
    use DropReason;
    // Each running line's text, around its own page number if it prints one: (before, after);
    // `None` for no number.
    let mut running: Vec<(&str, Option<&str>)> = Vec::new();
    for (l, f) in layout.lines.iter().zip(furniture) {
        if !matches!(
            f,
            Some(DropReason::RunningHeader | DropReason::RunningFooter | DropReason::Masthead)
        ) {
            continue;
        }
        let text = source.slice(l.span).trim();
        if text.chars().count() < 12 {
            continue;
        }
        let number = l.page.to_string();
        let entry = match text.strip_suffix(number.as_str()) {
            Some(before) if !before.ends_with(|c: char| c.is_ascii_digit()) => (before, Some("")),
            _ => (text, None),
        };
        if !running.contains(&entry) {
            running.push(entry);
        }
    }
    if running.is_empty() {
        return None;
    }
    let mut out: Vec<cuttings_model::Line> = Vec::with_capacity(layout.lines.len());
    let mut changed = false;
    for (l, f) in layout.lines.iter().zip(furniture) {
        let text = source.slice(l.span);
        let trimmed = text.trim_end();
        let page = l.page.to_string();
        let cut = f.is_none().then(|| {
            running.iter().find_map(|&(before, number)| {
                let rest = match number {
                    None => trimmed.strip_suffix(before)?,
                    Some(after) => trimmed
                        .strip_suffix(after)?
                        .strip_suffix(page.as_str())?
                        .strip_suffix(before)?,
                };
                // Glued: no space before the running text.
                (!rest.trim().is_empty() && !rest.ends_with(char::is_whitespace))
                    .then_some(rest.len())
            })
        });
        match cut.flatten() {
            Some(at) => {
                changed = true;
                let mut head = *l;
                head.span = cuttings_model::Span::new(l.span.start, l.span.start + at);
                let mut tail = *l;
                tail.span =
                    cuttings_model::Span::new(l.span.start + at, l.span.start + trimmed.len());
                tail.gap_before = false;
                out.push(head);
                out.push(tail);
            }
            None => out.push(*l),
        }
    }
    changed.then(|| TextLayout {
        flavor: layout.flavor,
        pages: layout.pages.clone(),
        lines: out,
        boxes: Vec::new(),
    })
}

fn split_wide_gaps(source: &Source, layout: &TextLayout) -> TextLayout {
    let mut out = TextLayout {
        flavor: layout.flavor,
        pages: layout.pages.clone(),
        lines: Vec::with_capacity(layout.lines.len()),
        boxes: Vec::new(),
    };
    for line in &layout.lines {
        let text = source.slice(line.span);
        if !text.contains("     ") {
            out.lines.push(*line);
            continue;
        }
        let mut start = 0;
        let mut first = true;
        for (i, piece) in text.split("     ").enumerate() {
            let _ = i;
            let offset = start;
            start += piece.len() + 5;
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = piece.len() - piece.trim_start().len();
            let s = line.span.start + offset + lead;
            let mut l = *line;
            l.span = cuttings_model::Span::new(s, s + trimmed.len());
            if !first {
                l.gap_before = false;
            }
            first = false;
            out.lines.push(l);
        }
    }
    out
}

/// A date wrapped before its year ("Lagos Business Day Review, May 31," / "2004") is read as one
/// line: the span then covers both physical lines and the line break between them.
/// True when `text` ends with a day and a month ("May 31,", "15 March") and so may go on with
/// the year on the next line.
fn ends_with_day_month(text: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = text.trim_end_matches([',', ' ']).to_ascii_lowercase();
    let mut words = t.rsplit(' ');
    let (Some(last), Some(before)) = (words.next(), words.next()) else {
        return false;
    };
    let month = |w: &str| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m));
    let day = |w: &str| {
        !w.is_empty()
            && w.len() <= 4
            && w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .chars()
                .all(|c| c.is_ascii_digit())
    };
    (month(before) && day(last)) || (day(before) && month(last))
}

fn is_year(text: &str) -> bool {
    text.len() == 4 && text.chars().all(|c| c.is_ascii_digit())
}

/// The passes that depend on the set of lines at hand: each line's type (layouts with boxes, from
/// `typo`, learned on the reader's `original` layout) and what it tells of headlines, bylines and
/// standfirsts; dates across columns; and the page furniture.
fn types_and_furniture(
    source: &Source,
    original: &TextLayout,
    typo: Option<&typography::Typography>,
    layout: &TextLayout,
    infos: &mut [classify::Info],
) -> (Option<typography::LineTypes>, Vec<Option<DropReason>>) {
    let types = typo.map(|t| typography::LineTypes::new(t, original, &layout.lines, infos));
    if let Some(types) = &types {
        typography::adjust(types, &layout.lines, infos);
        typography::bylines_by_type(types, source, &layout.lines, infos);
        typography::standfirsts_by_type(types, &layout.lines, infos);
    }
    dates_across_columns(source, layout, infos);
    let mut furniture = furniture::detect(source, layout, infos);
    if let Some(types) = &types {
        furniture::drop_dates_level_with_running_lines(
            source,
            layout,
            infos,
            types.boxes(),
            &mut furniture,
        );
    }
    (types, furniture)
}

/// A date wrapped before its year where side-by-side columns stand between the two pieces in
/// the source ("Lagos Business Day Review, May 31," / "2004" in a `-layout` dump): the lines
/// cannot be joined into one span, so the first is read with the year of the second, and the
/// year's own line is left to be dropped as a number.
fn dates_across_columns(source: &Source, layout: &TextLayout, infos: &mut [classify::Info]) {
    let lines = &layout.lines;
    for i in 0..lines.len().saturating_sub(1) {
        let (a, b) = (&lines[i], &lines[i + 1]);
        let text = source.slice(a.span);
        if infos[i].date.is_some()
            || a.page != b.page
            || a.column != b.column
            || text.len() > 60
            || !is_year(source.slice(b.span))
            || !ends_with_day_month(text)
        {
            continue;
        }
        let kept = text.trim_end_matches([',', ' ']);
        let joined = format!("{kept} {}", source.slice(b.span));
        let mut info = classify::classify(&joined);
        let Some(d) = info.date.as_mut() else {
            continue;
        };
        if !matches!(info.kind, classify::Kind::Date | classify::Kind::OutletDate) {
            continue;
        }
        // Field spans stay inside the first line.
        d.end = d.end.min(kept.len());
        infos[i] = info;
    }
}

fn join_wrapped_dates(source: &Source, mut layout: TextLayout) -> TextLayout {
    let mut out: Vec<cuttings_model::Line> = Vec::with_capacity(layout.lines.len());
    for line in layout.lines.drain(..) {
        if let Some(prev) = out.last_mut() {
            if prev.page == line.page
                && prev.column == line.column
                && is_year(source.slice(line.span))
                && prev.span.len() <= 60
                // Only across a plain line break: side-by-side columns put other text between
                // (and a reading order that goes back up the page joins nothing).
                && prev.span.end <= line.span.start
                && source.text[prev.span.end..line.span.start].trim().is_empty()
                && ends_with_day_month(source.slice(prev.span))
            {
                prev.span = prev.span.cover(line.span);
                continue;
            }
        }
        out.push(line);
    }
    layout.lines = out;
    layout
}
