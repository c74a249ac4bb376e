"""The review or modification date is in the future.

A page cannot have been reviewed or changed on a day that has not come yet. Usually a typo in the year.

Passes:

    modified: 2023-04

Fails:

    modified: 2203-04
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .invalid_date import dated_fields, well_shaped


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    for pointer, value, not_future in dated_fields(data):
        date = well_shaped(value)
        if not_future and date is not None and date.is_real() and date.first_day > context.today:
            yield pointer, f"{value} is in the future; check the year"


RULE = rule(__doc__, id="review-date-in-future", stage="content", check=check)
