#!/usr/bin/env bash
# Article-body quality and speed of cuttings' web extractor against trafilatura, on the same pages
# in one run: word 4-gram shingle F1 against gold bodies (bench/shingle_f1.py, the same scorer for
# both) and median milliseconds per page (decode + extract, timed inside each process, so process
# start-up and file reading are not counted for either).
#
#   bash bench/get-web-bench.sh GIT_DIR   # once: pages + gold bodies into ../shared/web-bench
#   bash bench/web.sh                     # BENCH=DIR to use another folder with html/ + gold.jsonl
#
# Makes a venv in ${VENV:-target/bench-venv} with trafilatura from PyPI (skipped, with a note,
# when pip cannot install it). Prints one JSON line per extractor and the time ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-../shared/web-bench}
VENV=${VENV:-target/bench-venv}
[ -f "$BENCH/gold.jsonl" ] || { echo "no $BENCH/gold.jsonl: run bench/get-web-bench.sh first" >&2; exit 2; }
out=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-web-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT

echo "building the extractor (release, cuttings-html only)" >&2
cargo build --release -q -p cuttings-html --example extract_dir
target/release/examples/extract_dir "$BENCH/html" >"$out/cuttings.jsonl"
printf 'cuttings %s  ' "$(git describe --always --dirty 2>/dev/null || echo '?')"
python3 bench/shingle_f1.py "$BENCH/gold.jsonl" "$out/cuttings.jsonl" | tee "$out/cuttings.score"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import trafilatura' 2>/dev/null; then
    # lxml 6 moved its HTML cleaner out; justext (a trafilatura dependency) still imports it.
    "$VENV/bin/pip" install -q trafilatura lxml_html_clean >&2 || true
fi
if "$VENV/bin/python" -c 'import trafilatura' 2>/dev/null; then
    "$VENV/bin/python" - "$BENCH/html" >"$out/trafilatura.jsonl" <<'PY'
import json, os, sys, time
import trafilatura
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if not name.endswith(".html"):
        continue
    with open(os.path.join(d, name), "rb") as f:
        raw = f.read()
    t = time.perf_counter()
    body = trafilatura.extract(raw) or ""
    ms = (time.perf_counter() - t) * 1000
    print(json.dumps({"id": name[:-5], "body": body, "ms": ms}))
PY
    printf 'trafilatura %s  ' "$("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')"
    python3 bench/shingle_f1.py "$BENCH/gold.jsonl" "$out/trafilatura.jsonl" | tee "$out/trafilatura.score"
    python3 - "$out" <<'PY'
import json, sys
o = sys.argv[1]
c = json.load(open(f"{o}/cuttings.score"))
t = json.load(open(f"{o}/trafilatura.score"))
print(f"F1 cuttings {c['f1']:.4f} vs trafilatura {t['f1']:.4f}; median ms/page {c['median_ms']:.2f} vs {t['median_ms']:.2f}: cuttings is {t['median_ms'] / c['median_ms']:.1f}x faster")
PY
else
    echo "trafilatura could not be installed from PyPI: only cuttings' figures above" >&2
fi
