"""One loaded document -> its located problems, and the model when none of them is an error.

Two validators read the same schema: jsonschema-rs answers "is it valid?"
quickly for the common case, and only a document that fails is walked again by
python-jsonschema, whose error objects carry what is needed to word and
locate each problem (schema_messages.py). Then the content rules run, and the
project's accepted findings are taken out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from .loader import LoadedDocument
from .problems import Problem
from .project import Project
from .rules import CONTENT_RULES, CheckContext, schema_version, yaml_key
from .schema import source_schema
from .sources import file_key
from .suppressions import apply_inline, apply_project

if TYPE_CHECKING:  # pragma: no cover
    from .model import Monograph


@cache
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(source_schema())


def prepare() -> None:
    """Compile the schema now, as each build worker does once, rather than on the first file."""
    _fast_validator()


@cache
def _full_validator() -> Any:
    # python-jsonschema takes longer to import than a clean corpus takes to check; only an invalid file needs it.
    import jsonschema

    return jsonschema.Draft202012Validator(source_schema())


@dataclass(frozen=True)
class ValidationResult:
    """The outcome for one file: the model when it is valid, else the problems."""

    path: str
    monograph: Monograph | None
    problems: tuple[Problem, ...] = field(default=())
    document: LoadedDocument | None = None
    suppressions_used: frozenset[int] = frozenset()
    """Which of the project's suppressions silenced something here."""
    valid: bool = False
    """No error: the file is valid (its model is made unless it was asked not to be)."""

    @property
    def ok(self) -> bool:
        return self.valid


def validate_document(
    document: LoadedDocument, project: Project | None = None, load_problems: Iterable[Problem] = (), *,
    build: bool = True,
) -> ValidationResult:
    """Check one loaded document against the schema and the content rules, with the project's suppressions.

    With ``build=False`` the model is not made (``monograph validate`` needs only the verdict): the result's
    ``monograph`` is then None whatever the verdict, and ``valid`` says it.
    """
    project = project or Project()
    data = document.data
    _years_as_text(data)
    key = file_key(document.path)
    problems = list(load_problems)
    wrong_version = schema_version.problem_with(data, document.path)
    if wrong_version is not None:
        # A file for another major version differs everywhere; one message that says what to do beats dozens.
        pointer, message = wrong_version
        problems.append(schema_version.RULE.at(document.location(pointer), message))
        return ValidationResult(document.path, None, tuple(problems), document)
    if not _fast_validator().is_valid(data):
        from .schema_messages import in_validator_words, worded  # only an invalid file needs its problems worded

        # A merge key is reported by the loader in its own words, not again as an unknown field; a quoted "<<" is
        # no merge key, only a field of that name, and is reported as unknown like any other.
        merges = {p.location.pointer for p in problems if p.rule == yaml_key.RULE.id}
        errors = list(_full_validator().iter_errors(data))
        problems.extend(p for error in errors for p in worded(document, error) if p.location.pointer not in merges)
        if errors and not any(p.severity == "error" for p in problems):
            # Every error fell to a wording that left it to another keyword: the file is still invalid, and a
            # file published as valid against the schema's word would fail later, in an exporter.
            problems.append(in_validator_words(document, errors[0]))
    context = CheckContext(key, project.today)
    for rule in CONTENT_RULES:
        assert rule.check is not None
        problems.extend(rule.at(document.location(pointer), message) for pointer, message in rule.check(data, context))
    problems = apply_inline(problems, document.path, document.raw)
    problems, used = apply_project(problems, project.suppressions, project.folder)
    if any(p.severity == "error" for p in problems):
        return ValidationResult(document.path, None, tuple(problems), document, frozenset(used))
    if not build:
        return ValidationResult(document.path, None, tuple(problems), document, frozenset(used), valid=True)
    from .construction import build_monograph  # the model's many classes cost more to import than a file to check

    return ValidationResult(document.path, build_monograph(data, key), tuple(problems), document, frozenset(used), valid=True)


def _years_as_text(data: dict[str, Any]) -> None:
    """An unquoted year (``last_reviewed: 2023``) is a number to YAML but a date to the author: keep the text."""
    holders: list[tuple[Any, str]] = [(data.get("review"), "last_reviewed"), (data, "modified")]
    citations = data.get("citations")
    if isinstance(citations, list):
        holders += [(citation, "date") for citation in citations]
    for holder, name in holders:
        if isinstance(holder, dict) and type(holder.get(name)) is int and 1000 <= holder[name] <= 9999:
            holder[name] = str(holder[name])
