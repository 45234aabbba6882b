#!/usr/bin/env bash
# Puts the running text that scripts/gen-digests.py typesets into $SEG_DATA/text/gum.json
# (default /work/seg-data/text). None of it goes into the repository.
#
# Source: GUM, the Georgetown University Multilayer corpus (Zeldes 2017; amir-zeldes/gum), only
# the genres whose texts are openly licensed for any use:
#   - news and interview: Wikinews, CC BY 2.5 (https://en.wikinews.org/wiki/Wikinews:Copyright);
#   - academic and court: CC BY 4.0 (see the sources named in each document's metadata).
# Read from the dep/*.conllu files (one `# text =` line per sentence, `# newpar_block` per
# paragraph, heading, quotation, list item, figure caption or speaker turn), so the sentences come
# out exactly as the original text spelled them; the first heading of a document is its title,
# later ones are section headings; author and e-mail lines of papers and Wikinews' date lines are
# left out. Attribution: GUM by Amir Zeldes and the GUM annotators (LICENSE.txt of GUM, copied
# next to the JSON); Wikinews contributors for news and interviews.
#
# Where the repository comes from: this workplace has no network but package registries, so it
# was brought in as a bare git mirror by the session tools' `fetch` (github:amir-zeldes/gum ->
# /work/.mirror/amir-zeldes+gum/repo). Give another git directory (bare or with a work tree) with
# SEG_GUM_REPO; when the path does not exist the script tries `git clone` from GitHub and stops
# with a message if that fails.
#
# Usage: scripts/get-seg-text.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=${SEG_DATA:-/work/seg-data}/text
gum=${SEG_GUM_REPO:-/work/.mirror/amir-zeldes+gum/repo}
mkdir -p "$out"

if [[ ! -d $gum ]]; then
    d=$(mktemp -d)
    if ! git clone --quiet --depth 1 https://github.com/amir-zeldes/gum "$d/r" 2>/dev/null; then
        echo "get-seg-text: no copy of the GitHub repository amir-zeldes/gum at $gum and it" >&2
        echo "  cannot be cloned; bring a git mirror of it and set SEG_GUM_REPO to it" >&2
        exit 1
    fi
    gum=$d/r/.git
fi

python3 scripts/gen-digests.py text --gum "$gum" --out "$out"
git --git-dir="$gum" show HEAD:LICENSE.txt > "$out/GUM-LICENSE.txt" 2>/dev/null \
    || git -C "$gum" show HEAD:LICENSE.txt > "$out/GUM-LICENSE.txt"
cat > "$out/README.md" <<'README'
# Running text for cuttings' segmentation corpus (not part of the repository)

Written by cuttings' scripts/get-seg-text.sh; see that script for the source.

gum.json: the paragraphs of the GUM documents (Zeldes 2017, github.com/amir-zeldes/gum) of the
genres news and interview (Wikinews, CC BY 2.5) and academic and court (CC BY 4.0); GUM's
LICENSE.txt is next to it (GUM-LICENSE.txt). Credit: Amir Zeldes and the GUM annotators;
Wikinews contributors.
README
