#!/bin/sh
# Builds crates/extract/data/cased-words.txt: the words that the English dictionary writes only
# capitalised ("Barnsley", "Reuters") or only in capitals ("NATO", "ACLU"), never in lower case.
# The tagger uses it to put the words of a headline set in capitals back into their usual case
# (issue #5: a tenth of the names in news stand in such lines).
#
# Source: SCOWL via the Debian packages wamerican-huge and wbritish-huge, as data/words-en.txt
# (scripts/build-wordlist.sh; licence: SCOWL's permissive notice, data/words-en.COPYRIGHT).
#
#   apt-get update && apt-get install -y wamerican-huge wbritish-huge
#   scripts/build-cased-words.sh
#
# Output: one word a line in the dictionary's spelling, only ASCII letters and apostrophes (after
# a capital), at least two letters, possessive "'s" entries dropped, sorted bytewise.
set -eu
LC_ALL=C
export LC_ALL
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/crates/extract/data/cased-words.txt"
lists="/usr/share/dict/american-english-huge /usr/share/dict/british-english-huge"
for f in $lists; do
    [ -r "$f" ] || { echo "build-cased-words: missing $f (apt-get install -y wamerican-huge wbritish-huge)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat $lists | grep -E "^[A-Za-z][A-Za-z']+$" | grep -v "'s$" | sort -u > "$tmp/all"
grep -E "^[a-z]" "$tmp/all" | sort -u > "$tmp/lower"
# capitalised: the lower-case key first, so that `join` can match it against the lower-case words
grep -E "^[A-Z][a-z']+$" "$tmp/all" | awk '{ print tolower($0) "\t" $0 }' | sort -u > "$tmp/title"
grep -E "^[A-Z][A-Z]+$" "$tmp/all" | awk '{ print tolower($0) "\t" $0 }' | sort -u > "$tmp/upper"
cut -f1 "$tmp/upper" > "$tmp/upper-keys"
# in capitals: not a lower-case word ("NATO", though British lists also have "Nato")
join -t "$(printf '\t')" -v 1 "$tmp/upper" "$tmp/lower" | cut -f2 > "$tmp/out"
# capitalised only: neither a lower-case word nor one in capitals
join -t "$(printf '\t')" -v 1 "$tmp/title" "$tmp/lower" \
    | join -t "$(printf '\t')" -v 1 - "$tmp/upper-keys" | cut -f2 >> "$tmp/out"
sort -u "$tmp/out" > "$out"
echo "built $out: $(wc -l < "$out") words, $(wc -c < "$out") bytes" >&2
echo "Built from: $(dpkg-query -W -f='${Package} ${Version}  ' wamerican-huge wbritish-huge 2>/dev/null)" >&2
