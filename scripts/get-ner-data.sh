#!/usr/bin/env bash
# Puts the English NER data that scripts/train-ner.sh and bench/ner.sh use into $NER_DATA
# (default ../shared/ner-data, i.e. /work/shared/ner-data). None of it goes into the repository.
#
# Sources (public GitHub repositories; give a local clone or bare mirror of each, or let the
# script clone them when the network allows):
#
# 1. CoNLL-2003 English (Tjong Kim Sang & De Meulder 2003), as carried by the repository
#    kamalkraj/BERT-NER (data/train.txt, valid.txt, test.txt = eng.train, eng.testa, eng.testb;
#    columns: token POS chunk NER, IOB1 tags, types PER ORG LOC MISC). Reuters newswire, 1996-97.
#    LICENCE: the annotations were released freely by the CoNLL-2003 shared task for research;
#    the text is from the Reuters Corpus (RCV1), whose use needs NIST's Reuters Corpus agreement
#    ("research and development purposes"). It is NOT an open licence: the model trained on it is
#    derived from RCV1 text; see crates/extract/data/README.md.
# 2. Universal NER English-EWT v1 (Mayhew et al. 2024; UniversalNER/UNER_English-EWT), dev and
#    test (the train file is over the mirror's 4 MiB limit). Web text (blogs, reviews, emails,
#    newsgroups) from the English Web Treebank; types PER ORG LOC, IOB2.
#    LICENCE: CC BY-SA 4.0 (open). Used as a second, openly licensed test set.
#
# Usage: scripts/get-ner-data.sh [CONLL_REPO [UNER_REPO]]
#   CONLL_REPO, UNER_REPO: a git directory (bare or not) of the repositories above; defaults are
#   the mirrors in /work/.mirror, else a fresh clone from GitHub.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${NER_DATA:-../shared/ner-data}
mkdir -p "$out"

# show REPO PATH: prints one file of a git repository (bare or with a work tree).
show() { git --git-dir="$1" show "HEAD:$2" 2>/dev/null || git -C "$1" show "HEAD:$2"; }

repo() { # repo NAME DEFAULT_MIRROR
    local m=$2
    if [[ -d $m ]]; then echo "$m"; return; fi
    local d
    d=$(mktemp -d)
    git clone --quiet --depth 1 "https://github.com/$1" "$d/r" >&2
    echo "$d/r/.git"
}

conll=${1:-$(repo kamalkraj/BERT-NER /work/.mirror/kamalkraj+BERT-NER/repo)}
uner=${2:-$(repo UniversalNER/UNER_English-EWT /work/.mirror/UniversalNER+UNER_English-EWT/repo)}

show "$conll" data/train.txt > "$out/conll2003-train.txt"
show "$conll" data/valid.txt > "$out/conll2003-dev.txt"
show "$conll" data/test.txt > "$out/conll2003-test.txt"
show "$uner" en_ewt-ud-dev.iob2 > "$out/uner-ewt-dev.iob2"
show "$uner" en_ewt-ud-test.iob2 > "$out/uner-ewt-test.iob2"
show "$uner" LICENSE.txt > "$out/uner-ewt-LICENSE.txt"

cat > "$out/README.md" <<'README'
# NER data for cuttings (not part of the repository)

Written by cuttings' scripts/get-ner-data.sh; see that script for sources and licences.

- conll2003-{train,dev,test}.txt: CoNLL-2003 English (eng.train / eng.testa / eng.testb), from
  the GitHub repository kamalkraj/BERT-NER. Reuters RCV1 text: research use under NIST's Reuters
  Corpus agreement; annotations from the CoNLL-2003 shared task. Not openly licensed.
- uner-ewt-{dev,test}.iob2: Universal NER English-EWT v1, from UniversalNER/UNER_English-EWT,
  CC BY-SA 4.0 (uner-ewt-LICENSE.txt).
README
wc -l "$out"/conll2003-*.txt "$out"/uner-ewt-*.iob2
