#!/usr/bin/env bash
# The Spark job (scale/spark/) against one machine, in one run: `cuttings ingest` + `export
# --format parquet` of N generated documents, then the job in local[2] mode, then the checks
# of scale/spark/test.sh (the same articles, entities, reuse pairs and clusters).
#
#   bash bench/spark.sh [DOCUMENTS]        default 3000; CUTTINGS_BIN picks the binary
#                                          (default target/release/cuttings when built)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
if [ -z "${CUTTINGS_BIN:-}" ] && [ -x "$target/release/cuttings" ]; then
    export CUTTINGS_BIN="$target/release/cuttings"
fi
echo "spark bench: $(nproc) cores, binary ${CUTTINGS_BIN:-$target/debug/cuttings}"
DOCUMENTS="${1:-3000}" exec bash scale/spark/test.sh
