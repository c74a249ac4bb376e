"""A date does not exist.

Dates are checked against the calendar: 2023-02-30 has the right shape but is not a day.

Passes:

    modified: 2023-02-28

Fails:

    modified: 2023-02-30
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..dates import SHAPE, PartialDate, what_is_wrong
from .base import CheckContext, Finding, rule
from .walk import list_at


def dated_fields(data: dict[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """(pointer, value, whether it may not lie in the future) for every date the schema allows."""
    review = data.get("review")
    yield "/review/last_reviewed", review.get("last_reviewed") if isinstance(review, dict) else None, True
    yield "/modified", data.get("modified"), True
    for index, citation in enumerate(list_at(data, "citations")):
        if isinstance(citation, dict):
            yield f"/citations/{index}/date", citation.get("date"), False


def well_shaped(value: Any) -> PartialDate | None:
    """The date, when the schema's shape holds; a date of the wrong shape is the schema's to report."""
    return PartialDate.parse(value) if isinstance(value, str) and SHAPE.fullmatch(value) else None


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    for pointer, value, _ in dated_fields(data):
        date = well_shaped(value)
        if date is not None and not date.is_real():
            yield pointer, f"{value} is not a real date: {what_is_wrong(value)}"


RULE = rule(__doc__, id="invalid-date", stage="content", check=check)
