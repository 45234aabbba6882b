"""Makes a folder of documents for the Spark test (issue #15): JSON Lines files and text-dump
digests of invented articles, some printed again by other outlets (whole, in part, or quoted),
so that the cluster job has names, quotations and text reuse to find.

    python3 scale/spark/make-docs.py OUT_DIR [--documents 300] [--seed 15]

Everything is made up here from small word lists (no third-party text); the same seed gives
the same files.
"""

import argparse
import json
import os
import random

FIRST = ["Anna", "Jonas", "Marta", "Pieter", "Sofia", "Karim", "Elena", "Tomas", "Ines", "Lukas",
         "Nadia", "Omar", "Greta", "Milan", "Clara", "Viktor", "Leila", "Hugo", "Irene", "Pavel"]
LAST = ["Keller", "Moreau", "Novak", "Haddad", "Lindqvist", "Ferreira", "Brandt", "Okafor",
        "Varga", "Castellano", "Jansen", "Dubois", "Petrov", "Nilsson", "Rossi", "Weber"]
ORGS = ["Ministry of Transport", "Regional Water Authority", "Northern Rail Company",
        "Union of Dock Workers", "European Investment Bank", "Harbour Board",
        "Institute for Energy Studies", "Farmers' Cooperative", "National Audit Office",
        "Chamber of Commerce"]
PLACES = ["Arnfeld", "Kessington", "Valmora", "Brackwater", "Lindholm", "Saint-Orlan", "Tervik",
          "Molbridge", "Castelnau", "Eskberg"]
ROLES = ["director", "spokeswoman", "chairman", "chief engineer", "treasurer", "mayor",
         "minister", "head of planning"]
THINGS = ["bridge", "tunnel", "pipeline", "ferry service", "power line", "flood barrier",
          "grain terminal", "rail link", "water plant", "wind farm", "bus depot", "canal lock"]
VERBS = ["delay", "approve", "review", "extend", "cancel", "finance", "inspect", "rebuild"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ADJ = ["long-awaited", "costly", "disputed", "modest", "ambitious", "overdue", "temporary"]
NUM = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "twelve", "fifteen"]
UNIT = ["million euros", "kilometres", "months", "hundred jobs", "years", "thousand homes"]
OUTLETS = ["Harbour Gazette", "Valley Courier", "The Northern Ledger", "Capital Observer",
           "Eskberg Evening Post", "Riverside Herald", "The Provincial Times", "Coastline Weekly"]
WORDS = []
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def person(r):
    return f"{r.choice(FIRST)} {r.choice(LAST)}"


SYLLABLES = ["ba", "ri", "ton", "mel", "sa", "vor", "ka", "len", "di", "pra", "gu", "ste",
             "no", "fir", "ma", "zel", "tu", "ker", "o", "an", "bre", "lu", "pe", "dra"]
SMALL = ["the", "of", "and", "to", "in", "a", "for", "on", "with", "was", "that", "by"]


def vocabulary(r, n=3000):
    words = set()
    while len(words) < n:
        words.add("".join(r.choice(SYLLABLES) for _ in range(r.randint(1, 3))))
    return sorted(words)


def sentence(r):
    """Invented words with names, organisations and places between them: varied enough that
    two stories share no run of words unless one copies the other."""
    words = [r.choice(WORDS) if r.random() < 0.75 else r.choice(SMALL) for _ in range(r.randint(9, 18))]
    t = r.randrange(4)
    if t == 0:
        words[r.randrange(len(words))] = f"{person(r)} said"
    elif t == 1:
        words[r.randrange(len(words))] = f"the {r.choice(ORGS)}"
    elif t == 2:
        words[r.randrange(len(words))] = f"in {r.choice(PLACES)}"
    else:
        quoted = " ".join(r.choice(WORDS) for _ in range(r.randint(6, 12)))
        return f"\u201c{quoted.capitalize()},\u201d said {person(r)} of the {r.choice(ORGS)}."
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraphs(r, n):
    return [" ".join(sentence(r) for _ in range(r.randint(2, 4))) for _ in range(n)]


def article(r, stories):
    """A new story, or (one time in four) a story printed before, whole, in part or quoted."""
    outlet, author = r.choice(OUTLETS), person(r)
    date = (2021, r.randint(1, 12), r.randint(1, 28))
    if stories and r.random() < 0.25:
        title, paras = r.choice(stories)
        kind = r.random()
        if kind < 0.5:  # a reprint
            body = list(paras)
        elif kind < 0.8:  # a rewrite that keeps some paragraphs
            body = paras[: max(1, len(paras) // 2)] + paragraphs(r, 2)
        else:  # a quotation of one long sentence
            said = " ".join(paras[0].split()[:20]).rstrip(".,")
            body = paragraphs(r, 1) + [f"As one report put it, \u201c{said}.\u201d"] + paragraphs(r, 1)
            title = f"{r.choice(ADJ).capitalize()} {r.choice(THINGS)} plan questioned"
    else:
        title = f"{r.choice(ORGS)} to {r.choice(VERBS)} {r.choice(THINGS)} in {r.choice(PLACES)}"
        body = paragraphs(r, r.randint(2, 5))
        stories.append((title, body))
    return {"title": title, "outlet": outlet, "date": "%04d-%02d-%02d" % date,
            "authors": [author], "body": "\n\n".join(body)}


def digest_text(r, articles):
    """A text dump of a digest: title, outlet and date, byline, wrapped paragraphs."""
    out = []
    for a in articles:
        y, m, d = map(int, a["date"].split("-"))
        out += [f" {a['title']} ", "", f"{a['outlet']} | {d} {MONTHS[m - 1]} {y} ", "",
                f"By {a['authors'][0]} ", ""]
        for p in a["body"].split("\n\n"):
            line = ""
            for w in p.split():
                if len(line) + len(w) > 62:
                    out += [line + " ", ""]
                    line = w
                else:
                    line = f"{line} {w}".strip()
            out += [line + " ", ""]
        out += ["", ""]
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--documents", type=int, default=300)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    r = random.Random(args.seed)
    global WORDS
    WORDS = vocabulary(r)
    os.makedirs(args.out, exist_ok=True)
    stories = []
    for i in range(args.documents):
        arts = [article(r, stories) for _ in range(r.randint(1, 3))]
        sub = os.path.join(args.out, f"batch-{i % 7}")
        os.makedirs(sub, exist_ok=True)
        if i % 5 == 4:
            with open(os.path.join(sub, f"digest-{i:04d}.txt"), "w", encoding="utf-8") as f:
                f.write(digest_text(r, arts))
        else:
            with open(os.path.join(sub, f"feed-{i:04d}.jsonl"), "w", encoding="utf-8") as f:
                for a in arts:
                    f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
