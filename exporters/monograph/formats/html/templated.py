"""A publisher's own page template ([page] template in monograph.toml): Jinja2, sandboxed, autoescaped.

The template decides the frame; the page's parts are built and escaped by the
page itself and handed over as finished markup, so no template can unescape a
monograph's text: anything else it prints is escaped by Jinja2. Variables:
``lang``, ``dir``, ``title``, ``url`` (plain text), and ``head`` (the contents
of the default <head>: metadata, stylesheet, JSON-LD), ``header``, ``main`` and
``footer`` (the default page's elements).
"""

from __future__ import annotations

import lxml.html
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ...model import Monograph
from .elements import Element


def _markup(element: Element) -> Markup:
    return Markup(lxml.html.tostring(element, encoding="unicode", with_tail=False))


def templated(source: str, root: Element, monograph: Monograph) -> str:
    """The page ``root`` (laid out, as the default page is) poured into the publisher's template ``source``."""
    head, body = root.find("head"), root.find("body")
    header, main, footer = body.find("header"), body.find("main"), body.find("footer")
    environment = SandboxedEnvironment(autoescape=True, keep_trailing_newline=True)
    page = environment.from_string(source).render(
        lang=root.get("lang"), dir=root.get("dir"), title=monograph.title, url=monograph.url,
        head=Markup("\n".join(_markup(child) for child in head)),
        header=_markup(header), main=_markup(main), footer=_markup(footer),
    )
    return page if page.endswith("\n") else page + "\n"
