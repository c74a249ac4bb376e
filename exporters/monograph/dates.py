"""Partial dates: a year, a month or a day, as an author writes them (``2023``, ``2023-04``, ``2023-04-17``).

A reviewed month is all the seed page says ("Last reviewed: April 2023"), so
the model keeps the precision the author gave rather than inventing a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

SHAPE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")
"""What the schema accepts; a date of this shape may still not be on the calendar (2023-02-30)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as the author wrote it."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)  # type: ignore[arg-type]

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def is_real(self) -> bool:
        try:
            dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError:
            return False
        return True


_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_NUMBERS = re.compile(r"[0-9]+")


def what_is_wrong(text: str) -> str:
    """Why ``text`` is not a date as monographs write them (YYYY, YYYY-MM or YYYY-MM-DD), naming the real problem."""
    words = text.strip()
    parts = words.split("-")
    if all(_NUMBERS.fullmatch(p) for p in parts) and 1 <= len(parts) <= 3:
        return _numeric_problem(parts)
    if "/" in words or "." in words:
        return "write the parts with '-' between them, year first: YYYY-MM-DD, such as 2023-04-12"
    if "t" in words.lower() and words[:10].count("-") == 2:
        return f"leave out the time: {words[:10]}"
    named = [_MONTHS.get(w.strip(",.").lower()) for w in words.split()]
    years = [w for w in words.split() if _NUMBERS.fullmatch(w) and len(w) == 4]
    if any(named) and years:
        month = next(m for m in named if m)
        return f"write the month as numbers, year first: {years[0]}-{month:02d}"
    return "write a year (2023), a month (2023-04) or a day (2023-04-12)"


def _numeric_problem(parts: list[str]) -> str:
    year, rest = parts[0], parts[1:]
    if len(year) != 4:
        if rest and len(rest[-1]) == 4:
            return "write the year first: YYYY-MM-DD, such as 2023-04-12"
        return f"the year must have four digits, found '{year}'"
    names = ("month", "day")
    for name, part in zip(names, rest, strict=False):
        if len(part) == 1:
            return f"write the {name} with two digits: " + "-".join([year] + [p.zfill(2) for p in rest])
        if len(part) != 2:
            return f"the {name} must have two digits, found '{part}'"
    if rest and not 1 <= int(rest[0]) <= 12:
        return f"there is no month {int(rest[0])} (months are 01 to 12)"
    if len(rest) == 2:
        month = int(rest[0])
        days = calendar.monthrange(int(year), month)[1]
        if not 1 <= int(rest[1]) <= days:
            return f"there is no day {int(rest[1])} in {calendar.month_name[month]} {year} (it has {days} days)"
    return "write a year (2023), a month (2023-04) or a day (2023-04-12)"
