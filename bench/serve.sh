#!/usr/bin/env bash
# cuttings serve under load (issue #14): CONNECTIONS concurrent clients (default 50) send
# searches for DURATION seconds (default 30) to `cuttings serve` over a corpus of at least
# 100,000 articles, with wrk (Debian's package); prints throughput and p50/p99 latency.
#
#   bash bench/serve.sh                       # CORPUS=../serve-corpus-100k, built once if missing
#   CORPUS=DIR bash bench/serve.sh            # any corpus of 100,000 articles or more
#   QUICK=1 bash bench/serve.sh               # the samples, 3 s, 10 clients (the CI smoke run)
#
# The corpus is built once from scripts/make-reuse-data.py's 100,000 generated articles (about
# 600 words each; see bench/reuse.sh) with the release binary. Requests mix API searches (words,
# phrases, OR, date filters, date order, page 500, collapsed reprints) and HTML search pages
# (bench/serve-queries.lua). Server and load share this machine's cores.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${QUICK:-0}
THREADS=${THREADS:-2}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-serve-bench.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
    else
        echo "bench/serve.sh needs wrk: apt-get install wrk" >&2
        exit 2
    fi
fi

if [ "$QUICK" = 1 ]; then
    DURATION=${DURATION:-3}
    CONNECTIONS=${CONNECTIONS:-10}
    bin=${BIN:-${CARGO_TARGET_DIR:-target}/debug/cuttings}
    [ -x "$bin" ] || cargo build -q -p cuttings
    CORPUS=$tmp/corpus
    "$bin" --corpus "$CORPUS" ingest samples/ >/dev/null 2>&1
    min=1
else
    DURATION=${DURATION:-30}
    CONNECTIONS=${CONNECTIONS:-50}
    bin=${BIN:-${CARGO_TARGET_DIR:-target}/release/cuttings}
    echo "building cuttings (release)" >&2
    cargo build --release -q -p cuttings
    CORPUS=${CORPUS:-../serve-corpus-100k}
    if [ ! -f "$CORPUS/corpus.sqlite" ]; then
        data=${REUSE_DATA:-../reuse-data}/scale-100000
        [ -f "$data/articles.jsonl" ] || python3 scripts/make-reuse-data.py scale 100000 "$data"
        echo "ingesting $data/articles.jsonl into $CORPUS (once)" >&2
        "$bin" --corpus "$CORPUS" ingest "$data/articles.jsonl" >&2
    fi
    min=100000
fi

articles=$("$bin" --corpus "$CORPUS" stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
if [ "$articles" -lt "$min" ]; then
    echo "$CORPUS holds $articles articles; the bench needs at least $min" >&2
    exit 2
fi

"$bin" --corpus "$CORPUS" serve --bind 127.0.0.1:0 >"$tmp/url" 2>"$tmp/serve.log" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url=$(head -1 "$tmp/url")
[ -n "$url" ] || { cat "$tmp/serve.log" >&2; exit 2; }
# Warm the page cache and the handles once.
for q in government water history; do curl -sf -o /dev/null "${url}api/search?q=$q" || true; done

echo "== $CONNECTIONS clients for ${DURATION}s against $url ($articles articles, $(nproc) cores shared with wrk)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s bench/serve-queries.lua "$url" | tee "$tmp/wrk.txt"
python3 - "$tmp/wrk.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def lat(p):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\s*$" % p, text, re.M)
    if not m:
        return "?"
    v, unit = float(m.group(1)), m.group(2)
    return "%.1f ms" % (v / 1000 if unit == "us" else v * 1000 if unit == "s" else v)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
print(f"throughput {float(rps):.0f} requests/s, p50 {lat(50)}, p99 {lat(99)}"
      + (f", {bad.group(1)} non-2xx" if bad else "") + (f", {errors.group(0)}" if errors else ""))
sys.exit(1 if bad else 0)
PY
