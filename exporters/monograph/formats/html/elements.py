"""The page's elements: lxml's own, made in an HTML document as lxml.html makes its elements.

lxml.html would give every element a Python class, found by a lookup written
in Python that runs each time the page's code touches an element; the page
uses none of those classes' methods, so it builds plain elements, which
lxml's HTML serializer writes to the same bytes. Used like lxml.html.builder
(``E.P("text", {"class": "x"})``).
"""

from __future__ import annotations

from typing import Any, TypeAlias

from lxml import etree

Element: TypeAlias = Any
"""An element of the page (an ``etree._Element``). To mypy it is Any, as lxml.html's untyped elements were:
the page's code mixes elements and strings in ways the lxml stubs would need spelt out."""

_NEW_ELEMENT = etree.HTMLParser().makeelement


def _maker(tag: str) -> Any:
    """``TAG(*children, **attributes)`` as lxml.builder's ElementMaker makes it, for the children the page passes
    (text, elements, attribute dicts), without its lookup of each child's type in a table."""

    def make(*children: Any, **attributes: str) -> Element:
        element = _NEW_ELEMENT(tag, attributes) if attributes else _NEW_ELEMENT(tag)
        last = None
        for item in children:
            if isinstance(item, str):  # text goes after the last child, or in the element before any
                if last is not None:
                    last.tail = (last.tail or "") + item
                else:
                    element.text = (element.text or "") + item
            elif isinstance(item, dict):
                for name, value in item.items():
                    element.set(name, value)
            elif isinstance(item, etree._Element):
                element.append(item)
                last = item
            else:
                raise TypeError(f"bad argument type: {type(item).__name__}({item!r})")
        return element

    make.__name__ = tag
    return make


A = _maker("a")
ARTICLE = _maker("article")
BDI = _maker("bdi")
BODY = _maker("body")
BR = _maker("br")
CAPTION = _maker("caption")
CITE = _maker("cite")
DD = _maker("dd")
DIV = _maker("div")
DL = _maker("dl")
DT = _maker("dt")
EM = _maker("em")
FOOTER = _maker("footer")
H1 = _maker("h1")
H2 = _maker("h2")
H3 = _maker("h3")
HEAD = _maker("head")
HEADER = _maker("header")
HTML = _maker("html")
LI = _maker("li")
LINK = _maker("link")
MAIN = _maker("main")
META = _maker("meta")
NAV = _maker("nav")
OL = _maker("ol")
P = _maker("p")
SCRIPT = _maker("script")
SECTION = _maker("section")
SPAN = _maker("span")
STRONG = _maker("strong")
STYLE = _maker("style")
SUP = _maker("sup")
TABLE = _maker("table")
TBODY = _maker("tbody")
TD = _maker("td")
TH = _maker("th")
THEAD = _maker("thead")
TIME = _maker("time")
TITLE = _maker("title")
TR = _maker("tr")
UL = _maker("ul")

_STRING = etree.XPath("string()")


def text_content(element: Element) -> str:
    """All the text inside ``element``, as lxml.html's ``text_content()`` gives it."""
    return str(_STRING(element))
