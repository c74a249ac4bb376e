"""What a build does for one source, in a worker process: read it, check it, render it, write its outputs aside.

Workers never publish. Each output is left under the run's temporary name
(atomic.py) and the worker reports what it did; the main process (publish.py)
decides, in source order, what goes into place, so a source that conflicts
with another is vetoed before anything is published, and the output is the
same whatever the number of jobs.
"""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import sys
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from .atomic import discard, write_temporary
from .changes import compare
from .corpus import Claims
from .corpuspaths import CORPUS_FILES
from .feed import feed_entry
from .model import Monograph
from .pipeline import check_bytes, claims_of
from .problems import Location, Problem
from .project import Project
from .registry import get_exporter
from .rendering import Rendering
from .rules import exporter_failed, reserved_id
from .sources import file_key, read_source, relative_name
from .state import EarlierVersions
from .validation import prepare


@dataclass(frozen=True, slots=True)
class Task:
    """One source to build; the least a build holds of each source it has still to do."""

    path: str
    previous_digest: str | None
    """The digest of the source's bytes when its outputs are published and current; equal bytes need no rendering."""
    recorded: bool = False
    """Whether the state holds an earlier version of the source, to say what changed since (EarlierVersions)."""


@dataclass
class Result:
    key: str
    relative: str
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    unchanged: bool = False
    problems: list[Problem] = field(default_factory=list)
    finals: list[str] = field(default_factory=list)
    """Output paths whose temporary files the worker wrote, to publish or discard."""
    claims: Claims | None = None
    feed: dict[str, Any] = field(default_factory=dict)
    manifest: dict[str, Any] = field(default_factory=dict)
    document: bytes = b""
    """The validated document, compressed, for the state (State.put)."""
    write_error: tuple[str, str] | None = None
    """(path, reason) when an output could not be written."""


@dataclass(frozen=True)
class WorkContext:
    out: str
    formats: tuple[str, ...]
    export_options: Mapping[str, str]
    project: Project
    token: str
    """The run's token, which every temporary file it writes carries."""
    versions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """For each id with translations: hreflang -> key of every version (publish.language_versions)."""
    version_urls: Mapping[str, str] = field(default_factory=dict)
    """The ``url`` of each of those versions, by key (publish.version_urls)."""
    state_file: str = ""
    """The build state, whose earlier versions a worker reads for itself: a task carries no documents."""
    source: str = "."
    """The source folder, under which each source's name is recorded."""


_CONTEXT: WorkContext | None = None
_EARLIER: EarlierVersions | None = None
_RELATIVE: Callable[[str], str] = relative_name(".")
_PR_SET_PDEATHSIG = 1


def init_worker(context: WorkContext) -> None:
    global _CONTEXT, _EARLIER, _RELATIVE
    parent = multiprocessing.parent_process()
    if parent is not None:
        _die_with_parent(parent.pid)  # first: a build may be killed while its workers are still starting
        # Ctrl-C reaches every process of the terminal's group; the main process alone answers it, with one line.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command line's handler is for the main process only
    _CONTEXT = context
    _EARLIER = EarlierVersions(context.state_file) if context.state_file else None
    _RELATIVE = relative_name(context.source)
    prepare()  # compile the schema once per process, not once per file


def _die_with_parent(parent: int | None) -> None:
    """On Linux, ask the kernel to kill this worker when the build that started it dies.

    A build killed with SIGKILL cannot stop its workers; left alone they would
    hold the inherited build lock, and the next build would wait for ever. A
    parent that died before the request was made is caught by its pid.
    """
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not every libc has prctl
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_one(task: Task) -> Result:
    """Read, check and render one source; the outputs are left under temporary names for the main process."""
    context = _CONTEXT
    assert context is not None
    key = file_key(task.path)
    result = Result(key, _RELATIVE(task.path))
    raw, status, problem = read_source(Path(task.path))
    if raw is None or status is None:
        assert problem is not None
        result.problems.append(problem)
        return result
    result.size, result.mtime_ns, result.digest = status.st_size, status.st_mtime_ns, sha256(raw)
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
    outputs = [{"format": name, "path": str(relative), "sha256": sha256(data), "bytes": len(data)}
               for name, relative, data in rendered]
    result.claims = claims_of(verdict, key)
    content = sha256("".join(f"{o['format']}\0{o['sha256']}\n" for o in outputs).encode())
    data = orjson.dumps(document.data)
    result.document = zlib.compress(data, 1)  # a tenth of the default level's time, and 10% larger
    changes = _changes_since(task, key, data, context.formats)
    result.feed = feed_entry(model, context.project.feed, links, content, changes).to_dict()
    result.manifest = {
        "key": model.key,
        "source": result.relative,
        "sha256": result.digest,
        "fields": {name: list(lines) for name, lines in document.source_map.field_lines().items()},
        "outputs": outputs,
    }
    return result


def _changes_since(task: Task, key: str, data: bytes, formats: tuple[str, ...]) -> list[dict[str, Any]]:
    """What changed since the document the last build recorded, in the words of `monograph diff`, with the formats
    that carry each change. A document that has not changed keeps what its entry said; one whose earlier version is
    unknown or unreadable (a state from elsewhere) has no changes to tell."""
    if not task.recorded or _EARLIER is None:
        return []
    document, said = _EARLIER.of(key)
    if document is None:
        return []
    try:
        before = orjson.loads(zlib.decompress(document))
    except (zlib.error, orjson.JSONDecodeError):
        return []
    after = orjson.loads(data)  # the JSON types, as the earlier version was read back
    if not isinstance(before, dict) or before == after:
        return said
    return [{"field": change.path, "words": change.words,
             "formats": [name for name in formats if get_exporter(name).carries(change.path)]}
            for change in compare(before, after)]


def _render(model: Monograph, shown: str, context: WorkContext, result: Result) -> list[tuple[str, PurePosixPath, bytes]] | None:
    """(format, output path relative to OUT, bytes) for every format, or None when the source cannot be published."""
    versions = context.versions.get(model.id, {})
    urls = {language: context.version_urls[key] for language, key in versions.items() if key in context.version_urls}
    rendering = Rendering(model, context.export_options, context.project.page, versions, urls)
    rendered = []
    for name in context.formats:
        exporter = get_exporter(name)
        relative = PurePosixPath(exporter.folder, model.key + exporter.extension)
        if relative.as_posix() in CORPUS_FILES:  # a plug-in's layout can meet a corpus file the rule does not know
            result.problems.append(reserved_id.RULE.at(Location(shown), reserved_id.collision_message(name, relative)))
            return None
        try:
            data = rendering.output(name, exporter)
        except Exception as error:  # a plugin's bug must not take the whole build down
            result.problems.append(exporter_failed.RULE.at(
                Location(shown), f"the {name} exporter failed: {type(error).__name__}: {error}",
            ))
            return None
        rendered.append((name, relative, data))
    return rendered


def _write_temporaries(rendered: list[tuple[str, PurePosixPath, bytes]], context: WorkContext, result: Result) -> bool:
    out = Path(context.out)
    try:
        for _, relative, data in rendered:
            final = out / relative
            write_temporary(final, data, context.token)
            result.finals.append(str(final))
    except OSError as error:
        discard_outputs(result, context.token)
        result.write_error = (str(error.filename or context.out), error.strerror or str(error))
        return False
    return True


def discard_outputs(result: Result, token: str) -> None:
    for final in result.finals:
        discard(Path(final), token)
    result.finals = []


Run = Callable[[list[Task]], Iterator[Result]]


@contextmanager
def workers(context: WorkContext, jobs: int) -> Iterator[Run]:
    """A pool of worker processes, started before the build plans anything so that none inherits its lists."""
    if jobs == 1:
        init_worker(context)
        yield lambda tasks: map(build_one, tasks)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(jobs, init_worker, (context,)) as pool:
        def run(tasks: list[Task]) -> Iterator[Result]:
            chunk = max(1, min(32, len(tasks) // (jobs * 8)))
            return pool.imap(build_one, tasks, chunksize=chunk)

        yield run
