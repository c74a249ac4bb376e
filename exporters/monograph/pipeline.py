"""The one pipeline every entry point runs: read, load, validate, suppress, and check across files.

The command line and the Python API both come here, and so does every build
worker, so a file gets one verdict whichever way it is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Claims, ClaimsSeen
from .loader import load_bytes
from .problems import Problem
from .project import Project
from .sources import discover, read_source
from .suppressions import refused_suppressions, unused_suppressions
from .validation import ValidationResult, validate_document

DEFAULT_SOURCE = "source"


def check_bytes(shown: str, raw: bytes, project: Project) -> ValidationResult:
    """Load and check the bytes of one source file; load problems that stop the reading end the check."""
    document, problems = load_bytes(shown, raw)
    if document is None:
        return ValidationResult(shown, None, tuple(problems))
    return validate_document(document, project, problems)


def check_file(path: Path, project: Project) -> ValidationResult:
    raw, _, problem = read_source(path)
    if raw is None:
        assert problem is not None
        return ValidationResult(str(path), None, (problem,))
    return check_bytes(str(path), raw, project)


def claims_of(result: ValidationResult, key: str) -> Claims | None:
    """The cross-file claims of a valid file."""
    if result.monograph is None or result.document is None:
        return None
    model, document = result.monograph, result.document
    return Claims(key, result.path, f"{model.id}\n{model.language}", model.url,
                  document.location("/id"), document.location("/url"))


@dataclass
class CorpusResult:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)


def check_paths(paths: Sequence[str], project: Project) -> CorpusResult:
    """Every problem in the given files and folders (default: the project's sources), checks between files included.

    Files are checked one at a time and only their claims are kept, so memory
    does not grow with the corpus. Suppressions in monograph.toml that matched
    nothing are reported only when the whole default corpus was checked: only
    then is "nothing" known.
    """
    files = discover(list(paths) or list(project.sources))
    result = CorpusResult(len(files))
    seen = ClaimsSeen()
    used: set[int] = set()
    for path in files:
        verdict = check_file(path, project)
        result.problems.extend(verdict.problems)
        used |= verdict.suppressions_used
        claims = claims_of(verdict, os.path.abspath(path))
        if claims is not None:
            result.problems.extend(seen.add(claims))
    result.problems.extend(refused_suppressions(project.suppressions))
    if not paths:
        result.problems.extend(unused_suppressions(project.suppressions, used))
    return result
