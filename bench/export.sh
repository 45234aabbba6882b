#!/usr/bin/env bash
# Exports (issue #15): time and peak memory (max RSS, /usr/bin/time -v) of `cuttings export` in
# every format over a big corpus, to show that memory stays flat whatever the corpus size.
#
#   bash bench/export.sh CORPUS [FORMATS]     # FORMATS default: "jsonl csv parquet ftm gexf"
#   LIMIT_FROM=2020-01-01 bash bench/export.sh CORPUS jsonl   # a filtered export as well
#
# CORPUS is read only: it is copied first when it is not writable by us or when COPY=1 (opening a
# corpus may create SQLite's -wal and -shm files beside it). Uses the release binary
# (${CARGO_TARGET_DIR:-target}/release/cuttings, built when missing; CUTTINGS_BIN to use another); the output goes to a
# temporary folder and only its size is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:?usage: bash bench/export.sh CORPUS [FORMATS]}
formats=${2:-jsonl csv parquet ftm gexf}
target=${CARGO_TARGET_DIR:-target}
bin=${CUTTINGS_BIN:-$target/release/cuttings}
[ -x "$bin" ] || cargo build --release -q -p cuttings
out=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-export-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
if [ "${COPY:-0}" = 1 ] || [ ! -w "$corpus" ]; then
    echo "copying $corpus" >&2
    cp -r "$corpus" "$out/corpus"
    corpus=$out/corpus
fi
articles=$("$bin" --corpus "$corpus" stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
echo "corpus: $articles articles ($(du -sh "$corpus" | cut -f1))"
printf '%-10s %10s %12s %12s  %s\n' format seconds "peak RSS MB" "output MB" summary
for f in $formats; do
    dest=$out/export.$f
    args=(--format "$f" --out "$dest")
    [ "$f" = parquet ] && rm -rf "$dest"
    [ -n "${LIMIT_FROM:-}" ] && args+=(--from "$LIMIT_FROM")
    /usr/bin/time -v "$bin" --corpus "$corpus" export "${args[@]}" 2>"$out/time.txt" || true
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$out/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$out/time.txt")
    size=$(du -sm "$dest" | cut -f1)
    summary=$(grep '^exported' "$out/time.txt" || grep '^cuttings:' "$out/time.txt" || true)
    printf '%-10s %10s %12s %12s  %s\n' "$f" "$secs" "$rss" "$size" "$summary"
    rm -rf "$dest"
done
