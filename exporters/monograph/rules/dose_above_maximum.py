"""A dose is above the maximum the same instruction states.

When a dosing instruction gives a `maximum`, no step may require more: a dose above a limit on one dose, or, over the limit's period, more than the limit even at the least the step asks for (its smallest dose, at its longest interval). A step that only allows more ("1 or 2 tablets every 4 to 6 hours, no more than 6 in 24 hours") is what labels say, and the maximum is the cap on it. One of the two numbers is wrong, and a reader would be told two things at once.

A maximum of one ingredient (`ingredient`, for a combination product: at most 4,000 mg of acetaminophen in 24 hours) is compared with how much of that ingredient a step gives: a dose in the form's own units (tablets, mL) times the least of that ingredient in one unit among the strengths of the forms the instruction applies to, or a dose in the limit's unit when the drug has only that one active ingredient.

Passes:

    dosing:
      items:
        - text: 1 or 2 tablets every 4 to 6 hours; no more than 6 tablets in 24 hours.
          steps:
            - dose: {low: 1, high: 2, unit: "{tablet}"}
              every: {low: 4, high: 6, unit: h}
          maximum:
            - {amount: 6, unit: "{tablet}", per: {value: 24, unit: h}}

Fails:

    dosing:
      items:
        - text: 2 tablets every 4 hours; no more than 6 tablets in 24 hours.
          steps:
            - dose: {amount: 2, unit: "{tablet}"}
              every: {value: 4, unit: h}
          maximum:
            - {amount: 6, unit: "{tablet}", per: {value: 24, unit: h}}
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import list_at, section_items

HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1, "d": 24, "wk": 24 * 7}
"""Exact lengths in hours; months and years are not, and limits per month are not compared."""


def _hours(node: Any, end: str = "value") -> float | None:
    if not isinstance(node, dict) or node.get("unit") not in HOURS:
        return None
    value = node.get(end, node.get("value"))
    return value * HOURS[node["unit"]] if isinstance(value, int | float) and value > 0 else None


def _dose(dose: Any, end: str) -> float | None:
    """The dose's amount, or the ``low`` or ``high`` end of its range."""
    if not isinstance(dose, dict):
        return None
    value = dose.get("amount", dose.get(end))
    return value if isinstance(value, int | float) else None


def _doses_in(step: dict[str, Any], hours: float) -> float | None:
    """The fewest doses a step asks for in ``hours``: at its longest interval, and the fewest of a range of times."""
    times = step.get("times")
    fewest = times.get("low") if isinstance(times, dict) else times
    if isinstance(fewest, int):
        period = _hours(step.get("period"))
        return fewest * max(1, math.floor(hours / period)) if period else None
    longest = _hours(step.get("every"), "high")
    return math.floor(hours / longest) if longest else None


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    actives = _active_names(data)
    for index, item in enumerate(section_items(data, "dosing")):
        limits = [m for m in list_at(item, "maximum") if isinstance(m, dict) and isinstance(m.get("amount"), int | float)]
        for s, step in enumerate(list_at(item, "steps")):
            if not isinstance(step, dict) or not isinstance(step.get("dose"), dict):
                continue
            unit = step["dose"].get("unit")
            largest, smallest = _dose(step["dose"], "high"), _dose(step["dose"], "low")
            if largest is None or smallest is None:
                continue
            for limit in limits:
                share = _share(data, item, limit, unit, actives)
                if share is None:
                    continue
                per = _hours(limit.get("per"))
                total = largest if "per" not in limit else (smallest * n if per and (n := _doses_in(step, per)) else None)
                if total is not None and total * share > limit["amount"] * (1 + 1e-9):
                    of = f" of {limit['ingredient']}" if isinstance(limit.get("ingredient"), str) else ""
                    yield f"/dosing/items/{index}/steps/{s}/dose", (
                        f"this step {'asks for at least' if 'per' in limit else 'allows'} "
                        f"{_amount(total * share)} {limit['unit']}{of} {_span(limit)}, above the maximum of "
                        f"{_amount(limit['amount'])} {limit['unit']}{of} that the instruction states; correct the dose "
                        f"or the maximum")


MASS = {"g": 1.0, "mg": 1e-3, "ug": 1e-6, "ng": 1e-9}
"""Units of mass, in grams: a strength in mg and a maximum in g are compared."""


def _active_names(data: dict[str, Any]) -> list[str]:
    return [i["name"] for i in section_items(data, "ingredients")
            if isinstance(i, dict) and isinstance(i.get("name"), str) and i.get("role", "active") == "active"]


def _share(data: dict[str, Any], item: Any, limit: dict[str, Any], unit: Any, actives: list[str]) -> float | None:
    """How much of what the limit counts one unit of the step's dose is, in the limit's unit; None when the two
    cannot be compared."""
    ingredient = limit.get("ingredient")
    if ingredient is None or (actives == [ingredient] and unit == limit.get("unit")):
        return 1.0 if limit.get("unit") == unit else None
    if not isinstance(ingredient, str):
        return None
    shares = [share for form in _forms_of(data, item) for strength in list_at(form, "strengths")
              if (share := _content_per(strength, ingredient, unit, limit.get("unit"), actives)) is not None]
    return min(shares) if shares else None  # the least the step can give: the weakest strength


def _content_per(strength: Any, ingredient: str, unit: Any, limit_unit: Any, actives: list[str]) -> float | None:
    """The amount of ``ingredient`` in one ``unit`` of the form (a tablet; a mL of a solution), in ``limit_unit``."""
    if not isinstance(strength, dict):
        return None
    per_amount, per_unit = strength.get("per_amount"), strength.get("per_unit")
    per = 1.0
    if per_unit is not None:
        if per_unit != unit or not isinstance(per_amount, int | float) or per_amount <= 0:
            return None
        per = float(per_amount)
    elif not _counts_units_of_form(unit):
        return None  # a strength per unit of the form (a tablet) converts only a dose counted in those units
    contents = list_at(strength, "contents") or [strength]
    for content in contents:
        named = content.get("ingredient") if isinstance(content, dict) else None
        if not isinstance(content, dict) or (named != ingredient if named is not None else actives != [ingredient]):
            continue
        amount, content_unit = content.get("amount"), content.get("unit")
        if not isinstance(amount, int | float):
            return None
        if content_unit == limit_unit:
            factor = 1.0
        elif content_unit in MASS and limit_unit in MASS:
            factor = MASS[content_unit] / MASS[limit_unit]
        else:
            return None
        return amount * factor / per
    return None


def _counts_units_of_form(unit: Any) -> bool:
    """Whether a dose in ``unit`` counts units of the form: tablets, capsules, patches; not doses, nor an amount."""
    return unit == "1" or (isinstance(unit, str) and unit.startswith("{") and unit != "{dose}")


def _forms_of(data: dict[str, Any], item: Any) -> list[Any]:
    """The dose forms an instruction applies to: those it names and those of the brands it names, or every form."""
    forms = [f for f in section_items(data, "forms") if isinstance(f, dict)]
    scope = list_at(item, "applies_to")
    if not scope:
        return forms
    names = {n for n in scope if isinstance(n, str)}
    for brand in section_items(data, "brands"):
        if isinstance(brand, dict) and brand.get("name") in names:
            names.update(f for f in list_at(brand, "forms") if isinstance(f, str))
    return [f for f in forms if f.get("id") in names]


def _span(limit: dict[str, Any]) -> str:
    per = limit.get("per")
    if not isinstance(per, dict):
        return "in one dose"
    length, unit = per.get("value", per.get("high")), str(per.get("unit"))
    if not isinstance(length, int | float):
        return "in the stated time"
    word = _TIME_WORDS.get(unit, unit)
    return f"in a {word}" if length == 1 and unit in _TIME_WORDS else f"in {_amount(length)} {word}s"


_TIME_WORDS = {"s": "second", "min": "minute", "h": "hour", "d": "day", "wk": "week", "mo": "month", "a": "year"}


def _amount(value: float) -> str:
    value = round(value, 6)  # a strength's share of a dose is a product of decimals: 3.5999999999999996 is 3.6
    return str(int(value)) if float(value).is_integer() else str(value)


RULE = rule(__doc__, id="dose-above-maximum", stage="content", check=check)
