"""A dose is above the maximum the same instruction states.

When a dosing instruction gives a `maximum`, no step may require more: a dose above a limit on one dose, or, over the limit's period, more than the limit even at the least the step asks for (its smallest dose, at its longest interval). A step that only allows more ("1 or 2 tablets every 4 to 6 hours, no more than 6 in 24 hours") is what labels say, and the maximum is the cap on it. One of the two numbers is wrong, and a reader would be told two things at once.

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
    for index, item in enumerate(section_items(data, "dosing")):
        limits = [m for m in list_at(item, "maximum") if isinstance(m, dict) and isinstance(m.get("amount"), int | float)]
        for s, step in enumerate(list_at(item, "steps")):
            if not isinstance(step, dict) or not isinstance(step.get("dose"), dict):
                continue
            unit = step["dose"].get("unit")
            largest, smallest = _dose(step["dose"], "high"), _dose(step["dose"], "low")
            for limit in limits:
                if largest is None or smallest is None or limit.get("unit") != unit:
                    continue
                per = _hours(limit.get("per"))
                total = largest if "per" not in limit else (smallest * n if per and (n := _doses_in(step, per)) else None)
                if total is not None and total > limit["amount"]:
                    yield f"/dosing/items/{index}/steps/{s}/dose", (
                        f"this step {'asks for at least' if 'per' in limit else 'allows'} {_amount(total)} {unit} "
                        f"{_span(limit)}, above the maximum of "
                        f"{_amount(limit['amount'])} {unit} that the instruction states; correct the dose or the maximum")


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
    return str(int(value)) if float(value).is_integer() else str(value)


RULE = rule(__doc__, id="dose-above-maximum", stage="content", check=check)
