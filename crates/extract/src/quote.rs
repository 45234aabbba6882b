//! Direct quotations and who said them.
//!
//! A quotation is text between double quote marks (straight `"`, curly `“ ”`, `„`, `« »`; a `”`
//! after a space opens, as some outlets print), across line and column breaks, of at least three
//! words; or between single marks (`‘…’`, British style) when a speaker is found. Its speaker is looked for in the clause right after the closing mark ("…,” said X",
//! "…,” X told reporters", "…,” tweeted one user", "…”\[4\] wrote one commenter") and, failing
//! that, in the clause before the opening mark ("X said: “…", "According to X, “…", "X: “…",
//! "She says: “…"). A speaker is a tagged person (else organisation) in that clause, a noun
//! phrase such as "one user", or a pronoun, resolved to the last person named before the quote
//! who is not the object of a preposition ("the mother *of* X" does not make X a "she") and whose
//! given name is not mostly borne by the other sex.
//! Quotes of fewer than eight words with no speaker are taken for scare quotes and left out.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::alias::Linked;
use crate::token::{tokenize, Token};
use crate::EntityType;

/// A direct quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the quoted text (inside the marks).
    pub start: usize,
    /// Byte offset one past the quoted text.
    pub end: usize,
    /// Who said it, when found.
    pub speaker: Option<Speaker>,
}

/// The words naming a quotation's speaker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Speaker {
    /// Byte offset of the speaker's words (a name, a pronoun or a phrase like "one user").
    pub start: usize,
    /// Byte offset one past them.
    pub end: usize,
    /// The entity group ([`Linked::groups`]) it resolves to, if any.
    pub group: Option<usize>,
}

const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "stated",
    "states",
    "declared",
    "declares",
    "wrote",
    "writes",
    "tweeted",
    "tweets",
    "posted",
    "explained",
    "explains",
    "noted",
    "notes",
    "asked",
    "asks",
    "insisted",
    "insists",
    "argued",
    "argues",
    "claimed",
    "claims",
    "warned",
    "warns",
    "continued",
    "replied",
    "recalled",
    "announced",
    "commented",
    "remarked",
    "observed",
    "stressed",
    "emphasised",
    "emphasized",
    "concluded",
    "acknowledged",
    "admitted",
    "read",
    "reads",
    "according",
    "quoted",
    "quipped",
    "urged",
    "alleged",
    "testified",
    "wrote:",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we"];
const DETERMINERS: &[&str] = &[
    "one", "a", "an", "the", "another", "some", "many", "several", "his", "her", "their",
];
const PREPOSITIONS: &[&str] = &[
    "of", "by", "to", "with", "for", "from", "about", "against", "on", "at", "in",
];

fn is_open_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{AB}')
}
fn is_close_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{201C}' | '\u{BB}')
}

/// The quoted stretches of `text`: byte ranges inside the marks.
fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev = ' ';
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map_or(' ', |&(_, n)| n);
        match open {
            None => {
                let opens = is_open_mark(c)
                    && (prev.is_whitespace() || "([{:—–-,;".contains(prev) || i == 0)
                    && !next.is_whitespace();
                if opens {
                    open = Some(i + c.len_utf8());
                }
            }
            Some(s) => {
                if i - s > 4000 {
                    open = None; // never closed: not a quote
                } else if c == '\u{201C}' && !prev.is_whitespace() || !is_close_mark(c) {
                    // an opening curly mark inside means the first one was never closed
                    if c == '\u{201C}' && prev.is_whitespace() && !next.is_whitespace() {
                        open = Some(i + c.len_utf8());
                    }
                } else if !prev.is_whitespace() || c != '"' {
                    out.push((s, i));
                    open = None;
                }
            }
        }
        prev = c;
    }
    out
}

/// Stretches between single quote marks (`‘…’`, `'…'`), as British outlets print quotations.
/// An opening mark follows a space or bracket and comes before a letter; a closing one follows a
/// non-space and comes before a space, punctuation or the end (so "O’Brien" and "don’t" are no
/// marks). Not over 1,500 bytes, not across a blank line.
fn single_quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev = ' ';
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map_or(' ', |&(_, n)| n);
        match open {
            None => {
                if matches!(c, '\u{2018}' | '\'')
                    && (prev.is_whitespace() || "([{:—–".contains(prev))
                    && next.is_alphanumeric()
                {
                    open = Some(i + c.len_utf8());
                }
            }
            Some(s) => {
                if i - s > 1500 || c == '\n' && prev == '\n' {
                    open = None;
                } else if matches!(c, '\u{2019}' | '\'')
                    && !prev.is_whitespace()
                    && (next.is_whitespace() || ",.;:!?)—–".contains(next) || iter.peek().is_none())
                {
                    out.push((s, i));
                    open = None;
                }
            }
        }
        prev = c;
    }
    out
}

/// Finds the quotations of a text and their speakers, given its linked names.
///
/// Double quote marks make a quotation with or without a speaker (if long enough); single
/// marks only with a speaker, since they also mark scare quotes and titles.
pub fn quotes(text: &str, linked: &Linked) -> Vec<Quote> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let double = quoted_spans(text);
    let single = single_quoted_spans(text)
        .into_iter()
        .filter(|&(a, b)| !double.iter().any(|&(c, d)| a < d && c < b));
    let spans = double
        .iter()
        .map(|&(a, b)| (a, b, false))
        .chain(single.map(|(a, b)| (a, b, true)));
    for (qs, qe, single) in spans {
        let words = text[qs..qe]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        if words < 3 {
            continue;
        }
        let first = tokens.partition_point(|t| t.end <= qs);
        let after = tokens.partition_point(|t| t.start < qe + 1);
        let mut speaker = speaker_after(text, &tokens, after, linked);
        if speaker.is_none() && first > 0 {
            speaker = speaker_before(text, &tokens, first - 1, linked);
        }
        if let Some(sp) = &mut speaker {
            if sp.group.is_none() {
                let w = text[sp.start..sp.end].to_lowercase();
                if PRONOUNS.contains(&w.as_str()) {
                    sp.group = resolve_pronoun(text, &w, qs, linked);
                }
            }
        }
        if speaker.is_none() && (words < 8 || single) {
            continue;
        }
        out.push(Quote {
            start: qs,
            end: qe,
            speaker,
        });
    }
    out.sort_by_key(|q| q.start);
    out
}

fn is_sentence_end(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…" | "...")
}

/// The speaker in the clause that starts at token `from` (right after a closing mark).
fn speaker_after(text: &str, tokens: &[Token], from: usize, linked: &Linked) -> Option<Speaker> {
    let mut i = from;
    // skip footnote marks "[4]" and commas
    while i < tokens.len() {
        let t = tokens[i].text(text);
        if t == "," || t == "[" || t == "]" || t.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
        } else {
            break;
        }
    }
    let end = (i..tokens.len().min(i + 12))
        .find(|&j| {
            is_sentence_end(tokens[j].text(text)) || tokens[j].text(text).starts_with(is_open_mark)
        })
        .unwrap_or(tokens.len().min(i + 12));
    if i >= end {
        return None;
    }
    let verb = (i..end).find(|&j| is_speech_verb(tokens[j].text(text)))?;
    // verb first: "said Smith", "tweeted one user"; else subject first: "Smith said", "she says"
    if verb == i {
        subject(text, tokens, verb + 1, end, linked)
    } else {
        subject(text, tokens, i, verb, linked)
    }
}

/// The speaker in the clause that ends at token `last` (right before an opening mark).
fn speaker_before(text: &str, tokens: &[Token], last: usize, linked: &Linked) -> Option<Speaker> {
    let lo = last.saturating_sub(30);
    let start = (lo..=last)
        .rev()
        .find(|&j| {
            is_sentence_end(tokens[j].text(text))
                || tokens[j].text(text).starts_with(is_close_mark) && j != last
        })
        .map_or(lo, |j| j + 1);
    if start > last {
        return None;
    }
    let colon = tokens[last].text(text) == ":" || tokens[last].text(text) == ",";
    if let Some(v) = (start..=last)
        .rev()
        .find(|&j| is_speech_verb(tokens[j].text(text)))
    {
        if tokens[v].text(text).eq_ignore_ascii_case("according") {
            return subject(text, tokens, v + 2, last + 1, linked);
        }
        if let Some(s) = subject(text, tokens, start, v, linked) {
            return Some(s);
        }
        return subject(text, tokens, v + 1, last + 1, linked);
    }
    if colon && last > start {
        // "X: “…"
        return subject(text, tokens, start, last, linked);
    }
    None
}

fn is_speech_verb(t: &str) -> bool {
    SPEECH_VERBS.iter().any(|v| v.eq_ignore_ascii_case(t))
}

/// The speaker among tokens `a..b`: a person, else an organisation, else a pronoun, else
/// another name, else a phrase like "one user". The first of a kind in the clause wins (a
/// subject comes before what it says more often than not).
fn subject(text: &str, tokens: &[Token], a: usize, b: usize, linked: &Linked) -> Option<Speaker> {
    if a >= b || b > tokens.len() {
        return None;
    }
    let (s, e) = (tokens[a].start, tokens[b - 1].end);
    let named = |m: &crate::alias::Mention| Speaker {
        start: officials_of(text, s, m.start),
        end: m.end,
        group: Some(m.group),
    };
    let inside = |m: &&crate::alias::Mention| m.start >= s && m.end <= e;
    for kind in [EntityType::Person, EntityType::Organization] {
        if let Some(m) = linked
            .mentions
            .iter()
            .filter(inside)
            .find(|m| m.kind == kind)
        {
            return Some(named(m));
        }
    }
    for tok in &tokens[a..b] {
        if PRONOUNS.contains(&tok.text(text).to_lowercase().as_str()) {
            return Some(Speaker {
                start: tok.start,
                end: tok.end,
                group: None,
            });
        }
    }
    if let Some(m) = linked
        .mentions
        .iter()
        .filter(inside)
        .find(|m| m.kind != EntityType::Misc)
    {
        return Some(named(m));
    }
    for j in a..b {
        let lower = tokens[j].text(text).to_lowercase();
        if DETERMINERS.contains(&lower.as_str()) {
            // "one user", "a senior official", "the commenter"
            let mut k = j + 1;
            while k < b && k < j + 4 && tokens[k].text(text).chars().all(char::is_alphabetic) {
                if is_speech_verb(tokens[k].text(text)) {
                    break;
                }
                k += 1;
            }
            if k > j + 1 {
                return Some(Speaker {
                    start: tokens[j].start,
                    end: tokens[k - 1].end,
                    group: None,
                });
            }
        }
    }
    None
}

/// Where a speaker phrase like "Officials of the Islamic Republic" starts, given where its name
/// starts (`name`) and the start of its clause: back over "Word of (the)".
fn officials_of(text: &str, clause: usize, name: usize) -> usize {
    let before = &text[clause..name];
    let words: Vec<&str> = before.split_whitespace().collect();
    match words.as_slice() {
        [.., w, "of", "the"] | [.., w, "of"] if w.chars().all(char::is_alphabetic) => {
            before.rfind(w).map_or(name, |i| clause + i)
        }
        _ => name,
    }
}

/// The group of the last person named before `at` who is not the object of a preposition.
/// "they" also takes organisations.
fn resolve_pronoun(text: &str, pronoun: &str, at: usize, linked: &Linked) -> Option<usize> {
    if pronoun == "i" || pronoun == "we" {
        return None;
    }
    linked
        .mentions
        .iter()
        .rev()
        .filter(|m| m.end <= at)
        .take_while(|m| at - m.end < 600)
        .take(12)
        .find(|m| {
            let fits = m.kind == EntityType::Person
                || pronoun == "they" && m.kind == EntityType::Organization;
            // the word before, skipping one determiner: "by the X", "of X"
            let mut before = text[..m.start]
                .split_whitespace()
                .rev()
                .map(str::to_lowercase);
            let mut w = before.next().unwrap_or_default();
            if matches!(w.as_str(), "the" | "a" | "an" | "his" | "her" | "their") {
                w = before.next().unwrap_or_default();
            }
            fits && !PREPOSITIONS.contains(&w.as_str())
                && sex_fits(
                    pronoun,
                    &linked.groups[m.group].name,
                    text[..m.start].split_whitespace().next_back().unwrap_or(""),
                )
        })
        .map(|m| m.group)
}

/// False when "he" or "she" cannot be the person named `name`: the word before the mention
/// (`title`: "Mrs.", "Mr.") or a given name borne mostly by the other sex (US census lists)
/// says so. Unknown names fit both.
fn sex_fits(pronoun: &str, name: &str, title: &str) -> bool {
    static GIVEN: OnceLock<HashMap<&'static str, char>> = OnceLock::new();
    let given = GIVEN.get_or_init(|| {
        include_str!("../data/given-name-gender.txt")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(n, s)| Some((n, s.chars().next()?)))
            .collect()
    });
    let want = match pronoun {
        "he" => 'M',
        "she" => 'F',
        _ => return true,
    };
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    let title = title.trim_end_matches('.').to_lowercase();
    let by_title = if [
        "mrs", "ms", "miss", "madam", "madame", "mme", "lady", "dame",
    ]
    .contains(&title.as_str())
    {
        Some('F')
    } else if ["mr", "sir", "lord", "mister"].contains(&title.as_str()) {
        Some('M')
    } else {
        None
    };
    match by_title.or_else(|| given.get(first.as_str()).copied()) {
        Some(sex) => sex == want,
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::quoted_spans;

    #[test]
    fn marks() {
        let t = "He said “one two three” and \"four five six\" and ”seven eight nine”.";
        let q: Vec<&str> = quoted_spans(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(q, ["one two three", "four five six", "seven eight nine"]);
    }
}
