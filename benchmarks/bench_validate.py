"""`monograph validate` timings: the bundled corpus, and N copies of it (default 1,000), median of several runs.

    python benchmarks/bench_validate.py [-n 1000] [--repeat 5]

Each run is the command as a user runs it, in a fresh process, so start-up is included.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import generate  # noqa: E402


def timed(paths: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "monograph.cli", "validate", *paths], capture_output=True, check=False)
        runs.append(time.perf_counter() - started)
        assert done.returncode == 0, done.stdout.decode()[-2000:]
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=REPO / "benchmarks"))
    try:
        generate(work / "source", args.n)
        bundled = timed([str(REPO / "source")], args.repeat)
        copies = timed([str(work / "source")], args.repeat)
        startup = timed_version(args.repeat)
    finally:
        shutil.rmtree(work)
    count = len(list((REPO / "source").glob("*.yaml")))
    print(f"monograph validate, median of {args.repeat} runs (each a fresh process):")
    print(f"  start-up only (--version):        {startup * 1000:8.0f} ms")
    print(f"  bundled corpus ({count} files):        {bundled * 1000:8.0f} ms")
    print(f"  {args.n:,} generated monographs:       {copies * 1000:8.0f} ms  ({copies / args.n * 1000:.2f} ms a file)")


def timed_version(repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "monograph.cli", "--version"], capture_output=True, check=True)
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


if __name__ == "__main__":
    main()
