"""On a terminal, each problem of a text report is followed by its source line and a caret under the column.

Only a person reads a terminal, so the excerpt is added there and nowhere else:
editors, CI logs and pipes get the plain ``FILE:LINE:COL`` lines. The source
line goes through the same escaping as every message (``one_line``), so no
content can forge a line of the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .problems import Problem
from .reporters import one_line, problem_line, summary_line
from .sources import read_source


def excerpted(problems: Sequence[Problem], files: int) -> str:
    """The text report, with the line each problem is on and a caret under its column."""
    sources: dict[str, list[str] | None] = {}
    lines: list[str] = []
    for problem in problems:
        lines.append(problem_line(problem))
        where = problem.location
        if where.file not in sources:
            sources[where.file] = _lines_of(where.file)
        text = sources[where.file]
        if text is not None and 1 <= where.line <= len(text) and text[where.line - 1].strip():
            source = text[where.line - 1]
            gutter = f"{where.line:>6} | "
            lines.append(gutter + one_line(source))
            lines.append(" " * (len(gutter) - 2) + "| " + " " * len(one_line(source[: where.column - 1])) + "^")
    lines.append(summary_line(problems, files))
    return "\n".join(lines) + "\n"


def _lines_of(file: str) -> list[str] | None:
    raw, _, problem = read_source(Path(file))
    if raw is None or problem is not None:
        return None
    return raw.decode("utf-8", "replace").lstrip("\ufeff").replace("\r\n", "\n").split("\n")
