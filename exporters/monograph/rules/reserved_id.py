"""The id is the name of a file the build writes for the whole corpus.

`monograph build` writes `html/index.html` (the index page), `feed.atom` and `manifest.json` beside each monograph's own outputs, which are named after the id. A monograph with id `index` would have its page overwritten by the index page (and the manifest would give the wrong digest for it), so `index`, `feed` and `manifest` cannot be ids. Give the monograph another id.

Passes:

    id: baclofen        # in baclofen.yaml

Fails:

    id: index           # in index.yaml
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from ..corpuspaths import CORPUS_FILES, RESERVED_KEYS
from .base import CheckContext, Finding, rule


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    if context.file_key in RESERVED_KEYS:
        files = ", ".join(CORPUS_FILES)
        yield "/id", (f"'{context.file_key}' is reserved: the build writes {files} for the whole corpus, "
                      "and this monograph's outputs would collide with them; choose another id")


def collision_message(format_name: str, path: PurePosixPath) -> str:
    return (f"the {format_name} output of this monograph would be {path}, which the build writes for the whole "
            "corpus; choose another id")


RULE = rule(__doc__, id="reserved-id", stage="content", check=check)
