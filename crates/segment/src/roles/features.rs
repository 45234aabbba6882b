//! The features of each line for the line-role model.
//!
//! A line is first summed up in a handful of small numbers ([`Attr`]: what it looks like on its
//! own, where it stands on the page, its type relative to the body near it, how it repeats across
//! pages), all relative to the document so that nothing depends on one publisher's sizes or
//! strings. Its features are those numbers, some pairs of them, and the same numbers of the lines
//! around it; each is hashed to 64 bits. The rules of the earlier segmenter (`classify`,
//! `furniture`, `typography`) enter as features, to be weighed against the rest by training.

use std::collections::HashMap;

use cuttings_model::{DropReason, Role, Source};

use crate::classify::{self, Info, Kind};
use crate::prepare::Prepared;
use crate::roles::N_ROLES;

/// Features are hashed into `2^BITS` buckets, each a row of weights (one per role).
pub(crate) const BITS: u32 = 20;
pub(crate) const MASK: u64 = (1 << BITS) - 1;

/// The features of every line of one document, flattened.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Emission features (their buckets), line after line.
    pub(crate) emit: Vec<u32>,
    /// Where each line's emission features start in `emit` (one more entry than lines).
    pub(crate) emit_at: Vec<u32>,
    /// Features joined with the previous line's role, [`N_PREV`] per line.
    pub(crate) prev: Vec<u64>,
    /// What the second layer needs to know of each line (`stack`).
    pub(crate) ctx: Vec<LineCtx>,
}

/// A line's groups and kind, for the features of the second layer.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineCtx {
    /// Lines with the same text, digits masked, share this number (`u32::MAX`: none).
    key: u32,
    /// Lines with the same text share this number (`u32::MAX`: none).
    exact: u32,
    kind: u8,
}

/// Features per line that are joined with the previous line's role.
pub(crate) const N_PREV: usize = 6;

impl Features {
    /// Number of lines.
    pub fn len(&self) -> usize {
        self.emit_at.len().saturating_sub(1)
    }

    /// True when the document has no line.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn emit_of(&self, i: usize) -> &[u32] {
        &self.emit[self.emit_at[i] as usize..self.emit_at[i + 1] as usize]
    }

    pub(crate) fn prev_of(&self, i: usize) -> &[u64] {
        &self.prev[i * N_PREV..(i + 1) * N_PREV]
    }
}

/// A line summed up: small numbers, each a bucket or a class (0: unknown or not applicable).
#[derive(Clone, Copy, Debug, Default)]
struct Attr {
    kind: u8,
    len: u8,
    rel: u8,
    words: u8,
    cap: u8,
    first: u64,
    last: u8,
    furn: u8,
    rep: u8,
    rep_edge: u8,
    same: u8,
    same_dir: u8,
    rule: u8,
    quote: u8,
    top: u8,
    bottom: u8,
    size: u8,
    above: u8,
    below: u8,
    xpos: u8,
    width: u8,
    col: u8,
    date: u8,
    flags: u64,
}

// Flags of a line.
const GAP_BEFORE: u64 = 1;
const GAP_AFTER: u64 = 1 << 1;
const ENDS_SENTENCE: u64 = 1 << 2;
const ENDS_QUERY: u64 = 1 << 3;
const ENDS_HYPHEN: u64 = 1 << 4;
const STARTS_LOWER: u64 = 1 << 5;
const ALL_CAPS: u64 = 1 << 6;
const ENDS_OPEN: u64 = 1 << 7;
const OUTLET_LIKE: u64 = 1 << 8;
const NAME_LIKE: u64 = 1 << 9;
const HEADING: u64 = 1 << 10;
const STANDFIRST: u64 = 1 << 11;
const BOLD: u64 = 1 << 12;
const ITALIC: u64 = 1 << 13;
const FULL_WIDTH: u64 = 1 << 14;
const FIRST_PAGE: u64 = 1 << 15;
const LAST_PAGE: u64 = 1 << 16;
const PIPE: u64 = 1 << 17;
const DASH_SEP: u64 = 1 << 18;
const COMMA: u64 = 1 << 19;
const AND: u64 = 1 << 20;
const PAREN: u64 = 1 << 21;
const DOMAIN: u64 = 1 << 22;
const COPYRIGHT: u64 = 1 << 23;
const STARTS_QUOTE: u64 = 1 << 24;
const ENDS_QUOTE: u64 = 1 << 25;
const LEADERS: u64 = 1 << 26;
const ENDS_NUMBER: u64 = 1 << 27;
const NUMBERED: u64 = 1 << 28;
const ENDS_COLON: u64 = 1 << 29;
const SPEAKER: u64 = 1 << 30;
const ROLE_WORD: u64 = 1 << 31;
const GIVEN_NAME: u64 = 1 << 32;
const MEDIA_WORD: u64 = 1 << 33;
const SAME_TYPE_PREV: u64 = 1 << 34;
const SAME_TYPE_NEXT: u64 = 1 << 35;
const PAGE_BREAK_BEFORE: u64 = 1 << 36;
const PAGE_BREAK_AFTER: u64 = 1 << 37;
const COLUMN_BREAK_BEFORE: u64 = 1 << 38;
const REPEATS_ON_HALF: u64 = 1 << 39;
const SAME_AS_HEADING: u64 = 1 << 40;
const HAS_BOXES: u64 = 1 << 41;
const TITLE_WORDS: u64 = 1 << 42;
const ONE_PAGE: u64 = 1 << 43;
const STARTS_DIGIT: u64 = 1 << 44;
const LABEL_COLON: u64 = 1 << 45;
const BODY_FONT: u64 = 1 << 46;
const SAME_FONT_PREV: u64 = 1 << 47;
const SAME_FONT_NEXT: u64 = 1 << 48;
const CITATION: u64 = 1 << 49;
const NAME_LIST: u64 = 1 << 50;
const N_FLAGS: u32 = 51;

/// Words that open lines of one role or another in many documents (bylines, sources, captions,
/// jump lines, letters, mastheads, gazettes), in the languages digests clip from. A line's first
/// word is a feature only when it is one of these; otherwise its shape is.
const CUES: &[&str] = &[
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "written",
    "words",
    "reporting",
    "source",
    "sources",
    "quelle",
    "fuente",
    "fonte",
    "bron",
    "źródło",
    "from",
    "via",
    "photo",
    "photos",
    "foto",
    "picture",
    "image",
    "credit",
    "illustration",
    "graphic",
    "continued",
    "cont",
    "see",
    "page",
    "p",
    "seite",
    "dear",
    "sir",
    "madam",
    "yours",
    "sincerely",
    "regards",
    "faithfully",
    "respectfully",
    "tel",
    "phone",
    "fax",
    "email",
    "e-mail",
    "www",
    "http",
    "https",
    "contents",
    "inside",
    "issue",
    "vol",
    "volume",
    "no",
    "nr",
    "number",
    "edition",
    "copyright",
    "all",
    "for",
    "not",
    "compiled",
    "prepared",
    "published",
    "posted",
    "updated",
    "editor",
    "editorial",
    "opinion",
    "analysis",
    "comment",
    "commentary",
    "interview",
    "letters",
    "letter",
    "summary",
    "agency",
    "action",
    "dates",
    "date",
    "addresses",
    "supplementary",
    "table",
    "figure",
    "fig",
    "note",
    "notes",
    "references",
    "bibliography",
    "mr",
    "mrs",
    "ms",
    "dr",
    "hon",
    "prof",
    "senator",
    "the",
    "a",
    "an",
    "and",
    "but",
    "in",
    "on",
    "at",
    "to",
    "of",
    "with",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "this",
    "that",
    "said",
    "according",
    "news",
    "press",
    "daily",
    "weekly",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Splitmix64's finaliser: a good 64-bit mix.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A feature: template `t` with value `v`.
fn f(t: u64, v: u64) -> u64 {
    mix((t << 48) ^ mix(v))
}

/// Joins two small values into one.
fn pair(a: u64, b: u64) -> u64 {
    a.wrapping_mul(1_000_003) ^ b
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn bucket(x: f32, edges: &[f32]) -> u8 {
    edges.iter().take_while(|&&e| x >= e).count() as u8 + 1
}

fn kind_code(k: Kind) -> u8 {
    match k {
        Kind::Date => 1,
        Kind::OutletDate => 2,
        Kind::Byline => 3,
        Kind::SourceLine => 4,
        Kind::Short => 5,
        Kind::Body => 6,
        Kind::PageNumber => 7,
        Kind::Caption => 8,
        Kind::Sidebar => 9,
        Kind::Masthead => 10,
        Kind::Contents => 11,
        Kind::Ornament => 12,
    }
}

fn furniture_code(r: Option<DropReason>) -> u8 {
    r.map_or(0, |r| {
        DropReason::ALL.iter().position(|x| *x == r).unwrap_or(0) as u8 + 1
    })
}

/// Lower case, digits masked, white space collapsed: what running lines share from page to page.
fn masked_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The first word's cue (a known word) or its shape.
fn first_word(text: &str) -> u64 {
    let Some(w) = text.split_whitespace().next() else {
        return 0;
    };
    let bare = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if !bare.is_empty() && CUES.contains(&bare.as_str()) {
        return fnv(&bare);
    }
    let c = w.chars().next().unwrap_or(' ');
    let shape = if bare.is_empty() {
        // Punctuation alone: the mark itself ("—", "|", "•", "*").
        return fnv(w) ^ 0x5;
    } else if bare.chars().all(|c| c.is_ascii_digit()) {
        "d"
    } else if bare.chars().all(char::is_uppercase) {
        "X"
    } else if bare.chars().next().is_some_and(char::is_uppercase) {
        "Xx"
    } else if bare.chars().next().is_some_and(char::is_lowercase) {
        "x"
    } else {
        "o"
    };
    let lead = if c.is_alphanumeric() { "" } else { "p" };
    fnv(shape) ^ fnv(lead).rotate_left(7)
}

fn last_char_class(text: &str) -> u8 {
    match text.chars().last() {
        Some('.') => 1,
        Some(',') => 2,
        Some(':') => 3,
        Some(';') => 4,
        Some('!') | Some('?') => 5,
        Some('-') | Some('–') | Some('—') => 6,
        Some(')') | Some(']') => 7,
        Some('"') | Some('”') | Some('\'') | Some('’') | Some('»') => 8,
        Some(c) if c.is_ascii_digit() => 9,
        Some(c) if c.is_lowercase() => 10,
        Some(c) if c.is_uppercase() => 11,
        Some(_) => 12,
        None => 0,
    }
}

/// Flags read from the text alone.
fn text_flags(text: &str, info: &Info) -> u64 {
    let mut fl = 0;
    let set = |fl: &mut u64, on: bool, bit: u64| {
        if on {
            *fl |= bit;
        }
    };
    set(&mut fl, info.ends_sentence, ENDS_SENTENCE);
    set(&mut fl, info.ends_query, ENDS_QUERY);
    set(&mut fl, info.ends_hyphen, ENDS_HYPHEN);
    set(&mut fl, info.starts_lower, STARTS_LOWER);
    set(&mut fl, info.all_caps, ALL_CAPS);
    set(&mut fl, info.ends_open, ENDS_OPEN);
    set(&mut fl, info.outlet_like, OUTLET_LIKE);
    set(&mut fl, info.name_like, NAME_LIKE);
    set(&mut fl, info.heading, HEADING);
    set(&mut fl, info.standfirst, STANDFIRST);
    set(&mut fl, text.contains('|'), PIPE);
    set(
        &mut fl,
        text.contains(" — ")
            || text.contains(" – ")
            || text.contains(" - ")
            || text.contains(" · "),
        DASH_SEP,
    );
    set(&mut fl, text.contains(','), COMMA);
    set(&mut fl, text.contains(" and ") || text.contains(" & "), AND);
    set(&mut fl, text.contains('(') && text.contains(')'), PAREN);
    set(
        &mut fl,
        text.contains("www.")
            || text.contains("http")
            || text.split_whitespace().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                w.contains('.')
                    && w.rsplit('.').next().is_some_and(|tld| {
                        (2..=4).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
                    })
                    && w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            }),
        DOMAIN,
    );
    set(
        &mut fl,
        text.contains('©') || contains_ignore_ascii_case(text, "copyright"),
        COPYRIGHT,
    );
    set(
        &mut fl,
        text.starts_with(['"', '“', '\'', '‘', '«']),
        STARTS_QUOTE,
    );
    set(
        &mut fl,
        text.ends_with(['"', '”', '\'', '’', '»']),
        ENDS_QUOTE,
    );
    set(
        &mut fl,
        text.contains("....") || text.contains(". . .") || text.contains("…."),
        LEADERS,
    );
    set(
        &mut fl,
        text.split_whitespace()
            .last()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()) && text.len() > w.len()),
        ENDS_NUMBER,
    );
    set(&mut fl, numbered(text), NUMBERED);
    set(&mut fl, text.ends_with(':'), ENDS_COLON);
    set(&mut fl, speaker_turn(text), SPEAKER);
    set(&mut fl, classify::is_role_anywhere(text), ROLE_WORD);
    set(&mut fl, classify::known_given_name(text), GIVEN_NAME);
    set(&mut fl, classify::has_media_word(text), MEDIA_WORD);
    set(
        &mut fl,
        info.words >= 2 && info.capitalised >= 0.99,
        TITLE_WORDS,
    );
    set(
        &mut fl,
        text.starts_with(|c: char| c.is_ascii_digit()),
        STARTS_DIGIT,
    );
    set(&mut fl, label_colon(text), LABEL_COLON);
    set(&mut fl, citation(text), CITATION);
    set(&mut fl, classify::name_list(text).is_some(), NAME_LIST);
    fl
}

/// Whether `text` holds `needle` (ASCII, lower case) in any mix of ASCII case: what
/// `text.to_ascii_lowercase().contains(needle)` says, without the copy.
fn contains_ignore_ascii_case(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// "1.", "2.3", "IV.", "A." opening a heading.
fn numbered(text: &str) -> bool {
    let Some(w) = text.split_whitespace().next() else {
        return false;
    };
    if text.split_whitespace().count() < 2 {
        return false;
    }
    let core = w.trim_end_matches(['.', ')']);
    let terminated = core.len() < w.len();
    let digits = |p: &str| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit());
    let dotted = core.contains('.') && core.split('.').all(digits);
    dotted
        || (terminated
            && !core.is_empty()
            && (digits(core)
                || (core.len() <= 4 && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')))
                || (core.len() == 1 && core.chars().all(|c| c.is_ascii_uppercase()))))
}

/// What reference lists print: "et al.", "pp. 3-9", a DOI, a year in brackets, a "[12]" mark.
fn citation(text: &str) -> bool {
    let marks = ["et al", "doi:", "doi.org", " pp."];
    // ASCII text needs no lower-cased copy (issue #16); other text is lower-cased as Unicode says.
    let marked = if text.is_ascii() {
        marks.iter().any(|m| contains_ignore_ascii_case(text, m))
    } else {
        let lower = text.to_lowercase();
        marks.iter().any(|m| lower.contains(m))
    };
    marked
        || text.starts_with('[') && text[1..].starts_with(|c: char| c.is_ascii_digit())
        || text
            .as_bytes()
            .windows(6)
            .any(|w| w[0] == b'(' && w[5] == b')' && w[1..5].iter().all(u8::is_ascii_digit))
}

/// "Mr. SMITH." / "Ms. ROE of Ohio." opening a turn of a parliamentary record.
fn speaker_turn(text: &str) -> bool {
    let mut ws = text.split_whitespace();
    let (Some(a), Some(b)) = (ws.next(), ws.next()) else {
        return false;
    };
    matches!(
        a.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Dr" | "Madam" | "Senator" | "Chairman" | "Chairwoman"
    ) && b.trim_end_matches(['.', ',']).len() >= 2
        && b.trim_end_matches(['.', ','])
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '\'')
}

/// A label in capitals followed by a colon opening the line ("SUMMARY:", "AGENCY: ...").
fn label_colon(text: &str) -> bool {
    let Some((head, _)) = text.split_once(':') else {
        return false;
    };
    !head.is_empty()
        && head.len() <= 30
        && head.chars().any(char::is_alphabetic)
        && head
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '-')
}

/// Per (page, column): the length a full line of running text has there (chars).
fn typical_lengths(prep: &Prepared, infos: &[Info]) -> Vec<f32> {
    let lines = &prep.layout.lines;
    let mut groups: HashMap<(u32, u16), Vec<usize>> = HashMap::new();
    for (l, info) in lines.iter().zip(infos) {
        if info.words >= 3 {
            groups
                .entry((l.page, l.column))
                .or_default()
                .push(info.chars);
        }
    }
    let pct = |v: &mut Vec<usize>| -> Option<f32> {
        if v.len() < 4 {
            return None;
        }
        v.sort_unstable();
        Some(v[(v.len() * 4) / 5] as f32)
    };
    let mut all: Vec<usize> = infos
        .iter()
        .filter(|i| i.words >= 3)
        .map(|i| i.chars)
        .collect();
    let doc = pct(&mut all).unwrap_or(60.0).max(20.0);
    let typical: HashMap<(u32, u16), f32> = groups
        .into_iter()
        .filter_map(|(k, mut v)| pct(&mut v).map(|t| (k, t.max(15.0))))
        .collect();
    lines
        .iter()
        .map(|l| typical.get(&(l.page, l.column)).copied().unwrap_or(doc))
        .collect()
}

/// Word 5-grams of the whole document, across line breaks: for each line, the share of its words
/// that stand in a 5-gram printed again at least five words away (pull quotes, repeated titles).
fn repeated_share(source: &Source, prep: &Prepared) -> Vec<f32> {
    use crate::pullquote::{gram, words, GramMap, N};
    let lines = &prep.layout.lines;
    let ws = words(source, lines);
    let mut out = vec![0.0; lines.len()];
    if ws.len() < 2 * N {
        return out;
    }
    let mut at: GramMap<Vec<u32>> = GramMap::default();
    for p in 0..=ws.len() - N {
        at.entry(gram(&ws, p)).or_default().push(p as u32);
    }
    let mut covered = vec![false; ws.len()];
    for positions in at.values().filter(|v| v.len() > 1) {
        for &p in positions {
            if positions.iter().any(|&q| q.abs_diff(p) >= N as u32) {
                covered[p as usize..p as usize + N]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
    }
    let mut counts = vec![(0u32, 0u32); lines.len()];
    for (k, &(_, li)) in ws.iter().enumerate() {
        counts[li].0 += 1;
        counts[li].1 += u32::from(covered[k]);
    }
    for (o, (n, c)) in out.iter_mut().zip(counts) {
        if n >= 3 {
            *o = c as f32 / n as f32;
        }
    }
    out
}

/// What the rules of issues #2 and #3 (`crate::split`) make of each line, as a small code: the
/// field a metadata line gave (title, subtitle, date, outlet, author, other), whether it stood
/// before or after its article's body, a body line (the first of an article or not), or the
/// reason it was dropped.
fn rule_codes(source: &Source, prep: &Prepared) -> Vec<u8> {
    let seg = crate::split::split(source, &prep.layout, &prep.infos, &prep.furniture);
    let lines = &prep.layout.lines;
    let at: HashMap<usize, usize> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (l.span.start, i))
        .collect();
    let mut code = vec![0u8; lines.len()];
    let find = |start: usize| at.get(&start).copied();
    let covering = |span: cuttings_model::Span| {
        // The line whose span holds `span` (fields are parts of lines).
        let i = lines.partition_point(|l| l.span.end <= span.start);
        lines
            .get(i)
            .filter(|l| l.span.start <= span.start && span.end <= l.span.end)
            .map(|_| i)
    };
    for d in &seg.drafts {
        let body_start = d.body.first().map(|l| l.span.start);
        for l in &d.meta_lines {
            if let Some(i) = find(l.span.start) {
                let after = body_start.is_some_and(|b| l.span.start > b);
                code[i] = if after { 16 } else { 6 };
            }
        }
        let mut mark = |spans: &[cuttings_model::Span], c: u8| {
            for s in spans {
                if let Some(i) = covering(*s) {
                    let after = body_start.is_some_and(|b| s.start > b);
                    code[i] = c + if after { 10 } else { 0 };
                }
            }
        };
        mark(
            &d.authors
                .iter()
                .flat_map(|f| f.spans.clone())
                .collect::<Vec<_>>(),
            5,
        );
        mark(
            &d.outlet
                .iter()
                .flat_map(|f| f.spans.clone())
                .collect::<Vec<_>>(),
            4,
        );
        mark(&d.date.iter().map(|(_, s)| *s).collect::<Vec<_>>(), 3);
        mark(
            &d.subtitle
                .iter()
                .flat_map(|f| f.spans.clone())
                .collect::<Vec<_>>(),
            2,
        );
        mark(
            &d.title
                .iter()
                .flat_map(|f| f.spans.clone())
                .collect::<Vec<_>>(),
            1,
        );
        for (k, l) in d.body.iter().enumerate() {
            if let Some(i) = find(l.span.start) {
                code[i] = if k == 0 && d.meta_lines.is_empty() {
                    21
                } else {
                    20
                };
            }
        }
    }
    for dr in &seg.dropped {
        if let Some(i) = covering(dr.span).or_else(|| find(dr.span.start)) {
            code[i] = 30 + furniture_code(Some(dr.reason));
        }
    }
    code
}

/// Sums up every line of a prepared document.
fn attributes(source: &Source, prep: &Prepared) -> (Vec<Attr>, Vec<LineCtx>) {
    let lines = &prep.layout.lines;
    let infos = &prep.infos;
    let n = lines.len();
    let typical = typical_lengths(prep, infos);
    let quoted = repeated_share(source, prep);
    let rules = rule_codes(source, prep);
    let pages = prep.layout.pages.len().max(1) as u32;
    let last_page = lines.iter().map(|l| l.page).max().unwrap_or(1);

    // Position from the top and bottom of each page (in reading order).
    let mut top = vec![0u8; n];
    let mut bottom = vec![0u8; n];
    let mut start = 0;
    while start < n {
        let mut end = start;
        while end < n && lines[end].page == lines[start].page {
            end += 1;
        }
        for i in start..end {
            top[i] = (i - start).min(3) as u8;
            bottom[i] = (end - 1 - i).min(3) as u8;
        }
        start = end;
    }

    // Repetition across pages, digits masked; exact repetition anywhere.
    let texts: Vec<&str> = lines.iter().map(|l| source.slice(l.span)).collect();
    let keys: Vec<Option<String>> = texts
        .iter()
        .zip(infos)
        .map(|(t, info)| (info.words <= 16 && t.len() <= 160).then(|| masked_key(t)))
        .collect();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            by_key.entry(k.as_str()).or_default().push(i);
        }
    }
    // Each line lower-cased once (issue #16: it was twice).
    let lowered: Vec<Option<String>> = texts
        .iter()
        .zip(infos)
        .map(|(t, info)| (info.words >= 2 && t.len() <= 200).then(|| t.to_lowercase()))
        .collect();
    let mut exact: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, l) in lowered.iter().enumerate() {
        if let Some(l) = l {
            exact.entry(l.as_str()).or_default().push(i);
        }
    }

    // Layouts with boxes: each line's box, the body's type near it, and its column's extent.
    let boxes = prep.types.as_ref().map(|t| t.boxes());
    let local = prep.types.as_ref().map(|t| t.local());
    let mut extent: HashMap<(u32, u16), (f32, f32)> = HashMap::new();
    // The font family most characters are set in.
    let mut families: HashMap<u32, usize> = HashMap::new();
    if let Some(boxes) = boxes {
        for (b, info) in boxes.iter().zip(infos) {
            if let Some(b) = b {
                *families.entry(b.font).or_default() += info.chars;
            }
        }
    }
    let body_font = families
        .into_iter()
        .max_by_key(|&(f, n)| (n, f))
        .map_or(0, |(f, _)| f);
    if let Some(boxes) = boxes {
        for (l, b) in lines.iter().zip(boxes) {
            if let Some(b) = b {
                let e = extent.entry((l.page, l.column)).or_insert((b.x0, b.x1));
                e.0 = e.0.min(b.x0);
                e.1 = e.1.max(b.x1);
            }
        }
    }

    // Group numbers for the second layer.
    let mut ctx = vec![
        LineCtx {
            key: u32::MAX,
            exact: u32::MAX,
            kind: 0,
        };
        n
    ];
    for (g, occ) in by_key.values().enumerate() {
        if occ.len() > 1 {
            for &j in occ {
                ctx[j].key = g as u32;
            }
        }
    }
    for (g, occ) in exact.values().enumerate() {
        if occ.len() > 1 {
            for &j in occ {
                ctx[j].exact = g as u32;
            }
        }
    }
    for (c, info) in ctx.iter_mut().zip(infos.iter()) {
        c.kind = kind_code(info.kind);
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let l = &lines[i];
        let info = &infos[i];
        let text = texts[i];
        let mut a = Attr {
            kind: kind_code(info.kind),
            len: bucket(
                info.chars as f32,
                &[4.0, 11.0, 21.0, 36.0, 51.0, 71.0, 101.0, 161.0],
            ),
            rel: bucket(
                info.chars as f32 / typical[i],
                &[0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.1, 1.5],
            ),
            words: bucket(info.words as f32, &[2.0, 3.0, 4.0, 7.0, 11.0, 17.0, 30.0]),
            cap: bucket(info.capitalised, &[0.01, 0.5, 0.8, 0.99]),
            first: first_word(text),
            last: last_char_class(text),
            furn: furniture_code(prep.furniture[i]),
            top: top[i],
            bottom: bottom[i],
            rule: rules[i],
            col: (l.column.min(3) as u8) + 1,
            flags: text_flags(text, info),
            ..Attr::default()
        };
        a.date = match info.date {
            None => 0,
            Some(d) if d.start == 0 && d.end + 2 >= text.len() => 1,
            Some(d) if d.start == 0 => 2,
            Some(d) if d.end + 2 >= text.len() => 3,
            Some(_) => 4,
        };
        if l.gap_before {
            a.flags |= GAP_BEFORE;
        }
        if lines.get(i + 1).is_none_or(|nx| nx.gap_before) {
            a.flags |= GAP_AFTER;
        }
        if l.full_width {
            a.flags |= FULL_WIDTH;
        }
        if l.page == 1 {
            a.flags |= FIRST_PAGE;
        }
        if l.page == last_page {
            a.flags |= LAST_PAGE;
        }
        if pages == 1 {
            a.flags |= ONE_PAGE;
        }
        if i == 0 || lines[i - 1].page != l.page {
            a.flags |= PAGE_BREAK_BEFORE;
        } else if lines[i - 1].column != l.column {
            a.flags |= COLUMN_BREAK_BEFORE;
        }
        if lines.get(i + 1).is_none_or(|nx| nx.page != l.page) {
            a.flags |= PAGE_BREAK_AFTER;
        }
        if let Some(k) = &keys[i] {
            let occ = &by_key[k.as_str()];
            let mut pages_seen: Vec<u32> = occ.iter().map(|&j| lines[j].page).collect();
            pages_seen.dedup();
            pages_seen.sort_unstable();
            pages_seen.dedup();
            let np = pages_seen.len();
            a.rep = match np {
                1 => 1,
                2 => 2,
                3 | 4 => 3,
                _ => 4,
            };
            if np >= 2 && np as u32 * 2 >= pages {
                a.flags |= REPEATS_ON_HALF;
            }
            if np >= 2 {
                let at_top = occ.iter().filter(|&&j| top[j] <= 2).count();
                let at_bottom = occ.iter().filter(|&&j| bottom[j] <= 2).count();
                a.rep_edge = if at_top * 2 > occ.len() {
                    1
                } else if at_bottom * 2 > occ.len() {
                    2
                } else if at_top + at_bottom > 0 {
                    3
                } else {
                    4
                };
            }
        }
        if let Some(occ) = lowered[i].as_deref().and_then(|l| exact.get(l)) {
            a.same = (occ.len() - 1).min(3) as u8;
            // Where the copies stand: all later (a contents entry, a title announced), all
            // earlier (a running title, a repeated headline), or both.
            let (before, after) = (occ.iter().any(|&j| j < i), occ.iter().any(|&j| j > i));
            a.same_dir = match (before, after) {
                (false, true) => 1,
                (true, false) => 2,
                (true, true) => 3,
                _ => 0,
            };
            if occ
                .iter()
                .any(|&j| j != i && (infos[j].heading || infos[j].kind == Kind::Short))
            {
                a.flags |= SAME_AS_HEADING;
            }
        }
        a.quote = if info.words < 4 {
            0
        } else {
            bucket(quoted[i], &[0.01, 0.5, 0.99])
        };
        if let (Some(boxes), Some(local)) = (boxes, local) {
            a.flags |= HAS_BOXES;
            if let Some(b) = boxes[i] {
                let body = local[i];
                let ratio = b.font_size / body.body_size.max(1.0);
                a.size = bucket(ratio, &[0.85, 0.97, 1.04, 1.2, 1.5, 2.0]);
                if b.bold {
                    a.flags |= BOLD;
                }
                if b.italic {
                    a.flags |= ITALIC;
                }
                let lead = body.body_size.max(1.0);
                let gap_to = |j: usize| -> Option<f32> {
                    let o = boxes.get(j).copied().flatten()?;
                    (lines[j].page == l.page).then_some(())?;
                    Some(if j < i { b.y0 - o.y1 } else { o.y0 - b.y1 })
                };
                a.above = i
                    .checked_sub(1)
                    .and_then(gap_to)
                    .map_or(0, |g| bucket(g / lead, &[0.3, 0.8, 1.5, 3.0]));
                a.below = gap_to(i + 1).map_or(0, |g| bucket(g / lead, &[0.3, 0.8, 1.5, 3.0]));
                let same_type = |j: usize| {
                    boxes.get(j).copied().flatten().is_some_and(|o| {
                        (o.font_size - b.font_size).abs() < 0.3
                            && o.bold == b.bold
                            && o.italic == b.italic
                    })
                };
                if i > 0 && same_type(i - 1) {
                    a.flags |= SAME_TYPE_PREV;
                }
                if same_type(i + 1) {
                    a.flags |= SAME_TYPE_NEXT;
                }
                if b.font != 0 && b.font == body_font {
                    a.flags |= BODY_FONT;
                }
                let same_font = |j: usize| {
                    boxes
                        .get(j)
                        .copied()
                        .flatten()
                        .is_some_and(|o| o.font == b.font)
                };
                if i > 0 && same_font(i - 1) {
                    a.flags |= SAME_FONT_PREV;
                }
                if same_font(i + 1) {
                    a.flags |= SAME_FONT_NEXT;
                }
                if let Some(&(cx0, cx1)) = extent.get(&(l.page, l.column)) {
                    let w = (cx1 - cx0).max(1.0);
                    let left = (b.x0 - cx0) / lead;
                    let right = (cx1 - b.x1) / lead;
                    a.xpos = if left < 0.5 {
                        1
                    } else if (left - right).abs() < 1.5 && left > 1.5 {
                        2
                    } else if right < 0.5 {
                        3
                    } else if left < 3.0 {
                        4
                    } else {
                        5
                    };
                    a.width = bucket((b.x1 - b.x0) / w, &[0.3, 0.6, 0.85, 0.97]);
                }
            }
        } else {
            a.xpos = match l.indent {
                0 => 1,
                1..=2 => 4,
                _ => 5,
            };
        }
        out.push(a);
    }
    (out, ctx)
}

// Feature templates.
const T_BIAS: u64 = 1;
const T_KIND: u64 = 2;
const T_LEN: u64 = 3;
const T_REL: u64 = 4;
const T_WORDS: u64 = 5;
const T_CAP: u64 = 6;
const T_FIRST: u64 = 7;
const T_LAST: u64 = 8;
const T_FURN: u64 = 9;
const T_REP: u64 = 10;
const T_SAME: u64 = 11;
const T_QUOTE: u64 = 12;
const T_TOP: u64 = 13;
const T_BOTTOM: u64 = 14;
const T_SIZE: u64 = 15;
const T_ABOVE: u64 = 16;
const T_BELOW: u64 = 17;
const T_XPOS: u64 = 18;
const T_WIDTH: u64 = 19;
const T_COL: u64 = 20;
const T_DATE: u64 = 21;
const T_FLAG: u64 = 22;
const T_PAIR: u64 = 23;
const T_NEIGHBOUR: u64 = 24;
const T_NPAIR: u64 = 25;
const T_PREV: u64 = 26;
const T_RULE: u64 = 27;

/// A neighbour's attributes that its neighbours care about, as one value per field.
fn neighbour_values(a: &Attr) -> [u64; 9] {
    let fl = |bit: u64| u64::from(a.flags & bit != 0);
    [
        u64::from(a.kind),
        u64::from(a.rel),
        fl(GAP_BEFORE) | fl(GAP_AFTER) << 1,
        fl(HEADING) | fl(BOLD) << 1 | fl(ITALIC) << 2 | fl(BODY_FONT) << 3,
        u64::from(a.date),
        fl(ENDS_SENTENCE) | fl(STARTS_LOWER) << 1 | fl(ENDS_HYPHEN) << 2,
        u64::from(a.size),
        u64::from(a.furn),
        fl(ALL_CAPS) | fl(NAME_LIKE) << 1 | fl(OUTLET_LIKE) << 2,
    ]
}

/// The features of one document's lines.
pub(crate) fn features(source: &Source, prep: &Prepared) -> Features {
    let (attrs, ctx) = attributes(source, prep);
    let n = attrs.len();
    let mut out = Features {
        emit: Vec::with_capacity(n * 120),
        emit_at: Vec::with_capacity(n + 1),
        prev: Vec::with_capacity(n * N_PREV),
        ctx,
    };
    let none = Attr::default();
    let mut line: Vec<u64> = Vec::with_capacity(160);
    let at = |k: isize| -> &Attr {
        if k < 0 || k as usize >= n {
            &none
        } else {
            &attrs[k as usize]
        }
    };
    for (i, a) in attrs.iter().enumerate() {
        out.emit_at.push(out.emit.len() as u32);
        let e = &mut line;
        e.clear();
        e.push(f(T_BIAS, 0));
        e.push(f(T_KIND, a.kind.into()));
        e.push(f(T_LEN, a.len.into()));
        e.push(f(T_REL, a.rel.into()));
        e.push(f(T_WORDS, a.words.into()));
        e.push(f(T_CAP, a.cap.into()));
        e.push(f(T_FIRST, a.first));
        e.push(f(T_LAST, a.last.into()));
        e.push(f(T_FURN, a.furn.into()));
        e.push(f(T_REP, pair(a.rep.into(), a.rep_edge.into())));
        e.push(f(T_SAME, pair(a.same.into(), a.same_dir.into())));
        e.push(f(T_QUOTE, a.quote.into()));
        e.push(f(T_TOP, a.top.into()));
        e.push(f(T_BOTTOM, a.bottom.into()));
        e.push(f(T_SIZE, a.size.into()));
        e.push(f(T_ABOVE, a.above.into()));
        e.push(f(T_BELOW, a.below.into()));
        e.push(f(T_XPOS, a.xpos.into()));
        e.push(f(T_WIDTH, a.width.into()));
        e.push(f(T_COL, a.col.into()));
        e.push(f(T_DATE, a.date.into()));
        let (pr, nr) = (at(i as isize - 1).rule, at(i as isize + 1).rule);
        e.push(f(T_RULE, a.rule.into()));
        e.push(f(T_RULE, pair(1, pair(a.rule.into(), a.kind.into()))));
        e.push(f(T_RULE, pair(2, pair(u64::from(pr), a.rule.into()))));
        e.push(f(T_RULE, pair(3, pair(a.rule.into(), u64::from(nr)))));
        e.push(f(
            T_RULE,
            pair(4, pair(u64::from(pr), pair(a.rule.into(), u64::from(nr)))),
        ));
        for bit in 0..N_FLAGS {
            if a.flags & (1 << bit) != 0 {
                e.push(f(T_FLAG, bit.into()));
            }
        }
        // Pairs of the line's own attributes.
        let fl = |bit: u64| u64::from(a.flags & bit != 0);
        let k = u64::from(a.kind);
        let pairs: [(u64, u64); 20] = [
            (1, pair(k, a.rel.into())),
            (2, pair(k, fl(GAP_BEFORE) | fl(GAP_AFTER) << 1)),
            (3, pair(k, pair(a.top.into(), a.bottom.into()))),
            (4, pair(k, a.size.into())),
            (5, pair(k, fl(HEADING) | fl(BOLD) << 1 | fl(ITALIC) << 2)),
            (
                6,
                pair(a.rel.into(), fl(ENDS_SENTENCE) | fl(STARTS_LOWER) << 1),
            ),
            (7, pair(a.rep.into(), pair(a.top.into(), a.bottom.into()))),
            (8, pair(a.furn.into(), a.rep.into())),
            (
                9,
                pair(
                    a.size.into(),
                    fl(BOLD) | fl(ITALIC) << 1 | fl(ALL_CAPS) << 2 | fl(BODY_FONT) << 3,
                ),
            ),
            (
                10,
                pair(a.size.into(), pair(a.above.into(), a.below.into())),
            ),
            (11, pair(a.first, a.last.into())),
            (12, pair(k, a.first)),
            (13, pair(a.date.into(), a.words.into())),
            (14, pair(a.same.into(), pair(k, a.quote.into()))),
            (15, pair(a.xpos.into(), a.width.into())),
            (
                16,
                pair(
                    k,
                    fl(NAME_LIKE) | fl(OUTLET_LIKE) << 1 | fl(GIVEN_NAME) << 2,
                ),
            ),
            (
                17,
                pair(
                    k,
                    fl(COMMA) | fl(AND) << 1 | fl(PIPE) << 2 | fl(DASH_SEP) << 3,
                ),
            ),
            (18, pair(a.len.into(), fl(ALL_CAPS) | fl(TITLE_WORDS) << 1)),
            (
                19,
                pair(
                    k,
                    fl(PAGE_BREAK_BEFORE)
                        | fl(PAGE_BREAK_AFTER) << 1
                        | fl(COLUMN_BREAK_BEFORE) << 2,
                ),
            ),
            (
                20,
                pair(
                    a.words.into(),
                    fl(ROLE_WORD) | fl(MEDIA_WORD) << 1 | fl(GIVEN_NAME) << 2,
                ),
            ),
        ];
        for (t, v) in pairs {
            e.push(f(T_PAIR, pair(t, v)));
        }
        // The lines around it.
        let mine = neighbour_values(a);
        for d in [-3isize, -2, -1, 1, 2, 3] {
            let nb = at(i as isize + d);
            let vals = neighbour_values(nb);
            let dd = (d + 8) as u64;
            let take = if d.abs() == 3 { 3 } else { vals.len() };
            for (fi, v) in vals.iter().take(take).enumerate() {
                e.push(f(T_NEIGHBOUR, pair(dd, pair(fi as u64, *v))));
            }
            if d.abs() == 1 {
                // This line's kind, gaps and type against the neighbour's.
                for (fi, (m, v)) in mine.iter().zip(vals.iter()).enumerate().take(6) {
                    e.push(f(T_NPAIR, pair(dd, pair(fi as u64, pair(*m, *v)))));
                }
            }
        }
        let (p, nx) = (at(i as isize - 1), at(i as isize + 1));
        e.push(f(
            T_NPAIR,
            pair(99, pair(u64::from(p.kind), pair(k, u64::from(nx.kind)))),
        ));
        e.push(f(
            T_NPAIR,
            pair(
                98,
                pair(
                    u64::from(p.flags & ENDS_SENTENCE != 0),
                    pair(fl(STARTS_LOWER), fl(GAP_BEFORE)),
                ),
            ),
        ));
        e.push(f(
            T_NPAIR,
            pair(
                97,
                pair(
                    u64::from(a.rel),
                    pair(u64::from(nx.rel), u64::from(nx.flags & STARTS_LOWER != 0)),
                ),
            ),
        ));
        let gaps = |x: &Attr| {
            u64::from(x.flags & GAP_BEFORE != 0) | u64::from(x.flags & GAP_AFTER != 0) << 1
        };
        let more: [(u64, u64); 6] = [
            (1, pair(k, pair(u64::from(p.kind), gaps(a)))),
            (2, pair(k, pair(u64::from(nx.kind), gaps(a)))),
            (
                3,
                pair(u64::from(p.size), pair(a.size.into(), u64::from(nx.size))),
            ),
            (4, pair(a.first, u64::from(p.kind))),
            (5, pair(a.xpos.into(), pair(a.width.into(), a.size.into()))),
            (
                6,
                pair(
                    pair(a.same.into(), a.same_dir.into()),
                    pair(k, a.size.into()),
                ),
            ),
        ];
        for (t, v) in more {
            e.push(f(T_NPAIR, pair(200 + t, v)));
        }
        out.emit.extend(line.iter().map(|&h| (h & MASK) as u32));
        // Joined with the previous line's role by the model.
        out.prev.extend_from_slice(&[
            f(T_PREV, 0),
            f(T_PREV, pair(1, fl(GAP_BEFORE))),
            f(
                T_PREV,
                pair(2, fl(PAGE_BREAK_BEFORE) | fl(COLUMN_BREAK_BEFORE) << 1),
            ),
            f(T_PREV, pair(3, k)),
            f(T_PREV, pair(4, pair(fl(HEADING), a.size.into()))),
            f(T_PREV, pair(5, pair(a.rel.into(), fl(STARTS_LOWER)))),
        ]);
    }
    out.emit_at.push(out.emit.len() as u32);
    out
}

const T_S_SELF: u64 = 40;
const T_S_KEY: u64 = 41;
const T_S_EXACT: u64 = 42;
const T_S_NEIGHBOUR: u64 = 43;
const T_S_DOC: u64 = 44;

fn argmax(p: &[f32; N_ROLES]) -> (usize, f32) {
    let mut best = (0, f32::NEG_INFINITY);
    for (r, &x) in p.iter().enumerate() {
        if x > best.1 {
            best = (r, x);
        }
    }
    best
}

fn prob_bucket(p: f32) -> u64 {
    u64::from(bucket(p, &[0.5, 0.8, 0.95]))
}

/// The share of a kind of metadata the document prints after the body rather than before it,
/// as a bucket (0: the document has none of it).
fn tail_share(mass: &[f32; N_ROLES], head: &[Role], tail: &[Role]) -> u64 {
    let h: f32 = head.iter().map(|r| mass[r.index()]).sum();
    let t: f32 = tail.iter().map(|r| mass[r.index()]).sum();
    if h + t < 0.5 {
        return 0;
    }
    u64::from(bucket(t / (h + t), &[0.1, 0.35, 0.65, 0.9]))
}

/// The features of the second layer: a line's own, plus what the first layer made of the
/// document (`probs`, one distribution per line): this line's likeliest role, the roles of the
/// lines around it, of the lines that repeat it (with digits masked, or exactly), and the
/// document's habits (bylines, outlets and dates printed before or after the body; whether its
/// items name outlets at all).
pub fn stack(base: &Features, probs: &[[f32; N_ROLES]]) -> Features {
    let n = base.len();
    assert_eq!(probs.len(), n, "one distribution per line");
    let own: Vec<(usize, f32)> = probs.iter().map(argmax).collect();
    let mut key_sum: HashMap<u32, ([f32; N_ROLES], u32)> = HashMap::new();
    let mut exact_sum: HashMap<u32, ([f32; N_ROLES], u32)> = HashMap::new();
    let mut mass = [0f32; N_ROLES];
    for (i, c) in base.ctx.iter().enumerate() {
        for (group, sums) in [(c.key, &mut key_sum), (c.exact, &mut exact_sum)] {
            if group != u32::MAX {
                let e = sums.entry(group).or_insert(([0.0; N_ROLES], 0));
                e.0.iter_mut().zip(&probs[i]).for_each(|(a, b)| *a += b);
                e.1 += 1;
            }
        }
        mass.iter_mut().zip(&probs[i]).for_each(|(a, b)| *a += b);
    }
    use Role::*;
    let byline = tail_share(
        &mass,
        &[Byline, BylineOutlet],
        &[TailByline, TailBylineOutlet],
    );
    let outlet = tail_share(
        &mass,
        &[Outlet, OutletDate, BylineOutlet],
        &[TailOutlet, TailOutletDate, TailBylineOutlet],
    );
    let date = tail_share(
        &mass,
        &[Date, Dateline, OutletDate],
        &[TailDate, TailOutletDate],
    );
    // Articles, counted by headlines that start; and how many outlet lines there are per article.
    let starts = (0..n)
        .filter(|&i| own[i].0 == Headline.index() && (i == 0 || own[i - 1].0 != Headline.index()))
        .count()
        .max(1);
    let outlets: f32 = [
        Outlet,
        OutletDate,
        BylineOutlet,
        TailOutlet,
        TailOutletDate,
        TailBylineOutlet,
    ]
    .iter()
    .map(|r| mass[r.index()])
    .sum();
    let outlet_rate = u64::from(bucket(outlets / starts as f32, &[0.1, 0.4, 0.8]));
    // Metadata (dates, outlets, bylines, before or after bodies) per article, and near each
    // line: a headline has its own; a section heading of a long document has none.
    let meta_of = |p: &[f32; N_ROLES]| -> f32 {
        Role::ALL
            .iter()
            .filter(|r| {
                matches!(
                    r.part(),
                    cuttings_model::Part::Head | cuttings_model::Part::Tail
                ) && !matches!(r, Headline | Standfirst | Kicker)
            })
            .map(|r| p[r.index()])
            .sum()
    };
    let meta: Vec<f32> = probs.iter().map(meta_of).collect();
    let meta_rate = u64::from(bucket(
        meta.iter().sum::<f32>() / starts as f32,
        &[0.3, 1.0, 2.0, 3.0],
    ));
    let meta_near = |i: usize| -> u64 {
        let (a, b) = (i.saturating_sub(4), (i + 5).min(n));
        let m = (a..b)
            .filter(|&j| j != i)
            .map(|j| meta[j])
            .fold(0f32, f32::max);
        u64::from(bucket(m, &[0.2, 0.5, 0.8]))
    };
    let share_for = |r: usize| -> u64 {
        match Role::ALL[r].as_head() {
            Byline | BylineOutlet => byline,
            Outlet | OutletDate => outlet,
            Date | Dateline => date,
            _ => 9,
        }
    };

    let mut out = Features {
        emit: Vec::with_capacity(base.emit.len() + n * 16),
        emit_at: Vec::with_capacity(n + 1),
        prev: base.prev.clone(),
        ctx: base.ctx.clone(),
    };
    let others = |sums: &HashMap<u32, ([f32; N_ROLES], u32)>, group: u32, i: usize| {
        let (sum, count) = sums.get(&group)?;
        if *count < 2 {
            return None;
        }
        let mut avg = *sum;
        for (a, p) in avg.iter_mut().zip(&probs[i]) {
            *a = (*a - p) / (*count - 1) as f32;
        }
        Some(argmax(&avg))
    };
    let mut extra: Vec<u64> = Vec::with_capacity(20);
    for i in 0..n {
        out.emit_at.push(out.emit.len() as u32);
        out.emit.extend_from_slice(base.emit_of(i));
        let c = base.ctx[i];
        let kind = u64::from(c.kind);
        let (r, p) = own[i];
        let r = r as u64;
        extra.clear();
        extra.push(f(T_S_SELF, pair(r, prob_bucket(p))));
        extra.push(f(T_S_SELF, pair(100 + r, kind)));
        if let Some((k, q)) = others(&key_sum, c.key, i) {
            extra.push(f(T_S_KEY, pair(k as u64, prob_bucket(q))));
            extra.push(f(T_S_KEY, pair(100 + k as u64, r)));
        }
        if let Some((k, q)) = others(&exact_sum, c.exact, i) {
            extra.push(f(T_S_EXACT, pair(k as u64, prob_bucket(q))));
            extra.push(f(T_S_EXACT, pair(100 + k as u64, r)));
        }
        let nb = |d: isize| -> u64 {
            let j = i as isize + d;
            if j < 0 || j as usize >= n {
                99
            } else {
                own[j as usize].0 as u64
            }
        };
        for d in [-2isize, -1, 1, 2] {
            extra.push(f(T_S_NEIGHBOUR, pair((d + 8) as u64, nb(d))));
        }
        extra.push(f(T_S_NEIGHBOUR, pair(50, pair(nb(-1), pair(r, nb(1))))));
        extra.push(f(
            T_S_DOC,
            pair(1, pair(kind, pair(byline, pair(outlet, date)))),
        ));
        extra.push(f(T_S_DOC, pair(2, pair(r, share_for(r as usize)))));
        extra.push(f(T_S_DOC, pair(3, pair(r, outlet_rate))));
        extra.push(f(T_S_DOC, pair(4, pair(r, pair(meta_near(i), meta_rate)))));
        extra.push(f(T_S_DOC, pair(5, pair(kind, meta_rate))));
        out.emit.extend(extra.iter().map(|&h| (h & MASK) as u32));
    }
    out.emit_at.push(out.emit.len() as u32);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_lines_share_their_key_whatever_their_numbers() {
        assert_eq!(
            masked_key("VerDate Sep 11 2014  Jkt 250001 PO 00000 Frm 00001"),
            masked_key("VerDate Sep 11 2014 Jkt 250002 PO 00000 Frm 00012")
        );
        assert_ne!(masked_key("Page 3"), masked_key("Section 3"));
    }

    #[test]
    fn citations_and_copyright_without_copies() {
        let before = |text: &str| {
            let lower = text.to_lowercase();
            lower.contains("et al")
                || lower.contains("doi:")
                || lower.contains("doi.org")
                || lower.contains(" pp.")
        };
        for t in [
            "Roe, J. ET AL. (2019) Harbours",
            "See DOI:10.1000/182",
            "https://Doi.Org/10.1/x",
            "Journal of Ports, PP. 3-9",
            "Bet all on it",
            "Étude et al. 2020",
            "\u{212a}nown et al",
            "doi",
            "",
        ] {
            let starts = t.starts_with('[') && t[1..].starts_with(|c: char| c.is_ascii_digit());
            let years = t
                .as_bytes()
                .windows(6)
                .any(|w| w[0] == b'(' && w[5] == b')' && w[1..5].iter().all(u8::is_ascii_digit));
            assert_eq!(citation(t), before(t) || starts || years, "{t:?}");
            assert_eq!(
                contains_ignore_ascii_case(t, "copyright"),
                t.to_ascii_lowercase().contains("copyright")
            );
        }
        assert!(contains_ignore_ascii_case("© COPYRIGHT 2020", "copyright"));
    }

    #[test]
    fn numbering_and_labels() {
        assert!(numbered("2.3 Background of the case"));
        assert!(numbered("IV. Findings"));
        assert!(!numbered("2004 was a year"));
        assert!(label_colon("SUMMARY: This rule amends"));
        assert!(!label_colon("He said: yes"));
        assert!(speaker_turn("Mr. SMITH. Mr. Speaker, I rise"));
        assert!(!speaker_turn("Mr. Smith said"));
    }
}
