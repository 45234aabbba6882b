//! Word 5-grams across line breaks, for text printed twice: a pull quote repeats a sentence of
//! the body, a running title repeats a headline. Works whether or not blank lines set the copy
//! apart, and whatever the line breaks and hyphenation of the two copies.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are already hashes: pass them through.
#[derive(Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type GramMap<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

use cuttings_model::{Line, Source};

pub(crate) const N: usize = 5;

fn hash(word: &str) -> u64 {
    // FNV-1a over the lower-cased word: tiny, and plenty for identity within one article.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    if word.is_ascii() {
        for b in word.bytes() {
            h ^= u64::from(b.to_ascii_lowercase());
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        return h;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Words of the body with the line each belongs to; a word broken by a line-end hyphen counts
/// once, on its first line.
pub(crate) fn words(source: &Source, body: &[Line]) -> Vec<(u64, usize)> {
    let mut out: Vec<(u64, usize)> = Vec::new();
    let mut carry: Option<(String, usize)> = None;
    for (li, line) in body.iter().enumerate() {
        let text = source.slice(line.span);
        let ends_hyphen = text.ends_with('-');
        let parts: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for (k, w) in parts.iter().enumerate() {
            if k == 0 {
                if let Some((prefix, pl)) = carry.take() {
                    if w.chars().next().is_some_and(char::is_lowercase) {
                        out.push((hash(&format!("{prefix}{w}")), pl));
                        continue;
                    }
                    out.push((hash(&prefix), pl));
                }
            }
            if k + 1 == parts.len() && ends_hyphen {
                carry = Some(((*w).to_string(), li));
            } else {
                out.push((hash(w), li));
            }
        }
    }
    if let Some((prefix, pl)) = carry {
        out.push((hash(&prefix), pl));
    }
    out
}

pub(crate) fn gram(ws: &[(u64, usize)], at: usize) -> u64 {
    ws[at..at + N]
        .iter()
        .fold(0u64, |acc, (h, _)| acc.rotate_left(11) ^ h)
}
