"""The building blocks of the syndication XML, written as text: elements, numbers, rich text, citations, codes."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ...model import Citation, Codes, Concept, Emphasis, Indication, Inline, Link, Prose, SideEffect, Strong, Text
from ...xmltext import escaped_attribute, escaped_text

NAMESPACE = "https://monograph.dev/ns/monograph/2"
"""The syndication namespace. Its last segment is the schema's major version."""

SCHEMA_VERSION = "2.0"
"""The schema version written in ``schemaVersion``; minor versions only ever add."""

_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"


class Element:
    """An element being written: its start tag is left open for what comes next (``/>``, a line, or text);
    its end tag is written when an element outside it begins or the document ends.

    The builders write in document order, as they appended to the lxml tree
    this replaces, so each element is written as soon as it is made, laid out
    as libxml2's pretty printer laid out the tree: a child per line, indented
    two spaces a level, except inside an element that holds text, where
    nothing is added (``p`` is given empty text so that its inline elements
    are never indented).
    """

    __slots__ = ("_parts", "_open", "_name", "_depth", "_has_content", "_holds_text")

    def __init__(self, parts: list[str], open_elements: list[Element], name: str, depth: int, holds_text: bool):
        self._parts = parts  # the document's text so far, shared by all its elements
        self._open = open_elements  # the elements whose end tag is still to come, the document element first
        self._name = name
        self._depth = depth
        self._has_content = False
        self._holds_text = holds_text  # inside an element with text, libxml2 indents nothing

    def _close(self) -> None:
        # An element inside one with text ends on its tag; any other ends its line.
        if not self._has_content:
            self._parts.append("/>" if self._open and self._open[-1]._holds_text else "/>\n")
        elif self._holds_text:
            self._parts.append(f"</{self._name}>" if self._open and self._open[-1]._holds_text else f"</{self._name}>\n")
        else:
            self._parts.append(f"{'  ' * self._depth}</{self._name}>\n")

    def _make_room(self, for_text: bool) -> None:
        """Ready for content: whatever is still open inside this element closed, its start tag ended."""
        open_elements = self._open
        while open_elements[-1] is not self:
            open_elements.pop()._close()
        if not self._has_content:
            self._has_content = True
            self._parts.append(">" if self._holds_text or for_text else ">\n")
        elif for_text and not self._holds_text:
            raise ValueError(f"text after an element in <{self._name}>: libxml2 would have left the element unindented")


def root(name: str, attributes: Iterable[tuple[str, str]]) -> Element:
    """The document element, in the syndication namespace (declared as the default, first)."""
    written = "".join(f' {key}="{escaped_attribute(value)}"' for key, value in attributes)
    parts = [_DECLARATION, f'<{name} xmlns="{NAMESPACE}"{written}']
    element = Element(parts, [], name, 0, False)
    element._open.append(element)
    return element


def written(root: Element) -> bytes:
    """The whole document ``root`` began, with its XML declaration, in UTF-8."""
    while root._open:
        root._open.pop()._close()
    return "".join(root._parts).encode("utf-8")


def child(parent: Element, name: str, text: str | None = None, attributes: Iterable[tuple[str, str]] = ()) -> Element:
    """A child of ``parent``, after everything written in it so far; attributes are written in the order given."""
    open_elements = parent._open
    if open_elements[-1] is not parent or not parent._has_content:
        parent._make_room(False)
    holds_text = parent._holds_text
    start = f"<{name}" if holds_text else f"{'  ' * (parent._depth + 1)}<{name}"
    if attributes:
        start += "".join(f' {key}="{escaped_attribute(value)}"' for key, value in attributes)
    element = Element(parent._parts, open_elements, name, parent._depth + 1, holds_text)
    if text is None:
        parent._parts.append(start)
    else:
        parent._parts.append(f"{start}>{escaped_text(text)}")
        element._has_content = element._holds_text = True
    open_elements.append(element)
    return element


def leaf(parent: Element, name: str, text: str | None = None, attributes: Iterable[tuple[str, str]] = ()) -> None:
    """A child of ``parent`` that holds nothing but ``text`` (or nothing at all), written whole at once."""
    open_elements = parent._open
    if open_elements[-1] is not parent or not parent._has_content:
        parent._make_room(False)
    written = "".join(f' {key}="{escaped_attribute(value)}"' for key, value in attributes) if attributes else ""
    whole = f"<{name}{written}/>" if text is None else f"<{name}{written}>{escaped_text(text)}</{name}>"
    parent._parts.append(whole if parent._holds_text else f"{'  ' * (parent._depth + 1)}{whole}\n")


def text(parent: Element, value: str) -> None:
    """``value`` as text in ``parent``, after everything written in it so far."""
    parent._make_room(True)
    parent._holds_text = True
    parent._parts.append(escaped_text(value))


def optional(parent: Element, name: str, text: str | None) -> None:
    if text is not None:
        leaf(parent, name, text)


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
    for node in nodes:
        if isinstance(node, Text):
            text(parent, node.text)
            continue
        attributes = (("href", node.href),) if isinstance(node, Link) else ()
        inlines(child(parent, INLINE_ELEMENTS[type(node)], attributes=attributes), node.children)


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
        leaf(parent, "cite", attributes=(("ref", citation.id),))


# ---------------------------------------------------------------- concepts and codes

def codes(parent: Element, of: Codes) -> None:
    """Current codes in system order, then the codes the concept no longer has (``former="true"``)."""
    if not of and not of.former:
        return
    container = child(parent, "codes")
    for system, value in of.items():
        leaf(container, "code", value, (("system", system),))
    for system, value in of.former:
        leaf(container, "code", value, (("system", system), ("former", "true")))


def concept_content(element: Element, item: Concept | Indication | SideEffect) -> None:
    leaf(element, "name", item.name)
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
