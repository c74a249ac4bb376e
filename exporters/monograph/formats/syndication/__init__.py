"""Syndication XML: ``tree`` builds the document as an lxml tree, ``mapping`` says where each field lands."""

from __future__ import annotations

from lxml import etree

from ...model import Monograph
from .. import Exporter, RenderContext
from .mapping import COLUMNS
from .tree import document


def render(monograph: Monograph, context: RenderContext) -> bytes:
    return etree.tostring(document(monograph), xml_declaration=True, encoding="UTF-8", pretty_print=True)


EXPORTER = Exporter(
    name="xml",
    title="Syndication XML",
    media_type="application/xml",
    folder="xml",
    extension=".xml",
    render=render,
    mapping=COLUMNS,
)
