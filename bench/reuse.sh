#!/usr/bin/env bash
# Text reuse (issue #13): quality and speed of cuttings' linking against datasketch's
# MinHash-LSH, on the same documents in one run.
#
#   bash bench/reuse.sh                 # quality set + 10k articles, against datasketch
#   SIZES="10000 30000 100000" bash bench/reuse.sh   # and time / peak memory at each size
#
# Test sets are made by scripts/make-reuse-data.py from GUM's openly licensed texts
# ($SEG_DATA/text/gum.json, see scripts/get-seg-text.sh) into ${REUSE_DATA:-../reuse-data},
# outside the repository, once:
#   - quality/: copies, cuts, light edits, embedded paragraphs, reordered paragraphs,
#     paraphrases and shared quotations, with gold pairs and spans; scored by
#     bench/reuse_score.py (pair precision/recall/F1, recall and kind agreement per edit,
#     passage-span accuracy in characters);
#   - scale-N/: N articles of about 600 words (a word-bigram model of the same text, about
#     10 % of them reprints or half-copies of others), for time and memory.
# cuttings runs as `crates/link/examples/link_jsonl` (the `cuttings-link` crate alone: sketch,
# candidates, alignment on all cores; timed inside the process, reading the file not counted,
# peak RSS from /proc). datasketch runs from a venv the script makes in
# ${VENV:-target/reuse-venv} (PyPI), 128 permutations, word 5-grams, LSH threshold 0.5 (its
# default) and 0.3, timed the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${REUSE_DATA:-../reuse-data}
VENV=${VENV:-target/reuse-venv}
SIZES=${SIZES:-10000}
out=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-reuse-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

[ -f "$DATA/quality/gold.jsonl" ] || python3 scripts/make-reuse-data.py quality "$DATA/quality"
for n in $SIZES; do
    [ -f "$DATA/scale-$n/articles.jsonl" ] || python3 scripts/make-reuse-data.py scale "$n" "$DATA/scale-$n"
done

echo "building the linker (release, cuttings-link only)" >&2
cargo build --release -q -p cuttings-link --example link_jsonl
bin=${CARGO_TARGET_DIR:-target}/release/examples/link_jsonl

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c 'import datasketch' 2>/dev/null || "$VENV/bin/pip" install -q datasketch >&2 || true
have_ds=0
"$VENV/bin/python" -c 'import datasketch' 2>/dev/null && have_ds=1
[ $have_ds = 1 ] || echo "datasketch could not be installed from PyPI: only cuttings' figures" >&2

echo "== quality ($DATA/quality)"
"$bin" "$DATA/quality/articles.jsonl" >"$out/q-cuttings.jsonl"
python3 bench/reuse_score.py "$DATA/quality" "$out/q-cuttings.jsonl" cuttings
if [ $have_ds = 1 ]; then
    for t in 0.5 0.3; do
        "$VENV/bin/python" bench/reuse_datasketch.py "$DATA/quality/articles.jsonl" "$t" >"$out/q-ds.jsonl"
        python3 bench/reuse_score.py "$DATA/quality" "$out/q-ds.jsonl" "datasketch-$t"
    done
fi

for n in $SIZES; do
    echo "== speed, $n articles"
    "$bin" "$DATA/scale-$n/articles.jsonl" >"$out/s-cuttings.jsonl"
    tail -1 "$out/s-cuttings.jsonl"
    if [ $have_ds = 1 ] && [ "$n" -le 10000 ]; then
        "$VENV/bin/python" bench/reuse_datasketch.py "$DATA/scale-$n/articles.jsonl" 0.5 >"$out/s-ds.jsonl"
        tail -1 "$out/s-ds.jsonl"
        python3 - "$out/s-cuttings.jsonl" "$out/s-ds.jsonl" <<'PY'
import json, sys
c = json.loads(open(sys.argv[1]).read().splitlines()[-1])["summary"]
d = json.loads(open(sys.argv[2]).read().splitlines()[-1])["summary"]
print(f"cuttings {c['seconds']:.2f} s vs datasketch {d['seconds']:.2f} s: {d['seconds'] / c['seconds']:.1f}x faster")
PY
    fi
done
