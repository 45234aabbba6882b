//! Roles → articles: a small state machine over the lines in reading order.
//!
//! Head lines (headline, standfirst, kicker, date, outlet, byline...) open an article when the
//! one before has a body; body lines join the open article; tail lines (metadata after a body)
//! end it and give it the fields its head did not; running text after a tail goes on with the
//! same article (a dump moved a scrap of it), and text before any head starts an article without
//! one. Dropped lines go to `Segmented::dropped` with their role's reason. An article's fields come
//! only from its own head and tail lines, never from a neighbour's.
//!
//! A document whose items carry no outlet of their own (a newsletter, a gazette, a record) gives
//! them its own name and issue date, read from its masthead and running lines.

use std::collections::HashMap;

use cuttings_model::{
    ArticleDraft, Confidence, Date, Dropped, Field, Line, LineRole, Part, Role, Segmented, Source,
    Span,
};

use crate::fields::{self, LineFields};
use crate::roles::N_ROLES;

/// One article being put together: indices of its lines.
#[derive(Default)]
struct Acc {
    head: Vec<usize>,
    body: Vec<usize>,
    tail: Vec<usize>,
}

impl Acc {
    fn is_empty(&self) -> bool {
        self.head.is_empty() && self.body.is_empty() && self.tail.is_empty()
    }
}

/// Groups lines into articles by their roles: `(head, body, tail)` index lists per article.
fn group(roles: &[Role]) -> Vec<Acc> {
    let mut out: Vec<Acc> = Vec::new();
    let mut cur = Acc::default();
    for (i, r) in roles.iter().enumerate() {
        match r.part() {
            Part::Drop(_) => {}
            Part::Head => {
                if !cur.body.is_empty() || !cur.tail.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.head.push(i);
            }
            Part::Body => cur.body.push(i),
            Part::Tail => {
                if cur.body.is_empty() {
                    // Metadata before any body is the head's, whatever it looked like.
                    cur.head.push(i);
                } else {
                    cur.tail.push(i);
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The probability that line `i` belongs to a role of the given part.
fn part_prob(probs: &[[f32; N_ROLES]], i: usize, part: Part) -> f32 {
    let same = |r: &Role| match (r.part(), part) {
        (Part::Drop(_), Part::Drop(_)) => true,
        (a, b) => a == b,
    };
    Role::ALL
        .iter()
        .enumerate()
        .filter(|(_, r)| same(r))
        .map(|(k, _)| probs[i][k])
        .sum()
}

fn role_prob(probs: &[[f32; N_ROLES]], i: usize, roles: &[Role]) -> f32 {
    roles.iter().map(|r| probs[i][r.index()]).sum()
}

/// The roles that may give each field.
const TITLE_ROLES: &[Role] = &[Role::Headline];
const DATE_ROLES: &[Role] = &[
    Role::Date,
    Role::Dateline,
    Role::OutletDate,
    Role::TailDate,
    Role::TailOutletDate,
];
const OUTLET_ROLES: &[Role] = &[
    Role::Outlet,
    Role::OutletDate,
    Role::BylineOutlet,
    Role::TailOutlet,
    Role::TailOutletDate,
    Role::TailBylineOutlet,
];
const AUTHOR_ROLES: &[Role] = &[
    Role::Byline,
    Role::BylineOutlet,
    Role::TailByline,
    Role::TailBylineOutlet,
];

/// The document's own name and issue date, for items that print no outlet or date of their own.
struct Own {
    name: Option<Field>,
    date: Option<(Date, Span)>,
}

/// Reads the document's name and issue date from its masthead and running headers: the name is
/// the first masthead line that is no date, issue number or credit (else the first part of the
/// running header that is none of those); the date is the one most of those lines print.
fn own_name_and_date(source: &Source, lines: &[Line], roles: &[Role]) -> Own {
    let mut name: Option<Field> = None;
    let mut dates: HashMap<Date, (usize, Span)> = HashMap::new();
    let mut header_parts: Vec<(String, Span)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !matches!(
            roles[i],
            Role::Masthead | Role::RunningHeader | Role::RunningFooter
        ) {
            continue;
        }
        let text = source.slice(l.span);
        if let Some((d, (s, e))) = fields::date(text) {
            let entry = dates
                .entry(d)
                .or_insert((0, Span::new(l.span.start + s, l.span.start + e)));
            entry.0 += 1;
        }
        let piece_ok = |p: &str| {
            let lower = p.to_lowercase();
            p.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && fields::date(p).is_none()
                && ![
                    "vol",
                    "no.",
                    "issue",
                    "page",
                    "compiled",
                    "prepared",
                    "©",
                    "copyright",
                ]
                .iter()
                .any(|w| lower.starts_with(w))
                && !p.chars().any(|c| c.is_ascii_digit())
        };
        if roles[i] == Role::Masthead && name.is_none() && piece_ok(text.trim()) {
            name = Some(Field::new(text.trim(), l.span));
        }
        if roles[i] == Role::RunningHeader {
            if let Some((s, e)) = pieces(text).find(|&(s, e)| piece_ok(&text[s..e])) {
                let span = Span::new(l.span.start + s, l.span.start + e);
                header_parts.push((text[s..e].to_string(), span));
            }
        }
    }
    if name.is_none() {
        // The running header part printed most often.
        let mut counts: HashMap<&str, (usize, Span)> = HashMap::new();
        for (p, s) in &header_parts {
            counts.entry(p.as_str()).or_insert((0, *s)).0 += 1;
        }
        name = counts
            .into_iter()
            .max_by_key(|(p, (n, _))| (*n, p.len()))
            .map(|(p, (_, s))| Field::new(p, s));
    }
    let date = dates
        .into_iter()
        .max_by_key(|(d, (n, _))| (*n, *d))
        .map(|(d, (_, s))| (d, s));
    Own { name, date }
}

/// The parts of a running line between separators, trimmed, as byte ranges.
fn pieces(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut ends: Vec<(usize, usize)> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '|' | '/' | '·' | '•' | '—'))
        .map(|(i, c)| (i, i + c.len_utf8()))
        .collect();
    ends.push((text.len(), text.len()));
    ends.into_iter().filter_map(move |(at, next)| {
        let piece = &text[start..at];
        let lead = piece.len() - piece.trim_start().len();
        let r = (start + lead, start + lead + piece.trim().len());
        start = next;
        (r.1 > r.0).then_some(r)
    })
}

/// Builds the drafts, the dropped lines and each line's role from the roles the model gave.
pub(crate) fn assemble(
    source: &Source,
    lines: &[Line],
    roles: &[Role],
    probs: &[[f32; N_ROLES]],
) -> Segmented {
    let mut out = Segmented::default();
    let groups = group(roles);
    let mut article_of = vec![None; lines.len()];
    for (k, acc) in groups.iter().enumerate() {
        for &i in acc.head.iter().chain(&acc.body).chain(&acc.tail) {
            article_of[i] = Some(k);
        }
        out.drafts.push(draft(source, lines, roles, probs, acc));
    }
    for (i, l) in lines.iter().enumerate() {
        if let Part::Drop(reason) = roles[i].part() {
            out.dropped.push(Dropped {
                span: l.span,
                page: l.page,
                reason,
            });
        }
        out.lines.push(LineRole {
            span: l.span,
            page: l.page,
            role: roles[i],
            article: article_of[i],
            prob: probs.get(i).map_or(1.0, |p| p[roles[i].index()]),
        });
    }
    // Items that print no outlet of their own take the document's name and issue date.
    let with_outlet = out.drafts.iter().filter(|d| d.outlet.is_some()).count();
    if !out.drafts.is_empty() && with_outlet * 10 < out.drafts.len() * 3 {
        let own = own_name_and_date(source, lines, roles);
        for d in &mut out.drafts {
            if d.outlet.is_none() {
                d.outlet.clone_from(&own.name);
            }
            if d.date.is_none() {
                d.date = own.date;
            }
        }
    }
    out
}

/// One article's draft from its lines.
fn draft(
    source: &Source,
    lines: &[Line],
    roles: &[Role],
    probs: &[[f32; N_ROLES]],
    acc: &Acc,
) -> ArticleDraft {
    let mut d = ArticleDraft::default();
    let text = |i: usize| source.slice(lines[i].span);
    let abs = |i: usize, (s, e): fields::Range| {
        Span::new(lines[i].span.start + s, lines[i].span.start + e)
    };
    // Title: the first run of headline lines; standfirst: its lines.
    let mut title_lines: Vec<usize> = Vec::new();
    for &i in &acc.head {
        if roles[i] == Role::Headline {
            title_lines.push(i);
        } else if !title_lines.is_empty() {
            break;
        }
    }
    d.title = joined(source, lines, &title_lines);
    let standfirst: Vec<usize> = acc
        .head
        .iter()
        .copied()
        .filter(|&i| roles[i] == Role::Standfirst)
        .collect();
    d.subtitle = joined(source, lines, &standfirst);
    // Dates, outlets and authors: head lines first, then the tail's.
    // Metadata items: runs of lines of one role (an outlet or a byline wrapped over two lines
    // is one item), head first, then tail.
    for item in items(&acc.head, roles)
        .into_iter()
        .chain(items(&acc.tail, roles))
    {
        let role = roles[item[0]];
        if matches!(role, Role::Headline | Role::Standfirst | Role::Kicker) {
            continue;
        }
        let joined = Joined::new(source, lines, &item);
        let LineFields {
            authors,
            outlet,
            date,
        } = fields::read(role, &joined.text);
        if d.date.is_none() {
            if let Some((date, r)) = date {
                d.date = joined.spans(r).first().map(|&s| (date, s));
            }
        }
        if d.outlet.is_none() {
            if let Some(r) = outlet {
                d.outlet = Some(joined.field(r, None));
            }
        }
        if d.authors.is_empty() {
            d.authors = authors
                .into_iter()
                .map(|(name, r)| joined.field(r, Some(name)))
                .collect();
        }
    }
    // A letter's signature names its author when no byline does.
    if d.authors.is_empty() {
        for &i in acc.body.iter().filter(|&&i| roles[i] == Role::Signature) {
            let t = text(i);
            if crate::classify::name_like(t) || crate::classify::known_given_name(t) {
                let f = fields::read(Role::Signature, t);
                d.authors = f
                    .authors
                    .into_iter()
                    .map(|(name, r)| Field::new(name, abs(i, r)))
                    .collect();
                if !d.authors.is_empty() {
                    break;
                }
            }
        }
    }
    d.body = acc.body.iter().map(|&i| lines[i]).collect();
    d.meta_lines = acc
        .head
        .iter()
        .chain(&acc.tail)
        .map(|&i| lines[i])
        .collect();
    let all: Vec<usize> = acc
        .head
        .iter()
        .chain(&acc.body)
        .chain(&acc.tail)
        .copied()
        .collect();
    d.first_page = all.iter().map(|&i| lines[i].page).min().unwrap_or(1);
    d.last_page = all.iter().map(|&i| lines[i].page).max().unwrap_or(1);
    d.confidence = confidence(probs, roles, acc, &title_lines);
    d
}

/// Runs of consecutive lines (in `idx`'s order) that have one role.
fn items(idx: &[usize], roles: &[Role]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &i in idx {
        match out.last_mut() {
            Some(run) if roles[run[run.len() - 1]] == roles[i] && run[run.len() - 1] + 1 == i => {
                run.push(i)
            }
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The text of several lines joined with single spaces (a word broken at a line end rejoined),
/// with the way back from each byte of it to the source.
struct Joined {
    text: String,
    /// `(start in text, start in source, len)` for each line's piece.
    pieces: Vec<(usize, usize, usize)>,
}

impl Joined {
    fn new(source: &Source, lines: &[Line], idx: &[usize]) -> Joined {
        let mut text = String::new();
        let mut pieces = Vec::new();
        for &i in idx {
            let t = source.slice(lines[i].span);
            if text.ends_with('-')
                && !text.ends_with(" -")
                && t.starts_with(|c: char| c.is_lowercase())
            {
                text.pop();
                if let Some(last) = pieces.last_mut() {
                    let (_, _, len): &mut (usize, usize, usize) = last;
                    *len -= 1;
                }
            } else if !text.is_empty() {
                text.push(' ');
            }
            pieces.push((text.len(), lines[i].span.start, t.len()));
            text.push_str(t);
        }
        Joined { text, pieces }
    }

    /// The source spans a range of the joined text covers, one per line.
    fn spans(&self, (s, e): fields::Range) -> Vec<Span> {
        self.pieces
            .iter()
            .filter_map(|&(at, src, len)| {
                let (a, b) = (s.max(at), e.min(at + len));
                (a < b).then(|| Span::new(src + a - at, src + b - at))
            })
            .collect()
    }

    /// A field for a range of the joined text: its text (or `value`) and its spans.
    fn field(&self, r: fields::Range, value: Option<String>) -> Field {
        Field {
            value: value.unwrap_or_else(|| self.text[r.0..r.1].to_string()),
            spans: self.spans(r),
        }
    }
}

/// The lines' text joined into one field (a word broken at a line end rejoined), with one span
/// per line.
fn joined(source: &Source, lines: &[Line], idx: &[usize]) -> Option<Field> {
    if idx.is_empty() {
        return None;
    }
    let mut value = String::new();
    for &i in idx {
        let t = source.slice(lines[i].span);
        if value.ends_with('-')
            && !value.ends_with(" -")
            && t.starts_with(|c: char| c.is_lowercase())
        {
            value.pop();
        } else if !value.is_empty() {
            value.push(' ');
        }
        value.push_str(t);
    }
    Some(Field {
        value,
        spans: idx.iter().map(|&i| lines[i].span).collect(),
    })
}

/// How sure the model is of an article: its boundaries (its first line opens an article, its
/// last ends one, and no line inside opens another) and each field (the lines it came from have
/// their role; a field that is absent, that no line of the article has a role giving it).
fn confidence(probs: &[[f32; N_ROLES]], roles: &[Role], acc: &Acc, title: &[usize]) -> Confidence {
    if probs.is_empty() {
        return Confidence::default();
    }
    let all: Vec<usize> = acc
        .head
        .iter()
        .chain(&acc.body)
        .chain(&acc.tail)
        .copied()
        .collect();
    let (first, last) = (all.iter().min().copied(), all.iter().max().copied());
    let (Some(first), Some(last)) = (first, last) else {
        return Confidence::default();
    };
    let mut boundary = part_prob(probs, first, roles[first].part());
    boundary = boundary.min(part_prob(probs, last, roles[last].part()));
    // No line after the head may open another article.
    for &i in acc.body.iter().chain(&acc.tail) {
        boundary = boundary.min(1.0 - part_prob(probs, i, Part::Head));
    }
    let field = |wanted: &[Role], used: &[usize]| -> f32 {
        if used.is_empty() {
            // Absent: no line of the article should have had a role that gives it.
            all.iter()
                .map(|&i| 1.0 - role_prob(probs, i, wanted))
                .fold(1.0, f32::min)
        } else {
            used.iter()
                .map(|&i| role_prob(probs, i, wanted))
                .fold(1.0, f32::min)
        }
    };
    let meta: Vec<usize> = acc.head.iter().chain(&acc.tail).copied().collect();
    let having = |wanted: &[Role]| -> Vec<usize> {
        meta.iter()
            .copied()
            .filter(|&i| wanted.contains(&roles[i]))
            .take(1)
            .collect()
    };
    Confidence {
        boundary: boundary.clamp(0.0, 1.0),
        title: field(TITLE_ROLES, title).clamp(0.0, 1.0),
        date: field(DATE_ROLES, &having(DATE_ROLES)).clamp(0.0, 1.0),
        outlet: field(OUTLET_ROLES, &having(OUTLET_ROLES)).clamp(0.0, 1.0),
        authors: field(AUTHOR_ROLES, &having(AUTHOR_ROLES)).clamp(0.0, 1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cuttings_model::Source;

    fn doc(text: &str) -> (Source, Vec<Line>) {
        let src = Source::from_text("t.txt", text);
        let mut lines = Vec::new();
        let mut at = 0;
        for l in text.split('\n') {
            if !l.is_empty() {
                lines.push(Line {
                    span: Span::new(at, at + l.len()),
                    page: 1,
                    column: 0,
                    gap_before: false,
                    indent: 0,
                    full_width: false,
                });
            }
            at += l.len() + 1;
        }
        (src, lines)
    }

    fn certain(roles: &[Role]) -> Vec<[f32; N_ROLES]> {
        roles
            .iter()
            .map(|r| {
                let mut p = [0f32; N_ROLES];
                p[r.index()] = 1.0;
                p
            })
            .collect()
    }

    #[test]
    fn heads_open_articles_and_tails_end_them() {
        let (src, lines) = doc("Digest\nFirst Piece\nBy Jane Roe\nText one.\nMore text.\n— Tom Poe, The Herald\nSecond Piece\nThe Post | 5 May 2005\nText two.\n3");
        use Role::*;
        let roles = [
            Masthead,
            Headline,
            Byline,
            Body,
            Body,
            TailBylineOutlet,
            Headline,
            OutletDate,
            Body,
            PageNumber,
        ];
        let seg = assemble(&src, &lines, &roles, &certain(&roles));
        assert_eq!(seg.drafts.len(), 2);
        let (a, b) = (&seg.drafts[0], &seg.drafts[1]);
        assert_eq!(a.title.as_ref().unwrap().value, "First Piece");
        assert_eq!(a.authors[0].value, "Jane Roe");
        assert_eq!(a.outlet.as_ref().unwrap().value, "The Herald");
        assert_eq!(a.body.len(), 2);
        assert_eq!(b.title.as_ref().unwrap().value, "Second Piece");
        assert_eq!(b.outlet.as_ref().unwrap().value, "The Post");
        assert_eq!(b.date.unwrap().0.to_string(), "2005-05-05");
        assert!(
            b.authors.is_empty(),
            "no field is borrowed from a neighbour"
        );
        assert_eq!(seg.dropped.len(), 2);
        assert_eq!(seg.lines.len(), 10);
        assert_eq!(seg.lines[5].article, Some(0));
        assert_eq!(seg.lines[9].article, None);
        assert_eq!(a.confidence, Confidence::default());
    }

    #[test]
    fn items_without_outlets_take_the_documents_name_and_date() {
        let (src, lines) = doc("Parish Newsletter\nIssue 12, 3 March 2021\nFete\nThe fete is on.\nChoir\nBy Ann Lee\nThe choir sings.");
        use Role::*;
        let roles = [Masthead, Masthead, Headline, Body, Headline, Byline, Body];
        let seg = assemble(&src, &lines, &roles, &certain(&roles));
        assert_eq!(seg.drafts.len(), 2);
        for d in &seg.drafts {
            assert_eq!(d.outlet.as_ref().unwrap().value, "Parish Newsletter");
            assert_eq!(d.date.unwrap().0.to_string(), "2021-03-03");
        }
    }

    #[test]
    fn metadata_wrapped_over_lines_is_one_item() {
        let (src, lines) = doc("Title\nText one.\nDr. Ines Varga, The Harbour Studies Institute, Port Tal-\nbot campus,\nNext\nSource: Institute of Trade and\nIndustry, Vienna\nText two.");
        use Role::*;
        let roles = [
            Headline,
            Body,
            TailBylineOutlet,
            TailBylineOutlet,
            Headline,
            Outlet,
            Outlet,
            Body,
        ];
        let seg = assemble(&src, &lines, &roles, &certain(&roles));
        let a = &seg.drafts[0];
        assert_eq!(a.authors[0].value, "Ines Varga");
        let outlet = a.outlet.as_ref().unwrap();
        assert_eq!(
            outlet.value,
            "The Harbour Studies Institute, Port Talbot campus"
        );
        assert_eq!(outlet.spans.len(), 2);
        assert_eq!(src.slice(outlet.spans[1]), "bot campus");
        let b = &seg.drafts[1];
        assert_eq!(
            b.outlet.as_ref().unwrap().value,
            "Institute of Trade and Industry, Vienna"
        );
    }

    #[test]
    fn doubtful_lines_lower_the_confidence() {
        let (src, lines) = doc("Title\nText one.\nText two.");
        use Role::*;
        let roles = [Headline, Body, Body];
        let mut probs = certain(&roles);
        // The second body line might open another article.
        probs[2] = [0.0; N_ROLES];
        probs[2][Body.index()] = 0.6;
        probs[2][Headline.index()] = 0.4;
        let seg = assemble(&src, &lines, &roles, &probs);
        let c = seg.drafts[0].confidence;
        assert!((c.boundary - 0.6).abs() < 1e-4, "{c:?}");
        assert!(c.title > 0.99);
    }
}
