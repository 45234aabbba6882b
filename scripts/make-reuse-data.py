#!/usr/bin/env python3
"""Test sets for text reuse (issue #13), written outside the repository.

    scripts/make-reuse-data.py quality OUT_DIR      # edits of GUM texts, with gold pairs and spans
    scripts/make-reuse-data.py scale N OUT_DIR      # N articles of about 600 words, for speed

Both read the running text of GUM's openly licensed genres from $SEG_DATA/text/gum.json
(default /work/seg-data/text; scripts/get-seg-text.sh writes it): Wikinews news and interviews
(CC BY 2.5), academic and court texts (CC BY 4.0). Nothing generated here goes into the
repository.

`quality` cuts each GUM document into articles of 150-700 words (several articles of one document
are unrelated texts on the same topic: the distractors) and derives new articles from some of
them, one kind of edit each:

- copy: the same text with another case, punctuation, typographic quotes and line-end hyphens;
- cut: the first paragraphs only (40-75 % of the words);
- light: one word in about twelve changed, dropped or added, and one sentence dropped;
- embed: one paragraph (25+ words) inside an unrelated article of another document;
- reorder: the paragraphs in another order;
- paraphrase: every sentence reworded (a third of the words replaced, clauses swapped), a
  rewrite no reuse detector is expected to find by its words;
- quote: one sentence printed inside quotation marks in two unrelated articles.

It writes `articles.jsonl` (the keys of cuttings' output contract; ids are our own, 32 hex
digits) and `gold.jsonl`: one line per derived pair, `{"a", "b", "edit", "kind", "spans"}`, with
`kind` the expected `reprint`, `partial` or `quote` and `spans` the reused character ranges
`[[a_start, a_end, b_start, b_end], ...]` where they are known exactly; and `families.json`,
the GUM pieces each article holds text of: a pair outside gold.jsonl that shares a piece (two
edits of one original, an article and the host of its embedded paragraph) is real reuse that
no edit tests, and the scorer leaves it out rather than count it as a false positive.

`scale` writes N articles made by a word-bigram model of the same text (so unrelated articles
share common phrases, as real news does), of which about 10 % copy or partly copy another.
"""

import hashlib
import json
import os
import random
import re
import sys

SEG = os.environ.get("SEG_DATA", "/work/seg-data")
OUTLETS = ["The Summit Herald", "Valley Courier", "Northern Gazette", "Daily Ledger",
           "The Morning Post", "Coastal Times", "Metro Star", "Evening Standard Review",
           "Harbour News", "The Weekly Observer", "Riverside Tribune", "Capital Wire"]


def load_docs():
    with open(os.path.join(SEG, "text", "gum.json"), encoding="utf-8") as f:
        data = json.load(f)
    docs = []
    for d in data["docs"]:
        paras = [" ".join(b["sents"]) for b in d["blocks"] if b.get("type") == "p" and b.get("sents")]
        paras = [p for p in paras if len(p.split()) >= 8]
        if paras:
            docs.append((d["id"], d.get("title") or d["id"], paras))
    return docs


def hid(*parts):
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()[:32]


def chunk(paras, lo=150, hi=700):
    out, cur, n = [], [], 0
    for p in paras:
        cur.append(p)
        n += len(p.split())
        if n >= lo and (n >= hi * 0.6 or random.random() < 0.3):
            out.append(cur)
            cur, n = [], 0
    if cur and n >= lo // 2:
        out.append(cur)
    return out


def restyle(text, rng):
    """Same words, other typography: case, quotes, dashes, hyphens at line ends."""
    t = text.replace('"', "\u201c", 1)
    t = re.sub(r"(\w)'(\w)", "\\1\u2019\\2", t)
    t = t.replace(" - ", " \u2014 ").replace(",", " ,") if rng.random() < 0.5 else t
    if rng.random() < 0.5:
        t = t.upper()
    words = t.split(" ")
    out = []
    for w in words:
        if len(w) > 8 and w.isalpha() and rng.random() < 0.05:
            k = len(w) // 2
            out.append(w[:k] + "-\n" + w[k:])
        else:
            out.append(w)
    return " ".join(out)


def light_edit(text, vocab, rng):
    words = text.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < 0.03:
            continue
        if r < 0.06:
            out.append(rng.choice(vocab))
        else:
            out.append(w)
        if rng.random() < 0.02:
            out.append(rng.choice(vocab))
    return " ".join(out)


def paraphrase(text, vocab, rng):
    out = []
    for s in re.split(r"(?<=[.!?])\s+", text):
        parts = s.split(", ")
        if len(parts) > 1:
            rng.shuffle(parts)
        words = ", ".join(parts).split(" ")
        words = [rng.choice(vocab) if rng.random() < 0.34 else w for w in words]
        out.append(" ".join(words))
    return " ".join(out)


def body(paras):
    return "\n\n".join(paras)


def quality(out_dir):
    rng = random.Random(13)
    random.seed(13)
    docs = load_docs()
    vocab = sorted({w for _, _, ps in docs for p in ps for w in p.split() if w.isalpha()})
    base = []  # (doc index, title, paragraphs)
    for k, (did, title, paras) in enumerate(docs):
        for n, c in enumerate(chunk(paras)):
            base.append((k, f"{title} ({n + 1})", c))
    articles, gold = [], []

    families = {}

    def add(title, text, day, outlet=None, tag="", family=()):
        a = {
            "id": hid(title, text, tag),
            "title": title,
            "subtitle": None,
            "date": f"2021-{1 + day // 28:02d}-{1 + day % 28:02d}" if day is not None else None,
            "outlet": outlet or rng.choice(OUTLETS),
            "authors": [],
            "language": "en",
            "body": text,
        }
        articles.append(a)
        families[a["id"]] = sorted(set(family))
        return a

    originals = [add(t, body(ps), rng.randrange(0, 200), family=[i]) for i, (_, t, ps) in enumerate(base)]
    edits = ["copy", "cut", "light", "embed", "reorder", "paraphrase", "quote"]
    order = list(range(len(base)))
    rng.shuffle(order)
    jobs = [(i, edits[(2 * n + r) % len(edits)]) for n, i in enumerate(order) for r in range(2)]
    for i, edit in jobs:
        k, title, paras = base[i]
        src = originals[i]
        day = int(src["date"][5:7]) * 28 - 28 + int(src["date"][8:10]) - 1
        later = day + rng.randrange(0, 6)
        text = src["body"]
        if edit == "copy":
            new = restyle(text, rng)
            b = add(title.upper(), new, later, tag=edit, family=[i])
            gold.append(pair(src, b, edit, "reprint", [[0, len(text), 0, len(new)]]))
        elif edit == "cut":
            words = sum(len(p.split()) for p in paras)
            keep, n_words = [], 0
            for p in paras:
                if keep and n_words + len(p.split()) > 0.75 * words:
                    break
                keep.append(p)
                n_words += len(p.split())
            if len(keep) == len(paras) or n_words < 0.4 * words:
                continue
            new = body(keep)
            b = add(title, new, later, tag=edit, family=[i])
            gold.append(pair(src, b, edit, "partial", [[0, len(new), 0, len(new)]]))
        elif edit == "light":
            sents = [re.split(r"(?<=[.!?])\s+", p) for p in paras]
            dropped = 0
            if sum(map(len, sents)) > 8:
                k = max(range(len(sents)), key=lambda k: len(sents[k]))
                dropped = len(sents[k].pop(rng.randrange(1, len(sents[k]))).split())
            new = body([light_edit(" ".join(s), vocab, rng) for s in sents])
            b = add(title, new, later, tag=edit, family=[i])
            # Whole-story reprint while what is left is well over 80 % of the original.
            kept = 1 - dropped / len(text.split())
            gold.append(pair(src, b, edit, "reprint" if kept >= 0.87 else "partial", None))
        elif edit == "embed":
            p = max(paras, key=lambda p: len(p.split()))
            if len(p.split()) < 25:
                continue
            hosts = [j for j, bb in enumerate(base) if bb[0] != k]
            j = rng.choice(hosts)
            host = base[j][2]
            at = rng.randrange(0, len(host) + 1)
            new_paras = host[:at] + [p] + host[at:]
            new = body(new_paras)
            b = add(base[j][1] + " (with a paragraph)", new, later, tag=edit, family=[i, j])
            start_a = text.index(p)
            start_b = new.index(p)
            gold.append(pair(src, b, edit, "partial",
                             [[start_a, start_a + len(p), start_b, start_b + len(p)]]))
        elif edit == "reorder":
            if len(paras) < 3:
                continue
            shuffled = paras[:]
            while shuffled == paras:
                rng.shuffle(shuffled)
            new = body(shuffled)
            b = add(title, new, later, tag=edit, family=[i])
            spans = []
            for p in paras:
                sa, sb = text.index(p), new.index(p)
                spans.append([sa, sa + len(p), sb, sb + len(p)])
            gold.append(pair(src, b, edit, "reprint", spans))
        elif edit == "paraphrase":
            new = body([paraphrase(p, vocab, rng) for p in paras])
            b = add(title, new, later, tag=edit, family=[i])
            gold.append(pair(src, b, edit, "reprint", None))
        elif edit == "quote":
            sents = [s for p in paras for s in re.split(r"(?<=[.!?])\s+", p) if 18 <= len(s.split()) <= 40 and not re.search("[\"\u201c\u201d]", s)]
            if not sents:
                continue
            s = rng.choice(sents).rstrip(".")
            others = [j for j, bb in enumerate(base) if bb[0] != k]
            j1, j2 = rng.sample(others, 2)
            if base[j1][0] == base[j2][0]:
                continue
            made = []
            for j in (j1, j2):
                host = base[j][2][:]
                at = rng.randrange(0, len(host) + 1)
                host.insert(at, f"\u201c{s},\u201d said a spokesperson.")
                made.append(add(base[j][1] + " (quoting)", body(host), later, tag=f"q{j}", family=[i, j]))
            qa = made[0]["body"].index(s)
            qb = made[1]["body"].index(s)
            gold.append(pair(made[0], made[1], edit, "quote", [[qa, qa + len(s), qb, qb + len(s)]]))
    os.makedirs(out_dir, exist_ok=True)
    rng.shuffle(articles)
    with open(os.path.join(out_dir, "articles.jsonl"), "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "gold.jsonl"), "w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps(g) + "\n")
    with open(os.path.join(out_dir, "families.json"), "w", encoding="utf-8") as f:
        json.dump(families, f)
    print(f"{len(articles)} articles, {len(gold)} gold pairs in {out_dir}", file=sys.stderr)


def pair(a, b, edit, kind, spans):
    # Gold pairs are keyed with the smaller id first, as cuttings reports them.
    if a["id"] > b["id"]:
        a, b = b, a
        spans = [[s[2], s[3], s[0], s[1]] for s in spans] if spans else spans
    return {"a": a["id"], "b": b["id"], "edit": edit, "kind": kind, "spans": spans}


def scale(n, out_dir):
    rng = random.Random(100)
    docs = load_docs()
    sents = [s for _, _, ps in docs for p in ps for s in re.split(r"(?<=[.!?])\s+", p)]
    words = [s.split() for s in sents if len(s.split()) >= 4]
    nexts = {}
    starts = [w[0] for w in words]
    for w in words:
        for x, y in zip(w, w[1:] + ["\n"]):
            nexts.setdefault(x, []).append(y)

    def sentence():
        w = rng.choice(starts)
        out = [w]
        while len(out) < 40:
            w = rng.choice(nexts.get(w, ["\n"]))
            if w == "\n":
                break
            out.append(w)
        return " ".join(out)

    def article(target=600):
        paras, count = [], 0
        while count < target:
            p = " ".join(sentence() for _ in range(rng.randrange(2, 6)))
            paras.append(p)
            count += len(p.split())
        return "\n\n".join(paras)

    os.makedirs(out_dir, exist_ok=True)
    made = []
    with open(os.path.join(out_dir, "articles.jsonl"), "w", encoding="utf-8") as f:
        for i in range(n):
            if made and rng.random() < 0.1:
                src = rng.choice(made)
                paras = src.split("\n\n")
                if rng.random() < 0.5:
                    text = src  # a reprint
                else:
                    text = "\n\n".join(paras[: max(1, len(paras) // 2)] + article(300).split("\n\n"))
            else:
                text = article(rng.randrange(450, 750))
                if len(made) < 5000:
                    made.append(text)
            day = rng.randrange(0, 365)
            a = {"id": hid("scale", i), "title": f"Article {i}", "subtitle": None,
                 "date": f"2022-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}",
                 "outlet": rng.choice(OUTLETS), "authors": [], "language": "en", "body": text}
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    print(f"{n} articles in {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "quality":
        quality(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "scale":
        scale(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)
