"""The performance benchmark of issue 12, in one run: a markdown table the README can carry.

    .venv/bin/python benchmarks/run.py [-n 1000] [--repeat 3] [--memory 1000,10000] [--naive-repeat 1]

Timings (N monographs from benchmarks/corpus.py, median of --repeat runs):
the libyaml floor (CSafeLoader parse of every file, in this process), then
each command as a user runs it, in a fresh process, start-up included:
``monograph build --jobs 1`` and ``--jobs 2`` cold, a no-op rebuild, a rebuild
with one file changed, ``monograph validate`` of the corpus and of one file,
and the naive stack (benchmarks/naive.py; needs ``pip install jinja2``).

Memory: the peak RSS of ``validate``, ``build`` and ``migrate`` (on a schema
1.x corpus) at each size in --memory, from the child's own rusage (wait4), so
each figure is one command's peak (for ``build``, its largest process).
``monograph diff`` (two folders, one file in a hundred changed) is measured only if the installed monograph has it.

The corpus is written under benchmarks/_work/ (beside the checkout: /tmp can
be a slower filesystem for many small files) and removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import generate  # noqa: E402

MONOGRAPH = [sys.executable, "-m", "monograph.cli"]
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
"""An installed package has its bytecode; without it every run would compile every module again, and start-up
would be measured as three times what users see."""


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def child(command: list[str], expect: tuple[int, ...] = (0,), cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one command in a fresh process, output discarded."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=CHILD_ENV)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in expect:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{error.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def timed(command: list[str], repeat: int, before: object = None, **kwargs: object) -> Timing:
    timing = Timing()
    print("…", " ".join(command[2:4]), file=sys.stderr, flush=True)
    for attempt in range(repeat):
        if callable(before):
            before(attempt)
        timing.load.append(os.getloadavg()[0])
        seconds, peak = child(command, **kwargs)  # type: ignore[arg-type]
        timing.seconds.append(seconds)
        timing.peak_mb.append(peak)
    print(f"  {statistics.median(timing.seconds):.3f} s (load {min(timing.load):.1f}-{max(timing.load):.1f})", file=sys.stderr, flush=True)
    return timing


def floor(paths: list[Path], repeat: int) -> Timing:
    timing = Timing()
    for _ in range(repeat):
        timing.load.append(os.getloadavg()[0])
        started = time.perf_counter()
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        timing.seconds.append(time.perf_counter() - started)
    return timing


def build(source: Path, out: Path, jobs: int) -> list[str]:
    return [*MONOGRAPH, "build", str(source), "-o", str(out), "--jobs", str(jobs), "--quiet"]


def has_command(name: str) -> bool:
    done = subprocess.run([*MONOGRAPH, name, "--help"], capture_output=True, env=CHILD_ENV)
    return done.returncode == 0


def timings(work: Path, count: int, repeat: int, naive_repeat: int) -> list[tuple[str, Timing]]:
    source = work / "source"
    paths = generate(source, count)
    rows = [("libyaml parse (CSafeLoader), the floor", floor(paths, repeat))]

    def fresh(out: Path) -> object:
        return lambda attempt: (shutil.rmtree(out, ignore_errors=True), shutil.rmtree(work / ".monograph", ignore_errors=True))

    for jobs in (1, 2):
        out = work / f"dist-{jobs}"
        rows.append((f"`monograph build --jobs {jobs}`, cold", timed(build(source, out, jobs), repeat, fresh(out))))
    out = work / "dist-2"
    rows.append(("no-op rebuild (`--jobs 2`)", timed(build(source, out, 2), repeat)))
    changed = paths[len(paths) // 2]

    def edit(attempt: int) -> None:
        changed.write_text(changed.read_text(encoding="utf-8").replace(
            "summary: >-\n", f"summary: >-\n  Revised {attempt}.\n", 1), encoding="utf-8")

    rows.append(("one changed file (`--jobs 2`)", timed(build(source, out, 2), repeat, edit)))
    rows.append(("`monograph validate` of the corpus", timed([*MONOGRAPH, "validate", str(source)], repeat)))
    rows.append(("`monograph validate` of one file", timed([*MONOGRAPH, "validate", str(paths[0])], max(repeat, 9))))
    rows.append(("`monograph --version` (start-up alone)", timed([*MONOGRAPH, "--version"], max(repeat, 9))))
    naive_out = work / "naive"
    rows.append(("the naive stack (benchmarks/naive.py)",
                 timed([sys.executable, str(HERE / "naive.py"), str(source), str(naive_out)], naive_repeat, fresh(naive_out))))
    shutil.rmtree(work)
    return rows


def memory(work: Path, sizes: list[int]) -> dict[str, dict[int, float]]:
    peaks: dict[str, dict[int, float]] = {}
    diff = has_command("diff")
    for size in sizes:
        source = work / "source"
        generate(source, size)
        peaks.setdefault("validate", {})[size] = child([*MONOGRAPH, "validate", str(source)])[1]
        print(f"validate N={size}: {peaks['validate'][size]:.0f} MB", file=sys.stderr, flush=True)
        peaks.setdefault("build (--jobs 1)", {})[size] = child(build(source, work / "dist", 1))[1]
        print(f"build N={size}: {peaks['build (--jobs 1)'][size]:.0f} MB", file=sys.stderr, flush=True)
        if diff:
            edited = _edited_copy(source, work / "edited")
            peaks.setdefault("diff", {})[size] = child([*MONOGRAPH, "diff", str(source), str(edited)], expect=(0, 1))[1]
            print(f"diff N={size}: {peaks['diff'][size]:.0f} MB", file=sys.stderr, flush=True)
        old = work / "old"
        generate(old, size, schema=1)
        peaks.setdefault("migrate", {})[size] = child([*MONOGRAPH, "migrate", str(old)])[1]
        print(f"migrate N={size}: {peaks['migrate'][size]:.0f} MB", file=sys.stderr, flush=True)
        shutil.rmtree(work)
    return peaks


def _edited_copy(source: Path, target: Path) -> Path:
    """A copy of the corpus with one file in a hundred changed (its summary), for `monograph diff`."""
    shutil.copytree(source, target)
    for path in sorted(target.glob("*.yaml"))[::100]:
        path.write_text(path.read_text(encoding="utf-8").replace("summary: >-\n", "summary: >-\n  Edited.\n", 1),
                        encoding="utf-8")
    return target


def report(count: int, repeat: int, rows: list[tuple[str, Timing]], peaks: dict[str, dict[int, float]]) -> str:
    floor_seconds = rows[0][1].median
    by_label = dict(rows)
    lines = [
        f"N = {count:,} monographs; {os.cpu_count()} CPUs; Python {platform.python_version()}; "
        f"median of {repeat} (the naive stack: {len(by_label['the naive stack (benchmarks/naive.py)'].seconds)} run(s)). "
        "Each command is a fresh process, start-up included.",
        "",
        "| measurement | seconds | × floor | ms / monograph | load (1-min avg) |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, timing in rows:
        per = "" if "one file" in label or "start-up" in label or "changed" in label else f"{timing.median / count * 1000:.2f}"
        lines.append(f"| {label} | {timing.median:.3f} | {timing.median / floor_seconds:.2f} | {per} | "
                     f"{min(timing.load):.1f}–{max(timing.load):.1f} |")
    cold1, cold2 = by_label["`monograph build --jobs 1`, cold"].median, by_label["`monograph build --jobs 2`, cold"].median
    noop = by_label["no-op rebuild (`--jobs 2`)"].median
    naive = by_label["the naive stack (benchmarks/naive.py)"].median
    lines += [
        "",
        f"- `--jobs 2` speed-up over `--jobs 1`: {cold1 / cold2:.2f}×",
        f"- no-op rebuild: {noop / cold2:.1%} of a cold `--jobs 2` build",
        f"- the naive stack / `monograph build --jobs 1`: {naive / cold1:.1f}×",
    ]
    if peaks:
        sizes = sorted({size for values in peaks.values() for size in values})
        lines += ["", "| peak RSS, MB | " + " | ".join(f"N = {s:,}" for s in sizes) + " | growth |",
                  "|---|" + "---:|" * (len(sizes) + 1)]
        for command, values in peaks.items():
            growth = values[sizes[-1]] / values[sizes[0]] - 1
            lines.append(f"| `{command}` | " + " | ".join(f"{values[s]:.0f}" for s in sizes) + f" | {growth:+.0%} |")
        if "diff" not in peaks:
            lines.append("\n`monograph diff` does not exist in this version: not measured.")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="monographs for the timings (default 1,000)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-repeat", type=int, default=1, help="runs of the naive stack (it is slow)")
    parser.add_argument("--memory", default="1000,10000", help="corpus sizes for peak RSS, comma-separated ('' for none)")
    parser.add_argument("--skip-timings", action="store_true")
    args = parser.parse_args()
    work = HERE / "_work" / f"run-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    try:
        rows = [] if args.skip_timings else timings(work, args.n, args.repeat, args.naive_repeat)
        peaks = memory(work, [int(s) for s in args.memory.split(",") if s])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if rows:
        print(report(args.n, args.repeat, rows, peaks))
    else:
        for command, values in peaks.items():
            print(command, {size: round(mb) for size, mb in values.items()})


if __name__ == "__main__":
    main()
