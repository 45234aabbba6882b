#!/usr/bin/env bash
# The Spark job against a single-machine ingest (issue #15): runs scale/spark/cuttings_job.py
# with pyspark from PyPI in local[2] mode over a few hundred documents (made by make-docs.py,
# plus the bundled samples, the HTML fixtures and a file of binary junk), imports its tables
# with `cuttings import --parquet`, and checks that the articles, entities, reuse pairs and
# clusters equal those of `cuttings ingest` of the same files, and that the job's Parquet
# tables equal the export's row for row.
#
# Needs Java 17 or newer (installs Debian's openjdk-17-jre-headless when missing, as root) and
# makes a venv with pyspark and pyarrow from PyPI (about 2 minutes the first time).
# Environment: CUTTINGS_BIN (default target/debug/cuttings, built when missing), SPARK_VENV
# (default $CARGO_TARGET_DIR/spark-venv, else target/spark-venv), DOCUMENTS (default 300),
# KEEP=1 keeps the work folder and prints where it is.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=${CARGO_TARGET_DIR:-target}
bin=${CUTTINGS_BIN:-$target/debug/cuttings}
venv=${SPARK_VENV:-$target/spark-venv}
documents=${DOCUMENTS:-300}

if [ ! -x "$bin" ]; then
    cargo build -q -p cuttings
fi
bin=$(realpath "$bin")

java_ok() { java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; }
if ! java_ok; then
    echo "spark test: installing Debian's openjdk-17-jre-headless (pyspark needs Java 17+)"
    if [ "$(id -u)" = 0 ]; then
        apt-get update -q >/dev/null || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless >/dev/null
    else
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless >/dev/null
    fi
    java_ok || { echo "spark test: FAILED: no Java 17 or newer" >&2; exit 1; }
fi

if ! "$venv/bin/python" -c 'import pyspark, pyarrow' 2>/dev/null; then
    echo "spark test: making a venv in $venv with pyspark and pyarrow from PyPI"
    rm -rf "$venv"
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check pyspark pyarrow; then
        echo "spark test: FAILED: pip could not install pyspark and pyarrow from PyPI" >&2
        rm -rf "$venv"
        exit 1
    fi
fi
py="$venv/bin/python"

tmp=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then
    echo "spark test: work folder $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi
docs="$tmp/docs"
python3 scale/spark/make-docs.py "$docs" --documents "$documents"
mkdir -p "$docs/other"
cp samples/* "$docs/other/"
cp crates/html/tests/data/*.html "$docs/other/"
head -c 4096 /dev/urandom >"$docs/other/junk.bin"
echo "spark test: $(find "$docs" -type f | wc -l) documents"

# One machine.
started=$(date +%s.%N)
status=0
"$bin" --corpus "$tmp/local" ingest --quiet "$docs" 2>"$tmp/local-errors.txt" || status=$?
test "$status" -eq 2 || { echo "spark test: ingest should report the junk file (exit 2), got $status" >&2; exit 1; }
"$bin" --corpus "$tmp/local" export --format parquet --out "$tmp/local-parquet" 2>/dev/null
local_s=$(echo "$(date +%s.%N) - $started" | bc)

# Spark, shipping the binary with --files as on a cluster.
started=$(date +%s.%N)
PYSPARK_PYTHON="$py" "$venv/bin/spark-submit" --master 'local[2]' \
    --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=8 \
    --driver-java-options '-Dlog4j2.rootLogger.level=ERROR' \
    --files "$bin" scale/spark/cuttings_job.py \
    --input "$docs" --out "$tmp/spark" >"$tmp/summary.json" 2>"$tmp/spark-log.txt" || {
    tail -40 "$tmp/spark-log.txt" >&2
    echo "spark test: FAILED: the job failed" >&2
    exit 1
}
spark_s=$(echo "$(date +%s.%N) - $started" | bc)
cat "$tmp/summary.json"
"$bin" --corpus "$tmp/imported" import --parquet "$tmp/spark"

for c in local imported; do
    "$bin" --corpus "$tmp/$c" articles --format jsonl >"$tmp/$c-articles.jsonl"
    "$bin" --corpus "$tmp/$c" entities --top 100000 --format jsonl >"$tmp/$c-entities.jsonl"
    "$bin" --corpus "$tmp/$c" reuse pairs --format jsonl >"$tmp/$c-pairs.jsonl" || true
    "$bin" --corpus "$tmp/$c" reuse clusters --format jsonl >"$tmp/$c-clusters.jsonl" || true
done

"$py" - "$tmp" <<'PY'
import json, sys
import pyarrow.parquet as pq

tmp = sys.argv[1]
load = lambda f: [json.loads(l) for l in open(f"{tmp}/{f}", encoding="utf-8")]

def keyed(rows):
    out = {}
    for a in rows:
        a = dict(a)
        a["source"] = {k: v for k, v in a["source"].items() if k != "path"}
        out[a["id"]] = a
    return out

local, imported = keyed(load("local-articles.jsonl")), keyed(load("imported-articles.jsonl"))
assert len(local) > 300, f"only {len(local)} articles on one machine"
assert set(local) == set(imported), (len(set(local) - set(imported)), len(set(imported) - set(local)))
for i, a in local.items():
    assert a == imported[i], (i, {k for k in a if a[k] != imported[i][k]})
reused = sum(1 for a in local.values() if a["reuse"])
assert reused > 20, f"only {reused} articles share passages"
print(f"ok: {len(local)} articles equal (keys of the output contract, reuse included; {reused} share passages)")

le, ie = load("local-entities.jsonl"), load("imported-entities.jsonl")
assert le and le == ie, "entities differ"
print(f"ok: {len(le)} entities equal")

lp, ip = load("local-pairs.jsonl"), load("imported-pairs.jsonl")
assert lp and lp == ip, "reuse pairs differ"
kinds = {}
for p in lp:
    kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
print(f"ok: {len(lp)} reuse pairs equal ({kinds})")

# The job's own clusters (connected components in Spark) against the corpus's.
members = lambda cs: sorted(sorted(c["articles"]) for c in cs)
lc = members(load("local-clusters.jsonl"))
rows = pq.read_table(f"{tmp}/spark/clusters.parquet").to_pylist()
groups = {}
for r in rows:
    groups.setdefault(r["cluster"], []).append(r["article_id"])
sc = sorted(sorted(g) for g in groups.values())
assert lc == sc, (len(lc), len(sc))
print(f"ok: {len(sc)} clusters equal")

# The job's tables against the export of the single-machine corpus.
def table(d, name):
    return pq.read_table(f"{tmp}/{d}/{name}.parquet").to_pylist()

# The export names each mention by its corpus entity; the job's tables keep each article's own
# canonical name (entities are joined across articles by `cuttings import`, checked above).
def plain(r):
    r = dict(r)
    r["source"] = {k: v for k, v in r["source"].items() if k != "path"}
    for key in ("entities", "quotes"):
        r[key] = [{k: v for k, v in x.items() if k != "canonical"} for x in r[key]]
    return r

ea = {r["id"]: plain(r) for r in table("local-parquet", "articles")}
sa = {r["id"]: plain(r) for r in table("spark", "articles")}
assert set(ea) == set(sa)
for i, r in ea.items():
    assert r == sa[i], (i, {k for k in r if r[k] != sa[i][k]})
er = sorted((r["a"], r["b"], r["kind"], r["words"], r["share_a"], r["share_b"],
             json.dumps(r["passages"])) for r in table("local-parquet", "reuse"))
sr = sorted((r["a"], r["b"], r["kind"], r["words"], r["share_a"], r["share_b"],
             json.dumps(r["passages"])) for r in table("spark", "reuse"))
assert er == sr, (len(er), len(sr))
strip = lambda rows: sorted(tuple(v for k, v in r.items()
                                  if k not in ("entity_id", "speaker_entity_id", "canonical")) for r in rows)
assert strip(table("local-parquet", "mentions")) == strip(table("spark", "mentions"))
assert strip(table("local-parquet", "quotes")) == strip(table("spark", "quotes"))
errors = table("spark", "errors")
assert len(errors) == 1 and errors[0]["input"].endswith("junk.bin"), errors
print(f"ok: the job's articles, reuse, mentions and quotes tables equal the export's; "
      f"1 error line, for {errors[0]['input'].rsplit('/', 1)[-1]}: {errors[0]['error'][:80]}")
PY
printf 'spark test: ok (one machine: ingest + export %.1f s; Spark local[2]: %.1f s)\n' "$local_s" "$spark_s"
