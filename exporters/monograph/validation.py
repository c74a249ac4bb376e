"""Loaded documents -> located problems, and the model for those that pass.

Two validators read the same schema: jsonschema-rs answers "is it valid?"
quickly for the common case, and only a document that fails is walked again by
python-jsonschema, whose error objects carry what is needed to word and
locate each problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs

from .loader import LoadedDocument, load_file
from .model import Monograph, build_monograph
from .problems import Problem, join_pointer
from .rules import DUPLICATE_ID, DUPLICATE_URL, check_document
from .sources import discover
from .suppressions import Suppression, apply_inline, apply_project

SCHEMA_FILE = "monograph.schema.json"


@cache
def schema() -> dict[str, Any]:
    """The monograph JSON Schema shipped inside the package."""
    text = resources.files("monograph.schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def schema_version() -> str:
    return str(schema()["x-schema-version"])


@cache
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(schema())


def prepare() -> None:
    """Compile the schema now, as each build worker does once, rather than on the first file."""
    _fast_validator()


@cache
def _full_validator() -> Any:
    # python-jsonschema takes longer to import than a clean corpus takes to check; only an invalid file needs it.
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


@dataclass(frozen=True)
class ValidationResult:
    """The outcome for one file: the model when it is valid, else the problems."""

    path: str
    monograph: Monograph | None
    problems: tuple[Problem, ...] = field(default=())
    document: LoadedDocument | None = None

    @property
    def ok(self) -> bool:
        return self.monograph is not None


def file_key(path: str) -> str:
    """The name outputs are given: the file name without its .yaml or .yml ending."""
    name = Path(path).name
    for ending in (".yaml", ".yml"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return Path(name).stem


def validate_document(
    document: LoadedDocument,
    today: dt.date | None = None,
    load_problems: Iterable[Problem] = (),
    suppressions: Sequence[Suppression] = (),
    base: Path | None = None,
) -> ValidationResult:
    """Check one loaded document against the schema and the content rules.

    Inline suppressions in the file are always applied; project-level ones
    only when given (the command line applies them at the edge instead, so it
    can tell which ones matched nothing across the corpus).
    """
    today = today or dt.date.today()
    data = document.data
    _years_as_text(data)
    key = file_key(document.path)
    problems = list(load_problems)
    if not _fast_validator().is_valid(data):
        problems.extend(_schema_problems(document))
    for rule, pointer, message in check_document(data, key, today):
        problems.append(Problem(document.location(pointer), message, rule.id, rule.severity))
    problems = apply_inline(problems, document.path, document.raw)
    if suppressions:
        problems = apply_project(problems, suppressions, base or Path.cwd(), report_unused=False)
    if any(p.severity == "error" for p in problems):
        return ValidationResult(document.path, None, tuple(problems), document)
    return ValidationResult(document.path, build_monograph(data, key), tuple(problems), document)


def _years_as_text(data: dict[str, Any]) -> None:
    """An unquoted year (``last_reviewed: 2023``) is a number to YAML but a date to the author: keep the text."""
    holders: list[tuple[Any, str]] = [(data.get("review"), "last_reviewed"), (data, "modified")]
    citations = data.get("citations")
    if isinstance(citations, list):
        holders += [(citation, "date") for citation in citations]
    for holder, name in holders:
        if isinstance(holder, dict) and type(holder.get(name)) is int and 1000 <= holder[name] <= 9999:
            holder[name] = str(holder[name])


def corpus_problems(results: Iterable[ValidationResult]) -> list[Problem]:
    """Problems that only show between files: two files with one id and language, or one URL."""
    problems: list[Problem] = []
    seen_keys: dict[tuple[str, str], str] = {}
    seen_urls: dict[str, str] = {}
    for result in sorted(results, key=lambda r: r.path):
        model = result.monograph
        if model is None or result.document is None:
            continue
        identity = (model.id, model.language)
        if identity in seen_keys:
            problems.append(Problem(
                result.document.location("/id"),
                f"another file, {seen_keys[identity]}, already holds id '{model.id}' in language '{model.language}'; "
                "their outputs would overwrite each other",
                DUPLICATE_ID.id,
            ))
        else:
            seen_keys[identity] = result.path
        if model.url in seen_urls:
            problems.append(Problem(
                result.document.location("/url"),
                f"another file, {seen_urls[model.url]}, already has the URL {model.url}; each page needs its own address",
                DUPLICATE_URL.id,
            ))
        else:
            seen_urls[model.url] = result.path
    return problems


# ---------------------------------------------------------------- wording schema errors

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


def _found(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true or false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_quote(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def _quote(value: Any, limit: int = 60) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + text + "'"


def _suggest(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def _schema_problems(document: LoadedDocument) -> Iterable[Problem]:
    for error in _full_validator().iter_errors(document.data):
        yield from _word(document, error)


def _word(document: LoadedDocument, error: Any) -> Iterable[Problem]:
    pointer = "".join(join_pointer("", token) for token in error.absolute_path)
    kind = error.validator
    value = error.instance
    subschema = error.schema if isinstance(error.schema, dict) else {}

    def at(where: str, message: str, *, key: bool = False) -> Problem:
        return Problem(document.location(where, key=key), message, "schema")

    if kind == "required":
        properties = subschema.get("properties", {})
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                title = properties.get(name, {}).get("title")
                what = f" ({title.lower()})" if title and title.lower() != name else ""
                yield at(pointer, f"the required field '{name}'{what} is missing; add it here")
        return
    if kind == "additionalProperties":
        allowed = list(subschema.get("properties", {}))
        for name in value:
            if name not in allowed and name != "<<":  # the loader reports merge keys in its own words
                hint = _suggest(name, allowed) or f"; the fields allowed here are: {', '.join(allowed)}"
                yield at(join_pointer(pointer, name), f"unknown field '{name}'{hint}", key=True)
        return
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
        message = f"expected {wanted} here, found {_found(value)}"
        if "string" in names and isinstance(value, (int, float, bool)):
            message += "; put the value in quotes"
        yield at(pointer, message)
        return
    if kind == "pattern":
        if value == "":
            return  # minLength words this better
        expected_text = subschema.get("x-expected", f"text matching {error.validator_value}")
        yield at(pointer, f"expected {expected_text}, found {_quote(value)}")
        return
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        hint = _suggest(str(value), options) if isinstance(value, str) else ""
        yield at(pointer, f"{_quote(value)} is not one of the allowed values ({', '.join(options)}){hint}")
        return
    if kind == "minLength":
        yield at(pointer, "the text is empty; write something or remove the field")
        return
    if kind == "maxLength":
        yield at(pointer, f"the text is {len(value):,} characters long; at most {error.validator_value:,} are allowed")
        return
    if kind == "minItems":
        yield at(pointer, "the list is empty; give at least one item or remove the field")
        return
    if kind == "maxItems":
        yield at(pointer, f"the list has {len(value)} items; at most {error.validator_value} are allowed")
        return
    if kind == "uniqueItems":
        seen: set[str] = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True)
            if marker in seen:
                yield at(join_pointer(pointer, index), f"{_quote(item)} is already in this list; remove the repeat")
            seen.add(marker)
        return
    if kind == "minProperties":
        yield at(pointer, "the mapping is empty; give at least one entry or remove it")
        return
    if kind in ("exclusiveMinimum", "minimum"):
        yield at(pointer, f"expected a number greater than {error.validator_value}, found {_found(value)}")
        return
    if kind in ("maximum", "exclusiveMaximum"):
        yield at(pointer, f"expected a number no greater than {error.validator_value:,}, found {_found(value)}")
        return
    if kind == "dependentRequired":
        for name, needs in error.validator_value.items():
            if isinstance(value, dict) and name in value:
                for other in needs:
                    if other not in value:
                        yield at(join_pointer(pointer, name), f"'{name}' needs '{other}' beside it; add '{other}'", key=True)
        return
    yield at(pointer, error.message)  # pragma: no cover - every keyword the schema uses is worded above



def validate_file(path: Path, today: dt.date | None = None) -> ValidationResult:
    """Load and check one source file; load problems end the check for that file."""
    document, problems = load_file(path)
    if document is None:
        return ValidationResult(str(path), None, tuple(problems))
    return validate_document(document, today, problems)


def validate_paths(paths: Sequence[str], today: dt.date | None = None) -> tuple[int, list[Problem]]:
    """Every problem in the given files and folders, checks between files included: (files read, problems)."""
    files = discover(list(paths) or ["source"])
    results = [validate_file(path, today) for path in files]
    problems = [p for r in results for p in r.problems]
    problems.extend(corpus_problems(results))
    return len(files), problems
