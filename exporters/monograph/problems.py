"""Located problems: the one currency in which every stage reports bad input.

Stages never raise for bad content; they return problems, and the command line
sorts and renders them once, at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a file, a 1-based line and column, and a JSON pointer."""

    file: str
    line: int = 1
    column: int = 1
    pointer: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file.

    ``rule`` is a stable identifier (see ``monograph explain``); ``message`` is
    a plain sentence that says what is wrong and, where it can, what to do.
    """

    location: Location
    message: str = field(compare=True)
    rule: str = field(default="schema", compare=True)
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        pointer = self.location.pointer or "/"
        return f"{self.location}: {self.severity}: {self.message} ({pointer}) [{self.rule}]"


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Sort by file, then position, then wording, so output never depends on discovery order."""
    return sorted(set(problems))


def escape_pointer_token(token: str) -> str:
    """Escape one JSON pointer reference token (RFC 6901)."""
    if "~" not in token and "/" not in token:
        return token
    return token.replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, token: str | int) -> str:
    if isinstance(token, int):
        return f"{parent}/{token}"
    return f"{parent}/{escape_pointer_token(token)}"

