"""The HTML page: ``page`` builds it, with ``language``, ``indent`` and ``embedded`` (its
stylesheet, page.css, and its JSON-LD); ``mapping`` says where each field shows."""

from __future__ import annotations

from ...model import Monograph
from .. import Exporter, RenderContext
from .mapping import COLUMNS
from .page import page


def render(monograph: Monograph, context: RenderContext) -> bytes:
    return page(monograph, context.output("jsonld")).encode("utf-8")


EXPORTER = Exporter(
    name="html",
    title="HTML page",
    media_type="text/html",
    folder="html",
    extension=".html",
    render=render,
    mapping=COLUMNS,
)
