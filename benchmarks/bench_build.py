"""Build benchmark: N synthetic monographs, timed against a plain libyaml parse of the same files.

    python benchmarks/bench_build.py            # N = 10,000
    python benchmarks/bench_build.py -n 1000 --keep /tmp/corpus

Each measurement runs `monograph build` as a separate process, so its peak
memory (the main process and, separately, the largest worker) is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

_RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
from monograph.publish import BuildOptions, build
started = time.perf_counter()
report = build(BuildOptions(source=Path(sys.argv[1]), out=Path(sys.argv[2]), jobs=int(sys.argv[3])))
elapsed = time.perf_counter() - started
print(json.dumps({
    "seconds": elapsed, "built": report.built, "unchanged": report.unchanged, "failed": report.failed,
    "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def generate(target: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` monographs made from the bundled ones: new ids, URLs and titles, varied text."""
    chance = random.Random(seed)
    bases = sorted((REPO / "source").glob("*.yaml"))
    texts = {base.stem: base.read_text(encoding="utf-8") for base in bases}
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        base = bases[index % len(bases)].stem
        new_id = f"{base}-{index:05d}"
        text = texts[base]
        text = text.replace(f"id: {base}\n", f"id: {new_id}\n", 1)
        text = text.replace(f"https://example.org/drugs/{base}", f"https://example.org/drugs/{new_id}", 1)
        title = base.capitalize()
        text = text.replace(f"title: {title}\n", f"title: {title} {index}\n", 1)
        # Vary the prose so no two files are alike, as in a real corpus.
        text = text.replace("summary: >-\n", f"summary: >-\n  Edition {chance.randint(1, 10**6)}.\n", 1)
        path = target / f"{new_id}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def parse_baseline(paths: list[Path]) -> float:
    """Read and parse every file with libyaml and nothing else."""
    started = time.perf_counter()
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - started


def run_build(source: Path, out: Path, jobs: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _RUNNER, str(source), str(out), str(jobs)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of monographs (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each cold measurement; the median is shown")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    # Beside the checkout rather than in /tmp: builds run in project folders, and on some machines /tmp is
    # a much slower filesystem for creating files (0.5 ms a file here, against 0.03 ms on the project disk).
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-", dir=REPO / "benchmarks"))
    source = work / "source"
    if source.exists():
        shutil.rmtree(source)
    paths = generate(source, args.n)
    cpus = os.cpu_count() or 1

    baseline = statistics.median(parse_baseline(paths) for _ in range(args.repeat))

    def cold(jobs: int) -> tuple[float, dict[str, float]]:
        runs = []
        for _ in range(args.repeat):
            out = work / f"dist-cold-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            runs.append(run_build(source, out, jobs))
        return statistics.median(r["seconds"] for r in runs), runs[-1]

    cold_one, one = cold(1)
    cold_all, every = cold(cpus)
    out = work / f"dist-cold-{cpus}"
    noop_runs = [run_build(source, out, cpus) for _ in range(args.repeat)]
    noop = statistics.median(r["seconds"] for r in noop_runs)
    assert all(r["built"] == 0 for r in noop_runs)
    changed_path = paths[len(paths) // 2]
    changed_runs = []
    for attempt in range(args.repeat):
        changed_path.write_text(changed_path.read_text(encoding="utf-8").replace(
            "summary: >-\n", f"summary: >-\n  Revised {attempt}.\n", 1), encoding="utf-8")
        changed_runs.append(run_build(source, out, cpus))
    assert all(r["built"] == 1 for r in changed_runs)
    one_changed = statistics.median(r["seconds"] for r in changed_runs)
    peak_main = max(r["main_mb"] for r in [one, every, *noop_runs, *changed_runs])
    peak_worker = max(r["worker_mb"] for r in [one, every, *noop_runs, *changed_runs])

    rows = [
        ("libyaml parse only (baseline)", baseline),
        ("cold build, --jobs 1", cold_one),
        (f"cold build, --jobs {cpus}", cold_all),
        ("no-op rebuild", noop),
        ("rebuild, one file changed", one_changed),
    ]
    print(f"monograph build benchmark: N = {args.n:,} monographs, {cpus} CPUs, "
          f"Python {platform.python_version()}, {platform.machine()}, median of {args.repeat}")
    print(f"{'measurement':34} {'seconds':>9} {'x baseline':>11} {'ms/monograph':>13}")
    for label, seconds in rows:
        print(f"{label:34} {seconds:9.2f} {seconds / baseline:11.2f} {seconds / args.n * 1000:13.3f}")
    print(f"no-op rebuild / cold build (all CPUs): {noop / cold_all:.1%}")
    print(f"peak memory: main process {peak_main:.0f} MB, largest worker {peak_worker:.0f} MB")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
