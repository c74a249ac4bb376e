"""What a rule is: a stable id, a severity, whether a team may suppress it, its explanation, and its check.

Each rule lives in a module of its own in this package; the module's
docstring is the rule's documentation (first line: the summary; then the
explanation; then a passing and a failing example), which ``monograph
explain`` and docs/rules.md print and a test runs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..problems import Location, Problem

Finding = tuple[str, str]
"""(JSON pointer, message): what a content check reports, located by the caller."""


@dataclass(frozen=True)
class CheckContext:
    """What a content check may know besides the document: its file's name and the date of the check."""

    file_key: str
    today: dt.date
    shared: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """What the rules of one document compute once and share (walk.document_walk)."""


Check = Callable[[dict[str, Any], CheckContext], Iterator[Finding]]

STAGES = ("load", "schema", "content", "corpus", "project", "build")
"""Where a rule is checked: reading the file, the schema, one document's content, between files,
the project file's own entries, or publishing."""


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    summary: str
    explanation: str
    passing: str = ""
    """An example that passes (YAML, or a description in words when bytes cannot be shown)."""
    failing: str = ""
    severity: str = "error"
    """'error' stops a file from being published; 'warning' is reported and nothing more."""
    suppressible: bool = False
    check: Check | None = field(default=None, compare=False)
    """For content rules: the findings in one document. Must tolerate data of any shape."""

    def at(self, location: Location, message: str) -> Problem:
        return Problem(location, message, self.id, self.severity)


_EXAMPLE_HEADING = re.compile(r"^(Passes|Fails):\s*$", re.MULTILINE)


def _dedent_block(block: str) -> str:
    lines = block.strip("\n").splitlines()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "\n".join(line[cut:] for line in lines).strip("\n") + "\n"


def rule(
    doc: str | None,
    *,
    id: str,
    stage: str,
    severity: str = "error",
    suppressible: bool = False,
    check: Check | None = None,
) -> Rule:
    """A rule whose summary, explanation and examples are read from its module's docstring."""
    assert doc, f"the rule {id} has no docstring"
    assert stage in STAGES, stage
    parts = _EXAMPLE_HEADING.split(doc)
    head = parts[0].strip()
    summary, _, explanation = head.partition("\n")
    examples = dict(zip(parts[1::2], (_dedent_block(text) for text in parts[2::2]), strict=True))
    return Rule(
        id=id, stage=stage, summary=summary.strip(), explanation=" ".join(explanation.split()),
        passing=examples.get("Passes", ""), failing=examples.get("Fails", ""),
        severity=severity, suppressible=suppressible, check=check,
    )
