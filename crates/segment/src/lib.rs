//! Segmentation: a digest's lines → article drafts + dropped page furniture.
//!
//! The stage works on [`TextLayout`] lines in reading order and never edits text: every title,
//! date, outlet and author it reports is a span of the source, and every line ends up either in
//! an article (as metadata or body) or in [`Segmented::dropped`] with a reason.
//!
//! Every line gets a role (headline, byline, outlet, body, running header, caption, ...) from a
//! trained two-layer line-role model (`roles`, over features `prepare` and `roles::features` read
//! relative to the document), and `assemble` turns the roles into drafts: head lines open an
//! article, body lines fill it, tail lines end it. The model is compiled in
//! (`data/roles.model`; see `data/README.md`).
//!
//! ```
//! use cuttings_model::Source;
//! let src = Source::from_text("d.txt", "Four Senators Visit the Capital\nAugust 16, 2017\nBy Jane Roe\n\nThe senators met officials on Monday.\nThey left on Tuesday.\n");
//! let layout = cuttings_read::layout(&src);
//! let seg = cuttings_segment::segment(&src, &layout);
//! assert_eq!(seg.drafts.len(), 1);
//! assert_eq!(seg.drafts[0].title.as_ref().unwrap().value, "Four Senators Visit the Capital");
//! assert_eq!(seg.drafts[0].authors[0].value, "Jane Roe");
//! ```
#![deny(missing_docs)]

mod assemble;
mod classify;
pub mod correct;
mod date;
mod fields;
mod furniture;
mod fx;
mod prepare;
mod pullquote;
pub mod roles;
mod split;
mod typography;

pub use cuttings_model::Segmented;
use cuttings_model::{Source, TextLayout};

/// Errors of this crate: only a bad built-in or given model; bad content never is one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The line-role model could not be read.
    #[error("line-role model: {0}")]
    Model(String),
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Splits a document into article drafts and dropped furniture with the built-in line-role
/// model.
pub fn segment(source: &Source, layout: &TextLayout) -> Segmented {
    match roles::RoleModel::builtin() {
        Ok(model) => segment_with(model, source, layout),
        // A build whose model cannot be read still loses nothing: every line is kept, as one
        // article, and the reason is said.
        Err(e) => unsegmented(source, layout, &e),
    }
}

/// Splits a document with a given line-role model.
pub fn segment_with(model: &roles::RoleModel, source: &Source, layout: &TextLayout) -> Segmented {
    let prep = prepare::prepare(source, layout);
    let read = roles::read_prepared(source, &prep);
    let decoded = model.decode(&read.features);
    let mut out = assemble::assemble(source, &read.lines, &decoded.roles, &decoded.probs);
    out.dropped.sort_by_key(|d| d.span);
    out
}

fn unsegmented(source: &Source, layout: &TextLayout, e: &Error) -> Segmented {
    let roles = vec![cuttings_model::Role::Body; layout.lines.len()];
    let mut out = assemble::assemble(source, &layout.lines, &roles, &[]);
    out.diagnostics.push(cuttings_model::Diagnostic::warning(
        format!("not segmented: {e}"),
        None,
    ));
    out
}
