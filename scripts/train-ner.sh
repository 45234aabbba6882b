#!/usr/bin/env bash
# Trains the NER model shipped in crates/extract/data/ner.model.
#
# Needs the data put in $NER_DATA (default ../shared/ner-data) by scripts/get-ner-data.sh.
# Trains the averaged perceptron (crates/extract/examples/train_ner.rs, release build): three runs
# in different document orders, 12 epochs each, averaged; on CoNLL-2003 eng.train + eng.testa.
# eng.testb (conll2003-test.txt) stays held out for bench/ner.sh. Deterministic: the same data
# gives the same file (sha256 in crates/extract/data/README.md). Takes about 20 s.
#
# Usage: scripts/train-ner.sh [--dev-only]   (--dev-only: train on eng.train alone and print the
#                                             eng.testa score, for trying out feature changes)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${NER_DATA:-../shared/ner-data}
if [[ ! -f $data/conll2003-train.txt ]]; then
    echo "no training data in $data: run scripts/get-ner-data.sh first" >&2
    exit 1
fi
cargo build --quiet --release -p cuttings-extract --example train_ner
if [[ ${1:-} == --dev-only ]]; then
    target/release/examples/train_ner "$(mktemp)" "$data/conll2003-train.txt" \
        --dev "$data/conll2003-dev.txt" --epochs 12 --bits 20 --runs 3
else
    target/release/examples/train_ner crates/extract/data/ner.model \
        "$data/conll2003-train.txt" "$data/conll2003-dev.txt" --epochs 12 --bits 20 --runs 3
fi
