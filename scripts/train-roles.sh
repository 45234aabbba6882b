#!/usr/bin/env bash
# Retrains the line-role model built into cuttings (crates/segment/data/roles.model, issue #12)
# from the documents scripts/make-seg-data.sh generates, and prints its figures on the tune split.
#
#   scripts/train-roles.sh                    # makes $SEG_DATA if missing, trains, evaluates
#   SEG_DATA=/work/seg-data EPOCHS=10 scripts/train-roles.sh
#
# The split is fixed by the hash of each document's id (train / tune / test); training learns on
# train, picks epochs and temperatures on tune, and never reads test. Final figures on the test
# split: SPLIT=test bash bench/score-gen.sh.
# Deterministic: the same documents and settings give the same model, byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."

SEG_DATA=${SEG_DATA:-/work/seg-data}
EPOCHS=${EPOCHS:-10}
EPOCHS2=${EPOCHS2:-8}
OUT=${OUT:-crates/segment/data/roles.model}

if [ ! -d "$SEG_DATA/docs" ]; then
    echo "train-roles: no documents in $SEG_DATA/docs: making them (scripts/make-seg-data.sh)"
    SEG_DATA=$SEG_DATA scripts/make-seg-data.sh
fi
cargo build --release -q -p cuttings-pipeline --example train_roles
bin=target/release/examples/train_roles
"$bin" train --data "$SEG_DATA" --out "$OUT" --epochs "$EPOCHS" --epochs2 "$EPOCHS2"
sha256sum "$OUT"
"$bin" eval --data "$SEG_DATA" --model "$OUT" --split tune
echo "model in $OUT; rebuild cuttings to build it in"
