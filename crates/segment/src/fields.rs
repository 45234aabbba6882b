//! The fields a metadata line holds, read knowing its role: a byline's authors (without "By",
//! titles of address or job titles), an outlet (without "Source:" and separators), a date.
//!
//! Every value is a byte range of the line, so it stays a span of the source.

use cuttings_model::{Date, Role};

use crate::classify;
use crate::date::find_date;

/// A byte range of a line.
pub(crate) type Range = (usize, usize);

/// Words that introduce a byline, in the languages digests clip from (lower case).
const BY_WORDS: &[&str] = &[
    "by",
    "written by",
    "words by",
    "reporting by",
    "text by",
    "story by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "af",
    "av",
    "przez",
];

/// Labels that introduce an outlet (lower case, without the colon).
const SOURCE_WORDS: &[&str] = &[
    "source",
    "sources",
    "from",
    "via",
    "published in",
    "originally published in",
    "first published in",
    "reprinted from",
    "quelle",
    "fuente",
    "fonte",
    "bron",
    "źródło",
    "kilde",
    "source :",
];

/// Characters that separate the parts of a metadata line.
fn is_sep(c: char) -> bool {
    matches!(c, ',' | ';' | '|' | '·' | '•' | '—' | '–' | '/')
}

/// `text[s..e]` without surrounding white space, separators and brackets.
fn trim(text: &str, (s, e): Range) -> Range {
    let piece = &text[s..e];
    let junk = |c: char| {
        c.is_whitespace() || is_sep(c) || matches!(c, '-' | '(' | ')' | '[' | ']' | ':' | '.')
    };
    let lead = piece.len() - piece.trim_start_matches(junk).len();
    let kept = piece.trim_start_matches(junk).trim_end_matches(|c: char| {
        c.is_whitespace() || is_sep(c) || matches!(c, '-' | '(' | ')' | '[' | ']' | ':')
    });
    // A final stop stays after an initial or abbreviation ("Jr.", "Inc."), goes otherwise.
    let kept = if kept.ends_with('.')
        && !kept
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.len() <= 4 && w.chars().next().is_some_and(char::is_uppercase))
    {
        &kept[..kept.len() - 1]
    } else {
        kept
    };
    (s + lead, s + lead + kept.len())
}

/// Where a prefix label from `words` ends ("By ", "Source: "), or 0.
fn after_label(text: &str, words: &[&str]) -> usize {
    let t = text.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '—' | '–' | '(' | '[')
    });
    let lead = text.len() - t.len();
    let lower = t.to_lowercase();
    for w in words {
        if let Some(rest) = lower.strip_prefix(w) {
            // A whole word, followed by white space or a colon.
            if rest.starts_with([' ', ':', '\u{a0}']) {
                // `lower` may differ in length from `t` for non-ASCII text: measure on `t`.
                let cut = t
                    .char_indices()
                    .nth(w.chars().count())
                    .map_or(t.len(), |(i, _)| i);
                let rest_t = &t[cut..];
                let skip = rest_t.len() - rest_t.trim_start_matches([' ', ':', '\u{a0}']).len();
                return lead + cut + skip;
            }
        }
    }
    lead
}

/// The date on a line and its range.
pub(crate) fn date(text: &str) -> Option<(Date, Range)> {
    find_date(text).map(|d| (d.date, (d.start, d.end)))
}

/// The parts of `text[s..e]` between separators (and " and ", " & "), trimmed.
fn parts(text: &str, (s, e): Range) -> Vec<Range> {
    let mut out = Vec::new();
    let mut start = s;
    let bytes = text.as_bytes();
    let mut i = s;
    while i < e {
        let c = text[i..].chars().next().unwrap_or(' ');
        let sep = if is_sep(c) || c == '&' {
            c.len_utf8()
        } else if i + 5 <= e && bytes[i..i + 5].eq_ignore_ascii_case(b" and ") {
            5
        } else if i + 4 <= e && bytes[i..i + 4].eq_ignore_ascii_case(b" et ") {
            4
        } else if i + 4 <= e
            && bytes[i..i + 4].eq_ignore_ascii_case(b" und")
            && bytes.get(i + 4) == Some(&b' ')
        {
            5
        } else {
            0
        };
        // A hyphen between spaces separates too ("Jane Roe - The Herald").
        let sep = if sep == 0
            && c == '-'
            && i > s
            && bytes[i - 1] == b' '
            && bytes.get(i + 1) == Some(&b' ')
        {
            1
        } else {
            sep
        };
        if sep > 0 {
            out.push(trim(text, (start, i)));
            start = i + sep;
            i += sep;
        } else {
            i += c.len_utf8();
        }
    }
    out.push(trim(text, (start, e)));
    out.retain(|&(a, b)| b > a);
    out
}

/// True when a part of a byline is no name: a job title, a place in lower case, a date, a number.
fn not_a_name(part: &str) -> bool {
    classify::is_role(part)
        || !part.chars().any(char::is_alphabetic)
        || part.chars().all(|c| !c.is_uppercase())
        || find_date(part).is_some()
        || part.split_whitespace().count() > 5
}

/// A person's name as stored: titles of address dropped, capitals made title case.
pub(crate) fn clean_name(text: &str, (s, e): Range) -> Option<(String, Range)> {
    let raw = &text[s..e];
    let stripped = classify::strip_honorific_pub(raw);
    // Where the name starts in `raw` (the stripped text is a slice of it, trimmed at both ends).
    let off = stripped.as_ptr() as usize - raw.as_ptr() as usize;
    let (s, e) = trim(text, (s + off, e));
    if e <= s {
        return None;
    }
    let name = &text[s..e];
    let value = if name.chars().any(char::is_lowercase) {
        name.to_string()
    } else {
        title_case(name)
    };
    Some((value, (s, e)))
}

fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'';
    }
    out
}

/// What a metadata line of role `role` gives: authors, outlet and date, as ranges of `text`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct LineFields {
    pub authors: Vec<(String, Range)>,
    pub outlet: Option<Range>,
    pub date: Option<(Date, Range)>,
}

/// Reads the fields of a metadata line knowing its role.
pub(crate) fn read(role: Role, text: &str) -> LineFields {
    let mut out = LineFields {
        date: date(text),
        ..LineFields::default()
    };
    // The line without its date (a date inside a byline or an outlet line is not part of them).
    let (ds, de) = out.date.map_or((text.len(), text.len()), |(_, r)| r);
    let before = trim(text, (0, ds));
    let after = if de < text.len() {
        trim(text, (de, text.len()))
    } else {
        (text.len(), text.len())
    };
    let rest = if before.1 > before.0 { before } else { after };
    match role.as_head() {
        Role::Byline | Role::Signature => {
            let start = after_label(&text[..rest.1], BY_WORDS).max(rest.0);
            for p in parts(text, (start, rest.1)) {
                if !not_a_name(&text[p.0..p.1]) {
                    out.authors.extend(clean_name(text, p));
                }
            }
        }
        Role::BylineOutlet => {
            let start = after_label(&text[..rest.1], BY_WORDS).max(rest.0);
            let (names, outlet) = byline_and_outlet(text, (start, rest.1));
            out.outlet = outlet;
            for p in names {
                if !not_a_name(&text[p.0..p.1]) {
                    out.authors.extend(clean_name(text, p));
                }
            }
        }
        Role::Outlet | Role::OutletDate => {
            let start = after_label(&text[..rest.1], SOURCE_WORDS).max(rest.0);
            let r = trim(text, (start, rest.1));
            if r.1 > r.0 && text[r.0..r.1].chars().any(char::is_alphabetic) {
                out.outlet = Some(r);
            }
        }
        _ => {}
    }
    out
}

/// Splits "A and B, The Herald" / "A (The Herald)" / "A for The Herald" into names and outlet:
/// the outlet is the part in brackets, after " for ", or the last part.
fn byline_and_outlet(text: &str, (s, e): Range) -> (Vec<Range>, Option<Range>) {
    let piece = &text[s..e];
    // The outlet in brackets at the end ("A (The Herald)"; the closing bracket was trimmed).
    if let Some(open) = piece
        .rfind('(')
        .filter(|&o| !piece[o..].contains(')') || piece.trim_end().ends_with(')'))
    {
        let outlet = trim(text, (s + open, e));
        return (
            parts(text, (s, s + open)),
            (outlet.1 > outlet.0).then_some(outlet),
        );
    }
    for label in [" for ", " für ", " pour ", " para ", " per ", " in "] {
        if let Some(at) = piece.find(label) {
            let outlet = trim(text, (s + at + label.len(), e));
            return (
                parts(text, (s, s + at)),
                (outlet.1 > outlet.0).then_some(outlet),
            );
        }
    }
    // Names (and job titles) first; the outlet is the rest from the first part that is neither,
    // commas and all ("Dr. A, The Harbour Institute, Port Talbot campus").
    let ps = parts(text, (s, e));
    let is_person = |p: &str| {
        let p = classify::strip_honorific_pub(p);
        classify::name_like(p) || classify::known_given_name(p)
    };
    let first_other = ps
        .iter()
        .position(|&(a, b)| !is_person(&text[a..b]) && !classify::is_role(&text[a..b]));
    match first_other {
        Some(k) if k > 0 => {
            let outlet = trim(text, (ps[k].0, e));
            (ps[..k].to_vec(), (outlet.1 > outlet.0).then_some(outlet))
        }
        // Nothing reads as a name first: the last part is the outlet.
        _ if ps.len() >= 2 => {
            let last = ps[ps.len() - 1];
            (ps[..ps.len() - 1].to_vec(), Some(last))
        }
        _ => (ps, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_line_gives_ranges_inside_it(text in "\\PC{0,60}", r in 0usize..Role::ALL.len()) {
            let role = Role::ALL[r];
            let f = read(role, &text);
            for (_, (s, e)) in &f.authors {
                proptest::prop_assert!(s <= e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e));
            }
            if let Some((s, e)) = f.outlet {
                proptest::prop_assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }
    }

    fn authors(role: Role, text: &str) -> Vec<String> {
        read(role, text).authors.into_iter().map(|a| a.0).collect()
    }

    fn outlet(role: Role, text: &str) -> Option<&str> {
        read(role, text).outlet.map(|(s, e)| &text[s..e])
    }

    #[test]
    fn bylines() {
        assert_eq!(authors(Role::Byline, "By Jane Roe"), ["Jane Roe"]);
        assert_eq!(
            authors(
                Role::Byline,
                "By Dr. Jane Roe and Tom Poe, Diplomatic Correspondents"
            ),
            ["Jane Roe", "Tom Poe"]
        );
        assert_eq!(authors(Role::TailByline, "— JANE ROE"), ["Jane Roe"]);
        assert_eq!(authors(Role::Byline, "Von Hans Müller"), ["Hans Müller"]);
        assert_eq!(
            authors(Role::Byline, "By Ana de la Cruz | 5 May 2005"),
            ["Ana de la Cruz"]
        );
    }

    #[test]
    fn bylines_with_outlets() {
        let t = "By Dr. Sofia Brennan, Brightwater News";
        assert_eq!(authors(Role::BylineOutlet, t), ["Sofia Brennan"]);
        assert_eq!(outlet(Role::BylineOutlet, t), Some("Brightwater News"));
        let t = "Jonas Moreau (Capital Observer)";
        assert_eq!(outlet(Role::TailBylineOutlet, t), Some("Capital Observer"));
        assert_eq!(authors(Role::TailBylineOutlet, t), ["Jonas Moreau"]);
        let t = "By Jane Roe for Trade and Industry Weekly";
        assert_eq!(
            outlet(Role::BylineOutlet, t),
            Some("Trade and Industry Weekly")
        );
    }

    #[test]
    fn outlets_keep_commas_and_ands() {
        assert_eq!(
            outlet(
                Role::Outlet,
                "Source: Institute of Trade and Industry, Vienna"
            ),
            Some("Institute of Trade and Industry, Vienna")
        );
        let t = "The Harbour Times | 05.05.2005";
        assert_eq!(outlet(Role::OutletDate, t), Some("The Harbour Times"));
        assert_eq!(
            read(Role::OutletDate, t).date.map(|d| d.0.to_string()),
            Some("2005-05-05".into())
        );
        let t = "5 May 2005 — larkhaven-news.com";
        assert_eq!(outlet(Role::TailOutletDate, t), Some("larkhaven-news.com"));
    }
}
