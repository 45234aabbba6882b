//! The document's own vocabulary: how often each word form is printed whole.

use std::collections::HashMap;

use cuttings_model::{Line, Source};

use crate::words::{
    char_len, core, ends_with_word_hyphen, is_long, key_into, typical_width, FxBuild,
};

/// Counts of every word form (lower-cased core, hyphenated forms included) printed whole in a
/// source.
///
/// Fragments of line-end breaks are not counted: neither the `prefix-` that ends a line nor the
/// word that starts the next one. Words on lines noticeably longer than their block are counted
/// apart, since that is where `pdftotext` joins a broken compound onto the line ([`count_normal`]
/// leaves them out).
///
/// [`count_normal`]: Vocabulary::count_normal
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    counts: HashMap<Box<str>, Counts, FxBuild>,
    /// Hyphenated forms by their hyphen-less spelling ("workpractice" → "work-practice").
    dehyphenated: HashMap<Box<str>, Box<str>, FxBuild>,
    buf: String,
}

#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    total: u32,
    normal: u32,
}

impl Vocabulary {
    /// How often the lower-cased form `word` was printed whole, anywhere.
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(word).map_or(0, |c| c.total)
    }

    /// How often `word` was printed whole on a line of normal length.
    pub fn count_normal(&self, word: &str) -> u32 {
        self.counts.get(word).map_or(0, |c| c.normal)
    }

    /// The hyphenated form printed in the document whose spelling without hyphens is `joined`, if
    /// any ("workpractice" → "work-practice").
    pub fn hyphenated(&self, joined: &str) -> Option<&str> {
        self.dehyphenated.get(joined).map(|s| &**s)
    }

    /// Number of distinct forms.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// True when no word was seen.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    fn add(&mut self, form: &str, long: bool) {
        key_into(&mut self.buf, form);
        let k = self.buf.as_str();
        let c = match self.counts.get_mut(k) {
            Some(c) => c,
            None => {
                if k.contains('-') {
                    let joined: String = k.chars().filter(|&c| c != '-').collect();
                    self.dehyphenated
                        .entry(joined.into())
                        .or_insert_with(|| k.into());
                }
                self.counts.entry(k.into()).or_default()
            }
        };
        c.total += 1;
        if !long {
            c.normal += 1;
        }
    }
}

/// Counts the word forms of `lines` (normally every line of the source, not one article's).
///
/// "Normal length" is judged against the typical full-line length of the lines of the same page
/// and column.
pub fn vocabulary(source: &Source, lines: &[Line]) -> Vocabulary {
    let mut vocab = Vocabulary::default();
    let mut i = 0;
    let mut prev_broken = false;
    while i < lines.len() {
        let (page, column) = (lines[i].page, lines[i].column);
        let mut j = i;
        while j < lines.len() && lines[j].page == page && lines[j].column == column {
            j += 1;
        }
        let block = &lines[i..j];
        let lens: Vec<usize> = block
            .iter()
            .map(|l| char_len(source.slice(l.span)))
            .collect();
        let typical = typical_width(&lens);
        for (line, &len) in block.iter().zip(&lens) {
            let text = source.slice(line.span);
            let broken = ends_with_word_hyphen(text);
            let long = is_long(len, typical);
            let mut tokens = text.split_whitespace().peekable();
            let mut first = true;
            while let Some(tok) = tokens.next() {
                let last = tokens.peek().is_none();
                let skip = (first && prev_broken) || (last && broken);
                first = false;
                if skip {
                    continue;
                }
                if let Some((s, e)) = core(tok) {
                    let form = &tok[s..e];
                    if form.chars().any(char::is_alphabetic) {
                        vocab.add(form, long);
                    }
                }
            }
            prev_broken = broken;
        }
        i = j;
    }
    vocab
}

#[cfg(test)]
impl Vocabulary {
    /// Counts `form` once, on a normal line.
    pub(crate) fn add_for_test(&mut self, form: &str) {
        self.add(form, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::plain_lines;

    #[test]
    fn counts_whole_words_only() {
        let src = Source::from_text(
            "t",
            "The self-styled leader's work-\npractice was \u{201C}Work-practice\u{201D} again.\n",
        );
        let lines = plain_lines(&src);
        let v = vocabulary(&src, &lines);
        assert_eq!(v.count("self-styled"), 1);
        assert_eq!(v.count("leader"), 1);
        assert_eq!(v.count("work-"), 0);
        assert_eq!(v.count("work"), 0);
        assert_eq!(v.count("practice"), 0);
        assert_eq!(v.count("work-practice"), 1);
        assert_eq!(v.count_normal("again"), 1);
    }
}
