//! Reading: bytes in, a [`Source`] and its [`TextLayout`] out.
//!
//! Two steps, both free functions:
//! - [`decode`] turns raw bytes into a [`Source`] (UTF-8 with or without BOM, UTF-16 with BOM,
//!   Windows-1252 as the fallback) or a clear [`Error`] for input that is not text at all;
//! - [`layout`] recovers pages and non-blank lines in reading order from the decoded text, detecting
//!   which tool produced the dump ([`Flavor`]) and splitting side-by-side columns back apart.
//!
//! This crate knows nothing about articles, the corpus or the CLI.
//!
//! ```
//! let src = cuttings_read::decode("d.txt", b"Title\n\nBody line.\n\x0cPage two\n").unwrap();
//! let layout = cuttings_read::layout(&src);
//! assert_eq!(layout.pages.len(), 2);
//! assert_eq!(src.slice(layout.lines[1].span), "Body line.");
//! assert!(layout.lines[1].gap_before);
//! ```
#![deny(missing_docs)]

mod columns;
mod decode;
mod detect;
mod error;
mod phys;
mod text;

pub use decode::{decode, read_file, DEFAULT_MAX_BYTES};
pub use error::{Error, Result};
pub use text::layout;

pub use cuttings_model::{Flavor, Line, Page, Source, TextLayout};
