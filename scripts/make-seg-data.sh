#!/usr/bin/env bash
# Makes the training, tuning and test corpus of the line-role segmenter (issue #12) in $SEG_DATA
# (default /work/seg-data): typeset documents (press digests, newsletters, gazettes, records,
# reports, single articles, letters pages) with the role of every printed line, and their
# pdftotext dumps. None of it goes into the repository. See scripts/README-seg-data.md.
#
# For each ID (g000000, g000001, ...) $SEG_DATA/docs/ gets ID.pdf, ID.gold.json, ID.lines.jsonl,
# ID.raw.txt (pdftotext, default mode), ID.layout.txt (pdftotext -layout), ID.rawmode.txt
# (pdftotext -raw) and ID.seedlike.txt. The same seed and count give the same files.
#
# Needs: python3 with reportlab (pip install reportlab), pdftotext from poppler-utils
# (apt-get install -y poppler-utils), and for more type faces (optional) the Debian packages
# fonts-dejavu-core fonts-liberation fonts-freefont-ttf fonts-crosextra-carlito
# fonts-crosextra-caladea. The text comes from scripts/get-seg-text.sh (run when missing).
#
# Usage: scripts/make-seg-data.sh [--count N] [--seed S] [--jobs J]
#   or the variables SEG_COUNT (default 4000), SEG_SEED (default 2), SEG_JOBS (default 2),
#   SEG_DATA (output folder).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${SEG_DATA:-/work/seg-data}
count=${SEG_COUNT:-4000}
seed=${SEG_SEED:-2}
jobs=${SEG_JOBS:-2}
while [[ $# -gt 0 ]]; do
    case $1 in
        --count) count=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        *) echo "usage: scripts/make-seg-data.sh [--count N] [--seed S] [--jobs J]" >&2; exit 2 ;;
    esac
done
if ! command -v pdftotext >/dev/null; then
    echo "make-seg-data: pdftotext is missing (apt-get install -y poppler-utils)" >&2
    exit 1
fi
if ! python3 -c 'import reportlab' 2>/dev/null; then
    echo "make-seg-data: the Python package reportlab is missing (pip install reportlab)" >&2
    exit 1
fi
export SEG_DATA=$out
[[ -f $out/text/gum.json ]] || scripts/get-seg-text.sh

mkdir -p "$out/docs"
find "$out/docs" -maxdepth 1 -name 'g[0-9]*.*' -delete
start=$(date +%s)
status=0
seq 0 $((count - 1)) | xargs -n 25 -P "$jobs" \
    python3 scripts/gen-digests.py gen --text "$out/text" --out "$out" --seed "$seed" || status=$?
if [[ $status != 0 ]]; then
    echo "make-seg-data: some documents failed (see above); the others were made" >&2
fi
echo "make-seg-data: $count documents in $(( $(date +%s) - start )) s"
python3 scripts/gen-digests.py summary --out "$out" | tee "$out/summary.txt"
python3 scripts/check-seg-data.py "$out" | tail -n 20
