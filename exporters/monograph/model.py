"""The validated monograph as frozen dataclasses: what every exporter sees.

No I/O here and no knowledge of any output format. References inside a file
(a brand's dose forms, a statement's citations) are resolved to the objects
themselves, so exporters never look anything up by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

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


# ---------------------------------------------------------------- construction

DEFAULT_HEADINGS = {
    "ingredients": "What are the ingredients in {title}?",
    "indications": "What is {title} used for?",
    "mechanism": "How does {title} work?",
    "forms": "How is {title} taken?",
    "brands": "What are the brand names for {title}?",
    "side_effects": "What are the potential side effects of {title}?",
    "boxed_warning": "Boxed warning",
    "precautions": "Other things to know about {title}",
    "advice": "Advice for people taking {title}",
}
"""English headings for sections whose source gives none. The title is lower-cased as in running text."""


def build_monograph(data: dict[str, Any], key: str) -> Monograph:
    """Turn schema-valid, rule-checked data into the model."""
    citations = tuple(
        Citation(
            c["id"], c["kind"], c["title"], c["url"], c.get("publisher"),
            PartialDate.parse(c["date"]) if "date" in c else None,
        )
        for c in data["citations"]
    )
    by_id = {c.id: c for c in citations}
    title_in_text = data["title"][:1].lower() + data["title"][1:]

    def cites(node: dict[str, Any]) -> Cites:
        return tuple(by_id[i] for i in node.get("cites", ()))

    def prose(node: dict[str, Any], name: str) -> Prose | None:
        return parse_prose(node[name]) if name in node else None

    def heading(node: dict[str, Any], section: str) -> str:
        return node.get("heading") or DEFAULT_HEADINGS[section].format(title=title_in_text)

    def section(name: str, make_item: Any) -> Section[Any] | None:
        node = data.get(name)
        if node is None:
            return None
        return Section(
            heading(node, name),
            tuple(make_item(item) for item in node["items"]),
            prose(node, "intro"),
            prose(node, "outro"),
            cites(node),
        )

    forms_by_id: dict[str, DoseForm] = {}

    def dose_form(node: dict[str, Any]) -> DoseForm:
        form = DoseForm(
            node["id"], node["name"], concept(node["route"]), codes(node.get("codes")), node.get("delivery"),
            tuple(Strength(s["amount"], s["unit"], s.get("per_amount"), s.get("per_unit")) for s in node.get("strengths", ())),
        )
        forms_by_id[form.id] = form
        return form

    forms = section("forms", dose_form)

    mechanism = None
    if "mechanism" in data:
        node = data["mechanism"]
        mechanism = Mechanism(heading(node, "mechanism"), parse_prose(node["text"]), node["fully_understood"], cites(node))

    boxed = None
    if "boxed_warning" in data:
        node = data["boxed_warning"]
        boxed = BoxedWarning(
            heading(node, "boxed_warning"), parse_prose(node["text"]), prose(node, "intro"),
            tuple(concept(r) for r in node.get("risks", ())), prose(node, "advice"),
            tuple(forms_by_id[f] for f in node.get("forms", ())), cites(node),
        )

    review = data["review"]
    drug = data["drug"]
    publisher = data.get("publisher")
    return Monograph(
        key=key,
        id=data["id"],
        language=data["language"],
        title=data["title"],
        url=data["url"],
        summary=parse_prose(data["summary"]),
        review=Review(
            review["reviewed_by"]["name"],
            review["reviewed_by"].get("type", "organization"),
            PartialDate.parse(review["last_reviewed"]),
        ),
        drug=Drug(
            drug["generic_name"], drug["prescription_status"], codes(drug.get("codes")),
            tuple(concept(c) for c in drug.get("classes", ())),
        ),
        ingredients=section("ingredients", concept),  # type: ignore[arg-type]
        indications=section("indications", lambda n: Indication(  # type: ignore[arg-type]
            n["name"], n.get("explanation"), codes(n.get("codes")),
            tuple(concept(s) for s in n.get("symptoms", ())), cites(n),
        )),
        citations=citations,
        publisher=Publisher(publisher["name"], publisher.get("url")) if publisher else None,
        modified=PartialDate.parse(data["modified"]) if "modified" in data else None,
        brands=section("brands", lambda n: Brand(n["name"], tuple(forms_by_id[f] for f in n["forms"]))),
        forms=forms,
        mechanism=mechanism,
        side_effects=section("side_effects", lambda n: SideEffect(
            n["name"], n["frequency"], n.get("explanation"), n.get("note"), n.get("serious", False),
            codes(n.get("codes")), cites(n),
        )),
        boxed_warning=boxed,
        precautions=section("precautions", lambda n: Precaution(
            n["kind"], n["text"], concept(n["concept"]) if "concept" in n else None,
            tuple(Interactant(i["name"], i["kind"], codes(i.get("codes"))) for i in n.get("interactants", ())),
            n.get("effect"), cites(n), n.get("contraindicated", False),
        )),
        advice=section("advice", lambda n: Advice(n["topic"], parse_prose(n["text"]), cites(n))),
    )


def codes(node: dict[str, str] | None) -> Codes:
    return Codes(**node) if node else Codes()


def concept(node: dict[str, Any]) -> Concept:
    return Concept(node["name"], node.get("explanation"), codes(node.get("codes")))
