"""The building blocks of the syndication XML: namespaced elements, numbers, rich text, citations, codes."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from lxml import etree

from ...model import Citation, Codes, Concept, Emphasis, Indication, Inline, Link, Prose, SideEffect, Strong, Text

NAMESPACE = "https://monograph.dev/ns/monograph/2"
"""The syndication namespace. Its last segment is the schema's major version."""

SCHEMA_VERSION = "2.0"
"""The schema version written in ``schemaVersion``; minor versions only ever add."""

Element = etree._Element


def child(parent: Element, name: str, text: str | None = None, attributes: Iterable[tuple[str, str]] = ()) -> Element:
    """A namespaced child; attributes are set in the order given, which is the order they are written."""
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    for key, value in attributes:
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def optional(parent: Element, name: str, text: str | None) -> None:
    if text is not None:
        child(parent, name, text)


def boolean(value: bool) -> str:
    return "true" if value else "false"


def decimal(value: float | int) -> str:
    """An xs:decimal: never an exponent, never a trailing '.0'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


# ---------------------------------------------------------------- rich text

INLINE_ELEMENTS: dict[type, str] = {Emphasis: "em", Strong: "strong", Link: "a"}


def inlines(parent: Element, nodes: tuple[Inline, ...]) -> None:
    last: Element | None = None
    for node in nodes:
        if isinstance(node, Text):
            if last is None:
                parent.text = (parent.text or "") + node.text
            else:
                last.tail = (last.tail or "") + node.text
            continue
        attributes = (("href", node.href),) if isinstance(node, Link) else ()
        last = child(parent, INLINE_ELEMENTS[type(node)], attributes=attributes)
        inlines(last, node.children)


def prose(parent: Element, name: str, text: Prose) -> Element:
    container = child(parent, name)
    paragraphs(container, text)
    return container


def paragraphs(container: Element, text: Prose) -> None:
    for paragraph in text.paragraphs:
        # An empty text node makes libxml2's pretty printer leave the paragraph's inside alone;
        # without it, a paragraph that starts with <em> would gain indentation inside its text.
        p = child(container, "p", "")
        inlines(p, paragraph)


def optional_prose(parent: Element, name: str, text: Prose | None) -> None:
    if text is not None:
        prose(parent, name, text)


def cites(parent: Element, citations: tuple[Citation, ...]) -> None:
    for citation in citations:
        child(parent, "cite", attributes=(("ref", citation.id),))


# ---------------------------------------------------------------- concepts and codes

def codes(parent: Element, of: Codes) -> None:
    """Current codes in system order, then the codes the concept no longer has (``former="true"``)."""
    if not of and not of.former:
        return
    container = child(parent, "codes")
    for system, value in of.items():
        child(container, "code", value, (("system", system),))
    for system, value in of.former:
        child(container, "code", value, (("system", system), ("former", "true")))


def concept_content(element: Element, item: Concept | Indication | SideEffect) -> None:
    child(element, "name", item.name)
    optional(element, "explanation", item.explanation)
    codes(element, item.codes)


def concept(parent: Element, name: str, item: Concept) -> Element:
    element = child(parent, name)
    concept_content(element, item)
    return element


def concepts(parent: Element, list_name: str, item_name: str, items: tuple[Concept, ...]) -> None:
    if items:
        container = child(parent, list_name)
        for item in items:
            concept(container, item_name, item)
