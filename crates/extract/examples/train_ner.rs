//! Trains the NER model: `train_ner OUT.model TRAIN.conll... [--dev DEV.conll] [--epochs N] [--bits B] [--runs R]`
//! (R runs with different orders are averaged).
//!
//! Run by `scripts/train-ner.sh` in release mode. Prints the dev score after each epoch.

use cuttings_extract::conll::{evaluate, read, Document};
use cuttings_extract::train::Trainer;
use cuttings_extract::EntityType;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .expect("usage: train_ner OUT.model TRAIN... [--dev F] [--epochs N] [--bits B]");
    let (mut train, mut dev) = (Vec::<Document>::new(), Vec::<Document>::new());
    let (mut epochs, mut bits, mut runs) = (12usize, 20u32, 1usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dev" => dev.extend(read(
                &std::fs::read_to_string(args.next().unwrap()).unwrap(),
            )),
            "--epochs" => epochs = args.next().unwrap().parse().unwrap(),
            "--bits" => bits = args.next().unwrap().parse().unwrap(),
            "--runs" => runs = args.next().unwrap().parse().unwrap(),
            f => train.extend(read(&std::fs::read_to_string(f).unwrap())),
        }
    }
    let n_sent: usize = train.iter().map(|d| d.sentences.len()).sum();
    eprintln!(
        "training on {} documents, {n_sent} sentences, {epochs} epochs, 2^{bits} buckets",
        train.len()
    );
    let mut models = Vec::new();
    for run in 0..runs {
        models.push(train_once(
            &train,
            epochs,
            bits,
            0x2545_F491_4F6C_DD1D ^ (run as u64 * 0x9E37_79B9),
        ));
    }
    let ner = cuttings_extract::Ner::average(&models);
    let bytes = ner.to_bytes();
    std::fs::write(&out, &bytes).unwrap();
    eprintln!("wrote {out}: {} bytes", bytes.len());
    if !dev.is_empty() {
        let q = cuttings_extract::Ner::from_bytes(&bytes).unwrap();
        for (name, m) in [("float", &ner), ("quantised", &q)] {
            let (s, _) = evaluate(m, &dev);
            let (_, _, f4) = s.total(&EntityType::ALL).prf();
            let (_, _, f3) = s.total(&EntityType::ALL[..3]).prf();
            eprintln!("dev F1 ({name}): {f4:.4} all types, {f3:.4} PER/ORG/LOC");
        }
    }
}

fn shuffle(v: &mut [usize], next: &mut impl FnMut() -> u64) {
    for i in (1..v.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

fn train_once(train: &[Document], epochs: usize, bits: u32, seed: u64) -> cuttings_extract::Ner {
    let mut trainer = Trainer::new(bits);
    let mut rng = seed;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut doc_order: Vec<usize> = (0..train.len()).collect();
    for epoch in 1..=epochs {
        shuffle(&mut doc_order, &mut next);
        let (mut n, mut wrong) = (0, 0);
        for &d in &doc_order {
            // sentences in document order: the tagger remembers what it tagged earlier
            let order: Vec<usize> = (0..train[d].sentences.len()).collect();
            let (a, b) = trainer.train_document(&train[d], &order);
            n += a;
            wrong += b;
        }
        eprintln!(
            "epoch {epoch}: train token error {:.4}",
            wrong as f64 / n as f64
        );
    }
    trainer.finish()
}
