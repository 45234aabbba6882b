//! Finds who and what an article mentions, under which names, and who said what.
//!
//! - [`token`]: tokens with byte offsets, and sentences.
//! - [`ner`]: named entities (person, organisation, place, other) by an averaged perceptron over
//!   hashed features; the model is shipped in `data/ner.model`.
//! - [`conll`]: reading annotated CoNLL data and scoring (used by training and the benchmark).
//! - [`train`]: training the tagger (`examples/train_ner.rs`, run by `scripts/train-ner.sh`).
//!
//! All offsets are byte offsets into the text given; [`char_offsets`] converts them for output.
//! Nothing here does I/O or downloads anything: the model and name lists are compiled in.
#![deny(missing_docs)]

pub mod conll;
pub mod gazetteer;
pub mod hash;
pub mod ner;
pub mod token;
pub mod train;

pub use ner::{Entity, Ner, Tag};

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
