#!/usr/bin/env bash
# A million articles on one machine (issue #16): makes the input (bench/make-million.py: JSON
# Lines and text-dump digests, unique and with reprints, plus copies of the dev digests), ingests
# it, then measures every command that must answer at once: time and peak memory of ingest,
# stats, entities, entity, articles (all, JSON Lines), export; search latency p50/p99 for word,
# phrase, boolean, entity: and date-filtered queries, warm (from `serve`, which keeps the corpus
# open) and as one CLI process per query; the corpus size against the input's; and, with
# --reindex, a full `reindex --index-only`. With OLD=path/to/previous/cuttings the same runs
# are made with that binary on the same input, and both are printed side by side.
#
#   bash bench/million.sh                      # 1,000,000 articles (about 2.6 GB of input)
#   bash bench/million.sh --articles 50000     # a smaller run
#   OLD=/tmp/old/cuttings bash bench/million.sh --articles 200000 --reindex
#
# BIN skips the release build and runs that binary. The input is kept in
# ${INPUT:-target/bench-million/input-N} and reused; the corpora go to a temporary folder
# (KEEP=1 keeps them). Nothing is asserted about time.
set -euo pipefail
cd "$(dirname "$0")/.."

articles=1000000
reindex=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --articles) articles=$2; shift 2 ;;
        --reindex) reindex=1; shift ;;
        *) echo "usage: bench/million.sh [--articles N] [--reindex]" >&2; exit 2 ;;
    esac
done

if [[ -n ${BIN:-} ]]; then
    bin=$BIN
else
    echo "building the release binary" >&2
    cargo build --release -p cuttings >&2
    bin=$PWD/target/release/cuttings
fi

input=${INPUT:-target/bench-million/input-$articles}
if [[ ! -d $input/jsonl ]]; then
    SECONDS=0
    python3 bench/make-million.py "$input" --articles "$articles" >&2
    echo "input made in $SECONDS s" >&2
fi
input_bytes=$(du -sb "$input" | cut -f1)

work=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-million.XXXXXX")
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
measure() { python3 bench/measure.py "$@"; }

# Runs everything with one binary; one JSON line per figure into $work/LABEL.jsonl.
run() {
    local label=$1 binary=$2 corpus=$work/$1-corpus out=$work/$1.jsonl
    echo "== $label: $binary" >&2
    measure --name ingest -- "$binary" --corpus "$corpus" ingest --quiet "$input" >>"$out"
    echo "{\"name\": \"size\", \"bytes\": $(du -sb "$corpus" | cut -f1)}" >>"$out"
    measure --name stats -- "$binary" --corpus "$corpus" stats --format json >>"$out"
    measure --name entities -- "$binary" --corpus "$corpus" entities --top 50 >>"$out"
    local top
    top=$("$binary" --corpus "$corpus" entities --type person --top 1 --format jsonl |
        python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["name"])')
    measure --name entity -- "$binary" --corpus "$corpus" entity "$top" >>"$out"
    measure --name articles -- "$binary" --corpus "$corpus" articles --format jsonl >>"$out"
    measure --name export -- "$binary" --corpus "$corpus" export --format jsonl >>"$out"
    python3 - "$top" >"$work/queries.json" <<'PY'
import json, sys
print(json.dumps([
    {"kind": "word", "q": "government"},
    {"kind": "rare word", "q": "yellowtail"},
    {"kind": "phrase", "q": "\"of the government\""},
    {"kind": "boolean", "q": "people AND (year OR government) AND NOT new"},
    {"kind": "entity", "q": f"entity:\"{sys.argv[1]}\""},
    {"kind": "date-filtered", "q": "government", "from": "2019-01", "to": "2019-06"},
]))
PY
    python3 bench/query-latency.py cli "$binary" "$corpus" "$work/queries.json" >>"$out"
    "$binary" --corpus "$corpus" serve --bind 127.0.0.1:0 >"$work/serve.out" 2>/dev/null &
    local serve=$!
    while [[ ! -s $work/serve.out ]]; do sleep 0.2; done
    python3 bench/query-latency.py serve "$(head -1 "$work/serve.out")" "$work/queries.json" >>"$out"
    kill "$serve"
    wait "$serve" 2>/dev/null || true
    if [[ $reindex == 1 ]]; then
        measure --name reindex-index-only -- "$binary" --corpus "$corpus" reindex --index-only --quiet >>"$out"
    fi
}

run new "$bin"
if [[ -n ${OLD:-} ]]; then
    run old "$OLD"
fi

python3 - "$work" "$input_bytes" "$articles" <<'PY'
import json, os, sys
work, input_bytes, articles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(label):
    path = os.path.join(work, f"{label}.jsonl")
    if not os.path.exists(path):
        return None
    rows = [json.loads(l) for l in open(path)]
    out = {}
    for r in rows:
        key = r["name"] if "name" in r else f"search {r['mode']} {r['kind']}"
        out[key] = r
    return out
new, old = load("new"), load("old")
def cell(rows, key):
    if rows is None or key not in rows:
        return ""
    r = rows[key]
    if key == "size":
        return f"{r['bytes'] / 1e6:.0f} MB = {r['bytes'] / input_bytes:.2f}x input"
    if "p50_ms" in r:
        return f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms ({r['hits']} hits)"
    text = f"{r['seconds']:.2f} s, peak {r['peak_mb']:.0f} MB"
    if key == "ingest":
        text += f", {input_bytes / 1e6 / r['seconds']:.1f} MB/s"
    if r.get("code", 0) not in (0, 1):
        text += f" (exit {r['code']})"
    return text
print(f"{articles} generated articles, input {input_bytes / 1e6:.0f} MB")
keys = list(new)
width = max(len(k) for k in keys)
print(f"{'':{width}}  {'new':48}  {'old' if old else ''}")
for k in keys:
    print(f"{k:{width}}  {cell(new, k):48}  {cell(old, k)}")
PY
