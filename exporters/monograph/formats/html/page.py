"""The published page: one self-contained HTML file per monograph.

Safety first: after the title come the boxed warning and the absolute
contraindications, each with the forms it applies to; then the sections in
the order patients look for them (what it is for, how to take it, a missed
dose, precautions, side effects with those to call a doctor about set apart,
storage, overdose), then what it is made of and sold as, and the sources.
Codes stay out of the reader's way: they are in the embedded JSON-LD and in
``data-codes`` attributes.

The tree is built with lxml, which escapes every text and attribute; the
JSON-LD is the one string written by hand, and ``<``, ``>`` and ``&`` inside
it are escaped as JSON so that no content can end its ``<script>`` element.
Interface words come from the page language's catalogue (monograph/wording.py, shared with the JSON-LD);
words it lacks stay English and carry ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Mapping

import lxml.html

from ...model import Monograph, SupplyStatus
from ...wording import SUPPLY_STATUS, locale_of
from . import elements as E
from .elements import Element, text_content
from .embedded import json_for_script, stylesheet
from .indent import indent
from .parts import Child, compact
from .sections import Sections

INDEX_PAGE = "index.html"
PAGE_EXTENSION = ".html"
"""Language versions are pages beside this one: html/KEY.html."""
"""The corpus index, beside every page in the html/ folder."""

TABLE_OF_CONTENTS_FROM = 5
"""Pages with at least this many sections get a table of contents."""


def page(monograph: Monograph, json_ld: bytes, site: Mapping[str, str] | None = None,
         translations: Mapping[str, str] | None = None) -> str:
    """The page, with ``json_ld`` (the JSON-LD export of the same monograph) as its structured data.

    ``site`` holds the publisher's words from monograph.toml (name, disclaimer, emergency, language);
    ``translations`` the other language versions of the same monograph, as language tag -> address."""
    root = _Page(monograph, json_ld, site, translations).html()
    indent(root)
    if site and site.get("template"):
        from .templated import templated

        return templated(site["template"], root, monograph)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode") + "\n"


class _Page(Sections):
    def __init__(self, monograph: Monograph, json_ld: bytes, site: Mapping[str, str] | None,
                 translations: Mapping[str, str] | None):
        super().__init__(monograph, site)
        self.json_ld = json_ld
        self.versions = self.language_versions(translations or {})

    # ------------------------------------------------------------ document

    def html(self) -> Element:
        root = E.HTML(self.head(), self.body())
        root.set("lang", self.m.language)
        root.set("dir", self.lang.direction)
        return root

    def head(self) -> Element:
        m = self.m
        title = f"{m.title} | {m.publisher.name}" if m.publisher else m.title
        head = E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.META(name="description", content=" ".join(m.summary.plain.split())),
            E.LINK(rel="canonical", href=m.url),
        )
        for language, key in self.versions.items():
            head.append(E.LINK(rel="alternate", hreflang=language, href=key + PAGE_EXTENSION))
        # The publisher's stylesheet (monograph.toml [page] stylesheet, checked there) comes after ours, to win.
        own = self.site.get("stylesheet")
        css = stylesheet() + ("\n/* the publisher's stylesheet */\n" + own if own else "")
        head.extend([E.STYLE("\n" + css + "\n"),
                     E.SCRIPT(json_for_script(self.json_ld), type="application/ld+json")])
        return head

    def body(self) -> Element:
        top = compact([*self.boxed_warnings(), self.contraindications()])
        sections = compact([
            self.indications(), self.mechanism(), self.dosing(), self.instructions("missed-dose", self.m.missed_dose),
            self.precautions(), self.advice(), self.monitoring(), self.side_effects(),
            self.instructions("storage", self.m.storage), self.instructions("overdose", self.m.overdose),
            self.programs(), self.ingredients(), self.forms(), self.brands(), self.sources(),
        ])
        article = E.ARTICLE(self.title(), *top, E.DIV(*self.prose(self.m.summary), {"class": "summary"}), self.facts())
        contents = self.table_of_contents(sections)
        if contents is not None:
            article.append(contents)
        article.extend(sections)
        return E.BODY(self.site_header(), E.MAIN(article, id="content"), self.footer())

    # ------------------------------------------------------------ the frame

    def language_versions(self, translations: Mapping[str, str]) -> dict[str, str]:
        """hreflang -> key of every language version, this page's own included under its language."""
        versions = dict(translations)
        if versions and versions.get("x-default") == self.m.key:
            versions[self.m.language] = self.m.key
        return dict(sorted(versions.items()))

    def site_header(self) -> Element:
        link = E.A(self.label("All medicines A\u2013Z"), href=INDEX_PAGE)
        parts: list[Child] = [link]
        if self.site.get("name"):
            parts = [self.publisher_text(E.SPAN(self.site["name"], {"class": "site-name"})), " ", link]
        elif self.m.publisher is not None:
            parts = [E.SPAN(self.m.publisher.name, {"class": "site-name"}), " ", link]
        header = E.HEADER(E.P(*parts), {"class": "site"})
        others = [(language, key) for language, key in self.versions.items() if key != self.m.key]
        if others:
            links = [self.version_link(language, key) for language, key in others]
            nav = E.NAV(E.P(self.label("Other languages:"), " ", *self.interleave(links)),
                        {"class": "languages", "aria-label": self.t("Other languages:").rstrip(":： ")})
            header.append(nav)
        return header

    def version_link(self, language: str, key: str) -> Element:
        """A link to another language version, named in its own language ('español', 'العربية')."""
        if language == "x-default":
            return E.A(self.label("Original version"), href=key + PAGE_EXTENSION)
        name = locale_of(language).get_display_name(locale_of(language)) or language
        return E.A(name, href=key + PAGE_EXTENSION, hreflang=language, lang=language, dir="auto")

    def interleave(self, links: list[Element]) -> list[Child]:
        out: list[Child] = []
        for link in links:
            if out:
                out.append(self.comma)
            out.append(link)
        return out

    def footer(self) -> Element:
        m = self.m
        disclaimer = self.site.get("disclaimer")
        notice = (self.publisher_text(E.P(disclaimer)) if disclaimer else E.P(self.label(
            "This page is information, not medical advice. Ask your doctor or pharmacist about your own treatment.")))
        parts: list[Element | None] = [E.P(*self.review_words()), notice, self.emergency()]
        if m.publisher is not None:
            name: Child = E.A(m.publisher.name, href=m.publisher.url) if m.publisher.url else m.publisher.name
            parts.append(E.P(self.label("Published by:"), " ", E.BDI(name) if isinstance(name, str) else name))
        return E.FOOTER(*compact(parts), {"class": "site"})

    # ------------------------------------------------------------ title, review, facts

    def title(self) -> Element:
        line = self.review_words()
        if self.m.modified is not None:
            line += [self.separator(), self.label("Updated:"), " ", E.BDI(self.time(self.m.modified))]
        return E.HEADER(E.H1(self.m.title), E.P(*line, {"class": "review"}))

    def review_words(self) -> list[Child]:
        """'Reviewed by: NAME | Last reviewed: DATE'; a page nobody reviewed (no review block) says so plainly."""
        review = self.m.review
        if review is None:
            return [E.STRONG(self.label("This page has not been medically reviewed."))]
        # A name written in another direction than the page is isolated, so it cannot reorder the line.
        return [self.label("Reviewed by:"), " ", E.BDI(review.reviewer), self.separator(),
                self.label("Last reviewed:"), " ", E.BDI(self.time(review.last_reviewed))]

    def separator(self) -> Element:
        return E.SPAN(" | ", {"class": "sep", "aria-hidden": "true"})

    def facts(self) -> Element:
        drug = self.m.drug
        rows: list[tuple[str, list[Child]]] = [("Generic name", [drug.generic_name])]
        if drug.classes:
            rows.append(("Drug class", [self.comma.join(c.label for c in drug.classes)]))
        if drug.supply:
            rows.append(("Availability", [E.UL(*[E.LI(*self.supply(s)) for s in drug.supply], {"class": "supply"})]))
        dl = E.DL({"class": "facts"})
        # Codes are for machines: in the JSON-LD, and here in markup, never in the reader's way.
        codes = " ".join(f"{system}:{value}" for system, value in drug.codes.items())
        if codes:
            dl.set("data-codes", codes)
        former = " ".join(f"{system}:{value}" for system, value in drug.codes.former)
        if former:
            dl.set("data-former-codes", former)
        for term, value in rows:
            dl.append(E.DIV(self.labelled(E.DT(self.t(term)), term), E.DD(*value)))
        return dl

    def supply(self, status: SupplyStatus) -> list[Child]:
        """'Prescription only (United States)', 'Over the counter: Tablet', 'Controlled substance (schedule CII)'."""
        words: list[Child] = [self.label(SUPPLY_STATUS[status.status])]
        qualifiers = compact([self.t("schedule {schedule}", schedule=status.schedule) if status.schedule else None,
                              self.territory(status.jurisdiction) if status.jurisdiction else None])
        if qualifiers:
            words.append(f" ({', '.join(qualifiers)})")
        if not status.scope.whole_drug:
            words.append(": " + self.comma.join(self.scope_names(status.scope)))
        if status.note:
            words.append(f" \u2014 {status.note}")
        return self.with_cites(words, status.cites)

    def territory(self, code: str) -> str:
        """A jurisdiction's name in the page's language, from CLDR ('US' -> 'United States')."""
        return str(self.lang.locale.territories.get(code.upper(), code))

    def table_of_contents(self, sections: list[Element]) -> Element | None:
        if len(sections) < TABLE_OF_CONTENTS_FROM:
            return None
        links = [E.LI(E.A(text_content(s[0]), href=f"#{s.get('id')}")) for s in sections]
        heading = self.labelled(E.H2(self.t("On this page"), id="contents-heading"), "On this page")
        return E.NAV(heading, E.OL(*links), {"class": "contents", "aria-labelledby": "contents-heading"})
