//! Reading: bytes in, a [`Source`] and its [`TextLayout`] out.
//!
//! Two steps, both free functions:
//! - [`decode`] turns raw bytes into a [`Source`] (UTF-8 with or without BOM, UTF-16 with BOM,
//!   Windows-1252 as the fallback) or a clear [`Error`] for input that is not text at all;
//! - [`layout`] recovers pages and non-blank lines in reading order from the decoded text.
//!
//! [`layout`] first detects which tool produced the dump ([`Flavor`]) from statistics of its
//! lines, never from its words:
//! - [`Flavor::Raw`] (`pdftotext`): form feeds, no line-end hyphens, no gutters; lines as they are;
//! - [`Flavor::Layout`] (`pdftotext -layout`): columns side by side, split back apart by finding
//!   gutters (character columns blank down a run of rows with text on both sides);
//! - [`Flavor::Seedlike`]: no form feeds, trailing spaces, pages that start with a line indented
//!   by one space, stretches where every line is followed by a blank line;
//! - [`Flavor::Plain`]: anything else, one column.
//!
//! Every line's span is a trimmed, non-empty part of one physical line; lines never overlap and,
//! with white space, cover the whole text. Content is never an error: odd input gives odd pages.
//!
//! This crate knows nothing about articles, the corpus or the CLI.
//!
//! ```
//! let src = cuttings_read::decode("d.txt", b"Title\n\nBody line.\n\x0cPage two\n").unwrap();
//! let layout = cuttings_read::layout(&src);
//! assert_eq!(layout.pages.len(), 2);
//! assert_eq!(src.slice(layout.lines[1].span), "Body line.");
//! assert!(layout.lines[1].gap_before);
//!
//! // Two columns side by side come back one after the other.
//! let text = "North wind rises      Ferries stay in\n\
//!             over the hills        port until noon\n\
//!             tonight.              on Friday.\n\x0c";
//! let src = cuttings_read::decode("c.txt", text.as_bytes()).unwrap();
//! let layout = cuttings_read::layout(&src);
//! assert_eq!(layout.flavor, Some(cuttings_read::Flavor::Layout));
//! assert_eq!(layout.pages[0].columns, 2);
//! let lines: Vec<&str> = layout.lines.iter().map(|l| src.slice(l.span)).collect();
//! assert_eq!(lines, ["North wind rises", "over the hills", "tonight.",
//!                    "Ferries stay in", "port until noon", "on Friday."]);
//! ```
#![deny(missing_docs)]

mod archive;
mod columns;
mod decode;
mod detect;
mod error;
mod phys;
mod rethread;
mod text;

pub use archive::sniff_archive;
pub use decode::{decode, read_file, DEFAULT_MAX_BYTES};
pub use error::{human_bytes, Error, Result};
pub use text::layout;

pub use cuttings_model::{Flavor, Line, Page, Source, TextLayout};
