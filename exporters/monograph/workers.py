"""The worker processes of a build, and what passes between them and the main process.

A task is a source's path; a result is what the worker did with it
(source_build.py does the work). Workers never publish: each output is left
under the run's temporary name (atomic.py), and the main process (publish.py)
decides, in source order, what goes into place, so a source that conflicts
with another is vetoed before anything is published, and the output is the
same whatever the number of jobs.

This module is all the main process loads of the work: a build with nothing
to do never loads the loader, the model or the formats.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import discard

if TYPE_CHECKING:
    from .corpus import Claims
    from .problems import Problem
    from .project import Project


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


_PR_SET_PDEATHSIG = 1
_CONTEXT: WorkContext | None = None


def init_worker(context: WorkContext) -> None:
    """Set a worker up; what it needs to build is loaded with its first task, so that a build with nothing to
    do loads none of it."""
    global _CONTEXT
    parent = multiprocessing.parent_process()
    if parent is not None:
        _die_with_parent(parent.pid)  # first: a build may be killed while its workers are still starting
        # Ctrl-C reaches every process of the terminal's group; the main process alone answers it, with one line.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the command line's handler is for the main process only
    _CONTEXT = context


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


def build_one(task: Task) -> Result:
    """Build one source in this process (source_build.build_one), set up for the context on first use."""
    from . import source_build

    assert _CONTEXT is not None
    return source_build.build_one(task, _CONTEXT)


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
