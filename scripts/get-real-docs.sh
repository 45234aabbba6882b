#!/usr/bin/env bash
# Recreates the local-only real documents (issue #12, part 3) in $REAL_DOCS (default /work/real-docs):
# excerpts of US federal works (public domain, 17 U.S.C. § 105) that are found only in public GitHub
# repositories, so none of them may be committed here. For each document it writes NAME.pdf (the
# pages cut from the source with pdfseparate/pdfunite), NAME.raw.txt (pdftotext) and NAME.layout.txt
# (pdftotext -layout), with poppler-utils 22.12. The hand-written gold files (NAME.gold.json) and
# PROVENANCE.md live in that folder too and are not made by this script: see
# crates/segment/test_data/real/README.md ("Local-only documents").
#
# Where the repositories come from: this workplace has no network but package registries, so each
# was brought in as a bare git mirror by the session tools' `fetch` (github:OWNER/NAME ->
# /work/.mirror/OWNER+NAME/repo). Point the variable at another git directory (bare or with a work
# tree) holding the same commit if yours is elsewhere.
#   REAL_PDFPLUMBER_REPO  jsvine/pdfplumber                      (default /work/.mirror/jsvine+pdfplumber/repo)
#   REAL_ORNSTEIN_REPO    joeornstein/maymester-text-as-data-2022 (default /work/.mirror/joeornstein+maymester-text-as-data-2022/repo)
#
# Usage: scripts/get-real-docs.sh
set -euo pipefail
out=${REAL_DOCS:-/work/real-docs}
mkdir -p "$out"
for t in pdftotext pdfseparate pdfunite sha256sum git; do
    command -v "$t" >/dev/null || { echo "get-real-docs: $t is missing (apt-get install poppler-utils git)" >&2; exit 1; }
done

need_repo() { # need_repo OWNER/NAME DIR
    if ! git --git-dir="$2" rev-parse --quiet --verify HEAD >/dev/null 2>&1 \
        && ! git -C "$2" rev-parse --quiet --verify HEAD >/dev/null 2>&1; then
        echo "get-real-docs: no git copy of the GitHub repository $1 at $2;" >&2
        echo "  bring a mirror of it (the session tools' fetch github:$1) and point the variable for it there (see this script)" >&2
        exit 1
    fi
}

show() { # show REPO COMMIT PATH > file
    git --git-dir="$1" show "$2:$3" 2>/dev/null || git -C "$1" show "$2:$3"
}

# cut NAME REPO COMMIT PATH SHA256 FIRST LAST
cut_doc() {
    local name=$1 repo=$2 commit=$3 path=$4 sum=$5 first=$6 last=$7 tmp
    tmp=$(mktemp -d)
    if ! show "$repo" "$commit" "$path" >"$tmp/src.pdf"; then
        echo "get-real-docs: $path at $commit is not in $repo (an older mirror?)" >&2; exit 1
    fi
    if [[ $(sha256sum "$tmp/src.pdf" | cut -d' ' -f1) != "$sum" ]]; then
        echo "get-real-docs: $path in $repo is not the file the gold was written for (sha256 differs)" >&2; exit 1
    fi
    pdfseparate -f "$first" -l "$last" "$tmp/src.pdf" "$tmp/p-%03d.pdf" 2>/dev/null
    if [[ $first == "$last" ]]; then
        cp "$tmp/p-$(printf %03d "$first").pdf" "$out/$name.pdf"
    else
        pdfunite "$tmp"/p-*.pdf "$out/$name.pdf" 2>/dev/null
    fi
    pdftotext "$out/$name.pdf" "$out/$name.raw.txt" 2>/dev/null
    pdftotext -layout "$out/$name.pdf" "$out/$name.layout.txt" 2>/dev/null
    rm -rf "$tmp"
    echo "get-real-docs: $out/$name.pdf (pages $first-$last of $path)"
}

pdfplumber=${REAL_PDFPLUMBER_REPO:-/work/.mirror/jsvine+pdfplumber/repo}
ornstein=${REAL_ORNSTEIN_REPO:-/work/.mirror/joeornstein+maymester-text-as-data-2022/repo}
need_repo jsvine/pdfplumber "$pdfplumber"
need_repo joeornstein/maymester-text-as-data-2022 "$ornstein"

# Federal Register, Vol. 85, No. 152, Thursday, August 6, 2020, Proposed Rules (FR Doc. 2020-17221 print).
fr=ac419e4e084ea7a7a33a7be3f129dd07bc705b1a9e45ad751e33357f17d60f5c
cut_doc federal-register-2020-08-06-p47698-47699 "$pdfplumber" 147f2c4c07dc1191fc1d05bb589b4f6af3aaf74a \
    tests/pdfs/federal-register-2020-17221.pdf $fr 1 2
cut_doc federal-register-2020-08-06-p47711-47712 "$pdfplumber" 147f2c4c07dc1191fc1d05bb589b4f6af3aaf74a \
    tests/pdfs/federal-register-2020-17221.pdf $fr 14 15

# Congressional Record (bound edition), House, October 14, 1921, page 6348 (a scan with an OCR text layer).
cut_doc congressional-record-1921-10-14-house-p6348 "$ornstein" ad8a4f01d179dffef455a4ac5fc9f79e8f125f4b \
    data/img/congressional-record.pdf ec2d29e349dd44ad88770f5c254d26f4edf29f85a4262a36e98cbd3db44386ed 1 1

missing=0
for f in "$out"/*.pdf; do
    [[ -f ${f%.pdf}.gold.json ]] || { echo "get-real-docs: note: no gold for $(basename "$f") in $out" >&2; missing=1; }
done
[[ $missing == 0 ]] || echo "get-real-docs: the gold files are hand-written and kept only in $out (not made by this script)" >&2
