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
    let mut upper_pct = 0u64;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dev" => dev.extend(read(
                &std::fs::read_to_string(args.next().unwrap()).unwrap(),
            )),
            "--epochs" => epochs = args.next().unwrap().parse().unwrap(),
            "--bits" => bits = args.next().unwrap().parse().unwrap(),
            "--runs" => runs = args.next().unwrap().parse().unwrap(),
            "--upper" => upper_pct = args.next().unwrap().parse().unwrap(),
            f => train.extend(read(&std::fs::read_to_string(f).unwrap())),
        }
    }
    if upper_pct > 0 {
        upper_some(&mut train, upper_pct);
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

/// Writes `pct` per cent of the sentences (chosen by a fixed hash of their words) in capitals,
/// as headlines and tables in news are, so that the tagger learns to tag them.
fn upper_some(train: &mut [Document], pct: u64) {
    for doc in train.iter_mut() {
        for s in &mut doc.sentences {
            let h = s.words.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, w| {
                w.bytes()
                    .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3))
            });
            if (h >> 11) % 100 < pct {
                for w in &mut s.words {
                    *w = w.to_uppercase();
                }
            }
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
