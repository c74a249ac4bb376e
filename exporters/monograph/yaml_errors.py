"""YAML syntax errors in the author's words, at the line the author got wrong.

libyaml stops where the grammar can no longer go on, which is often lines after
the slip that caused it, and says so in its own terms ("did not find expected
key (while parsing a block mapping)"). Most slips in a hand-written monograph are
indentation, so the text is read again here, line by line, for the first line
whose indentation matches nothing above it (a key one space short of its
siblings) or that opens a key under a field that already has a value; failing
that, libyaml's own complaints are put in plain words with the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_KEY = re.compile(r"(?:-\s+)*(?P<key>[^\s#'\"\[\]{}:,-][^:#]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s+(?P<value>.*))?$")
_BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*\s*(?:#.*)?$")


@dataclass(frozen=True)
class Slip:
    line: int
    """1-based."""
    column: int
    message: str


@dataclass(frozen=True)
class _Open:
    """A key whose fields, or a list item whose keys, may follow on more indented lines."""

    column: int
    key: str
    line: int
    has_value: bool
    """It has a value on its own line, so nothing may be indented under it."""


def _content(line: str) -> str:
    stripped = line.strip()
    return "" if not stripped or stripped.startswith("#") else stripped


def _opaque(value: str) -> bool:
    """A value whose next lines are not keys: a block scalar, or a flow collection or quote left open."""
    if not value:
        return False
    return bool(_BLOCK_SCALAR.match(value)) or (value[0] in "[{" and value[-1] not in "]}") or (
        value[0] in "'\"" and (len(value) < 2 or value[-1] != value[0]))


def indentation_slip(text: str, last_line: int) -> Slip | None:
    """The first line, up to ``last_line`` (1-based), whose indentation YAML cannot read, in words; else None."""
    stack: list[_Open] = []
    skip_deeper_than: int | None = None
    for number, line in enumerate(text.split("\n")[:last_line], 1):
        body = _content(line)
        indent = len(line) - len(line.lstrip(" "))
        if not body or line[indent:indent + 1] == "\t" or (skip_deeper_than is not None and indent > skip_deeper_than):
            continue
        skip_deeper_than = None
        dash = len(body) - len(body.lstrip("- ")) if body.startswith("- ") else 0
        found = _KEY.match(body)
        if stack and indent > stack[-1].column and stack[-1].has_value and found and not dash:
            return Slip(number, indent + 1, _over_indented(_name(found.group("key")), stack[-1]))
        if stack and indent < stack[-1].column and indent not in {o.column for o in stack}:
            above = [o for o in stack if o.column < indent]
            below = [o for o in stack if o.column > indent]
            return Slip(number, indent + 1, _under_indented(body, found, indent, above, below))
        misaligned = _misaligned_item(stack, indent) if dash else None
        if misaligned is not None:
            return Slip(number, indent + 1, misaligned)
        while stack and stack[-1].column >= indent:
            stack.pop()
        if dash:
            stack.append(_Open(indent, "-", number, False))
        if found:
            value = (found.group("value") or "").strip()
            stack.append(_Open(indent + dash, _name(found.group("key")), number,
                               bool(value) and not _opaque(value) and not value.startswith(("&", "!"))))
            if _opaque(value):
                skip_deeper_than = indent + dash
    return None


def _misaligned_item(stack: list[_Open], indent: int) -> str | None:
    """A list item dedented to its key's column while the list's first items sat deeper."""
    items = [o for o in stack if o.key == "-" and o.column > indent]
    owner = next((o for o in reversed(stack) if o.column == indent and o.key != "-"), None)
    if not items or owner is None or not any(o.column < items[0].column for o in stack if o is owner):
        return None
    first = items[0]
    return (f"this list item is indented {_spaces(indent)}, but the item on line {first.line} is indented "
            f"{_spaces(first.column)}; line up the '-' of every item of one list ({_spaces(first.column)})")


def _name(key: str) -> str:
    return key.strip().strip("'\"")


def _over_indented(name: str, parent: _Open) -> str:
    return (f"'{name}' is indented under '{parent.key}' (line {parent.line}), but '{parent.key}' already has a value "
            f"there; if '{name}' is a field of its own, line it up with '{parent.key}' ({_spaces(parent.column)})")


def _under_indented(body: str, found: re.Match[str] | None, indent: int, above: list[_Open], below: list[_Open]) -> str:
    what = f"'{_name(found.group('key'))}'" if found else "this line"
    sibling = next((o for o in below if o.key != "-"), below[0])
    owner = next((o for o in reversed(above) if o.key != "-"), None)
    in_item = bool(above) and above[-1].key == "-"
    keep = f"indent it {_spaces(sibling.column)}, as '{sibling.key}' on line {sibling.line} is" + (
        f", to keep it in the list item of line {above[-1].line}" if in_item else
        f", to keep it under '{owner.key}'" if owner else "")
    if in_item:
        return f"{what} is indented {_spaces(indent)}, which lines it up with no field above it; {keep}"
    if owner is not None:
        return (f"{what} is indented {_spaces(indent)}, which lines it up with no field above it; {keep}, or "
                f"{_spaces(owner.column)} to line it up with '{owner.key}' (line {owner.line})")
    return f"{what} is indented {_spaces(indent)}, which lines it up with no field above it; {keep}, or 0 spaces"


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")


def plain_words(error: Any, text: str) -> tuple[int, int, str] | None:
    """(line, column, message) for a libyaml complaint the author can act on; None to keep libyaml's words."""
    problem = (error.problem or "").strip()
    mark = error.problem_mark
    line = text.split("\n")[mark.line] if mark is not None and mark.line < len(text.split("\n")) else ""
    context = error.context_mark
    if problem == "mapping values are not allowed in this context" and mark is not None:
        found = _KEY.match(line.strip())
        if found and found.group("value") and ": " in (found.group("value") + " "):
            key = _name(found.group("key"))
            return (mark.line + 1, mark.column + 1,
                    f"the value of '{key}' holds ': ', which YAML reads as the start of another field; "
                    f"put the value in quotes: {key}: \"{found.group('value').strip()}\"")
    if "expected ',' or ']'" in problem and context is not None:
        return (context.line + 1, context.column + 1,
                "this list, opened with '[', is not closed: add ']' at its end (or put an item with a comma in quotes)")
    if "expected ',' or '}'" in problem and context is not None:
        return (context.line + 1, context.column + 1, "this mapping, opened with '{', is not closed: add '}' at its end")
    if "found unexpected end of stream" in problem or "found unexpected end of stream" in (error.context or ""):
        if context is not None:
            return (context.line + 1, context.column + 1, "this quote is never closed: add the closing quote mark")
    if problem == "found character '@' that cannot start any token" or "cannot start any token" in problem:
        if mark is not None:
            return (mark.line + 1, mark.column + 1,
                    "a value cannot start with this character in YAML; put the value in quotes")
    return None


def _closed(value: str) -> bool:
    """Whether a quoted value ends its quote on the same line ('' and \\" are a quote inside)."""
    quote, rest = value[0], value[1:]
    rest = rest.replace("''", "") if quote == "'" else re.sub(r'\\.', "", rest)
    return quote in rest


def unclosed_quote(text: str, last_line: int) -> Slip | None:
    """The first value, up to ``last_line``, whose opening quote is not closed on its own line."""
    for number, line in enumerate(text.split("\n")[:last_line], 1):
        found = _KEY.match(line.strip())
        value = (found.group("value") or "").strip() if found else ""
        if value[:1] in ("'", '"') and not _closed(value):
            column = line.index(value) + 1
            return Slip(number, column, f"the quote that starts this value is not closed on this line, so YAML reads "
                                        f"on into the lines below; add the closing {value[0]} at the end of the value")
    return None


def in_words(error: Any, text: str) -> tuple[int, int, str] | None:
    """Where the author slipped and what to do, for a libyaml error; None to keep libyaml's position and words."""
    mark = error.problem_mark
    if mark is not None:
        slip = unclosed_quote(text, mark.line + 1) or indentation_slip(text, mark.line + 1)
        if slip is not None:
            return slip.line, slip.column, slip.message
    return plain_words(error, text)
