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
