"""A brand name is listed twice.

Each brand appears once; compare ignoring case. Merge the two entries and list all their forms on one. It can be suppressed where two makers really sell the same name.

Passes:

    brands:
      items:
        - {name: Lioresal, forms: [tablet]}
        - {name: Gablofen, forms: [tablet]}

Fails:

    brands:
      items:
        - {name: Lioresal, forms: [tablet]}
        - {name: lioresal, forms: [tablet]}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import section_items


def repeated_names(data: dict[str, Any], section: str, what: str, also: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Items of a section whose ``name`` repeats an earlier one, ignoring case and spacing.

    Items that differ in any of the fields ``also`` names (such as the forms they apply to) are not repeats.
    """
    seen: dict[str, int] = {}
    for index, item in enumerate(section_items(data, section)):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue
        folded = " ".join(name.casefold().split()) + "".join(f"\n{item.get(field)!r}" for field in also)
        if folded in seen:
            yield f"/{section}/items/{index}/name", (
                f"the {what} '{name}' is already listed as item {seen[folded] + 1}; delete one of them"
            )
        else:
            seen[folded] = index


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    return repeated_names(data, "brands", "brand")


RULE = rule(__doc__, id="duplicate-brand", stage="content", suppressible=True, check=check)
