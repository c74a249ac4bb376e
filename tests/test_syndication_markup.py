"""The syndication XML is written as text: the bytes are lxml's pretty-printed ones for the same tree, whatever
the text and attributes hold and however elements, text and inline markup nest."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from monograph.formats.syndication.elements import NAMESPACE, Element, child, leaf, root, text, written

# Every string XML can hold (the content rules refuse tabs, carriage returns and more in a source, but the model
# can be built in Python): quotes, <, >, &, line breaks, non-ASCII and astral characters.
_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
                    .filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), max_size=12)
_ATTRIBUTES = st.dictionaries(st.sampled_from(["ref", "system", "unit", "xml:lang"]), _XML_TEXT, max_size=3)


def _writable(node: tuple[str, dict[str, str], str | None, list[Any]]) -> bool:
    """As the builders write: text in an element comes before any child element, or the element holds text."""
    _, _, given_text, content = node
    holds_text = given_text is not None or (bool(content) and isinstance(content[0], str))
    return holds_text or not any(isinstance(item, str) for item in content)


_NODES = st.recursive(
    st.tuples(st.sampled_from(["name", "p", "em"]), _ATTRIBUTES, st.none() | _XML_TEXT, st.just([])),
    lambda inner: st.tuples(st.sampled_from(["section", "p", "a"]), _ATTRIBUTES, st.none() | _XML_TEXT,
                            st.lists(inner | _XML_TEXT, max_size=4)).filter(_writable),
    max_leaves=12,
)


def _ours(parent: Element, node: tuple[str, dict[str, str], str | None, list[Any]]) -> None:
    name, attributes, given_text, content = node
    if name == "name":  # written whole, as the builders write an element that holds no more than its text
        leaf(parent, name, given_text, attributes.items())
        return
    element = child(parent, name, given_text, attributes.items())
    for item in content:
        if isinstance(item, str):
            text(element, item)
        else:
            _ours(element, item)


def _lxml(parent: etree._Element, node: tuple[str, dict[str, str], str | None, list[Any]]) -> None:
    name, attributes, given_text, content = node
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{name}")
    for key, value in attributes.items():
        element.set(key.replace("xml:", "{http://www.w3.org/XML/1998/namespace}"), value)
    element.text = given_text
    last = None
    for item in content:
        if isinstance(item, str) and last is None:
            element.text = (element.text or "") + item
        elif isinstance(item, str):
            last.tail = (last.tail or "") + item
        else:
            _lxml(element, item)
            last = element[-1]


@given(nodes=st.lists(_NODES, max_size=4), identifier=_XML_TEXT)
def test_elements_text_and_attributes_are_written_as_lxml_pretty_prints_them(nodes: list[Any], identifier: str) -> None:
    ours = root("monograph", (("id", identifier), ("xml:lang", "en")))
    tree = etree.Element(f"{{{NAMESPACE}}}monograph", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    tree.set("id", identifier)
    tree.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    for node in nodes:
        _ours(ours, node)
        _lxml(tree, node)
    assert written(ours) == etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def test_empty_text_and_no_text_are_written_as_lxml_writes_them() -> None:
    ours = root("monograph", ())
    child(child(ours, "p", ""), "em")
    child(ours, "p")
    text(child(ours, "em"), "")
    assert written(ours).decode().splitlines()[1:] == [
        f'<monograph xmlns="{NAMESPACE}">', "  <p><em/></p>", "  <p/>", "  <em></em>", "</monograph>"]


def test_text_after_an_element_child_outside_text_is_refused() -> None:
    ours = root("monograph", ())
    section = child(ours, "section")
    child(section, "name", "x")
    with pytest.raises(ValueError, match="text after an element"):
        text(section, "tail")


@pytest.mark.parametrize("bad", ["bell\x07", "nul\x00", "\ufffe"])
def test_a_string_xml_cannot_hold_is_refused_as_lxml_refused_it(bad: str) -> None:
    with pytest.raises(ValueError, match="All strings must be XML compatible"):
        etree.Element("p").text = bad
    with pytest.raises(ValueError, match="All strings must be XML compatible"):
        child(root("monograph", ()), "p", bad)
    with pytest.raises(ValueError, match="All strings must be XML compatible"):
        child(root("monograph", ()), "p", attributes=(("ref", bad),))
    with pytest.raises(UnicodeEncodeError):
        child(root("monograph", ()), "p", "\ud800")
