"""Search latency for bench/million.sh (issue #16): each query of a set several times, either
against a running `cuttings serve` (warm: one process keeps the corpus open) or as one CLI
process per query (cold start included). Prints one JSON line per query kind with p50 and p99 in
milliseconds, and the hits.

    python3 bench/query-latency.py serve URL QUERIES.json [--repeat 20]
    python3 bench/query-latency.py cli BIN CORPUS QUERIES.json [--repeat 5]

QUERIES.json is a list of {"kind", "q", "from", "to"} (from and to optional).
"""

import argparse
import json
import statistics
import subprocess
import time
import urllib.parse
import urllib.request


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def serve_once(url, q):
    params = {"q": q["q"], "limit": "20"}
    for key in ("from", "to"):
        if q.get(key):
            params[key] = q[key]
    start = time.monotonic()
    with urllib.request.urlopen(f"{url}/api/search?{urllib.parse.urlencode(params)}") as r:
        body = json.loads(r.read())
    return time.monotonic() - start, body["total"]


def cli_once(binary, corpus, q):
    args = [binary, "--corpus", corpus, "search", q["q"], "--format", "json", "--limit", "20"]
    for key in ("from", "to"):
        if q.get(key):
            args += [f"--{key}", q[key]]
    start = time.monotonic()
    out = subprocess.run(args, capture_output=True, check=False)
    seconds = time.monotonic() - start
    total = json.loads(out.stdout)["total"] if out.returncode == 0 else 0
    return seconds, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["serve", "cli"])
    ap.add_argument("target", nargs="+")
    ap.add_argument("--repeat", type=int, default=0)
    args = ap.parse_args()
    if args.mode == "serve":
        url, queries = args.target
        once = lambda q: serve_once(url.rstrip("/"), q)
        repeat = args.repeat or 20
    else:
        binary, corpus, queries = args.target
        once = lambda q: cli_once(binary, corpus, q)
        repeat = args.repeat or 5
    with open(queries, encoding="utf-8") as f:
        queries = json.load(f)
    for q in queries:
        once(q)  # warm the page cache for this query's postings
        times, total = [], 0
        for _ in range(repeat):
            seconds, total = once(q)
            times.append(seconds * 1000)
        print(json.dumps({"mode": args.mode, "kind": q["kind"], "q": q["q"],
                          "p50_ms": round(statistics.median(times), 2),
                          "p99_ms": round(percentile(times, 99), 2), "hits": total}))


if __name__ == "__main__":
    main()
