//! The output contract of the `cuttings` binary, as a library.
//!
//! The binary itself is glue code over the stage crates (see `main.rs`); this library exposes only
//! [`wire`], the serde shapes of everything the binary prints as JSON (the crate `cuttings-wire`,
//! shared with the web API and the exports), so that tests and other front ends parse exactly what
//! it writes.
#![deny(missing_docs)]

pub use cuttings_wire as wire;
