//! The nouns of cuttings: what one stage hands to the next.
//!
//! Every stage is a free function over these types (`read::read_text`, `segment::segment`,
//! `repair::repair`, `store::Corpus::ingest`), and nothing here knows how it was produced.
//! The types are deliberately not `Serialize`: the JSON shapes that users see live in the CLI's
//! `wire` module, so that a change here never silently changes the output contract.
//!
//! The one rule that ties the types together: **every derived value keeps a [`Span`] into the
//! immutable [`Source::text`]**, so any title, date, author or body paragraph can be traced back to
//! the bytes it came from.
//!
//! ```
//! use cuttings_model::{Source, Span};
//! let src = Source::from_text("digest.txt", "Title\nBody text.\n");
//! let span = Span::new(0, 5);
//! assert_eq!(src.slice(span), "Title");
//! ```
#![deny(missing_docs)]

mod article;
mod correction;
pub mod limits;
mod reuse;
mod role;
mod source;
mod span;

pub use article::{
    Article, ArticleDraft, ArticleId, ArticleKind, BoxField, Confidence, Diagnostic, DropReason,
    Dropped, EntityKind, EntityMention, Field, FieldBox, OffsetMap, Provenance, QuoteMention,
    Segmented, Severity, SourceRef,
};
pub use correction::{Change, Correction, FieldValue};
pub use limits::Limits;
pub use reuse::{Earliest, Passage, ReuseCluster, ReuseKind, ReuseLink};
pub use role::{LineRole, Part, Role};
pub use source::{sha256_hex, Flavor, Line, LineBox, Page, Source, SourceFormat, TextLayout};
pub use span::Span;

/// Dates are calendar dates without a time zone, as printed in digests.
pub use jiff::civil::Date;
