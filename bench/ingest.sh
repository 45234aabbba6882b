#!/usr/bin/env bash
# End-to-end ingest throughput (read + segment + repair + store + index) on >= 100 MB of digest
# text, using both cores. Prints MB/s; asserts nothing about time.
#
#   bash bench/ingest.sh            # 100 MB in files of up to 1 MB
#   MB=200 FILE_KB=4096 bash bench/ingest.sh
#   BIN=/tmp/old/cuttings INPUT=/tmp/bench-in bash bench/ingest.sh   # compare two builds on one input
#
# BIN skips the build and runs that binary; INPUT keeps the generated files in that folder (made
# there once, reused when it already holds files) so that runs of two builds read the same input.
# Besides MB/s it prints the CPU time of the whole process (workers, writer and index threads):
# CPU time / wall time near the number of cores means that every core was busy.
#
# The input is made by concatenating digests of one kind (the samples/ files, and
# ../shared/dev-digests/*.{raw,layout,seedlike}.txt when present), each at most once per file, into
# many files, each starting with its own line so that no two files share a hash (ingest would skip
# the second).
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${MB:-100}
FILE_KB=${FILE_KB:-1024}
SHARED=${SHARED:-../shared}

if [ -n "${BIN:-}" ]; then
    bin=$BIN
else
    echo "building release binary (first build takes ~10 minutes on 2 cores)"
    cargo build --release -p cuttings
    bin=$PWD/target/release/cuttings
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/cuttings-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
in=${INPUT:-$work/in}
mkdir -p "$in"

if [ -n "$(ls -A "$in")" ]; then
    echo "reusing the input in $in"
else
python3 - "$in" "$MB" "$FILE_KB" "$SHARED" <<'PY'
import glob, os, sys
out, mb, file_kb, shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
pools = {}
for path in sorted(glob.glob("samples/*.txt")):
    kind = "seedlike" if ".seedlike." in path else "layout" if ".layout." in path else "raw"
    pools.setdefault("sample-" + kind, []).append(path)
for kind in ("raw", "layout", "seedlike"):
    files = sorted(glob.glob(os.path.join(shared, "dev-digests", f"*.{kind}.txt")))
    if files:
        pools["dev-" + kind] = files
texts = {k: [open(p, encoding="utf-8").read() for p in v] for k, v in pools.items()}
kinds = sorted(texts)
total, i, target, size = 0, 0, mb * 1_000_000, file_kb * 1024
while total < target:
    kind = kinds[i % len(kinds)]
    pool = texts[kind]
    sep = "\n" if kind.endswith("seedlike") else "\f"
    # Each digest at most once per file: a repeated digest would repeat article ids, which the
    # store skips as already present, and the benchmark would measure less work than it claims.
    parts, n = [f"Bench digest {i} ({kind})\n\n"], 0
    for k in range(len(pool)):
        if n >= size:
            break
        t = pool[(i + k) % len(pool)]
        parts.append(t if t.endswith("\n") else t + "\n")
        parts.append(sep)
        n += len(t.encode("utf-8"))
    data = "".join(parts).encode("utf-8")
    with open(os.path.join(out, f"{i:05d}-{kind}.txt"), "wb") as f:
        f.write(data)
    total += len(data)
    i += 1
print(f"made {i} files, {total / 1e6:.1f} MB, from {', '.join(f'{k} ({len(texts[k])})' for k in kinds)}")
PY
fi

bytes=$(cat "$in"/*.txt | wc -c)
# CPU time of the shell's children (the ingest) before and after, from bash's `times` (run in
# this shell, not in a subshell, which would report its own children).
cpu() { python3 -c "import re, sys; print(sum(float(m) * 60 + float(s) for m, s in re.findall(r'(\d+)m([\d.]+)s', open(sys.argv[1]).read().splitlines()[1])))" "$1"; }
times > "$work/times0"
start=$(date +%s.%N)
"$bin" --corpus "$work/corpus" ingest "$in"
end=$(date +%s.%N)
times > "$work/times1"
cpu0=$(cpu "$work/times0")
cpu1=$(cpu "$work/times1")
python3 - "$bytes" "$start" "$end" "$(nproc)" "$cpu0" "$cpu1" <<'PY'
import sys
b, s, e, cores = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
cpu = float(sys.argv[6]) - float(sys.argv[5])
secs = e - s
print(f"end to end: {b / 1e6:.1f} MB in {secs:.1f} s = {b / 1e6 / secs:.1f} MB/s on {cores} cores")
print(f"cpu time: {cpu:.1f} s ({cpu / secs:.2f} cores busy on average; {b / 1e6 / cpu:.1f} MB per cpu-second)")
PY
du -sh "$work/corpus" | awk '{print "corpus size: " $1}'
