//! Reading CoNLL-style NER data and scoring a tagger on it (strict span + type match).

use std::collections::BTreeMap;

use crate::ner::{spans, Ner, Tag};
use crate::EntityType;

/// A sentence of annotated data: words and their gold IOB2 tags.
#[derive(Clone, Debug, Default)]
pub struct AnnotatedSentence {
    /// The words.
    pub words: Vec<String>,
    /// One tag per word.
    pub tags: Vec<Tag>,
}

/// A document of annotated data (CoNLL `-DOCSTART-` or CoNLL-U `# newdoc`).
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The sentences in order.
    pub sentences: Vec<AnnotatedSentence>,
}

/// Reads CoNLL-2003 (`word POS chunk TAG`, IOB1 or IOB2, `-DOCSTART-` lines) or UNER/CoNLL-U
/// style (`# comments`, `index word TAG ...`) data. Tags are turned into IOB2; labels other than
/// PER, ORG, LOC (and their spaCy/OntoNotes names) become MISC.
pub fn read(text: &str) -> Vec<Document> {
    let uner = text
        .lines()
        .any(|l| l.starts_with("# sent_id") || l.starts_with("# newdoc"));
    let mut docs = vec![Document::default()];
    let mut cur = AnnotatedSentence::default();
    let mut raw: Vec<String> = Vec::new();
    let flush = |docs: &mut Vec<Document>, cur: &mut AnnotatedSentence, raw: &mut Vec<String>| {
        if !cur.words.is_empty() {
            cur.tags = iob2(raw);
            docs.last_mut().unwrap().sentences.push(std::mem::take(cur));
        }
        raw.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") || line.starts_with("# newdoc") {
            flush(&mut docs, &mut cur, &mut raw);
            if !docs.last().unwrap().sentences.is_empty() {
                docs.push(Document::default());
            }
            continue;
        }
        if uner && line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut docs, &mut cur, &mut raw);
            continue;
        }
        let cols: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        let (word, tag) = if uner {
            (
                cols.get(1).copied().unwrap_or(""),
                cols.get(2).copied().unwrap_or("O"),
            )
        } else {
            (cols[0], cols.last().copied().unwrap_or("O"))
        };
        cur.words.push(word.to_string());
        raw.push(tag.to_string());
    }
    flush(&mut docs, &mut cur, &mut raw);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// IOB1 or IOB2 labels → IOB2 tags.
fn iob2(raw: &[String]) -> Vec<Tag> {
    let mut out: Vec<Tag> = Vec::with_capacity(raw.len());
    for l in raw {
        let t = match l.split_once('-') {
            None => Tag::O,
            Some((bi, ty)) => {
                let ty = EntityType::parse(ty).unwrap_or(EntityType::Misc);
                let prev = out.last().copied().unwrap_or(Tag::O);
                if bi == "B" || prev.entity_type() != Some(ty) {
                    Tag::begin(ty)
                } else {
                    Tag::inside(ty)
                }
            }
        };
        out.push(t);
    }
    out
}

/// Counts for one type: true positives, predicted, gold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted spans that match a gold span exactly, type included.
    pub correct: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl Counts {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Span counts per type.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Per entity type.
    pub per_type: BTreeMap<EntityType, Counts>,
}

impl Score {
    /// Adds one sentence's gold and predicted tags.
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        let g = spans(gold);
        let p = spans(pred);
        for &(_, _, t) in &g {
            self.per_type.entry(t).or_default().gold += 1;
        }
        for s in &p {
            let c = self.per_type.entry(s.2).or_default();
            c.predicted += 1;
            if g.contains(s) {
                c.correct += 1;
            }
        }
    }

    /// The counts summed over the given types.
    pub fn total(&self, types: &[EntityType]) -> Counts {
        let mut t = Counts::default();
        for (ty, c) in &self.per_type {
            if types.contains(ty) {
                t.correct += c.correct;
                t.predicted += c.predicted;
                t.gold += c.gold;
            }
        }
        t
    }
}

/// Tags every document (document-level features on) and scores against the gold tags.
/// Returns the score and the predicted tags, sentence by sentence.
pub fn evaluate(ner: &Ner, docs: &[Document]) -> (Score, Vec<Vec<Tag>>) {
    let mut score = Score::default();
    let mut all = Vec::new();
    for d in docs {
        let sents: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let pred = ner.tag_document(&sents);
        for (s, p) in d.sentences.iter().zip(pred) {
            score.add(&s.tags, &p);
            all.push(p);
        }
    }
    (score, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_iob1_as_iob2() {
        let d = read("-DOCSTART- -X- O O\n\nEU NNP B-NP I-ORG\nrejects V O O\nNew I I-LOC\nYork I I-LOC\nJo I I-PER\nAl I B-PER\n\n");
        assert_eq!(d.len(), 1);
        let t: Vec<&str> = d[0].sentences[0].tags.iter().map(|t| t.as_str()).collect();
        assert_eq!(t, ["B-ORG", "O", "B-LOC", "I-LOC", "B-PER", "B-PER"]);
    }

    #[test]
    fn reads_uner() {
        let d = read("# newdoc id = a\n# sent_id = 1\n1\tIn\tO\t-\t-\n2\tLos\tB-LOC\t-\t-\n3\tAngeles\tI-LOC\t-\t-\n\n");
        let s = &d[0].sentences[0];
        assert_eq!(s.words, ["In", "Los", "Angeles"]);
        assert_eq!(spans(&s.tags), [(1, 3, EntityType::Place)]);
    }

    #[test]
    fn strict_scoring() {
        let g = [
            Tag::begin(EntityType::Person),
            Tag::inside(EntityType::Person),
            Tag::O,
        ];
        let p = [
            Tag::begin(EntityType::Person),
            Tag::O,
            Tag::begin(EntityType::Place),
        ];
        let mut s = Score::default();
        s.add(&g, &p);
        let all = s.total(&EntityType::ALL);
        assert_eq!((all.correct, all.predicted, all.gold), (0, 2, 1));
    }
}
