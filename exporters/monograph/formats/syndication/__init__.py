"""Syndication XML: ``tree`` writes the document, ``mapping`` says where each field lands."""

from __future__ import annotations

from ...model import Monograph
from .. import Exporter, RenderContext
from .mapping import COLUMNS
from .tree import document


def render(monograph: Monograph, context: RenderContext) -> bytes:
    return document(monograph)


EXPORTER = Exporter(
    name="xml",
    title="Syndication XML",
    media_type="application/xml",
    folder="xml",
    extension=".xml",
    render=render,
    mapping=COLUMNS,
)
