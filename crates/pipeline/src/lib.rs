//! Runs read → segment → repair over one source.
#![deny(missing_docs)]
