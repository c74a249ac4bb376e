"""What passes between a build's main process and its workers: a task, a result, and the run's context.

A task is a source's path; a result is what the worker did with it. Workers
never publish: each output is left under the run's temporary name (atomic.py),
and the main process (publish.py) decides, in source order, what goes into
place, so a source that conflicts with another is vetoed before anything is
published, and the output is the same whatever the number of jobs.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def discard_outputs(result: Result, token: str) -> None:
    for final in result.finals:
        discard(Path(final), token)
    result.finals = []
