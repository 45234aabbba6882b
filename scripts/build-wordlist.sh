#!/bin/sh
# Builds data/words-en.txt, the English word list that cuttings-repair ships (see data/README.md).
#
# Source: SCOWL via the Debian packages wamerican-huge and wbritish-huge (SCOWL size 70),
# licence: SCOWL's permissive MIT-like notice plus the notices of its parts (public domain, WordNet,
# Ispell BSD-style), copied next to the list as data/words-en.COPYRIGHT.
#
#   apt-get update && apt-get install -y wamerican-huge wbritish-huge
#   scripts/build-wordlist.sh            # writes data/words-en.txt
#
# Output: one word a line, lower case, only ASCII letters and apostrophes, possessive "'s" entries
# dropped (repair strips possessives before it looks a word up), deduplicated, sorted bytewise.
# The result depends only on the package versions, which the script prints at the end; record them
# in data/README.md when they change.
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/data/words-en.txt"
lists="/usr/share/dict/american-english-huge /usr/share/dict/british-english-huge"
for f in $lists; do
    [ -r "$f" ] || { echo "build-wordlist: missing $f (apt-get install -y wamerican-huge wbritish-huge)" >&2; exit 2; }
done
cat $lists \
    | tr 'A-Z' 'a-z' \
    | grep -E "^[a-z][a-z']*$" \
    | grep -v "'s$" \
    | sort -u > "$out.tmp"
mv "$out.tmp" "$out"
# SCOWL's notices (Kevin Atkinson's, WordNet's, Ispell's...) must travel with the list.
cp /usr/share/doc/wamerican-huge/copyright "$here/data/words-en.COPYRIGHT"
echo "built $out: $(wc -l < "$out") words, $(wc -c < "$out") bytes" >&2
echo "Built from: $(dpkg-query -W -f='${Package} ${Version}  ' wamerican-huge wbritish-huge 2>/dev/null)" >&2
