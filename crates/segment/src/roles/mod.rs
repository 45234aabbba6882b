//! The line-role model (issue #12): every line of a document gets a role (headline, byline,
//! body, running footer...) from a sequence model trained on labelled documents, and a small
//! assembler (`crate::assemble`) turns roles into articles.
//!
//! This module is public for the trainer (`crates/pipeline/examples/train_roles.rs`, run by
//! `scripts/train-roles.sh`): it reads a document's lines as the segmenter does ([`read`]) and
//! gives their features, which the trainer pairs with the roles of labelled documents.

mod features;
mod model;

pub use features::stack;
pub use features::Features;
pub use model::{Decoded, Layer, RoleModel, Trainer, FEATURE_VERSION, N_ROLES};

use cuttings_model::{Line, LineBox, Source, TextLayout};

use crate::prepare::{prepare, Prepared};

/// A document's lines as the segmenter reads them, with their features.
#[derive(Debug)]
pub struct ReadLines {
    /// The lines in reading order (the reader's, some cut or joined where dumps break them).
    pub lines: Vec<Line>,
    /// Where each line was printed, for layouts with boxes.
    pub boxes: Vec<Option<LineBox>>,
    /// The features of each line.
    pub features: Features,
}

/// Reads a document's lines and their features.
pub fn read(source: &Source, layout: &TextLayout) -> ReadLines {
    let prep = prepare(source, layout);
    read_prepared(source, &prep)
}

pub(crate) fn read_prepared(source: &Source, prep: &Prepared) -> ReadLines {
    let features = features::features(source, prep);
    let boxes = match &prep.types {
        Some(t) => t.boxes().to_vec(),
        None => vec![None; prep.layout.lines.len()],
    };
    ReadLines {
        lines: prep.layout.lines.clone(),
        boxes,
        features,
    }
}
