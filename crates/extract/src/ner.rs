//! Named-entity recognition: an averaged structured perceptron over hashed features, BIO tags.
//!
//! Each token gets one of nine tags (`O`, `B-`/`I-` × PER ORG LOC MISC); a sentence's tags are
//! the best-scoring sequence (first-order Viterbi) under features of each token, its neighbours
//! and the name lists in [`crate::gazetteer`], some of them joined with the tag of the token
//! before. A feature is a 64-bit hash; its weights are the row of its bucket (the hash's low
//! bits), so scoring a token is 85 row additions (40 of its own, 5 for each tag before it).
//! `I-X` only follows `B-X` or `I-X`, so the tags always decode to well-formed spans.
//!
//! Speed (issue #16): the rows are packed as the model file stores them, only those that are
//! not all zero, half a cache line each (`crate::weights`); a token's rows are located before
//! they are added, so that their reads overlap; on x86-64-v3 processors they are added in AVX2
//! vectors; and each thread remembers, exactly, the sums of the rows of the words and contexts
//! it met last (`Lattice`), so that a common word's 9 own rows and 45 rows joined with the
//! tag before are not read again. None of this changes a score by a bit: the tests compare the
//! tags with those of the plain tagger as it was (`reference_viterbi`).

use std::sync::OnceLock;

use crate::gazetteer::{seq_hash_of_lower, Gazetteers, Word, MAX_PLACE_TOKENS};
use crate::hash::{hash_chars, hash_exact, hash_lower, mix};
use crate::token::{sentences_into, tokenize_into, Sentence, Token};
use crate::weights::{Dense, Packed, Row, Rows, Scores, LANES};
use crate::{EntityType, Error, Result};

/// Number of tags: O, then B- and I- for each of the four types.
pub const N_TAGS: usize = 9;
/// Bumped whenever the features change, so that an old model file is refused.
pub const FEATURE_VERSION: u32 = 7;
const MAGIC: &[u8; 8] = b"CUTNER02";
const ROW_BYTES: usize = 4 + 2 * N_TAGS;

static BUILTIN_MODEL: &[u8] = include_bytes!("../data/ner.model");

/// A BIO tag: 0 is `O`, 1..=4 `B-` and 5..=8 `I-` of PER, ORG, LOC, MISC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Tag(pub u8);

impl Tag {
    /// Outside any entity.
    pub const O: Tag = Tag(0);

    /// The `B-` tag of a type.
    pub fn begin(t: EntityType) -> Tag {
        Tag(1 + t as u8)
    }

    /// The `I-` tag of a type.
    pub fn inside(t: EntityType) -> Tag {
        Tag(5 + t as u8)
    }

    /// The entity type, unless `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        match self.0 {
            0 => None,
            n => Some(EntityType::ALL[((n - 1) % 4) as usize]),
        }
    }

    /// True for `B-` tags.
    pub fn is_begin(self) -> bool {
        (1..=4).contains(&self.0)
    }

    /// True for `I-` tags.
    pub fn is_inside(self) -> bool {
        (5..=8).contains(&self.0)
    }

    /// The IOB2 spelling: `O`, `B-PER`, `I-LOC`...
    pub fn as_str(self) -> &'static str {
        const S: [&str; N_TAGS] = [
            "O", "B-PER", "B-ORG", "B-LOC", "B-MISC", "I-PER", "I-ORG", "I-LOC", "I-MISC",
        ];
        S[self.0 as usize]
    }

    /// Parses an IOB2 tag; other labels of the type are mapped (`B-PERSON` → `B-PER`...).
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bi, ty) = s.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match bi {
            "B" => Some(Tag::begin(ty)),
            "I" => Some(Tag::inside(ty)),
            _ => None,
        }
    }

    /// True if this tag may follow `prev` (`I-X` only after `B-X` or `I-X`).
    #[inline]
    pub fn may_follow(self, prev: Tag) -> bool {
        !self.is_inside() || (prev.0 != 0 && (prev.0 - 1) % 4 == (self.0 - 1) % 4)
    }
}

// flags of a token
const F_TITLE: u32 = 1; // first letter upper, some lower
const F_UPPER: u32 = 1 << 1; // all letters upper, at least two
const F_DIGIT: u32 = 1 << 2;
const F_HYPHEN: u32 = 1 << 3;
const F_PERIOD: u32 = 1 << 4;
const F_ALPHA: u32 = 1 << 5;
const F_FIRST: u32 = 1 << 6; // first token of the sentence
const F_CAPS_LINE: u32 = 1 << 7; // the sentence has no lower-case letter (a headline in capitals)
                                 // gazetteer bits
const G_PLACE_B: u32 = 1;
const G_PLACE_I: u32 = 1 << 1;
const G_FIRST: u32 = 1 << 2;
const G_SURNAME: u32 = 1 << 3;
const G_WORD: u32 = 1 << 4;
const G_DOC_LOWER: u32 = 1 << 5; // the word appears in lower case elsewhere in the text
const G_ORG_WORD: u32 = 1 << 6; // a word that ends organisations' names ("Commission")
const G_ORG_RUN: u32 = 1 << 7; // in a run of capitalised words that ends with such a word
const G_DICT_TITLE: u32 = 1 << 8; // the dictionary writes it only capitalised ("Barnsley")
const G_DICT_UPPER: u32 = 1 << 9; // the dictionary writes it in capitals ("NATO", "USDA")
const G_DOC_CAPS: u32 = 1 << 10; // written capitalised inside a sentence elsewhere in the text
const G_ACRONYM: u32 = 1 << 11; // in capitals, and the initials of capitalised words elsewhere in the text

/// What the features need to know of one token, computed once per token.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct TokInfo {
    lower: u64,
    exact: u64,
    shape: u64,
    short: u64,
    pre2: u64,
    pre3: u64,
    suf2: u64,
    suf3: u64,
    suf4: u64,
    flags: u32,
    gaz: u32,
    /// What this (capitalised) word was tagged earlier in the document: 0 unseen, 1 `O`,
    /// 2 + type otherwise.
    seen: u64,
    /// The word's Brown cluster (0: none; see `Gazetteers::cluster`).
    clu: u32,
}

const BOS: TokInfo = TokInfo {
    lower: 0xB05,
    exact: 0xB05,
    shape: 0xB05,
    short: 0xB05,
    pre2: 0xB05,
    pre3: 0xB05,
    suf2: 0xB05,
    suf3: 0xB05,
    suf4: 0xB05,
    flags: 0,
    gaz: 0,
    seen: 0,
    clu: 0,
};
const EOS: TokInfo = TokInfo {
    lower: 0xE05,
    exact: 0xE05,
    shape: 0xE05,
    short: 0xE05,
    pre2: 0xE05,
    pre3: 0xE05,
    suf2: 0xE05,
    suf3: 0xE05,
    suf4: 0xE05,
    flags: 0,
    gaz: 0,
    seen: 0,
    clu: 0,
};

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

fn token_info(w: &str, first: bool, g: &Gazetteers, lower_buf: &mut Vec<char>) -> TokInfo {
    lower_buf.clear();
    if w.is_ascii() {
        // Most words: one lower-case char per byte, without the Unicode case tables.
        lower_buf.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        lower_buf.extend(w.chars().flat_map(char::to_lowercase));
    }
    let n = lower_buf.len();
    let lower = hash_lower(w);
    let mut flags = 0;
    let (mut upper, mut lowerc, mut alpha) = (0, 0, 0);
    for c in w.chars() {
        if c.is_alphabetic() {
            alpha += 1;
            if c.is_uppercase() {
                upper += 1;
            } else {
                lowerc += 1;
            }
        } else if c.is_numeric() {
            flags |= F_DIGIT;
        } else if c == '-' {
            flags |= F_HYPHEN;
        } else if c == '.' {
            flags |= F_PERIOD;
        }
    }
    if alpha > 0 {
        flags |= F_ALPHA;
    }
    if w.chars().next().is_some_and(char::is_uppercase) && lowerc > 0 {
        flags |= F_TITLE;
    }
    if upper >= 2 && lowerc == 0 {
        flags |= F_UPPER;
    }
    if first {
        flags |= F_FIRST;
    }
    // shape: runs longer than 3 collapsed ("Xxxx"), and the short shape with runs of 1
    let mut shape_h = 0xcbf2_9ce4_8422_2325u64;
    let mut short_h = shape_h;
    let (mut last, mut run) = ('\0', 0);
    for c in w.chars().map(shape_char) {
        if c == last {
            run += 1;
        } else {
            run = 1;
            short_h = (short_h ^ u64::from(c as u32)).wrapping_mul(0x100_0000_01B3);
        }
        if run <= 3 {
            shape_h = (shape_h ^ u64::from(c as u32)).wrapping_mul(0x100_0000_01B3);
        }
        last = c;
    }
    let pre = |k: usize| hash_chars(lower_buf[..k.min(n)].iter().copied());
    let suf = |k: usize| hash_chars(lower_buf[n - k.min(n)..].iter().copied());
    // one look-up for every list (issue #16)
    let word = g.word(lower);
    let mut gaz = 0;
    for (list, bit) in [
        (Word::FIRST_NAME, G_FIRST),
        (Word::SURNAME, G_SURNAME),
        (Word::WORD, G_WORD),
        (Word::ORG_WORD, G_ORG_WORD),
    ] {
        if word.lists & list != 0 {
            gaz |= bit;
        }
    }
    if word.lists & Word::TITLE_WORD != 0 {
        gaz |= G_DICT_TITLE;
    } else if word.lists & Word::UPPER_WORD != 0 {
        gaz |= G_DICT_UPPER;
    }
    let exact = hash_exact(w);
    TokInfo {
        lower,
        exact,
        clu: g.cluster_of(exact, word),
        shape: shape_h,
        short: short_h,
        pre2: pre(2),
        pre3: pre(3),
        suf2: suf(2),
        suf3: suf(3),
        suf4: suf(4),
        flags,
        gaz,
        seen: 0,
    }
}

/// What the tagger remembers of the document it is in: the words seen in lower case anywhere
/// in it, those written capitalised or in capitals outside headlines in capitals, and the tag
/// each capitalised word got last.
#[derive(Default)]
pub(crate) struct DocContext {
    lower: crate::gazetteer::HashSet64,
    title: crate::gazetteer::HashSet64,
    upper: crate::gazetteer::HashSet64,
    /// The initials (2 to 6, in lower case) of the runs of capitalised words of the text.
    initials: crate::gazetteer::HashSet64,
    seen: std::collections::HashMap<
        u64,
        u8,
        std::hash::BuildHasherDefault<crate::gazetteer::IdHasher>,
    >,
}

impl DocContext {
    /// The context of a document made of these sentences (each given as its words).
    pub(crate) fn new<'a, S>(sentences: impl Iterator<Item = S>) -> DocContext
    where
        S: Iterator<Item = &'a str> + Clone,
    {
        let mut doc = DocContext::default();
        for words in sentences {
            let caps_line = is_caps_line(words.clone());
            if !caps_line {
                doc.add_initials(words.clone());
            }
            for (i, w) in words.enumerate() {
                let mut chars = w.chars();
                let Some(c0) = chars.next() else { continue };
                if c0.is_lowercase() {
                    doc.lower.insert(hash_lower(w));
                } else if caps_line || !c0.is_uppercase() {
                    continue;
                } else if chars.clone().any(char::is_lowercase) {
                    if i > 0 {
                        doc.title.insert(hash_lower(w));
                    }
                } else if chars.any(char::is_uppercase) {
                    doc.upper.insert(hash_lower(w));
                }
            }
        }
        doc
    }

    /// Records the initials of the runs of capitalised words of a sentence ("Organisation of the
    /// Petroleum Exporting Countries" → "opec", "pec", "op"...): an acronym met elsewhere
    /// that spells one is likely the name of the run.
    fn add_initials<'a>(&mut self, words: impl Iterator<Item = &'a str>) {
        let mut run: Vec<char> = Vec::new();
        let flush = |run: &mut Vec<char>, set: &mut crate::gazetteer::HashSet64| {
            for a in 0..run.len() {
                for b in a + 2..=(a + 6).min(run.len()) {
                    set.insert(hash_chars(run[a..b].iter().copied()));
                }
            }
            run.clear();
        };
        for w in words {
            let mut chars = w.chars();
            let c0 = chars.next();
            if c0.is_some_and(char::is_uppercase) && chars.any(char::is_lowercase) {
                run.extend(c0.into_iter().flat_map(char::to_lowercase));
            } else if !matches!(w, "of" | "for" | "and" | "the" | "&" | "on" | "de") {
                flush(&mut run, &mut self.initials);
            }
        }
        flush(&mut run, &mut self.initials);
    }

    /// Records the tags given to a sentence's capitalised words.
    pub(crate) fn remember(&mut self, infos: &[TokInfo], tags: &[Tag]) {
        for (info, tag) in infos.iter().zip(tags) {
            if info.flags & (F_TITLE | F_UPPER) != 0 && info.flags & F_FIRST == 0 {
                self.seen
                    .insert(info.lower, tag.entity_type().map_or(1, |t| 2 + t as u8));
            }
        }
    }
}

/// True if no word of the sentence has a lower-case letter (a headline set in capitals).
fn is_caps_line<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    words.all(|w| !w.chars().any(char::is_lowercase))
}

/// How a word of a headline set in capitals is usually written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Lower,
    Title,
    Upper,
}

/// The usual case of a word met in capitals: as the rest of the document writes it, else as the
/// dictionary or the name lists do; an unknown word is a name, or an acronym if it is short.
fn usual_case(w: &str, lower: u64, doc: Option<&DocContext>, g: &Gazetteers) -> Case {
    if let Some(d) = doc {
        if d.title.contains(&lower) {
            return Case::Title;
        }
        if d.upper.contains(&lower) {
            return Case::Upper;
        }
        if d.lower.contains(&lower) {
            return Case::Lower;
        }
    }
    if g.upper_words.contains(&lower) || w.contains('.') {
        Case::Upper
    } else if g.title_words.contains(&lower)
        || g.places.contains(&seq_hash_of_lower([lower]))
        || g.first_names.contains(&lower)
    {
        Case::Title
    } else if g.words.contains(&lower) {
        Case::Lower
    } else if w.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
        Case::Upper
    } else {
        Case::Title
    }
}

/// Which words stand in a place name of several words ("NEW YORK"): their words are names
/// even where one alone is not.
fn multi_word_places(words: &[&str], g: &Gazetteers) -> Vec<bool> {
    let lower: Vec<u64> = words.iter().map(|w| hash_lower(w)).collect();
    let mut out = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        let maxk = MAX_PLACE_TOKENS.min(words.len() - i);
        match (2..=maxk).rev().find(|&k| {
            g.places
                .contains(&seq_hash_of_lower(lower[i..i + k].iter().copied()))
        }) {
            Some(k) => {
                out[i..i + k].fill(true);
                i += k;
            }
            None => i += 1,
        }
    }
    out
}

/// `w` (in capitals) written in `case`; after a hyphen a capitalised word starts again
/// ("AL-AIN" → "Al-Ain").
fn recase(w: &str, case: Case, out: &mut String) {
    out.clear();
    let mut start = true;
    for c in w.chars() {
        if case == Case::Upper || (case == Case::Title && start) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-';
    }
}

/// Fills `infos` for the words of one sentence, with what `doc` remembers of the document.
///
/// In a headline set in capitals each word is first put back into its usual case
/// ([`usual_case`]), so that the features of its shape and case say what they say elsewhere
/// (issue #5: a tenth of the names in news stand in such lines).
pub(crate) fn sentence_infos(words: &[&str], doc: Option<&DocContext>, infos: &mut Vec<TokInfo>) {
    WORD_INFOS.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => sentence_infos_with(words, doc, &mut memo, infos),
        // not reached: nothing in here reads the name of a sentence again
        Err(_) => sentence_infos_with(words, doc, &mut WordMemo::default(), infos),
    })
}

/// The longest word whose [`token_info`] is remembered, in bytes.
const WORD_BYTES: usize = 24;
/// Slots of a [`WordMemo`] (about 600 kB).
const WORD_SLOTS: usize = 4096;

/// The [`token_info`] (without [`F_FIRST`]) of the words met last, by their bytes: a word's info
/// depends on the word alone, and most words come back (issue #16).
#[derive(Default)]
struct WordMemo {
    slots: Vec<Option<(u8, [u8; WORD_BYTES], TokInfo)>>,
}

impl WordMemo {
    /// [`token_info`] of `w`, remembered.
    fn info(&mut self, w: &str, first: bool, g: &Gazetteers, buf: &mut Vec<char>) -> TokInfo {
        if w.len() > WORD_BYTES {
            return token_info(w, first, g, buf);
        }
        if self.slots.is_empty() {
            self.slots.resize(WORD_SLOTS, None);
        }
        let mut bytes = [0u8; WORD_BYTES];
        bytes[..w.len()].copy_from_slice(w.as_bytes());
        let slot = &mut self.slots[hash_exact(w) as usize & (WORD_SLOTS - 1)];
        let mut info = match slot {
            Some((len, b, info)) if usize::from(*len) == w.len() && *b == bytes => *info,
            _ => {
                let info = token_info(w, false, g, buf);
                *slot = Some((w.len() as u8, bytes, info));
                info
            }
        };
        if first {
            info.flags |= F_FIRST;
        }
        info
    }
}

thread_local! {
    /// Each thread's [`WordMemo`].
    static WORD_INFOS: std::cell::RefCell<WordMemo> = std::cell::RefCell::default();
}

/// [`sentence_infos`] with a memo of words.
fn sentence_infos_with(
    words: &[&str],
    doc: Option<&DocContext>,
    memo: &mut WordMemo,
    infos: &mut Vec<TokInfo>,
) {
    let g = Gazetteers::builtin();
    let mut buf = Vec::with_capacity(32);
    infos.clear();
    let caps_line = is_caps_line(words.iter().copied());
    let mut recased = String::new();
    let in_place = if caps_line {
        multi_word_places(words, g)
    } else {
        Vec::new()
    };
    for (i, w) in words.iter().enumerate() {
        let mut info = memo.info(w, i == 0, g, &mut buf);
        if caps_line && w.chars().any(char::is_uppercase) {
            let case = if in_place[i] {
                Case::Title
            } else {
                usual_case(w, info.lower, doc, g)
            };
            if case != Case::Upper || info.flags & F_UPPER == 0 {
                recase(w, case, &mut recased);
                info = memo.info(&recased, i == 0, g, &mut buf);
            }
        }
        if let Some(doc) = doc {
            if info.flags & (F_TITLE | F_UPPER) != 0 {
                if doc.lower.contains(&info.lower) {
                    info.gaz |= G_DOC_LOWER;
                }
                if doc.title.contains(&info.lower) || doc.upper.contains(&info.lower) {
                    info.gaz |= G_DOC_CAPS;
                }
                info.seen = u64::from(doc.seen.get(&info.lower).copied().unwrap_or(0));
                if info.flags & F_UPPER != 0
                    && !caps_line
                    && (2..=6).contains(&w.len())
                    && doc.initials.contains(&info.lower)
                {
                    info.gaz |= G_ACRONYM;
                }
            }
        }
        if caps_line {
            info.flags |= F_CAPS_LINE;
        }
        infos.push(info);
    }
    // places, longest match first, only over capitalised starts
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        if infos[i].flags & (F_TITLE | F_UPPER) != 0 {
            let maxk = MAX_PLACE_TOKENS.min(words.len() - i);
            for k in (1..=maxk).rev() {
                // `lower` is each word's `hash_lower`: no word is hashed again per length.
                if g.places
                    .contains(&seq_hash_of_lower(infos[i..i + k].iter().map(|t| t.lower)))
                {
                    matched = k;
                    break;
                }
            }
        }
        if matched > 0 {
            infos[i].gaz |= G_PLACE_B;
            for info in &mut infos[i + 1..i + matched] {
                info.gaz |= G_PLACE_I;
            }
            i += matched;
        } else {
            i += 1;
        }
    }
    // runs of capitalised words (joined by "of", "for", "and", "the", "&") that end with a word
    // that ends organisations' names: "Northern Fisheries Alliance", "Council for Trade"
    let caps: Vec<bool> = infos
        .iter()
        .map(|t| t.flags & (F_TITLE | F_UPPER) != 0)
        .collect();
    let joiner = |w: &str| matches!(w, "of" | "for" | "and" | "the" | "&" | "on" | "de");
    let mut i = 0;
    while i < words.len() {
        if !caps[i] {
            i += 1;
            continue;
        }
        let (start, mut end) = (i, i + 1);
        loop {
            let mut k = end;
            while k < words.len() && joiner(words[k]) {
                k += 1;
            }
            if k < words.len() && caps[k] {
                end = k + 1;
            } else {
                break;
            }
        }
        if infos[end - 1].gaz & G_ORG_WORD != 0 {
            for info in &mut infos[start..end] {
                info.gaz |= G_ORG_RUN;
            }
        }
        i = end;
    }
}

/// Number of features of a token that do not depend on the tags.
pub(crate) const N_EMIT: usize = 40;
/// Number of features of a token joined with the previous token's tag.
pub(crate) const N_PREV: usize = 5;

/// The hashed features of token `i` that do not depend on the tags: [`own_features`], then
/// [`context_features`].
#[inline(always)]
pub(crate) fn emit_features(infos: &[TokInfo], i: usize, out: &mut [u64; N_EMIT]) {
    let (own, context) = out.split_first_chunk_mut::<N_OWN>().unwrap();
    *own = own_features(&infos[i]);
    *context.first_chunk_mut().unwrap() = context_features(infos, i);
}

/// Number of features of a token that depend on its word alone (they come first).
const N_OWN: usize = 9;

/// What [`own_features`] depend on: the word and no more.
type OwnKey = [u64; 8];

/// The features of a token's word alone: the first [`N_OWN`] of [`emit_features`].
#[inline(always)]
fn own_features(c: &TokInfo) -> [u64; N_OWN] {
    let f = |k: u64, v: u64| mix(k, v);
    [
        f(0, 0),
        f(1, c.lower),
        f(2, c.shape),
        f(3, c.pre3),
        f(4, c.suf3),
        f(5, c.suf4),
        f(6, c.suf2),
        f(7, c.pre2),
        f(8, c.exact),
    ]
}

/// The inputs of [`own_features`].
#[inline(always)]
fn own_key(c: &TokInfo) -> OwnKey {
    [
        c.lower, c.shape, c.pre3, c.suf3, c.suf4, c.suf2, c.pre2, c.exact,
    ]
}

/// The features of token `i` in its context: the rest of [`emit_features`].
#[inline(always)]
fn context_features(infos: &[TokInfo], i: usize) -> [u64; N_EMIT - N_OWN] {
    let at = |j: isize| -> &TokInfo {
        if j < 0 {
            &BOS
        } else {
            infos.get(j as usize).unwrap_or(&EOS)
        }
    };
    let i = i as isize;
    let (m2, m1, c, n1, n2) = (at(i - 2), at(i - 1), at(i), at(i + 1), at(i + 2));
    let fl = u64::from(c.flags);
    let gz = |t: &TokInfo| u64::from(t.gaz);
    let f = |k: u64, v: u64| mix(k, v);
    [
        f(9, m1.lower),
        f(10, n1.lower),
        f(11, m2.lower),
        f(12, n2.lower),
        f(13, mix(m1.short, c.shape)),
        f(14, mix(c.shape, n1.short)),
        f(15, m1.shape),
        f(16, n1.shape),
        f(21, mix(m1.lower, c.lower)),
        f(22, mix(c.lower, n1.lower)),
        f(23, mix(gz(c), c.short)),
        f(24, mix(gz(m1), m1.short)),
        f(25, mix(gz(n1), n1.short)),
        f(26, fl),
        f(27, mix(fl, gz(c))),
        f(28, mix(m1.lower, c.short)),
        f(29, mix(c.short, n1.lower)),
        f(31, mix(m2.lower, m1.lower)),
        f(32, mix(n1.lower, n2.lower)),
        f(33, mix(c.suf3, n1.short)),
        f(34, c.seen),
        f(36, mix(u64::from(c.flags & F_CAPS_LINE), c.lower)),
        f(37, mix(m1.short, n1.lower)),
        f(38, mix(c.lower, n1.short)),
        f(39, mix(m1.lower, n1.lower)),
        f(40, path(c, 4)),
        f(41, path(c, 6)),
        f(42, path(c, 10)),
        f(43, path(c, 32)),
        f(44, path(m1, 32)),
        f(45, path(n1, 32)),
    ]
}

/// The first `k` steps of the path of a word's Brown cluster (all of it when it is shorter),
/// under a leading 1 so that paths of different lengths differ. A word without a cluster gets
/// a value of its own instead (its lower-case hash), so that words unknown to the clusters share
/// no weight: they are mostly rare names, and of every kind.
#[inline]
fn path(t: &TokInfo, k: u32) -> u64 {
    if t.clu == 0 {
        return mix(t.lower, u64::from(k));
    }
    let len = 31u32.saturating_sub(t.clu.leading_zeros());
    let k = k.min(len);
    u64::from(t.clu & ((1u32 << k) - 1) | (1u32 << k))
}

/// The hashed features of token `i` joined with the tag `p1` of the token before it.
#[inline]
pub(crate) fn prev_features(infos: &[TokInfo], i: usize, p1: Tag, out: &mut [u64; N_PREV]) {
    let c = &infos[i];
    let n1 = infos.get(i + 1).unwrap_or(&EOS);
    let p1 = u64::from(p1.0);
    let f = |k: u64, v: u64| mix(k, v);
    *out = [
        f(17, p1),
        f(19, mix(p1, c.lower)),
        f(20, mix(p1, c.shape)),
        f(30, mix(p1, mix(c.short, n1.short))),
        f(35, mix(c.seen, mix(c.short, p1))),
    ];
}

/// `prev_features`' first feature, the previous tag alone, for each tag.
const PREV_TAG: [u64; N_TAGS] = {
    let mut out = [0; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        out[p] = mix(17, p as u64);
        p += 1;
    }
    out
};

/// What [`prev_features`] depend on, besides the previous tag.
type PrevKey = [u64; 5];

/// The inputs of [`prev_features`] of token `i`, besides the previous tag.
#[inline(always)]
fn prev_key(infos: &[TokInfo], i: usize) -> PrevKey {
    let c = &infos[i];
    let n1 = infos.get(i + 1).unwrap_or(&EOS);
    [c.lower, c.shape, c.short, n1.short, c.seen]
}

/// [`prev_features`] for every possible previous tag at once (the parts that do not depend on
/// the tag computed once).
#[inline(always)]
pub(crate) fn prev_features_all(infos: &[TokInfo], i: usize, out: &mut [[u64; N_PREV]; N_TAGS]) {
    let c = &infos[i];
    let n1 = infos.get(i + 1).unwrap_or(&EOS);
    let shorts = mix(c.short, n1.short);
    for (p, o) in out.iter_mut().enumerate() {
        let p1 = p as u64;
        *o = [
            PREV_TAG[p],
            mix(19, mix(p1, c.lower)),
            mix(20, mix(p1, c.shape)),
            mix(30, mix(p1, shorts)),
            mix(35, mix(c.seen, mix(c.short, p1))),
        ];
    }
}

/// `FOLLOWS[p][t]`: whether tag `t` may follow tag `p` ([`Tag::may_follow`]); false for the
/// lanes past the tags.
const FOLLOWS: [[bool; LANES]; N_TAGS] = {
    let mut out = [[false; LANES]; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        let mut t = 0;
        while t < N_TAGS {
            // I-X only after B-X or I-X (as `Tag::may_follow`)
            out[p][t] = t < 5 || (p != 0 && (p - 1) % 4 == (t - 1) % 4);
            t += 1;
        }
        p += 1;
    }
    out
};

/// Buffers of [`viterbi`], kept from one sentence to the next, and what it remembers of the
/// words it met.
#[derive(Default)]
pub(crate) struct Lattice {
    /// For each token and tag, the best tag before it.
    back: Vec<[u8; N_TAGS]>,
    /// The model the memos were made with ([`Rows::memo_id`]).
    model: Option<u64>,
    /// The sums of the rows of [`own_features`], by their inputs.
    own: Memo<OwnKey, Scores>,
    /// The sums of the rows of [`prev_features`] for each previous tag, by their inputs.
    joined: Memo<PrevKey, Joined>,
}

/// The scores of the features joined with each previous tag.
type Joined = [Scores; N_TAGS];

/// Slots of [`Lattice::own`] (about 1 MB).
const OWN_SLOTS: usize = 8192;
/// Slots of [`Lattice::joined`] (about 2 MB).
const JOINED_SLOTS: usize = 4096;

thread_local! {
    /// Each thread's [`Lattice`]: its memos serve every text the thread tags.
    static LATTICE: std::cell::RefCell<Lattice> = std::cell::RefCell::default();
}

/// Runs `f` with this thread's [`Lattice`].
fn with_lattice<R>(f: impl FnOnce(&mut Lattice) -> R) -> R {
    LATTICE.with(|l| match l.try_borrow_mut() {
        Ok(mut l) => f(&mut l),
        // not reached: nothing that tags runs inside `f`
        Err(_) => f(&mut Lattice::default()),
    })
}

/// A small memo with one slot per key (a newer key takes the slot over).
///
/// Exact: a value is only reused for the very inputs it was computed from, and it was computed
/// by the same additions in the same order as it would be again; so the tags are the same with
/// or without it (issue #16: the commonest words and contexts are summed once, not each time).
struct Memo<K, V> {
    slots: Vec<Option<(K, V)>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo { slots: Vec::new() }
    }
}

impl<const N: usize, V: Copy> Memo<[u64; N], V> {
    /// Empties the memo and makes it `len` slots long (a power of two; 0 turns it off).
    fn reset(&mut self, len: usize) {
        self.slots.clear();
        self.slots.resize(len, None);
    }

    /// The slot of `k`, and whether it holds `k`'s value; `None` when the memo is off.
    #[inline(always)]
    fn find(&self, k: &[u64; N]) -> Option<(usize, bool)> {
        if self.slots.is_empty() {
            return None;
        }
        let h = k.iter().fold(0u64, |h, &x| mix(h, x));
        let i = h as usize & (self.slots.len() - 1);
        Some((i, matches!(&self.slots[i], Some((key, _)) if key == k)))
    }

    /// The value in slot `i` (found by [`Memo::find`]).
    #[inline(always)]
    fn value(&self, i: usize) -> &V {
        &self.slots[i].as_ref().unwrap().1
    }
}

impl Lattice {
    /// Fits the memos to the model `w`: emptied when the model changes, off for a model whose
    /// weights may change (training).
    fn fit<W: Rows + ?Sized>(&mut self, w: &W) {
        let id = w.memo_id();
        if id != self.model || (id.is_some() && self.own.slots.is_empty()) {
            self.model = id;
            let on = usize::from(id.is_some());
            self.own.reset(on * OWN_SLOTS);
            self.joined.reset(on * JOINED_SLOTS);
        }
    }
}

/// The best-scoring well-formed tag sequence of a sentence (first-order Viterbi): a tag's score
/// is that of its own features plus that of the features joined with the tag before it.
///
/// The sums of the rows of a word's own features, and of the features joined with the tag
/// before, are remembered in `lat` for the words that come back ([`Lattice`]).
pub(crate) fn viterbi<W: Rows + ?Sized>(
    w: &W,
    infos: &[TokInfo],
    lat: &mut Lattice,
    tags: &mut Vec<Tag>,
) {
    #[cfg(target_arch = "x86_64")]
    if crate::weights::has_x86_64_v3() {
        // SAFETY: the processor has every feature `viterbi_v3` is compiled for (checked just
        // above).
        return unsafe { viterbi_v3(w, infos, lat, tags) };
    }
    viterbi_any(w, infos, lat, tags);
}

/// [`viterbi_any`] compiled for x86-64-v3 processors (2013 on): a bucket's row is counted
/// with one `popcnt`, and the rows of [`crate::weights::PackedV3`] are added in AVX2 vectors.
/// The additions are the same, in the same order, so the scores are the same to the bit (no
/// fused multiply-add: Rust never fuses on its own).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,popcnt,bmi2")]
fn viterbi_v3<W: Rows + ?Sized>(w: &W, infos: &[TokInfo], lat: &mut Lattice, tags: &mut Vec<Tag>) {
    viterbi_any(w, infos, lat, tags);
}

/// [`viterbi`] for any processor.
#[inline(always)]
fn viterbi_any<W: Rows + ?Sized>(w: &W, infos: &[TokInfo], lat: &mut Lattice, tags: &mut Vec<Tag>) {
    tags.clear();
    if infos.is_empty() {
        return;
    }
    lat.fit(w);
    lat.back.clear();
    let mut delta = [f32::NEG_INFINITY; LANES];
    let mut unmemoised;
    for (i, c) in infos.iter().enumerate() {
        // (plain matches, not closures: a closure may be left out of line, compiled without the
        // processor features of the caller)
        let key = own_key(c);
        let own = match lat.own.find(&key) {
            Some((slot, true)) => *lat.own.value(slot),
            found => {
                let own = sum_rows(w, [0.0; LANES], &own_features(c));
                if let Some((slot, _)) = found {
                    lat.own.slots[slot] = Some((key, own));
                }
                own
            }
        };
        let emit = sum_rows(w, own, &context_features(infos, i));
        let key = prev_key(infos, i);
        let joined = match lat.joined.find(&key) {
            Some((slot, true)) => lat.joined.value(slot),
            Some((slot, false)) => {
                lat.joined.slots[slot] = Some((key, joined_scores(w, infos, i)));
                lat.joined.value(slot)
            }
            None => {
                unmemoised = joined_scores(w, infos, i);
                &unmemoised
            }
        };
        let mut next = [f32::NEG_INFINITY; LANES];
        let mut bp = [0u32; LANES];
        // before the first token only `O`
        let n_prev = if i == 0 { 1 } else { N_TAGS };
        for (p, trans) in joined.iter().enumerate().take(n_prev) {
            let from = if i == 0 { 0.0 } else { delta[p] };
            // a tag that may not follow `p` is never better (minus infinity is greater than
            // nothing), as the `may_follow` test of the reference tagger; selects, not
            // branches, so that the lanes go together
            for t in 0..LANES {
                let s = if FOLLOWS[p][t] {
                    from + trans[t]
                } else {
                    f32::NEG_INFINITY
                };
                let better = s > next[t];
                next[t] = if better { s } else { next[t] };
                bp[t] = if better { p as u32 } else { bp[t] };
            }
        }
        for t in 0..LANES {
            delta[t] = next[t] + emit[t];
        }
        lat.back.push(std::array::from_fn(|t| bp[t] as u8));
    }
    let mut t = 0;
    for k in 1..N_TAGS {
        if delta[k] > delta[t] {
            t = k;
        }
    }
    tags.resize(infos.len(), Tag::O);
    for i in (0..infos.len()).rev() {
        tags[i] = Tag(t as u8);
        t = lat.back[i][t] as usize;
    }
}

/// `acc` plus the rows of `feats`, added in order.
#[inline(always)]
fn sum_rows<W: Rows + ?Sized>(w: &W, mut acc: Scores, feats: &[u64]) -> Scores {
    // the rows are all located first, so that their reads overlap
    let mut rows = [0u32; N_EMIT];
    for (r, &h) in rows.iter_mut().zip(feats) {
        *r = w.locate(h);
    }
    for &r in &rows[..feats.len()] {
        w.add(r, &mut acc);
    }
    acc
}

/// The scores of token `i`'s features joined with each possible previous tag.
#[inline(always)]
fn joined_scores<W: Rows + ?Sized>(w: &W, infos: &[TokInfo], i: usize) -> Joined {
    let mut feats = [[0u64; N_PREV]; N_TAGS];
    prev_features_all(infos, i, &mut feats);
    let mut out = [[0.0; LANES]; N_TAGS];
    for (o, f) in out.iter_mut().zip(&feats) {
        *o = sum_rows(w, [0.0; LANES], f);
    }
    out
}

/// A trained tagger: weights for `2^bits` feature buckets × [`N_TAGS`].
#[derive(Clone)]
pub struct Ner {
    table: Table,
    bits: u32,
}

/// Where a tagger's weights are.
#[derive(Clone)]
enum Table {
    /// As training made them ([`Ner::from_weights`]).
    Float(Vec<f32>),
    /// As the model file stores them ([`Ner::from_bytes`]), packed for tagging.
    Packed(Packed),
}

impl std::fmt::Debug for Ner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ner")
            .field("bits", &self.bits)
            .finish_non_exhaustive()
    }
}

/// A named entity found in text: the byte range `start..end` and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entity {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Person, organisation, place or other.
    pub kind: EntityType,
}

impl Ner {
    /// Weights given as a flat array of `2^bits × N_TAGS` values.
    pub fn from_weights(weights: Vec<f32>, bits: u32) -> Ner {
        assert_eq!(weights.len(), (1usize << bits) * N_TAGS);
        Ner {
            table: Table::Float(weights),
            bits,
        }
    }

    /// The weights as a flat array of `2^bits × N_TAGS` values.
    fn dense(&self) -> std::borrow::Cow<'_, [f32]> {
        match &self.table {
            Table::Float(w) => std::borrow::Cow::Borrowed(w),
            Table::Packed(p) => {
                let mut w = vec![0f32; p.buckets() * N_TAGS];
                for (b, out) in w.chunks_exact_mut(N_TAGS).enumerate() {
                    let row = p.bucket_row(b);
                    for (o, &q) in out.iter_mut().zip(row.tags()) {
                        *o = f32::from(q) * row.scale;
                    }
                }
                std::borrow::Cow::Owned(w)
            }
        }
    }

    /// The mean of several taggers' weights (an ensemble of runs with different orders).
    pub fn average(models: &[Ner]) -> Ner {
        assert!(!models.is_empty() && models.iter().all(|m| m.bits == models[0].bits));
        let mut w = vec![0f32; (1usize << models[0].bits) * N_TAGS];
        for m in models {
            for (a, b) in w.iter_mut().zip(m.dense().iter()) {
                *a += b / models.len() as f32;
            }
        }
        Ner::from_weights(w, models[0].bits)
    }

    /// The model shipped in `crates/extract/data/ner.model` (trained by `scripts/train-ner.sh`).
    pub fn builtin() -> Result<&'static Ner> {
        static M: OnceLock<std::result::Result<Ner, String>> = OnceLock::new();
        M.get_or_init(|| Ner::from_bytes(BUILTIN_MODEL).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Model(e.clone()))
    }

    /// Reads a model file.
    ///
    /// Layout (little endian): magic `CUTNER02`, `u32` feature version, `u32` bits, `u32` tags,
    /// a bitmap of the `2^bits` rows that are not all zero, then for each such row an `f32`
    /// scale and [`N_TAGS`] `i16` weights (weight = i16 × scale).
    pub fn from_bytes(b: &[u8]) -> Result<Ner> {
        let bad = |m: &str| Error::Model(m.to_string());
        if b.len() < 20 || &b[..8] != MAGIC {
            return Err(bad(
                "not a cuttings NER model (no model trained yet? run scripts/train-ner.sh)",
            ));
        }
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap());
        let (version, bits, tags) = (u32_at(8), u32_at(12), u32_at(16));
        if version != FEATURE_VERSION {
            return Err(bad(&format!(
                "model has feature version {version}, this build needs {FEATURE_VERSION}: retrain"
            )));
        }
        if !(8..=26).contains(&bits) || tags as usize != N_TAGS {
            return Err(bad("model header is corrupt"));
        }
        let buckets = 1usize << bits;
        let bitmap = b
            .get(20..20 + buckets / 8)
            .ok_or_else(|| bad("model is truncated"))?;
        let filled: Vec<usize> = (0..buckets)
            .filter(|r| bitmap[r / 8] & (1 << (r % 8)) != 0)
            .collect();
        let body = &b[20 + buckets / 8..];
        if body.len() != filled.len() * ROW_BYTES {
            return Err(bad(if body.len() < filled.len() * ROW_BYTES {
                "model is truncated"
            } else {
                "model has trailing bytes"
            }));
        }
        let rows = filled
            .iter()
            .zip(body.chunks_exact(ROW_BYTES))
            .map(|(&r, row)| {
                let scale = f32::from_le_bytes(row[..4].try_into().unwrap());
                let mut q = [0i16; N_TAGS];
                for (t, q) in q.iter_mut().enumerate() {
                    *q = i16::from_le_bytes([row[4 + 2 * t], row[5 + 2 * t]]);
                }
                (r, Row::new(q, scale))
            });
        Ok(Ner {
            table: Table::Packed(Packed::new(bits, rows)),
            bits,
        })
    }

    /// Writes the model file read by [`Ner::from_bytes`] (weights quantised to 16 bits, one
    /// scale per row; a model read from a file is written back as it was).
    pub fn to_bytes(&self) -> Vec<u8> {
        let buckets = 1usize << self.bits;
        let mut out = Vec::with_capacity(20 + buckets / 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        let mut bitmap = vec![0u8; buckets / 8];
        let mut body = Vec::new();
        for r in 0..buckets {
            let Some(row) = self.quantised_row(r) else {
                continue;
            };
            bitmap[r / 8] |= 1 << (r % 8);
            body.extend_from_slice(&row.scale.to_le_bytes());
            body.extend(row.tags().iter().flat_map(|x| x.to_le_bytes()));
        }
        out.extend_from_slice(&bitmap);
        out.extend_from_slice(&body);
        out
    }

    /// Bucket `r`'s row as the model file stores it, `None` if it is all zero.
    fn quantised_row(&self, r: usize) -> Option<Row> {
        let row = match &self.table {
            Table::Packed(p) => p.bucket_row(r),
            Table::Float(w) => {
                let row = &w[r * N_TAGS..(r + 1) * N_TAGS];
                let max = row.iter().fold(0f32, |m, w| m.max(w.abs()));
                let scale = max / 32767.0;
                if scale == 0.0 || !scale.is_finite() {
                    return None;
                }
                let mut q = [0i16; N_TAGS];
                for (q, w) in q.iter_mut().zip(row) {
                    *q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                }
                Row::new(q, scale)
            }
        };
        (row.q != [0; LANES]).then_some(row)
    }

    /// Tags the words of one sentence (IOB2, well-formed); `tags` is cleared first.
    pub fn tag_sentence(&self, words: &[&str], tags: &mut Vec<Tag>) {
        let mut infos = Vec::with_capacity(words.len());
        sentence_infos(words, None, &mut infos);
        with_lattice(|lat| self.tag_infos(&infos, lat, tags));
    }

    pub(crate) fn tag_infos(&self, infos: &[TokInfo], lat: &mut Lattice, tags: &mut Vec<Tag>) {
        match &self.table {
            #[cfg(target_arch = "x86_64")]
            Table::Packed(p) if p.v3().is_some() => viterbi(&p.v3().unwrap(), infos, lat, tags),
            Table::Packed(p) => viterbi(p, infos, lat, tags),
            Table::Float(w) => {
                let dense = Dense {
                    weights: w,
                    mask: (1usize << self.bits) - 1,
                };
                viterbi(&dense, infos, lat, tags);
            }
        }
    }

    /// Tags the sentences of a document given as words; the words seen in lower case anywhere
    /// in the document inform the tagging of capitalised ones (headlines, sentence starts).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut doc = DocContext::new(sentences.iter().map(|s| s.iter().copied()));
        let mut infos = Vec::new();
        with_lattice(|lat| {
            sentences
                .iter()
                .map(|s| {
                    let mut tags = Vec::with_capacity(s.len());
                    sentence_infos(s, Some(&doc), &mut infos);
                    self.tag_infos(&infos, lat, &mut tags);
                    doc.remember(&infos, &tags);
                    tags
                })
                .collect()
        })
    }

    /// Finds the named entities of a text (byte offsets; sorted, not overlapping). Names cut at
    /// a Persian ezafe are joined ([`crate::alias::join_ezafe`]).
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let mut tokens = Vec::new();
        tokenize_into(text, &mut tokens);
        let mut sentences = Vec::new();
        sentences_into(text, &tokens, &mut sentences);
        self.entities_in(text, &tokens, &sentences)
    }

    /// Finds the named entities of a text already cut into tokens and sentences.
    pub fn entities_in(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Entity> {
        let mut doc = DocContext::new(
            sentences
                .iter()
                .map(|s| tokens[s.clone()].iter().map(|t| t.text(text))),
        );
        let mut out = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut infos = Vec::new();
        let mut tags = Vec::new();
        for s in sentences {
            let toks = &tokens[s.clone()];
            words.clear();
            words.extend(toks.iter().map(|t| t.text(text)));
            sentence_infos(&words, Some(&doc), &mut infos);
            with_lattice(|lat| self.tag_infos(&infos, lat, &mut tags));
            doc.remember(&infos, &tags);
            for (a, b, kind) in spans(&tags) {
                // brackets and quote marks split a span; a piece never starts with punctuation
                // or a possessive, nor ends with punctuation
                let mut piece = a;
                for k in a..=b {
                    let breaks = k == b || is_breaking(toks[k].text(text));
                    if !breaks {
                        continue;
                    }
                    let (mut x, mut y) = (piece, k);
                    while x < y && edge_junk(toks[x].text(text), true) {
                        x += 1;
                    }
                    while y > x && edge_junk(toks[y - 1].text(text), false) {
                        y -= 1;
                    }
                    if x < y {
                        out.push(Entity {
                            start: toks[x].start,
                            end: toks[y - 1].end,
                            kind,
                        });
                    }
                    piece = k + 1;
                }
            }
        }
        crate::alias::join_ezafe(text, &out)
    }
}

/// Asks the kernel to back the (still untouched) `table` with 2 MiB pages where it can.
///
/// Only memory not written yet gets them: allocate zeroed (`vec![0; n]`) or take the spare
/// capacity of `Vec::with_capacity`, advise, then write (`vec![x; n]` of anything but a
/// number writes every element first).
///
/// The weight table is tens of megabytes read at random, a few dozen rows per token (and the
/// name lists megabytes, a few look-ups per token): with 4 KiB pages nearly every look-up also
/// missed the TLB, which cost a fifth of the extraction time (issue #2, ingest speed). Only a
/// hint: nothing changes if the kernel declines.
pub(crate) fn advise_huge_pages<T>(table: &mut [T]) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = table.as_mut_ptr() as usize;
        let end = start + std::mem::size_of_val(table);
        let (first, last) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if first < last {
            // SAFETY: the range lies inside `table`, which this function borrows mutably, and
            // `MADV_HUGEPAGE` changes only how the kernel backs the pages, never their contents.
            unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = table;
}

/// The entity spans of well-formed IOB2 tags, as token ranges `(start, end, type)`.
/// A stray `I-X` (not after `B-X`/`I-X`) starts a span, as in conlleval.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, EntityType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let ty = t.entity_type();
        let continues = t.is_inside() && open.is_some_and(|(_, o)| Some(o) == ty);
        if !continues {
            if let Some((s, o)) = open.take() {
                out.push((s, i, o));
            }
            if let Some(ty) = ty {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, o)) = open {
        out.push((s, tags.len(), o));
    }
    out
}

/// Tokens a span does not start (`first`) or end with: punctuation, and a leading "'s".
fn edge_junk(w: &str, first: bool) -> bool {
    if w.chars().any(char::is_alphanumeric) {
        first && w.len() <= 4 && w.ends_with(['s', 'S']) && w.starts_with(['\'', '\u{2019}'])
    } else {
        w != "." || first
    }
}

/// Tokens that never stand inside a name: brackets and quote marks.
fn is_breaking(w: &str) -> bool {
    matches!(
        w,
        "(" | ")" | "[" | "]" | "{" | "}" | "\"" | "\u{201C}" | "\u{201D}" | "\u{AB}" | "\u{BB}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case_of(w: &str, doc: Option<&DocContext>) -> Case {
        usual_case(w, hash_lower(w), doc, Gazetteers::builtin())
    }

    #[test]
    fn a_headline_in_capitals_takes_the_case_of_its_words_elsewhere() {
        let headline = ["VELMORA", "WINS", "BID", "FOR", "NATO", "DEPOT"];
        let body = ["Velmora", "'s", "bid", "for", "the", "site", "wins", "."];
        let doc = DocContext::new([headline.iter().copied(), body.iter().copied()].into_iter());
        let cases: Vec<Case> = headline.iter().map(|w| case_of(w, Some(&doc))).collect();
        // as the body writes them, "NATO" as the dictionary does, "DEPOT" as the word list does
        use Case::*;
        assert_eq!(cases, [Title, Lower, Lower, Lower, Upper, Lower]);
        // without the document: an unknown long word is a name, a short one an acronym
        assert_eq!(case_of("VELMORA", None), Title);
        assert_eq!(case_of("QXZ", None), Upper);
        assert_eq!(case_of("LONDON", None), Title);
        assert_eq!(case_of("DEPOT", None), Lower);
        // FIXME: "for" is in the place list (an alternate name of a city), so a headline's "FOR"
        // counts as a name where the text around it does not write it in lower case
        assert_eq!(case_of("FOR", None), Title);
        let mut s = String::new();
        recase("AL-AIN", Title, &mut s);
        assert_eq!(s, "Al-Ain");
        recase("WINS", Lower, &mut s);
        assert_eq!(s, "wins");
    }

    /// Adds the weight rows of `feats` into `scores` (the tagger before issue #16).
    fn score(weights: &[f32], mask: usize, feats: &[u64], scores: &mut [f32; N_TAGS]) {
        *scores = [0.0; N_TAGS];
        for &h in feats {
            let b = (h as usize & mask) * N_TAGS;
            let row: &[f32; N_TAGS] = weights[b..b + N_TAGS].try_into().unwrap();
            for t in 0..N_TAGS {
                scores[t] += row[t];
            }
        }
    }

    /// The tagger's Viterbi as it was before issue #16, straight over a plain `f32` table: the
    /// reference the fast one must agree with.
    fn reference_viterbi(weights: &[f32], mask: usize, infos: &[TokInfo], tags: &mut Vec<Tag>) {
        tags.clear();
        if infos.is_empty() {
            return;
        }
        let mut back: Vec<[u8; N_TAGS]> = Vec::with_capacity(infos.len());
        let (mut ef, mut pf) = ([0u64; N_EMIT], [0u64; N_PREV]);
        let (mut emit, mut trans) = ([0f32; N_TAGS], [0f32; N_TAGS]);
        let mut delta = [f32::NEG_INFINITY; N_TAGS];
        for i in 0..infos.len() {
            emit_features(infos, i, &mut ef);
            score(weights, mask, &ef, &mut emit);
            let mut next = [f32::NEG_INFINITY; N_TAGS];
            let mut bp = [0u8; N_TAGS];
            let n_prev = if i == 0 { 1 } else { N_TAGS };
            for (p, &from) in delta.iter().enumerate().take(n_prev) {
                let prev = Tag(p as u8);
                let from = if i == 0 { 0.0 } else { from };
                prev_features(infos, i, prev, &mut pf);
                score(weights, mask, &pf, &mut trans);
                for t in 0..N_TAGS {
                    let s = from + trans[t];
                    if s > next[t] && Tag(t as u8).may_follow(prev) {
                        next[t] = s;
                        bp[t] = p as u8;
                    }
                }
            }
            for t in 0..N_TAGS {
                delta[t] = next[t] + emit[t];
            }
            back.push(bp);
        }
        let mut t = 0;
        for k in 1..N_TAGS {
            if delta[k] > delta[t] {
                t = k;
            }
        }
        tags.resize(infos.len(), Tag::O);
        for i in (0..infos.len()).rev() {
            tags[i] = Tag(t as u8);
            t = back[i][t] as usize;
        }
    }

    /// The weights of a model file as `Ner::from_bytes` read them before issue #16: a plain
    /// `f32` table, a weight being `f32::from(q) * scale`.
    fn reference_weights(b: &[u8]) -> (Vec<f32>, usize) {
        let bits = u32::from_le_bytes(b[12..16].try_into().unwrap());
        let rows = 1usize << bits;
        let mut weights = vec![0f32; rows * N_TAGS];
        let mut pos = 20 + rows / 8;
        for r in 0..rows {
            if b[20 + r / 8] & (1 << (r % 8)) == 0 {
                continue;
            }
            let scale = f32::from_le_bytes(b[pos..pos + 4].try_into().unwrap());
            for t in 0..N_TAGS {
                let q = i16::from_le_bytes([b[pos + 4 + 2 * t], b[pos + 5 + 2 * t]]);
                weights[r * N_TAGS + t] = f32::from(q) * scale;
            }
            pos += ROW_BYTES;
        }
        assert_eq!(pos, b.len());
        (weights, rows - 1)
    }

    /// A text of `n` sentences made up of words drawn at random (a fixed seed) from the name
    /// lists and the word list, capitalised or not, some sentences in capitals: names, words
    /// and shapes of every kind, in every context.
    fn generated_text(n: usize) -> Vec<Vec<String>> {
        let lists: Vec<Vec<&str>> = [
            include_str!("../data/places.txt"),
            include_str!("../data/surnames.txt"),
            include_str!("../data/org-words.txt"),
            include_str!("../data/cased-words.txt"),
            include_str!("../../../data/first-names.txt"),
            include_str!("../../../data/words-en.txt"),
        ]
        .iter()
        .map(|l| l.lines().filter(|w| !w.is_empty()).collect())
        .collect();
        let common = [
            "the", "of", "and", "in", "said", "for", "on", ",", ".", "(", ")", "\"", "'s", "Mr.",
            "U.S.", "1996", "3-1", "-", "to", "a", "by", "with", "&", "Inc", "de", "NATO",
        ];
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |k: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % k as u64) as usize
        };
        let mut out = Vec::new();
        for _ in 0..n {
            let caps = next(10) == 0;
            let len = 1 + next(30);
            let sentence = (0..len)
                .map(|_| {
                    let w = if next(3) == 0 {
                        common[next(common.len())].to_string()
                    } else {
                        let list = &lists[next(lists.len())];
                        let w = list[next(list.len())];
                        match next(4) {
                            0 => w.to_lowercase(),
                            1 => {
                                let mut cs = w.chars();
                                cs.next()
                                    .into_iter()
                                    .flat_map(char::to_uppercase)
                                    .chain(cs)
                                    .collect()
                            }
                            _ => w.to_string(),
                        }
                    };
                    if caps {
                        w.to_uppercase()
                    } else {
                        w
                    }
                })
                .collect();
            out.push(sentence);
        }
        out
    }

    /// Tags `sentences` as one document with `ner` and with the reference tagger over the
    /// same model, asserting that they agree on every sentence; returns the number of names.
    fn agrees_with_reference(
        ner: &Ner,
        dense: &[f32],
        mask: usize,
        sentences: &[Vec<&str>],
    ) -> usize {
        let mut doc = DocContext::new(sentences.iter().map(|s| s.iter().copied()));
        let (mut infos, mut lat) = (Vec::new(), Lattice::default());
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        let mut names = 0;
        for s in sentences {
            sentence_infos(s, Some(&doc), &mut infos);
            ner.tag_infos(&infos, &mut lat, &mut fast);
            reference_viterbi(dense, mask, &infos, &mut slow);
            assert_eq!(fast, slow, "{s:?}");
            names += spans(&fast).len();
            doc.remember(&infos, &fast);
        }
        names
    }

    #[test]
    fn the_shipped_model_tags_as_the_reference_tagger_does() {
        let ner = Ner::builtin().unwrap();
        let (dense, mask) = reference_weights(BUILTIN_MODEL);
        let text = generated_text(1500);
        let sentences: Vec<Vec<&str>> = text
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let names = agrees_with_reference(ner, &dense, mask, &sentences);
        assert!(names > 1000, "{names} names");
        // and the repository's own (invented) sample digests, cut as the pipeline cuts them
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples");
        for f in [
            "coastal-energy-2019-03.txt",
            "alpine-affairs-2020-11.seedlike.txt",
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{f}")).unwrap();
            let mut tokens = Vec::new();
            tokenize_into(&text, &mut tokens);
            let mut cut = Vec::new();
            sentences_into(&text, &tokens, &mut cut);
            let sentences: Vec<Vec<&str>> = cut
                .iter()
                .map(|s| tokens[s.clone()].iter().map(|t| t.text(&text)).collect())
                .collect();
            let names = agrees_with_reference(ner, &dense, mask, &sentences);
            assert!(names > 5, "{f}: {names} names");
        }
    }

    #[test]
    fn remembered_words_have_the_infos_of_new_ones() {
        let g = Gazetteers::builtin();
        let (mut memo, mut buf) = (WordMemo::default(), Vec::new());
        let text = generated_text(300);
        for pass in 0..2 {
            for (i, w) in text.iter().flatten().enumerate() {
                let first = (i + pass) % 3 == 0;
                let want = token_info(w, first, g, &mut buf);
                assert_eq!(memo.info(w, first, g, &mut buf), want, "{w}");
            }
        }
        assert!(memo.slots.iter().flatten().count() > 1000);
    }

    #[test]
    fn a_model_read_from_a_file_is_written_back_as_it_was() {
        assert!(Ner::builtin().unwrap().to_bytes() == BUILTIN_MODEL);
    }

    #[test]
    fn the_table_of_tags_that_may_follow_is_may_follow() {
        for (p, follows) in FOLLOWS.iter().enumerate() {
            for (t, &f) in follows.iter().enumerate() {
                let may = t < N_TAGS && Tag(t as u8).may_follow(Tag(p as u8));
                assert_eq!(f, may, "{p} {t}");
            }
        }
    }

    #[test]
    fn the_features_joined_with_every_tag_are_those_joined_with_each() {
        let mut infos = Vec::new();
        sentence_infos(&["Ms", "Velmora", "met", "NATO", "."], None, &mut infos);
        let (mut all, mut one) = ([[0u64; N_PREV]; N_TAGS], [0u64; N_PREV]);
        for i in 0..infos.len() {
            prev_features_all(&infos, i, &mut all);
            for (p, feats) in all.iter().enumerate() {
                prev_features(&infos, i, Tag(p as u8), &mut one);
                assert_eq!(feats, &one);
            }
        }
    }

    /// The score of a tag sequence as Viterbi adds it up, `None` if it is not well formed.
    fn path_score(w: &[f32], mask: usize, infos: &[TokInfo], tags: &[Tag]) -> Option<f32> {
        let (mut ef, mut pf) = ([0u64; N_EMIT], [0u64; N_PREV]);
        let (mut emit, mut trans) = ([0f32; N_TAGS], [0f32; N_TAGS]);
        let mut total = 0.0;
        let mut prev = Tag::O;
        for (i, &t) in tags.iter().enumerate() {
            if !t.may_follow(prev) {
                return None;
            }
            emit_features(infos, i, &mut ef);
            score(w, mask, &ef, &mut emit);
            prev_features(infos, i, prev, &mut pf);
            score(w, mask, &pf, &mut trans);
            total += emit[t.0 as usize] + trans[t.0 as usize];
            prev = t;
        }
        Some(total)
    }

    #[test]
    fn viterbi_finds_the_best_well_formed_sequence() {
        let bits = 8;
        let mask = (1usize << bits) - 1;
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let w: Vec<f32> = (0..(1 << bits) * N_TAGS)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                (rng % 2001) as f32 / 1000.0 - 1.0
            })
            .collect();
        let mut infos = Vec::new();
        sentence_infos(&["Ms", "Velmora", "met", "NATO"], None, &mut infos);
        let mut got = Vec::new();
        let dense = Dense { weights: &w, mask };
        viterbi(&dense, &infos, &mut Lattice::default(), &mut got);
        let got_score = path_score(&w, mask, &infos, &got).expect("well formed");
        let mut best = f32::NEG_INFINITY;
        for code in 0..N_TAGS.pow(4) {
            let tags: Vec<Tag> = (0..4)
                .map(|k| Tag((code / N_TAGS.pow(k) % N_TAGS) as u8))
                .collect();
            if let Some(s) = path_score(&w, mask, &infos, &tags) {
                best = best.max(s);
            }
        }
        assert!((got_score - best).abs() < 1e-4, "{got_score} < {best}");
    }

    #[test]
    fn the_words_of_a_headline_in_capitals_get_the_features_of_ordinary_text() {
        let mut caps = Vec::new();
        let mut plain = Vec::new();
        sentence_infos(&["PARIS", "TALKS", "END"], None, &mut caps);
        sentence_infos(&["Paris", "talks", "end"], None, &mut plain);
        for (c, p) in caps.iter().zip(&plain) {
            assert_eq!((c.shape, c.gaz), (p.shape, p.gaz));
            assert_eq!(c.flags, p.flags | F_CAPS_LINE);
        }
    }
}
