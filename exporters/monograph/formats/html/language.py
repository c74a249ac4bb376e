"""The page's language: its direction, its interface words, and dates and durations as its readers write them.

Interface words come from gettext catalogues (``messages/LANG.po``), read with
Babel; dates, month names and units of time come from CLDR through Babel. A
language without a catalogue, or a word its catalogue lacks, falls back to
English, and the page marks those words ``lang="en"`` (``Language.translated``
says which).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

from ...model import Duration, PartialDate, number_text

# Languages written right to left, by primary subtag; a script subtag overrides
# them (ku-Arab is right to left, az-Latn left to right).
RTL_LANGUAGES = frozenset({
    "ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he", "iw", "ks", "lrc",
    "mzn", "nqo", "pnb", "prs", "ps", "sd", "skr", "syr", "ug", "ur", "yi",
})
RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa"})

CATALOGUE_FOLDER = "messages"
SHIPPED = ("en", "es", "fr", "de", "ar", "zh")
"""The languages the page's interface is written in; English is the msgids themselves."""

TIME_UNITS = {"s": "duration-second", "min": "duration-minute", "h": "duration-hour", "d": "duration-day",
              "wk": "duration-week", "mo": "duration-month", "a": "duration-year"}


def text_direction(language: str) -> str:
    subtags = language.split("-")
    scripts = [s for s in subtags[1:] if len(s) == 4 and s.isalpha()]
    if scripts:
        return "rtl" if scripts[0].title() in RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0].lower() in RTL_LANGUAGES else "ltr"


def primary(language: str) -> str:
    return language.split("-")[0].lower()


@cache
def catalogue(language: str) -> Catalog | None:
    """The interface catalogue of a primary language subtag, or None when none is shipped."""
    if language == "en" or language not in SHIPPED:
        return None
    source = resources.files(__package__).joinpath(CATALOGUE_FOLDER, f"{language}.po")
    if not source.is_file():
        return None
    with source.open("rb") as handle:
        return read_po(handle, locale=language)


@cache
def locale_of(language: str) -> Locale:
    """The CLDR locale of a BCP 47 tag, or of its primary subtag, or English."""
    for tag in (language.replace("-", "_"), primary(language)):
        try:
            return Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


class Language:
    """The words of one page's interface in its language."""

    def __init__(self, language: str):
        self.tag = language
        self.direction = text_direction(language)
        # Dates come from CLDR, which knows far more languages than the interface catalogues do.
        self.locale = locale_of(language)
        self.catalogue = catalogue(primary(language))
        self.english = primary(language) == "en"

    def translated(self, message: str) -> bool:
        """Whether the page says ``message`` in its own language (English pages always do)."""
        if self.english:
            return True
        entry = self.catalogue.get(message) if self.catalogue is not None else None
        return bool(entry is not None and entry.string and not entry.fuzzy)

    def text(self, message: str, **values: str) -> str:
        """``message`` in the page's language when its catalogue has it, else in English, with ``values`` filled in."""
        entry = self.catalogue.get(message) if self.catalogue is not None and not self.english else None
        words = entry.string if entry is not None and entry.string and not entry.fuzzy else message
        assert isinstance(words, str)
        return words.format(**values) if values else words

    def date(self, date: PartialDate) -> str:
        """'2023', 'April 2023' or 'April 3, 2023', as CLDR writes them in the page's language."""
        if date.month is None:
            return str(date.year)
        day = dt.date(date.year, date.month, date.day or 1)
        if date.day is None:
            return format_skeleton("yMMMM", day, locale=self.locale)
        return format_date(day, "long", locale=self.locale)

    def number(self, value: float | int | None) -> str:
        if value is None:
            return ""
        return format_decimal(value, locale=self.locale) if not self.english else number_text(value)

    def duration(self, duration: Duration) -> str:
        """'3 days', '30–60 minutes': CLDR's words for the unit, in the plural the largest value takes."""
        unit = TIME_UNITS[duration.unit]
        most = duration.value if duration.value is not None else duration.high
        assert most is not None
        words = format_unit(most, unit, length="long", locale=self.locale)
        if duration.value is not None or duration.low is None:
            return words
        number = format_decimal(most, locale=self.locale)
        span = f"{format_decimal(duration.low, locale=self.locale)}\u2013{number}"
        return words.replace(number, span, 1) if number in words else f"{span} {words}"


def readable_date(date: PartialDate, language: str = "en") -> str:
    return Language(language).date(date)
