"""A statement applies to a dose form or brand that does not exist.

Each entry in an `applies_to` list must be the id of a dose form under `forms.items` or the name of a brand under `brands.items`, written exactly as there. A statement scoped to a form or brand that is not there would be published as if it applied to nothing, or to everything.

Passes:

    boxed_warning:
      text: Do not stop taking it suddenly.
      applies_to: [tablet]

Fails:

    boxed_warning:
      text: Do not stop taking it suddenly.
      applies_to: [tablets]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import document_walk, form_ids, section_items


def brand_names(data: dict[str, Any]) -> set[str]:
    return {b["name"] for b in section_items(data, "brands") if isinstance(b, dict) and isinstance(b.get("name"), str)}


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    forms, brands = form_ids(data), brand_names(data)
    known = forms | brands
    walk = document_walk(data, context)
    for at in walk.with_key("applies_to"):
        node = walk.nodes[at]
        if not isinstance(node, list):
            continue
        for index, name in enumerate(node):
            if isinstance(name, str) and name not in known:
                yield f"{walk.pointer(at)}/{index}", (
                    f"'{name}' is neither a dose form id nor a brand name{_hint(name, forms, brands)}"
                )


def _hint(name: str, forms: set[str], brands: set[str]) -> str:
    import difflib  # a suggestion is needed only for a name that is not found

    close = difflib.get_close_matches(name, sorted(forms | brands), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    listed = [f"the forms are {', '.join(sorted(forms))}" if forms else "", f"the brands are {', '.join(sorted(brands))}" if brands else ""]
    return "; " + "; ".join(part for part in listed if part) if any(listed) else "; list the form under 'forms' or the brand under 'brands'"


RULE = rule(__doc__, id="applies-to-unresolved", stage="content", check=check)
