//! Scores the NER model on CoNLL data: `eval_ner TEST.conll [--model FILE] [--pred OUT]`.
//!
//! Prints precision, recall and F1 per type (strict span + type match) and words per second.
//! `--pred` writes `word<TAB>gold<TAB>predicted` lines for error analysis.

use std::time::Instant;

use cuttings_extract::conll::{evaluate, read};
use cuttings_extract::{EntityType, Ner};

fn main() {
    let mut args = std::env::args().skip(1);
    let test = args
        .next()
        .expect("usage: eval_ner TEST [--model FILE] [--pred OUT]");
    let (mut model, mut pred_out) = (None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = Some(args.next().unwrap()),
            "--pred" => pred_out = Some(args.next().unwrap()),
            _ => panic!("unknown argument {a}"),
        }
    }
    let ner = match model {
        Some(f) => Ner::from_bytes(&std::fs::read(f).unwrap()).unwrap(),
        None => Ner::builtin().unwrap().clone(),
    };
    let docs = read(&std::fs::read_to_string(&test).unwrap());
    let words: usize = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.words.len())
        .sum();
    // warm up the name lists, then time the tagging alone
    let _ = ner.entities("warm up");
    let t = Instant::now();
    let (score, pred) = evaluate(&ner, &docs);
    let secs = t.elapsed().as_secs_f64();
    println!("{test}: {words} words");
    println!(
        "{:<16} {:>6} {:>6} {:>6} {:>7} {:>7}",
        "type", "P", "R", "F1", "gold", "pred"
    );
    for (ty, c) in &score.per_type {
        let (p, r, f) = c.prf();
        println!(
            "{:<16} {p:>6.3} {r:>6.3} {f:>6.3} {:>7} {:>7}",
            ty.as_str(),
            c.gold,
            c.predicted
        );
    }
    for (name, types) in [
        ("PER/ORG/LOC", &EntityType::ALL[..3]),
        ("all (with MISC)", &EntityType::ALL[..]),
    ] {
        let c = score.total(types);
        let (p, r, f) = c.prf();
        println!(
            "{name:<16} {p:>6.3} {r:>6.3} {f:>6.3} {:>7} {:>7}",
            c.gold, c.predicted
        );
    }
    println!(
        "speed: {:.0} words/s (one core, tagging incl. features and name look-ups)",
        words as f64 / secs
    );
    // the same words as running text: tokenizer + sentence splitter + tagger, as `cuttings ner`
    let text: String = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.words.join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let t = Instant::now();
    let found = ner.entities(&text).len();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "speed on running text: {:.0} words/s (tokenize + sentences + tag; {found} entities)",
        words as f64 / secs
    );
    if let Some(out) = pred_out {
        let mut s = String::new();
        for (sent, p) in docs.iter().flat_map(|d| &d.sentences).zip(&pred) {
            for ((w, g), t) in sent.words.iter().zip(&sent.tags).zip(p) {
                s.push_str(&format!("{w}\t{}\t{}\n", g.as_str(), t.as_str()));
            }
            s.push('\n');
        }
        std::fs::write(out, s).unwrap();
    }
}
