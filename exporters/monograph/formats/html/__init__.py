"""The HTML page: ``page`` builds it from ``sections``, ``safety``, ``dosing`` and ``parts``, in the words of
``language`` (catalogues in ``messages/``); ``indent`` lays out its source and ``embedded`` holds its stylesheet
(page.css) and its JSON-LD; ``mapping`` says where each field shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import Exporter, RenderContext
from .mapping import COLUMNS

if TYPE_CHECKING:
    from ...model import Monograph


def render(monograph: Monograph, context: RenderContext) -> bytes:
    from .page import page  # here, as for every built-in format: see formats/fhir

    # Hosts older than the publisher's page settings and the language versions give neither.
    site = getattr(context, "site", None) or {}
    translations = getattr(context, "translations", None) or {}
    return page(monograph, context.output("jsonld"), site, translations).encode("utf-8")


EXPORTER = Exporter(
    name="html",
    title="HTML page",
    media_type="text/html",
    folder="html",
    extension=".html",
    render=render,
    mapping=COLUMNS,
)
