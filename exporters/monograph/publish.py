"""A corpus -> OUT/: every format, the Atom feed, the index page and the manifest (`monograph build`).

The build is incremental (unchanged sources are not read), parallel (each
source is loaded, validated and exported in a worker process), atomic (every
file is written under a temporary name and renamed into place) and locked (two
builds into one folder take turns). Workers write their outputs under
temporary names; the main process renames them into place in source order, so
a source that conflicts with another is vetoed before anything is published,
and the output is the same whatever the number of jobs.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import fcntl
import hashlib
import json
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from . import __version__
from .atomic import atomic_stream, remove_stale_temporaries, write_temporary
from .catalog import render_index
from .corpus import Claims, conflicts
from .errors import OutputError
from .feed import FeedEntry, feed_entry, write_feed
from .model import Monograph
from .pipeline import check_bytes, claims_of
from .problems import Location, Problem, sort_problems
from .project import Project
from .registry import format_names, get_exporter, media_types
from .rendering import Rendering, check_options
from .rules import duplicate_id, exporter_failed
from .schema import schema_id, schema_version
from .sources import discover, file_key, read_source
from .state import SourceRecord, State
from .suppressions import refused_suppressions
from .validation import prepare

STATE_FOLDER = ".monograph"
FEED_FILE = "feed.atom"
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "html/index.html"

@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("source")
    out: Path = Path("dist")
    formats: tuple[str, ...] = ()
    """Format names; empty means every registered format."""
    jobs: int = 0
    """Worker processes; 0 means one per CPU, 1 means build in this process."""
    export_options: Mapping[str, str] = field(default_factory=dict)
    """Exporter options as the Python API names them, such as ``{"fhir_release": "r4"}``."""
    now: dt.datetime | None = None
    """When deletions are recorded; defaults to SOURCE_DATE_EPOCH, else the clock."""
    project: Project = field(default_factory=Project)


@dataclass
class BuildReport:
    sources: int = 0
    built: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        parts = [f"{self.built} built", f"{self.unchanged} unchanged"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.deleted:
            parts.append(f"{self.deleted} removed")
        return f"{self.sources} monographs: {', '.join(parts)} in {self.seconds:.2f} s"


Progress = Callable[[int, int], None]


# ---------------------------------------------------------------- work done for one source


@dataclass(frozen=True)
class _Task:
    key: str
    path: str
    relative: str
    previous_digest: str | None


@dataclass
class _Result:
    key: str
    relative: str
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    unchanged: bool = False
    problems: list[Problem] = field(default_factory=list)
    temporaries: list[tuple[str, str]] = field(default_factory=list)
    """(temporary path, final path) pairs written by the worker, to rename or discard."""
    claims: Claims | None = None
    feed: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    write_error: str | None = None


@dataclass(frozen=True)
class _Context:
    out: str
    formats: tuple[str, ...]
    export_options: Mapping[str, str]
    project: Project


_CONTEXT: _Context | None = None


def _init_worker(context: _Context) -> None:
    global _CONTEXT
    _CONTEXT = context
    prepare()  # compile the schema once per process, not once per file
    _die_with_parent()


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when the build that started it dies.

    A build killed with SIGKILL cannot stop its workers; left alone they would
    hold the inherited build lock and write stray temporary files.
    """
    if sys.platform != "linux" or multiprocessing.parent_process() is None:
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not every libc has prctl
        pass


_PR_SET_PDEATHSIG = 1


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _build_one(task: _Task) -> _Result:
    """Read, check and render one source; the outputs are left under temporary names for the main process."""
    context = _CONTEXT
    assert context is not None
    result = _Result(task.key, task.relative)
    raw, status, problem = read_source(Path(task.path))
    if raw is None or status is None:
        assert problem is not None
        result.problems.append(problem)
        return result
    result.size, result.mtime_ns, result.digest = status.st_size, status.st_mtime_ns, _sha256(raw)
    if result.digest == task.previous_digest:
        result.unchanged = True
        return result
    verdict = check_bytes(task.path, raw, context.project)
    result.problems = list(verdict.problems)  # errors, or warnings beside a valid model
    model, document = verdict.monograph, verdict.document
    if model is None or document is None:
        return result
    rendered = _render(model, task.path, context, result)
    if rendered is None or not _write_temporaries(rendered, context, result):
        return result
    links = {name: str(relative) for name, relative, _ in rendered}
    result.claims = claims_of(verdict, task.key)
    result.feed = feed_entry(model, context.project.feed, links).to_dict()
    result.manifest = {
        "key": model.key,
        "source": task.relative,
        "sha256": result.digest,
        "fields": {name: list(lines) for name, lines in document.source_map.field_lines().items()},
        "outputs": [
            {"format": name, "path": str(relative), "sha256": _sha256(data), "bytes": len(data)}
            for name, relative, data in rendered
        ],
    }
    return result


def _render(model: Monograph, shown: str, context: _Context, result: _Result) -> list[tuple[str, PurePosixPath, bytes]] | None:
    """(format, output path relative to OUT, bytes) for every format, or None when an exporter failed."""
    rendering = Rendering(model, context.export_options)
    rendered = []
    for name in context.formats:
        exporter = get_exporter(name)
        try:
            data = rendering.output(name, exporter)
        except Exception as error:  # a plugin's bug must not take the whole build down
            result.problems.append(exporter_failed.RULE.at(
                Location(shown), f"the {name} exporter failed: {type(error).__name__}: {error}",
            ))
            return None
        rendered.append((name, PurePosixPath(exporter.folder, model.key + exporter.extension), data))
    return rendered


def _write_temporaries(rendered: list[tuple[str, PurePosixPath, bytes]], context: _Context, result: _Result) -> bool:
    out = Path(context.out)
    try:
        for _, relative, data in rendered:
            final = out / relative
            result.temporaries.append((str(write_temporary(final, data)), str(final)))
    except OSError as error:
        _discard(result)
        result.temporaries = []
        result.write_error = f"{error.filename or context.out}: {error.strerror or error}"
        return False
    return True


# ---------------------------------------------------------------- the build


def _stamp(formats: Sequence[str], options: BuildOptions) -> str:
    """What, besides a source's own bytes, decides its outputs. A change rebuilds every source."""
    return json.dumps({
        "tool": __version__,
        "schema": schema_version(),
        "formats": sorted(formats),
        "options": dict(sorted(options.export_options.items())),
        "feed": [options.project.feed.tag_date, options.project.feed.base_url],
        "suppressions": [[s.rule, s.file, s.pointer] for s in options.project.suppressions],
    }, sort_keys=True)


def _deletion_time(options: BuildOptions) -> str:
    if options.now is not None:
        moment = options.now
    elif os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        moment = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _prepare_out(out: Path, folders: Sequence[str]) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(str(out), "it exists and is not a folder")
    try:
        for folder in (STATE_FOLDER, *folders):
            (out / folder).mkdir(parents=True, exist_ok=True)
            if not os.access(out / folder, os.W_OK | os.X_OK):
                raise PermissionError(13, "Permission denied", str(out / folder))
    except OSError as error:
        raise OutputError(str(error.filename or out), error.strerror or str(error)) from error


@contextmanager
def _lock(out: Path) -> Iterator[None]:
    """Only one build writes into OUT at a time; a second one waits for the first to finish."""
    path = out / STATE_FOLDER / "lock"
    try:
        handle = open(path, "a")
    except OSError as error:
        raise OutputError(str(path), error.strerror or str(error)) from error
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _outputs_exist(out: Path, record: SourceRecord) -> bool:
    return all((out / path).is_file() for path in record.output_paths())


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build every source under ``options.source`` into ``options.out``."""
    started = time.perf_counter()
    formats = options.formats or tuple(format_names())
    exporters = [get_exporter(name) for name in formats]
    check_options(options.export_options, exporters)
    source_root = options.source
    files = discover([str(source_root)])
    out = options.out
    folders = sorted({exporter.folder for exporter in exporters} | {"html"})
    _prepare_out(out, folders)

    report = BuildReport(sources=len(files))
    report.problems.extend(refused_suppressions(options.project.suppressions))
    with _lock(out):
        for folder in folders:
            remove_stale_temporaries(out / folder)
        remove_stale_temporaries(out)
        state = State(out / STATE_FOLDER / "state.sqlite")
        try:
            # Removals first, so that every claim left in the state (a URL, an id) is a current source's.
            changed = _remove_deleted(files, options, state, report)
            changed |= _build_sources(files, options, formats, state, report, progress)
            _write_corpus_files(out, options, state, force=changed)
        except BaseException:
            state.rollback_and_close()
            raise
        state.close()
    report.problems = sort_problems(report.problems)
    report.seconds = time.perf_counter() - started
    return report


def _plan(
    files: list[Path], options: BuildOptions, stamp: str, state: State, report: BuildReport,
) -> list[_Task]:
    """The sources to build; the unchanged ones are counted and skipped without being read."""
    tasks: list[_Task] = []
    seen: dict[str, str] = {}
    for path in files:
        key = file_key(str(path))
        relative = path.relative_to(options.source).as_posix() if path.is_relative_to(options.source) else path.name
        if key in seen:
            report.problems.append(duplicate_id.RULE.at(Location(str(path)), duplicate_id.same_file_name_message(seen[key])))
            report.failed += 1
            continue
        seen[key] = str(path)
        record = state.get(key)
        usable = (record is not None and record.stamp == stamp and record.source == relative
                  and _outputs_exist(options.out, record))
        if usable and record is not None:
            try:
                stat = path.stat()
            except OSError:
                stat = None
            if stat is not None and (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns):
                report.unchanged += 1
                continue
        tasks.append(_Task(key, str(path), relative, record.digest if usable and record else None))
    return tasks


@contextmanager
def _workers(context: _Context, jobs: int) -> Iterator[Callable[[list[_Task]], Iterator[_Result]]]:
    """A pool of worker processes, started before the build plans anything so that none inherits its lists."""
    if jobs == 1:
        _init_worker(context)
        yield lambda tasks: map(_build_one, tasks)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(jobs, _init_worker, (context,)) as pool:
        def run(tasks: list[_Task]) -> Iterator[_Result]:
            chunk = max(1, min(32, len(tasks) // (jobs * 8)))
            return pool.imap(_build_one, tasks, chunksize=chunk)

        yield run


def _build_sources(
    files: list[Path], options: BuildOptions, formats: tuple[str, ...], state: State,
    report: BuildReport, progress: Progress | None,
) -> bool:
    stamp = _stamp(formats, options)
    jobs = options.jobs or os.cpu_count() or 1
    context = _Context(str(options.out), formats, dict(options.export_options), options.project)
    with _workers(context, jobs if len(files) > 1 else 1) as run:
        tasks = _plan(files, options, stamp, state, report)
        rebuilding = {task.key for task in tasks}
        total = len(files)
        done = report.unchanged + report.failed
        if progress:
            progress(done, total)
        changed = False
        since_commit = 0
        write_error: str | None = None
        for result in run(tasks):
            done += 1
            if progress:
                progress(done, total)
            if write_error is not None or result.write_error is not None:
                write_error = write_error or result.write_error
                _discard(result)
                continue
            if result.unchanged:
                state.touch(result.key, result.size, result.mtime_ns)
                report.unchanged += 1
                continue
            rebuilding.discard(result.key)
            clashes = _conflicts(result, options, state, rebuilding)
            report.problems.extend(p for p in result.problems if p.severity != "error")
            if any(p.severity == "error" for p in result.problems) or clashes:
                report.problems.extend(p for p in result.problems if p.severity == "error")
                report.problems.extend(clashes)
                report.failed += 1
                _discard(result)
                continue
            try:
                for temporary, final in result.temporaries:
                    os.replace(temporary, final)
            except OSError as error:
                write_error = f"{error.filename}: {error.strerror}"
                _discard(result)
                continue
            assert result.claims is not None
            state.put(SourceRecord(
                result.key, result.relative, result.size, result.mtime_ns, result.digest, stamp,
                result.claims.url, result.claims.identity, result.feed, result.manifest,
            ))
            report.built += 1
            changed = True
            since_commit += 1
            if since_commit >= 200:
                state.commit()
                since_commit = 0
    state.commit()
    if write_error is not None:
        raise OutputError(write_error.split(": ", 1)[0], write_error.split(": ", 1)[-1])
    return changed


def _discard(result: _Result) -> None:
    for temporary, _ in result.temporaries:
        Path(temporary).unlink(missing_ok=True)


def _conflicts(result: _Result, options: BuildOptions, state: State, rebuilding: set[str]) -> list[Problem]:
    """A URL, or an id and language, that another current source already publishes under.

    A source still waiting to be rebuilt in this run may be about to give its claim up, so it does not
    count; sources are taken in name order, so the earlier of two that collide is published.
    """
    if result.claims is None:
        return []

    def owner_of(kind: str, value: str, claimant: str) -> str | None:
        owner = state.owner(kind, value, claimant)
        if owner is None or owner[0] in rebuilding:
            return None
        return (options.source / owner[1]).as_posix()

    return conflicts(result.claims, owner_of)


def _remove_deleted(files: list[Path], options: BuildOptions, state: State, report: BuildReport) -> bool:
    current = {file_key(str(p)) for p in files}
    gone = [key for key in state.keys() if key not in current]
    if not gone:
        return False
    when = _deletion_time(options)
    for key in sorted(gone):
        record = state.get(key)
        assert record is not None
        for path in record.output_paths():
            (options.out / path).unlink(missing_ok=True)
        state.remove(key, record.feed["id"], when)
        report.deleted += 1
    state.commit()
    return True


def _feed_id(options: BuildOptions, state: State) -> str:
    feed = options.project.feed
    if feed.id:
        return feed.id
    hosts = state.hosts()
    host = hosts[0] if hosts else "localhost"
    return f"tag:{host},{feed.tag_date}:feed"


def _write_corpus_files(out: Path, options: BuildOptions, state: State, *, force: bool) -> None:
    """The feed, the index page and the manifest: streamed from the state, never held whole."""
    targets = [out / FEED_FILE, out / INDEX_FILE, out / MANIFEST_FILE]
    if not force and all(path.is_file() for path in targets):
        return  # nothing changed, and what is there is what this would write
    try:
        digests: dict[str, tuple[str, int]] = {}
        with atomic_stream(out / FEED_FILE) as handle:
            hashing = _HashingWriter(handle)
            updated = state.latest_update() or "1970-01-01T00:00:00Z"
            entries = (FeedEntry.from_dict(record.feed) for record in state.records())
            write_feed(hashing, options.project.feed, _feed_id(options, state), updated, entries, state.deletions(),
                       media_types())
            digests[FEED_FILE] = hashing.result()
        with atomic_stream(out / INDEX_FILE) as handle:
            hashing = _HashingWriter(handle)
            render_index(hashing, options.project.feed.title, (FeedEntry.from_dict(r.feed) for r in state.records()))
            digests[INDEX_FILE] = hashing.result()
        with atomic_stream(out / MANIFEST_FILE) as handle:
            _write_manifest(handle, options, state, digests)
    except OSError as error:
        raise OutputError(str(error.filename or out), error.strerror or str(error)) from error


class _HashingWriter:
    """A binary file wrapper that hashes and counts what passes through it."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return self.handle.write(data)

    def flush(self) -> None:
        self.handle.flush()

    def result(self) -> tuple[str, int]:
        return self.hash.hexdigest(), self.size


def _write_manifest(handle: Any, options: BuildOptions, state: State, corpus: dict[str, tuple[str, int]]) -> None:
    def line(text: str) -> None:
        handle.write(text.encode("utf-8"))

    head = {
        "tool": {"name": "monograph", "version": __version__},
        "schema": {"id": schema_id(), "version": schema_version()},
        "source_root": options.source.as_posix(),
    }
    line("{\n")
    for name, value in head.items():
        line(f'  "{name}": {json.dumps(value, ensure_ascii=False)},\n')
    line('  "corpus_outputs": [\n')
    corpus_items = sorted(corpus.items())
    for index, (path, (digest, size)) in enumerate(corpus_items):
        comma = "," if index < len(corpus_items) - 1 else ""
        line(f'    {json.dumps({"path": path, "sha256": digest, "bytes": size})}{comma}\n')
    line("  ],\n")
    line('  "monographs": [')
    first = True
    for record in state.records():
        line(("\n" if first else ",\n") + _manifest_entry(record.manifest))
        first = False
    line("\n  ]\n}\n" if not first else "]\n}\n")


def _manifest_entry(entry: dict[str, Any]) -> str:
    """One monograph's manifest entry: a short line per fact, so a diff between builds reads well."""
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    outputs = ",\n".join(f"        {dump(output)}" for output in entry["outputs"])
    return (
        "    {\n"
        f'      "key": {dump(entry["key"])},\n'
        f'      "source": {dump(entry["source"])},\n'
        f'      "sha256": {dump(entry["sha256"])},\n'
        f'      "fields": {dump(entry["fields"])},\n'
        f'      "outputs": [\n{outputs}\n      ]\n'
        "    }"
    )
