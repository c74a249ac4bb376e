"""A strength names an unknown ingredient, or not which one it is of.

A strength's `ingredient`, and each `ingredient` in its `contents`, must be the name of an entry under `ingredients.items`, written exactly as there. When the drug has more than one active ingredient, every strength must say which ingredient it is of (or give `contents` for a combination), or a partner cannot tell 875 mg of amoxicillin from 875 mg of clavulanate.

Passes:

    forms:
      items:
        - id: tablet
          name: Tablet
          route: {name: oral}
          strengths:
            - {amount: 10, unit: mg, ingredient: baclofen}

Fails:

    forms:
      items:
        - id: tablet
          name: Tablet
          route: {name: oral}
          strengths:
            - {amount: 10, unit: mg, ingredient: baclophen}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import list_at, section_items


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    ingredients = [i for i in section_items(data, "ingredients") if isinstance(i, dict)]
    names = {i["name"] for i in ingredients if isinstance(i.get("name"), str)}
    actives = [i for i in ingredients if i.get("role", "active") == "active"]
    for f, form in enumerate(section_items(data, "forms")):
        for s, strength in enumerate(list_at(form, "strengths")):
            if not isinstance(strength, dict):
                continue
            pointer = f"/forms/items/{f}/strengths/{s}"
            named = [(f"{pointer}/ingredient", strength.get("ingredient"))]
            named += [(f"{pointer}/contents/{c}/ingredient", part.get("ingredient"))
                      for c, part in enumerate(list_at(strength, "contents")) if isinstance(part, dict)]
            for where, name in named:
                if isinstance(name, str) and name not in names:
                    import difflib  # a suggestion is needed only for a name that is not found

                    close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.6)
                    hint = f"; did you mean '{close[0]}'?" if close else f"; the ingredients are: {', '.join(sorted(names))}"
                    yield where, f"'{name}' is not the name of any ingredient{hint}"
            if len(actives) > 1 and "amount" in strength and "ingredient" not in strength:
                yield pointer, ("the drug has several active ingredients; say which one this strength is of "
                                "('ingredient'), or give the amount of each ('contents')")


RULE = rule(__doc__, id="ingredient-unresolved", stage="content", check=check)
