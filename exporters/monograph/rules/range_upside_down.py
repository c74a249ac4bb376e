"""A range runs backwards.

In every range the first end must not exceed the second: an age or weight `min` above its `max`, a dose, a duration or a number of times (`times: {low: 4, high: 3}`) whose `low` is above its `high`, a storage temperature whose `min` is above its `max`. Usually the two numbers were swapped.

Passes:

    indications:
      items:
        - name: Allergic rhinitis
          population: {age: {min: 2, max: 5, unit: a}}

Fails:

    indications:
      items:
        - name: Allergic rhinitis
          population: {age: {min: 5, max: 2, unit: a}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import document_walk

_ENDS = (("min", "max"), ("low", "high"))


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    walk = document_walk(data, context)
    nodes = walk.nodes
    for at in walk.dicts:
        node = nodes[at]
        for first, second in _ENDS:
            low, high = node.get(first), node.get(second)
            if isinstance(low, int | float) and isinstance(high, int | float) and _number(low) and _number(high) \
                    and low > high:
                yield f"{walk.pointer(at)}/{first}", f"the range runs backwards: '{first}' is {low} but '{second}' is {high}; swap them"


RULE = rule(__doc__, id="range-upside-down", stage="content", check=check)
