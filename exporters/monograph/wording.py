"""Words the tool composes, in a monograph's language, for every format that shows them: direction, interface words, dates and durations.

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
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit

from .model import AgeRange, Duration, PartialDate, Population, Rate, Strength, WeightRange, number_text, unit_label

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

SUPPLY_STATUS = {
    "prescription-only": "Prescription only",
    "over-the-counter": "Over the counter",
    "pharmacy-only": "Pharmacy only, without a prescription",
    "hospital-only": "Hospital use only",
    "controlled": "Controlled substance",
}
"""How a supply status is named, wherever the tool names it (the page's drug facts, the JSON-LD's legal status)."""

ADMINISTERED_BY = {"patient": "you take it yourself", "caregiver": "a caregiver gives it",
                   "healthcare-professional": "a healthcare professional gives it"}

GROUPS = {"adults": "adults", "children": "children", "adolescents": "adolescents", "older-adults": "older adults",
          "infants": "infants", "newborns": "newborns"}
SEXES = {"female": "women", "male": "men"}
PREGNANCY = {"pregnant": "during pregnancy", "breastfeeding": "while breastfeeding",
             "able-to-become-pregnant": "people who can become pregnant"}

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

    def alternatives(self, words: list[str]) -> str:
        """'intramuscular or intravenous': CLDR's 'or' list in the page's language."""
        return format_list(words, style="or", locale=self.locale)

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


    # Sentences the tool composes from structured facts; the page and the JSON-LD both say them in these words.

    def supply_status(self, status: str) -> str:
        return self.text(SUPPLY_STATUS[status])

    def given_by(self, who: str) -> str:
        return f"{self.text('Who gives it:')} {self.text(ADMINISTERED_BY[who])}"

    def infusion(self, duration: Duration) -> str:
        return self.text("Given as an infusion over {duration}.", duration=self.duration(duration))

    def observation(self, duration: Duration) -> str:
        return self.text("You will be watched for {duration} after the dose.", duration=self.duration(duration))

    def premedication(self, names: list[str]) -> str:
        return f"{self.text('Given first, to prevent reactions:')} {self.text(', ').join(names)}"

    def rate(self, rate: Rate) -> str:
        """'12% of people vs 11% on placebo', from the studies the rate comes from."""
        percent = self.text("{percent}% of people", percent=self.number(rate.percent))
        if rate.comparator_percent is None:
            return percent
        other = self.number(rate.comparator_percent)
        if rate.comparator is None:
            return self.text("{percent} vs {other}% on placebo", percent=percent, other=other)
        return self.text("{percent} vs {other}% on {comparator}", percent=percent, other=other, comparator=rate.comparator)


    def population(self, population: Population | None) -> str | None:
        """'children, ages 2–11 years, weighing 24–35 lb': who a statement is about."""
        if population is None:
            return None
        words: list[str] = []
        if population.name:
            words.append(population.name)
        elif population.group:
            words.append(self.text(GROUPS[population.group]))
        if population.age is not None:
            words.append(self.age(population.age))
        if population.weight is not None:
            words.append(self.weight(population.weight))
        if population.sex:
            words.append(self.text(SEXES[population.sex]))
        if population.pregnancy:
            words.append(self.text(PREGNANCY[population.pregnancy]))
        words += [c.label for c in population.conditions]
        return self.text(", ").join(words) or None

    def age(self, age: AgeRange) -> str:
        low, high = age.min, age.max
        if low is not None and high is not None:
            return self.text("ages {range}", range=self.duration(Duration(age.unit, low=low, high=high)))
        if low is not None:
            return self.text("{age} and older", age=self.duration(Duration(age.unit, value=low)))
        assert high is not None
        return self.text("up to {age}", age=self.duration(Duration(age.unit, value=high)))

    def weight(self, weight: WeightRange) -> str:
        unit = "kg" if weight.unit == "kg" else "lb"
        low, high = self.number(weight.min), self.number(weight.max)
        if weight.min is not None and weight.max is not None:
            return self.text("weighing {range}", range=f"{low}\u2013{high} {unit}")
        if weight.min is not None:
            return self.text("weighing {weight} or more", weight=f"{low} {unit}")
        return self.text("weighing up to {weight}", weight=f"{high} {unit}")


    def strength(self, strength: Strength) -> str:
        """'10 mg', '5 mg/5 mL', or, with the ingredients named, '875 mg amoxicillin + 125 mg clavulanate'."""
        if not any(c.ingredient for c in strength.contents):
            return strength.text
        parts = [" ".join(w for w in (self.number(c.amount), unit_label(c.unit), c.ingredient.name if c.ingredient else None) if w)
                 for c in strength.contents]
        text = " + ".join(parts)
        if strength.per_unit is None:
            return text
        per = unit_label(strength.per_unit) if strength.per_amount in (None, 1) else \
            f"{self.number(strength.per_amount)} {unit_label(strength.per_unit)}"
        return self.text("{amount} per {unit}", amount=text, unit=per)


def readable_date(date: PartialDate, language: str = "en") -> str:
    return Language(language).date(date)
