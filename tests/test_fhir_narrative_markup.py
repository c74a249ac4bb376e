"""FHIR narratives are written as text: the bytes are lxml's for the same tree, whatever the text holds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml.builder import ElementMaker
from monograph.formats.fhir.narrative import XHTML, H, bullet_list, narrative, paragraphs, scoped_item, side_effect_item
from monograph.model import Scope, SideEffect
from monograph.richtext import parse_prose

L = ElementMaker(namespace=XHTML, nsmap={None: XHTML})

_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
                    .filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), max_size=30)


def _lxml_div(language: str, *children: etree._Element) -> str:
    div = L.div(*children)
    div.set("lang", language)
    div.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    return etree.tostring(div, encoding="unicode")


@given(text=_XML_TEXT, href=_XML_TEXT, language=st.sampled_from(["en", "fr-CA", "a&\"b"]))
def test_text_and_attributes_are_escaped_as_lxml_escapes_them(text: str, href: str, language: str) -> None:
    ours = narrative(language, [H.p(text, H.a(text, href=href), text), H.ul(H.li(text), H.li())])["div"]
    assert ours == _lxml_div(language, L.p(text, L.a(text, href=href), text), L.ul(L.li(text), L.li()))


def test_empty_text_and_no_text_are_written_as_lxml_writes_them() -> None:
    assert narrative("en", [H.p(""), H.p(), H.li(H.br())])["div"] == _lxml_div("en", L.p(""), L.p(), L.li(L.br()))
    assert narrative("en", [])["div"] == _lxml_div("en")


def test_prose_items_and_lists_are_the_trees_they_were() -> None:
    prose = parse_prose("Take *with* **food** and see [the *label*](https://example.org/a?b=1&c=2).\n\nSecond <one>.")
    ours = narrative("en", [*paragraphs(prose), *bullet_list([H.li("kept"), "wrapped", H.p("in an item")]),
                            scoped_item(prose, Scope(), None), scoped_item("", Scope(), "adults"),
                            side_effect_item(SideEffect(name="Nausea", note="Mild & brief."))])["div"]
    tree = etree.fromstring(ours)
    assert tree.tag == f"{{{XHTML}}}div"
    assert etree.tostring(tree, encoding="unicode") == ours  # what lxml reads back, it writes the same
    assert '<a href="https://example.org/a?b=1&amp;c=2">the <em>label</em></a>' in ours
    assert "<li><p>Take <em>with</em> <strong>food</strong>" in ours
    assert "<li>Nausea" in ours and "<br/>Mild &amp; brief.</li>" in ours


@pytest.mark.parametrize("bad", ["bell\x07", "nul\x00", "\ufffe"])
def test_a_string_xml_cannot_hold_is_refused_as_lxml_refused_it(bad: str) -> None:
    with pytest.raises(ValueError, match="All strings must be XML compatible"):
        L.p(bad)
    with pytest.raises(ValueError, match="All strings must be XML compatible"):
        H.p(bad)
    with pytest.raises(UnicodeEncodeError):
        H.a("x", href="\ud800")
