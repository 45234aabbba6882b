#!/usr/bin/env python3
"""Shingle F1 of extracted bodies against gold bodies (word 4-gram shingles).

    python3 bench/shingle_f1.py GOLD.jsonl PRED.jsonl [--worst N]

Both files hold one {"id": ..., "body": ...} object per line. Words are lower-cased runs of
letters and digits; a text shorter than 4 words gives one shingle of all its words. Per page:
precision = |P & G| / |P|, recall = |P & G| / |G|, F1 their harmonic mean (shingle sets; an empty
prediction of an empty gold counts 1). Prints the mean precision, recall and F1 over the gold
pages (a page missing from PRED scores 0) and the median of PRED's "ms" field when present.
"""
import json, re, statistics, sys

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    words = WORD.findall((text or "").lower())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def score(gold, pred):
    g, p = shingles(gold), shingles(pred)
    if not g and not p:
        return 1.0, 1.0, 1.0
    if not g or not p:
        return 0.0, 0.0, 0.0
    inter = len(g & p)
    prec, rec = inter / len(p), inter / len(g)
    f1 = 0.0 if inter == 0 else 2 * prec * rec / (prec + rec)
    return prec, rec, f1


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                r = json.loads(line)
                out[r["id"]] = r
    return out


def main():
    args = sys.argv[1:]
    worst = 0
    if "--worst" in args:
        i = args.index("--worst")
        worst = int(args[i + 1])
        del args[i:i + 2]
    gold, pred = load(args[0]), load(args[1])
    rows = []
    for k, g in gold.items():
        p = pred.get(k, {})
        rows.append((k,) + score(g.get("body", ""), p.get("body", "")))
    n = len(rows)
    P = sum(r[1] for r in rows) / n
    R = sum(r[2] for r in rows) / n
    F = sum(r[3] for r in rows) / n
    ms = [r["ms"] for r in pred.values() if isinstance(r.get("ms"), (int, float))]
    med = statistics.median(ms) if ms else float("nan")
    print(json.dumps({"pages": n, "precision": round(P, 4), "recall": round(R, 4), "f1": round(F, 4), "median_ms": round(med, 3)}))
    for r in sorted(rows, key=lambda r: r[3])[:worst]:
        print(f"  {r[3]:.3f}  p={r[1]:.3f} r={r[2]:.3f}  {r[0]}", file=sys.stderr)


if __name__ == "__main__":
    main()
