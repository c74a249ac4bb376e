"""An ingredient name is unknown, or a strength does not say its ingredient.

A strength's `ingredient`, each `ingredient` in its `contents`, and the `ingredient` of a dosing maximum must be the name of an entry under `ingredients.items`, written exactly as there. When the drug has more than one active ingredient, every strength must say which ingredient it is of (or give `contents` for a combination), or a partner cannot tell 875 mg of amoxicillin from 875 mg of clavulanate.

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
    for where, name in _named(data):
        if isinstance(name, str) and name not in names:
            import difflib  # a suggestion is needed only for a name that is not found

            close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the ingredients are: {', '.join(sorted(names))}"
            yield where, f"'{name}' is not the name of any ingredient{hint}"
    for f, form in enumerate(section_items(data, "forms")):
        for s, strength in enumerate(list_at(form, "strengths")):
            if not isinstance(strength, dict):
                continue
            pointer = f"/forms/items/{f}/strengths/{s}"
            if len(actives) > 1 and "amount" in strength and "ingredient" not in strength:
                yield pointer, ("the drug has several active ingredients; say which one this strength is of "
                                "('ingredient'), or give the amount of each ('contents')")


def _named(data: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Each place that names an ingredient, with the name written there."""
    for f, form in enumerate(section_items(data, "forms")):
        for s, strength in enumerate(list_at(form, "strengths")):
            if isinstance(strength, dict):
                pointer = f"/forms/items/{f}/strengths/{s}"
                yield f"{pointer}/ingredient", strength.get("ingredient")
                yield from ((f"{pointer}/contents/{c}/ingredient", part.get("ingredient"))
                            for c, part in enumerate(list_at(strength, "contents")) if isinstance(part, dict))
    for d, item in enumerate(section_items(data, "dosing")):
        yield from ((f"/dosing/items/{d}/maximum/{m}/ingredient", limit.get("ingredient"))
                    for m, limit in enumerate(list_at(item, "maximum")) if isinstance(limit, dict))


RULE = rule(__doc__, id="ingredient-unresolved", stage="content", check=check)
