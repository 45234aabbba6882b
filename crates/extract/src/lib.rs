//! Finds who and what an article mentions, under which names, and who said what.
//!
//! - [`token`]: tokens with byte offsets, and sentences.
//! - [`ner`]: named entities (person, organisation, place, other) by an averaged structured
//!   perceptron (Viterbi) over hashed features; the model is shipped in `data/ner.model`.
//! - [`alias`]: which mentions of one article name the same entity (titles, parentheses,
//!   acronyms, surnames, spelling variants).
//! - [`key`]: the normalised key under which transliteration variants meet across articles.
//! - [`quote`]: direct quotations and their speakers.
//! - [`conll`]: reading annotated CoNLL data and scoring (used by training and the benchmark).
//! - [`train`]: training the tagger (`examples/train_ner.rs`, run by `scripts/train-ner.sh`).
//!
//! The one call a pipeline needs is [`extract`]:
//!
//! ```
//! let text = "Maryam Rajavi leads the National Council of Resistance of Iran (NCRI). \
//!             “We will stay,” Mrs. Rajavi said.";
//! let x = cuttings_extract::extract(text).unwrap();
//! let rajavi = x.mentions.iter().find(|m| &text[m.start..m.end] == "Rajavi").unwrap();
//! assert_eq!(x.groups[rajavi.group].name, "Maryam Rajavi");
//! let q = &x.quotes[0];
//! assert_eq!(&text[q.start..q.end], "We will stay,");
//! assert_eq!(q.speaker.as_ref().unwrap().group, Some(rajavi.group));
//! let row = x.quote_rows(text).next().unwrap();
//! assert_eq!((row.speaker, row.canonical), (Some("Rajavi"), Some("Maryam Rajavi")));
//! ```
//!
//! Across a corpus, [`alias::merge_articles`] joins the groups of many articles into
//! [`alias::CorpusEntity`]s by shared alias keys ([`name_key`]).
//!
//! All offsets are byte offsets into the text given; [`char_offsets`] converts them for output.
//! Nothing here does I/O or downloads anything: the model and name lists are compiled in.
#![deny(missing_docs)]

pub mod alias;
pub mod conll;
pub mod corpus;
pub mod gazetteer;
pub mod hash;
pub mod key;
pub mod ner;
pub mod quote;
pub mod token;
pub mod train;
mod weights;

pub use alias::{Group, Linked, Mention};
pub use key::name_key;
pub use ner::{Entity, Ner, Tag};
pub use quote::{Quote, Speaker};

/// Everything found in one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Every mention of a name, in text order, each linked to a group.
    pub mentions: Vec<Mention>,
    /// The entities of the text: canonical name, type, aliases, normalised key, mentions.
    pub groups: Vec<Group>,
    /// Direct quotations, in text order, with their speakers.
    pub quotes: Vec<Quote>,
}

/// One mention, flattened for storage and for `articles --format jsonl` (`entities` key:
/// `{name, type, canonical, start, end}`). Offsets are bytes into the text; convert them with
/// [`char_offsets`] for users.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MentionRow<'a> {
    /// The words as printed (a title such as "Mrs." left out).
    pub name: &'a str,
    /// The type of its entity.
    pub kind: EntityType,
    /// The canonical name of its entity in this text.
    pub canonical: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// One quotation, flattened for storage and for `articles --format jsonl` (`quotes` key:
/// `{speaker, canonical, text, start, end}`). Offsets are bytes of the quoted text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteRow<'a> {
    /// The speaker's words as printed ("Axworthy", "she", "one user"), if found.
    pub speaker: Option<&'a str>,
    /// The canonical name of the speaker's entity, if resolved.
    pub canonical: Option<&'a str>,
    /// The quoted text, without the marks.
    pub text: &'a str,
    /// Byte offset of the quoted text.
    pub start: usize,
    /// Byte offset one past it.
    pub end: usize,
}

impl Extraction {
    /// The mentions as rows; `text` must be the text this extraction was made from.
    pub fn mention_rows<'a>(&'a self, text: &'a str) -> impl Iterator<Item = MentionRow<'a>> + 'a {
        self.mentions.iter().map(move |m| MentionRow {
            name: &text[m.start..m.end],
            kind: m.kind,
            canonical: &self.groups[m.group].name,
            start: m.start,
            end: m.end,
        })
    }

    /// The quotations as rows; `text` must be the text this extraction was made from.
    pub fn quote_rows<'a>(&'a self, text: &'a str) -> impl Iterator<Item = QuoteRow<'a>> + 'a {
        self.quotes.iter().map(move |q| QuoteRow {
            speaker: q.speaker.as_ref().map(|s| &text[s.start..s.end]),
            canonical: q
                .speaker
                .as_ref()
                .and_then(|s| s.group)
                .map(|g| self.groups[g].name.as_str()),
            text: &text[q.start..q.end],
            start: q.start,
            end: q.end,
        })
    }
}

/// Finds the entities, their aliases and the quotations of one text (an article body).
///
/// Runs the built-in tagger ([`Ner::builtin`]), links the mentions ([`alias::link`]) and finds
/// the quotations ([`quote::quotes`]). Errors only if the built-in model is unusable.
pub fn extract(text: &str) -> Result<Extraction> {
    let ner = Ner::builtin()?;
    Ok(extract_with(ner, text))
}

/// [`extract`] with a given tagger.
pub fn extract_with(ner: &Ner, text: &str) -> Extraction {
    let entities = ner.entities(text);
    let linked = alias::link(text, &entities);
    let quotes = quote::quotes(text, &linked);
    Extraction {
        mentions: linked.mentions,
        groups: linked.groups,
        quotes,
    }
}

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person (PER).
    Person = 0,
    /// An organisation: party, company, agency, group (ORG).
    Organization = 1,
    /// A place: country, city, region, geographic feature (LOC).
    Place = 2,
    /// Any other name: nationalities, events, works... (MISC).
    Misc = 3,
}

impl EntityType {
    /// The four types, in tag order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Place,
        EntityType::Misc,
    ];

    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Place => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a label: our four, and the spaCy/OntoNotes names (PERSON, GPE, FAC, NORP...).
    /// Returns `None` for labels that are not names (DATE, MONEY, CARDINAL...).
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "PER" | "PERSON" | "person" | "per" => EntityType::Person,
            "ORG" | "ORGANIZATION" | "org" | "organization" => EntityType::Organization,
            "LOC" | "GPE" | "FAC" | "LOCATION" | "loc" | "place" | "location" => EntityType::Place,
            "MISC" | "NORP" | "EVENT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" | "PRODUCT" | "OTH"
            | "misc" => EntityType::Misc,
            _ => return None,
        })
    }
}

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file is missing, corrupt or from another version of the features.
    #[error("bad NER model: {0}")]
    Model(String),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Character (Unicode scalar value) offsets for sorted byte offsets into `text`.
///
/// `byte_offsets` must be char boundaries; the result has the same length and order.
pub fn char_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(byte_offsets.len());
    let (mut b, mut c) = (0usize, 0usize);
    for &target in byte_offsets {
        if target < b {
            b = 0;
            c = 0;
        }
        c += text[b..target].chars().count();
        b = target;
        out.push(c);
    }
    out
}
