"""`monograph diff`: what a change does to what partners receive, per monograph and per format.

Two versions of the corpus are read (a git revision and the working tree, or
two files or folders), each file through the one pipeline, so a version that
would not be published is said to be so. For each monograph the source
changes are worded by changes.py; each format is then rendered from both
versions, and a format is named only when its bytes differ, with the changes
that land in it (its mapping says where, or that it does not carry a field).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .changes import Change, compare
from .errors import UsageError
from .pipeline import check_bytes
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


Side = dict[str, tuple[str, ValidationResult]]
"""file key -> (the name shown, the file's verdict)."""


def read_paths(paths: Sequence[str], project: Project) -> Side:
    """One version from files and folders on disk."""
    side: Side = {}
    for path in discover(list(paths)):
        raw, _, problem = read_source(path)
        result = check_bytes(str(path), raw, project) if raw is not None else ValidationResult(str(path), None, (problem,) if problem else ())
        side[file_key(str(path))] = (str(path), result)
    return side


def read_revision(revision: str, paths: Sequence[str], project: Project) -> Side:
    """One version from a git revision: the files under ``paths`` as they were committed there."""
    listed = _git("ls-tree", "-r", "-z", "--name-only", revision, "--", *paths).decode("utf-8", "surrogateescape")
    side: Side = {}
    for name in sorted(filter(None, listed.split("\0"))):
        if not name.endswith((".yaml", ".yml")) or any(part.startswith(".") for part in Path(name).parts):
            continue
        raw = _git("show", f"{revision}:./{name}")
        shown = f"{revision}:{name}"
        side[file_key(name)] = (shown, check_bytes(shown, raw, project))
    return side


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
    """Every monograph that differs between the versions, by file key."""
    found: list[MonographDiff] = []
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if after is not None and not after[1].ok:
            errors = sum(1 for p in after[1].problems if p.severity == "error")
            found.append(MonographDiff(key, after[0], "invalid", problems=errors))
        elif after is None:
            assert before is not None
            found.append(MonographDiff(key, before[0], "removed"))
        elif before is None or not before[1].ok:
            found.append(MonographDiff(key, after[0], "added", formats=_formats(None, after[1], (), project)))
        else:
            changes = tuple(compare(_data(before[1]), _data(after[1])))
            formats = _formats(before[1], after[1], changes, project)
            if changes or formats:
                found.append(MonographDiff(key, after[0], "changed", changes, formats))
    return found


def _data(result: ValidationResult) -> dict:  # type: ignore[type-arg]
    assert result.document is not None
    return result.document.data


def _formats(before: ValidationResult | None, after: ValidationResult, changes: tuple[Change, ...],
             project: Project) -> tuple[FormatChange, ...]:
    """The formats whose published bytes differ, each with the changes its mapping says it carries."""
    assert after.monograph is not None
    old = Rendering(before.monograph, {}) if before is not None and before.monograph is not None else None
    new = Rendering(after.monograph, {})
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
