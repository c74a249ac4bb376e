"""Two entries share an id.

Dose form ids and citation ids must be unique within a file, because other fields refer to them by id. Across a corpus, two files cannot hold the same id and language, because their outputs would overwrite each other.

Passes:

    citations:
      - {id: label, kind: prescribing-information, title: Label, url: "https://example.org/label"}
      - {id: guide, kind: guideline, title: Guide, url: "https://example.org/guide"}

Fails:

    citations:
      - {id: label, kind: prescribing-information, title: Label, url: "https://example.org/label"}
      - {id: label, kind: guideline, title: Guide, url: "https://example.org/guide"}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import list_at, section_items


def _repeated_ids(items: list[Any], pointer: str, what: str, each: str) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str):
            if item_id in seen:
                yield f"{pointer}/{index}/id", f"the {what} id '{item_id}' is used twice; give each {each} its own id"
            seen.add(item_id)


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    yield from _repeated_ids(list_at(data, "citations"), "/citations", "citation", "citation")
    yield from _repeated_ids(section_items(data, "forms"), "/forms/items", "dose form", "form")


def another_file_message(other: str, monograph_id: str, language: str) -> str:
    return (f"another file, {other}, already holds id '{monograph_id}' in language '{language}'; "
            "their outputs would overwrite each other")


def same_file_name_message(other: str) -> str:
    return f"another source, {other}, has the same file name; their outputs would overwrite each other"


RULE = rule(__doc__, id="duplicate-id", stage="content", check=check)
