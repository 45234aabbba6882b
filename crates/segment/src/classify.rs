//! What one line looks like on its own: a date, a byline, an outlet, a title, body text, furniture.
//!
//! Nothing here looks at neighbouring lines; `split` adds the context.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::date::{find_date, FoundDate};
use crate::fx::FxBuild;

/// Given names, lower case, from the US census lists (see `scripts/build-first-names.sh`).
static FIRST_NAMES: LazyLock<HashSet<&'static str, FxBuild>> = LazyLock::new(|| {
    include_str!("../../../data/first-names.txt")
        .lines()
        .collect()
});

/// Words that name a publication rather than a person. Generic media vocabulary in the languages
/// digests most often clip from; never the name of a particular outlet.
const OUTLET_WORDS: &[&str] = &[
    "agency",
    "agence",
    "bulletin",
    "broadcasting",
    "business",
    "centre",
    "center",
    "channel",
    "chronicle",
    "courier",
    "courrier",
    "daily",
    "digest",
    "dispatch",
    "examiner",
    "express",
    "forum",
    "gazette",
    "gazeta",
    "gazzetta",
    "globe",
    "guardian",
    "herald",
    "institute",
    "insider",
    "journal",
    "kurier",
    "magazine",
    "mail",
    "media",
    "mirror",
    "monitor",
    "morning",
    "network",
    "news",
    "newsletter",
    "newspaper",
    "observer",
    "online",
    "post",
    "press",
    "radio",
    "record",
    "report",
    "reporter",
    "review",
    "sentinel",
    "standard",
    "star",
    "sun",
    "telegraph",
    "television",
    "times",
    "today",
    "tribune",
    "tv",
    "voice",
    "week",
    "weekly",
    "wire",
    "world",
    "zeitung",
    "journal",
    "journalen",
    "nachrichten",
    "presse",
    "stampa",
    "voce",
    "corriere",
    "diario",
    "periodico",
    "noticias",
    "tageblatt",
    "blatt",
    "nieuws",
    "dagblad",
    "studies",
    "foundation",
    "council",
    "committee",
    "ministry",
    "office",
    "unit",
    "service",
    "compass",
    "meridian",
    "telegram",
    "kurier",
    "morgenkurier",
    "evening",
    "sunday",
    "saturday",
    "ledger",
    "beacon",
    "clarion",
    "courant",
    "argus",
    "mercury",
    "advocate",
    "enquirer",
    "inquirer",
    "bugle",
    "banner",
    "citizen",
    "register",
    "bureau",
    "agenzia",
    "tass",
    "wire",
    "feed",
    "blog",
    // Think tanks, monitoring firms and consultancies quoted as sources.
    "analytics",
    "communications",
    "partners",
    "group",
    "associates",
    "consulting",
    "consultancy",
    "research",
    "intelligence",
    "insights",
];

/// Roles that follow an author's name in a byline.
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "editor",
    "writer",
    "reporter",
    "columnist",
    "contributor",
    "analyst",
    "staff",
    "chief",
    "bureau",
    "desk",
    "commentator",
    "journalist",
    "producer",
    "director",
    "fellow",
    "professor",
    "researcher",
    "senior",
    "deputy",
    "associate",
    "special",
    "political",
    "foreign",
    "diplomatic",
    "economics",
    "business",
    "markets",
    "science",
    "technology",
    "affairs",
];

/// Honorifics stripped from author names.
const HONORIFICS: &[&str] = &[
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "sir",
    "dame",
    "rev",
    "rev.",
    "madam",
    "mme",
    "mme.",
    "m.",
];

/// Lower-case words that may stand inside a name ("Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "bin", "al",
    "ibn", "el", "dos", "das", "ter",
];

/// Function words that rarely end a headline but often end a wrapped body line.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "its",
    "their",
    "his",
    "her",
    "this",
    "these",
    "those",
    "into",
    "than",
    "then",
    "if",
    "not",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "also",
    "about",
    "over",
    "after",
    "before",
    "told",
    "according",
];

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[-–—\s(\[]*(?:page|p\.|pg\.?|seite|pagina)?\s*(?P<n>\d{1,4})\s*(?:(?:of|/|von|de|di)\s*\d{1,4})?[-–—\s)\]]*$")
        .expect("valid regex")
});
static PAGE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\S\s*[-–—|·•,]\s*(?:page|p\.|pg\.?)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$")
        .expect("valid regex")
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[(\[]?(?:file\s+|archive\s+|stock\s+)?(?:photo(?:graph)?s?|pictures?|image|illustration|graphic|credit|pictured|source\s+photo|foto|photo\s+credit)\s*(?:[:|/–—-]|by\b)")
        .expect("valid regex")
});
/// The roles `SIDEBAR` names after "is a": a line with none of them needs no regex.
const ASIDE_ROLES: &[&str] = &[
    "correspondent",
    "columnist",
    "writer",
    "editor",
    "analyst",
    "reporter",
    "fellow",
    "researcher",
];
static SIDEBAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?-i:[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}) (?:writes (?:for|on|about)|is an? (?:[\w-]+ ){0,3}(?:correspondent|columnist|writer|editor|analyst|reporter|fellow|researcher) (?:at|for|with)) |the views expressed|about the authors?\b|this (?:article|piece|story|column) (?:first |originally )?(?:appeared|was (?:first |originally )?published)|(?:re)?(?:printed|published|produced) with (?:kind )?permission|editor'?s note\s*:|related\s*:|read more\s*:|see also\s*:)")
        .expect("valid regex")
});
static MASTHEAD_ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:issue|no\.|vol\.?|volume|edition|number|nr\.?|week|#)\s*\d")
        .expect("valid regex")
});
static CONTENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:in this (?:issue|edition|digest)|contents|table of contents|inside this issue|today'?s selection)\s*:?\s*$")
        .expect("valid regex")
});
static DISCLAIMER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:for (?:internal|monitoring|information(?:al)?|reference) (?:use|purposes)|reproduced for|not for (?:re)?(?:distribution|circulation|publication)|all rights reserved|views expressed (?:are|in))")
        .expect("valid regex")
});
static COMPILED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:compiled|prepared|edited|produced|distributed|published) (?:by|for)\b")
        .expect("valid regex")
});
/// The digest naming itself or its compiler: "Currency Markets Press Review", "Northbridge
/// Communications — Media Monitoring".
static DIGEST_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:media monitoring|press (?:review|digest|cuttings|clippings|summary|survey)|news (?:digest|summary)|monitoring (?:unit|service|report|team|department)|clippings service)\b")
        .expect("valid regex")
});
pub(crate) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–—\s]*(?:[Bb][Yy]|Written by|Reporting by|Words by|From)\s*:?\s+|[-–—]+\s*)(?P<rest>\S.*)$").expect("valid regex")
});
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:source|sources|via|published in|originally published in|from)\s*:\s*(?P<rest>\S.*)$").expect("valid regex")
});
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|news|co|uk|de|fr|it|es|ru|al|ir|eu|io|tv|media|online)$").expect("valid regex")
});

/// Names found on a line, with their byte ranges in it.
pub(crate) type Names = Vec<(String, (usize, usize))>;
/// A byte range of a line.
pub(crate) type Range = (usize, usize);

/// The kind of a line on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Only a date.
    Date,
    /// An outlet and a date on one line ("Outlet | 5 May 2005").
    OutletDate,
    /// "By A and B[, Outlet]".
    Byline,
    /// "Source: Outlet".
    SourceLine,
    /// Short, capitalised, no final stop: a title, an outlet or a name.
    Short,
    /// Running text.
    Body,
    /// A page number.
    PageNumber,
    /// Photo captions and credits.
    Caption,
    /// Asides: author notes, "first appeared in".
    Sidebar,
    /// Digest title block items: "Issue 50 | date", "Compiled by".
    Masthead,
    /// "In this issue".
    Contents,
    /// No letters or digits at all.
    Ornament,
}

/// A line's features.
#[derive(Clone, Debug)]
pub(crate) struct Info {
    pub kind: Kind,
    pub date: Option<FoundDate>,
    /// Outlet named on the line, as a byte range of the line.
    pub outlet: Option<(usize, usize)>,
    /// Authors named on the line: (clean name, byte range of the line).
    pub authors: Vec<(String, (usize, usize))>,
    /// Characters.
    pub chars: usize,
    /// Words.
    pub words: usize,
    /// Ends with . ! ? or a closing quote after one.
    pub ends_sentence: bool,
    /// Ends with a question or exclamation mark (headlines may).
    pub ends_query: bool,
    /// Ends with a hyphen (a broken word continues on the next line).
    pub ends_hyphen: bool,
    /// First letter is lower case.
    pub starts_lower: bool,
    /// Share of capitalised words among the non-function words.
    pub capitalised: f32,
    /// Every letter is upper case.
    pub all_caps: bool,
    /// Ends with a function word or a comma: a wrapped body line, not a headline.
    pub ends_open: bool,
    /// Looks like the name of a publication.
    pub outlet_like: bool,
    /// Looks like a person's name.
    pub name_like: bool,
    /// Layouts with boxes (PDF): the run of lines set one under the other in the same type this
    /// line belongs to (`typography`); `None` for text dumps.
    pub type_run: Option<u32>,
    /// Layouts with boxes: set in a headline's type (larger or bolder than the body near it).
    pub heading: bool,
    /// Layouts with boxes: a standfirst, set under a headline in a type of its own
    /// (`typography::standfirsts_by_type`).
    pub standfirst: bool,
}

/// The function words of at most six bytes (no longer one counts), as [`short_key`]s, sorted.
static FUNCTION_WORD_KEYS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut keys: Vec<u64> = FUNCTION_WORDS.iter().filter_map(|w| short_key(w)).collect();
    keys.sort_unstable();
    keys
});

/// A word of at most six bytes, ASCII letters lower-cased, with its length, as one number: two
/// words have the same key exactly when `eq_ignore_ascii_case` holds between them.
fn short_key(w: &str) -> Option<u64> {
    let n = w.len();
    if n > 6 {
        return None;
    }
    let mut b = [0u8; 8];
    b[..n].copy_from_slice(w.as_bytes());
    b.make_ascii_lowercase();
    b[7] = n as u8;
    Some(u64::from_le_bytes(b))
}

fn is_function_word(w: &str) -> bool {
    // A binary search instead of comparing each word with all the list: `classify` asks this of
    // every word of every line (issue #2, speed).
    short_key(w).is_some_and(|k| FUNCTION_WORD_KEYS.binary_search(&k).is_ok())
}

/// Calls `f` with `w` in lower case (`str::to_lowercase`), without allocating for the short ASCII
/// words that are nearly all the words asked about (issue #16: one `String` per word of every
/// line was a visible share of segmenting).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 48;
    if w.len() <= MAX && w.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        f(std::str::from_utf8(b).expect("ASCII"))
    } else {
        f(&w.to_lowercase())
    }
}

/// [`OUTLET_WORDS`] as a set.
static OUTLET_SET: LazyLock<HashSet<&'static str, FxBuild>> =
    LazyLock::new(|| OUTLET_WORDS.iter().copied().collect());

/// [`ROLE_WORDS`] as a set.
static ROLE_SET: LazyLock<HashSet<&'static str, FxBuild>> =
    LazyLock::new(|| ROLE_WORDS.iter().copied().collect());

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// True when `text` reads as a publication name.
pub(crate) fn outlet_like(text: &str) -> bool {
    let t = text.trim().trim_end_matches([',', '.', ';']);
    if t.is_empty() || t.len() > 80 {
        return false;
    }
    if t.contains('.') && DOMAIN.is_match(t) {
        return true;
    }
    let words: Vec<&str> = words_of(t).collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    if !t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || words.len() < 2
    {
        return false;
    }
    // Publication names are capitalised throughout, but for short particles ("Gazeta e Lindjes").
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| {
            w.chars().count() > 2
                && !is_function_word(w)
                && !NAME_PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w))
        })
        .collect();
    let caps = content
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    if caps * 10 < content.len() * 8 {
        return false;
    }
    // The media word opens or closes the name ("Daily Meridian", "Harbour Times", "The Weekly
    // Compass", "Centre for Regional Studies, Vienna"), it is not buried in a headline.
    let name_part = t.split(',').next().unwrap_or(t);
    let name_words: Vec<&str> = words_of(name_part).collect();
    let is_media = |w: &str| {
        with_lower(w, |l| {
            OUTLET_SET.contains(l) || OUTLET_WORDS.iter().any(|o| o.len() >= 6 && l.ends_with(o))
        })
    };
    let article = |w: &str| {
        with_lower(w, |l| {
            matches!(
                l,
                "the" | "la" | "le" | "il" | "el" | "der" | "die" | "das" | "de"
            )
        })
    };
    match name_words.as_slice() {
        [] => false,
        [first, .., last] => {
            is_media(first)
                || is_media(last)
                || (article(first) && name_words.get(1).is_some_and(|w| is_media(w)))
        }
        [only] => is_media(only),
    }
}

/// True when `text` reads as one person's name: 2–4 capitalised words, or a known given name.
pub(crate) fn name_like(text: &str) -> bool {
    name_like_unless(text, outlet_like)
}

/// [`name_like`], with the outlet test given (`classify` has its answer already).
fn name_like_unless(text: &str, outlet: impl FnOnce(&str) -> bool) -> bool {
    let t = strip_honorific(text.trim());
    let words: Vec<&str> = t.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || t.len() > 60 {
        return false;
    }
    let mut caps = 0;
    for w in &words {
        let first = w.chars().next().unwrap_or(' ');
        if !first.is_uppercase() {
            if NAME_PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w)) {
                continue;
            }
            return false;
        }
        if NAME_PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w)) {
            continue;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        {
            return false;
        }
        caps += 1;
    }
    if caps < 2 || outlet(t) {
        return false;
    }
    let first = words[0].trim_end_matches('.').to_lowercase();
    if caps > 3 {
        return false;
    }
    if FIRST_NAMES.contains(first.as_str()) {
        return true;
    }
    // An unknown first word that reads as an English adjective or noun ("Independent Chairman",
    // "Striking Brazilian", "Capital Observer") is not a given name.
    const SUFFIXES: &[&str] = &[
        "ent", "ant", "ing", "al", "ive", "ous", "ic", "ian", "ary", "ion", "ern", "ed", "ess",
        "ity", "ure", "ics", "ism", "ist", "ful", "less", "ment", "ness", "ship", "port", "land",
        "way", "ine",
    ];
    if SUFFIXES
        .iter()
        .any(|s| first.len() > s.len() + 2 && first.ends_with(s))
    {
        return false;
    }
    words[0].len() <= 2 || caps <= 3
}

/// True when the first word of a name is a known given name.
pub(crate) fn known_given_name(text: &str) -> bool {
    let t = strip_honorific(text.trim());
    // "Dr. Raz Zimmt": an honorific before a name says person as surely as a known given name.
    if t.len() < text.trim().len() && t.split_whitespace().count() >= 2 {
        return true;
    }
    t.split_whitespace()
        .next()
        .is_some_and(|w| with_lower(w.trim_end_matches('.'), |l| FIRST_NAMES.contains(l)))
}

/// `text` without leading titles of address ("Dr.", "Mrs").
pub(crate) fn strip_honorific_pub(text: &str) -> &str {
    strip_honorific(text.trim())
}

fn strip_honorific(mut t: &str) -> &str {
    loop {
        let Some((first, rest)) = t.split_once(char::is_whitespace) else {
            return t;
        };
        if with_lower(first, |l| HONORIFICS.contains(&l)) {
            t = rest.trim_start();
        } else {
            return t;
        }
    }
}

pub(crate) fn is_role(part: &str) -> bool {
    let (mut words, mut role, mut outlet) = (0, false, false);
    for w in words_of(part) {
        words += 1;
        if words > 6 {
            return false;
        }
        with_lower(w, |w| {
            role |= ROLE_SET.contains(w) || w.split('-').any(|p| ROLE_SET.contains(p));
            outlet |= OUTLET_SET.contains(w) && !ROLE_SET.contains(w);
        });
    }
    words > 0 && role && !outlet
}

/// True when any word of `text` is a job title's word ("Correspondent", "Editor").
pub(crate) fn is_role_anywhere(text: &str) -> bool {
    words_of(text).any(|w| with_lower(w, |l| ROLE_SET.contains(l)))
}

/// True when any word of `text` is a media word ("Times", "Gazette", "Zeitung").
pub(crate) fn has_media_word(text: &str) -> bool {
    words_of(text).any(|w| with_lower(w, |l| OUTLET_SET.contains(l)))
}

fn title_case_name(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut at_start = true;
    for c in name.chars() {
        if at_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        at_start = !c.is_alphabetic();
    }
    out
}

/// Parses the part of a byline after "By": authors, and an outlet when one follows.
pub(crate) fn parse_byline(line: &str, rest_start: usize) -> (Names, Option<Range>) {
    let rest = &line[rest_start..];
    // Outlet after a separator: "By A, Outlet", "By A | Outlet", "By A — Outlet".
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i..].chars().next().unwrap_or(' ');
        let sep_len = if matches!(c, ',' | ';' | '|' | '·' | '—' | '–' | '&') {
            c.len_utf8()
        } else if bytes.len() >= i + 5 && bytes[i..i + 5].eq_ignore_ascii_case(b" and ") {
            5
        } else {
            0
        };
        if sep_len > 0 {
            parts.push((start, i));
            start = i + sep_len;
            i += sep_len;
        } else {
            i += c.len_utf8();
        }
    }
    parts.push((start, rest.len()));
    let mut authors = Vec::new();
    let mut outlet = None;
    let n = parts.len();
    for (k, &(s, e)) in parts.iter().enumerate() {
        let raw = &rest[s..e];
        let trimmed = raw.trim().trim_end_matches('.');
        if trimmed.is_empty() {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let abs = (rest_start + s + lead, rest_start + s + lead + trimmed.len());
        let is_last = k + 1 == n;
        if is_role(trimmed) || trimmed.chars().all(|c| c.is_lowercase()) {
            continue;
        }
        // A date or a number among the parts ("| The Coastal Record | 02/03/2019") is neither.
        let is_date =
            find_date(trimmed).is_some_and(|d| d.start == 0 && d.end >= trimmed.len() - 1);
        if is_date || !trimmed.chars().any(char::is_alphabetic) {
            continue;
        }
        let clean = strip_honorific(trimmed);
        let looks_name =
            name_like(clean) || (clean.split_whitespace().count() == 1 && k > 0 && !is_last);
        if (is_last || k > 0)
            && !looks_name
            && (outlet_like(trimmed) || k > 0)
            && !authors.is_empty()
        {
            outlet = outlet.or(Some(abs));
            continue;
        }
        let off = trimmed.len() - clean.len();
        authors.push((title_case_name(clean), (abs.0 + off, abs.1)));
    }
    (authors, outlet)
}

/// Classifies one trimmed line.
pub(crate) fn classify(text: &str) -> Info {
    let chars = text.chars().count();
    // One pass over the words: how many, the last, and how many content words are capitalised.
    let (mut words, mut content_words, mut capitalised_words) = (0usize, 0usize, 0usize);
    let mut last_word = "";
    for w in words_of(text) {
        words += 1;
        last_word = w;
        if !is_function_word(w) {
            content_words += 1;
            if w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                capitalised_words += 1;
            }
        }
    }
    let last = text.chars().last().unwrap_or(' ');
    let trimmed_end = text.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    let ends_sentence = trimmed_end.ends_with(['.', '!', '?', '…'])
        && !trimmed_end.ends_with("...")
        || trimmed_end.ends_with('.');
    let ends_hyphen = last == '-' && text.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic());
    let starts_lower = text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| c.is_lowercase())
        && !text.starts_with(|c: char| c.is_ascii_digit());
    let (letters, upper) = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .fold((0usize, 0usize), |(l, u), c| {
            (l + 1, u + usize::from(c.is_uppercase()))
        });
    let all_caps = letters >= 3 && letters == upper;
    let capitalised = if content_words == 0 {
        0.0
    } else {
        capitalised_words as f32 / content_words as f32
    };
    // "... questioned Mr" / "Khodorkovsky": a title of address never ends a line of its own.
    let honorific = matches!(
        last_word.trim_end_matches('.'),
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "Sen" | "Rep" | "Gen" | "Gov" | "Sir" | "St"
    );
    let ends_open = matches!(last, ',' | ';' | '-' | '–' | '—' | '(' | '&' | '/')
        || honorific
        || (is_function_word(last_word)
            && (all_caps || !last_word.chars().all(|c| c.is_uppercase()))
            && !text.ends_with(['.', '?', '!']));
    let mut info = Info {
        kind: Kind::Body,
        date: None,
        outlet: None,
        authors: Vec::new(),
        chars,
        words,
        ends_sentence,
        ends_query: trimmed_end.ends_with(['?', '!']),
        ends_hyphen,
        starts_lower,
        capitalised,
        all_caps,
        ends_open,
        outlet_like: false,
        name_like: false,
        type_run: None,
        heading: false,
        standfirst: false,
    };
    if words == 0 && !text.chars().any(|c| c.is_alphanumeric()) {
        info.kind = Kind::Ornament;
        return info;
    }
    if chars <= 24 && PAGE_NUMBER.is_match(text) {
        info.kind = Kind::PageNumber;
        return info;
    }
    // "Media Watch Weekly — page 2": a running line that prints its page.
    if words <= 8 && !ends_sentence && PAGE_FOOTER.is_match(text) {
        info.kind = Kind::PageNumber;
        return info;
    }
    let first_word = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '['])
        .to_ascii_lowercase();
    let fw = first_word.trim_end_matches([':', ',', '.']);
    let may_be_aside = text.contains(':')
        || text.contains(" writes ")
        || (text.contains(" is a") && {
            let lower = text.to_ascii_lowercase();
            ASIDE_ROLES.iter().any(|r| lower.contains(r))
        })
        || matches!(
            fw,
            "this"
                | "about"
                | "the"
                | "printed"
                | "reprinted"
                | "published"
                | "republished"
                | "produced"
                | "reproduced"
        );
    if chars <= 160
        && (text.contains(':')
            || text.contains(" by ")
            || text.contains(" By ")
            || fw == "photo"
            || fw == "photograph")
        && CAPTION.is_match(text)
    {
        info.kind = Kind::Caption;
        return info;
    }
    if may_be_aside && SIDEBAR.is_match(text) {
        info.kind = Kind::Sidebar;
        return info;
    }
    if chars <= 40 && CONTENTS.is_match(text) {
        info.kind = Kind::Contents;
        return info;
    }
    if let Some(c) = text.contains(':').then(|| SOURCE.captures(text)).flatten() {
        let m = c.name("rest").expect("group");
        if m.as_str().split_whitespace().count() <= 10 {
            let (s, e) = trim_range(text, m.start(), m.end());
            info.kind = Kind::SourceLine;
            info.outlet = Some((s, e));
            if let Some(d) = find_date(text) {
                info.date = Some(d);
                let before = text[m.start()..d.start]
                    .trim_end_matches(|c: char| c.is_whitespace() || ",|·—–-".contains(c));
                info.outlet = Some(trim_range(text, m.start(), m.start() + before.len()));
            }
            return info;
        }
    }
    let lowercase_by = text
        .trim_start_matches(['-', '–', '—', ' '])
        .starts_with("by ");
    // Every byline form starts with a dash, "By", "Written/Words by", "Reporting by" or "From".
    let byline_start = text
        .trim_start()
        .starts_with(['-', '–', '—', 'B', 'b', 'W', 'R', 'F']);
    if let Some(c) = (byline_start && !lowercase_by)
        .then(|| BYLINE.captures(text))
        .flatten()
    {
        let m = c.name("rest").expect("group");
        let rest = m.as_str();
        let first_upper = rest.chars().next().is_some_and(|c| c.is_uppercase());
        // "— Jane Roe": a dash instead of "By"; only a person's name may follow.
        let dash_form = !text[..m.start()].chars().any(char::is_alphabetic);
        let dash_ok = !dash_form
            || (words <= 8 && !text.ends_with(['.', '"', '”']) && {
                let first_part = rest.split([',', '|', '·']).next().unwrap_or(rest);
                name_like(first_part.trim())
            });
        if first_upper && dash_ok && words <= 24 && !ends_sentence_long(text) {
            let (mut authors, outlet) = parse_byline(text, m.start());
            let date = find_date(text);
            if let Some(d) = date {
                authors.retain(|(_, (s, e))| *e <= d.start || *s >= d.end);
            }
            if !authors.is_empty()
                && authors
                    .iter()
                    .all(|(a, _)| a.split_whitespace().count() <= 5)
            {
                info.kind = Kind::Byline;
                info.authors = authors;
                info.outlet = outlet;
                info.date = date;
                return info;
            }
        }
    }
    if chars <= 120 {
        if let Some(d) = find_date(text) {
            let before = &text[..d.start];
            let after = &text[d.end..];
            let sep = |c: char| c.is_whitespace() || ",|·—–-/:•".contains(c);
            let b = before.trim_matches(sep);
            let a = after.trim_matches(sep);
            let label = |s: &str| {
                let l = s.to_lowercase();
                matches!(
                    l.trim_end_matches(':'),
                    "published"
                        | "posted"
                        | "date"
                        | "updated"
                        | "dated"
                        | "first published"
                        | "on"
                )
            };
            if (b.is_empty() || label(b)) && (a.is_empty() || is_time(a)) {
                info.kind = Kind::Date;
                info.date = Some(d);
                return info;
            }
            if MASTHEAD_ISSUE.is_match(text) {
                info.kind = Kind::Masthead;
                info.date = Some(d);
                return info;
            }
            let (other, off) = if a.is_empty() {
                (b, before.find(b).unwrap_or(0))
            } else if b.is_empty() {
                (a, d.end + after.find(a).unwrap_or(0))
            } else {
                ("", 0)
            };
            if !other.is_empty()
                && other.split_whitespace().count() <= 8
                && (other
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    || DOMAIN.is_match(other))
                && !other.ends_with('.')
            {
                info.kind = Kind::OutletDate;
                info.date = Some(d);
                info.outlet = Some((off, off + other.len()));
                return info;
            }
        }
    }
    if (chars <= 240 && DISCLAIMER.is_match(text))
        || COMPILED_BY.is_match(text)
        || (words <= 10 && !ends_sentence && DIGEST_NAME.is_match(text))
        || (chars <= 60 && !ends_sentence && MASTHEAD_ISSUE.is_match(text))
    {
        info.kind = Kind::Masthead;
        return info;
    }
    if words <= 10 {
        // A line in lower case can only be a web address among outlets, and no name.
        if !starts_lower {
            info.outlet_like = outlet_like(text);
            let outlet = info.outlet_like;
            info.name_like = name_like_unless(text, |t| {
                // `name_like` asks of the text without honorifics; that is the text itself
                // unless one was stripped.
                if t.len() == text.trim().len() {
                    outlet
                } else {
                    outlet_like(t)
                }
            }) && (!all_caps || known_given_name(text));
        } else if text.contains('.') {
            info.outlet_like = outlet_like(text);
        }
    }
    let short = words <= 16
        && chars <= 110
        && (!starts_lower || info.outlet_like)
        && !text.ends_with([',', ';', ':'])
        && !ends_hyphen
        && (!ends_sentence
            || info.outlet_like
            || text.ends_with(['?', '!'])
            || (info.name_like && text.ends_with('.')));
    if short {
        info.kind = Kind::Short;
    }
    info
}

fn ends_sentence_long(text: &str) -> bool {
    text.ends_with('.') && text.split_whitespace().count() > 12
}

fn is_time(s: &str) -> bool {
    let s = s.trim();
    s.len() <= 16 && s.chars().next().is_some_and(|c| c.is_ascii_digit()) && s.contains(':')
}

fn trim_range(text: &str, s: usize, e: usize) -> (usize, usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim().trim_end_matches(['.', ',', ';']);
    (s + lead, s + lead + t.len())
}

/// A list of names without "By" ("Leila Rahman, Jonas Kessler and Jonas Sorensen, Sahel"):
/// the authors and the outlet that may end it. Only lines in a heading are read this way.
pub(crate) fn name_list(text: &str) -> Option<(Names, Option<Range>)> {
    if text.chars().count() > 90 || text.ends_with(['.', ',', ';']) {
        return None;
    }
    // Lower-cased only for the lines that get this far (issue #16).
    let lower = text.to_lowercase();
    if lower.ends_with(" and")
        || !(text.contains(',') || lower.contains(" and ") || text.contains(" & "))
    {
        return None;
    }
    let (mut authors, mut outlet) = parse_byline(text, 0);
    // A last part that is no known person is the outlet ("..., La Voce del Porto").
    if outlet.is_none() && authors.len() >= 2 {
        let (last, range) = authors.last().expect("non-empty").clone();
        if !known_given_name(&last) {
            authors.pop();
            outlet = Some(range);
        }
    }
    let parts = text
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .filter(|p| !p.trim().is_empty())
        .count();
    let named = authors
        .iter()
        .filter(|(a, _)| name_like(a) && known_given_name(a))
        .count();
    (!authors.is_empty()
        && named == authors.len()
        && authors.len() + usize::from(outlet.is_some()) >= parts.max(2))
    .then_some((authors, outlet))
}

/// A second, looser reading of a short line used by `split`: a wrapped body line that happens to
/// be short ends with a function word, a comma or a hyphen.
pub(crate) fn headline_like(info: &Info) -> bool {
    info.kind == Kind::Short && !info.ends_open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_by_key_as_by_comparison() {
        let slow =
            |w: &str| w.len() <= 6 && FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w));
        let mut words: Vec<String> = FUNCTION_WORDS.iter().map(|w| w.to_string()).collect();
        words.extend(FUNCTION_WORDS.iter().map(|w| w.to_uppercase()));
        words.extend(
            [
                "Told", "aN", "ab", "", "theirs", "a\0", "thé", "ſo", "ABOUT", "x",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(is_function_word(w), slow(w), "{w:?}");
        }
    }

    #[test]
    fn word_lists_by_set_as_by_lower_cased_copies() {
        // The word tests as they were before issue #16 (a lower-cased `String` per word).
        let is_role_before = |part: &str| {
            let words: Vec<String> = words_of(part).map(|w| w.to_lowercase()).collect();
            !words.is_empty()
                && words.len() <= 6
                && words.iter().any(|w| {
                    ROLE_WORDS
                        .iter()
                        .any(|r| w == r || w.split('-').any(|p| p == *r))
                })
                && !words.iter().any(|w| {
                    OUTLET_WORDS.contains(&w.as_str()) && !ROLE_WORDS.contains(&w.as_str())
                })
        };
        let media_before =
            |t: &str| words_of(t).any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()));
        let role_before =
            |t: &str| words_of(t).any(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()));
        let texts = [
            "Senior Correspondent",
            "Co-Editor-in-Chief",
            "Chief Editor, Daily Times",
            "The WEEKLY Gazette",
            "Wee\u{212a}ly Gazette",
            "STAFF WRITER",
            "Σ ΣΑΣ Times",
            "İstanbul Bureau Chief",
            "a b c d e f editor",
            "a b c d e editor",
            "",
            "—",
            "Broadcastingcorporationverylongwordthatgoesonandonandonandonandon editor",
            "Mr. SMITH",
            "Dr. Jane Roe",
            "Prof Karl Marx",
            "MME. Curie",
        ];
        for t in texts {
            assert_eq!(is_role(t), is_role_before(t), "{t:?}");
            assert_eq!(has_media_word(t), media_before(t), "{t:?}");
            assert_eq!(is_role_anywhere(t), role_before(t), "{t:?}");
            for w in t.split_whitespace() {
                with_lower(w, |l| assert_eq!(l, w.to_lowercase()));
            }
        }
    }

    fn authors(line: &str) -> Vec<String> {
        classify(line).authors.into_iter().map(|a| a.0).collect()
    }

    #[test]
    fn bylines() {
        assert_eq!(authors("By Ruth Fischer"), vec!["Ruth Fischer"]);
        assert_eq!(
            authors("By Dr. Ruth Varga, David Prentice and Thomas Ellison"),
            vec!["Ruth Varga", "David Prentice", "Thomas Ellison"]
        );
        assert_eq!(
            authors("BY NADIA ELLISON AND AHMED ELLISON"),
            vec!["Nadia Ellison", "Ahmed Ellison"]
        );
        let c = classify("Reporting by Ana Ruiz and Ben Short | The Coastal Record | 02/03/2019");
        assert_eq!(c.kind, Kind::Byline);
        let (s, e) = c.outlet.expect("outlet");
        assert_eq!(
            &"Reporting by Ana Ruiz and Ben Short | The Coastal Record | 02/03/2019"[s..e],
            "The Coastal Record"
        );
        assert_eq!(
            authors("By Mei Zielinski, Markets Correspondent"),
            vec!["Mei Zielinski"]
        );
        assert_eq!(
            authors("By Patrick Nakamura, Ingrid Mahler & Daniel Hughes"),
            vec!["Patrick Nakamura", "Ingrid Mahler", "Daniel Hughes"]
        );
        let line = "By Thomas Lindqvist, Lagos Business Day Review";
        let info = classify(line);
        assert_eq!(info.kind, Kind::Byline);
        let (s, e) = info.outlet.unwrap();
        assert_eq!(&line[s..e], "Lagos Business Day Review");
        assert_eq!(
            classify("by the way, this is body text that goes on").kind,
            Kind::Body
        );
    }

    #[test]
    fn dates_and_outlets() {
        assert_eq!(classify("August 16, 2017").kind, Kind::Date);
        assert_eq!(classify("Published: 2005-01-12").kind, Kind::Date);
        let line = "Baltic Monitor, Wed 5 Oct 2005";
        let info = classify(line);
        assert_eq!(info.kind, Kind::OutletDate);
        let (s, e) = info.outlet.unwrap();
        assert_eq!(&line[s..e], "Baltic Monitor");
        let line = "1987-07-28 — Der Morgenkurier";
        let info = classify(line);
        assert_eq!(info.kind, Kind::OutletDate);
        let (s, e) = info.outlet.unwrap();
        assert_eq!(&line[s..e], "Der Morgenkurier");
        assert_eq!(classify("Issue 50 | 2005-01-14").kind, Kind::Masthead);
        assert!(classify("La Voce del Porto").outlet_like);
        assert_eq!(
            classify("Media Watch Weekly — page 2").kind,
            Kind::PageNumber
        );
        assert_eq!(
            classify("Harbour Digest, p. 12 of 40").kind,
            Kind::PageNumber
        );
        assert_ne!(classify("The report is on page 2").kind, Kind::PageNumber);
        assert_eq!(
            classify("Kestrel Partners — Media Monitoring").kind,
            Kind::Masthead
        );
        assert_eq!(classify("Shipping Press Review").kind, Kind::Masthead);
        assert_ne!(
            classify("The review of press rules was published on Monday.").kind,
            Kind::Masthead
        );
        assert_eq!(
            classify("Source: Granite City Tribune").kind,
            Kind::SourceLine
        );
    }

    #[test]
    fn furniture_kinds() {
        assert_eq!(classify("– 1 –").kind, Kind::PageNumber);
        assert_eq!(classify("Page 2 of 12").kind, Kind::PageNumber);
        assert_eq!(classify("* * *").kind, Kind::Ornament);
        assert_eq!(
            classify("File photo: Harbour Photo Service").kind,
            Kind::Caption
        );
        assert_eq!(
            classify("About the author: A. B. writes on markets.").kind,
            Kind::Sidebar
        );
        assert_eq!(classify("In this issue").kind, Kind::Contents);
    }

    #[test]
    fn names_and_outlets() {
        assert!(outlet_like("The Civic Forum"));
        assert!(outlet_like("newsdesk24.com"));
        assert!(!outlet_like("Emily Carvalho"));
        assert!(name_like("Emily Carvalho"));
        assert!(name_like("Dr. Kofi Hughes"));
        assert!(!name_like("Capital Observer"));
        assert!(!name_like("Help in Patrolling Gulf"));
    }

    #[test]
    fn short_lines() {
        assert_eq!(classify("Independent Chairman").kind, Kind::Short);
        assert_eq!(classify("the city of Tirana.").kind, Kind::Body);
        assert!(classify("The strikes were called off by the").ends_open);
        assert!(classify("Mr Lebrun and Mr").ends_open);
        assert!(!classify("Strikes called off").ends_open);
    }
}
