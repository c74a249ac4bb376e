"""schema.org JSON-LD: ``jsonld`` builds the document, ``mapping`` says where each field lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import Exporter, RenderContext
from .mapping import COLUMNS

if TYPE_CHECKING:
    from ...model import Monograph


def render(monograph: Monograph, context: RenderContext) -> bytes:
    from ...jsonout import dump  # here, as for every built-in format: see formats/fhir
    from .jsonld import document

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
