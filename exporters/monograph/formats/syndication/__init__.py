"""Syndication XML: ``tree`` writes the document, ``mapping`` says where each field lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import Exporter, RenderContext
from .mapping import COLUMNS

if TYPE_CHECKING:
    from ...model import Monograph


def render(monograph: Monograph, context: RenderContext) -> bytes:
    from .tree import document  # here, as for every built-in format: see formats/fhir

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
