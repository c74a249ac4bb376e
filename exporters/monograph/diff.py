"""`monograph diff`: what a change does to what partners receive, per monograph and per format.

Two versions of the corpus are read (a git revision and the working tree, or
two files or folders), each file through the one pipeline, so a version that
would not be published is said to be so. For each monograph the source
changes are worded by changes.py; each format is then rendered from both
versions, and a format is named only when its bytes differ, with the changes
that land in it (its mapping says where, or that it does not carry a field).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from .changes import Change, compare
from .errors import UsageError
from .pipeline import check_bytes
from .problems import Problem
from .project import Project
from .registry import exporters
from .rendering import Rendering
from .sources import discover, file_key, read_source
from .validation import ValidationResult


class GitError(UsageError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot read the old version from git: {self.reason}"


@dataclass(frozen=True)
class FormatChange:
    format: str
    """The exporter's name (fhir, jsonld, ...)."""
    title: str
    """The column it is known by in docs/mapping.md (FHIR R5, JSON-LD, ...)."""
    changes: tuple[Change, ...]
    """The source changes this format carries; empty when only derived output changed."""


@dataclass(frozen=True)
class MonographDiff:
    key: str
    file: str
    status: str
    """'added', 'removed', 'changed', or 'invalid' (the new version would not be published)."""
    changes: tuple[Change, ...] = ()
    formats: tuple[FormatChange, ...] = ()
    problems: int = 0


@dataclass(frozen=True)
class Version:
    """One version of one file, read only when it is needed: a corpus is compared a file at a time."""

    shown: str
    read: Callable[[], tuple[bytes | None, Problem | None]]
    blob: str | None = None
    """Its git blob id, when it comes from a revision: a working file with the same id is the same bytes."""


Side = dict[str, Version]
"""file key -> that file's version."""


def read_paths(paths: Sequence[str], project: Project) -> Side:
    """One version from files and folders on disk."""
    return {file_key(str(path)): Version(str(path), partial(_read_file, path)) for path in discover(list(paths))}


def _read_file(path: Path) -> tuple[bytes | None, Problem | None]:
    raw, _, problem = read_source(path)
    return raw, problem


def read_revision(revision: str, paths: Sequence[str], project: Project) -> Side:
    """One version from a git revision: the files under ``paths`` as they were committed there."""
    listed = _git("ls-tree", "-r", "-z", revision, "--", *paths).decode("utf-8", "surrogateescape")
    side: Side = {}
    for line in sorted(filter(None, listed.split("\0")), key=lambda line: line.split("\t", 1)[-1]):
        info, _, name = line.partition("\t")
        kind, blob = info.split(" ")[1:3]
        if kind != "blob" or not name.endswith((".yaml", ".yml")) or any(part.startswith(".") for part in Path(name).parts):
            continue
        side[file_key(name)] = Version(f"{revision}:{name}", partial(_read_blob, blob), blob)
    return side


def _read_blob(blob: str) -> tuple[bytes | None, Problem | None]:
    return _git("cat-file", "blob", blob), None


def _git(*args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"git cannot be run ({error.strerror or error})") from error
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1] if done.stderr else "git failed")
    return done.stdout


def is_path(text: str) -> bool:
    return os.path.exists(text) or os.path.islink(text)


def versions(old: str | None, new: str | None, project: Project) -> tuple[Side, Side]:
    """The two sides: OLD a path or a git revision (default HEAD); NEW a path (default the project's sources)."""
    paths = [new] if new else list(project.sources)
    after = read_paths(paths, project)
    if old is not None and is_path(old):
        before = read_paths([old], project)
        if os.path.isfile(old) and new and os.path.isfile(new):  # two files are two versions of one monograph
            before = {next(iter(after)): value for value in before.values()}
    else:
        before = read_revision(old or "HEAD", paths, project)
    return before, after


def diff(old: Side, new: Side, project: Project) -> list[MonographDiff]:
    """Every monograph that differs between the versions, by file key.

    One file at a time, so memory does not grow with the corpus; a file whose bytes have not changed is not
    checked at all, as it gives partners the same outputs (both sides are read under one project)."""
    found: list[MonographDiff] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if after is None:
            assert before is not None
            found.append(MonographDiff(key, before.shown, "removed"))
            continue
        raw, problem = after.read()
        if before is not None and raw is not None and _same_bytes(before, raw):
            continue
        item = _compare(key, before, _check(after.shown, raw, problem, project), project)
        if item is not None:
            found.append(item)
    return found


def _same_bytes(before: Version, raw: bytes) -> bool:
    if before.blob is not None:
        # git's own blob id of the working file's bytes: the old bytes need not be asked for
        return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest() == before.blob
    return before.read()[0] == raw


def _check(shown: str, raw: bytes | None, problem: Problem | None, project: Project) -> ValidationResult:
    if raw is None:
        return ValidationResult(shown, None, (problem,) if problem else ())
    return check_bytes(shown, raw, project)


def _compare(key: str, before: Version | None, after: ValidationResult, project: Project) -> MonographDiff | None:
    if not after.ok:
        errors = sum(1 for p in after.problems if p.severity == "error")
        return MonographDiff(key, after.path, "invalid", problems=errors)
    old = _check(before.shown, *before.read(), project) if before is not None else None
    if old is None or not old.ok:
        return MonographDiff(key, after.path, "added", formats=_formats(None, after, (), project))
    changes = tuple(compare(_data(old), _data(after)))
    formats = _formats(old, after, changes, project)
    return MonographDiff(key, after.path, "changed", changes, formats) if changes or formats else None


def _data(result: ValidationResult) -> dict:  # type: ignore[type-arg]
    assert result.document is not None
    return result.document.data


def _formats(before: ValidationResult | None, after: ValidationResult, changes: tuple[Change, ...],
             project: Project) -> tuple[FormatChange, ...]:
    """The formats whose published bytes differ, each with the changes its mapping says it carries."""
    assert after.monograph is not None
    # Rendered as the build renders them (the project's exporter settings and page frame), so that a format is named
    # when what the build would publish differs.
    settings = (project.export_defaults, project.page)
    old = Rendering(before.monograph, *settings) if before is not None and before.monograph is not None else None
    new = Rendering(after.monograph, *settings)
    found = []
    for name, exporter in exporters().items():
        if old is not None and old.output(name, exporter) == new.output(name, exporter):
            continue
        title = next(iter(exporter.mapping), exporter.title)
        found.append(FormatChange(name, title, tuple(c for c in changes if exporter.carries(c.path))))
    return tuple(found)


# ---------------------------------------------------------------- reports

_STATUS = {"added": "new: every format is published for the first time", "removed": "removed: withdrawn from every format",
           "invalid": "would not be published: it is not valid (run monograph validate)"}


def as_text(found: Sequence[MonographDiff]) -> str:
    lines: list[str] = []
    for item in found:
        if item.status != "changed":
            lines.append(f"{item.file}: {_STATUS[item.status]}")
            continue
        lines.append(f"{item.file}: changed")
        lines.extend(f"  - {change.words}" for change in item.changes)
        for fmt in item.formats:
            said = "; ".join(c.words for c in fmt.changes) or "derived output only (no source field it carries changed)"
            lines.append(f"  {fmt.title}: {said}")
        if not item.formats:
            lines.append("  no published output changes")
    lines.append(_summary(found))
    return "\n".join(lines) + "\n"


def _summary(found: Sequence[MonographDiff]) -> str:
    if not found:
        return "no monograph changed"
    counts = {status: sum(1 for f in found if f.status == status) for status in ("changed", "added", "removed", "invalid")}
    parts = [f"{n} {status}" for status, n in counts.items() if n]
    noun = "monograph" if len(found) == 1 else "monographs"
    return f"{len(found)} {noun}: " + ", ".join(parts)


def as_json(found: Sequence[MonographDiff]) -> str:
    from .jsonout import dump_text

    return dump_text({"monographs": [{
        "key": item.key, "file": item.file, "status": item.status,
        "changes": [{"field": c.path, "change": c.words} for c in item.changes],
        "formats": [{"format": f.format, "title": f.title, "changes": [c.words for c in f.changes]} for f in item.formats],
        **({"errors": item.problems} if item.status == "invalid" else {}),
    } for item in found], "summary": _summary(found)}) + "\n"


def as_markdown(found: Sequence[MonographDiff]) -> str:
    """A pull-request comment (GitHub-flavoured Markdown): one section per monograph, one row per format."""
    lines = ["## What partners will receive", "", _summary(found) + "."]
    for item in found:
        lines += ["", f"### `{_code(item.file)}`: {item.status}", ""]
        if item.status != "changed":
            lines.append(_STATUS[item.status].capitalize() + ".")
            continue
        lines += [f"- {_escape(c.words)}" for c in item.changes]
        if item.formats:
            lines += ["", "| Format | What changes |", "|---|---|"]
            lines += [f"| {f.title} | {_escape('; '.join(c.words for c in f.changes) or 'derived output only')} |"
                      for f in item.formats]
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    return text.replace("`", "'")


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>|#" else ch for ch in " ".join(text.split()))


REPORTS = {"text": as_text, "json": as_json, "github": as_markdown}
