"""A translation's file name and language disagree.

A translation lives beside the original as `ID.LANG.yaml`, and its `language` must be LANG, so that its outputs do not overwrite the original's.

Passes:

    language: es        # in baclofen.es.yaml

Fails:

    language: fr        # in baclofen.es.yaml
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .id_matches_file_name import ID_SHAPE


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    doc_id, language = data.get("id"), data.get("language")
    if not isinstance(doc_id, str) or not ID_SHAPE.fullmatch(doc_id):
        return  # the file is not recognisably a monograph's; the schema says why
    _, dot, stem_language = context.file_key.partition(".")
    if dot and isinstance(language, str) and stem_language != language:
        yield "/language", (
            f"the file name marks a translation into '{stem_language}' but the language is '{language}'; "
            f"make them agree"
        )


RULE = rule(__doc__, id="translation-language", stage="content", check=check)
