#!/usr/bin/env bash
# Scores the line-role segmenter on our own generated documents (issue #12), one form at a time:
# line accuracy per form and role, then the articles of every document of the split against its
# gold with ../shared/eval/score-digests.py (boundary F1, title, date, outlet, authors, leaks).
#
#   bash bench/score-gen.sh                         # the tune split, the built-in model
#   SPLIT=test bash bench/score-gen.sh              # the held-out test split: final figures only
#   MODEL=/tmp/roles.model FORMS=pdf,raw LIMIT=100 bash bench/score-gen.sh
#
# The documents come from scripts/make-seg-data.sh (SEG_DATA, default /work/seg-data).
set -euo pipefail
cd "$(dirname "$0")/.."

SEG_DATA=${SEG_DATA:-/work/seg-data}
SPLIT=${SPLIT:-tune}
MODEL=${MODEL:-crates/segment/data/roles.model}
FORMS=${FORMS:-raw,layout,seedlike,pdf}
LIMIT=${LIMIT:-100000}
SCORER=${SCORER:-../shared/eval/score-digests.py}

if [ ! -d "$SEG_DATA/docs" ]; then
    echo "skipping: $SEG_DATA/docs not found (make it with scripts/make-seg-data.sh)"
    exit 0
fi
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/cuttings-gen.XXXXXX")}
mkdir -p "$out"
cargo run --release -q -p cuttings-pipeline --example train_roles -- eval \
    --data "$SEG_DATA" --model "$MODEL" --split "$SPLIT" --forms "$FORMS" --limit "$LIMIT" \
    --predict "$out/pred" | tee "$out/lines.txt"

if [ ! -f "$SCORER" ]; then
    echo "no scorer at $SCORER: article figures skipped"
    exit 0
fi
# The scorer reads every gold file of a folder: give it those of the split that were predicted.
gold="$out/gold"
mkdir -p "$gold"
first_form=${FORMS%%,*}
# Copied, with a layout value the generator left empty (a partial article's title placement)
# spelt "none": the scorer sorts them.
python3 - "$SEG_DATA/docs" "$gold" "$out/pred/$first_form" <<'PY'
import json, os, sys
docs, gold, pred = sys.argv[1:]
for name in os.listdir(pred):
    if not name.endswith(".jsonl"):
        continue
    doc = name[: -len(".jsonl")]
    with open(os.path.join(docs, doc + ".gold.json"), encoding="utf-8") as f:
        g = json.load(f)
    for a in g["articles"]:
        lay = a.get("layout") or {}
        a["layout"] = {k: ("none" if v is None else v) for k, v in lay.items()}
    with open(os.path.join(gold, doc + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(g, f, ensure_ascii=False)
PY
IFS=, read -ra forms <<<"$FORMS"
for form in "${forms[@]}"; do
    echo
    echo "=== $form ($SPLIT)"
    python3 "$SCORER" --gold-dir "$gold" --pred "$out/pred/$form" --json "$out/$form.json" \
        | sed -n '1,40p'
done
echo
echo "predictions and figures in $out"
