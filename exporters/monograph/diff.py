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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .changes import Change, compare
from .errors import UsageError
from .pipeline import check_bytes
from .problems import Problem
from .project import Project
from .registry import exporters
from .rendering import Rendering
from .sources import discover_names, file_key, read_source
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


@dataclass
class Side:
    """One version of the corpus: where each file is, in file-key order, and nothing read yet.

    A file is read only when it is compared, one at a time; what is kept of a corpus is its names (and,
    from a revision, git's blob ids), so memory does not grow with what the files hold.
    """

    names: list[str] = field(default_factory=list)
    """Each file's path, on disk or in the revision, sorted by file key; one file a key (the first by name)."""
    revision: str | None = None
    blobs: list[bytes] = field(default_factory=list)
    """For a revision, each file's git blob id: a working file with the same id has the same bytes."""

    def key(self, index: int) -> str:
        return file_key(self.names[index])

    def shown(self, index: int) -> str:
        return f"{self.revision}:{self.names[index]}" if self.revision is not None else self.names[index]

    def read(self, index: int) -> tuple[bytes | None, Problem | None]:
        if self.revision is not None:
            return _git("cat-file", "blob", self.blobs[index].hex()), None
        raw, _, problem = read_source(Path(self.names[index]))
        return raw, problem

    def read_unless(self, index: int, raw: bytes) -> tuple[bytes | None, Problem | None] | None:
        """This side's file at ``index`` as ``read`` gives it, or None when it is exactly ``raw``."""
        if self.revision is not None:
            # git's own blob id of the bytes: the old bytes are asked for only when they differ
            if hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).digest() == self.blobs[index]:
                return None
            return self.read(index)
        earlier = self.read(index)
        return None if earlier[0] == raw else earlier


def _in_key_order(names: list[str], blobs: list[bytes] | None = None) -> tuple[list[str], list[bytes]]:
    """The names (and their blobs) sorted by file key, then name, keeping the first name of each key."""
    keys = [file_key(name) for name in names]
    order = sorted(range(len(names)), key=lambda index: (keys[index], names[index]))
    kept = [index for position, index in enumerate(order) if position == 0 or keys[index] != keys[order[position - 1]]]
    return [names[index] for index in kept], [blobs[index] for index in kept] if blobs is not None else []


def read_paths(paths: Sequence[str]) -> Side:
    """One version from files and folders on disk."""
    return Side(_in_key_order(discover_names(list(paths)))[0])


def read_revision(revision: str, paths: Sequence[str]) -> Side:
    """One version from a git revision: the files under ``paths`` as they were committed there."""
    if revision.startswith("-"):  # git would take it for one of its options
        raise GitError(f"{revision!r} is not a revision: a revision does not start with '-'")
    names: list[str] = []
    blobs: list[bytes] = []
    for line in _git("ls-tree", "-r", "-z", revision, "--", *paths).decode("utf-8", "surrogateescape").split("\0"):
        info, _, name = line.partition("\t")
        fields = info.split(" ")
        if len(fields) != 3 or fields[1] != "blob" or not name.endswith((".yaml", ".yml")) \
                or any(part.startswith(".") for part in Path(name).parts):
            continue
        names.append(name)
        blobs.append(bytes.fromhex(fields[2]))
    names, blobs = _in_key_order(names, blobs)
    return Side(names, revision, blobs)


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
    after = read_paths(paths)
    if old is not None and is_path(old):
        before = read_paths([old])
        if os.path.isfile(old) and new and os.path.isfile(new):  # two files are two versions of one monograph
            before = _RenamedSide(before.names, key_of_both=after.key(0))
    else:
        before = read_revision(old or "HEAD", paths)
    return before, after


@dataclass
class _RenamedSide(Side):
    """The old file of two given as two versions of one monograph: its key is the new file's."""

    key_of_both: str = ""

    def key(self, index: int) -> str:
        return self.key_of_both


def diff(old: Side, new: Side, project: Project) -> list[MonographDiff]:
    """Every monograph that differs between the versions, by file key.

    The sides are walked together in key order, one file at a time, so memory does not grow with the corpus;
    a file whose bytes have not changed is not checked at all, as it gives partners the same outputs (both
    sides are read under one project)."""
    found: list[MonographDiff] = []
    before = after = 0
    while before < len(old.names) or after < len(new.names):
        old_key = old.key(before) if before < len(old.names) else None
        new_key = new.key(after) if after < len(new.names) else None
        if new_key is None or (old_key is not None and old_key < new_key):
            assert old_key is not None
            found.append(MonographDiff(old_key, old.shown(before), "removed"))
            before += 1
            continue
        known = old_key == new_key
        raw, problem = new.read(after)
        earlier = old.read_unless(before, raw) if known and raw is not None else None
        if not known or raw is None or earlier is not None:
            was = (old.shown(before), *earlier) if earlier is not None else None
            item = _compare(new_key, was, _check(new.shown(after), raw, problem, project), project)
            if item is not None:
                found.append(item)
        before, after = before + known, after + 1
    return found


def _check(shown: str, raw: bytes | None, problem: Problem | None, project: Project) -> ValidationResult:
    if raw is None:
        return ValidationResult(shown, None, (problem,) if problem else ())
    return check_bytes(shown, raw, project)


def _compare(key: str, was: tuple[str, bytes | None, Problem | None] | None, after: ValidationResult,
             project: Project) -> MonographDiff | None:
    """``was``: the old version as read (its name, bytes, problem), checked only when the new one is valid."""
    if not after.ok:
        errors = sum(1 for p in after.problems if p.severity == "error")
        return MonographDiff(key, after.path, "invalid", problems=errors)
    before = _check(*was, project) if was is not None else None
    if before is None or not before.ok:
        return MonographDiff(key, after.path, "added", formats=_formats(None, after, (), project))
    changes = tuple(compare(_data(before), _data(after)))
    formats = _formats(before, after, changes, project)
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
