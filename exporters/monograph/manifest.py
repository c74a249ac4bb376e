"""The manifest (``manifest.json``): what each published file was built from, and its SHA-256.

Each monograph's entry is written once, when its source is built, and the
state keeps it as this text (which is also the JSON its check reads): writing
the manifest of a large corpus is then a copy of those entries, not a
re-encoding of every one of them each time a single monograph changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from . import __version__
from .feed import Writable
from .schema import schema_id, schema_version


def entry_text(entry: dict[str, Any]) -> str:
    """One monograph's manifest entry: a short line per fact, so a diff between builds reads well."""
    dump = lambda value: json.dumps(value, ensure_ascii=False)  # noqa: E731
    outputs = ",\n".join(f"        {dump(output)}" for output in entry["outputs"])
    return (
        "    {\n"
        f'      "key": {dump(entry["key"])},\n'
        f'      "source": {dump(entry["source"])},\n'
        f'      "sha256": {dump(entry["sha256"])},\n'
        f'      "fields": {dump(entry["fields"])},\n'
        f'      "outputs": [\n{outputs}\n      ]\n'
        "    }"
    )


def write_manifest(handle: Writable, source_root: str, entries: Iterable[str], corpus: dict[str, tuple[str, int]]) -> None:
    """The manifest, streamed: ``entries`` are the monographs' entry texts in key order, ``corpus`` the
    (SHA-256, size) of each corpus file written before it."""
    def line(text: str) -> None:
        handle.write(text.encode("utf-8"))

    head = {
        "tool": {"name": "monograph", "version": __version__},
        "schema": {"id": schema_id(), "version": schema_version()},
        "source_root": source_root,
    }
    line("{\n")
    for name, value in head.items():
        line(f'  "{name}": {json.dumps(value, ensure_ascii=False)},\n')
    line('  "corpus_outputs": [\n')
    corpus_items = sorted(corpus.items())
    for index, (path, (digest, size)) in enumerate(corpus_items):
        comma = "," if index < len(corpus_items) - 1 else ""
        line(f'    {json.dumps({"path": path, "sha256": digest, "bytes": size})}{comma}\n')
    line("  ],\n")
    line('  "monographs": [')
    first = True
    for text in entries:
        line(("\n" if first else ",\n") + text)
        first = False
    line("\n  ]\n}\n" if not first else "]\n}\n")
