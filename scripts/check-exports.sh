#!/usr/bin/env bash
# Checks `cuttings export` with the tools its formats are for (issue #15), in a venv this script
# makes with pip from PyPI: pyarrow reads the Parquet tables back and they equal the JSON Lines
# export row for row; DuckDB queries them; every FollowTheMoney line is made into an entity by
# the followthemoney package (model.get_proxy(..., cleaned=False)) and passes its schema's
# rules; networkx parses the GEXF files as GEXF 1.3, with the node and edge counts of the
# corpus and the attributes Gephi requires.
#
# The corpus is samples/ plus three JSON Lines articles that reprint each other, from outlets
# with hostile names. Runs in well under a minute once the venv exists (about 2 minutes to make
# it). Environment: CUTTINGS_BIN (default target/debug/cuttings, built when missing),
# EXPORT_VENV (default $CARGO_TARGET_DIR/export-venv, else target/export-venv).
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
bin=${CUTTINGS_BIN:-$target/debug/cuttings}
venv=${EXPORT_VENV:-$target/export-venv}
packages=(pyarrow duckdb followthemoney networkx)

if [ ! -x "$bin" ]; then
    cargo build -q -p cuttings
fi

if ! "$venv/bin/python" -c 'import pyarrow, duckdb, followthemoney, networkx' 2>/dev/null; then
    echo "check-exports: making a venv in $venv with ${packages[*]} from PyPI"
    rm -rf "$venv"
    if ! python3 -m venv "$venv"; then
        echo "check-exports: FAILED: python3 -m venv did not work (on Debian: apt-get install python3-venv)" >&2
        exit 1
    fi
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"; then
        echo "check-exports: FAILED: pip could not install ${packages[*]} from PyPI" >&2
        rm -rf "$venv"
        exit 1
    fi
fi
py="$venv/bin/python"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" - "$tmp/reuse.jsonl" <<'PY'
import json, sys
p1 = ("The regional council voted on Tuesday to close the old copper mine above the village of "
      "Arnfeld, ending two centuries of extraction in the valley.")
p2 = ("Miners' representatives said they would appeal against the decision, which puts some four "
      "hundred jobs at risk across three neighbouring districts.")
other = ("Heavy snow closed the mountain pass for a third day running, and drivers were told to "
         "expect further delays until the ploughs could reach the summit.")
rows = [("=HYPERLINK(\"http://evil\")", "Herald & <Sons>", "2020-10-01", p1 + "\n\n" + p2),
        ("Mine \x1b[2J to close", "Courier \"Daily\"", "2020-10-02", (p1 + "\n\n" + p2).upper()),
        ("-snow", "Gazette", "2020-10-05", other + "\n\n" + p2)]
with open(sys.argv[1], "w") as f:
    for title, outlet, date, body in rows:
        f.write(json.dumps({"title": title, "outlet": outlet, "date": date, "body": body,
                            "authors": ["Ann Smith"], "language": "en"}) + "\n")
PY
c="$tmp/corpus"
"$bin" --corpus "$c" ingest --quiet samples/ "$tmp/reuse.jsonl"
"$bin" --corpus "$c" export --quiet --format jsonl --out "$tmp/articles.jsonl"
"$bin" --corpus "$c" export --quiet --format csv --out "$tmp/articles.csv"
"$bin" --corpus "$c" export --quiet --format parquet --out "$tmp/parquet"
"$bin" --corpus "$c" export --quiet --format ftm --out "$tmp/entities.ftm.json"
"$bin" --corpus "$c" export --quiet --format gexf --out "$tmp/entities.gexf"
"$bin" --corpus "$c" export --quiet --format gexf --graph outlets --out "$tmp/outlets.gexf"
"$bin" --corpus "$c" export --quiet --format parquet --query copper --out "$tmp/copper"

"$py" - "$tmp" <<'PY'
import collections, csv, datetime, itertools, json, sys
import xml.etree.ElementTree as ET

import duckdb
import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
from followthemoney import model
from followthemoney.exc import InvalidData

tmp = sys.argv[1]
lines = [json.loads(l) for l in open(f"{tmp}/articles.jsonl", encoding="utf-8")]
assert len(lines) > 10, len(lines)
by_id = {a["id"]: a for a in lines}


def normal(row):
    """A Parquet row in the shape of a JSON line: dates as YYYY-MM-DD, float32 to 3 decimals."""
    row = dict(row)
    if row["date"] is not None:
        row["date"] = row["date"].isoformat()
    if row["confidence"] is not None:
        row["confidence"] = {k: round(v, 3) for k, v in row["confidence"].items()}
    return row


# 1. pyarrow: articles.parquet equals the JSON Lines export row for row, typed
table = pq.read_table(f"{tmp}/parquet/articles.parquet")
schema = table.schema
assert schema.field("date").type == pa.date32(), schema.field("date").type
assert str(schema.field("authors").type) == "list<item: string not null>", schema.field("authors").type
ent = schema.field("entities").type.value_type
assert ent.field("start").type == pa.int64() and ent.field("end").type == pa.int64(), ent
assert schema.field("source").type.field("first_page").type == pa.int32()
assert pq.ParquetFile(f"{tmp}/parquet/articles.parquet").metadata.row_group(0).column(7).compression == "LZ4"  # LZ4_RAW, as pyarrow names it
rows = [normal(r) for r in table.to_pylist()]
assert [r["id"] for r in rows] == [a["id"] for a in lines], "same order"
for r, a in zip(rows, lines):
    assert r == a, (r["id"], {k for k in a if r[k] != a[k]})
print(f"ok: articles.parquet equals the JSON Lines export, {len(rows)} rows")

mentions = pq.read_table(f"{tmp}/parquet/mentions.parquet").to_pylist()
want = [(a["id"], i, e["name"], e["type"], e["canonical"], e["start"], e["end"])
        for a in lines for i, e in enumerate(a["entities"])]
got = [(m["article_id"], m["position"], m["name"], m["type"], m["canonical"], m["start"], m["end"])
       for m in mentions]
assert got == want, "mentions.parquet is the names of the articles"
assert all(m["entity_id"] for m in mentions)
quotes = pq.read_table(f"{tmp}/parquet/quotes.parquet").to_pylist()
assert [(q["article_id"], q["text"], q["start"]) for q in quotes] == \
    [(a["id"], q["text"], q["start"]) for a in lines for q in a["quotes"]]
entities = pq.read_table(f"{tmp}/parquet/entities.parquet").to_pylist()
assert {e["id"] for e in entities} == {m["entity_id"] for m in mentions}
reuse = pq.read_table(f"{tmp}/parquet/reuse.parquet").to_pylist()
assert len(reuse) == 3, reuse
for r in reuse:
    a, b = by_id[r["a"]], by_id[r["b"]]
    for p in r["passages"]:
        assert a["body"][p["a_start"]:p["a_end"]].lower() == b["body"][p["b_start"]:p["b_end"]].lower()
print(f"ok: mentions ({len(mentions)}), entities ({len(entities)}), quotes ({len(quotes)}), reuse ({len(reuse)}) agree")
copper = pq.read_table(f"{tmp}/copper/articles.parquet").column("id").to_pylist()
assert copper and set(copper) == {a["id"] for a in lines if "copper" in a["body"].lower()}, copper

# 2. DuckDB over the files
con = duckdb.connect()
d = f"{tmp}/parquet"
n_dated = con.execute(f"SELECT count(*) FROM '{d}/articles.parquet' WHERE date >= DATE '2020-01-01'").fetchone()[0]
assert n_dated == sum(1 for a in lines if a["date"] and a["date"] >= "2020-01-01"), n_dated
top = con.execute(f"""
    SELECT e.name, count(DISTINCT m.article_id) AS n
    FROM '{d}/mentions.parquet' m JOIN '{d}/entities.parquet' e ON e.id = m.entity_id
    GROUP BY e.name ORDER BY n DESC, e.name""").fetchall()
want = collections.Counter(c for a in lines for c in {e["canonical"] for e in a["entities"]})
assert dict(top) == dict(want), (top, want)
words = con.execute(f"""
    SELECT a.outlet, sum(p.words) FROM '{d}/reuse.parquet' r,
      unnest(r.passages) AS t(p), '{d}/articles.parquet' a
    WHERE a.id = r.a GROUP BY a.outlet ORDER BY 1""").fetchall()
assert words and all(w > 0 for _, w in words), words
authors = con.execute(f"SELECT count(*) FROM '{d}/articles.parquet' WHERE list_contains(authors, 'Ann Smith')").fetchone()[0]
assert authors == sum("Ann Smith" in a["authors"] for a in lines)
print(f"ok: DuckDB: {len(top)} entities by articles, reuse words by outlet {words}")

# 3. followthemoney: every line an entity that passes its schema's rules
ftm = [json.loads(l) for l in open(f"{tmp}/entities.ftm.json", encoding="utf-8")]
ids = {e["id"] for e in ftm}
assert len(ids) == len(ftm), "unique ids"
schemata = collections.Counter()
for data in ftm:
    proxy = model.get_proxy(data, cleaned=False)
    schema = proxy.schema
    try:
        schema.validate(data)
    except InvalidData as e:
        raise AssertionError(f"{data['id']} {schema.name}: {e}") from None
    assert proxy.id == data["id"]
    for name, values in data["properties"].items():
        prop = schema.get(name)
        assert prop is not None, f"{schema.name} has no property {name}"
        kept = proxy.get(name)
        assert len(kept) == len(set(values)), f"{schema.name}.{name}: {values} became {kept}"
        if prop.type.name == "entity":
            for v in values:
                assert v in ids, f"{schema.name}.{name} points to a missing entity {v}"
                target = model.get(next(e["schema"] for e in ftm if e["id"] == v))
                assert target.is_a(prop.range), f"{schema.name}.{name}: {target.name} is no {prop.range.name}"
    for name in schema.required:
        assert proxy.get(name), f"{schema.name} lacks {name}"
    schemata[schema.name] += 1
assert schemata["Article"] == len(lines), schemata
assert schemata["Mention"] + schemata["UnknownLink"] == sum(len({e["canonical"] for e in a["entities"]}) for a in lines)
print(f"ok: {len(ftm)} FollowTheMoney entities valid: {dict(schemata)}")

# 4. networkx and Gephi's attributes
NS = "{http://gexf.net/1.3}"
edges = collections.Counter()
for a in lines:
    for x, y in itertools.combinations(sorted({e["canonical"] for e in a["entities"]}), 2):
        edges[(x, y)] += 1
nodes = {e["canonical"] for a in lines for e in a["entities"]}
g = nx.read_gexf(f"{tmp}/entities.gexf", version="1.3")
assert g.number_of_nodes() == len(nodes), (g.number_of_nodes(), len(nodes))
assert g.number_of_edges() == len(edges), (g.number_of_edges(), len(edges))
label = nx.get_node_attributes(g, "label")
got = {tuple(sorted((label[u], label[v]))): w for u, v, w in g.edges(data="weight")}
assert got == dict(edges), (got, edges)
assert all(g.nodes[n]["type"] in {"person", "org", "place", "misc"} for n in g)
for path in (f"{tmp}/entities.gexf", f"{tmp}/outlets.gexf"):
    root = ET.parse(path).getroot()
    assert root.tag == NS + "gexf" and root.get("version") == "1.3", root.attrib
    graph = root.find(NS + "graph")
    assert graph.get("defaultedgetype") == "undirected"
    for n in graph.iter(NS + "node"):
        assert n.get("id") and n.get("label") is not None, n.attrib
    for e in graph.iter(NS + "edge"):
        assert e.get("id") and e.get("source") and e.get("target") and float(e.get("weight")) > 0, e.attrib
o = nx.read_gexf(f"{tmp}/outlets.gexf", version="1.3")
outlets = {a["outlet"] for a in lines if a["outlet"]}
assert set(o.nodes) == outlets, (set(o.nodes), outlets)
assert {tuple(sorted(e)) for e in o.edges} == {
    ("Courier \"Daily\"", "Herald & <Sons>"), ("Gazette", "Herald & <Sons>"), ("Courier \"Daily\"", "Gazette")}
print(f"ok: GEXF 1.3: {g.number_of_nodes()} entities, {g.number_of_edges()} co-mentions; {o.number_of_nodes()} outlets, {o.number_of_edges()} reuse edges")

# 5. CSV read by Python's csv module
with open(f"{tmp}/articles.csv", newline="", encoding="utf-8") as f:
    table = list(csv.DictReader(f))
assert [r["id"] for r in table] == [a["id"] for a in lines]
for r, a in zip(table, lines):
    assert r["body"] == a["body"] and json.loads(r["entities"]) == a["entities"]
    title = a["title"] or ""
    assert r["title"] == ("'" + title if title[:1] in ("=", "+", "-", "@") else title), r["title"]
print(f"ok: CSV, {len(table)} rows, formulas guarded")
PY
echo "check-exports: all checks passed"
