"""The validated monograph as frozen dataclasses: what every exporter sees.

No I/O here and no knowledge of any output format. References inside a file
(a brand's dose forms, a statement's citations, the forms and brands a
statement applies to) are resolved to the objects themselves, so exporters
never look anything up by id.

Clinical statements carry a ``Scope`` (the forms and brands they are about;
empty means the whole drug) and may carry a ``Population`` (who they are
about). An exporter must not state a scoped fact of the whole drug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .dates import PartialDate

# Rich text is part of the model; its classes live beside the parser that makes them.
from .richtext import Emphasis, Inline, Link, Paragraph, Prose, Strong, Text, parse_prose, plain_text  # noqa: F401

__all__ = ["PartialDate"]

# ---------------------------------------------------------------- codes

CODE_SYSTEMS = ("rxnorm", "atc", "unii", "snomed", "edqm", "loinc")

CODE_SYSTEM_NAMES = {
    "rxnorm": "RxNorm",
    "atc": "ATC",
    "unii": "UNII",
    "snomed": "SNOMED CT",
    "edqm": "EDQM Standard Terms",
    "loinc": "LOINC",
}
"""How each code system is named for people."""


@dataclass(frozen=True)
class Codes:
    """Codes for one concept: (system, code) pairs in system order, a system's current code first."""

    pairs: tuple[tuple[str, str], ...] = ()
    former: tuple[tuple[str, str], ...] = ()
    """Codes the concept no longer has (an ATC code WHO has changed), for partners with older data."""

    def items(self) -> tuple[tuple[str, str], ...]:
        return self.pairs

    def all(self, system: str) -> tuple[str, ...]:
        return tuple(code for name, code in self.pairs if name == system)

    def first(self, system: str) -> str | None:
        return next((code for name, code in self.pairs if name == system), None)

    @property
    def rxnorm(self) -> str | None:
        return self.first("rxnorm")

    @property
    def atc(self) -> str | None:
        return self.first("atc")

    @property
    def unii(self) -> str | None:
        return self.first("unii")

    @property
    def snomed(self) -> str | None:
        return self.first("snomed")

    @property
    def edqm(self) -> str | None:
        return self.first("edqm")

    @property
    def loinc(self) -> str | None:
        return self.first("loinc")

    def __bool__(self) -> bool:
        return bool(self.pairs)


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

# ---------------------------------------------------------------- amounts and times


@dataclass(frozen=True)
class Quantity:
    """An amount in a UCUM unit: exact (``amount``) or a range (``low`` to ``high``)."""

    unit: str
    amount: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None

    @property
    def most(self) -> float | int:
        """The largest amount it allows."""
        value = self.amount if self.amount is not None else self.high
        assert value is not None
        return value


@dataclass(frozen=True)
class Duration:
    """A length of time in a UCUM unit of time: exact (``value``) or a range (``low`` to ``high``)."""

    unit: str
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None


@dataclass(frozen=True)
class Times:
    """How many times in a period: exact (``low`` equals ``high``: twice) or a range ('3 to 4 times')."""

    low: int
    high: int

    @property
    def exact(self) -> int | None:
        """The number of times when it is one number, else None."""
        return self.low if self.low == self.high else None


@dataclass(frozen=True)
class Limit:
    """At most ``amount`` ``unit`` in ``per`` (or in one dose, when ``per`` is None)."""

    amount: float | int
    unit: str
    per: Duration | None = None
    text: str | None = None
    ingredient: str | None = None
    """The active ingredient a maximum limits, for a product with several; None for the product or its only one."""


UNIT_LABELS = {
    "ug": "mcg", "[iU]": "IU", "[USP'U]": "units", "U": "units", "1": "unit", "meq": "mEq", "uL": "microlitres",
    "{tablet}": "tablet", "{capsule}": "capsule", "{drop}": "drop", "{puff}": "puff", "{actuation}": "actuation",
    "{spray}": "spray", "{patch}": "patch", "{suppository}": "suppository", "{vial}": "vial", "{syringe}": "syringe",
    "{sachet}": "sachet", "{application}": "application", "{dose}": "dose", "mg/m2": "mg/m²", "ug/m2": "mcg/m²",
    "ug/kg": "mcg/kg",
}
"""How a UCUM unit code is written for people, where it differs from the code."""


def unit_label(unit: str) -> str:
    return UNIT_LABELS.get(unit, unit)


def mentioned(words: str, name: str) -> bool:
    """Whether prose already says a name, so that what is made from it need not repeat it."""
    return name.casefold() in words.casefold()


def number_text(value: float | int | None) -> str:
    """A number as people write it: 5, not 5.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- the drug's make-up


@dataclass(frozen=True)
class IngredientAmount:
    """How much of one ingredient is in a strength.

    ``ingredient`` names it (the name and codes of an entry under
    ingredients), or is None when the drug has one active ingredient.
    """

    amount: float | int
    unit: str
    ingredient: Concept | None = None


@dataclass(frozen=True)
class Strength:
    contents: tuple[IngredientAmount, ...]
    per_amount: float | int | None = None
    per_unit: str | None = None

    @property
    def amount(self) -> float | int:
        """The first (for most drugs, the only) ingredient's amount."""
        return self.contents[0].amount

    @property
    def unit(self) -> str:
        return self.contents[0].unit

    @property
    def text(self) -> str:
        """The strength as a reader writes it: '10 mg', '5 mg/5 mL', '500 mcg/mL', '875 mg/125 mg',
        '400 mg/57 mg per 5 mL'."""
        text = "/".join(f"{number_text(c.amount)} {unit_label(c.unit)}" for c in self.contents)
        if self.per_unit is None:
            return text
        per = unit_label(self.per_unit) if self.per_amount == 1 else f"{number_text(self.per_amount)} {unit_label(self.per_unit)}"
        return f"{text} per {per}" if len(self.contents) > 1 else f"{text}/{per}"


@dataclass(frozen=True)
class DoseForm:
    id: str
    name: str
    routes: tuple[Concept, ...]
    """Every route the form is given by, the usual one first ('for intramuscular or intravenous use')."""
    codes: Codes = field(default_factory=Codes)
    delivery: str | None = None
    strengths: tuple[Strength, ...] = ()
    administered_by: str | None = None


@dataclass(frozen=True)
class Brand:
    name: str
    forms: tuple[DoseForm, ...] = ()


@dataclass(frozen=True)
class Scope:
    """The forms and brands a statement is about; empty means every form and brand of the drug."""

    forms: tuple[DoseForm, ...] = ()
    brands: tuple[Brand, ...] = ()

    @property
    def whole_drug(self) -> bool:
        return not self.forms and not self.brands

    def covers(self, form: DoseForm, brand: Brand | None = None) -> bool:
        """Whether the statement holds for ``form`` (as sold under ``brand``, when given).

        A statement about a brand does not hold for the form as such: other
        brands of the same form may differ (one orally disintegrating tablet
        contains phenylalanine, another does not).
        """
        return self.whole_drug or form in self.forms or (brand is not None and brand in self.brands)


@dataclass(frozen=True)
class Ingredient(Concept):
    """An ingredient the page names: a concept, with its role and the forms or brands it is in."""

    role: str = "active"
    """'active', or 'excipient' for an inactive ingredient the page names."""
    scope: Scope = field(default_factory=Scope)
    cites: Cites = ()


@dataclass(frozen=True)
class AgeRange:
    unit: str
    """a (years), mo, wk or d."""
    min: float | int | None = None
    max: float | int | None = None
    """Inclusive, in whole units: 'ages 2 to 5' is min 2, max 5."""


@dataclass(frozen=True)
class WeightRange:
    unit: str
    min: float | int | None = None
    max: float | int | None = None


@dataclass(frozen=True)
class Population:
    """Who a statement is about."""

    name: str | None = None
    group: str | None = None
    age: AgeRange | None = None
    weight: WeightRange | None = None
    sex: str | None = None
    pregnancy: str | None = None
    conditions: tuple[Concept, ...] = ()


@dataclass(frozen=True)
class SupplyStatus:
    status: str
    jurisdiction: str | None = None
    schedule: str | None = None
    scope: Scope = field(default_factory=Scope)
    note: str | None = None
    cites: Cites = ()


@dataclass(frozen=True)
class Program:
    """A risk program the drug is supplied under, such as a US REMS."""

    name: str
    kind: str
    text: Prose | None = None
    url: str | None = None
    scope: Scope = field(default_factory=Scope)
    cites: Cites = ()


@dataclass(frozen=True)
class Drug:
    generic_name: str
    codes: Codes = field(default_factory=Codes)
    classes: tuple[Concept, ...] = ()
    supply: tuple[SupplyStatus, ...] = ()
    programs: tuple[Program, ...] = ()


# ---------------------------------------------------------------- clinical statements


@dataclass(frozen=True)
class Indication:
    name: str
    explanation: str | None
    codes: Codes
    symptoms: tuple[Concept, ...]
    cites: Cites
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.explanation})" if self.explanation else self.name


@dataclass(frozen=True)
class Rate:
    """How many people had a side effect in the label's studies, with the comparison group's rate."""

    percent: float | int
    comparator_percent: float | int | None = None
    comparator: str | None = None
    """Who the comparison group took; None with a comparator rate means placebo."""


@dataclass(frozen=True)
class SideEffect:
    name: str
    frequency: str | None = None
    explanation: str | None = None
    note: str | None = None
    serious: bool = False
    codes: Codes = field(default_factory=Codes)
    cites: Cites = ()
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None
    rate: Rate | None = None

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
    concepts: tuple[Concept, ...] = ()
    interactants: tuple[Interactant, ...] = ()
    effect: str | None = None
    cites: Cites = ()
    contraindicated: bool = False
    """The drug must not be used at all in this case, rather than used with caution."""
    effects: tuple[Concept, ...] = ()
    risk_factors: tuple[Concept, ...] = ()
    warning_signs: tuple[Concept, ...] = ()
    above_dose: Limit | None = None
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None

    @property
    def concept(self) -> Concept | None:
        """The first concept, for formats that take one."""
        return self.concepts[0] if self.concepts else None


@dataclass(frozen=True)
class Advice:
    topic: str
    text: Prose
    cites: Cites = ()
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None


@dataclass(frozen=True)
class DoseStep:
    """One step of a dosing schedule."""

    dose: Quantity
    times: Times | None = None
    period: Duration | None = None
    """``times`` in each ``period``: twice (2) a day (1 d)."""
    every: Duration | None = None
    as_needed: bool = False
    duration: Duration | None = None
    after: Duration | None = None
    """How long after the step before this one begins."""
    divided_into: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class DosingInstruction:
    text: Prose
    indication: Indication | None = None
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None
    steps: tuple[DoseStep, ...] = ()
    maximum: tuple[Limit, ...] = ()
    infusion_duration: Duration | None = None
    premedication: tuple[Concept, ...] = ()
    observation: Duration | None = None
    administered_by: str | None = None
    cites: Cites = ()


@dataclass(frozen=True)
class MonitoringTest:
    test: Concept
    text: Prose
    when: tuple[str, ...] = ()
    """before-start, before-each-dose, during, after-stopping."""
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None
    cites: Cites = ()


@dataclass(frozen=True)
class TemperatureRange:
    """Degrees Celsius."""

    min: float | int | None = None
    max: float | int | None = None


@dataclass(frozen=True)
class Instruction:
    """One entry of a section of plain instructions: missed dose, storage and disposal, overdose."""

    text: Prose
    scope: Scope = field(default_factory=Scope)
    population: Population | None = None
    cites: Cites = ()
    temperature: TemperatureRange | None = None
    disposal: bool = False
    symptoms: tuple[Concept, ...] = ()


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
    fully_understood: bool | None = None
    """None when the page does not say."""
    cites: Cites = ()


@dataclass(frozen=True)
class BoxedWarning:
    heading: str
    text: Prose
    intro: Prose | None = None
    risks: tuple[Concept, ...] = ()
    advice: Prose | None = None
    scope: Scope = field(default_factory=Scope)
    """The forms and brands whose label carries the warning; whole drug when it applies to all."""
    cites: Cites = ()
    population: Population | None = None

    @property
    def forms(self) -> tuple[DoseForm, ...]:
        return self.scope.forms


# ---------------------------------------------------------------- the monograph


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
class Monograph:
    """One validated monograph. ``key`` names its outputs: the id, or ``id.lang`` for a translation."""

    key: str
    id: str
    language: str
    title: str
    url: str
    summary: Prose
    review: Review | None
    """None: the content has not been medically reviewed, and every format says so."""
    drug: Drug
    ingredients: Section[Ingredient]
    indications: Section[Indication]
    citations: tuple[Citation, ...] = ()
    publisher: Publisher | None = None
    modified: PartialDate | None = None
    brands: Section[Brand] | None = None
    forms: Section[DoseForm] | None = None
    mechanism: Mechanism | None = None
    dosing: Section[DosingInstruction] | None = None
    monitoring: Section[MonitoringTest] | None = None
    missed_dose: Section[Instruction] | None = None
    side_effects: Section[SideEffect] | None = None
    boxed_warnings: tuple[BoxedWarning, ...] = ()
    """The label's boxed warnings, each with the forms and people it is about; empty when it has none."""
    precautions: Section[Precaution] | None = None
    advice: Section[Advice] | None = None
    storage: Section[Instruction] | None = None
    overdose: Section[Instruction] | None = None

    @property
    def updated(self) -> PartialDate:
        """The later of the last review and the last modification (the schema requires one of them)."""
        dates = [d for d in (self.review.last_reviewed if self.review else None, self.modified) if d is not None]
        return max(dates, key=lambda d: d.last_day)

    @property
    def active_ingredients(self) -> tuple[Ingredient, ...]:
        return tuple(i for i in self.ingredients.items if i.role == "active")
