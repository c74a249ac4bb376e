"""Render sorted problems for people and for machines: text, json, github, sarif.

Every reporter gets the same input and only decides how it looks. Paths are
shown as they were given (relative stays relative), so editors can open
``FILE:LINE:COL`` and code scanning can match its checkout.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import PurePath

from .problems import Problem
from .rules import RULES

Reporter = Callable[[Sequence[Problem], int], str]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def text(problems: Sequence[Problem], files: int) -> str:
    lines = [str(p) for p in problems]
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    noted = f" ({_count(warnings, 'warning')})" if warnings else ""
    if errors:
        failed = len({p.location.file for p in problems if p.severity == "error"})
        lines.append(f"{_count(errors, 'error')} in {failed} of {_count(files, 'file')}{noted}")
    else:
        lines.append(f"{_count(files, 'file')} valid{noted}")
    return "\n".join(lines) + "\n"


def as_json(problems: Sequence[Problem], files: int) -> str:
    payload = {
        "valid": not any(p.severity == "error" for p in problems),
        "files": files,
        "problems": [
            {
                "file": p.location.file,
                "line": p.location.line,
                "column": p.location.column,
                "pointer": p.location.pointer,
                "rule": p.rule,
                "severity": p.severity,
                "message": p.message,
            }
            for p in problems
        ],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": PurePath(p.location.file).as_posix()},
                        "region": {"startLine": p.location.line, "startColumn": p.location.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": p.location.pointer or "/", "kind": "object"}],
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
