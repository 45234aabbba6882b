//! Development aid: runs the whole pipeline on each file given and prints everything it returns
//! (articles with provenance, offset maps, entities and quotes; dropped spans; diagnostics) as
//! `Debug`, so that a speed-up can be checked to change no output at all, byte for byte.
//!
//! `cargo run --release -p cuttings-pipeline --example fulldump -- FILE... > before.txt`
fn main() {
    for path in std::env::args().skip(1) {
        let src = cuttings_pipeline::read_file(
            std::path::Path::new(&path),
            cuttings_read::DEFAULT_MAX_BYTES,
        )
        .expect("read");
        let out = cuttings_pipeline::process(&src);
        println!("== {path}\n{out:#?}");
    }
}
