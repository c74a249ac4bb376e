"""Schema-valid, rule-checked data -> the model.

Construction trusts its input: validation has already checked every shape and
every reference, so a lookup here cannot fail. References inside a file (a
brand's dose forms, a statement's citations) become the objects themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .dates import PartialDate
from .model import (
    Advice,
    BoxedWarning,
    Brand,
    Citation,
    Cites,
    Codes,
    Concept,
    DoseForm,
    Drug,
    Indication,
    Interactant,
    Mechanism,
    Monograph,
    Precaution,
    Publisher,
    Review,
    Section,
    SideEffect,
    Strength,
)
from .richtext import Prose, parse_prose

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


def codes(node: dict[str, str] | None) -> Codes:
    return Codes(**node) if node else Codes()


def concept(node: dict[str, Any]) -> Concept:
    return Concept(node["name"], node.get("explanation"), codes(node.get("codes")))


def citation(node: dict[str, Any]) -> Citation:
    date = PartialDate.parse(node["date"]) if "date" in node else None
    return Citation(node["id"], node["kind"], node["title"], node["url"], node.get("publisher"), date)


def strength(node: dict[str, Any]) -> Strength:
    return Strength(node["amount"], node["unit"], node.get("per_amount"), node.get("per_unit"))


def dose_form(node: dict[str, Any]) -> DoseForm:
    return DoseForm(node["id"], node["name"], concept(node["route"]), codes(node.get("codes")), node.get("delivery"),
                    tuple(strength(s) for s in node.get("strengths", ())))


class _Builder:
    """Holds what items refer to (citations and dose forms by id) while the sections are built."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.citations = tuple(citation(c) for c in data["citations"])
        self.citations_by_id = {c.id: c for c in self.citations}
        self.title_in_text = data["title"][:1].lower() + data["title"][1:]
        self.forms = self.section("forms", dose_form)
        self.forms_by_id = {f.id: f for f in self.forms.items} if self.forms else {}

    def cites(self, node: dict[str, Any]) -> Cites:
        return tuple(self.citations_by_id[i] for i in node.get("cites", ()))

    def heading(self, node: dict[str, Any], section: str) -> str:
        return node.get("heading") or DEFAULT_HEADINGS[section].format(title=self.title_in_text)

    def section(self, name: str, make_item: Callable[[dict[str, Any]], Any]) -> Section[Any] | None:
        node = self.data.get(name)
        if node is None:
            return None
        return Section(self.heading(node, name), tuple(make_item(item) for item in node["items"]),
                       _prose(node, "intro"), _prose(node, "outro"), self.cites(node))

    def indication(self, node: dict[str, Any]) -> Indication:
        return Indication(node["name"], node.get("explanation"), codes(node.get("codes")),
                          tuple(concept(s) for s in node.get("symptoms", ())), self.cites(node))

    def brand(self, node: dict[str, Any]) -> Brand:
        return Brand(node["name"], tuple(self.forms_by_id[f] for f in node["forms"]))

    def side_effect(self, node: dict[str, Any]) -> SideEffect:
        return SideEffect(node["name"], node["frequency"], node.get("explanation"), node.get("note"),
                          node.get("serious", False), codes(node.get("codes")), self.cites(node))

    def precaution(self, node: dict[str, Any]) -> Precaution:
        interactants = tuple(Interactant(i["name"], i["kind"], codes(i.get("codes"))) for i in node.get("interactants", ()))
        return Precaution(node["kind"], node["text"], concept(node["concept"]) if "concept" in node else None,
                          interactants, node.get("effect"), self.cites(node), node.get("contraindicated", False))

    def advice(self, node: dict[str, Any]) -> Advice:
        return Advice(node["topic"], parse_prose(node["text"]), self.cites(node))

    def mechanism(self) -> Mechanism | None:
        node = self.data.get("mechanism")
        if node is None:
            return None
        return Mechanism(self.heading(node, "mechanism"), parse_prose(node["text"]), node["fully_understood"],
                         self.cites(node))

    def boxed_warning(self) -> BoxedWarning | None:
        node = self.data.get("boxed_warning")
        if node is None:
            return None
        return BoxedWarning(
            self.heading(node, "boxed_warning"), parse_prose(node["text"]), _prose(node, "intro"),
            tuple(concept(r) for r in node.get("risks", ())), _prose(node, "advice"),
            tuple(self.forms_by_id[f] for f in node.get("forms", ())), self.cites(node),
        )


def _prose(node: dict[str, Any], name: str) -> Prose | None:
    return parse_prose(node[name]) if name in node else None


def _review(node: dict[str, Any]) -> Review:
    reviewer = node["reviewed_by"]
    return Review(reviewer["name"], reviewer.get("type", "organization"), PartialDate.parse(node["last_reviewed"]))


def _drug(node: dict[str, Any]) -> Drug:
    return Drug(node["generic_name"], node["prescription_status"], codes(node.get("codes")),
                tuple(concept(c) for c in node.get("classes", ())))


def build_monograph(data: dict[str, Any], key: str) -> Monograph:
    """Turn schema-valid, rule-checked data into the model."""
    build = _Builder(data)
    ingredients = build.section("ingredients", concept)
    indications = build.section("indications", build.indication)
    assert ingredients is not None and indications is not None  # required by the schema
    publisher = data.get("publisher")
    return Monograph(
        key=key,
        id=data["id"],
        language=data["language"],
        title=data["title"],
        url=data["url"],
        summary=parse_prose(data["summary"]),
        review=_review(data["review"]),
        drug=_drug(data["drug"]),
        ingredients=ingredients,
        indications=indications,
        citations=build.citations,
        publisher=Publisher(publisher["name"], publisher.get("url")) if publisher else None,
        modified=PartialDate.parse(data["modified"]) if "modified" in data else None,
        brands=build.section("brands", build.brand),
        forms=build.forms,
        mechanism=build.mechanism(),
        side_effects=build.section("side_effects", build.side_effect),
        boxed_warning=build.boxed_warning(),
        precautions=build.section("precautions", build.precaution),
        advice=build.section("advice", build.advice),
    )
