#!/usr/bin/env bash
# NER speed, before and after: builds `examples/eval_ner` of a base revision and of the working
# tree, runs them in turn on the same held-out test sets in one run, and prints F1 and words per
# second side by side (issue #16).
#
# F1 is that of one pass over each set. Words/s: one core, tagging with features and name
# look-ups (`tag`), and tokenizing + cutting sentences + tagging the same words as running text
# (`text`), measured on the set written $REPEAT times over (default 4: a long ingest reads the
# same weights again and again, where one pass over a small set mostly measures cold caches);
# each binary is run $RUNS times (default 5), alternating with the other so that both meet the
# same load, and the median and the best run are shown. On a shared machine the best run is the
# fairer figure.
# With NER_SPEED_INSTR=1 it also counts the instructions of the tagging (`conll::evaluate`) under
# valgrind's callgrind, which does not depend on the load (slow: a minute or two per set).
#
# Test sets (put in $NER_DATA, default ../shared/ner-data, by scripts/get-ner-data.sh):
# conll2003-test.txt and uner-ewt-test.iob2, as bench/ner.sh.
#
# Usage: bench/ner-speed.sh [BASE_REV] [TEST_FILE...]
#   BASE_REV defaults to the merge base of HEAD with main.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${NER_DATA:-../shared/ner-data}
runs=${RUNS:-5}
repeat=${REPEAT:-4}
base=${1:-$(git merge-base HEAD main)}
shift || true
tests=("$@")
if [[ ${#tests[@]} -eq 0 ]]; then
    tests=("$data/conll2003-test.txt" "$data/uner-ewt-test.iob2")
fi
for t in "${tests[@]}"; do
    [[ -f $t ]] || { echo "missing $t: run scripts/get-ner-data.sh" >&2; exit 1; }
done

work=$(mktemp -d)
cleanup() {
    git worktree remove --force "$work/base" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The base is built in a target directory of its own, kept for the next run: in one shared
# directory cargo took the working tree's (older) files for the base's, already built.
target=${CARGO_TARGET_DIR:-$PWD/target}
build() { # build DIR TARGET_DIR OUT
    (cd "$1" && CARGO_TARGET_DIR=$2 cargo build --quiet --release -p cuttings-extract \
        --example eval_ner)
    cp "$2/release/examples/eval_ner" "$3"
}
git worktree add --quiet --detach "$work/base" "$base"
echo "building eval_ner of $(git log -1 --format='%h %s' "$base" | cut -c1-70) ..." >&2
build "$work/base" "$target/ner-speed-base" "$work/eval_ner.base"
echo "building eval_ner of the working tree ($(git log -1 --format=%h HEAD)) ..." >&2
build . "$target" "$work/eval_ner.new"

# one run: prints "F1 tag_words_per_s text_words_per_s"
measure() {
    "$1" "$2" | awk '/^PER\/ORG\/LOC/ {f=$4} /^speed:/ {tag=$2} /^speed on running text:/ {text=$5}
        END {print f, tag, text}'
}
# median and best of the numbers on stdin
stats() { sort -n | awk '{v[NR]=$1} END {printf "%8.0f k %8.0f k", v[int((NR+1)/2)]/1000, v[NR]/1000}'; }
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        --toggle-collect='cuttings_extract::conll::evaluate*' "$1" "$2" 2>&1 >/dev/null \
        | awk '/Collected :/ {print $NF}'
}

printf '%-22s %-5s %7s %22s %22s' "test set" "" "F1" "tag words/s med, best" "text words/s med, best"
[[ ${NER_SPEED_INSTR:-0} == 1 ]] && printf ' %16s' "instr./word (tag)"
echo
for t in "${tests[@]}"; do
    words=$("$work/eval_ner.new" "$t" | awk 'NR==1 {print $2}')
    for ((r = 0; r < repeat; r++)); do cat "$t"; echo; done >"$work/repeated"
    for bin in base new; do : >"$work/$bin.runs"; done
    for ((r = 0; r < runs; r++)); do
        for bin in base new; do
            measure "$work/eval_ner.$bin" "$work/repeated" >>"$work/$bin.runs"
        done
    done
    for bin in base new; do
        f1=$(measure "$work/eval_ner.$bin" "$t" | awk '{print $1}')
        printf '%-22s %-5s %7s %22s %22s' "$(basename "$t")" "$bin" "$f1" \
            "$(awk '{print $2}' "$work/$bin.runs" | stats)" \
            "$(awk '{print $3}' "$work/$bin.runs" | stats)"
        if [[ ${NER_SPEED_INSTR:-0} == 1 ]]; then
            printf ' %16.0f' "$(($(instructions "$work/eval_ner.$bin" "$t") / words))"
        fi
        echo
    done
done
echo "(base: $(git log -1 --format=%h "$base"); new: $(git log -1 --format=%h HEAD)$(git diff --quiet HEAD -- crates/extract || echo ' + changes'); words/s over each set written $repeat times, $runs runs each, alternating; load when done: $(cut -d' ' -f1-3 /proc/loadavg))"
