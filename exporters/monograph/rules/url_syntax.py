"""An address is not one that every format accepts.

Addresses are published in every format: as XML Schema `anyURI` in the syndication XML, as FHIR `uri`, in the feed's links and, from the canonical URL's host, in its `tag:` ids. The schema checks that an address starts with `https://`; this rule checks the rest against RFC 3986: a host name in ASCII letters, digits and hyphens (an internationalised name in its `xn--` form), no user name or password (they would be published), at most one `#`, a `%` only as the start of a percent-escape such as `%20`, and no character that must be percent-encoded, such as a space, `[`, `|` or `"`. Links in prose are checked the same way.

Passes:

    url: "https://example.org/drugs/baclofen#dosage"

Fails:

    url: "https://editor:secret@example.org/drugs/baclofen"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ..problems import join_pointer
from ..schema import source_schema
from ..urls import url_problem
from .base import CheckContext, Finding, rule
from .walk import document_walk

if TYPE_CHECKING:  # pragma: no cover
    from ..richtext import Inline

Path = tuple[str, ...]
"""Property names from the top of a document; '*' stands for every item of a list."""


@cache
def _address_fields() -> tuple[tuple[Path, re.Pattern[str]], ...]:
    """Every field the schema declares as a URI, with the pattern the schema itself holds it to."""
    schema = source_schema()
    walked: dict[int, list[tuple[Path, str]]] = {}
    """What is under each node walked, by its id: a definition is met wherever it is used (``code`` 27 times)."""

    def walk(node: Any) -> list[tuple[Path, str]]:
        """The URI fields at and under ``node``: each one's path from it, and its pattern."""
        if not isinstance(node, dict):
            return []
        if id(node) in walked:
            return walked[id(node)]
        found: list[tuple[Path, str]] = []
        if "$ref" in node:
            target: Any = schema
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            found += walk(target)
        if node.get("format") == "uri":
            found.append(((), node.get("pattern", "")))
        for name, child in node.get("properties", {}).items():
            found += [((name, *path), pattern) for path, pattern in walk(child)]
        found += [(("*", *path), pattern) for path, pattern in walk(node.get("items"))]
        walked[id(node)] = found
        return found

    return tuple((path, re.compile(pattern)) for path, pattern in walk(schema))


def _values_at(data: Any, path: Path, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if not path:
        yield pointer, data
    elif path[0] == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _values_at(item, path[1:], join_pointer(pointer, index))
    elif isinstance(data, dict) and path[0] in data:
        yield from _values_at(data[path[0]], path[1:], join_pointer(pointer, path[0]))


def _links(nodes: tuple[Inline, ...]) -> Iterator[str]:
    from ..richtext import Emphasis, Link, Strong

    for node in nodes:
        if isinstance(node, Link):
            yield node.href
        if isinstance(node, Link | Emphasis | Strong):
            yield from _links(node.children)


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    for path, pattern in _address_fields():
        for pointer, value in _values_at(data, path):
            if isinstance(value, str) and pattern.search(value):  # one that misses the pattern is the schema's to report
                reason = url_problem(value)
                if reason is not None:
                    yield pointer, f"'{value}' is not an address every format accepts: {reason}"
    walk = document_walk(data, context)
    for at in walk.strings:
        node = walk.nodes[at]
        if "](" in node:
            from ..richtext import parse_prose  # only text with a link in it needs parsing, and most has none

            for paragraph in parse_prose(node).paragraphs:
                for href in _links(paragraph):
                    reason = url_problem(href, ("https", "http")) if not href.lower().startswith("mailto:") else None
                    if reason is not None:
                        yield walk.pointer(at), f"the link to '{href}' is not an address every format accepts: {reason}"


RULE = rule(__doc__, id="url-syntax", stage="content", check=check)
