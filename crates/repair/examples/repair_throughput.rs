//! Measures `repair` throughput on a synthetic body (invented text with line-end hyphens, long
//! raw lines and paragraphs): `cargo run -p cuttings-repair --release --example repair_throughput`.

use std::time::Instant;

use cuttings_model::{Flavor, Source};
use cuttings_repair::{plain_lines, repair, vocabulary, Lexicon};

/// About one broken word in 40, and one long raw line per paragraph, as in the dev digests.
const PARAGRAPH: &str = "The council said on Monday that the self-\n\
styled leader of the group had left the capital for talks\n\
on the future of the port with the unions, who called the\n\
growthoriented plan of the government a poorly thought out attempt to\n\
cut the workforce by a third before the end of the year.\n\
Officials said the talks would go on until a deal was\n\
reached, and that nobody would lose their job before\n\
the spring. \"We will not accept it,\" a spokesman for the\n\
dockers said, adding that the workers had been told that\n\
redundancies would come only after a long consultation\n\
with their representatives in Ti-\n\
rana and elsewhere in the country.\n\n";

fn main() {
    let text = PARAGRAPH.repeat(40_000);
    let src = Source::from_text("synthetic", text);
    let lines = plain_lines(&src);
    let body: usize = lines.iter().map(|l| l.span.len()).sum();
    let t = Instant::now();
    let words = Lexicon::builtin().len();
    println!(
        "lexicon        : {words} words loaded in {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let vocab = vocabulary(&src, &lines);
    let tv = t.elapsed();
    for flavor in [Flavor::Layout, Flavor::Raw] {
        // Articles of 40 lines, as segment would hand them over.
        let t = Instant::now();
        let mut out_len = 0;
        for chunk in lines.chunks(40) {
            out_len += repair(&src, chunk, flavor, &vocab).text.len();
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "repair {:8}: {:.1} MB of body lines in {secs:.3} s = {:.0} MB/s ({out_len} bytes out)",
            flavor.as_str(),
            body as f64 / 1e6,
            body as f64 / 1e6 / secs
        );
    }
    println!(
        "vocabulary     : {:.1} MB in {:.3} s = {:.0} MB/s",
        body as f64 / 1e6,
        tv.as_secs_f64(),
        body as f64 / 1e6 / tv.as_secs_f64()
    );
}
