"""Accepted findings: a team can silence a named content rule for a file or a field.

Two ways, both visible in review:

* in ``monograph.toml``, a ``[[suppress]]`` table with ``rule``, ``file`` (a
  glob relative to the config file's folder), an optional ``pointer`` (the
  field and everything under it) and a required ``reason``;
* in the source, a comment ``# monograph: ignore[RULE]`` on the line the
  finding is reported at, or alone on the line above it.

Schema and YAML problems cannot be silenced, only rules marked suppressible.
A suppression that no longer matches anything is itself reported, so stale
ones do not pile up.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from .problems import Location, Problem
from .rules import RULES, invalid_suppression, unused_suppression

_INLINE = re.compile(r"#\s*monograph:\s*ignore\[([a-z0-9\-,\s]+)\]")


def _refusal(rule_id: str) -> str | None:
    """Why a rule cannot be suppressed, or None when it can."""
    known = RULES.get(rule_id)
    if known is None:
        return "there is no such rule"
    return None if known.suppressible else "it is not a content rule"


@dataclass(frozen=True)
class Suppression:
    """One ``[[suppress]]`` entry of the project file."""

    rule: str
    file: str
    reason: str
    pointer: str | None = None
    origin: Location = Location("monograph.toml")

    def matches(self, problem: Problem, base: Path) -> bool:
        if problem.rule != self.rule:
            return False
        try:
            relative = PurePath(Path(problem.location.file).resolve().relative_to(base.resolve())).as_posix()
        except ValueError:
            relative = PurePath(problem.location.file).as_posix()
        if not fnmatch.fnmatchcase(relative, self.file):
            return False
        if self.pointer is None:
            return True
        pointer = problem.location.pointer
        return pointer == self.pointer or pointer.startswith(self.pointer + "/")


def parse_project_suppressions(entries: Any, path: Path, text: str) -> list[Suppression]:
    """Read the ``[[suppress]]`` tables; a malformed one raises ValueError with a sentence for the user."""
    if not isinstance(entries, list):
        raise ValueError("'suppress' must be written as [[suppress]] tables")
    header_lines = [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == "[[suppress]]"]
    found = []
    for index, entry in enumerate(entries):
        where = f"suppression {index + 1}"
        if not isinstance(entry, dict) or set(entry) - {"rule", "file", "pointer", "reason"}:
            raise ValueError(f"{where}: takes only rule, file, pointer and reason")
        for required in ("rule", "file", "reason"):
            if not isinstance(entry.get(required), str) or not entry[required].strip():
                raise ValueError(f"{where}: '{required}' is required (a suppression must say why)"
                                 if required == "reason" else f"{where}: '{required}' is required")
        if "pointer" in entry and (not isinstance(entry["pointer"], str) or not entry["pointer"].startswith("/")):
            raise ValueError(f"{where}: 'pointer' is a JSON pointer such as /side_effects/items/3")
        line = header_lines[index] if index < len(header_lines) else 1
        found.append(Suppression(entry["rule"], entry["file"], entry["reason"], entry.get("pointer"),
                                 Location(str(path), line, 1, "")))
    return found


def _inline_comments(raw: bytes) -> dict[int, tuple[int, list[str]]]:
    """line -> (column, rules) for every inline suppression comment."""
    found: dict[int, tuple[int, list[str]]] = {}
    if b"monograph:" not in raw:
        return found
    for number, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), 1):
        match = _INLINE.search(line)
        if match:
            rules = [r.strip() for r in match.group(1).split(",") if r.strip()]
            found[number] = (match.start() + 1, rules)
    return found


def apply_inline(problems: Sequence[Problem], path: str, raw: bytes) -> list[Problem]:
    """Drop findings silenced by comments in the file itself; report comments that silence nothing."""
    comments = _inline_comments(raw)
    if not comments:
        return list(problems)
    text_lines = raw.decode("utf-8", errors="replace").splitlines()
    used: set[tuple[int, str]] = set()
    kept: list[Problem] = []
    for problem in problems:
        line = problem.location.line
        candidates = [line]
        above = line - 1
        if above in comments and text_lines[above - 1].lstrip().startswith("#"):
            candidates.append(above)
        hit = next(((n, problem.rule) for n in candidates if n in comments and problem.rule in comments[n][1]), None)
        if hit is not None and _refusal(problem.rule) is None:
            used.add(hit)
            continue
        kept.append(problem)
    for number, (column, rules) in sorted(comments.items()):
        for rule in rules:
            where = Location(path, number, column, "")
            refusal = _refusal(rule)
            if refusal is not None:
                kept.append(invalid_suppression.RULE.at(where, f"'{rule}' cannot be suppressed: {refusal}"))
            elif (number, rule) not in used:
                kept.append(unused_suppression.RULE.at(
                    where, f"this comment suppresses '{rule}', but there is no such finding here; delete it"))
    return kept


def apply_project(
    problems: Iterable[Problem], suppressions: Sequence[Suppression], base: Path,
) -> tuple[list[Problem], set[int]]:
    """Drop the findings the project file silences: (the findings kept, the indexes of the suppressions used)."""
    usable = [(index, s) for index, s in enumerate(suppressions) if _refusal(s.rule) is None]
    used: set[int] = set()
    kept = []
    for problem in problems:
        hit = next((index for index, s in usable if s.matches(problem, base)), None)
        if hit is None:
            kept.append(problem)
        else:
            used.add(hit)
    return kept, used


def refused_suppressions(suppressions: Sequence[Suppression]) -> list[Problem]:
    """Entries of the project file that name a rule that does not exist or cannot be suppressed."""
    return [
        invalid_suppression.RULE.at(s.origin, f"'{s.rule}' cannot be suppressed: {refusal}")
        for s in suppressions if (refusal := _refusal(s.rule)) is not None
    ]


def unused_suppressions(suppressions: Sequence[Suppression], used: set[int]) -> list[Problem]:
    """Entries of the project file that silenced nothing in a run that checked the whole corpus."""
    return [
        unused_suppression.RULE.at(s.origin, f"this suppression of '{s.rule}' for {s.file} matches no finding; delete it")
        for index, s in enumerate(suppressions) if index not in used and _refusal(s.rule) is None
    ]
