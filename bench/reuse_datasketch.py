#!/usr/bin/env python3
"""datasketch's MinHash-LSH on a JSON Lines file of articles: the peer of `cuttings reuse`.

    python bench/reuse_datasketch.py ARTICLES.jsonl [THRESHOLD] > pairs.jsonl

Each article is the set of its lower-cased word 5-grams (punctuation dropped), hashed into a
128-permutation MinHash; MinHashLSH at THRESHOLD (default 0.5, datasketch's own default) finds
the candidate pairs, which are printed as {"a", "b"} (smaller id first), then a line
{"summary": {"articles", "pairs", "seconds"}} timing sketching, indexing and querying (not
reading the file).
"""
import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"\w+")


def main():
    path = sys.argv[1]
    threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    arts = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    t = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sketches = {}
    for a in arts:
        words = WORD.findall(a["body"].lower())
        grams = {" ".join(words[i:i + 5]).encode() for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(grams))
        sketches[a["id"]] = m
        lsh.insert(a["id"], m)
    pairs = set()
    for i, m in sketches.items():
        for j in lsh.query(m):
            if i != j:
                pairs.add((min(i, j), max(i, j)))
    seconds = time.perf_counter() - t
    for a, b in sorted(pairs):
        print(json.dumps({"a": a, "b": b}))
    print(json.dumps({"summary": {"articles": len(arts), "pairs": len(pairs), "seconds": seconds}}))


if __name__ == "__main__":
    main()
