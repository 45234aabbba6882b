//! Training the tagger: structured averaged perceptron, each sentence decoded as in tagging
//! (Viterbi) and the features of the gold and the guessed sequences updated where they differ.

use crate::conll::Document;
use crate::ner::{
    emit_features, prev_features, sentence_infos, viterbi, DocContext, Lattice, Ner, Tag, N_EMIT,
    N_PREV, N_TAGS,
};
use crate::weights::Dense;

/// Trains weights for `2^bits` feature buckets.
pub struct Trainer {
    bits: u32,
    w: Vec<f32>,
    acc: Vec<f64>,
    stamp: Vec<u32>,
    clock: u32,
}

impl std::fmt::Debug for Trainer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trainer")
            .field("bits", &self.bits)
            .field("clock", &self.clock)
            .finish()
    }
}

impl Trainer {
    /// A trainer with all weights zero.
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * N_TAGS;
        Trainer {
            bits,
            w: vec![0.0; n],
            acc: vec![0.0; n],
            stamp: vec![0; n],
            clock: 0,
        }
    }

    fn update(&mut self, feats: &[u64], tag: Tag, delta: f32) {
        let mask = (1usize << self.bits) - 1;
        for &h in feats {
            let k = (h as usize & mask) * N_TAGS + tag.0 as usize;
            self.acc[k] += f64::from(self.clock - self.stamp[k]) * f64::from(self.w[k]);
            self.stamp[k] = self.clock;
            self.w[k] += delta;
        }
    }

    /// One pass over a document's sentences; returns (tokens, wrong tags).
    pub fn train_document(&mut self, doc: &Document, order: &[usize]) -> (usize, usize) {
        let mut doc_ctx = DocContext::new(
            doc.sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str)),
        );
        let mask = (1usize << self.bits) - 1;
        let mut infos = Vec::new();
        let mut guesses = Vec::new();
        let mut lat = Lattice::default();
        let (mut ef, mut pf) = ([0u64; N_EMIT], [0u64; N_PREV]);
        let (mut n, mut wrong) = (0, 0);
        for &si in order {
            let s = &doc.sentences[si];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            sentence_infos(&words, Some(&doc_ctx), &mut infos);
            self.clock += 1;
            let weights = Dense {
                weights: &self.w,
                mask,
            };
            viterbi(&weights, &infos, &mut lat, &mut guesses);
            for (i, (&gold, &guess)) in s.tags.iter().zip(&guesses).enumerate() {
                n += 1;
                let (gp, pp) = match i {
                    0 => (Tag::O, Tag::O),
                    _ => (s.tags[i - 1], guesses[i - 1]),
                };
                if gold != guess {
                    wrong += 1;
                    emit_features(&infos, i, &mut ef);
                    self.update(&ef, gold, 1.0);
                    self.update(&ef, guess, -1.0);
                }
                if gold != guess || gp != pp {
                    prev_features(&infos, i, gp, &mut pf);
                    self.update(&pf, gold, 1.0);
                    prev_features(&infos, i, pp, &mut pf);
                    self.update(&pf, guess, -1.0);
                }
            }
            doc_ctx.remember(&infos, &guesses);
        }
        (n, wrong)
    }

    /// The averaged weights as a tagger.
    pub fn finish(mut self) -> Ner {
        let c = f64::from(self.clock.max(1));
        let mut avg = std::mem::take(&mut self.w);
        for (k, w) in avg.iter_mut().enumerate() {
            let total = self.acc[k] + f64::from(self.clock - self.stamp[k]) * f64::from(*w);
            *w = (total / c) as f32;
        }
        Ner::from_weights(avg, self.bits)
    }
}
