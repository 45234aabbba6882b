//! Small text helpers shared by the vocabulary and the repairs: word cores, hyphens, line ends.

/// Hyphen characters that may end a line in the middle of a word.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{00AD}')
}

/// Byte range of a token's core: leading punctuation, trailing punctuation and a possessive
/// (`'s`, `’s`, or a bare trailing apostrophe) cut off. Internal hyphens and apostrophes stay.
///
/// Returns `None` when the token has no letter or digit.
pub(crate) fn core(token: &str) -> Option<(usize, usize)> {
    let start = token.find(char::is_alphanumeric)?;
    let end = token
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())?;
    let mut end = end;
    let s = &token[start..end];
    for poss in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if s.len() > poss.len() + 1 && s.ends_with(poss) {
            end -= poss.len();
            break;
        }
    }
    Some((start, end))
}

/// Lower-cases for look-ups, with the typographic apostrophe folded to `'`.
pub(crate) fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(&mut out, s);
    out
}

/// [`key`] into a reused buffer (cleared first).
pub(crate) fn key_into(out: &mut String, s: &str) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c == '\u{2019}' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// A fast, non-cryptographic hasher for short word keys (the Fx hash of rustc and Firefox).
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// True when `line` ends with a letter or digit followed by a hyphen (a word broken at the line end).
pub(crate) fn ends_with_word_hyphen(line: &str) -> bool {
    let mut it = line.chars().rev();
    matches!((it.next(), it.next()), (Some(h), Some(l)) if is_hyphen(h) && l.is_alphanumeric())
}

/// True when `line` ends a sentence: `.`, `?`, `!` or `…`, possibly followed by closing quotes,
/// brackets or footnote markers.
pub(crate) fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | ')' | ']' | '*' | '\u{2020}'
        ) || matches!(
            c,
            '\u{00B9}' | '\u{00B2}' | '\u{00B3}' | '\u{2070}'..='\u{2079}'
        )
    });
    matches!(trimmed.chars().last(), Some('.' | '?' | '!' | '\u{2026}'))
}

/// True when `line` ends in a way that cannot close a paragraph: not a sentence end, a colon or a
/// semicolon.
pub(crate) fn ends_open(line: &str) -> bool {
    !ends_sentence(line) && !matches!(line.chars().last(), Some(':' | ';'))
}

/// Number of chars in `s`.
pub(crate) fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The typical full-line length of a block of lines: the upper end of the densest cluster of line
/// lengths (lines within 12% of each other), so that a few long joined lines or many short ones do
/// not move it. 0 when empty.
pub(crate) fn typical_width(lens: &[usize]) -> usize {
    let mut v = lens.to_vec();
    v.sort_unstable();
    let (mut best, mut best_n) = (0, 0);
    let mut lo = 0;
    for hi in 0..v.len() {
        while v[lo] * 100 < v[hi] * 88 {
            lo += 1;
        }
        if hi + 1 - lo >= best_n {
            best_n = hi + 1 - lo;
            best = v[hi];
        }
    }
    best
}

/// True when a line of `len` chars is noticeably longer than the `typical` full-line length
/// of its block ([`typical_width`]): where `pdftotext` appended the next line after removing a hyphen.
pub(crate) fn is_long(len: usize, typical: usize) -> bool {
    typical > 0 && len > typical + (typical / 20).max(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores() {
        fn c(t: &str) -> Option<&str> {
            core(t).map(|(s, e)| &t[s..e])
        }
        assert_eq!(c("\u{201C}Rajavi's,"), Some("Rajavi"));
        assert_eq!(c("self-styled."), Some("self-styled"));
        assert_eq!(c("dancies,"), Some("dancies"));
        assert_eq!(c("--"), None);
        assert_eq!(c("4,000-"), Some("4,000"));
        assert_eq!(c("s"), Some("s"));
    }

    #[test]
    fn line_ends() {
        assert!(ends_with_word_hyphen("the Ti-"));
        assert!(!ends_with_word_hyphen("the war -"));
        assert!(ends_with_word_hyphen("4,000-"));
        assert!(!ends_with_word_hyphen("--"));
        assert!(ends_sentence("he said.\u{201D}"));
        assert!(!ends_sentence("it ends.12"));
        assert!(ends_sentence("really?)"));
        assert!(!ends_sentence("and so,"));
        assert!(ends_open("and so,"));
        assert!(!ends_open("as follows:"));
    }

    #[test]
    fn widths() {
        assert!(is_long(80, 60));
        assert_eq!(
            typical_width(&[33, 52, 56, 57, 59, 60, 61, 62, 62, 62, 100, 102, 106, 121, 140]),
            62
        );
        assert_eq!(typical_width(&[]), 0);
        assert!(!is_long(62, 60));
    }
}
