//! The bodies of the fuzz targets (see `targets.rs`).
include!("targets.rs");
