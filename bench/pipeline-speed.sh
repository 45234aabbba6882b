#!/usr/bin/env bash
# Pipeline speed, before and after (issue #16): builds `examples/pipeline_speed` of a base revision
# and of the working tree, runs them in turn on the same text dumps in one run, and prints MB/s on
# one core side by side (`cuttings_pipeline::process`: layout, segment, repair, language, names and
# quotations), and whether both gave the same output (a hash of everything `process` returned).
#
# Each binary is run $RUNS times (default 5), alternating with the other so that both meet the
# same load, over the files $ROUNDS times (default 3); the median and the best run are shown. On a
# shared machine the best run is the fairer figure. With INSTR=1 (the default) it also counts the
# instructions of the pipeline under valgrind's callgrind, which do not depend on the load: a run
# of one round minus a run of none (reading the files and warming the models up); slow, a minute
# or two per binary.
#
# End to end (read, pipeline, store, index, both cores): with OLD_BIN and NEW_BIN set to two
# `cuttings` binaries it also runs bench/ingest.sh with each on one generated input (MB, default
# 100), one after the other.
#
# The example is built without default features (no PDF reader: text dumps only) and uses only the
# public API, so the working tree's copy is built against the base revision too.
#
# Usage: bench/pipeline-speed.sh [BASE_REV] [FILE...]
#   BASE_REV defaults to the merge base of HEAD with main; FILE... to samples/*.txt and
#   ../shared/dev-digests/*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
rounds=${ROUNDS:-3}
instr=${INSTR:-1}
base=${1:-$(git merge-base HEAD main)}
shift || true
files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
    files=(samples/*.txt)
    for f in ../shared/dev-digests/*.txt; do
        [[ -f $f ]] && files+=("$f")
    done
fi
for i in "${!files[@]}"; do
    files[i]=$(realpath "${files[i]}")
done

work=$(mktemp -d)
cleanup() {
    git worktree remove --force "$work/base" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The base is built in a target directory of its own, kept for the next run.
target=${CARGO_TARGET_DIR:-$PWD/target}
build() { # build DIR TARGET_DIR OUT
    (cd "$1" && CARGO_TARGET_DIR=$2 cargo build --quiet --release -p cuttings-pipeline \
        --no-default-features --example pipeline_speed)
    cp "$2/release/examples/pipeline_speed" "$3"
}
git worktree add --quiet --detach "$work/base" "$base"
cp crates/pipeline/examples/pipeline_speed.rs "$work/base/crates/pipeline/examples/"
echo "building pipeline_speed of $(git log -1 --format='%h %s' "$base" | cut -c1-70) ..." >&2
build "$work/base" "$target/pipeline-speed-base" "$work/speed.base"
echo "building pipeline_speed of the working tree ($(git log -1 --format=%h HEAD)) ..." >&2
build . "$target" "$work/speed.new"

bytes=$(cat "${files[@]}" | wc -c)
echo "input: ${#files[@]} files, $((bytes / 1000)) kB, $rounds rounds per run, $runs runs each"
hash_of() { PIPELINE_HASH=1 "$1" 1 "${files[@]}" | awk '/^output hash/ {print $3}'; }
hb=$(hash_of "$work/speed.base")
hn=$(hash_of "$work/speed.new")
if [[ $hb == "$hn" ]]; then
    echo "output: the same ($hb)"
else
    echo "output: DIFFERENT (base $hb, new $hn)"
fi

: >"$work/base.txt"
: >"$work/new.txt"
for _ in $(seq "$runs"); do
    for b in base new; do
        "$work/speed.$b" "$rounds" "${files[@]}" | awk '{for (i = 2; i <= NF; i++) if ($i == "MB/s") print $(i - 1)}' >>"$work/$b.txt"
    done
done
stats() { sort -g "$1" | awk '{v[NR]=$1} END {printf "median %.3f, best %.3f", v[int((NR+1)/2)], v[NR]}'; }
echo "pipeline MB/s on one core: base $(stats "$work/base.txt") | new $(stats "$work/new.txt")"

if [[ $instr == 1 ]] && command -v valgrind >/dev/null; then
    count() { # count BIN ROUNDS
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" "$2" "${files[@]}" 2>&1 |
            awk '/Collected :/ {print $NF}'
    }
    for b in base new; do
        zero=$(count "$work/speed.$b" 0)
        one=$(count "$work/speed.$b" 1)
        echo "$b $((one - zero))" >>"$work/instr.txt"
    done
    awk -v mb="$bytes" '{n[$1]=$2} END {
        printf "instructions of the pipeline: base %.0f M (%.0f per byte) | new %.0f M (%.0f per byte): %.1f %% fewer\n",
            n["base"]/1e6, n["base"]/mb, n["new"]/1e6, n["new"]/mb, 100*(1-n["new"]/n["base"])}' "$work/instr.txt"
fi

if [[ -n ${OLD_BIN:-} && -n ${NEW_BIN:-} ]]; then
    mkdir -p "$work/ingest-in"
    for b in "$OLD_BIN" "$NEW_BIN"; do
        echo "end to end, $b:"
        BIN=$b INPUT=$work/ingest-in bash bench/ingest.sh | sed 's/^/  /'
    done
fi
