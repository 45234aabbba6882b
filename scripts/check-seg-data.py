#!/usr/bin/env python3
"""Checks the documents made by scripts/make-seg-data.sh (scripts/gen-digests.py).

For every docs/ID.gold.json: the gold schema, the roles of ID.lines.jsonl (from the list of
issue #12), each line's article index (set for head, body and tail lines, null for the rest), at
least one body line per gold article, line boxes inside the page, every printed line's text in
the default-mode dump ID.raw.txt (spaces ignored), each gold body equal to its body lines
joined (hyphens the generator added at line ends removed, white space normalised), every gold
author printed in the article's own lines, and a date for every article whose byline prints one.

Usage: scripts/check-seg-data.py [DIR (default $SEG_DATA or /work/seg-data)] [--max-errors N]
Exit status 1 when a document fails.
"""
import json
import os
import re
import sys

ROLES = {"headline", "standfirst", "kicker", "date", "dateline", "outlet", "byline",
         "byline_outlet", "outlet_date", "tail_date", "tail_outlet", "tail_byline",
         "tail_byline_outlet", "tail_outlet_date", "body", "section_heading", "salutation",
         "signature", "caption", "pull_quote", "sidebar", "table", "reference", "form",
         "running_header", "running_footer", "page_number", "running_title", "continuation",
         "masthead", "contents", "other"}
ARTICLE_ROLES = {"headline", "standfirst", "kicker", "date", "dateline", "outlet", "byline",
                 "byline_outlet", "outlet_date", "tail_date", "tail_outlet", "tail_byline",
                 "tail_byline_outlet", "tail_outlet_date", "body", "section_heading",
                 "salutation", "signature"}
BODY_ROLES = {"body", "section_heading", "salutation", "signature"}
KINDS = {"digest", "newsletter", "gazette", "record", "report", "single", "letters"}
FURN = {"header", "footer", "page_number", "masthead", "title_repeat", "contents", "caption",
        "pull_quote", "sidebar", "table", "other"}
PAGE = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def join_lines(lines):
    out = ""
    glue = True
    for ln in lines:
        t = ln["text"]
        if not out:
            out = t
        elif glue:
            out += t
        else:
            out += " " + t
        h = ln.get("hyphen")
        if h == "soft" and out.endswith("-"):
            out = out[:-1]
        glue = h in ("soft", "hard", "cut") or ln.get("dropcap", False)
    return out


def check(docs, did):
    errs = []
    with open(os.path.join(docs, did + ".gold.json"), encoding="utf-8") as f:
        g = json.load(f)
    for k in ("digest", "split", "kind", "name", "issue_date", "pages", "layout_kind", "style",
              "articles", "furniture_detail", "not_articles"):
        if k not in g:
            errs.append("gold: no key %s" % k)
    if errs:
        return errs
    if g["digest"] != did:
        errs.append("gold: digest %r" % g["digest"])
    if g["split"] not in ("train", "tune", "test"):
        errs.append("gold: split %r" % g["split"])
    if g["kind"] not in KINDS:
        errs.append("gold: kind %r" % g["kind"])
    if g["issue_date"] is not None and not DATE.match(g["issue_date"]):
        errs.append("gold: issue_date %r" % g["issue_date"])
    if g["layout_kind"] not in ("1col", "2col", "3col", "mixed"):
        errs.append("gold: layout_kind %r" % g["layout_kind"])
    arts = g["articles"]
    if not arts:
        errs.append("gold: no articles")
    for i, a in enumerate(arts):
        for k in ("title", "subtitle", "date", "outlet", "authors", "body", "meta_lines",
                  "layout"):
            if k not in a:
                errs.append("article %d: no key %s" % (i, k))
        if a.get("date") is not None and not DATE.match(a["date"]):
            errs.append("article %d: date %r" % (i, a["date"]))
        if not isinstance(a.get("authors"), list):
            errs.append("article %d: authors" % i)
        if not a.get("body", "").strip():
            errs.append("article %d: empty body" % i)
        lay = a.get("layout", {})
        if "BD" in (lay.get("meta_template") or "").replace("|", " ").replace("t", " ").split() \
                and a.get("date") is None:
            errs.append("article %d: a byline with the date (BD) but no date" % i)
        for k in ("columns", "pages", "spans_pages", "starts_page_top", "meta_template",
                  "date_format", "has_pull_quote", "has_photo", "has_sidebar"):
            if k not in lay:
                errs.append("article %d: layout has no %s" % (i, k))
    for fd in g["furniture_detail"]:
        if fd.get("kind") not in FURN or len(fd.get("count_in_gold_bodies", [])) != len(arts):
            errs.append("furniture_detail %r" % fd)
    for na in g["not_articles"]:
        if na.get("reason") not in ("table", "contents", "reference_list", "form"):
            errs.append("not_articles %r" % na)
    W, H = PAGE.get(g["style"].get("page_size"), (612.0, 842.0))
    lines = []
    with open(os.path.join(docs, did + ".lines.jsonl"), encoding="utf-8") as f:
        for n, l in enumerate(f, 1):
            ln = json.loads(l)
            lines.append(ln)
            if ln["role"] not in ROLES:
                errs.append("line %d: role %r" % (n, ln["role"]))
            a = ln["article"]
            if ln["role"] in ARTICLE_ROLES:
                if not isinstance(a, int) or not 0 <= a < len(arts):
                    errs.append("line %d: article %r for %s" % (n, a, ln["role"]))
            elif a is not None:
                errs.append("line %d: article %r for %s" % (n, a, ln["role"]))
            if not (-0.5 <= ln["x0"] < ln["x1"] <= W + 0.5 and -0.5 <= ln["y0"] < ln["y1"] <= H
                    + 0.5):
                errs.append("line %d: box %s outside the page" % (
                    n, [ln["x0"], ln["y0"], ln["x1"], ln["y1"]]))
            if not 1 <= ln["page"] <= g["pages"]:
                errs.append("line %d: page %r" % (n, ln["page"]))
            if not ln["text"].strip():
                errs.append("line %d: empty text" % n)
    raw_path = os.path.join(docs, did + ".raw.txt")
    missed = 0
    if os.path.exists(raw_path):
        with open(raw_path, encoding="utf-8") as f:
            raw = re.sub(r"\s+", "", f.read())
        rawmode = ""
        if os.path.exists(os.path.join(docs, did + ".rawmode.txt")):
            with open(os.path.join(docs, did + ".rawmode.txt"), encoding="utf-8") as f:
                rawmode = re.sub(r"\s+", "", f.read())
        for n, ln in enumerate(lines, 1):
            t = re.sub(r"\s+", "", ln["text"])
            if ln.get("hyphen") or t.endswith("-"):
                # the default mode joins a word broken at a line end (and drops the hyphen)
                t = t[:-1] if t.endswith("-") else t
            if t not in raw:
                # pdftotext's default mode sometimes reads a line together with the one beside
                # it in the next column: then it must stand in the -raw dump
                missed += 1
                if t not in rawmode:
                    errs.append("line %d: not in the raw dumps: %r" % (n, ln["text"]))
    for i, a in enumerate(arts):
        body = [ln for ln in lines if ln["article"] == i and ln["role"] in BODY_ROLES]
        if not body:
            errs.append("article %d: no body line" % i)
            continue
        got = norm(join_lines(body))
        want = norm(a["body"])
        if got != want:
            k = next((j for j in range(min(len(got), len(want))) if got[j] != want[j]),
                     min(len(got), len(want)))
            errs.append("article %d: body differs at %d: lines %r / gold %r" % (
                i, k, got[max(0, k - 30):k + 30], want[max(0, k - 30):k + 30]))
    for i, a in enumerate(arts):
        # every author is printed in the article's own lines (byline, signature, headline)
        own = [ln for ln in lines if ln["article"] == i and ln["role"] != "body"]
        text = norm(join_lines(own)) + " " + " ".join(ln["text"] for ln in own)
        for name in a.get("authors") or []:
            if name not in text:
                errs.append("article %d: author %r is not printed in its lines" % (i, name))
    STATS["missed_in_default_dump"] += missed
    STATS["lines"] += len(lines)
    return errs


STATS = {"missed_in_default_dump": 0, "lines": 0}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    max_errors = 5
    if "--max-errors" in sys.argv:
        max_errors = int(sys.argv[sys.argv.index("--max-errors") + 1])
        args = [a for a in args if a != str(max_errors)]
    root = args[0] if args else os.environ.get("SEG_DATA", "/work/seg-data")
    docs = os.path.join(root, "docs")
    ids = sorted(f[:-len(".gold.json")] for f in os.listdir(docs) if f.endswith(".gold.json"))
    bad = 0
    for did in ids:
        errs = check(docs, did)
        if errs:
            bad += 1
            for e in errs[:max_errors]:
                print("%s: %s" % (did, e))
            if len(errs) > max_errors:
                print("%s: ... %d more" % (did, len(errs) - max_errors))
    print("check-seg-data: %d documents, %d with errors; %d lines, %d of them not found whole in "
          "the default-mode dump (read together with a neighbour; found in the -raw dump)"
          % (len(ids), bad, STATS["lines"], STATS["missed_in_default_dump"]))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
