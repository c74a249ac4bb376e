"""Syndication XML: the monograph as a namespaced document that ``schema/monograph.xsd`` validates.

Everything the model holds is written as elements and attributes, never as
escaped HTML or CDATA: lxml escapes text, so hostile text stays text.
Ingredients, dose forms and brands are data under ``drug``; their sections
carry the page's heading and framing text. References (a brand's forms, the
forms a boxed warning applies to, citations) are ids that the schema checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TypeVar

from lxml import etree

from ...model import (
    Advice,
    BoxedWarning,
    Brand,
    Citation,
    Codes,
    Concept,
    DoseForm,
    Drug,
    Emphasis,
    Indication,
    Inline,
    Link,
    Mechanism,
    Monograph,
    PartialDate,
    Precaution,
    Prose,
    Section,
    SideEffect,
    Strength,
    Strong,
    Text,
)

NAMESPACE = "https://monograph.dev/ns/monograph/1"
"""The syndication namespace. Its last segment is the schema's major version."""

SCHEMA_VERSION = "1.0"
"""The schema version written in ``schemaVersion``; minor versions only ever add."""

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SECTION_CODES = {
    "indications": "34067-9",
    "mechanism": "43679-0",
    "side-effects": "34084-4",
    "boxed-warning": "34066-1",
    "precautions": "42232-9",
}
"""LOINC codes of the matching sections of FDA Structured Product Labeling."""

Element = etree._Element
T = TypeVar("T")


def _child(parent: Element, name: str, text: str | None = None, attributes: Iterable[tuple[str, str]] = ()) -> Element:
    """A namespaced child; attributes are set in the order given, which is the order they are written."""
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    for key, value in attributes:
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _optional(parent: Element, name: str, text: str | None) -> None:
    if text is not None:
        _child(parent, name, text)


def _boolean(value: bool) -> str:
    return "true" if value else "false"


def _decimal(value: float | int) -> str:
    """An xs:decimal: never an exponent, never a trailing '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


# ---------------------------------------------------------------- rich text

_INLINE_ELEMENTS: dict[type, str] = {Emphasis: "em", Strong: "strong", Link: "a"}


def _inlines(parent: Element, nodes: tuple[Inline, ...]) -> None:
    last: Element | None = None
    for node in nodes:
        if isinstance(node, Text):
            if last is None:
                parent.text = (parent.text or "") + node.text
            else:
                last.tail = (last.tail or "") + node.text
            continue
        attributes = (("href", node.href),) if isinstance(node, Link) else ()
        last = _child(parent, _INLINE_ELEMENTS[type(node)], attributes=attributes)
        _inlines(last, node.children)


def _prose(parent: Element, name: str, prose: Prose) -> Element:
    container = _child(parent, name)
    _paragraphs(container, prose)
    return container


def _paragraphs(container: Element, prose: Prose) -> None:
    for paragraph in prose.paragraphs:
        # An empty text node makes libxml2's pretty printer leave the paragraph's inside alone;
        # without it, a paragraph that starts with <em> would gain indentation inside its text.
        p = _child(container, "p", "")
        _inlines(p, paragraph)


def _optional_prose(parent: Element, name: str, prose: Prose | None) -> None:
    if prose is not None:
        _prose(parent, name, prose)


def _cites(parent: Element, cites: tuple[Citation, ...]) -> None:
    for citation in cites:
        _child(parent, "cite", attributes=(("ref", citation.id),))


# ---------------------------------------------------------------- concepts and codes

def _codes(parent: Element, codes: Codes) -> None:
    if not codes:
        return
    container = _child(parent, "codes")
    for system, value in codes.items():
        _child(container, "code", value, (("system", system),))


def _concept_content(element: Element, concept: Concept | Indication | SideEffect) -> None:
    _child(element, "name", concept.name)
    _optional(element, "explanation", concept.explanation)
    _codes(element, concept.codes)


def _concept(parent: Element, name: str, concept: Concept) -> Element:
    element = _child(parent, name)
    _concept_content(element, concept)
    return element


def _concepts(parent: Element, list_name: str, item_name: str, concepts: tuple[Concept, ...]) -> None:
    if concepts:
        container = _child(parent, list_name)
        for concept in concepts:
            _concept(container, item_name, concept)


# ---------------------------------------------------------------- metadata and drug

def _metadata(root: Element, monograph: Monograph) -> None:
    metadata = _child(root, "metadata")
    _child(metadata, "title", monograph.title)
    _child(metadata, "url", monograph.url)
    if monograph.publisher is not None:
        publisher = _child(metadata, "publisher")
        _child(publisher, "name", monograph.publisher.name)
        _optional(publisher, "url", monograph.publisher.url)
    _prose(metadata, "summary", monograph.summary)
    review = _child(metadata, "review")
    _child(review, "reviewer", monograph.review.reviewer, (("type", monograph.review.reviewer_type),))
    _child(review, "lastReviewed", str(monograph.review.last_reviewed))
    if monograph.modified is not None:
        _child(metadata, "modified", str(monograph.modified))


def _strength(parent: Element, strength: Strength) -> None:
    attributes = [("amount", _decimal(strength.amount)), ("unit", strength.unit)]
    if strength.per_amount is not None and strength.per_unit is not None:
        attributes += [("perAmount", _decimal(strength.per_amount)), ("perUnit", strength.per_unit)]
    _child(parent, "strength", strength.text, attributes)


def _form(parent: Element, form: DoseForm) -> None:
    element = _child(parent, "form", attributes=(("id", form.id),))
    _child(element, "name", form.name)
    _codes(element, form.codes)
    _concept(element, "route", form.route)
    _optional(element, "delivery", form.delivery)
    if form.strengths:
        strengths = _child(element, "strengths")
        for strength in form.strengths:
            _strength(strengths, strength)


def _form_refs(parent: Element, forms: tuple[DoseForm, ...]) -> None:
    for form in forms:
        _child(parent, "formRef", attributes=(("ref", form.id),))


def _brand(parent: Element, brand: Brand) -> None:
    element = _child(parent, "brand")
    _child(element, "name", brand.name)
    _form_refs(element, brand.forms)


def _drug(root: Element, monograph: Monograph) -> None:
    drug: Drug = monograph.drug
    element = _child(root, "drug")
    _child(element, "genericName", drug.generic_name)
    _optional(element, "prescriptionStatus", drug.prescription_status)
    _codes(element, drug.codes)
    _concepts(element, "classes", "class", drug.classes)
    _concepts(element, "ingredients", "ingredient", monograph.ingredients.items)
    if monograph.forms is not None:
        forms = _child(element, "forms")
        for form in monograph.forms.items:
            _form(forms, form)
    if monograph.brands is not None:
        brands = _child(element, "brands")
        for brand in monograph.brands.items:
            _brand(brands, brand)


# ---------------------------------------------------------------- sections

def _section(
    root: Element, kind: str, heading: str, intro: Prose | None, body: Callable[[Element], None] | None = None,
    outro: Prose | None = None, cites: tuple[Citation, ...] = (),
) -> None:
    attributes = [("type", kind)]
    if kind in SECTION_CODES:
        attributes.append(("code", SECTION_CODES[kind]))
    element = _child(root, "section", attributes=attributes)
    _child(element, "heading", heading)
    _optional_prose(element, "intro", intro)
    if body is not None:
        body(element)
    _optional_prose(element, "outro", outro)
    _cites(element, cites)


def _list_section(root: Element, kind: str, section: Section[T], write_item: Callable[[Element, T], None] | None) -> None:
    """A section whose items are written inside it, or, when ``write_item`` is None, live under ``drug``."""

    def items(element: Element) -> None:
        for item in section.items:
            write_item(element, item)  # type: ignore[misc]

    body = items if write_item is not None else None
    _section(root, kind, section.heading, section.intro, body, section.outro, section.cites)


def _indication(parent: Element, indication: Indication) -> None:
    element = _child(parent, "indication")
    _concept_content(element, indication)
    _concepts(element, "symptoms", "symptom", indication.symptoms)
    _cites(element, indication.cites)


def _side_effect(parent: Element, effect: SideEffect) -> None:
    attributes = (("frequency", effect.frequency),) if effect.frequency else ()
    element = _child(parent, "sideEffect", attributes=(*attributes, ("serious", _boolean(effect.serious))))
    _concept_content(element, effect)
    _optional(element, "note", effect.note)
    _cites(element, effect.cites)


def _precaution(parent: Element, precaution: Precaution) -> None:
    element = _child(parent, "precaution", attributes=(
        ("kind", precaution.kind), ("contraindicated", "true" if precaution.contraindicated else "false"),
    ))
    _child(element, "text", precaution.text)
    if precaution.concept is not None:
        _concept(element, "concept", precaution.concept)
    if precaution.interactants:
        interactants = _child(element, "interactants")
        for interactant in precaution.interactants:
            item = _child(interactants, "interactant", attributes=(("kind", interactant.kind),))
            _child(item, "name", interactant.name)
            _codes(item, interactant.codes)
    _optional(element, "effect", precaution.effect)
    _cites(element, precaution.cites)


def _advice(parent: Element, advice: Advice) -> None:
    element = _child(parent, "advice", attributes=(("topic", advice.topic),))
    _paragraphs(element, advice.text)
    _cites(element, advice.cites)


def _mechanism(root: Element, mechanism: Mechanism) -> None:
    def body(element: Element) -> None:
        known = () if mechanism.fully_understood is None else (("fullyUnderstood", _boolean(mechanism.fully_understood)),)
        text = _child(element, "mechanism", attributes=known)
        _paragraphs(text, mechanism.text)

    _section(root, "mechanism", mechanism.heading, None, body, None, mechanism.cites)


def _boxed_warning(root: Element, warning: BoxedWarning) -> None:
    def body(element: Element) -> None:
        box = _child(element, "boxedWarning")
        _prose(box, "text", warning.text)
        _concepts(box, "risks", "risk", warning.risks)
        _optional_prose(box, "advice", warning.advice)
        if warning.forms:
            _form_refs(_child(box, "appliesTo"), warning.forms)

    _section(root, "boxed-warning", warning.heading, warning.intro, body, None, warning.cites)


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
    if m.side_effects is not None:
        _list_section(root, "side-effects", m.side_effects, _side_effect)
    if m.boxed_warning is not None:
        _boxed_warning(root, m.boxed_warning)
    if m.precautions is not None:
        _list_section(root, "precautions", m.precautions, _precaution)
    if m.advice is not None:
        _list_section(root, "advice", m.advice, _advice)


def _date(parent: Element, name: str, date: PartialDate | None) -> None:
    if date is not None:
        _child(parent, name, str(date))


def _citations(root: Element, citations: tuple[Citation, ...]) -> None:
    container = _child(root, "citations")
    for citation in citations:
        element = _child(container, "citation", attributes=(("id", citation.id), ("kind", citation.kind)))
        _child(element, "title", citation.title)
        _child(element, "url", citation.url)
        _optional(element, "publisher", citation.publisher)
        _date(element, "date", citation.date)


# ---------------------------------------------------------------- document

def document(monograph: Monograph) -> Element:
    """The monograph as an lxml element tree, for callers that want to embed or inspect it."""
    root = etree.Element(f"{{{NAMESPACE}}}monograph", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    root.set("id", monograph.id)
    root.set("schemaVersion", SCHEMA_VERSION)
    root.set(_XML_LANG, monograph.language)
    _metadata(root, monograph)
    _drug(root, monograph)
    _sections(root, monograph)
    _citations(root, monograph.citations)
    return root
