"""schema.org JSON-LD: ``jsonld`` builds the document, ``mapping`` says where each field lands."""

from __future__ import annotations

from ...jsonout import dump
from ...model import Monograph
from .. import Exporter, RenderContext
from .jsonld import document
from .mapping import COLUMNS


def render(monograph: Monograph, context: RenderContext) -> bytes:
    return dump(document(monograph, context.translations, context.translation_urls))


EXPORTER = Exporter(
    name="jsonld",
    title="schema.org JSON-LD",
    media_type="application/ld+json",
    folder="jsonld",
    extension=".jsonld",
    render=render,
    mapping=COLUMNS,
)
