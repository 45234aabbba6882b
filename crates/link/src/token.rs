//! Words of a body as normalised hashes with their byte spans, and whether they stand in quotes.
//!
//! Normalisation is what makes two printings of one text compare equal: letters are lower-cased,
//! punctuation is a separator, apostrophes inside a word vanish (`don’t` = `don't` = `dont`),
//! soft hyphens vanish, and a hyphen between letters or at a line end joins the two parts
//! (`co-operate` = `cooperate`, `trans-\nport` = `transport`, `well-\nknown` = `well-known`).

/// One word of a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte in the body.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Hash of the normalised word.
    pub hash: u64,
    /// Inside quotation marks.
    pub quoted: bool,
    /// A function word ("the", "of", "said"): it never makes a signal on its own.
    pub stop: bool,
}

/// English function words; a shingle of these alone says nothing about reuse.
const STOP: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her",
    "his", "i", "if", "in", "into", "is", "it", "its", "more", "mr", "mrs", "ms", "new", "no",
    "not", "of", "on", "one", "or", "our", "out", "over", "said", "says", "she", "so", "some",
    "than", "that", "the", "their", "them", "there", "they", "this", "to", "two", "up", "was",
    "we", "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits `text` into [`Token`]s.
///
/// ```
/// let t = cuttings_link::tokenize("He said: “Co-operate, don’t fight.”");
/// let words: Vec<&str> = t.iter().map(|t| &"He said: “Co-operate, don’t fight.”"[t.start as usize..t.end as usize]).collect();
/// assert_eq!(words, ["He", "said", "Co-operate", "don’t", "fight"]);
/// assert!(!t[1].quoted && t[2].quoted && t[4].quoted);
/// assert_eq!(t[2].hash, cuttings_link::tokenize("cooperate")[0].hash);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut word = WordHash::EMPTY;
    let mut start = 0usize;
    let mut end = 0usize;
    let mut quoted_at_start = false;
    let mut double = false;
    let mut single = false;
    let stops = stop_hashes();
    let flush =
        |word: &mut WordHash, start: usize, end: usize, quoted: bool, out: &mut Vec<Token>| {
            if word.len == 0 {
                return;
            }
            let hash = word.finish();
            out.push(Token {
                start: start as u32,
                end: end as u32,
                hash,
                quoted,
                stop: stops.contains(hash),
            });
            *word = WordHash::EMPTY;
        };
    // The character at byte `at`, and its length.
    let char_at = |at: usize| -> Option<char> {
        if at >= bytes.len() {
            None
        } else if bytes[at] < 0x80 {
            Some(bytes[at] as char)
        } else {
            text[at..].chars().next()
        }
    };
    let mut prev: Option<char> = None;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // ASCII letters and digits: the fast path.
        if b.is_ascii_alphanumeric() {
            if word.len == 0 {
                start = at;
                quoted_at_start = double || single;
            }
            word.push(b.to_ascii_lowercase());
            at += 1;
            end = at;
            prev = Some(b as char);
            continue;
        }
        let c = char_at(at).expect("in bounds");
        let len = c.len_utf8();
        let next = char_at(at + len);
        let in_word = word.len > 0;
        if c.is_alphanumeric() {
            if word.len == 0 {
                start = at;
                quoted_at_start = double || single;
            }
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for &b in l.encode_utf8(&mut buf).as_bytes() {
                    word.push(b);
                }
            }
            at += len;
            end = at;
            prev = Some(c);
            continue;
        }
        if c == '\u{00AD}' && in_word {
            at += len;
            continue;
        }
        let is_word = |c: char| c.is_alphanumeric();
        if in_word && is_apostrophe(c) && next.is_some_and(is_word) {
            // An apostrophe inside a word ("don't", "O’Brien") joins; a closing single quote
            // right after a word ("the ‘end’.") does not, since no letter follows.
            at += len;
            continue;
        }
        if in_word && is_hyphen(c) {
            if next.is_some_and(is_word) {
                at += len;
                continue;
            }
            // A hyphen at a line end, with the word going on in lower case on the next line.
            let mut m = at + len;
            let mut newline = false;
            while m < bytes.len() && matches!(bytes[m], b' ' | b'\t' | b'\r' | b'\n') {
                newline |= bytes[m] == b'\n';
                m += 1;
            }
            if newline && char_at(m).is_some_and(char::is_lowercase) {
                at = m;
                continue;
            }
        }
        flush(&mut word, start, end, quoted_at_start, &mut out);
        match c {
            '"' => double = !double,
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => double = true,
            '\u{201D}' | '\u{00BB}' => double = false,
            '\u{2018}' | '\'' if !prev.is_some_and(is_word) && next.is_some_and(is_word) => {
                single = true
            }
            '\u{2019}' | '\'' if single && !next.is_some_and(is_word) => single = false,
            '\n' if matches!(next, Some('\n' | '\r')) => {
                // A paragraph ends every quotation: news opens each quoted paragraph anew, and a
                // stray mark must not swallow the rest of the article.
                double = false;
                single = false;
            }
            _ => {}
        }
        prev = Some(c);
        at += len;
    }
    flush(&mut word, start, end, quoted_at_start, &mut out);
    out
}

/// FNV-1a over the bytes of a normalised word, as they come, then a 64-bit finaliser: no
/// buffer and no second pass (this runs once per word of every article compared).
#[derive(Clone, Copy)]
struct WordHash {
    h: u64,
    len: u32,
}

impl WordHash {
    const EMPTY: WordHash = WordHash {
        h: 0xcbf2_9ce4_8422_2325,
        len: 0,
    };

    #[inline]
    fn push(&mut self, b: u8) {
        self.h = (self.h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        self.len += 1;
    }

    fn finish(self) -> u64 {
        crate::sketch::mix(self.h ^ (u64::from(self.len) << 56))
    }
}

fn word_hash(word: &[u8]) -> u64 {
    let mut h = WordHash::EMPTY;
    for &b in word {
        h.push(b);
    }
    h.finish()
}

/// The hashes of [`STOP`] in a small open-addressing table (one look-up per word).
struct StopSet([u64; 256]);

impl StopSet {
    fn contains(&self, h: u64) -> bool {
        let mut i = (h >> 56) as usize;
        loop {
            match self.0[i] {
                0 => return false,
                x if x == h => return true,
                _ => i = (i + 1) & 255,
            }
        }
    }
}

fn stop_hashes() -> &'static StopSet {
    static SET: std::sync::OnceLock<StopSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut t = [0u64; 256];
        for w in STOP {
            let h = word_hash(w.as_bytes());
            let mut i = (h >> 56) as usize;
            while t[i] != 0 {
                i = (i + 1) & 255;
            }
            t[i] = h;
        }
        StopSet(t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        tokenize(text)
            .iter()
            .map(|t| (&text[t.start as usize..t.end as usize], t.quoted))
            .collect()
    }

    fn hashes(text: &str) -> Vec<u64> {
        tokenize(text).iter().map(|t| t.hash).collect()
    }

    #[test]
    fn stop_list_is_sorted() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn case_punctuation_and_quotes_do_not_matter() {
        assert_eq!(
            hashes("The Minister's plan -- \"bold\", they said."),
            hashes("the minister’s plan: “bold” they SAID")
        );
    }

    #[test]
    fn hyphenation_joins() {
        assert_eq!(
            hashes("trans-\nport co-operate"),
            hashes("transport cooperate")
        );
        assert_eq!(hashes("soft\u{00AD}hyphen"), hashes("softhyphen"));
        // A dash between words is no hyphenation.
        assert_eq!(words("pre- and post-war").len(), 3);
        assert_eq!(words("Ti-\nrana")[0].0, "Ti-\nrana");
    }

    #[test]
    fn quotes_are_marked() {
        let w = words("He said “we will go” and ‘they’ left. \"Yes,\" she said; don't 'go'");
        let quoted: Vec<&str> = w.iter().filter(|w| w.1).map(|w| w.0).collect();
        assert_eq!(quoted, ["we", "will", "go", "they", "Yes", "go"]);
    }

    #[test]
    fn paragraph_ends_quotations() {
        let w = words("He said: “we will go on\n\nand on.");
        assert!(w.iter().find(|w| w.0 == "on").unwrap().1);
        assert!(!w.last().unwrap().1);
    }

    #[test]
    fn spans_are_char_boundaries() {
        let text = "Ça va — «très bien» 東京 naïve";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start as usize));
            assert!(text.is_char_boundary(t.end as usize));
        }
        assert_eq!(words(text)[3], ("bien", true));
    }
}
