"""The validated monograph as frozen dataclasses: what every exporter sees.

No I/O here and no knowledge of any output format. References inside a file
(a brand's dose forms, a statement's citations) are resolved to the objects
themselves, so exporters never look anything up by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .dates import PartialDate  # noqa: F401 - part of the model

# Rich text is part of the model; its classes live beside the parser that makes them.
from .richtext import Emphasis, Inline, Link, Paragraph, Prose, Strong, Text, parse_prose, plain_text  # noqa: F401

# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class Codes:
    rxnorm: str | None = None
    atc: str | None = None
    unii: str | None = None
    snomed: str | None = None
    edqm: str | None = None

    def items(self) -> tuple[tuple[str, str], ...]:
        """(system name, code) pairs in a fixed order."""
        return tuple((name, value) for name in CODE_SYSTEMS if (value := getattr(self, name)) is not None)

    def __bool__(self) -> bool:
        return bool(self.items())


CODE_SYSTEMS = ("rxnorm", "atc", "unii", "snomed", "edqm")

CODE_SYSTEM_NAMES = {
    "rxnorm": "RxNorm",
    "atc": "ATC",
    "unii": "UNII",
    "snomed": "SNOMED CT",
    "edqm": "EDQM Standard Terms",
}
"""How each code system is named for people."""


@dataclass(frozen=True)
class Concept:
    name: str
    explanation: str | None = None
    codes: Codes = field(default_factory=Codes)

    @property
    def label(self) -> str:
        """The name with its explanation in brackets, as a reader sees it."""
        return f"{self.name} ({self.explanation})" if self.explanation else self.name


@dataclass(frozen=True)
class Citation:
    id: str
    kind: str
    title: str
    url: str
    publisher: str | None = None
    date: PartialDate | None = None


Cites = tuple[Citation, ...]


@dataclass(frozen=True)
class Strength:
    amount: float | int
    unit: str
    per_amount: float | int | None = None
    per_unit: str | None = None

    @property
    def text(self) -> str:
        """The strength as a reader writes it: '10 mg', '5 mg/5 mL', '500 mcg/mL'."""
        unit = _UNIT_LABELS.get(self.unit, self.unit)
        text = f"{_number(self.amount)} {unit}"
        if self.per_unit is not None:
            per_unit = _UNIT_LABELS.get(self.per_unit, self.per_unit)
            per = per_unit if self.per_amount == 1 else f"{_number(self.per_amount)} {per_unit}"
            text += f"/{per}"
        return text


_UNIT_LABELS = {"ug": "mcg", "[iU]": "IU", "1": "unit"}


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class DoseForm:
    id: str
    name: str
    route: Concept
    codes: Codes = field(default_factory=Codes)
    delivery: str | None = None
    strengths: tuple[Strength, ...] = ()


@dataclass(frozen=True)
class Brand:
    name: str
    forms: tuple[DoseForm, ...]


@dataclass(frozen=True)
class Indication:
    name: str
    explanation: str | None
    codes: Codes
    symptoms: tuple[Concept, ...]
    cites: Cites

    @property
    def label(self) -> str:
        return f"{self.name} ({self.explanation})" if self.explanation else self.name


@dataclass(frozen=True)
class SideEffect:
    name: str
    frequency: str
    explanation: str | None = None
    note: str | None = None
    serious: bool = False
    codes: Codes = field(default_factory=Codes)
    cites: Cites = ()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.explanation})" if self.explanation else self.name


@dataclass(frozen=True)
class Interactant:
    name: str
    kind: str
    codes: Codes = field(default_factory=Codes)


@dataclass(frozen=True)
class Precaution:
    kind: str
    text: str
    concept: Concept | None = None
    interactants: tuple[Interactant, ...] = ()
    effect: str | None = None
    cites: Cites = ()
    contraindicated: bool = False
    """The drug must not be used at all in this case, rather than used with caution."""


@dataclass(frozen=True)
class Advice:
    topic: str
    text: Prose
    cites: Cites = ()


T = TypeVar("T")


@dataclass(frozen=True)
class Section(Generic[T]):
    """A page section: a heading, optional text around a list of items, and what it cites."""

    heading: str
    items: tuple[T, ...]
    intro: Prose | None = None
    outro: Prose | None = None
    cites: Cites = ()


@dataclass(frozen=True)
class Mechanism:
    heading: str
    text: Prose
    fully_understood: bool
    cites: Cites = ()


@dataclass(frozen=True)
class BoxedWarning:
    heading: str
    text: Prose
    intro: Prose | None = None
    risks: tuple[Concept, ...] = ()
    advice: Prose | None = None
    forms: tuple[DoseForm, ...] = ()
    """The dose forms whose label carries the warning; empty when it applies to all."""
    cites: Cites = ()


@dataclass(frozen=True)
class Review:
    reviewer: str
    reviewer_type: str
    last_reviewed: PartialDate


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Drug:
    generic_name: str
    prescription_status: str
    codes: Codes = field(default_factory=Codes)
    classes: tuple[Concept, ...] = ()


@dataclass(frozen=True)
class Monograph:
    """One validated monograph. ``key`` names its outputs: the id, or ``id.lang`` for a translation."""

    key: str
    id: str
    language: str
    title: str
    url: str
    summary: Prose
    review: Review
    drug: Drug
    ingredients: Section[Concept]
    indications: Section[Indication]
    citations: tuple[Citation, ...]
    publisher: Publisher | None = None
    modified: PartialDate | None = None
    brands: Section[Brand] | None = None
    forms: Section[DoseForm] | None = None
    mechanism: Mechanism | None = None
    side_effects: Section[SideEffect] | None = None
    boxed_warning: BoxedWarning | None = None
    precautions: Section[Precaution] | None = None
    advice: Section[Advice] | None = None

    @property
    def updated(self) -> PartialDate:
        """The later of the last review and the last modification."""
        if self.modified is not None and self.modified.last_day > self.review.last_reviewed.last_day:
            return self.modified
        return self.review.last_reviewed
