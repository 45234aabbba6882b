#!/usr/bin/env bash
# Reading + segmenting a PDF digest of 50 pages or more: cuttings (cuttings-pdf + segment) against
# `pdftotext` (poppler, the peer; not a dependency) on the same file, in one run. cuttings reads
# the pages of a file on all cores; it is timed on one thread too (RAYON_NUM_THREADS=1), since
# pdftotext uses one. Prints pages/s for each and the ratios; asserts nothing about time.
#
#   bash bench/pdf.sh                 # the shared dev PDFs joined into one file
#   ROUNDS=5 bash bench/pdf.sh FILE.pdf
#   PROFILE=debug bash bench/pdf.sh   # no release build (figures are then not comparable)
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=${SHARED:-../shared}
ROUNDS=${ROUNDS:-3}
PROFILE=${PROFILE:-release}

if ! command -v pdftotext >/dev/null || ! command -v pdfunite >/dev/null; then
    echo "installing poppler-utils (pdftotext, pdfunite) for the comparison"
    apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-pdf-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ $# -gt 0 ]; then
    input=$1
else
    if [ ! -d "$SHARED/dev-digests" ]; then
        echo "skipping: $SHARED/dev-digests not found (give a PDF of 50+ pages instead)"
        exit 0
    fi
    input=$work/digest.pdf
    pdfunite "$SHARED"/dev-digests/*.pdf "$input"
fi
pages=$(pdfinfo "$input" | awk '/^Pages:/ {print $2}')
echo "input: $input, $pages pages"

if [ "$PROFILE" = release ]; then
    cargo build --release -q -p cuttings-pipeline --example pdf_pages
else
    cargo build -q -p cuttings-pipeline --example pdf_pages
fi
ours1=$(RAYON_NUM_THREADS=1 target/$PROFILE/examples/pdf_pages "$ROUNDS" "$input")
echo "cuttings, 1 thread:    $ours1"
ours=$(target/$PROFILE/examples/pdf_pages "$ROUNDS" "$input")
echo "cuttings, $(nproc) cores:     $ours"

start=$(date +%s.%N)
for _ in $(seq "$ROUNDS"); do
    pdftotext "$input" "$work/out.txt"
done
end=$(date +%s.%N)
peer=$(python3 -c "print(f'{$pages * $ROUNDS / ($end - $start):.1f}')")
echo "pdftotext: $((pages * ROUNDS)) pages, $peer pages/s"
rate() { sed -E 's/.* ([0-9.]+) pages\/s$/\1/' <<<"$1"; }
python3 -c "print(f'ratio cuttings/pdftotext: {$(rate "$ours1") / $peer:.2f} on 1 thread, {$(rate "$ours") / $peer:.2f} on all cores (above 1: cuttings is faster)')"
