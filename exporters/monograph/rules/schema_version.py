"""The file is not written for this version of the schema.

Every monograph starts with `schema_version: 2`, the major version of the schema it is written for. A file without it was written for schema 1.x: `monograph migrate FILE` rewrites it for schema 2, keeping its comments and layout, and nothing else is checked until it has been migrated (its other problems would only be differences between the versions). A file for a later version needs a later monograph.

Passes:

    schema_version: 2

Fails:

    title: Baclofen
"""

from __future__ import annotations

from typing import Any

from .base import rule

CURRENT = 2


def problem_with(data: dict[str, Any], shown: str) -> tuple[str, str] | None:
    """(pointer, message) when the file is not for the current major version, else None."""
    version = data.get("schema_version")
    if version == CURRENT and not isinstance(version, bool):
        return None
    if "schema_version" not in data:
        return "", (f"this file is written for monograph schema 1.x (it has no 'schema_version'); run "
                    f"'monograph migrate {shown}' to rewrite it for schema {CURRENT}. Nothing else was checked")
    if isinstance(version, int) and not isinstance(version, bool) and version < CURRENT:
        return "/schema_version", (f"this file is written for monograph schema {version}; run 'monograph migrate {shown}' "
                                   f"to rewrite it for schema {CURRENT}. Nothing else was checked")
    if isinstance(version, int) and not isinstance(version, bool):
        return "/schema_version", (f"this file is written for monograph schema {version}, newer than this monograph "
                                   f"knows ({CURRENT}); upgrade monograph. Nothing else was checked")
    return "/schema_version", f"expected the number {CURRENT} here, the schema's major version, found {value_text(version)}"


def value_text(value: Any) -> str:
    return f"the text '{value}'" if isinstance(value, str) else repr(value)


RULE = rule(__doc__, id="schema-version", stage="schema")
