"""The id differs from the file name.

A monograph's id is its file name without `.yaml`: `baclofen.yaml` holds `id: baclofen`, and a translation `baclofen.es.yaml` also holds `id: baclofen` with `language: es`. Outputs are named after the id, so the two must agree.

Passes:

    id: baclofen        # in baclofen.yaml

Fails:

    id: lioresal        # in baclofen.yaml
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule

ID_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    doc_id = data.get("id")
    if not isinstance(doc_id, str) or not ID_SHAPE.fullmatch(doc_id):
        return  # the schema reports an id of the wrong shape
    stem_id, dot, stem_language = context.file_key.partition(".")
    if stem_id != doc_id:
        expected = f"{doc_id}.yaml" if not dot else f"{doc_id}.{stem_language}.yaml"
        yield "/id", (
            f"the id '{doc_id}' differs from the file name '{context.file_key}'; "
            f"rename the file to {expected} or set id: {stem_id}"
        )


RULE = rule(__doc__, id="id-matches-file-name", stage="content", check=check)
