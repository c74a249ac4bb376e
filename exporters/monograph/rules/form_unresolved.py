"""A brand names a dose form that does not exist.

Each entry in a brand's `forms` list must be the id of an entry under `forms.items`.

Passes:

    brands:
      items:
        - {name: Lioresal, forms: [tablet]}

Fails:

    brands:
      items:
        - {name: Lioresal, forms: [tablets]}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import form_ids, list_at, section_items


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    known = form_ids(data)
    form_lists = [(f"/brands/items/{b}/forms", list_at(brand, "forms")) for b, brand in enumerate(section_items(data, "brands"))]
    for pointer, forms in form_lists:
        for index, form in enumerate(forms):
            if isinstance(form, str) and form not in known:
                hint = f"; the forms are: {', '.join(sorted(known))}" if known else "; list the form under 'forms'"
                yield f"{pointer}/{index}", f"'{form}' is not the id of any dose form{hint}"


RULE = rule(__doc__, id="form-unresolved", stage="content", check=check)
