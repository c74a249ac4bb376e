"""Syndication XML: the monograph as a namespaced document that ``schema/monograph.xsd`` validates.

Everything the model holds is written as elements and attributes, never as
escaped HTML or CDATA: every text and attribute is escaped where it is
written (``xmltext``), so hostile text stays text.
Ingredients, dose forms, brands, supply and programs are data under ``drug``;
their sections carry the page's heading and framing text. References (a
brand's forms, the forms and brands a statement applies to, citations) are
ids or names that the schema checks. The schema 2.0 pieces are written by
``statements``; the element helpers live in ``elements``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ...model import (
    Advice,
    BoxedWarning,
    Brand,
    Citation,
    DoseForm,
    Drug,
    Indication,
    Ingredient,
    Mechanism,
    Monograph,
    PartialDate,
    Precaution,
    Prose,
    Section,
    SideEffect,
    Strength,
)
from . import statements
from .elements import (
    NAMESPACE,
    SCHEMA_VERSION,
    Element,
    boolean,
    child,
    cites,
    codes,
    concept,
    concept_content,
    concepts,
    decimal,
    leaf,
    optional,
    optional_prose,
    paragraphs,
    prose,
    root,
    written,
)

__all__ = ["NAMESPACE", "SCHEMA_VERSION", "SECTION_CODES", "document"]

SECTION_CODES = {
    "indications": "34067-9",
    "mechanism": "43679-0",
    "dosing": "34068-7",
    "monitoring": "34075-2",
    "side-effects": "34084-4",
    "boxed-warning": "34066-1",
    "precautions": "42232-9",
    "storage": "44425-7",
    "overdose": "34088-5",
}
"""LOINC codes of the matching sections of FDA Structured Product Labeling (missed-dose has none)."""

T = TypeVar("T")


# ---------------------------------------------------------------- metadata and drug

def _metadata(root: Element, monograph: Monograph) -> None:
    metadata = child(root, "metadata")
    leaf(metadata, "title", monograph.title)
    leaf(metadata, "url", monograph.url)
    if monograph.publisher is not None:
        publisher = child(metadata, "publisher")
        leaf(publisher, "name", monograph.publisher.name)
        optional(publisher, "url", monograph.publisher.url)
    prose(metadata, "summary", monograph.summary)
    if monograph.review is not None:  # absent: the content has not been medically reviewed
        review = child(metadata, "review")
        leaf(review, "reviewer", monograph.review.reviewer, (("type", monograph.review.reviewer_type),))
        leaf(review, "lastReviewed", str(monograph.review.last_reviewed))
    if monograph.modified is not None:
        leaf(metadata, "modified", str(monograph.modified))


def _strength(parent: Element, strength: Strength) -> None:
    attributes = []
    if strength.per_amount is not None and strength.per_unit is not None:
        attributes += [("perAmount", decimal(strength.per_amount)), ("perUnit", strength.per_unit)]
    element = child(parent, "strength", attributes=attributes)
    for content in strength.contents:
        named = (("ingredient", content.ingredient.name),) if content.ingredient is not None else ()
        leaf(element, "content", attributes=(("amount", decimal(content.amount)), ("unit", content.unit), *named))
    leaf(element, "text", strength.text)


def _form(parent: Element, form: DoseForm) -> None:
    given = (("administeredBy", form.administered_by),) if form.administered_by else ()
    element = child(parent, "form", attributes=(("id", form.id), *given))
    leaf(element, "name", form.name)
    codes(element, form.codes)
    for route in form.routes:
        concept(element, "route", route)
    optional(element, "delivery", form.delivery)
    if form.strengths:
        strengths = child(element, "strengths")
        for strength in form.strengths:
            _strength(strengths, strength)


def _form_refs(parent: Element, forms: tuple[DoseForm, ...]) -> None:
    for form in forms:
        leaf(parent, "formRef", attributes=(("ref", form.id),))


def _brand(parent: Element, brand: Brand) -> None:
    element = child(parent, "brand")
    leaf(element, "name", brand.name)
    _form_refs(element, brand.forms)


def _ingredient(parent: Element, ingredient: Ingredient) -> None:
    element = child(parent, "ingredient", attributes=(("role", ingredient.role),))
    concept_content(element, ingredient)
    statements.scope(element, ingredient.scope)
    cites(element, ingredient.cites)


def _drug(root: Element, monograph: Monograph) -> None:
    drug: Drug = monograph.drug
    element = child(root, "drug")
    leaf(element, "genericName", drug.generic_name)
    codes(element, drug.codes)
    concepts(element, "classes", "class", drug.classes)
    statements.supply(element, drug.supply)
    statements.programs(element, drug.programs)
    ingredients = child(element, "ingredients")
    for ingredient in monograph.ingredients.items:
        _ingredient(ingredients, ingredient)
    if monograph.forms is not None:
        forms = child(element, "forms")
        for form in monograph.forms.items:
            _form(forms, form)
    if monograph.brands is not None:
        brands = child(element, "brands")
        for brand in monograph.brands.items:
            _brand(brands, brand)


# ---------------------------------------------------------------- sections

def _section(
    root: Element, kind: str, heading: str, intro: Prose | None, body: Callable[[Element], None] | None = None,
    outro: Prose | None = None, cited: tuple[Citation, ...] = (),
) -> None:
    attributes = [("type", kind)]
    if kind in SECTION_CODES:
        attributes.append(("code", SECTION_CODES[kind]))
    element = child(root, "section", attributes=attributes)
    leaf(element, "heading", heading)
    optional_prose(element, "intro", intro)
    if body is not None:
        body(element)
    optional_prose(element, "outro", outro)
    cites(element, cited)


def _list_section(root: Element, kind: str, section: Section[T], write_item: Callable[[Element, T], None] | None) -> None:
    """A section whose items are written inside it, or, when ``write_item`` is None, live under ``drug``."""

    def items(element: Element) -> None:
        for item in section.items:
            write_item(element, item)  # type: ignore[misc]

    body = items if write_item is not None else None
    _section(root, kind, section.heading, section.intro, body, section.outro, section.cites)


def _indication(parent: Element, indication: Indication) -> None:
    element = child(parent, "indication")
    concept_content(element, indication)
    concepts(element, "symptoms", "symptom", indication.symptoms)
    statements.scope_and_population(element, indication.scope, indication.population)
    cites(element, indication.cites)


def _side_effect(parent: Element, effect: SideEffect) -> None:
    attributes = (("frequency", effect.frequency),) if effect.frequency else ()
    element = child(parent, "sideEffect", attributes=(*attributes, ("serious", boolean(effect.serious))))
    concept_content(element, effect)
    optional(element, "note", effect.note)
    statements.rate(element, effect.rate)
    statements.scope_and_population(element, effect.scope, effect.population)
    cites(element, effect.cites)


def _precaution(parent: Element, precaution: Precaution) -> None:
    element = child(parent, "precaution", attributes=(
        ("kind", precaution.kind), ("contraindicated", "true" if precaution.contraindicated else "false"),
    ))
    leaf(element, "text", precaution.text)
    for each in precaution.concepts:
        concept(element, "concept", each)
    if precaution.interactants:
        interactants = child(element, "interactants")
        for interactant in precaution.interactants:
            item = child(interactants, "interactant", attributes=(("kind", interactant.kind),))
            leaf(item, "name", interactant.name)
            codes(item, interactant.codes)
    optional(element, "effect", precaution.effect)
    concepts(element, "effects", "concept", precaution.effects)
    concepts(element, "riskFactors", "concept", precaution.risk_factors)
    concepts(element, "warningSigns", "concept", precaution.warning_signs)
    statements.limit(element, "aboveDose", precaution.above_dose)
    statements.scope_and_population(element, precaution.scope, precaution.population)
    cites(element, precaution.cites)


def _advice(parent: Element, advice: Advice) -> None:
    element = child(parent, "advice", attributes=(("topic", advice.topic),))
    paragraphs(element, advice.text)
    statements.scope_and_population(element, advice.scope, advice.population)
    cites(element, advice.cites)


def _mechanism(root: Element, mechanism: Mechanism) -> None:
    def body(element: Element) -> None:
        known = () if mechanism.fully_understood is None else (("fullyUnderstood", boolean(mechanism.fully_understood)),)
        text = child(element, "mechanism", attributes=known)
        paragraphs(text, mechanism.text)

    _section(root, "mechanism", mechanism.heading, None, body, None, mechanism.cites)


def _boxed_warning(parent: Element, warning: BoxedWarning, *, one_of_several: bool) -> None:
    box = child(parent, "boxedWarning")
    if one_of_several:  # the section's heading, intro and cites can be one warning's only
        leaf(box, "heading", warning.heading)
        optional_prose(box, "intro", warning.intro)
    prose(box, "text", warning.text)
    concepts(box, "risks", "risk", warning.risks)
    optional_prose(box, "advice", warning.advice)
    statements.scope_and_population(box, warning.scope, warning.population)
    if one_of_several:
        cites(box, warning.cites)


def _boxed_warnings(root: Element, warnings: tuple[BoxedWarning, ...]) -> None:
    """One section for the label's boxed warnings; each warning of several carries its own heading, intro and cites."""
    several = len(warnings) > 1

    def body(element: Element) -> None:
        for warning in warnings:
            _boxed_warning(element, warning, one_of_several=several)

    first = warnings[0]
    _section(root, "boxed-warning", first.heading, None if several else first.intro, body, None,
             () if several else first.cites)


def _sections(root: Element, monograph: Monograph) -> None:
    """The sections in the order the seed page shows them."""
    m = monograph
    _list_section(root, "ingredients", m.ingredients, None)
    _list_section(root, "indications", m.indications, _indication)
    if m.mechanism is not None:
        _mechanism(root, m.mechanism)
    if m.forms is not None:
        _list_section(root, "forms", m.forms, None)
    if m.brands is not None:
        _list_section(root, "brands", m.brands, None)
    if m.dosing is not None:
        _list_section(root, "dosing", m.dosing, statements.dosing)
    if m.monitoring is not None:
        _list_section(root, "monitoring", m.monitoring, statements.monitoring)
    if m.missed_dose is not None:
        _list_section(root, "missed-dose", m.missed_dose, statements.instruction)
    if m.side_effects is not None:
        _list_section(root, "side-effects", m.side_effects, _side_effect)
    if m.boxed_warnings:
        _boxed_warnings(root, m.boxed_warnings)
    if m.precautions is not None:
        _list_section(root, "precautions", m.precautions, _precaution)
    if m.advice is not None:
        _list_section(root, "advice", m.advice, _advice)
    if m.storage is not None:
        _list_section(root, "storage", m.storage, statements.instruction)
    if m.overdose is not None:
        _list_section(root, "overdose", m.overdose, statements.instruction)


def _date(parent: Element, name: str, date: PartialDate | None) -> None:
    if date is not None:
        leaf(parent, name, str(date))


def _citations(root: Element, citations: tuple[Citation, ...]) -> None:
    if not citations:
        return  # a monograph may cite nothing (schema 2.0); an empty list element would say nothing either
    container = child(root, "citations")
    for citation in citations:
        element = child(container, "citation", attributes=(("id", citation.id), ("kind", citation.kind)))
        leaf(element, "title", citation.title)
        leaf(element, "url", citation.url)
        optional(element, "publisher", citation.publisher)
        _date(element, "date", citation.date)


# ---------------------------------------------------------------- document

def document(monograph: Monograph) -> bytes:
    """The monograph's syndication XML, with its declaration, in UTF-8."""
    element = root("monograph", (("id", monograph.id), ("schemaVersion", SCHEMA_VERSION),
                                 ("xml:lang", monograph.language)))
    _metadata(element, monograph)
    _drug(element, monograph)
    _sections(element, monograph)
    _citations(element, monograph.citations)
    return written(element)
