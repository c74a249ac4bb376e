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


class DocumentWalk:
    """Every node of one document, visited once and shared by the rules that read them all.

    Nodes are kept in depth-first order, parents before children (the last
    key or item of a node first), each with its parent's index and its key; a
    node's JSON pointer is made only when a rule asks for it, which is when it
    has something to report there.
    """

    __slots__ = ("_text", "data", "dicts", "keys", "nodes", "parents", "strings")

    def __init__(self, data: Any) -> None:
        self.data = data
        nodes: list[Any] = []
        parents: list[int] = []
        keys: list[Any] = []  # the name or index under its parent; None for the document itself
        dicts: list[int] = []
        strings: list[int] = []
        stack: list[tuple[Any, int, Any]] = [(data, -1, None)]
        while stack:
            node, parent, key = stack.pop()
            index = len(nodes)
            nodes.append(node)
            parents.append(parent)
            keys.append(key)
            if isinstance(node, dict):
                dicts.append(index)
                stack.extend((value, index, name) for name, value in node.items())
            elif isinstance(node, list):
                stack.extend((value, index, position) for position, value in enumerate(node))
            elif isinstance(node, str):
                strings.append(index)
        self.nodes, self.parents, self.keys, self.dicts, self.strings = nodes, parents, keys, dicts, strings
        self._text: str | None = None

    def pointer(self, index: int) -> str:
        """The JSON pointer of node ``index`` (RFC 6901, as every problem names its place)."""
        tokens = []
        while index > 0:
            tokens.append(self.keys[index])
            index = self.parents[index]
        pointer = ""
        for token in reversed(tokens):
            pointer = join_pointer(pointer, token)
        return pointer

    def with_key(self, key: str) -> Iterator[int]:
        """The nodes held under the mapping key ``key``, in walk order."""
        keys = self.keys
        return (index for index in range(len(keys)) if keys[index] == key)

    def text(self) -> str:
        """Every key and string of the document, one a line: one search of it clears a clean document."""
        if self._text is None:
            found: list[str] = []
            for index in self.dicts:
                found.extend(self.nodes[index])
            found.extend(self.nodes[index] for index in self.strings)
            self._text = "\n".join(found)
        return self._text


def document_walk(data: Any, context: Any) -> DocumentWalk:
    """The walk of ``data``, made once per check context (one document) and shared by its rules."""
    shared = context.shared
    walk = shared.get("walk")
    if walk is None or walk.data is not data:
        walk = shared["walk"] = DocumentWalk(data)
    return walk


def citation_ids(data: dict[str, Any]) -> set[str]:
    return {c["id"] for c in list_at(data, "citations") if isinstance(c, dict) and isinstance(c.get("id"), str)}


def form_ids(data: dict[str, Any]) -> set[str]:
    return {f["id"] for f in section_items(data, "forms") if isinstance(f, dict) and isinstance(f.get("id"), str)}
