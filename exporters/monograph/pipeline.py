"""The one pipeline every entry point runs: read, load, validate, suppress, and check across files.

The command line and the Python API both come here, and so does every build
worker, so a file gets one verdict whichever way it is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus import ClaimDigests, Claims, ClaimsSeen
from .loader import load_bytes
from .problems import Problem
from .project import Project
from .sources import SourceNames, discover_packed, read_source
from .suppressions import refused_suppressions, unused_suppressions
from .validation import ValidationResult, validate_document

DEFAULT_SOURCE = "source"


def check_bytes(shown: str, raw: bytes, project: Project, *, build: bool = True) -> ValidationResult:
    """Load and check the bytes of one source file; load problems that stop the reading end the check.

    ``build=False``: the verdict only, without the model (see validate_document).
    """
    document, problems = load_bytes(shown, raw)
    if document is None:
        return ValidationResult(shown, None, tuple(problems))
    return validate_document(document, project, problems, build=build)


def check_file(path: Path, project: Project, *, build: bool = True) -> ValidationResult:
    raw, _, problem = read_source(path)
    if raw is None:
        assert problem is not None
        return ValidationResult(str(path), None, (problem,))
    return check_bytes(str(path), raw, project, build=build)


def claims_of(result: ValidationResult, key: str) -> Claims | None:
    """The cross-file claims of a valid file (the model's id, language and URL are the document's own)."""
    if not result.valid or result.document is None:
        return None
    document = result.document
    return Claims(key, result.path, _identity(document.data), document.data["url"],
                  document.location("/id"), document.location("/url"))


def _identity(data: dict[str, Any]) -> str:
    return f"{data['id']}\n{data['language']}"


@dataclass
class CorpusResult:
    files: int = 0
    problems: list[Problem] = field(default_factory=list)


def check_paths(paths: Sequence[str], project: Project) -> CorpusResult:
    """Every problem in the given files and folders (default: the project's sources), checks between files included.

    Files are checked one at a time; of each, only its name (packed) and a
    digest of its claims are kept, so memory does not grow with the corpus
    beyond a few dozen bytes a file. The few files whose digests meet are read again at the
    end for the check between files. Suppressions in monograph.toml that
    matched nothing are reported only when the whole default corpus was
    checked: only then is "nothing" known.
    """
    files = discover_packed(list(paths) or list(project.sources))
    result = CorpusResult(len(files))
    digests = ClaimDigests(len(files))
    used: set[int] = set()
    for position, shown in enumerate(files):
        verdict = check_file(Path(shown), project, build=False)
        result.problems.extend(verdict.problems)
        used |= verdict.suppressions_used
        if verdict.valid and verdict.document is not None:
            digests.add(position, _identity(verdict.document.data), verdict.document.data["url"])
    result.problems.extend(_shared_claims(files, digests.suspects(), project))
    result.problems.extend(refused_suppressions(project.suppressions))
    if not paths:
        result.problems.extend(unused_suppressions(project.suppressions, used))
    return result


def _shared_claims(files: SourceNames, suspects: list[int], project: Project) -> list[Problem]:
    """The cross-file problems, from the full claims of the files whose digests met, taken in order."""
    seen = ClaimsSeen()
    problems = []
    for position in suspects:
        claims = claims_of(check_file(Path(files[position]), project, build=False), os.path.abspath(files[position]))
        if claims is not None:
            problems.extend(seen.add(claims))
    return problems
