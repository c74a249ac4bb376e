"""The published page: one self-contained HTML file per monograph.

The page shows the monograph in the order of the seed page, embeds the
schema.org JSON-LD of formats/schemaorg/, and uses no external assets and no
script other than that JSON-LD. The tree is built with lxml, which escapes
every text and attribute; the JSON-LD is the one string written by hand, and
``<``, ``>`` and ``&`` inside it are escaped as JSON so that no content can
end its ``<script>`` element.

Labels the page adds (such as "Reviewed by" or "Sources") are English; the
monograph's language goes into ``lang`` and ``dir``, and English labels on a
page in another language carry ``lang="en"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

import lxml.html
from lxml.html import HtmlElement
from lxml.html import builder as E

from ...model import (
    CODE_SYSTEM_NAMES,
    Citation,
    Emphasis,
    Inline,
    Link,
    Monograph,
    PartialDate,
    Precaution,
    Prose,
    Section,
    SideEffect,
    Strong,
    Text,
)
from .embedded import json_for_script, stylesheet
from .indent import indent
from .language import readable_date, text_direction

Child: TypeAlias = "HtmlElement | str"

FREQUENCIES: dict[str | None, tuple[str, str]] = {
    "very-common": ("Very common", "1 in 10 people or more"),
    "common": ("Common", "1 in 100 people or more"),
    "uncommon": ("Uncommon", "1 in 1,000 to 1 in 100 people"),
    "rare": ("Rare", "fewer than 1 in 1,000 people"),
    "very-rare": ("Very rare", "fewer than 1 in 10,000 people"),
    "not-known": ("Frequency not known", "reported, but how often is not known"),
    None: ("Other side effects", "the label gives no frequency in words"),
}

PRESCRIPTION_STATUS = {"prescription-only": "Prescription only", "over-the-counter": "Over the counter"}

ADVICE_TOPICS = {
    "how-to-take": "How to take it",
    "driving": "Driving",
    "stopping-treatment": "Stopping treatment",
    "tell-your-doctor": "Tell your doctor",
    "side-effects": "Side effects",
    "diet": "Food and drink",
    "other": None,
}


def page(monograph: Monograph, json_ld: bytes) -> str:
    """The page, with ``json_ld`` (the JSON-LD export of the same monograph) as its structured data."""
    root = _Page(monograph, json_ld).html()
    indent(root)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode") + "\n"


def _unbroken(values: Sequence[str], separator: str, kind: str) -> HtmlElement:
    """Values that may wrap between, but not inside, each other ("1000 mcg/mL", "SNOMED CT 387342009")."""
    joined = E.SPAN({"class": kind})
    for value in values:
        if len(joined):
            joined[-1].tail = separator
        # Strengths and codes are written left to right even on a right-to-left page.
        joined.append(E.SPAN(value, dir="ltr"))
    return joined


def _mentioned(words: str, name: str) -> bool:
    """Whether prose already says a name, so that the page need not repeat it."""
    return name.casefold() in words.casefold()


class _Page:
    """Builds one page; holds what every part needs: the monograph and the source numbers."""

    def __init__(self, monograph: Monograph, json_ld: bytes):
        self.m = monograph
        self.json_ld = json_ld
        self.numbers = {c.id: n for n, c in enumerate(monograph.citations, start=1)}
        self.english = monograph.language.split("-")[0].lower() == "en"
        self.direction = text_direction(monograph.language)

    # ------------------------------------------------------------ document

    def html(self) -> HtmlElement:
        root = E.HTML(self.head(), self.body())
        root.set("lang", self.m.language)
        root.set("dir", self.direction)
        return root

    def head(self) -> HtmlElement:
        m = self.m
        title = f"{m.title} | {m.publisher.name}" if m.publisher else m.title
        return E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(title),
            E.META(name="description", content=" ".join(m.summary.plain.split())),
            E.LINK(rel="canonical", href=m.url),
            E.STYLE("\n" + stylesheet() + "\n"),
            E.SCRIPT(json_for_script(self.json_ld), type="application/ld+json"),
        )

    def body(self) -> HtmlElement:
        m = self.m
        parts: list[Child | None] = [
            self.header(),
            E.DIV(*self.prose(m.summary), **{"class": "summary"}),
            self.facts(),
            self.indications(),
            self.ingredients(),
            self.mechanism(),
            self.forms(),
            self.brands(),
            *self.side_effects_and_boxed_warning(),
            self.precautions(),
            self.advice(),
            self.sources(),
        ]
        main = E.MAIN(E.ARTICLE(*[p for p in parts if p is not None]))
        footer = self.footer()
        return E.BODY(main, footer) if footer is not None else E.BODY(main)

    # ------------------------------------------------------------ pieces

    def label(self, text: str) -> Child:
        """An English label, marked as English when the page is not."""
        if self.english:
            return text
        words = text.rstrip()
        span = self.labelled(E.SPAN(words))
        span.tail = text[len(words):] or None  # a space inside an isolated span would not separate it from the next word
        return span

    def labelled(self, element: HtmlElement) -> HtmlElement:
        if not self.english:
            element.set("lang", "en")
            if self.direction == "rtl":
                element.set("dir", "ltr")
        return element

    def inline(self, nodes: Iterable[Inline]) -> list[Child]:
        out: list[Child] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(node.text)
            elif isinstance(node, Emphasis):
                out.append(E.EM(*self.inline(node.children)))
            elif isinstance(node, Strong):
                out.append(E.STRONG(*self.inline(node.children)))
            elif isinstance(node, Link):
                out.append(E.A(*self.inline(node.children), href=node.href))
        return out

    def prose(self, prose: Prose | None, cites: Sequence[Citation] = ()) -> list[HtmlElement]:
        """Paragraphs; the citation marks go at the end of the last one, as footnotes do."""
        if prose is None:
            return []
        paragraphs = [E.P(*self.inline(p)) for p in prose.paragraphs]
        if cites and paragraphs:
            paragraphs[-1].append(self.cite_marks(cites))
        return paragraphs

    def cite_marks(self, cites: Sequence[Citation]) -> HtmlElement:
        mark = E.SUP({"class": "cite"})
        for citation in cites:
            number = self.numbers[citation.id]
            if len(mark):
                mark[-1].tail = ","
            mark.append(E.A(str(number), {"href": f"#source-{number}", "aria-label": f"Source {number}"}))
        return mark

    def with_cites(self, children: list[Child], cites: Sequence[Citation]) -> list[Child]:
        return [*children, self.cite_marks(cites)] if cites else children

    def section(self, key: str, heading: str, *content: Child | None) -> HtmlElement:
        return E.SECTION(E.H2(heading), *[c for c in content if c is not None], id=key)

    def intro_with_cites(self, section: Section[Any]) -> tuple[list[HtmlElement], HtmlElement | None]:
        """A section's intro carries its citation marks; without an intro they close the section."""
        if section.intro is not None:
            return self.prose(section.intro, section.cites), None
        if not section.cites:
            return [], None
        return [], E.P(self.label("Sources: "), self.cite_marks(section.cites), **{"class": "section-sources"})

    # ------------------------------------------------------------ header and facts

    def header(self) -> HtmlElement:
        m = self.m
        # A name may be written in another direction than the page; <bdi> keeps it from reordering the line.
        line: list[Child] = [self.label("Reviewed by: "), E.BDI(m.review.reviewer), self.separator(),
                             self.label("Last reviewed: "), self.time(m.review.last_reviewed)]
        if m.modified is not None:
            line += [self.separator(), self.label("Updated: "), self.time(m.modified)]
        return E.HEADER(E.H1(m.title), E.P(*line, {"class": "review"}))

    def separator(self) -> HtmlElement:
        return E.SPAN(" | ", {"class": "sep", "aria-hidden": "true"})

    def time(self, date: PartialDate) -> HtmlElement:
        return E.TIME(readable_date(date), datetime=str(date))

    def facts(self) -> HtmlElement:
        drug = self.m.drug
        rows: list[tuple[str, Child]] = [("Generic name", drug.generic_name)]
        if drug.classes:
            rows.append(("Drug class", ", ".join(c.label for c in drug.classes)))
        if drug.prescription_status is not None:
            rows.append(("Availability", self.label(PRESCRIPTION_STATUS[drug.prescription_status])))
        if drug.codes:
            codes = [f"{CODE_SYSTEM_NAMES[system]} {value}" for system, value in drug.codes.items()]
            rows.append(("Codes", _unbroken(codes, " · ", "codes")))
        dl = E.DL({"class": "facts"})
        for term, value in rows:
            dl.append(E.DIV(self.labelled(E.DT(term)), E.DD(value)))
        return dl

    # ------------------------------------------------------------ sections

    def indications(self) -> HtmlElement:
        section = self.m.indications
        intro, closing = self.intro_with_cites(section)
        items = []
        for indication in section.items:
            item = E.LI(*self.with_cites([indication.label], indication.cites))
            if indication.symptoms:
                item.append(E.UL(*[E.LI(s.label) for s in indication.symptoms]))
            items.append(item)
        return self.section("indications", section.heading, *intro, E.UL(*items), *self.prose(section.outro), closing)

    def ingredients(self) -> HtmlElement:
        section = self.m.ingredients
        intro, closing = self.intro_with_cites(section)
        said = section.intro.plain if section.intro else ""
        # "The active ingredient in baclofen is baclofen." needs no list after it.
        listed = None
        if not all(_mentioned(said, i.label) for i in section.items):
            listed = E.UL(*[E.LI(i.label) for i in section.items])
        return self.section("ingredients", section.heading, *intro, listed, *self.prose(section.outro), closing)

    def mechanism(self) -> HtmlElement | None:
        mechanism = self.m.mechanism
        if mechanism is None:
            return None
        return self.section("mechanism", mechanism.heading, *self.prose(mechanism.text, mechanism.cites))

    def forms(self) -> HtmlElement | None:
        section = self.m.forms
        if section is None:
            return None
        intro, closing = self.intro_with_cites(section)
        head = E.THEAD(E.TR(*[self.labelled(E.TH(h, scope="col")) for h in ("Form", "How it is given", "Strengths")]))
        rows = []
        for form in section.items:
            route = form.route.label + (f" ({form.delivery})" if form.delivery else "")
            strengths = _unbroken([s.text for s in form.strengths], ", ", "strengths")
            rows.append(E.TR(E.TH(form.name, scope="row"), E.TD(route), E.TD(strengths)))
        table = E.TABLE(head, E.TBODY(*rows), {"class": "forms"})
        return self.section("forms", section.heading, *intro, table, *self.prose(section.outro), closing)

    def brands(self) -> HtmlElement | None:
        section = self.m.brands
        if section is None:
            return None
        intro, closing = self.intro_with_cites(section)
        items = [
            E.LI(E.STRONG(brand.name), ": " + ", ".join(f.name for f in brand.forms))
            for brand in section.items
        ]
        listed = E.UL(*items, {"class": "brands"})
        return self.section("brands", section.heading, *intro, listed, *self.prose(section.outro), closing)

    def side_effects_and_boxed_warning(self) -> list[HtmlElement | None]:
        """As on the seed page, the boxed warning sits in the side-effects section, before its closing words."""
        section = self.m.side_effects
        if section is None:
            return [self.boxed_warning(level=2)]
        intro, closing = self.intro_with_cites(section)
        lists: list[HtmlElement] = []
        for frequency, (name, meaning) in FREQUENCIES.items():
            effects = [e for e in section.items if e.frequency == frequency]
            if effects:
                lists.append(self.labelled(E.P(name, " ", E.SPAN(f"({meaning})"), {"class": "frequency"})))
                # Long lists of short names read better in two columns; a short list would only be squeezed.
                kind = "effects columns" if len(effects) >= 6 else "effects"
                lists.append(E.UL(*[self.side_effect(e) for e in effects], {"class": kind}))
        return [self.section(
            "side-effects", section.heading, *intro, *lists, self.boxed_warning(level=3),
            *self.prose(section.outro), closing,
        )]

    def side_effect(self, effect: SideEffect) -> HtmlElement:
        children: list[Child] = [effect.label]
        if effect.serious:
            children.append(self.labelled(E.SPAN("serious", {"class": "tag"})))
        if effect.note:
            children.append(f" \u2014 {effect.note}")
        return E.LI(*self.with_cites(children, effect.cites))

    def boxed_warning(self, level: int) -> HtmlElement | None:
        boxed = self.m.boxed_warning
        if boxed is None:
            return None
        heading = (E.H2 if level == 2 else E.H3)(boxed.heading, id="boxed-warning-heading")
        words = " ".join(p.plain for p in (boxed.intro, boxed.text, boxed.advice) if p is not None)
        unsaid = [r.label for r in boxed.risks if not _mentioned(words, r.label)]
        box = E.SECTION(heading, {"class": "boxed-warning", "id": "boxed-warning", "aria-labelledby": "boxed-warning-heading"})
        box.extend(self.prose(boxed.intro))
        box.extend(self.prose(boxed.text, () if boxed.advice else boxed.cites))
        if unsaid:
            box.append(E.P(self.label("Risks: "), ", ".join(unsaid)))
        box.extend(self.prose(boxed.advice, boxed.cites))
        if boxed.forms:
            box.append(E.P(self.label("Applies to: "), ", ".join(f.name for f in boxed.forms), {"class": "applies"}))
        return box

    def precautions(self) -> HtmlElement | None:
        section = self.m.precautions
        if section is None:
            return None
        intro, closing = self.intro_with_cites(section)
        items = [self.precaution(p) for p in section.items]
        return self.section("precautions", section.heading, *intro, E.UL(*items), *self.prose(section.outro), closing)

    def precaution(self, precaution: Precaution) -> HtmlElement:
        """The author's sentence, then what the model knows beyond it: the effect and the interactants, unless it says them."""
        children = self.with_cites([precaution.text], precaution.cites)
        details: list[tuple[str, str]] = []
        if precaution.effect and not _mentioned(precaution.text, precaution.effect):
            details.append(("Effect: ", precaution.effect))
        if not all(_mentioned(precaution.text, i.name) for i in precaution.interactants):
            details.append(("Interacts with: ", ", ".join(i.name for i in precaution.interactants)))
        for label, words in details:
            children += [" ", E.SPAN(self.label(label), words, {"class": "detail"})]
        if precaution.contraindicated:
            children.append(self.labelled(E.SPAN("must not be used", {"class": "tag"})))
        return E.LI(*children)

    def advice(self) -> HtmlElement | None:
        section = self.m.advice
        if section is None:
            return None
        content: list[HtmlElement] = []
        for item in section.items:
            topic = ADVICE_TOPICS[item.topic]
            if topic:
                content.append(self.labelled(E.H3(topic)))
            content.extend(self.prose(item.text, item.cites))
        intro, closing = self.intro_with_cites(section)
        return self.section("advice", section.heading, *intro, *content, closing)

    def sources(self) -> HtmlElement:
        items = []
        for number, citation in enumerate(self.m.citations, start=1):
            item = E.LI(E.CITE(E.A(citation.title, href=citation.url)), id=f"source-{number}")
            details = [d for d in (citation.publisher, readable_date(citation.date) if citation.date else None) if d]
            item[-1].tail = ". " + ", ".join(details) + "." if details else None
            items.append(item)
        heading = self.labelled(E.H2("Sources"))
        return E.SECTION(heading, E.OL(*items), {"class": "sources", "id": "sources"})

    def footer(self) -> HtmlElement | None:
        publisher = self.m.publisher
        if publisher is None:
            return None
        name: Child = E.A(publisher.name, href=publisher.url) if publisher.url else publisher.name
        return E.FOOTER(E.P(self.label("Published by "), name, "."))
