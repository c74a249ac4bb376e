"""YAML bytes -> plain data plus a source map, or located load problems.

The document is built from libyaml's event stream rather than with a PyYAML
constructor, for four reasons: every node's position is recorded as it goes
by; nothing is ever constructed from a tag, so no YAML feature can run code;
duplicate keys and alias expansion are checked while building, not after; and
the build is a loop over an explicit stack, so deep nesting cannot exhaust
Python's recursion limit.

Scalars are resolved with the YAML 1.2 core schema: ``yes``/``no``/``on``/``off``
stay strings, and an unquoted date stays the text the author wrote.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Location, Problem, escape_pointer_token
from .rules import (
    empty_file,
    encoding,
    not_a_mapping,
    schema,
    yaml_alias,
    yaml_depth,
    yaml_duplicate_key,
    yaml_key,
    yaml_multiple_documents,
    yaml_syntax,
    yaml_tag,
)
from .rules.base import Rule
from .sources import MAX_FILE_BYTES, read_source, too_large

try:  # the C parser is an order of magnitude faster; PyYAML falls back to pure Python without it
    from yaml import CSafeLoader as _Parser

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    LIBYAML = False

MAX_DEPTH = 64
"""How deep mappings and sequences may nest. The schema needs fewer than ten levels."""

MAX_NUMBER_CHARACTERS = 100
"""The longest unquoted integer taken as a number. No field needs one of more than a few digits, and Python
refuses to print (or even read, in decimal) one of more than 4,300."""

MAX_ALIAS_NODES = 10_000
"""How many nodes aliases may add in all. Enough for any honest reuse, far too few for a billion laughs."""

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)\Z")
_MAYBE_NOT_STRING = frozenset("0123456789-+.~nNtTfF")


def resolve_plain_scalar(text: str) -> Any:
    """Type of an unquoted scalar under the YAML 1.2 core schema."""
    if text == "" or text[0] in _MAYBE_NOT_STRING:
        if text in _NULL:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if _INT.match(text):
            return int(text)
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text) or _INF.match(text) or _NAN.match(text):
            return float(text.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf")
                         .replace(".nan", "nan").replace(".NaN", "nan").replace(".NAN", "nan"))
    return text


class SourceMap:
    """Maps JSON pointers to the 1-based line and column where the node starts.

    A pointer that has no entry of its own (a value reached through an alias,
    or a property that is missing) is located at its nearest recorded ancestor.
    """

    __slots__ = ("_values", "_keys", "_field_lines")

    def __init__(
        self,
        values: dict[str, tuple[int, int]],
        keys: dict[str, tuple[int, int]],
        field_lines: dict[str, tuple[int, int]],
    ) -> None:
        self._values = values
        self._keys = keys
        self._field_lines = field_lines

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the node at ``pointer``; of its key, when ``key`` is true and it has one."""
        if key and pointer in self._keys:
            line, column = self._keys[pointer]
            return line + 1, column + 1
        probe = pointer
        while True:
            found = self._values.get(probe)
            if found is not None:
                return found[0] + 1, found[1] + 1
            if not probe:
                return 1, 1
            probe = probe.rpartition("/")[0]

    def field_lines(self) -> dict[str, tuple[int, int]]:
        """First and last 1-based line of each top-level field, for the build manifest."""
        return {name: (first + 1, last + 1) for name, (first, last) in self._field_lines.items()}


@dataclass(frozen=True)
class LoadedDocument:
    """A parsed source file: its plain data and where each value came from."""

    path: str
    data: dict[str, Any]
    source_map: SourceMap
    raw: bytes

    def location(self, pointer: str, *, key: bool = False) -> Location:
        line, column = self.source_map.locate(pointer, key=key)
        return Location(self.path, line, column, pointer)


@dataclass
class _Frame:
    container: Any  # dict or list under construction
    pointer: str
    pending_key: str | None = None
    anchor: str | None = None
    start_count: int = 0
    is_mapping: bool = True


class _Abort(Exception):
    """Raised inside the builder when the document cannot be read any further."""


class _Builder:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.values: dict[str, tuple[int, int]] = {}
        self.keys: dict[str, tuple[int, int]] = {}
        self.field_lines: dict[str, tuple[int, int]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.node_count = 0
        self.alias_nodes = 0
        self.documents = 0
        self.root: Any = None
        self.have_root = False

    def problem(self, mark_line: int, mark_column: int, pointer: str, message: str, rule: Rule) -> None:
        self.problems.append(rule.at(Location(self.path, mark_line + 1, mark_column + 1, pointer), message))

    def check_tag(self, tag: str | None, mark: Any, pointer: str) -> None:
        if tag is None or tag in _STANDARD_TAGS:
            return
        if tag.startswith("tag:yaml.org,2002:python/"):
            what = "a Python object tag"
        elif tag.startswith("tag:yaml.org,2002:"):
            what = "the YAML tag !!" + tag[len("tag:yaml.org,2002:"):]
        else:
            what = "the custom tag " + tag
        self.problem(
            mark.line, mark.column, pointer,
            f"{what} is not allowed; write the value as plain YAML without a tag",
            yaml_tag.RULE,
        )

    def run(self) -> None:
        parser = _Parser(self.text)
        try:
            self._consume(parser)
        finally:
            parser.dispose()

    def _consume(self, parser: Any) -> None:
        stack: list[_Frame] = []
        next_event, more = parser.get_event, parser.check_event  # yaml.parse() adds a generator per event
        while more():
            event = next_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.node(stack, event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    self.problem(
                        event.start_mark.line, event.start_mark.column, stack[-1].pointer,
                        f"the document nests deeper than {MAX_DEPTH} levels; a monograph needs far fewer",
                        yaml_depth.RULE,
                    )
                    raise _Abort
                pointer = self.child_pointer(stack, event) if stack else ""
                if pointer is None:
                    self.problem(
                        event.start_mark.line, event.start_mark.column, stack[-1].pointer,
                        "a mapping key must be plain text, not a list or a mapping", yaml_key.RULE,
                    )
                    raise _Abort
                self.check_tag(event.tag, event.start_mark, pointer)
                self.values.setdefault(pointer, (event.start_mark.line, event.start_mark.column))
                is_mapping = kind is yaml.MappingStartEvent
                stack.append(_Frame({} if is_mapping else [], pointer, None, event.anchor, self.node_count, is_mapping))
                self.node_count += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (frame.container, self.node_count - frame.start_count)
                self.attach(stack, frame.container, event)
            elif kind is yaml.AliasEvent:
                self.alias(stack, event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.problem(
                        event.start_mark.line, event.start_mark.column, "",
                        "the file holds more than one YAML document; keep one monograph per file",
                        yaml_multiple_documents.RULE,
                    )
                    raise _Abort

    def child_pointer(self, stack: list[_Frame], event: Any) -> str | None:
        """The pointer the next node will live at, or None when the node is a mapping key."""
        parent = stack[-1]
        if parent.is_mapping:
            if parent.pending_key is None:
                return None
            return parent.pointer + "/" + escape_pointer_token(parent.pending_key)
        return f"{parent.pointer}/{len(parent.container)}"

    def node(self, stack: list[_Frame], event: Any) -> None:
        mark = event.start_mark
        if not stack:
            self.values.setdefault("", (mark.line, mark.column))
            self.attach(stack, self.scalar(event, ""), event)
            return
        parent = stack[-1]
        if parent.is_mapping and parent.pending_key is None:
            self.check_tag(event.tag, mark, parent.pointer)
            key = event.value
            key_pointer = parent.pointer + "/" + escape_pointer_token(key)
            if key == "<<" and event.style in (None, ""):
                self.problem(
                    mark.line, mark.column, key_pointer,
                    "merge keys (<<) are not supported; write the fields out in full", yaml_key.RULE,
                )
            if key in parent.container:
                first = self.keys.get(key_pointer) or self.values.get(key_pointer) or (0, 0)
                self.problem(
                    mark.line, mark.column, key_pointer,
                    f"duplicate key '{key}' (first defined on line {first[0] + 1}); keep one and delete the other",
                    yaml_duplicate_key.RULE,
                )
            else:
                self.keys[key_pointer] = (mark.line, mark.column)
            parent.pending_key = key
            return
        pointer = self.child_pointer(stack, event)
        assert pointer is not None  # a key was handled above
        self.check_tag(event.tag, mark, pointer)
        self.values.setdefault(pointer, (mark.line, mark.column))
        scalar = self.scalar(event, pointer)
        self.node_count += 1
        if event.anchor is not None:
            self.anchors[event.anchor] = (scalar, 1)
        self.attach(stack, scalar, event)

    def scalar(self, event: Any, pointer: str) -> Any:
        text = event.value
        if event.tag == "tag:yaml.org,2002:str" or event.style not in (None, ""):
            return text
        if len(text) > MAX_NUMBER_CHARACTERS and (_INT.match(text) or _HEX.match(text) or _OCT.match(text)):
            self.problem(
                event.start_mark.line, event.start_mark.column, pointer,
                f"an unquoted number of {len(text):,} characters is not a value a monograph can hold; "
                "if it is a code or text, put it in quotes",
                schema.RULE,
            )
            return text  # kept as the author's text, so the schema still checks the rest of the file
        value = resolve_plain_scalar(text)
        if type(value) is float and math.isnan(value):
            # NaN compares false with every bound, so the schema's limits would let it through to the outputs.
            self.problem(
                event.start_mark.line, event.start_mark.column, pointer,
                f"'{text}' (not a number) is not a value a monograph can hold; write a number",
                schema.RULE,
            )
        return value

    def alias(self, stack: list[_Frame], event: Any) -> None:
        mark = event.start_mark
        pointer = self.child_pointer(stack, event) if stack else ""
        if stack and pointer is None:
            self.problem(mark.line, mark.column, stack[-1].pointer,
                         "a mapping key must be plain text, not an alias", yaml_key.RULE)
            raise _Abort
        target = self.anchors.get(event.anchor)
        if target is None:
            self.problem(
                mark.line, mark.column, pointer or "",
                f"the alias *{event.anchor} refers to no anchor defined before it",
                yaml_alias.RULE,
            )
            raise _Abort
        value, size = target
        self.alias_nodes += size
        self.node_count += size  # so an anchor that holds aliases is as large as what it expands to
        if self.alias_nodes > MAX_ALIAS_NODES:
            self.problem(
                mark.line, mark.column, pointer or "",
                f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes; write the content out instead of repeating it by alias",
                yaml_alias.RULE,
            )
            raise _Abort
        self.values.setdefault(pointer or "", (mark.line, mark.column))
        self.attach(stack, value, event)

    def attach(self, stack: list[_Frame], value: Any, event: Any) -> None:
        if not stack:
            self.root = value
            self.have_root = True
            return
        parent = stack[-1]
        if parent.is_mapping:
            key = parent.pending_key
            assert key is not None
            if key not in parent.container:
                parent.container[key] = value
            if len(stack) == 1:
                first = self.keys.get("/" + escape_pointer_token(key), (event.start_mark.line, 0))[0]
                last = event.end_mark.line
                if event.end_mark.column == 0 and last > first:
                    last -= 1  # block values end at the start of the next line
                self.field_lines.setdefault(key, (first, last))
            parent.pending_key = None
        else:
            parent.container.append(value)


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        bad = raw[error.start : error.start + 1].hex()
        return None, [encoding.RULE.at(
            Location(path, line, column, ""),
            f"the file is not valid UTF-8 (byte 0x{bad} cannot start or continue a character); save it as UTF-8",
        )]


def _reader_error_location(text: str, error: yaml.reader.ReaderError) -> tuple[int, int]:
    # libyaml reports reader errors as a byte offset into the UTF-8 encoding of the text.
    encoded = text.encode("utf-8")
    before = encoded[: error.position]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    return line, len(before[line_start:].decode("utf-8", errors="replace")) + 1


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = (error.problem or "invalid YAML").strip()
    mark = error.problem_mark
    at_tab = False
    if mark is not None:
        lines = text.split("\n")
        if mark.line < len(lines):
            line = lines[mark.line]
            at_tab = mark.column < len(line) and line[mark.column] == "\t"
    if "tab" in problem or at_tab:
        return "a tab character is used for indentation; YAML indents with spaces only"
    if error.context:
        return f"YAML syntax error: {problem} ({error.context.strip()})"
    return f"YAML syntax error: {problem}"


def _parse_failure(path: str, text: str, error: yaml.YAMLError) -> Problem:
    """The problem that stopped libyaml, at the position it stopped."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        location = Location(path, mark.line + 1, mark.column + 1, "") if mark else Location(path, 1, 1, "")
        if "maximum nesting depth" in (error.problem or ""):  # libyaml's own limit, met while scanning ahead
            return yaml_depth.RULE.at(location, f"the document nests deeper than {MAX_DEPTH} levels; a monograph needs far fewer")
        from .yaml_errors import in_words  # only a file that does not parse needs its slip put in words

        message = _syntax_message(error, text)
        worded = in_words(error, text) if not message.startswith("a tab") else None
        if worded is not None:
            line, column, message = worded
            location = Location(path, line, column, "")
        return yaml_syntax.RULE.at(location, message)
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _reader_error_location(text, error)
        return yaml_syntax.RULE.at(Location(path, line, column, ""),
                                   f"the character U+{error.character:04X} is not allowed in YAML; remove it")
    return yaml_syntax.RULE.at(Location(path, 1, 1, ""), f"YAML error: {error}")  # pragma: no cover


def _not_a_monograph(path: str, builder: _Builder) -> list[Problem] | None:
    """Problems for a file that parsed but holds no mapping, or None when it holds one."""
    if not builder.have_root or builder.root is None:
        return [empty_file.RULE.at(Location(path, 1, 1, ""), "the file is empty; a monograph is a YAML mapping of fields")]
    if isinstance(builder.root, dict):
        return None
    kind = "a list" if isinstance(builder.root, list) else "a single value"
    line, column = builder.values.get("", (0, 0))
    return builder.problems + [not_a_mapping.RULE.at(
        Location(path, line + 1, column + 1, ""),
        f"the top level of the file is {kind}; a monograph is a mapping of fields such as 'id:' and 'title:'",
    )]


def load_bytes(path: str, raw: bytes) -> tuple[LoadedDocument | None, list[Problem]]:
    """Parse the bytes of one source file.

    Returns the document (None when it cannot be read at all) and the problems
    found while reading. A document with problems is returned so that its
    other problems can be reported too, but it must not be published.
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_large(path, len(raw))]
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    builder = _Builder(path, text)
    try:
        builder.run()
    except _Abort:
        return None, builder.problems
    except yaml.YAMLError as error:
        return None, builder.problems + [_parse_failure(path, text, error)]
    refused = _not_a_monograph(path, builder)
    if refused is not None:
        return None, refused
    source_map = SourceMap(builder.values, builder.keys, builder.field_lines)
    # Duplicate keys and refused tags do not stop the reading, so the rest of the file is still checked.
    return LoadedDocument(path, builder.root, source_map, raw), builder.problems


def load_file(path: Path) -> tuple[LoadedDocument | None, list[Problem]]:
    """Read and parse one source file; an unreadable file is a located problem too."""
    raw, _, problem = read_source(path)
    if raw is None:
        assert problem is not None
        return None, [problem]
    return load_bytes(str(path), raw)
