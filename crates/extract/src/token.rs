//! Tokens with byte offsets, and sentences over them.
//!
//! The tokenizer follows the conventions of English news NER data (CoNLL-2003): punctuation is a
//! token of its own, hyphenated words stay whole ("Mojahedin-e", "German-born"), the possessive
//! `'s` and the clitic `n't` are split off, and abbreviations keep their full stop ("Mrs.",
//! "U.S.", "J."). Straight and curly quotes, dashes and brackets are single tokens.

/// A token: the half-open byte range `start..end` of the text it was cut from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text in `text` (the string it was cut from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations that keep their full stop (lower case, without the stop).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "gov", "sen",
    "rep", "st", "jr", "sr", "inc", "corp", "ltd", "co", "vs", "etc", "jan", "feb", "mar", "apr",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "pres", "adm", "cmdr",
    "gens", "messrs", "mme", "mlle", "dept", "univ", "assn", "bros", "approx", "fig", "vol", "pp",
    "e.g", "i.e", "al", "ave", "blvd", "sq",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}'
}

/// Cuts `text` into tokens; appends them to `out` (cleared first).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = char_at(text, i);
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        if is_word_char(c) {
            let end = word_end(text, i);
            // n't: "don't" → "do" "n't"
            let w = &text[i..end];
            if let Some(cut) = nt_split(w) {
                out.push(Token {
                    start: i,
                    end: i + cut,
                });
                out.push(Token {
                    start: i + cut,
                    end,
                });
            } else {
                out.push(Token { start: i, end });
            }
            i = end;
            continue;
        }
        // 's after a word: a token of its own
        if is_apostrophe(c) && !out.is_empty() && out.last().unwrap().end == i {
            let rest = &text[i + cl..];
            let mut it = rest.chars();
            if let Some(n) = it.next() {
                if (n == 's' || n == 'S') && it.next().is_none_or(|m| !is_word_char(m)) {
                    out.push(Token {
                        start: i,
                        end: i + cl + 1,
                    });
                    i += cl + 1;
                    continue;
                }
            }
        }
        // runs of the same punctuation ("...", "--", "!!") are one token
        let mut end = i + cl;
        if matches!(c, '.' | '-' | '!' | '?' | '*' | '=' | '_') {
            while end < b.len() && char_at(text, end) == c {
                end += cl;
            }
        }
        out.push(Token { start: i, end });
        i = end;
    }
}

/// Cuts `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut v = Vec::new();
    tokenize_into(text, &mut v);
    v
}

#[inline]
fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or('\0')
    }
}

/// The end of the word that starts at `i`.
fn word_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    let mut all_initials = true; // like "U.S.A": single letters joined by dots
    let mut since_dot = 0usize;
    let mut digits_only = true;
    loop {
        // the word characters
        while i < b.len() {
            let c = char_at(text, i);
            if !is_word_char(c) {
                break;
            }
            if !c.is_ascii_digit() {
                digits_only = false;
            }
            since_dot += 1;
            i += c.len_utf8();
        }
        if since_dot > 1 {
            all_initials = false;
        }
        if i >= b.len() {
            return i;
        }
        let c = char_at(text, i);
        let next = text[i + c.len_utf8()..].chars().next();
        let next_word = next.is_some_and(is_word_char);
        match c {
            _ if is_hyphen(c) && next_word => {}
            _ if is_apostrophe(c) && next_word => {
                // possessive 's stops the word; O'Brien, d'Estaing go on
                let rest = &text[i + c.len_utf8()..];
                let mut it = rest.chars();
                let n = it.next();
                if matches!(n, Some('s' | 'S')) && it.next().is_none_or(|m| !is_word_char(m)) {
                    return i;
                }
            }
            '.' if next_word && all_initials && since_dot == 1 => {
                since_dot = 0;
                i += 1;
                continue;
            }
            '.' | ',' if digits_only && next.is_some_and(|n| n.is_ascii_digit()) => {}
            ':' if digits_only && next.is_some_and(|n| n.is_ascii_digit()) => {}
            '/' if digits_only && next.is_some_and(|n| n.is_ascii_digit()) => {}
            // AT&T, S&P
            '&' if next_word
                && i - start <= 3
                && text[start..i].bytes().all(|b| b.is_ascii_uppercase())
                && next.is_some_and(char::is_uppercase) => {}
            '.' => {
                // a final full stop stays with initials and known abbreviations
                let w = &text[start..i];
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                let single_initial = letters == 1 && w.chars().all(|c| c.is_alphabetic());
                let dotted = w.contains('.') && all_initials;
                if (single_initial && w.chars().all(char::is_uppercase))
                    || dotted
                    || is_abbreviation(w)
                {
                    return i + 1;
                }
                return i;
            }
            _ => return i,
        }
        since_dot = 0;
        all_initials = false;
        i += c.len_utf8();
    }
}

fn is_abbreviation(w: &str) -> bool {
    w.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

/// Where "n't" starts in a word ("don't" → 2), if it ends so.
fn nt_split(w: &str) -> Option<usize> {
    for suffix in ["n't", "n\u{2019}t"] {
        if w.len() > suffix.len() {
            let cut = w.len() - suffix.len();
            if w.is_char_boundary(cut) && w[cut..].eq_ignore_ascii_case(suffix) {
                return Some(cut);
            }
        }
    }
    None
}

/// A sentence: the half-open range `start..end` of token indices.
pub type Sentence = std::ops::Range<usize>;

/// Splits tokens into sentences; appends the token ranges to `out` (cleared first).
///
/// A sentence ends after `.`, `!`, `?` or `…` (and the closing quotes or brackets that follow)
/// when the next token does not start with a lower-case letter, and at every blank line.
/// Titles such as "Mr." never end a sentence. Sentences longer than 300 tokens are cut.
pub fn sentences_into(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    out.clear();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].text(text);
        let mut end_here = false;
        let mut last = i;
        if matches!(t.chars().next(), Some('.' | '!' | '?' | '…')) {
            // closing quotes and brackets stay with the sentence
            while last + 1 < tokens.len()
                && matches!(
                    tokens[last + 1].text(text),
                    "\"" | "'" | "\u{201D}" | "\u{2019}" | ")" | "]" | "\u{BB}"
                )
                && tokens[last + 1].start == tokens[last].end
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(n) => !n.text(text).starts_with(char::is_lowercase),
            };
        }
        if !end_here {
            if let Some(n) = tokens.get(i + 1) {
                let gap = &text[tokens[i].end..n.start];
                if gap.matches('\n').count() >= 2 {
                    end_here = true;
                }
            }
        }
        if !end_here && i + 1 - start >= 300 {
            end_here = true;
        }
        if end_here {
            out.push(start..last + 1);
            start = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn words_and_punctuation() {
        assert_eq!(
            toks("Mrs. Rajavi, the U.S. envoy's aide, said: “No.”"),
            [
                "Mrs.", "Rajavi", ",", "the", "U.S.", "envoy", "'s", "aide", ",", "said", ":", "“",
                "No", ".", "”"
            ]
        );
        assert_eq!(
            toks("Mojahedin-e Khalq (MEK)"),
            ["Mojahedin-e", "Khalq", "(", "MEK", ")"]
        );
        assert_eq!(
            toks("don't O'Brien’s 1,000.5 $3"),
            ["do", "n't", "O'Brien", "’s", "1,000.5", "$", "3"]
        );
        assert_eq!(toks("J. R. Smith..."), ["J.", "R.", "Smith", "..."]);
        assert_eq!(toks("end. Next"), ["end", ".", "Next"]);
        assert_eq!(toks("AT&T"), ["AT&T"]);
    }

    #[test]
    fn sentences() {
        let s = "Mr. Smith left. He said “yes.” Then\n\nA new one and U.S. troops";
        let t = tokenize(s);
        let mut out = Vec::new();
        sentences_into(s, &t, &mut out);
        let got: Vec<String> = out
            .iter()
            .map(|r| {
                t[r.clone()]
                    .iter()
                    .map(|t| t.text(s))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            got,
            [
                "Mr. Smith left .",
                "He said “ yes . ”",
                "Then",
                "A new one and U.S. troops"
            ]
        );
    }
}
