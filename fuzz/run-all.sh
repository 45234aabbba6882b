#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600) and prints, per target, the executions
# and whether it crashed (issue #17). Crashing inputs land in fuzz/artifacts/TARGET/.
#   bash fuzz/run-all.sh [SECONDS] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text segment_repair pdf html mhtml jsonl feed query)
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none >/dev/null
mkdir -p fuzz/logs
printf '%-16s %12s %8s  %s\n' target executions seconds result
for t in "${targets[@]}"; do
    # a private copy of the corpus, so that a run does not fill the repository's
    work=$(mktemp -d)
    [ -d "fuzz/corpus/$t" ] && cp -r "fuzz/corpus/$t/." "$work/"
    # and the seed folders fuzz/seeds.txt names for it
    grep -v '^#' fuzz/seeds.txt | while read -r target folder; do
        [ "$target" = "$t" ] && find "$folder" -maxdepth 1 -type f -exec cp {} "$work/" \;
    done
    start=$(date +%s)
    cargo fuzz run -s none "$t" "$work" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
        -max_len=262144 -timeout=30 -print_final_stats=1 >"fuzz/logs/$t.log" 2>&1
    code=$?
    runs=$(grep -Eo 'stat::number_of_executed_units: [0-9]+' "fuzz/logs/$t.log" | awk '{print $2}' | tail -1)
    [ -n "$runs" ] || runs=$(grep -Eo '^#[0-9]+' "fuzz/logs/$t.log" | tail -1 | tr -d '#')
    result=ok
    [ "$code" -eq 0 ] || result="CRASH (exit $code; fuzz/logs/$t.log, fuzz/artifacts/$t/)"
    printf '%-16s %12s %8s  %s\n' "$t" "${runs:-?}" "$(($(date +%s) - start))" "$result"
    rm -rf "$work"
done
