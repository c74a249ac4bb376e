"""The published page: one self-contained HTML file per monograph.

The page shows the monograph in the order of the seed page, embeds the
schema.org JSON-LD of formats/schemaorg.py, and uses no external assets and no
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

from ..jsonout import dump_text
from ..model import (
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
from . import Exporter, Options, schemaorg
from .schemaorg.jsonld import CODING_SYSTEMS

Child: TypeAlias = "HtmlElement | str"

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")

FREQUENCIES = {
    "common": ("Common", "1 in 100 people or more"),
    "uncommon": ("Uncommon", "1 in 1,000 to 1 in 100 people"),
    "rare": ("Rare", "fewer than 1 in 1,000 people"),
    "not-known": ("Frequency not known", "reported, but how often is not known"),
}

PRESCRIPTION_STATUS = {"prescription-only": "Prescription only", "over-the-counter": "Over the counter"}

ADVICE_TOPICS = {
    "how-to-take": "How to take it",
    "driving": "Driving",
    "stopping-treatment": "Stopping treatment",
    "tell-your-doctor": "Tell your doctor",
    "side-effects": "Side effects",
    "other": None,
}

# Languages written right to left, by primary subtag; a script subtag overrides
# them (ku-Arab is right to left, az-Latn left to right).
RTL_LANGUAGES = frozenset({
    "ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he", "iw", "ks", "lrc",
    "mzn", "nqo", "pnb", "prs", "ps", "sd", "skr", "syr", "ug", "ur", "yi",
})
RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa"})

# Block elements whose children are all blocks: only there may the serializer
# add line breaks and indentation without changing what the page says.
_BLOCKS = frozenset({
    "html", "head", "body", "header", "main", "article", "footer", "section", "div", "ul", "ol", "dl",
    "table", "thead", "tbody", "tr",
})

STYLE = """
:root {
  color-scheme: light dark;
  --text: #1c1c1e; --muted: #56565c; --bg: #ffffff; --accent: #0a58a8;
  --rule: #d9d9de; --panel: #f6f7f9; --warn: #1c1c1e; --warn-bg: #fff6e6;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #ececf0; --muted: #b4b4bc; --bg: #141416; --accent: #8cbcff;
    --rule: #3a3a40; --panel: #1e1e22; --warn: #f0c36a; --warn-bg: #2a2214;
  }
}
html { background: var(--bg); color: var(--text); -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word;
}
main, body > footer { max-width: 40rem; margin: 0 auto; padding: 2.5rem 1.25rem; }
main { padding-bottom: 1rem; }
body > footer { padding-top: 0; color: var(--muted); font-size: 0.9rem; }
h1, h2, h3 { line-height: 1.25; font-weight: 700; }
h1 { font-size: 2.25rem; margin: 0 0 0.5rem; letter-spacing: -0.01em; }
h2 { font-size: 1.375rem; margin: 2.5rem 0 0.75rem; }
h3 { font-size: 1.0625rem; margin: 1.75rem 0 0.5rem; }
p { margin: 0 0 1rem; }
ul, ol { margin: 0 0 1rem; padding-inline-start: 1.5rem; }
li { margin: 0.3rem 0; }
li > ul { margin: 0.3rem 0 0; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.review { color: var(--muted); font-size: 0.95rem; margin-bottom: 1.75rem; }
.review .sep { white-space: pre; }
.summary p { font-size: 1.1875rem; }
sup.cite { font-size: 0.72em; line-height: 0; white-space: nowrap; }
sup.cite a { text-decoration: none; padding: 0 0.08em; }
sup.cite a:hover { text-decoration: underline; }
.facts {
  display: grid; grid-template-columns: max-content 1fr; gap: 0.4rem 1.25rem;
  margin: 1.75rem 0; padding: 1rem 1.25rem; background: var(--panel);
  border: 1px solid var(--rule); border-radius: 0.5rem; font-size: 0.95rem;
}
.facts div { display: contents; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.facts .codes { color: var(--muted); }
.codes span, .strengths span { white-space: nowrap; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1rem; font-size: 0.95rem; }
th, td {
  text-align: start; vertical-align: top; padding: 0.55rem 0; padding-inline-end: 1rem;
  border-bottom: 1px solid var(--rule);
}
thead th { font-size: 0.85rem; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--rule); }
tbody th { font-weight: 600; }
ul.columns { columns: 2 14rem; column-gap: 2.5rem; }
ul.columns li { break-inside: avoid; }
ul.columns li:first-child { margin-top: 0; }
.detail { display: block; color: var(--muted); font-size: 0.95em; }
.frequency { font-weight: 600; margin: 1.25rem 0 0.25rem; }
.frequency span { font-weight: 400; color: var(--muted); }
.tag {
  display: inline-block; margin-inline-start: 0.4em; padding: 0 0.45em; border: 1px solid currentColor;
  border-radius: 0.25em; font-size: 0.8em; font-weight: 600; line-height: 1.5;
}
.boxed-warning {
  margin: 1.75rem 0; padding: 1.1rem 1.25rem 0.2rem; border: 3px solid var(--warn);
  background: var(--warn-bg); border-radius: 0.25rem;
}
.boxed-warning h2, .boxed-warning h3 {
  margin: 0 0 0.6rem; font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.06em;
}
.boxed-warning .applies { font-size: 0.95rem; }
.sources ol { font-size: 0.9rem; padding-inline-start: 1.75rem; }
.sources li { margin: 0.5rem 0; overflow-wrap: anywhere; }
.sources li:target { background: var(--panel); outline: 1px solid var(--rule); }
@media (max-width: 30rem) {
  h1 { font-size: 1.875rem; }
  .facts { grid-template-columns: 1fr; gap: 0 0; }
  .facts dd { margin-bottom: 0.5rem; }
}
@media print {
  :root { --text: #000; --muted: #333; --bg: #fff; --accent: #000; --panel: #fff; --warn: #000; --warn-bg: #fff; }
  body { font-size: 11pt; line-height: 1.45; }
  main, body > footer { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  .boxed-warning, .facts, tr, li { break-inside: avoid; }
  a { text-decoration: none; }
  .sources a::after { content: " <" attr(href) ">"; font-size: 0.9em; }
}
""".strip()


def render(monograph: Monograph, options: Options) -> bytes:
    return page(monograph).encode("utf-8")


def page(monograph: Monograph) -> str:
    root = _Page(monograph).html()
    _indent(root)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode") + "\n"


def json_for_script(document: dict[str, Any]) -> str:
    """JSON that cannot end or comment out the script element it sits in, and still parses to the same object."""
    text = dump_text(document)
    return "\n" + text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"


def text_direction(language: str) -> str:
    subtags = language.split("-")
    scripts = [s for s in subtags[1:] if len(s) == 4 and s.isalpha()]
    if scripts:
        return "rtl" if scripts[0].title() in RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0].lower() in RTL_LANGUAGES else "ltr"


def readable_date(date: PartialDate) -> str:
    """'2023', 'April 2023' or '3 April 2023'."""
    if date.month is None:
        return str(date.year)
    month = f"{MONTHS[date.month - 1]} {date.year}"
    return month if date.day is None else f"{date.day} {month}"


def _indent(element: HtmlElement, level: int = 0) -> None:
    children = list(element)
    if element.tag in _BLOCKS and children and _only_whitespace(element.text) and all(_only_whitespace(c.tail) for c in children):
        inner = "\n" + "  " * (level + 1)
        element.text = inner
        for child in children:
            child.tail = inner
        children[-1].tail = "\n" + "  " * level
    for child in children:
        if child.tag not in _PHRASING:
            _indent(child, level + 1)


# Elements that hold only text and inline markup: nothing inside them is ever indented, so the walk stops there.
_PHRASING = frozenset({
    "p", "span", "a", "em", "strong", "sup", "cite", "time", "bdi", "h1", "h2", "h3", "h4", "th", "td",
    "title", "meta", "link", "style", "script",
})


def _only_whitespace(text: str | None) -> bool:
    return not text or not text.strip()


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

    def __init__(self, monograph: Monograph):
        self.m = monograph
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
            E.STYLE("\n" + STYLE + "\n"),
            E.SCRIPT(json_for_script(schemaorg.document(m)), type="application/ld+json"),
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
        rows.append(("Availability", self.label(PRESCRIPTION_STATUS[drug.prescription_status])))
        if drug.codes:
            codes = [f"{CODING_SYSTEMS[system]} {value}" for system, value in drug.codes.items()]
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


_SECTIONS = "shown as a section with this heading"

MAPPING: dict[str, str] = {
    "id": "not shown; it names the output file (`html/ID.html`)",
    "language": "`<html lang>`, and `dir=\"rtl\"` for right-to-left languages and scripts",
    "title": "`<title>` and the `<h1>`",
    "url": "`<link rel=\"canonical\">` and the JSON-LD",
    "publisher": "the footer (\"Published by\", linked to the publisher's website) and the `<title>` suffix",
    "summary": "the opening paragraphs, and `<meta name=\"description\">` as plain text",
    "review": "the line under the title: \"Reviewed by: NAME | Last reviewed: April 2023\"",
    "review.reviewed_by": "the line under the title",
    "review.last_reviewed": "the line under the title, in readable English (`April 2023`) inside `<time datetime=\"2023-04\">`",
    "modified": "the line under the title: \"Updated: ...\" in a `<time>` element",
    "drug": "the drug facts box after the summary",
    "drug.generic_name": "drug facts: \"Generic name\"",
    "drug.prescription_status": "drug facts: \"Availability\" (Prescription only / Over the counter)",
    "drug.codes": "drug facts: \"Codes\" (RxNorm, ATC, UNII, SNOMED CT)",
    "drug.classes": "drug facts: \"Drug class\" (name and explanation); class codes are in the JSON-LD only",
    "ingredients": f"{_SECTIONS}; intro, then the list unless the intro already names every ingredient",
    "ingredients.items.codes": "not shown (codes of the drug are in the facts box); in the JSON-LD",
    "brands": f"{_SECTIONS}; each brand in bold with the dose forms it is sold as",
    "forms": f"{_SECTIONS}; a table: form, how it is given (route and delivery), strengths",
    "forms.items.id": "not shown; the brands list and boxed warning name the form instead",
    "forms.items.codes": "not shown (patient page); carried in FHIR and XML",
    "forms.items.route.codes": "not shown (patient page); carried in FHIR and XML",
    "indications": f"{_SECTIONS}, first after the summary as on the seed page; conditions with their symptoms as a nested list",
    "indications.items.codes": "not shown (patient page); in the JSON-LD",
    "indications.items.symptoms.codes": "not shown (patient page); in the JSON-LD",
    "mechanism": f"{_SECTIONS}",
    "mechanism.fully_understood": "not shown as a flag; the mechanism text says it",
    "side_effects": f"{_SECTIONS}; grouped by frequency (\"Common (1 in 100 people or more)\")",
    "side_effects.items.serious": "a \"serious\" tag after the name",
    "side_effects.items.note": "after the name and explanation, following a dash",
    "side_effects.items.codes": "not shown (patient page); in the JSON-LD",
    "boxed_warning": (
        "a bordered box inside the side-effects section, before its closing words, as on the seed page (its "
        "own section when there are no side effects)"
    ),
    "boxed_warning.risks": "named in the box (\"Risks: ...\") unless the warning's text already names them; codes in the JSON-LD",
    "boxed_warning.forms": "\"Applies to: FORM\" at the end of the box",
    "precautions": f"{_SECTIONS}; one list item per precaution",
    "precautions.items.kind": "not shown; it selects the JSON-LD properties",
    "precautions.items.contraindicated": "a \"must not be used\" tag after the precaution",
    "precautions.items.concept": "not shown (the precaution's text names it); its codes are in the JSON-LD",
    "precautions.items.interactants": (
        "named after the precaution (\"with: ...\") unless its text already names them; codes in the JSON-LD"
    ),
    "precautions.items.effect": "after the precaution's text unless the text already says it",
    "advice": f"{_SECTIONS}; each piece under a heading for its topic (\"Driving\")",
    "citations": (
        "the numbered \"Sources\" list at the end: linked title, publisher, date; statements that cite them "
        "carry footnote-style superscript links to it"
    ),
    "citations.id": "the superscript numbers that link each statement to its source",
}
for _path in ("ingredients.cites", "brands.cites", "forms.cites", "indications.cites", "indications.items.cites",
              "mechanism.cites", "side_effects.cites", "side_effects.items.cites", "boxed_warning.cites",
              "precautions.cites", "precautions.items.cites", "advice.items.cites"):
    MAPPING[_path] = "superscript source numbers linking to the \"Sources\" list, after the intro (or the statement)"

EXPORTER = Exporter(
    name="html",
    title="HTML page",
    media_type="text/html",
    folder="html",
    extension=".html",
    render=render,
    mapping={"HTML": MAPPING},
)
