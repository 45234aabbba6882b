#!/bin/sh
# Builds crates/extract/data/clusters.txt: the Brown cluster of each English word that has one,
# as the tagger's word-class features use it (issue #5: words of one class, such as the names of
# news agencies, companies or cities, share a cluster and the bits of its path).
#
# Source: the PyPI package spacy-lookups-data 1.0.5 (MIT licence, Explosion AI), its table
# en_lexeme_cluster (1,000 Brown clusters over English words, case kept), in the wheel's
# spacy_lookups_data/data/en_lexeme_cluster.json.gz. Only the words with a cluster are kept.
#
#   scripts/build-clusters.sh        # downloads the wheel with pip into a temporary folder
#
# Output: `word<TAB>cluster` a line, sorted bytewise; the cluster is the package's integer: the
# bits of the word's path in the cluster tree, first step in the lowest bit, under a leading 1.
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/crates/extract/data/clusters.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --dest "$tmp" spacy-lookups-data==1.0.5
python3 - "$tmp"/spacy_lookups_data-1.0.5-*.whl "$out" <<'PY'
import gzip, json, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    clusters = json.loads(gzip.decompress(z.read("spacy_lookups_data/data/en_lexeme_cluster.json.gz")))
rows = sorted(
    (w, c) for w, c in clusters.items()
    if c and w and not any(ch in w for ch in "\t\n\r")
)
with open(out, "w", encoding="utf-8", newline="\n") as f:
    for w, c in rows:
        f.write(f"{w}\t{c}\n")
print(f"build-clusters: {len(rows)} words, {len(set(c for _, c in rows))} clusters -> {out}")
PY
