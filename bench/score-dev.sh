#!/usr/bin/env bash
# Scores cuttings on the shared dev digests, one kind of input at a time, and prints the scorer's
# tables: every N.<kind>.txt (kind `pdf`: every N.pdf itself) is ingested alone into its own corpus, `articles --format jsonl` goes
# to N.jsonl, and ../shared/eval/score-digests.py compares them with N.gold.json.
# The same figures are checked by `cargo test -p cuttings --test dev_digests`.
#
#   bash bench/score-dev.sh                     # debug build, the three dumps and the PDFs
#   PROFILE=release KINDS=layout bash bench/score-dev.sh
#   OUT=/tmp/pred bash bench/score-dev.sh       # keep predictions and score JSON in /tmp/pred
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
KINDS=${KINDS:-raw layout seedlike pdf}
PROFILE=${PROFILE:-debug}

if [ ! -d "$SHARED/dev-digests" ]; then
    echo "skipping: $SHARED/dev-digests not found"
    exit 0
fi
if [ "$PROFILE" = release ]; then
    cargo build --release -p cuttings
else
    cargo build -p cuttings
fi
bin=$PWD/target/$PROFILE/cuttings

if [ -n "${OUT:-}" ]; then
    out=$OUT
    mkdir -p "$out"
else
    out=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-score.XXXXXX")
fi
corpora=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-score-corpora.XXXXXX")
trap 'rm -rf "$corpora"' EXIT

for kind in $KINDS; do
    mkdir -p "$out/$kind"
    rm -f "$out/$kind"/*.jsonl
    if [ "$kind" = pdf ]; then suffix=.pdf; else suffix=.$kind.txt; fi
    for f in "$SHARED"/dev-digests/*"$suffix"; do
        n=$(basename "$f" "$suffix")
        corpus="$corpora/$kind-$n"
        if ! "$bin" --corpus "$corpus" ingest --quiet "$f"; then
            echo "cuttings: ingest of $f failed"
        fi
        # `articles` exits 1 when the digest gave no article: that is a score of zero, not an error.
        "$bin" --corpus "$corpus" articles --format jsonl >"$out/$kind/$n.jsonl" || true
    done
    echo
    echo "=== $kind"
    python3 "$SHARED/eval/score-digests.py" --gold-dir "$SHARED/dev-digests" --pred "$out/$kind" \
        --json "$out/$kind.json"
done
echo
echo "predictions in $out/KIND/N.jsonl, figures in $out/KIND.json"
