#!/usr/bin/env python3
"""Scores predicted reuse pairs against a test set of scripts/make-reuse-data.py.

    python bench/reuse_score.py DATA_DIR PAIRS.jsonl [NAME]

PAIRS.jsonl holds {"a", "b"} per pair (smaller id first), with "kind" and "passages"
(character offsets, as `cuttings reuse pairs --format jsonl` prints them) when the system gives
them. A pair counts as reuse unless its kind is "quote".

Prints one JSON object: pair precision, recall and F1 over the reuse pairs (gold kinds reprint
and partial; a shared quotation reported as reuse is a false positive), precision, recall and
kind agreement per kind of edit (precision of the pairs reported as reuse, or as a shared
quotation for the quotation edit: a reported pair counts for the edit of its gold pair, a pair
the gold does not hold, outside one family, as wrong for every edit its two articles took part
in, "none" for articles of no gold pair), false positives between articles cut from the same document (the
same-topic distractors), and passage-span accuracy: for gold pairs found whose reused spans are
known exactly, character precision, recall and F1 of the predicted passages against them, over
both bodies.
"""
import json
import os
import sys
from collections import defaultdict


def covered(ranges):
    s = set()
    for a, b in ranges:
        s.update(range(a, b))
    return s


def main():
    data, path = sys.argv[1], sys.argv[2]
    name = sys.argv[3] if len(sys.argv) > 3 else os.path.basename(path)
    gold = {}
    for line in open(os.path.join(data, "gold.jsonl")):
        g = json.loads(line)
        gold[(g["a"], g["b"])] = g
    families = json.load(open(os.path.join(data, "families.json")))
    titles = {}
    for line in open(os.path.join(data, "articles.jsonl"), encoding="utf-8"):
        a = json.loads(line)
        titles[a["id"]] = a["title"].rsplit(" (", 1)[0].upper()
    pred = {}
    summary = {}
    for line in open(path):
        p = json.loads(line)
        if "summary" in p:
            summary = p["summary"]
            continue
        pred[(p["a"], p["b"])] = p
    tp = fp = fp_topic = 0
    for key, p in pred.items():
        if p.get("kind") == "quote":
            continue
        g = gold.get(key)
        if g is not None and g["kind"] != "quote":
            tp += 1
        elif g is None and set(families[key[0]]) & set(families[key[1]]):
            continue  # real reuse no edit tests (two edits of one original)
        else:
            fp += 1
            if g is None and titles[key[0]] == titles[key[1]]:
                fp_topic += 1
    edits_of = defaultdict(set)
    for (a, b), g in gold.items():
        edits_of[a].add(g["edit"])
        edits_of[b].add(g["edit"])
    right, wrong = defaultdict(int), defaultdict(int)
    for key, p in pred.items():
        g = gold.get(key)
        said_quote = p.get("kind") == "quote"
        if g is not None:
            if g["kind"] == "quote":
                (right if said_quote else wrong)[g["edit"]] += 1
            elif not said_quote:
                right[g["edit"]] += 1
        elif set(families[key[0]]) & set(families[key[1]]):
            continue
        else:
            for e in (edits_of[key[0]] | edits_of[key[1]]) or {"none"}:
                if said_quote == (e == "quote"):
                    wrong[e] += 1
    positives = [g for g in gold.values() if g["kind"] != "quote"]
    fn = sum(1 for g in positives if (g["a"], g["b"]) not in pred or pred[(g["a"], g["b"])].get("kind") == "quote")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    by_edit = defaultdict(lambda: {"gold": 0, "found": 0, "kind_ok": 0})
    span_p, span_r, span_f = [], [], []
    for key, g in gold.items():
        e = by_edit[g["edit"]]
        e["gold"] += 1
        p = pred.get(key)
        if p is None:
            continue
        is_reuse = p.get("kind") != "quote"
        if (g["kind"] == "quote") != is_reuse:
            e["found"] += 1
            e["kind_ok"] += int(p.get("kind") == g["kind"])
        if g.get("spans") and p.get("passages") is not None:
            ga = covered([(s[0], s[1]) for s in g["spans"]])
            gb = covered([(s[2], s[3]) for s in g["spans"]])
            pa = covered([(q["a_start"], q["a_end"]) for q in p["passages"]])
            pb = covered([(q["b_start"], q["b_end"]) for q in p["passages"]])
            inter = len(ga & pa) + len(gb & pb)
            sp = inter / (len(pa) + len(pb)) if pa or pb else 0.0
            sr = inter / (len(ga) + len(gb))
            span_p.append(sp)
            span_r.append(sr)
            span_f.append(2 * sp * sr / (sp + sr) if sp + sr else 0.0)
    edits = {k: {"gold": v["gold"],
                 "precision": round(right[k] / (right[k] + wrong[k]), 3) if right[k] + wrong[k] else None,
                 "recall": round(v["found"] / v["gold"], 3),
                 "kind_agreement": round(v["kind_ok"] / v["found"], 3) if v["found"] else None}
             for k, v in sorted(by_edit.items())}
    if wrong["none"]:
        edits["none"] = {"gold": 0, "precision": 0.0, "recall": None, "kind_agreement": None,
                         "wrong": wrong["none"]}
    mean = lambda v: round(sum(v) / len(v), 4) if v else None
    print(json.dumps({
        "system": name, "pairs_predicted": len(pred), "precision": round(prec, 4),
        "recall": round(rec, 4), "f1": round(f1, 4), "false_positives": fp,
        "false_positives_same_topic": fp_topic, "by_edit": edits,
        "span": {"pairs": len(span_f), "precision": mean(span_p), "recall": mean(span_r), "f1": mean(span_f)},
        "seconds": summary.get("seconds"),
    }))


if __name__ == "__main__":
    main()
