"""Reading a document of any shape: content rules run beside the schema, so nothing here trusts the shape."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..problems import join_pointer


def list_at(node: Any, key: str) -> list[Any]:
    """``node[key]`` when it is a list, else an empty list."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def section_items(data: dict[str, Any], section: str) -> list[Any]:
    return list_at(data.get(section), "items")


def strings_and_keys(data: Any) -> list[str]:
    """Every key and string in the document, without the cost of naming where each one is."""
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            found.extend(node)
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
        elif type(node) is str:
            found.append(node)
    return found


def nodes_with_pointers(data: Any) -> Iterator[tuple[str, Any]]:
    """Every node with its JSON pointer, parents before children."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        yield pointer, node
        if isinstance(node, dict):
            stack.extend((join_pointer(pointer, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, index), value) for index, value in enumerate(node))


def citation_ids(data: dict[str, Any]) -> set[str]:
    return {c["id"] for c in list_at(data, "citations") if isinstance(c, dict) and isinstance(c.get("id"), str)}


def form_ids(data: dict[str, Any]) -> set[str]:
    return {f["id"] for f in section_items(data, "forms") if isinstance(f, dict) and isinstance(f.get("id"), str)}
