"""What the pre-commit corpus hook checks: the whole corpus, and any monograph it is handed from outside it.

pre-commit hands a hook the changed files only, but a changed file can break
another one (a new file taking another's URL or id), so the hook checks the
project's source folders as a whole, cross-file rules included, exactly as
``monograph validate`` with no path does. The files it is handed matter only
when they lie outside those folders: a monograph there would otherwise pass
unseen, so it is checked on its own and reported as outside the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from .loader import load_bytes
from .pipeline import CorpusResult, check_file, check_paths
from .problems import Location
from .project import Project
from .rules import outside_sources
from .sources import SOURCE_ENDINGS, discover, read_source


def check_corpus(changed: Sequence[str], project: Project) -> CorpusResult:
    """The project's corpus as ``validate`` checks it, plus each monograph in ``changed`` that lies outside it."""
    result = check_paths([], project)
    inside = {os.path.realpath(path) for path in discover(list(project.sources))}
    for name in changed:
        path = Path(name)
        if os.path.realpath(path) in inside or not _is_monograph(path):
            continue
        verdict = check_file(path, project)
        result.files += 1
        result.problems.extend(verdict.problems)
        folders = ", ".join(f"{folder}/" for folder in project.sources)
        result.problems.append(outside_sources.RULE.at(Location(str(path)), (
            f"this monograph is outside the source folders ({folders}): build never publishes it; move it into "
            "one of them, or add its folder to [source] paths in monograph.toml")))
    return result


def _is_monograph(path: Path) -> bool:
    """A YAML file that says it is one: a top-level schema_version, or the monograph schema named for editors."""
    if not path.name.endswith(SOURCE_ENDINGS):
        return False
    raw, _, _ = read_source(path)
    if raw is None:
        return False
    if b"monograph.schema.json" in raw[:400]:
        return True
    document, _ = load_bytes(str(path), raw)
    return document is not None and isinstance(document.data, dict) and "schema_version" in document.data
