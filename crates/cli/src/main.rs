//! The `cuttings` binary.
fn main() {}
