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
from lxml.builder import ElementMaker

Element: TypeAlias = Any
"""An element of the page (an ``etree._Element``). To mypy it is Any, as lxml.html's untyped elements were:
the page's code mixes elements and strings in ways the lxml stubs would need spelt out."""

_MAKE = ElementMaker(makeelement=etree.HTMLParser().makeelement)

A = _MAKE.a
ARTICLE = _MAKE.article
BDI = _MAKE.bdi
BODY = _MAKE.body
BR = _MAKE.br
CAPTION = _MAKE.caption
CITE = _MAKE.cite
DD = _MAKE.dd
DIV = _MAKE.div
DL = _MAKE.dl
DT = _MAKE.dt
EM = _MAKE.em
FOOTER = _MAKE.footer
H1 = _MAKE.h1
H2 = _MAKE.h2
H3 = _MAKE.h3
HEAD = _MAKE.head
HEADER = _MAKE.header
HTML = _MAKE.html
LI = _MAKE.li
LINK = _MAKE.link
MAIN = _MAKE.main
META = _MAKE.meta
NAV = _MAKE.nav
OL = _MAKE.ol
P = _MAKE.p
SCRIPT = _MAKE.script
SECTION = _MAKE.section
SPAN = _MAKE.span
STRONG = _MAKE.strong
STYLE = _MAKE.style
SUP = _MAKE.sup
TABLE = _MAKE.table
TBODY = _MAKE.tbody
TD = _MAKE.td
TH = _MAKE.th
THEAD = _MAKE.thead
TIME = _MAKE.time
TITLE = _MAKE.title
TR = _MAKE.tr
UL = _MAKE.ul

_STRING = etree.XPath("string()")


def text_content(element: Element) -> str:
    """All the text inside ``element``, as lxml.html's ``text_content()`` gives it."""
    return str(_STRING(element))
