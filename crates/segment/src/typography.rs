//! What the type of a line says, for layouts read with boxes (PDF, issue #3).
//!
//! Learned per document, never hard-coded: the body's type is the size, weight and slant of most
//! characters; a line clearly larger than that, or bold where the body is not, is set like a
//! headline. Such a line is read as a short heading line even when its words alone would read as
//! running text (a long headline, one that ends with a stop), unless it already reads as
//! metadata (a date, a byline, an outlet). Text dumps have no boxes and are left as they are.

use std::collections::HashMap;

use cuttings_model::{Line, LineBox, Source, TextLayout};

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

/// The body's type near each line: the size and weight of most characters among the lines
/// around it on its page (a digest may set running text smaller in three columns than in
/// one), or the document's when there are too few.
fn local_body(
    t: &Typography,
    lines: &[Line],
    boxes: &[Option<LineBox>],
    infos: &[Info],
) -> Vec<Typography> {
    const AROUND: usize = 20;
    const ENOUGH: usize = 400;
    let mut out = Vec::with_capacity(lines.len());
    let mut counts: Vec<((i32, bool), usize)> = Vec::new();
    for i in 0..lines.len() {
        // The lines around on the same page; on a page with little text, the lines around
        // whatever their page (an article's last lines on a page of their own).
        let mut pick = |same_page: bool| {
            counts.clear();
            let (from, to) = (i.saturating_sub(AROUND), (i + AROUND + 1).min(lines.len()));
            let mut total = 0;
            for j in from..to {
                let Some(b) = boxes[j] else { continue };
                if same_page && lines[j].page != lines[i].page {
                    continue;
                }
                let key = ((b.font_size * 2.0).round() as i32, b.bold);
                let n = infos[j].chars;
                total += n;
                match counts.iter_mut().find(|c| c.0 == key) {
                    Some(c) => c.1 += n,
                    None => counts.push((key, n)),
                }
            }
            counts
                .iter()
                .max_by_key(|c| c.1)
                .filter(|_| total >= ENOUGH)
                .map(|&((size, bold), _)| Typography {
                    body_size: size as f32 / 2.0,
                    body_bold: bold,
                })
        };
        let local = pick(true).or_else(|| pick(false)).unwrap_or(*t);
        out.push(local);
    }
    out
}

/// True when a line in type `b` is set like a headline.
fn headline_type(t: &Typography, b: &LineBox) -> bool {
    b.font_size >= t.body_size * 1.12 || (b.bold && !t.body_bold && b.font_size >= t.body_size)
}

/// True when a line in type `b` is set in the body's own type.
fn body_type(t: &Typography, b: &LineBox) -> bool {
    (b.font_size - t.body_size).abs() < 0.3 && b.bold == t.body_bold && !b.italic
}

/// The type of each line of one set of lines: its box, and the body's type near it. Built once
/// per set of lines (the reader's, or the same with running lines cut off) and shared by the
/// passes below.
pub(crate) struct LineTypes {
    boxes: Vec<Option<LineBox>>,
    local: Vec<Typography>,
}

impl LineTypes {
    /// Where each line was printed (`None` for a line the reader's layout has no box for).
    pub(crate) fn boxes(&self) -> &[Option<LineBox>] {
        &self.boxes
    }

    /// The body's type near each line.
    pub(crate) fn local(&self) -> &[Typography] {
        &self.local
    }

    pub(crate) fn new(
        t: &Typography,
        layout: &TextLayout,
        lines: &[Line],
        infos: &[Info],
    ) -> LineTypes {
        let boxes: Vec<Option<LineBox>> = lines
            .iter()
            .map(|l| layout.box_at(l.span.start).copied())
            .collect();
        let local = local_body(t, lines, &boxes, infos);
        LineTypes { boxes, local }
    }
}

/// Numbers the runs of lines set one under the other in the same type (same page and column,
/// same size, weight and slant, less than two lines' height apart): a headline wrapped on
/// several lines is one run, the byline or date under it in another type starts the next.
fn type_runs(boxes: &[Option<LineBox>], lines: &[Line], infos: &mut [Info]) {
    let mut run = 0u32;
    let mut prev: Option<(&Line, cuttings_model::LineBox)> = None;
    for ((line, info), b) in lines.iter().zip(infos.iter_mut()).zip(boxes) {
        let Some(b) = *b else {
            info.type_run = None;
            prev = None;
            continue;
        };
        let same = prev.is_some_and(|(pl, pb)| {
            let step = b.y0 - pb.y0;
            pl.page == line.page
                && pl.column == line.column
                && (pb.font_size - b.font_size).abs() < 0.3
                && pb.bold == b.bold
                && pb.italic == b.italic
                && step > 0.0
                && step < 2.0 * b.font_size.max(1.0)
        });
        if !same {
            run += 1;
        }
        info.type_run = Some(run);
        prev = Some((line, b));
    }
}

/// Reads lines set like headlines as heading lines (see the module's doc), and marks the runs
/// of lines set in one type (`Info::type_run`).
pub(crate) fn adjust(types: &LineTypes, lines: &[Line], infos: &mut [Info]) {
    type_runs(&types.boxes, lines, infos);
    let (boxes, local) = (&types.boxes, &types.local);
    for i in 0..lines.len() {
        let Some(b) = &boxes[i] else { continue };
        // A headline's second line may start in lower case ("Independent Chairman" / "for
        // Dutch Cargo Dispute").
        let continues_heading = i > 0
            && infos[i - 1].kind == Kind::Short
            && infos[i - 1].type_run.is_some()
            && infos[i - 1].type_run == infos[i].type_run;
        let info = &mut infos[i];
        info.heading = headline_type(&local[i], b);
        if info.kind == Kind::Body
            && info.words <= 25
            && (!info.starts_lower || continues_heading)
            && !info.ends_hyphen
            && info.heading
        {
            info.kind = Kind::Short;
        }
    }
    // A short line in the body's own type that runs on into running text in the same type is
    // a line of a paragraph, not a headline. Bottom up, so that ragged text whose first lines are
    // all short ("Remember the National" / "Lottery's draw machines Arthur" / "and Guinevere?
    // They were more") is running text to its first line.
    for i in (0..lines.len().saturating_sub(1)).rev() {
        if infos[i].kind == Kind::Short
            && infos[i].type_run.is_some()
            && infos[i + 1].type_run == infos[i].type_run
            && infos[i + 1].kind == Kind::Body
            && boxes[i].is_some_and(|b| body_type(&local[i], &b))
        {
            infos[i].kind = Kind::Body;
        }
    }
}

/// Standfirsts: under a headline (and the head's metadata, if printed between them), a run of
/// at most [`STANDFIRST_LINES`] lines set in one type that is neither the headline's nor the
/// body's (italic, or a size between them), followed by running text in the body's type or by
/// the head's metadata. Its lines are read as head lines (`Kind::Short`) marked `standfirst`,
/// so the head takes them as the subtitle instead of the body taking them as text.
pub(crate) fn standfirsts_by_type(types: &LineTypes, lines: &[Line], infos: &mut [Info]) {
    let (boxes, local) = (&types.boxes, &types.local);
    let is_meta = |k: Kind| {
        matches!(
            k,
            Kind::Byline | Kind::Date | Kind::OutletDate | Kind::SourceLine
        )
    };
    let mut i = 0;
    while i < lines.len() {
        if !infos[i].heading {
            i += 1;
            continue;
        }
        // The end of the headline's run, then past the head's metadata.
        let mut j = i + 1;
        while j < lines.len() && infos[j].heading && infos[j].type_run == infos[i].type_run {
            j += 1;
        }
        let mut skipped_meta = 0;
        while j < lines.len() && is_meta(infos[j].kind) && skipped_meta < 3 {
            j += 1;
            skipped_meta += 1;
        }
        let start = j;
        let run = infos.get(start).and_then(|x| x.type_run);
        let mut end = start;
        while end < lines.len() && run.is_some() && infos[end].type_run == run {
            end += 1;
        }
        // Not smaller than the body: metadata is often set small and italic too.
        let own_type = |k: usize| {
            boxes[k].is_some_and(|b| {
                !headline_type(&local[k], &b)
                    && !body_type(&local[k], &b)
                    && b.font_size >= local[k].body_size - 0.3
                    && (b.italic || b.font_size > local[k].body_size + 0.3)
            })
        };
        let fits = end > start
            && end - start <= STANDFIRST_LINES
            && lines[start].page == lines[i].page
            && (start..end).all(|k| {
                own_type(k)
                    && !infos[k].heading
                    && matches!(infos[k].kind, Kind::Body | Kind::Short)
            })
            // A sentence or so, not a name.
            && infos[start..end].iter().map(|x| x.words).sum::<usize>() >= 6
            && end < lines.len()
            && (is_meta(infos[end].kind) || boxes[end].is_some_and(|b| body_type(&local[end], &b)));
        if fits {
            for info in &mut infos[start..end] {
                info.kind = Kind::Short;
                info.standfirst = true;
            }
        }
        i = end.max(i + 1);
    }
}

/// The most lines a standfirst runs to.
const STANDFIRST_LINES: usize = 5;

/// Bylines without "By": a digest sets its bylines in a type of their own (often italic), learned
/// from the lines that do read as bylines. A short line of one or more people's names in that
/// type, apart from the body's type, is read as a byline too ("Ruth Varga" under the outlet).
pub(crate) fn bylines_by_type(
    types: &LineTypes,
    source: &Source,
    lines: &[Line],
    infos: &mut [Info],
) {
    let (boxes, local) = (&types.boxes, &types.local);
    let key = |b: &LineBox| ((b.font_size * 2.0).round() as i32, b.bold, b.italic);
    let mut counts: Vec<((i32, bool, bool), usize)> = Vec::new();
    for (b, info) in boxes.iter().zip(infos.iter()) {
        let Some(b) = b else { continue };
        if info.kind != Kind::Byline {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == key(b)) {
            Some(c) => c.1 += 1,
            None => counts.push((key(b), 1)),
        }
    }
    let Some(&(style, seen)) = counts.iter().max_by_key(|c| c.1) else {
        return;
    };
    if seen < 2 {
        return;
    }
    for i in 0..lines.len() {
        let Some(b) = boxes[i] else { continue };
        let info = &infos[i];
        if key(&b) != style
            || body_type(&local[i], &b)
            || !matches!(info.kind, Kind::Short | Kind::Body)
            || info.outlet_like
            || info.words > 10
            || info.ends_sentence
        {
            continue;
        }
        let text = source.slice(lines[i].span);
        let (authors, outlet) = crate::classify::parse_byline(text, 0);
        // Names with an outlet after them that wraps onto the next line in the same type
        // ("..., Sahel" / "Courier") are left to `split`, which joins the pieces.
        let wraps = outlet.is_some()
            && infos.get(i + 1).is_some_and(|n| {
                n.type_run.is_some() && n.type_run == infos[i].type_run && n.kind == Kind::Short
            });
        let people = !wraps
            && !authors.is_empty()
            && authors.iter().all(|(a, _)| {
                crate::classify::name_like(a) || crate::classify::known_given_name(a)
            });
        if people {
            let info = &mut infos[i];
            info.kind = Kind::Byline;
            info.authors = authors;
            info.outlet = outlet;
        }
    }
}

/// Running headers and footers stand at the page's edge: a repeated metadata line (a byline, a
/// date, an outlet) with text of the page both above and below it, over the same stretch of the
/// page, is an article's own metadata that happens to repeat (one author's pieces set alike on
/// two pages), and is kept.
pub(crate) fn keep_metadata_inside_pages(
    types: &LineTypes,
    lines: &[Line],
    infos: &[Info],
    furniture: &mut [Option<cuttings_model::DropReason>],
) {
    use cuttings_model::DropReason;
    let boxes = &types.boxes;
    for i in 0..lines.len() {
        if !matches!(
            furniture[i],
            Some(DropReason::RunningHeader | DropReason::RunningFooter)
        ) || !matches!(
            infos[i].kind,
            Kind::Byline | Kind::Date | Kind::OutletDate | Kind::SourceLine
        ) {
            continue;
        }
        let Some(b) = boxes[i] else { continue };
        // The nearest line of the page above or below it, over the same stretch.
        let nearest = |above: bool| {
            (0..lines.len())
                .filter(|&j| furniture[j].is_none() && lines[j].page == lines[i].page)
                .filter_map(|j| boxes[j].map(|o| (j, o)))
                .filter(|(_, o)| {
                    o.x0 < b.x1 && o.x1 > b.x0 && if above { o.y1 <= b.y0 } else { o.y0 >= b.y1 }
                })
                .min_by(|(_, o), (_, p)| {
                    let d = |o: &LineBox| if above { b.y0 - o.y1 } else { o.y0 - b.y1 };
                    d(o).total_cmp(&d(p))
                })
                .map(|(j, _)| j)
        };
        // Under a headline (or the metadata under one), with text below: a head's own line.
        let under_head = nearest(true).is_some_and(|j| {
            infos[j].heading
                || matches!(
                    infos[j].kind,
                    Kind::Byline | Kind::Date | Kind::OutletDate | Kind::SourceLine
                )
        });
        if under_head && nearest(false).is_some() {
            furniture[i] = None;
        }
    }
}

/// Pull quotes set apart in their own type (larger, bold or italic): runs of lines that are not
/// in the body's type and whose every word 5-gram stands in running text (runs of three or more
/// body-type lines) on the same page or the next or previous one. Returned as indices of
/// `lines`, to drop before the articles are split, so a pull quote is never read as a headline.
pub(crate) fn pull_quotes(
    types: &LineTypes,
    source: &Source,
    lines: &[Line],
    infos: &[Info],
) -> Vec<usize> {
    use crate::pullquote::{gram, words, GramMap, N};
    let (boxes, local) = (&types.boxes, &types.local);
    // Runs as index ranges.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut e = i + 1;
        while e < lines.len()
            && infos[e].type_run.is_some()
            && infos[e].type_run == infos[i].type_run
        {
            e += 1;
        }
        runs.push((i, e));
        i = e;
    }
    let is_body = |k: usize| boxes[k].is_some_and(|b| body_type(&local[k], &b));
    // Grams of running text per page.
    let mut pages: HashMap<u32, GramMap<()>> = HashMap::new();
    for &(s, e) in &runs {
        if e - s < 3 || !(s..e).all(is_body) {
            continue;
        }
        let ws = words(source, &lines[s..e]);
        let set = pages.entry(lines[s].page).or_default();
        for p in 0..(ws.len() + 1).saturating_sub(N) {
            set.insert(gram(&ws, p), ());
        }
    }
    let mut out = Vec::new();
    for &(s, e) in &runs {
        if (s..e).any(is_body) || infos[s].type_run.is_none() {
            continue;
        }
        let ws = words(source, &lines[s..e]);
        if ws.len() < 2 * N {
            continue;
        }
        let page = lines[s].page;
        let near: Vec<&GramMap<()>> = [page.saturating_sub(1), page, page + 1]
            .iter()
            .filter_map(|p| pages.get(p))
            .collect();
        let repeated =
            (0..=ws.len() - N).all(|p| near.iter().any(|m| m.contains_key(&gram(&ws, p))));
        if repeated {
            out.extend(s..e);
        }
    }
    out
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
        let mut y = 0.0;
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
                x1: 100.0,
                y0: y,
                y1: y + size,
                font_size: size,
                bold,
                italic: false,
                font: 0,
            });
            y += size * 1.25;
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
        adjust(
            &LineTypes::new(&t, &layout, &layout.lines, &infos),
            &layout.lines,
            &mut infos,
        );
        assert_eq!(infos[0].kind, Kind::Short);
        assert_eq!(infos[1].kind, Kind::Body);
    }

    #[test]
    fn short_ragged_lines_running_into_text_in_body_type_are_no_headline() {
        // Ragged text: the first lines of a paragraph are short and capitalised, in the body's
        // type, and the sentence runs on two lines further down.
        let text = "Remember the National\nLottery's draw machines Arthur\n\
                    and Guinevere? They were more accurate than this glossy version of\n\
                    the tale, and the film knows it from its first scene to its last one.";
        let (src, layout) = layout(text, &[(9.0, false); 4]);
        let infos = infos(&src, &layout);
        let kinds: Vec<Kind> = infos.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::Body; 4], "{kinds:?}");
    }

    /// Infos of `text` after the type passes, with the lines `italic` set in italics.
    fn typed_infos(text: &str, sizes: &[(f32, bool)], italic: &[usize]) -> Vec<Info> {
        let (src, mut layout) = layout(text, sizes);
        for &k in italic {
            layout.boxes[k].italic = true;
        }
        let t = learn(&src, &layout).unwrap();
        let mut infos = infos(&src, &layout);
        bylines_by_type(
            &LineTypes::new(&t, &layout, &layout.lines, &infos),
            &src,
            &layout.lines,
            &mut infos,
        );
        standfirsts_by_type(
            &LineTypes::new(&t, &layout, &layout.lines, &infos),
            &layout.lines,
            &mut infos,
        );
        infos
    }

    #[test]
    fn a_standfirst_in_its_own_type_under_the_headline_is_a_head_line() {
        let body = "The harbour board met on Monday and agreed to dredge the channel this year.";
        let text = format!(
            "Harbour to be dredged\nThe channel has silted up since the storms of\n\
             last winter and ships wait for the tide\nBy Anna Berg\n{body}\n{body}\n{body}"
        );
        let sizes = [
            (16.0, true),
            (10.5, false),
            (10.5, false),
            (8.5, false),
            (10.0, false),
            (10.0, false),
            (10.0, false),
        ];
        let infos = typed_infos(&text, &sizes, &[1, 2, 3]);
        let standfirst: Vec<bool> = infos.iter().map(|i| i.standfirst).collect();
        assert_eq!(standfirst, [false, true, true, false, false, false, false]);
        assert_eq!(infos[1].kind, Kind::Short);
        // The same lines in the body's type are running text.
        let infos = typed_infos(
            &text,
            &[
                (16.0, true),
                (10.0, false),
                (10.0, false),
                (8.5, false),
                (10.0, false),
                (10.0, false),
                (10.0, false),
            ],
            &[3],
        );
        assert!(infos.iter().all(|i| !i.standfirst));
    }

    #[test]
    fn metadata_in_small_italics_under_a_date_is_no_standfirst() {
        let body = "The harbour board met on Monday and agreed to dredge the channel this year.";
        let text = format!(
            "Harbour to be dredged\n3 May 2022\nThe Harbour and Hinterland Shipping Gazette\n{body}\n{body}\n{body}"
        );
        let sizes = [
            (16.0, true),
            (8.5, false),
            (8.5, false),
            (10.0, false),
            (10.0, false),
            (10.0, false),
        ];
        let infos = typed_infos(&text, &sizes, &[1, 2]);
        assert!(infos.iter().all(|i| !i.standfirst));
    }

    #[test]
    fn text_dumps_have_no_typography() {
        let src = Source::from_text("t.txt", "Title\nBody.\n");
        let layout = TextLayout::default();
        assert!(learn(&src, &layout).is_none());
    }

    fn infos(src: &Source, layout: &TextLayout) -> Vec<Info> {
        let t = learn(src, layout).unwrap();
        let mut infos: Vec<Info> = layout
            .lines
            .iter()
            .map(|l| crate::classify::classify(src.slice(l.span)))
            .collect();
        adjust(
            &LineTypes::new(&t, layout, &layout.lines, &infos),
            &layout.lines,
            &mut infos,
        );
        infos
    }

    #[test]
    fn a_headline_wrapped_before_a_lower_case_word_is_one_run_of_heading_lines() {
        let body = "Running text of the piece goes on here in the body type of the digest,";
        let text =
            format!("Independent Chairman\nfor Dutch Cargo Dispute\nBy Ann Lee\n{body}\n{body}");
        let (src, layout) = layout(
            &text,
            &[
                (12.5, false),
                (12.5, false),
                (9.0, true),
                (9.0, false),
                (9.0, false),
            ],
        );
        let infos = infos(&src, &layout);
        assert_eq!(infos[1].kind, Kind::Short);
        assert_eq!(infos[0].type_run, infos[1].type_run);
        assert_ne!(infos[1].type_run, infos[2].type_run);
        assert_ne!(infos[2].type_run, infos[3].type_run);
        assert_eq!(infos[3].type_run, infos[4].type_run);
    }

    #[test]
    fn a_short_first_line_of_a_paragraph_in_body_type_is_running_text() {
        let body = "text of the piece goes on here in the body type of the digest and on";
        let text =
            format!("Wellington Harbour Board Workers'\nUnion secretary {body}\n{body}\n{body}");
        let (src, layout) = layout(
            &text,
            &[(9.0, false), (9.0, false), (9.0, false), (9.0, false)],
        );
        assert_eq!(
            crate::classify::classify("Wellington Harbour Board Workers'").kind,
            Kind::Short
        );
        assert_eq!(infos(&src, &layout)[0].kind, Kind::Body);
    }

    #[test]
    fn the_body_type_is_learned_near_each_line() {
        // Running text set larger on one page (one column) than on the others (three columns):
        // it is not a headline there.
        let body = "Running text of the piece goes on here in the body type of the digest,";
        let mut text = String::new();
        let mut sizes = Vec::new();
        for _ in 0..30 {
            text.push_str(body);
            text.push('\n');
            sizes.push((8.5, false));
        }
        let (src, mut layout) = layout(text.trim_end(), &sizes);
        let mut more = text.clone();
        for _ in 0..12 {
            more.push_str(body);
            more.push('\n');
        }
        let src2 = Source::from_text("t.pdf", more.trim_end());
        let mut at = text.len();
        for k in 0..12 {
            let l = Line {
                span: Span::new(at, at + body.len()),
                page: 2,
                ..layout.lines[0]
            };
            layout.lines.push(l);
            layout.boxes.push(LineBox {
                page: 2,
                y0: k as f32 * 13.0,
                y1: k as f32 * 13.0 + 10.5,
                font_size: 10.5,
                ..layout.boxes[0]
            });
            at += body.len() + 1;
        }
        let _ = src;
        let infos = infos(&src2, &layout);
        assert!(infos[30..].iter().all(|i| i.kind == Kind::Body));
    }

    #[test]
    fn a_pull_quote_in_its_own_type_is_found_before_the_split() {
        let text = "Harbour works to begin next spring\n\
            The council said on Monday that the harbour works will begin next spring,\n\
            and the mayor added that the old quay would be rebuilt in stone by the\n\
            city's own masons before the summer season starts in the town again.\n\
            \"The old quay would be rebuilt in stone by the city's own masons\"\n\
            Ships will be sent to the northern port while the works go on there,\n\
            the harbour master said, and fishing boats may stay at their moorings.";
        let (src, layout) = layout(
            text,
            &[
                (16.0, true),
                (10.0, false),
                (10.0, false),
                (10.0, false),
                (13.0, true),
                (10.0, false),
                (10.0, false),
            ],
        );
        let t = learn(&src, &layout).unwrap();
        let mut infos = infos(&src, &layout);
        adjust(
            &LineTypes::new(&t, &layout, &layout.lines, &infos),
            &layout.lines,
            &mut infos,
        );
        assert_eq!(
            pull_quotes(
                &LineTypes::new(&t, &layout, &layout.lines, &infos),
                &src,
                &layout.lines,
                &infos
            ),
            [4]
        );
    }

    #[test]
    fn a_name_in_the_digests_byline_type_is_a_byline() {
        let body = "Running text of the piece goes on here in the body type of the digest,";
        let text = format!(
            "By Ann Lee\n{body}\nBy Bo Ray\n{body}\nRuth Varga\n{body}\nHarbour works begin\n{body}"
        );
        let (src, mut layout) = layout(
            &text,
            &[
                (9.0, false),
                (10.0, false),
                (9.0, false),
                (10.0, false),
                (9.0, false),
                (10.0, false),
                (9.0, false),
                (10.0, false),
            ],
        );
        for k in [0, 2, 4, 6] {
            layout.boxes[k].italic = true;
        }
        let t = learn(&src, &layout).unwrap();
        let mut infos = infos(&src, &layout);
        assert_ne!(infos[4].kind, Kind::Byline);
        bylines_by_type(
            &LineTypes::new(&t, &layout, &layout.lines, &infos),
            &src,
            &layout.lines,
            &mut infos,
        );
        assert_eq!(infos[4].kind, Kind::Byline);
        assert_eq!(infos[4].authors[0].0, "Ruth Varga");
        assert_ne!(infos[6].kind, Kind::Byline);
    }
}
