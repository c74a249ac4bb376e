"""Render sorted problems for people and for machines: text, json, github, sarif.

Every reporter gets the same input and only decides how it looks. Paths are
shown as they were given (relative stays relative), so editors can open
``FILE:LINE:COL`` and code scanning can match its checkout.

Messages quote content (a key, a value) and paths come from the file system,
so every piece of text goes through ``one_line`` first: a line break, another
control character or a bidirectional override is shown as an escape, and a
file name that is not UTF-8 as its bytes (``\xff``). No content can start a
line of its own, forge a ``FILE:LINE:COL`` or a workflow command, or make a
report that cannot be written.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath
from urllib.parse import quote_from_bytes

from .problems import Problem
from .rules import RULES

Reporter = Callable[[Sequence[Problem], int], str]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte that was not UTF-8, carried as a surrogate (PEP 383)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def one_line(value: str) -> str:
    """``value`` with every character that could break a line, hide text or fail to encode shown as an escape."""
    return _UNSAFE.sub(_escape, value)


def problem_line(p: Problem) -> str:
    """One problem as ``FILE:LINE:COL: SEVERITY: MESSAGE (POINTER) [RULE]``."""
    return _line(p)


def _line(p: Problem) -> str:
    where = p.location
    return (f"{one_line(where.file)}:{where.line}:{where.column}: {p.severity}: {one_line(p.message)} "
            f"({one_line(where.pointer or '/')}) [{p.rule}]")


def text(problems: Sequence[Problem], files: int) -> str:
    return "\n".join([_line(p) for p in problems] + [summary_line(problems, files)]) + "\n"


def summary_line(problems: Sequence[Problem], files: int) -> str:
    """The last line of a text report: how many errors in how many files, or that every file is valid."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    noted = f" ({_count(warnings, 'warning')})" if warnings else ""
    if errors:
        failed = len({p.location.file for p in problems if p.severity == "error"})
        return f"{_count(errors, 'error')} in {failed} of {_count(files, 'file')}{noted}"
    return f"{_count(files, 'file')} valid{noted}"


def as_json(problems: Sequence[Problem], files: int) -> str:
    payload = {
        "valid": not any(p.severity == "error" for p in problems),
        "files": files,
        "problems": [
            {
                "file": one_line(p.location.file),
                "line": p.location.line,
                "column": p.location.column,
                "pointer": one_line(p.location.pointer),
                "rule": p.rule,
                "severity": p.severity,
                "message": one_line(p.message),
            }
            for p in problems
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _github_data(value: str) -> str:
    # one_line leaves no line break; the runner's own escapes are applied for what remains.
    return one_line(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands, which show as annotations on the pull request."""
    lines = []
    for p in problems:
        where = p.location
        properties = ",".join([
            f"file={_github_property(where.file)}",
            f"line={where.line}",
            f"col={where.column}",
            f"title={_github_property('monograph ' + p.rule)}",
        ])
        message = f"{p.message} ({where.pointer or '/'})"
        lines.append(f"::{p.severity} {properties}::{_github_data(message)}")
    return "".join(line + "\n" for line in lines)


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A path as SARIF's ``artifactLocation.uri`` wants it: a URI reference, percent-encoded (RFC 3986).

    A relative path stays relative (to the checkout, as code scanning expects); an absolute one is a file: URI.
    The path's bytes are encoded, so a name that is not UTF-8 is carried exactly.
    """
    posix = PurePosixPath(path.replace(os.sep, "/")).as_posix()
    encoded = quote_from_bytes(os.fsencode(posix), safe="/")
    return f"file://{encoded}" if posix.startswith("/") else encoded


def sarif(problems: Sequence[Problem], files: int) -> str:
    """SARIF 2.1.0, the format code-scanning services read."""
    from . import __version__

    used = sorted({p.rule for p in problems})
    index = {rule: i for i, rule in enumerate(used)}
    rules = [
        {
            "id": rule,
            "name": "".join(part.capitalize() for part in rule.split("-")),
            "shortDescription": {"text": RULES[rule].summary},
            "fullDescription": {"text": RULES[rule].explanation},
            "help": {"text": f"{RULES[rule].explanation} Run 'monograph explain {rule}' for more."},
            "defaultConfiguration": {"level": "error"},
        }
        for rule in used
    ]
    results = [
        {
            "ruleId": p.rule,
            "ruleIndex": index[p.rule],
            "level": "error" if p.severity == "error" else "warning",
            "message": {"text": one_line(p.message)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(p.location.file)},
                        "region": {"startLine": p.location.line, "startColumn": p.location.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": one_line(p.location.pointer or "/"), "kind": "object"}],
                }
            ],
        }
        for p in problems
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "monograph",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/monograph/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github, "sarif": sarif}
