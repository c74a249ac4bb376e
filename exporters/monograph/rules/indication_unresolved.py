"""A dosing instruction names an indication that does not exist.

A dosing instruction's `indication` says which use the dose is for; it must be the `name` of an entry under `indications.items`, written exactly as there.

Passes:

    dosing:
      items:
        - text: 10 mg three times a day.
          indication: Spasticity resulting from multiple sclerosis

Fails:

    dosing:
      items:
        - text: 10 mg three times a day.
          indication: Spasticity
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import section_items


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    names = {i["name"] for i in section_items(data, "indications") if isinstance(i, dict) and isinstance(i.get("name"), str)}
    for index, item in enumerate(section_items(data, "dosing")):
        named = item.get("indication") if isinstance(item, dict) else None
        if isinstance(named, str) and named not in names:
            import difflib  # a suggestion is needed only for a name that is not found

            close = difflib.get_close_matches(named, sorted(names), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the indications are: {', '.join(sorted(names))}"
            yield f"/dosing/items/{index}/indication", f"'{named}' is not the name of any indication{hint}"


RULE = rule(__doc__, id="indication-unresolved", stage="content", check=check)
