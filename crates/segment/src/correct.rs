//! The users' corrections (`cuttings fix`, issue #12), applied again to a fresh segmentation.
//!
//! A source is segmented again after an upgrade (`cuttings ingest --resegment`), when a
//! correction is made or undone, or when a file is ingested into a corpus that already holds
//! corrections for it. Each time, the active corrections of the source are applied in the order
//! they were made to the fresh [`Segmented`], before repair, by [`apply`]: a pure function of the
//! source, the segmentation and the corrections.
//!
//! A correction names its article by an *anchor*, a byte offset inside one of the article's
//! lines (ids are content hashes and change with the title or the body; the source text does
//! not). A field set by a user has no source span. A split cuts an article before one of its
//! body lines, which opens the second article as its headline; a merge joins two articles that
//! follow each other in reading order, the first one's fields winning.
//!
//! Works on the drafts alone when the segmenter gave no line roles ([`Segmented::lines`] empty),
//! and keeps the line roles in step with the drafts when it did (a split's first line becomes a
//! headline; a merge's second headline becomes a section heading and the lines between the two
//! bodies become body), so that what is exported for training says what the user said.
//!
//! A correction whose anchor is in no article any more (the source was segmented differently)
//! is skipped with a warning in [`Segmented::diagnostics`]; it never panics.

use cuttings_model::{
    ArticleDraft, Change, Correction, Diagnostic, Field, FieldValue, Line, Part, Role, Segmented,
    Severity, Source, Span,
};

/// Where an article of the corrected segmentation comes from, for its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The index of the draft of the uncorrected segmentation the article starts as (for a
    /// merge, the first of the two).
    pub draft: usize,
    /// The numbers of the splits that cut it off that draft, oldest first: empty for the
    /// article that starts where the segmenter's draft started.
    pub splits: Vec<u64>,
}

/// What [`apply`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// One per draft of the corrected segmentation, in the same order.
    pub origins: Vec<Origin>,
    /// The numbers of the corrections that did not apply (a diagnostic says why).
    pub skipped: Vec<u64>,
}

/// Applies `corrections` in order to `seg`, a segmentation of `source`.
///
/// Returns where each resulting draft comes from and which corrections were skipped.
pub fn apply(source: &Source, seg: &mut Segmented, corrections: &[Correction]) -> Applied {
    let order = if corrections.is_empty() {
        Order { starts: Vec::new() }
    } else {
        Order::new(seg)
    };
    let mut applied = Applied {
        origins: (0..seg.drafts.len())
            .map(|draft| Origin {
                draft,
                splits: Vec::new(),
            })
            .collect(),
        skipped: Vec::new(),
    };
    for c in corrections {
        let outcome = match &c.change {
            Change::Set(value) => set(seg, c.anchor, value),
            Change::Split { at } => split(source, seg, &order, &mut applied, c, *at),
            Change::Merge { with } => merge(seg, &order, &mut applied, c.anchor, *with),
        };
        if let Err((severity, why)) = outcome {
            applied.skipped.push(c.number);
            let line = line_number(source, c.anchor);
            seg.diagnostics.push(Diagnostic {
                severity,
                message: format!(
                    "correction #{} ({} at line {line}) not applied: {why}",
                    c.number,
                    c.change.action()
                ),
                span: (c.anchor <= source.text.len()).then(|| Span::new(c.anchor, c.anchor)),
            });
        }
    }
    applied
}

/// Why a correction was skipped.
type Skip = (Severity, String);

fn warn(why: impl Into<String>) -> Skip {
    (Severity::Warning, why.into())
}

/// 1-based line of byte `at` in the source text (the last line when out of bounds).
fn line_number(source: &Source, at: usize) -> usize {
    let at = at.min(source.text.len());
    source.text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Where a line stands in reading order: its index in [`Segmented::lines`] when the segmenter
/// gave line roles, else its first byte (the order of the text, right within a column).
struct Order {
    /// `(start, index in Segmented::lines)`, sorted by start.
    starts: Vec<(usize, usize)>,
}

impl Order {
    fn new(seg: &Segmented) -> Order {
        let mut starts: Vec<(usize, usize)> = seg
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (l.span.start, i))
            .collect();
        starts.sort_unstable();
        Order { starts }
    }

    fn key(&self, span: Span) -> usize {
        if self.starts.is_empty() {
            return span.start;
        }
        let i = self.starts.partition_point(|&(s, _)| s <= span.start);
        self.starts[i.saturating_sub(1)].1
    }
}

fn holds(line: &Line, at: usize) -> bool {
    line.span.start <= at && at < line.span.end
}

/// The draft with a line (body or metadata) holding byte `at`.
fn holder(seg: &Segmented, at: usize) -> Option<usize> {
    seg.drafts
        .iter()
        .position(|d| d.body.iter().chain(&d.meta_lines).any(|l| holds(l, at)))
}

fn no_article(at: usize) -> Skip {
    warn(format!("no article holds byte {at} any more"))
}

/// Sets (or clears) one field of the draft holding `anchor`; the value has no span.
fn set(seg: &mut Segmented, anchor: usize, value: &FieldValue) -> Result<(), Skip> {
    let i = holder(seg, anchor).ok_or_else(|| no_article(anchor))?;
    let d = &mut seg.drafts[i];
    let typed = |v: &Option<String>| {
        v.as_ref().map(|v| Field {
            value: v.clone(),
            spans: Vec::new(),
        })
    };
    match value {
        FieldValue::Title(v) => {
            d.title = typed(v);
            d.confidence.title = 1.0;
        }
        FieldValue::Subtitle(v) => d.subtitle = typed(v),
        // A typed date has no span: an empty one, which provenance leaves out.
        FieldValue::Date(v) => {
            d.date = v.map(|date| (date, Span::default()));
            d.confidence.date = 1.0;
        }
        FieldValue::Outlet(v) => {
            d.outlet = typed(v);
            d.confidence.outlet = 1.0;
        }
        FieldValue::Authors(v) => {
            d.authors = v
                .iter()
                .map(|a| Field {
                    value: a.clone(),
                    spans: Vec::new(),
                })
                .collect();
            d.confidence.authors = 1.0;
        }
    }
    Ok(())
}

/// The first and last page of a draft's lines (its own when it has none).
fn pages(d: &mut ArticleDraft) {
    let mut pages = d.body.iter().chain(&d.meta_lines).map(|l| l.page);
    if let Some(first) = pages.next() {
        let (lo, hi) = pages.fold((first, first), |(lo, hi), p| (lo.min(p), hi.max(p)));
        d.first_page = lo;
        d.last_page = hi;
    }
}

/// True when the field's first span lies in one of `lines`.
/// (A typed value's empty span lies in no line.)
fn from_lines(spans: &[Span], lines: &[Line]) -> bool {
    spans
        .first()
        .filter(|s| !s.is_empty())
        .is_some_and(|s| lines.iter().any(|l| holds(l, s.start)))
}

/// Cuts the draft holding `c.anchor` before its body line holding `at`.
fn split(
    source: &Source,
    seg: &mut Segmented,
    order: &Order,
    applied: &mut Applied,
    c: &Correction,
    at: usize,
) -> Result<(), Skip> {
    let i = holder(seg, c.anchor).ok_or_else(|| no_article(c.anchor))?;
    let d = &mut seg.drafts[i];
    let Some(k) = d.body.iter().position(|l| holds(l, at)) else {
        return Err(match holder(seg, at) {
            Some(j) if j != i => (
                Severity::Info,
                format!("byte {at} already starts or lies in another article"),
            ),
            _ => warn(format!("byte {at} is not in the article's body any more")),
        });
    };
    if k == 0 {
        return Err((
            Severity::Info,
            "the article already starts at that line".to_string(),
        ));
    }
    if k + 1 == d.body.len() {
        return Err(warn(
            "that line is the article's last: nothing would be left after it",
        ));
    }
    let mut body = d.body.split_off(k);
    let opener = body.remove(0);
    let cut = order.key(opener.span);
    // Metadata after the cut in reading order (a tail: "— Jane Roe, The Herald") goes with the
    // second article, and so do the fields read from it.
    let (tail, head): (Vec<Line>, Vec<Line>) = d
        .meta_lines
        .drain(..)
        .partition(|l| order.key(l.span) > cut);
    d.meta_lines = head;
    let mut second = ArticleDraft {
        title: Some(Field::new(
            source.slice(opener.span).trim().to_string(),
            opener.span,
        )),
        body,
        meta_lines: std::iter::once(opener).chain(tail).collect(),
        confidence: d.confidence,
        ..ArticleDraft::default()
    };
    let moved = &second.meta_lines;
    if d.subtitle
        .as_ref()
        .is_some_and(|f| from_lines(&f.spans, moved))
    {
        second.subtitle = d.subtitle.take();
    }
    if d.date.is_some_and(|(_, s)| from_lines(&[s], moved)) {
        second.date = d.date.take();
    }
    if d.outlet
        .as_ref()
        .is_some_and(|f| from_lines(&f.spans, moved))
    {
        second.outlet = d.outlet.take();
    }
    let (gone, kept): (Vec<Field>, Vec<Field>) = d
        .authors
        .drain(..)
        .partition(|f| from_lines(&f.spans, moved));
    d.authors = kept;
    second.authors = gone;
    // The user drew this boundary and picked the headline.
    d.confidence.boundary = 1.0;
    second.confidence.boundary = 1.0;
    second.confidence.title = 1.0;
    pages(d);
    pages(&mut second);
    seg.drafts.insert(i + 1, second);
    let mut origin = applied.origins[i].clone();
    origin.splits.push(c.number);
    applied.origins.insert(i + 1, origin);
    for l in &mut seg.lines {
        match l.article {
            Some(a) if a > i => l.article = Some(a + 1),
            Some(a) if a == i && order.key(l.span) >= cut => {
                l.article = Some(i + 1);
                if opener.span.start <= l.span.start && l.span.start < opener.span.end {
                    if l.role.part() != Part::Head {
                        l.role = Role::Headline;
                    }
                    l.prob = 1.0;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Joins the draft holding `a` and the draft holding `b` (the later one into the earlier one).
fn merge(
    seg: &mut Segmented,
    order: &Order,
    applied: &mut Applied,
    a: usize,
    b: usize,
) -> Result<(), Skip> {
    let x = holder(seg, a).ok_or_else(|| no_article(a))?;
    let y = holder(seg, b).ok_or_else(|| no_article(b))?;
    if x == y {
        return Err((
            Severity::Info,
            "the two are one article already".to_string(),
        ));
    }
    let (i, j) = (x.min(y), x.max(y));
    if seg.drafts[i + 1..j].iter().any(|d| !d.body.is_empty()) {
        return Err(warn("the two articles do not follow each other any more"));
    }
    let second = seg.drafts.remove(j);
    applied.origins.remove(j);
    let first = &mut seg.drafts[i];
    // What lies between the two bodies (the first one's tail, the second one's head) is body
    // now; the first one's head and the second one's tail stay metadata.
    let last_body = first.body.last().map(|l| order.key(l.span));
    let (first_tail, first_head): (Vec<Line>, Vec<Line>) = first
        .meta_lines
        .drain(..)
        .partition(|l| last_body.is_some_and(|k| order.key(l.span) > k));
    let first_body = second.body.first().map(|l| order.key(l.span));
    let (second_head, second_tail): (Vec<Line>, Vec<Line>) = second
        .meta_lines
        .iter()
        .partition(|l| first_body.is_none_or(|k| order.key(l.span) < k));
    let mut between: Vec<Line> = first_tail.iter().chain(&second_head).copied().collect();
    between.sort_by_key(|l| order.key(l.span));
    // Fields read from lines that are body now are gone.
    if first
        .subtitle
        .as_ref()
        .is_some_and(|f| from_lines(&f.spans, &first_tail))
    {
        first.subtitle = None;
    }
    if first
        .date
        .is_some_and(|(_, s)| from_lines(&[s], &first_tail))
    {
        first.date = None;
    }
    if first
        .outlet
        .as_ref()
        .is_some_and(|f| from_lines(&f.spans, &first_tail))
    {
        first.outlet = None;
    }
    first.authors.retain(|f| !from_lines(&f.spans, &first_tail));
    // The second one's tail still ends the article: it gives what the first one's head did not.
    if first.date.is_none() {
        first.date = second.date.filter(|(_, s)| from_lines(&[*s], &second_tail));
    }
    if first.outlet.is_none() {
        first.outlet = second.outlet.filter(|f| from_lines(&f.spans, &second_tail));
    }
    if first.authors.is_empty() {
        first.authors = second
            .authors
            .into_iter()
            .filter(|f| from_lines(&f.spans, &second_tail))
            .collect();
    }
    first.body.extend(between);
    first.body.extend(second.body);
    first.meta_lines = first_head;
    first.meta_lines.extend(second_tail);
    first.confidence.boundary = 1.0;
    pages(first);
    for l in &mut seg.lines {
        match l.article {
            Some(a) if a == j => {
                l.article = Some(i);
                if l.role.part() == Part::Head {
                    l.role = if l.role == Role::Headline {
                        Role::SectionHeading
                    } else {
                        Role::Body
                    };
                    l.prob = 1.0;
                }
            }
            Some(a) if a == i && l.role.part() == Part::Tail => {
                l.role = Role::Body;
                l.prob = 1.0;
            }
            Some(a) if a > j => l.article = Some(a - 1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings_model::{Date, DropReason, Dropped, LineRole};

    /// A document written as one tagged line per source line: `T` title, `D` date
    /// (YYYY-MM-DD), `O` outlet, `A` byline ("By ..."), `.` body, `a` byline after the body
    /// (a tail), `x` a running header. A head tag after a body or tail line opens an article.
    fn doc(spec: &str, with_roles: bool) -> (Source, Segmented) {
        let mut text = String::new();
        let mut tagged = Vec::new();
        for l in spec.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (tag, rest) = l.split_at(1);
            let rest = rest.trim();
            let start = text.len();
            text.push_str(rest);
            tagged.push((tag.to_string(), Span::new(start, text.len())));
            text.push('\n');
        }
        let source = Source::from_text("doc.txt", text);
        let mut seg = Segmented::default();
        let mut after_body = true;
        for (tag, span) in tagged {
            let line = Line {
                span,
                page: 1,
                column: 0,
                gap_before: false,
                indent: 0,
                full_width: false,
            };
            let value = source.slice(span).to_string();
            let head = matches!(tag.as_str(), "T" | "D" | "O" | "A");
            if head && after_body {
                seg.drafts.push(ArticleDraft {
                    first_page: 1,
                    last_page: 1,
                    ..ArticleDraft::default()
                });
            }
            if tag != "x" {
                after_body = !head;
            }
            let n = seg.drafts.len().checked_sub(1);
            let role = match tag.as_str() {
                "T" => Role::Headline,
                "D" => Role::Date,
                "O" => Role::Outlet,
                "A" => Role::Byline,
                "a" => Role::TailByline,
                "." => Role::Body,
                _ => Role::RunningHeader,
            };
            if with_roles {
                seg.lines.push(LineRole {
                    span,
                    page: 1,
                    role,
                    article: if tag == "x" { None } else { n },
                    prob: 0.5,
                });
            }
            if tag == "x" {
                seg.dropped.push(Dropped {
                    span,
                    page: 1,
                    reason: DropReason::RunningHeader,
                });
                continue;
            }
            let d = seg.drafts.last_mut().expect("an article is open");
            match tag.as_str() {
                "." => d.body.push(line),
                _ => {
                    d.meta_lines.push(line);
                    match tag.as_str() {
                        "T" => d.title = Some(Field::new(value, span)),
                        "D" => d.date = Some((value.parse::<Date>().unwrap(), span)),
                        "O" => d.outlet = Some(Field::new(value, span)),
                        _ => {
                            let name = value.trim_start_matches("By ").to_string();
                            let s = Span::new(span.end - name.len(), span.end);
                            d.authors.push(Field::new(name, s));
                        }
                    }
                }
            }
            d.confidence.boundary = 0.4;
            d.confidence.title = 0.6;
        }
        (source, seg)
    }

    const TWO: &str = "
        x Harbour Digest
        T Senators visit the capital
        D 2017-08-16
        A By Jane Roe
        . The senators met officials on Monday.
        . They left on Tuesday after long talks.
        T Works on the harbour delayed
        . The harbour works will not start this year.
        . Contractors blamed the weather.
        . A second paragraph follows here.
        a By Tom Ash
        T Ferry fares rise
        O The Courier
        . Fares rise by a tenth from May.
        . Unions object.
    ";

    /// The byte offset of the line that starts with `text`.
    fn at(source: &Source, text: &str) -> usize {
        source.text.find(text).unwrap()
    }

    fn titles(seg: &Segmented) -> Vec<String> {
        seg.drafts
            .iter()
            .map(|d| d.title.as_ref().map_or("-".into(), |t| t.value.clone()))
            .collect()
    }

    fn body(source: &Source, d: &ArticleDraft) -> Vec<String> {
        d.body.iter().map(|l| source.slice(l.span).into()).collect()
    }

    /// Every line is in exactly one of a draft's body, a draft's metadata, or the dropped
    /// spans; line roles name existing drafts.
    fn check_invariants(source: &Source, seg: &Segmented) {
        let mut spans: Vec<Span> = seg
            .drafts
            .iter()
            .flat_map(|d| d.body.iter().chain(&d.meta_lines).map(|l| l.span))
            .chain(seg.dropped.iter().map(|d| d.span))
            .collect();
        spans.sort();
        let lines: Vec<Span> = source
            .text
            .lines()
            .scan(0, |at, l| {
                let s = Span::new(*at, *at + l.len());
                *at += l.len() + 1;
                Some(s)
            })
            .collect();
        assert_eq!(spans, lines);
        for l in &seg.lines {
            assert!(l.article.is_none_or(|a| a < seg.drafts.len()), "{l:?}");
        }
    }

    fn correction(number: u64, anchor: usize, change: Change) -> Correction {
        Correction {
            number,
            anchor,
            change,
        }
    }

    #[test]
    fn split_cuts_before_a_body_line_that_becomes_the_headline() {
        for with_roles in [false, true] {
            let (src, mut seg) = doc(
                "
                T Senators visit the capital
                D 2017-08-16
                A By Jane Roe
                . The senators met officials on Monday.
                . Ferries stay in port
                . The wind rose on Friday.
                . Crossings resume on Saturday.
                a By Tom Ash
                T Next piece
                . Its text.
                . More text.
                ",
                with_roles,
            );
            let anchor = at(&src, "The senators");
            let cut = at(&src, "Ferries stay");
            let applied = apply(
                &src,
                &mut seg,
                &[correction(7, anchor, Change::Split { at: cut + 3 })],
            );
            assert!(applied.skipped.is_empty(), "{:?}", seg.diagnostics);
            assert_eq!(
                titles(&seg),
                [
                    "Senators visit the capital",
                    "Ferries stay in port",
                    "Next piece"
                ]
            );
            let (a, b) = (&seg.drafts[0], &seg.drafts[1]);
            assert_eq!(body(&src, a), ["The senators met officials on Monday."]);
            assert_eq!(
                body(&src, b),
                ["The wind rose on Friday.", "Crossings resume on Saturday."]
            );
            // The head stays, the tail byline goes with the second piece.
            assert_eq!(a.authors[0].value, "Jane Roe");
            assert_eq!(b.authors[0].value, "Tom Ash");
            assert!(a.date.is_some() && b.date.is_none());
            assert_eq!(
                b.title.as_ref().unwrap().spans,
                [seg.drafts[1].meta_lines[0].span]
            );
            assert_eq!((a.confidence.boundary, b.confidence.boundary), (1.0, 1.0));
            assert_eq!(b.confidence.title, 1.0);
            assert_eq!(a.confidence.title, 0.6);
            assert_eq!(
                applied.origins,
                [
                    Origin {
                        draft: 0,
                        splits: vec![]
                    },
                    Origin {
                        draft: 0,
                        splits: vec![7]
                    },
                    Origin {
                        draft: 1,
                        splits: vec![]
                    },
                ]
            );
            check_invariants(&src, &seg);
            if with_roles {
                let role = |text: &str| {
                    let l = seg
                        .lines
                        .iter()
                        .find(|l| src.slice(l.span).starts_with(text))
                        .unwrap();
                    (l.role, l.article)
                };
                assert_eq!(role("Ferries stay"), (Role::Headline, Some(1)));
                assert_eq!(role("The wind"), (Role::Body, Some(1)));
                assert_eq!(role("By Tom Ash"), (Role::TailByline, Some(1)));
                assert_eq!(role("The senators"), (Role::Body, Some(0)));
                assert_eq!(role("Next piece"), (Role::Headline, Some(2)));
            } else {
                assert!(seg.lines.is_empty());
            }
        }
    }

    #[test]
    fn merge_joins_neighbours_and_turns_the_second_head_into_body() {
        for with_roles in [false, true] {
            let (src, mut seg) = doc(TWO, with_roles);
            // Anchored in the second article, merging with the first: the order is the text's.
            let applied = apply(
                &src,
                &mut seg,
                &[correction(
                    2,
                    at(&src, "Contractors"),
                    Change::Merge {
                        with: at(&src, "They left"),
                    },
                )],
            );
            assert!(applied.skipped.is_empty(), "{:?}", seg.diagnostics);
            assert_eq!(
                titles(&seg),
                ["Senators visit the capital", "Ferry fares rise"]
            );
            let d = &seg.drafts[0];
            assert_eq!(
                body(&src, d),
                [
                    "The senators met officials on Monday.",
                    "They left on Tuesday after long talks.",
                    "Works on the harbour delayed",
                    "The harbour works will not start this year.",
                    "Contractors blamed the weather.",
                    "A second paragraph follows here.",
                ]
            );
            // The first head's fields win; the second one's tail byline still ends the piece.
            assert_eq!(d.authors.len(), 1);
            assert_eq!(d.authors[0].value, "Jane Roe");
            assert_eq!(d.confidence.boundary, 1.0);
            assert_eq!(applied.origins.len(), 2);
            assert_eq!(applied.origins[1].draft, 2);
            check_invariants(&src, &seg);
            if with_roles {
                let role = |text: &str| {
                    let l = seg
                        .lines
                        .iter()
                        .find(|l| src.slice(l.span).starts_with(text))
                        .unwrap();
                    (l.role, l.article)
                };
                assert_eq!(
                    role("Works on the harbour"),
                    (Role::SectionHeading, Some(0))
                );
                assert_eq!(role("By Tom Ash"), (Role::TailByline, Some(0)));
                assert_eq!(role("Ferry fares"), (Role::Headline, Some(1)));
                assert_eq!(role("The Courier"), (Role::Outlet, Some(1)));
            }
        }
    }

    #[test]
    fn merge_moves_the_first_tail_into_the_body_and_takes_the_second_tail() {
        let (src, mut seg) = doc(
            "
            T First part
            . Text of the first part.
            a By Wrong Place
            T Second part
            . Text of the second part.
            a By Right Place
            ",
            true,
        );
        apply(
            &src,
            &mut seg,
            &[correction(
                1,
                at(&src, "Text of the first"),
                Change::Merge {
                    with: at(&src, "Second part"),
                },
            )],
        );
        let d = &seg.drafts[0];
        assert_eq!(seg.drafts.len(), 1);
        assert_eq!(
            body(&src, d),
            [
                "Text of the first part.",
                "By Wrong Place",
                "Second part",
                "Text of the second part."
            ]
        );
        assert_eq!(d.authors.len(), 1);
        assert_eq!(d.authors[0].value, "Right Place");
        let roles: Vec<Role> = seg.lines.iter().map(|l| l.role).collect();
        assert_eq!(
            roles,
            [
                Role::Headline,
                Role::Body,
                Role::Body,
                Role::SectionHeading,
                Role::Body,
                Role::TailByline
            ]
        );
        check_invariants(&src, &seg);
    }

    #[test]
    fn set_fields_have_no_span_and_full_confidence() {
        let (src, mut seg) = doc(TWO, false);
        let anchor = at(&src, "Contractors");
        let date = Date::constant(2017, 8, 17);
        let applied = apply(
            &src,
            &mut seg,
            &[
                correction(
                    1,
                    anchor,
                    Change::Set(FieldValue::Title(Some("Harbour".into()))),
                ),
                correction(2, anchor, Change::Set(FieldValue::Date(Some(date)))),
                correction(3, anchor, Change::Set(FieldValue::Authors(vec![]))),
                correction(
                    4,
                    anchor,
                    Change::Set(FieldValue::Outlet(Some("Gazette".into()))),
                ),
                correction(
                    5,
                    anchor,
                    Change::Set(FieldValue::Subtitle(Some("Late".into()))),
                ),
            ],
        );
        assert!(applied.skipped.is_empty());
        let d = &seg.drafts[1];
        let title = d.title.as_ref().unwrap();
        assert_eq!((title.value.as_str(), title.spans.len()), ("Harbour", 0));
        assert_eq!(d.date, Some((date, Span::default())));
        assert!(d.authors.is_empty());
        assert_eq!(d.outlet.as_ref().unwrap().value, "Gazette");
        assert_eq!(d.subtitle.as_ref().unwrap().value, "Late");
        assert_eq!(d.confidence.title, 1.0);
        assert_eq!(d.confidence.boundary, 0.4);
        // The other articles are untouched; the lines stay where they were.
        assert_eq!(titles(&seg)[0], "Senators visit the capital");
        assert_eq!(seg.drafts.len(), 3);
        check_invariants(&src, &seg);
        // Clearing.
        apply(
            &src,
            &mut seg,
            &[correction(6, anchor, Change::Set(FieldValue::Title(None)))],
        );
        assert!(seg.drafts[1].title.is_none());
    }

    #[test]
    fn corrections_apply_in_order_and_undone_ones_are_simply_left_out() {
        let (src, seg) = doc(TWO, true);
        let second = at(&src, "The harbour works");
        let cut = at(&src, "Contractors");
        let log = [
            correction(
                1,
                second,
                Change::Set(FieldValue::Title(Some("One".into()))),
            ),
            correction(
                2,
                second,
                Change::Set(FieldValue::Title(Some("Two".into()))),
            ),
            correction(3, second, Change::Split { at: cut }),
            // Anchored in the piece the split made.
            correction(
                4,
                at(&src, "By Tom Ash"),
                Change::Set(FieldValue::Title(Some("Four".into()))),
            ),
        ];
        let run = |keep: &[u64]| {
            let mut seg = seg.clone();
            let active: Vec<Correction> = log
                .iter()
                .filter(|c| keep.contains(&c.number))
                .cloned()
                .collect();
            let applied = apply(&src, &mut seg, &active);
            assert!(applied.skipped.is_empty(), "{:?}", seg.diagnostics);
            check_invariants(&src, &seg);
            titles(&seg)
        };
        assert_eq!(
            run(&[1, 2, 3, 4]),
            [
                "Senators visit the capital",
                "Two",
                "Four",
                "Ferry fares rise"
            ]
        );
        // Undo the second title: the first one applies again.
        assert_eq!(run(&[1, 3, 4])[1], "One");
        // Undo the split: the later correction, anchored in the part it made, now falls in the
        // whole article again and applies there.
        assert_eq!(
            run(&[1, 2, 4]),
            ["Senators visit the capital", "Four", "Ferry fares rise"]
        );
        assert_eq!(run(&[])[1], "Works on the harbour delayed");
    }

    #[test]
    fn anchors_that_no_longer_exist_are_warnings() {
        let (src, mut seg) = doc(TWO, true);
        let header = at(&src, "Harbour Digest");
        let before = seg.clone();
        let applied = apply(
            &src,
            &mut seg,
            &[
                // A dropped line, a byte past the end, a split outside the body, a merge of
                // pieces that do not follow each other, a split at the first body line.
                correction(1, header, Change::Set(FieldValue::Title(Some("X".into())))),
                correction(2, 10_000, Change::Set(FieldValue::Title(Some("X".into())))),
                correction(
                    3,
                    at(&src, "They left"),
                    Change::Split {
                        at: src.text.len() + 5,
                    },
                ),
                correction(
                    4,
                    at(&src, "They left"),
                    Change::Merge {
                        with: at(&src, "Unions"),
                    },
                ),
                correction(
                    5,
                    at(&src, "They left"),
                    Change::Split {
                        at: at(&src, "The senators"),
                    },
                ),
                correction(
                    6,
                    at(&src, "They left"),
                    Change::Split {
                        at: at(&src, "They left"),
                    },
                ),
                correction(7, at(&src, "They left"), Change::Merge { with: header }),
            ],
        );
        assert_eq!(applied.skipped, [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(titles(&seg), titles(&before));
        assert_eq!(seg.lines, before.lines);
        let messages: Vec<&str> = seg.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 7, "{messages:?}");
        assert!(messages[0].starts_with("correction #1 (set at line 1) not applied"));
        assert!(
            messages[3].contains("do not follow each other"),
            "{messages:?}"
        );
        assert!(seg.diagnostics[1].span.is_none(), "anchor out of bounds");
        assert_eq!(seg.diagnostics[4].severity, Severity::Info);
    }

    #[test]
    fn lines_of_later_articles_are_renumbered() {
        let (src, mut seg) = doc(TWO, true);
        apply(
            &src,
            &mut seg,
            &[
                correction(
                    1,
                    at(&src, "The senators"),
                    Change::Merge {
                        with: at(&src, "The harbour works"),
                    },
                ),
                correction(
                    2,
                    at(&src, "The senators"),
                    Change::Split {
                        at: at(&src, "They left"),
                    },
                ),
            ],
        );
        assert_eq!(seg.drafts.len(), 3);
        for (i, d) in seg.drafts.iter().enumerate() {
            for l in d.body.iter().chain(&d.meta_lines) {
                let role = seg.lines.iter().find(|r| r.span == l.span).unwrap();
                assert_eq!(role.article, Some(i), "{:?}", src.slice(l.span));
            }
        }
        check_invariants(&src, &seg);
    }
}
