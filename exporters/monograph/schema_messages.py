"""JSON Schema errors in the author's words, each located at the node it is about.

python-jsonschema says *what* failed in its own terms ("'x' is a required
property"); an author needs to know where, in words about their file, and what
to do. Each schema keyword the monograph schema uses has one wording function
here. A missing field is reported at the mapping that lacks it, an unknown
field at its key, anything else at the value.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from .dates import what_is_wrong
from .loader import LoadedDocument
from .problems import Problem, join_pointer
from .rules import schema as schema_rule
from .schema import source_schema

_TYPE_NAMES = {
    "object": "a mapping of fields",
    "array": "a list",
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}


def found(value: Any) -> str:
    """How the author's value reads in a message."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true or false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


_VISIBLE = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def quote(value: Any, limit: int = 60) -> str:
    """The author's value in quotes, with line breaks shown as \\n so a message stays on one line."""
    text = str(value).translate(_VISIBLE)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "'" + text + "'"


_PARTS = re.compile(r"[-_ ]+")


def _alike(word: str, choice: str) -> bool:
    """Whether ``choice`` is a likely spelling of ``word``: alike once the words they share are set aside, so
    'consumer-information' is not taken for 'prescribing-information' for their common 'information'."""
    mine, theirs = _PARTS.split(word.lower()), _PARTS.split(choice.lower())
    left = [p for p in mine if p not in theirs]
    right = [p for p in theirs if p not in mine]
    if not left or not right:
        return bool(left or right) or word.lower() == choice.lower()
    mine_rest, theirs_rest = "-".join(left), "-".join(right)
    if min(len(mine_rest), len(theirs_rest)) >= 3 and (mine_rest.startswith(theirs_rest) or theirs_rest.startswith(mine_rest)):
        return True  # an abbreviation: 'info' for 'information'
    return difflib.SequenceMatcher(None, mine_rest, theirs_rest).ratio() >= 0.6


def suggest(word: str, choices: Iterable[str]) -> str:
    matches = [m for m in difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6) if _alike(word, m)]
    return f"; did you mean '{matches[0]}'?" if matches else ""


Placed = tuple[str, str, bool]
"""(pointer, message, whether to point at the key rather than the value)."""


def _required(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    properties = subschema.get("properties", {})
    # A conditional requirement says why it applies: the author did nothing wrong by the schema's plain rules.
    because = f": {subschema['x-because']}" if "x-because" in subschema else ""
    for name in expected:
        if isinstance(value, dict) and name not in value:
            title = properties.get(name, {}).get("title")
            what = f" ({title.lower()})" if title and title.lower() != name else ""
            yield pointer, f"the required field '{name}'{what} is missing{because}; add it here", False


def _additional(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    properties = subschema.get("properties", {})
    allowed = list(properties)
    known_above: list[str] = []  # the allowed fields met so far: on a mapping of 50,000 keys, all keys above each were too many
    for name in value:
        if name in properties:
            known_above.append(name)
        else:
            home = _home_of(name, known_above, properties)
            where = "at the top level" if not pointer else "here"
            if home is not None and not suggest(name, allowed):
                yield join_pointer(pointer, name), f"'{name}' is {where}; indent it under '{home}', whose field it is", True
                continue
            hint = suggest(name, allowed) or f"; the fields allowed here are: {', '.join(allowed)}"
            yield join_pointer(pointer, name), f"unknown field '{name}'{hint}", True


def _home_of(name: str, known_above: list[str], properties: dict[str, Any]) -> str | None:
    """The field beside ``name`` (in the author's mapping, above it) that takes ``name`` as one of its own fields:
    where a dedented line meant to be."""
    for sibling in reversed(known_above):
        if name in _fields_of(properties[sibling]):
            return sibling
    return None


def _fields_of(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    if "$ref" in node:
        node = source_schema()["$defs"].get(node["$ref"].rsplit("/", 1)[1], {})
    if node.get("type") == "array":
        return _fields_of(node.get("items"))
    return set(node.get("properties", {}))


def _type(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    names = [expected] if isinstance(expected, str) else list(expected)
    # A field of several shapes (a count or a range) names them in x-expected-type: "a mapping of fields" alone does
    # not tell the author which fields.
    wanted = subschema.get("x-expected-type") or " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    message = f"expected {wanted} here, found {found(value)}"
    if "string" in names and isinstance(value, (int, float, bool)):
        message += "; put the value in quotes"
    yield pointer, message, False


def _pattern(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    if value == "" and subschema.get("minLength", 0) >= 1:
        return  # minLength words this better; a date has no minLength, and its empty text is worded below
    if isinstance(value, str) and expected == _date_pattern():
        yield pointer, f"{quote(value)} is not a date: {what_is_wrong(value)}", False
        return
    expected_text = subschema.get("x-expected", f"text matching {expected}")
    yield pointer, f"expected {expected_text}, found {quote(value)}", False


@cache
def _date_pattern() -> str:
    return str(source_schema()["$defs"]["partialDate"]["pattern"])


def _enum(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    options = [str(o) for o in expected]
    # x-aliases maps spellings people write (milligrams, mcg, tablets) to the code that is meant.
    alias = subschema.get("x-aliases", {}).get(value) if isinstance(value, str) else None
    meant = [alias] if isinstance(alias, str) else list(alias or [])
    hint = (f"; did you mean {' or '.join(repr(m) for m in meant)}?" if meant
            else suggest(str(value), options) if isinstance(value, str) else "")
    yield pointer, f"{quote(value)} is not one of the allowed values ({', '.join(options)}){hint}", False


def _unique_items(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    seen: set[str] = set()
    for index, item in enumerate(value):
        marker = json.dumps(item, sort_keys=True)
        if marker in seen:
            # A repeated concept (a route given twice) reads by its name, not as a dump of its mapping.
            named = item.get("name") if isinstance(item, dict) and isinstance(item.get("name"), str) else item
            yield join_pointer(pointer, index), f"{quote(named)} is already in this list; remove the repeat", False
        seen.add(marker)


def _dependent_required(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    for name, needs in expected.items():
        if isinstance(value, dict) and name in value:
            for other in needs:
                if other not in value:
                    yield join_pointer(pointer, name), f"'{name}' needs '{other}' beside it; add '{other}'", True


def _shape(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    """oneOf, anyOf and not: the schema says in ``x-expected`` what the combination of fields must be."""
    wanted = subschema.get("x-expected", "another combination of fields")
    yield pointer, f"expected {wanted} here", False


def _const(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
    yield pointer, f"expected {json.dumps(expected)} here, found {found(value)}", False


def _fixed(text: Callable[[Any, Any], str]) -> Callable[[str, Any, Any, dict[str, Any]], Iterator[Placed]]:
    """A keyword whose message is one sentence about the value and the schema's limit."""
    def word(pointer: str, value: Any, expected: Any, subschema: dict[str, Any]) -> Iterator[Placed]:
        yield pointer, text(value, expected), False
    return word


_WORDING: dict[str, Callable[[str, Any, Any, dict[str, Any]], Iterator[Placed]]] = {
    "required": _required,
    "additionalProperties": _additional,
    "type": _type,
    "pattern": _pattern,
    "enum": _enum,
    "uniqueItems": _unique_items,
    "dependentRequired": _dependent_required,
    "oneOf": _shape,
    "anyOf": _shape,
    "not": _shape,
    "const": _const,
    "minLength": _fixed(lambda value, limit: "the text is empty; write something or remove the field"),
    "maxLength": _fixed(lambda value, limit: f"the text is {len(value):,} characters long; at most {limit:,} are allowed"),
    "minItems": _fixed(lambda value, limit: "the list is empty; give at least one item or remove the field"),
    "maxItems": _fixed(lambda value, limit: f"the list has {len(value)} items; at most {limit} are allowed"),
    "minProperties": _fixed(lambda value, limit: "the mapping is empty; give at least one entry or remove it"),
    "exclusiveMinimum": _fixed(lambda value, limit: f"expected a number greater than {limit}, found {found(value)}"),
    "minimum": _fixed(lambda value, limit: f"expected a number greater than {limit}, found {found(value)}"),
    "maximum": _fixed(lambda value, limit: f"expected a number no greater than {limit:,}, found {found(value)}"),
    "exclusiveMaximum": _fixed(lambda value, limit: f"expected a number no greater than {limit:,}, found {found(value)}"),
}


def worded(document: LoadedDocument, error: Any) -> Iterator[Problem]:
    """One python-jsonschema error as located problems in the author's words."""
    pointer = _pointer_of(error)
    subschema = error.schema if isinstance(error.schema, dict) else {}
    wording = _WORDING.get(error.validator)
    if wording is None:  # pragma: no cover - every keyword the schema uses is worded above
        yield in_validator_words(document, error)
        return
    for where, message, at_key in wording(pointer, error.instance, error.validator_value, subschema):
        yield schema_rule.RULE.at(document.location(where, key=at_key), message)


def in_validator_words(document: LoadedDocument, error: Any) -> Problem:
    """One python-jsonschema error as a problem at its place, in the validator's own message: for an error that no
    wording reports."""
    return schema_rule.RULE.at(document.location(_pointer_of(error)), error.message)


def _pointer_of(error: Any) -> str:
    return "".join(join_pointer("", token) for token in error.absolute_path)
