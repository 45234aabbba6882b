#!/usr/bin/env bash
# Copies a public article-extraction benchmark (web pages + gold article bodies) into
# ../shared/web-bench/ (outside the repo: pages from other sites never go in the repo).
#
# Source: the scrapinghub/article-extraction-benchmark repository on GitHub (code and
# ground truth under the MIT licence; the pages are public news and blog pages as crawled in 2019,
# kept there for evaluation). 181 pages, gold bodies in ground-truth.json (`articleBody`).
#
#   bash bench/get-web-bench.sh GIT_DIR     # a clone (or bare snapshot) of that repository
#
# Result: ../shared/web-bench/html/<id>.html and ../shared/web-bench/gold.jsonl
# ({"id": ..., "url": ..., "body": ...} one per line).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?usage: bench/get-web-bench.sh GIT_DIR_OF_article-extraction-benchmark}
out=${OUT:-../shared/web-bench}
if [ -d "$src/.git" ]; then gd="$src/.git"; else gd="$src"; fi
mkdir -p "$out/html"
git --git-dir="$gd" show HEAD:LICENSE >"$out/LICENSE.benchmark"
git --git-dir="$gd" show HEAD:ground-truth.json >"$out/ground-truth.json"
git --git-dir="$gd" ls-tree -r --name-only HEAD html/ | while read -r f; do
    id=$(basename "$f" .html.gz)
    git --git-dir="$gd" show "HEAD:$f" | gzip -dc >"$out/html/$id.html"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
gt = json.load(open(f"{out}/ground-truth.json"))
with open(f"{out}/gold.jsonl", "w") as f:
    for k, v in sorted(gt.items()):
        f.write(json.dumps({"id": k, "url": v.get("url"), "body": v.get("articleBody", "")}) + "\n")
print(f"{len(gt)} gold bodies written to {out}/gold.jsonl")
PY
ls "$out/html" | wc -l
