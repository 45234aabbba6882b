"""Runs one command and prints, as one JSON line, its wall time, its peak memory (the largest
resident set of the command and of anything it waited for) and its exit status.

    python3 bench/measure.py [--stdout FILE] [--name NAME] -- COMMAND [ARGS...]

The command's stdout goes to FILE (default /dev/null), its stderr to ours. Used by
bench/million.sh; needs nothing but Python's standard library (no GNU time on this machine).
"""

import argparse
import json
import resource
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stdout", default="/dev/null")
    ap.add_argument("--name", default="")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    start = time.monotonic()
    with open(args.stdout, "wb") as out:
        code = subprocess.call(command, stdout=out)
    seconds = time.monotonic() - start
    # ru_maxrss of waited-for children, in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"name": args.name, "seconds": round(seconds, 3),
                      "peak_mb": round(peak, 1), "code": code}))
    sys.exit(0)


if __name__ == "__main__":
    main()
