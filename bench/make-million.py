"""Makes the input of bench/million.sh (issue #16): N articles as JSON Lines files and text-dump
digests, with varied outlets, dates and names, unique and with reprints, plus copies of the dev
digests (real news text) when ../shared/dev-digests is there.

    python3 bench/make-million.py OUT_DIR --articles 1000000 [--seed 16]

Words come from the project's English word list (data/words-en.txt) with a Zipf distribution
(a few words very common, most rare, as in news text); people from the shipped given names and
surnames; places from the shipped gazetteer; 400 invented outlets; dates over ten years. One
article in ten prints an earlier one again (whole, or half of it rewritten). One article in ten
is in a text-dump digest (title, outlet and date line, byline, wrapped paragraphs), the rest in
JSON Lines files of 5,000. No third-party text is written but the dev digests' copies. The same
seed gives the same files; a million articles take about 2.6 GB and a few minutes to make.
"""

import argparse
import glob
import itertools
import json
import multiprocessing
import os
import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PAPERS = ["Herald", "Courier", "Gazette", "Observer", "Tribune", "Post", "Times", "Ledger",
          "Chronicle", "Dispatch", "Monitor", "Review", "Journal", "Star", "Echo", "Record"]
ORG_HEADS = ["Ministry of", "Institute for", "Council of", "Union of", "Bank of", "Office for",
             "Agency for", "Association of", "Committee on", "Foundation for"]
ORG_TAILS = ["Transport", "Energy", "Trade", "Health", "Water", "Defence", "Agriculture",
             "Education", "Finance", "Housing", "Fisheries", "Culture", "Labour", "Justice"]
# The most frequent words of English, first: they rank first in the Zipf distribution.
FUNCTION_WORDS = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "for", "on", "with",
                  "as", "by", "it", "at", "from", "he", "his", "be", "have", "has", "are",
                  "were", "not", "this", "but", "they", "which", "an", "or", "had", "their", "its",
                  "will", "would", "been", "who", "after", "she", "her", "we", "more", "new",
                  "one", "year", "government", "people", "last", "over", "two", "also", "about"]
ROLES = ["director", "spokeswoman", "spokesman", "chairman", "minister", "mayor", "analyst",
         "professor", "chief executive", "secretary general", "lawyer", "senator"]


def lines(path, column=0):
    with open(path, encoding="utf-8") as f:
        return [l.split("\t")[column].strip() for l in f if l.strip()]


class Maker:
    def __init__(self, seed):
        self.r = random.Random(seed)
        words = [w for w in lines("data/words-en.txt") if w.isalpha() and w.islower()]
        self.r.shuffle(words)
        common = set(FUNCTION_WORDS)
        words = FUNCTION_WORDS + [w for w in words[:60000] if w not in common]
        self.words = words
        self.cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
        data = "crates/extract/data"
        self.first = [n.capitalize() for n in lines(f"{data}/given-name-gender.txt")]
        self.last = [n.capitalize() for n in lines(f"{data}/surnames.txt")]
        places = [p for p in lines(f"{data}/places.txt") if p.isascii() and p.replace(" ", "").isalpha()]
        self.places = [" ".join(w.capitalize() for w in p.split()) for p in places[:20000]]
        self.outlets = sorted({f"The {self.r.choice(self.places)} {self.r.choice(PAPERS)}"
                               for _ in range(400)})
        self.orgs = [f"{h} {t}" for h in ORG_HEADS for t in ORG_TAILS]
        # Names recur: a corpus follows a cast of people, not a new person per sentence.
        self.people = [f"{self.r.choice(self.first)} {self.r.choice(self.last)}" for _ in range(50000)]

    def some_words(self, n):
        return self.r.choices(self.words, cum_weights=self.cum, k=n)

    def sentence(self):
        r = self.r
        words = self.some_words(r.randint(10, 22))
        kind = r.randrange(5)
        person = r.choice(self.people)
        if kind == 0:
            words[r.randrange(len(words))] = f"{person} said"
        elif kind == 1:
            words[r.randrange(len(words))] = f"the {r.choice(self.orgs)}"
        elif kind == 2:
            words[r.randrange(len(words))] = f"in {r.choice(self.places)}"
        elif kind == 3:
            said = " ".join(self.some_words(r.randint(8, 16)))
            return f"\u201c{said.capitalize()},\u201d said {person}, {r.choice(ROLES)} of the {r.choice(self.orgs)}."
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraphs(self, n):
        return [" ".join(self.sentence() for _ in range(self.r.randint(2, 4))) for _ in range(n)]

    def article(self, stories):
        r = self.r
        outlet = r.choice(self.outlets)
        date = "%04d-%02d-%02d" % (r.randint(2015, 2024), r.randint(1, 12), r.randint(1, 28))
        if stories and r.random() < 0.1:
            title, paras = r.choice(stories)
            if r.random() < 0.6:
                body = list(paras)
            else:
                body = paras[: max(1, len(paras) // 2)] + self.paragraphs(2)
        else:
            title = " ".join(self.some_words(r.randint(4, 9))).capitalize()
            body = self.paragraphs(r.randint(3, 8))
            stories.append((title, body))
            if len(stories) > 5000:
                del stories[: len(stories) // 2]
        return {"title": title, "outlet": outlet, "date": date,
                "authors": [r.choice(self.people)], "body": "\n\n".join(body)}


def digest_text(articles):
    out = []
    for a in articles:
        y, m, d = map(int, a["date"].split("-"))
        out += [a["title"], "", f"{a['outlet']} | {d} {MONTHS[m - 1]} {y}", "",
                f"By {a['authors'][0]}", ""]
        for p in a["body"].split("\n\n"):
            line = ""
            for w in p.split():
                if len(line) + len(w) > 62:
                    out.append(line)
                    line = w
                else:
                    line = f"{line} {w}".strip()
            out += [line, ""]
        out += ["", ""]
    return "\n".join(out)


def dev_digest_copies(out, copies):
    """Each dev digest (all four text forms) `copies` times, each copy with its own first line so
    that no two files share a hash. Returns the number of files."""
    made = 0
    for path in sorted(glob.glob("../shared/dev-digests/*.txt")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        base = os.path.basename(path)
        for c in range(copies):
            with open(os.path.join(out, "dev", f"{c:03d}-{base}"), "w", encoding="utf-8") as f:
                f.write(f"Press review {c}\n\n{text}")
            made += 1
    return made


def shard(job):
    """Makes the articles of one shard (`k` of `jobs`): its own generator, files and reprints."""
    out, k, jobs, articles, seed = job
    m = Maker(seed * 1000 + k)
    stories, batch, digest = [], [], []
    files = 0
    for i in range(k, articles, jobs):
        a = m.article(stories)
        if i % 10 == 9:
            digest.append(a)
            if len(digest) == 10:
                with open(os.path.join(out, "digests", f"{i:08d}.txt"), "w", encoding="utf-8") as f:
                    f.write(digest_text(digest))
                digest, files = [], files + 1
        else:
            batch.append(a)
            if len(batch) == 5000:
                write_jsonl(os.path.join(out, "jsonl", f"{i:08d}.jsonl"), batch)
                batch, files = [], files + 1
    if batch:
        write_jsonl(os.path.join(out, "jsonl", f"last-{k}.jsonl"), batch)
        files += 1
    if digest:
        with open(os.path.join(out, "digests", f"last-{k}.txt"), "w", encoding="utf-8") as f:
            f.write(digest_text(digest))
        files += 1
    return files


def write_jsonl(path, batch):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(x, ensure_ascii=False) + "\n" for x in batch)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    for sub in ("jsonl", "digests", "dev"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    jobs = [(args.out, k, args.jobs, args.articles, args.seed) for k in range(args.jobs)]
    with multiprocessing.Pool(args.jobs) as pool:
        files = sum(pool.map(shard, jobs))
    # Real text too: about one dev-digest article per thousand generated ones.
    copies = max(1, args.articles // 50_000)
    files += dev_digest_copies(args.out, copies)
    print(f"made {files} files for {args.articles} generated articles "
          f"(and {copies} copies of each dev digest) in {args.out}")


if __name__ == "__main__":
    main()
