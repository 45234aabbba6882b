"""cuttings on Apache Spark (issue #15): documents in, the export's Parquet tables out.

The cluster does the distribution; cuttings does the reading. Each task pipes its share of the
documents through `cuttings process` (the binary shipped with `--files`), the candidate pairs of
text reuse come from a Spark SQL join on the sketches' fingerprints, `cuttings align` aligns
them, and Spark clusters the links. `cuttings import --parquet OUT` loads the result into a
corpus on one machine, for `serve` and every other command.

    spark-submit --master local[2] --files target/release/cuttings \\
        scale/spark/cuttings_job.py --input digests/ --out out/

Writes into OUT (each a folder of part files, as Spark writes them):
  articles.parquet  the export's columns (the output contract, `reuse` filled), one row per
                    article, the articles of one source together in one part, in source order;
  mentions.parquet  one row per name: article_id, position, name, type, canonical, entity_id
                    (null: entities are joined corpus-wide by `cuttings import`), start, end;
  entities.parquet  one row per (canonical name, type) of the articles' names, with counts and
                    the names printed (aliases); `cuttings import` joins these further across
                    articles (lone surnames, shared aliases), as a corpus does;
  quotes.parquet    one row per quotation;
  reuse.parquet     one row per pair of articles sharing passages, the export's columns;
  clusters.parquet  article_id, cluster: the articles joined by reprints and partial reuse
                    (connected components; `cluster` is the smallest article id of each);
  errors.parquet    the inputs cuttings could not read: input, error.
and prints a summary line of counts on stdout.
"""

import argparse
import base64
import json
import os
import stat
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

# The export's columns (crates/export/src/parquet_tables.rs), in Spark's types: int64 offsets,
# int32 pages and words, float32 shares and confidences, date32 dates.
ENTITY = T.StructType([
    T.StructField("name", T.StringType(), False),
    T.StructField("type", T.StringType(), False),
    T.StructField("canonical", T.StringType(), False),
    T.StructField("start", T.LongType(), False),
    T.StructField("end", T.LongType(), False),
])
QUOTE = T.StructType([
    T.StructField("speaker", T.StringType(), True),
    T.StructField("canonical", T.StringType(), True),
    T.StructField("text", T.StringType(), False),
    T.StructField("start", T.LongType(), False),
    T.StructField("end", T.LongType(), False),
])
SOURCE = T.StructType([
    T.StructField("path", T.StringType(), False),
    T.StructField("sha256", T.StringType(), False),
    T.StructField("first_page", T.IntegerType(), False),
    T.StructField("last_page", T.IntegerType(), False),
])
CONFIDENCE = T.StructType(
    [T.StructField(n, T.FloatType(), False) for n in ("boundary", "title", "date", "outlet", "authors")]
)
SKETCH = T.StructType([
    T.StructField("digest", T.StringType(), False),
    T.StructField("fingerprints", T.ArrayType(T.StringType(), False), False),
])
# What `cuttings process` prints, as rows (errors have only input and error).
PROCESSED = T.StructType([
    T.StructField("input", T.StringType(), False),
    T.StructField("position", T.IntegerType(), False),
    T.StructField("error", T.StringType(), True),
    T.StructField("id", T.StringType(), True),
    T.StructField("title", T.StringType(), True),
    T.StructField("subtitle", T.StringType(), True),
    T.StructField("date", T.StringType(), True),
    T.StructField("outlet", T.StringType(), True),
    T.StructField("authors", T.ArrayType(T.StringType(), False), True),
    T.StructField("language", T.StringType(), True),
    T.StructField("body", T.StringType(), True),
    T.StructField("kind", T.StringType(), True),
    T.StructField("source", SOURCE, True),
    T.StructField("entities", T.ArrayType(ENTITY, False), True),
    T.StructField("quotes", T.ArrayType(QUOTE, False), True),
    T.StructField("confidence", CONFIDENCE, True),
    T.StructField("sketch", SKETCH, True),
])
PASSAGE = T.StructType([
    T.StructField("a_start", T.LongType(), False),
    T.StructField("a_end", T.LongType(), False),
    T.StructField("b_start", T.LongType(), False),
    T.StructField("b_end", T.LongType(), False),
    T.StructField("words", T.IntegerType(), False),
    T.StructField("quoted", T.BooleanType(), False),
])
REUSE_LIST = T.ArrayType(T.StructType([
    T.StructField("other", T.StringType(), False),
    T.StructField("start", T.LongType(), False),
    T.StructField("end", T.LongType(), False),
    T.StructField("other_start", T.LongType(), False),
    T.StructField("other_end", T.LongType(), False),
    T.StructField("words", T.IntegerType(), False),
]), False)
LINK = T.StructType([
    T.StructField("a", T.StringType(), False),
    T.StructField("b", T.StringType(), False),
    T.StructField("kind", T.StringType(), False),
    T.StructField("words", T.IntegerType(), False),
    T.StructField("share_a", T.FloatType(), False),
    T.StructField("share_b", T.FloatType(), False),
    T.StructField("passages", T.ArrayType(PASSAGE, False), False),
])


def binary(name):
    """The shipped cuttings binary on this executor, made executable."""
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def pipe(command, lines):
    """Feeds `lines` (str, no newline) to `command` on a thread and yields its stdout lines.

    stderr goes to the executor's log. Fails the task when the command does.
    """
    p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 20)
    failure = []

    def feed():
        try:
            for line in lines:
                p.stdin.write(line.encode("utf-8"))
                p.stdin.write(b"\n")
        except BrokenPipeError as e:  # the command died: reported below
            failure.append(e)
        finally:
            try:
                p.stdin.close()
            except BrokenPipeError:
                pass

    t = threading.Thread(target=feed, daemon=True)
    t.start()
    for raw in p.stdout:
        yield raw.decode("utf-8").rstrip("\n")
    t.join()
    code = p.wait()
    if code != 0 or failure:
        raise RuntimeError(f"{' '.join(command)} exited with {code}")


def process_partition(name):
    """mapPartitions function: (path, bytes) rows through `cuttings process`."""

    def run(rows):
        inputs = ((r.path, bytes(r.content)) for r in rows)
        lines = (
            json.dumps({"name": path, "bytes_b64": base64.b64encode(data).decode("ascii")})
            for path, data in inputs
        )
        position = {}
        for line in pipe([binary(name), "process"], lines):
            o = json.loads(line)
            if "error" in o:
                yield {"input": o.get("name") or o.get("path") or f"line {o.get('line')}",
                       "position": 0, "error": o["error"]}
                continue
            n = position.get(o["input"], 0)
            position[o["input"]] = n + 1
            sketch = o["sketch"]
            yield {
                "input": o["input"], "position": n, "error": None,
                "id": o["id"], "title": o["title"], "subtitle": o["subtitle"], "date": o["date"],
                "outlet": o["outlet"], "authors": o["authors"], "language": o["language"],
                "body": o["body"], "kind": o["kind"], "source": o["source"],
                "entities": o["entities"], "quotes": o["quotes"], "confidence": o["confidence"],
                "sketch": {
                    "digest": sketch["digest"],
                    "fingerprints": sorted(set(sketch["text"]) | set(sketch["quotes"])),
                },
            }

    return run


def align_partition(name):
    """mapPartitions function: candidate pairs (JSON lines) through `cuttings align`."""

    def run(rows):
        for line in pipe([binary(name), "align"], (r.value for r in rows)):
            o = json.loads(line)
            if "error" in o:
                raise RuntimeError(f"cuttings align: {o['error']}")
            yield o

    return run


def link_config(local_binary):
    """The linking settings the join must use, from the binary itself."""
    out = subprocess.run([local_binary, "align", "--config"], check=True, capture_output=True)
    return json.loads(out.stdout)


def candidate_pairs(articles, cfg):
    """Pairs (a < b) sharing at least `min_shared` fingerprints, counting only fingerprints held
    by at most `max_df` different texts (copies of one text count once), as cuttings-link's
    candidate_pairs does on one machine."""
    grams = articles.select(
        "id", F.col("sketch.digest").alias("digest"),
        F.explode("sketch.fingerprints").alias("fp"),
    )
    common = (
        grams.groupBy("fp")
        .agg(F.countDistinct("digest").alias("texts"), F.count("*").alias("holders"))
        .where((F.col("texts") <= cfg["max_df"]) & (F.col("holders") >= 2))
        .select("fp")
    )
    held = grams.join(common, "fp").select("fp", "id")
    x, y = held.alias("x"), held.alias("y")
    return (
        x.join(y, (F.col("x.fp") == F.col("y.fp")) & (F.col("x.id") < F.col("y.id")))
        .groupBy(F.col("x.id").alias("a"), F.col("y.id").alias("b"))
        .count()
        .where(F.col("count") >= cfg["min_shared"])
        .select("a", "b")
    )


def components(edges, max_rounds=50):
    """Connected components of undirected `edges` (a, b): each vertex with the smallest id of
    its component, by label propagation (a few rounds: reuse clusters are small)."""
    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    labels = both.select(F.col("a").alias("v")).distinct().withColumn("label", F.col("v"))
    for _ in range(max_rounds):
        smaller = (
            both.join(labels.withColumnRenamed("v", "b").withColumnRenamed("label", "nl"), "b")
            .groupBy(F.col("a").alias("v"))
            .agg(F.min("nl").alias("nl"))
        )
        new = (
            labels.join(smaller, "v", "left")
            .select("v", F.least("label", F.coalesce("nl", "label")).alias("label"))
            .localCheckpoint()
        )
        changed = new.join(labels.withColumnRenamed("label", "old"), "v").where("label != old").count()
        labels = new
        if changed == 0:
            break
    return labels.select(F.col("v").alias("article_id"), F.col("label").alias("cluster"))


def reuse_lists(links):
    """Each article's `reuse` list, as the output contract has it: its passages with the other
    article, in body order (then by the other's id)."""
    p = links.select("a", "b", F.explode("passages").alias("p"))
    side = lambda me, other, s, e, os_, oe: p.select(  # noqa: E731
        F.col(me).alias("id"),
        F.struct(
            F.col(f"p.{s}").alias("start"), F.col(other).alias("other"),
            F.col(f"p.{e}").alias("end"), F.col(f"p.{os_}").alias("other_start"),
            F.col(f"p.{oe}").alias("other_end"), F.col("p.words").alias("words"),
        ).alias("r"),
    )
    rows = side("a", "b", "a_start", "a_end", "b_start", "b_end").union(
        side("b", "a", "b_start", "b_end", "a_start", "a_end"))
    return rows.groupBy("id").agg(
        F.expr(
            "transform(sort_array(collect_list(r)), x -> named_struct('other', x.other, "
            "'start', x.start, 'end', x.end, 'other_start', x.other_start, "
            "'other_end', x.other_end, 'words', x.words))"
        ).alias("reuse")
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", required=True, action="append",
                    help="a folder or glob of documents (repeatable); folders are read recursively")
    ap.add_argument("--out", required=True, help="the folder for the tables")
    ap.add_argument("--binary-name", default="cuttings",
                    help="the name of the binary shipped with --files (default: cuttings)")
    ap.add_argument("--local-binary", default=None,
                    help="the binary on the driver, for the linking settings (default: the shipped one)")
    ap.add_argument("--partitions", type=int, default=0,
                    help="partitions of the documents (default: Spark's default parallelism x 4)")
    args = ap.parse_args(argv)

    spark = SparkSession.builder.appName("cuttings").getOrCreate()
    sc = spark.sparkContext
    name = args.binary_name
    local = args.local_binary or SparkFiles.get(name)
    cfg = link_config(local)
    parts = args.partitions or sc.defaultParallelism * 4

    docs = (
        spark.read.format("binaryFile").option("recursiveFileLookup", "true")
        .load(args.input).select("path", "content").repartition(parts)
    )
    processed = spark.createDataFrame(docs.rdd.mapPartitions(process_partition(name)), PROCESSED)
    processed = processed.persist()
    errors = processed.where(F.col("error").isNotNull()).select("input", "error")
    # An article printed by two copies of one file counts once, as in a corpus.
    articles = (
        processed.where(F.col("error").isNull())
        .dropDuplicates(["id"])
        .persist()
    )

    pairs = candidate_pairs(articles, cfg)
    bodies = articles.select("id", "body")
    pair_lines = (
        pairs.join(bodies.withColumnRenamed("id", "a").withColumnRenamed("body", "ba"), "a")
        .join(bodies.withColumnRenamed("id", "b").withColumnRenamed("body", "bb"), "b")
        .select(F.to_json(F.struct(
            F.struct(F.col("a").alias("id"), F.col("ba").alias("body")).alias("a"),
            F.struct(F.col("b").alias("id"), F.col("bb").alias("body")).alias("b"),
        )).alias("value"))
    )
    links = spark.createDataFrame(pair_lines.rdd.mapPartitions(align_partition(name)), LINK).persist()

    out = args.out.rstrip("/")
    final = (
        articles.join(reuse_lists(links), "id", "left")
        .select(
            "id", "title", "subtitle", F.to_date("date").alias("date"), "outlet", "authors",
            "language", "body", "kind", "source", "entities", "quotes", "confidence",
            F.coalesce("reuse", F.from_json(F.lit("[]"), REUSE_LIST)).alias("reuse"),
            "input", "position",
        )
        # a source's articles together in one part, in the order of the source
        .repartition(parts, "source.sha256")
        .sortWithinPartitions("source.sha256", "input", "position")
        .drop("input", "position")
    )
    final.write.mode("overwrite").parquet(f"{out}/articles.parquet")

    mentions = articles.select("id", F.posexplode("entities").alias("position", "e")).select(
        F.col("id").alias("article_id"), F.col("position").cast("int"), "e.name", "e.type",
        "e.canonical", F.lit(None).cast("string").alias("entity_id"), "e.start", "e.end",
    )
    mentions.write.mode("overwrite").parquet(f"{out}/mentions.parquet")
    (
        mentions.groupBy("canonical", "type")
        .agg(
            F.count("*").alias("mentions"),
            F.countDistinct("article_id").alias("articles"),
            F.sort_array(F.collect_set("name")).alias("aliases"),
        )
        .select(
            F.sha2(F.concat_ws("\u0000", "type", "canonical"), 256).substr(1, 16).alias("id"),
            F.col("canonical").alias("name"), "type", "mentions", "articles",
            F.col("articles").alias("exported_articles"), "aliases",
        )
        .write.mode("overwrite").parquet(f"{out}/entities.parquet")
    )
    articles.select("id", F.posexplode("quotes").alias("position", "q")).select(
        F.col("id").alias("article_id"), F.col("position").cast("int"), "q.speaker",
        "q.canonical", F.lit(None).cast("string").alias("speaker_entity_id"), "q.text",
        "q.start", "q.end",
    ).write.mode("overwrite").parquet(f"{out}/quotes.parquet")
    links.orderBy("a", "b").write.mode("overwrite").parquet(f"{out}/reuse.parquet")
    clusters = components(links.where(F.col("kind") != "quote"))
    clusters.write.mode("overwrite").parquet(f"{out}/clusters.parquet")
    errors.write.mode("overwrite").parquet(f"{out}/errors.parquet")

    summary = {
        "documents": docs.count(),
        "articles": spark.read.parquet(f"{out}/articles.parquet").count(),
        "errors": spark.read.parquet(f"{out}/errors.parquet").count(),
        "candidate_pairs": pairs.count(),
        "links": spark.read.parquet(f"{out}/reuse.parquet").count(),
        "clusters": spark.read.parquet(f"{out}/clusters.parquet").select("cluster").distinct().count(),
    }
    print(json.dumps(summary))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
