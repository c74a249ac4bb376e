"""What every part of the page is built from: interface words, rich text, source marks, and who and what a
statement is about (its scope and population), said once here for every section."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

from ...model import (
    Citation,
    Concept,
    Duration,
    Emphasis,
    Inline,
    Link,
    Monograph,
    PartialDate,
    Population,
    Prose,
    Scope,
    Section,
    Strong,
    Text,
)
from ...wording import Language
from . import elements as E
from .elements import Element

Child: TypeAlias = "Element | str"



def unbroken(values: Sequence[str], separator: str, kind: str) -> Element:
    """Values that may wrap between, but not inside, each other ("1000 mcg/mL", "5 mg/5 mL")."""
    joined = E.SPAN({"class": kind})
    for value in values:
        if len(joined):
            joined[-1].tail = separator
        # Strengths and amounts are written left to right even on a right-to-left page.
        joined.append(E.SPAN(value, dir="ltr"))
    return joined


def compact(children: Iterable[Child | None]) -> list[Child]:
    return [c for c in children if c is not None]


class Parts:
    """The monograph, its interface language and its source numbers, with the builders every section shares."""

    def __init__(self, monograph: Monograph, site: Mapping[str, str] | None = None):
        self.m = monograph
        self.site = dict(site or {})
        self.lang = Language(monograph.language)
        self.numbers = {c.id: n for n, c in enumerate(monograph.citations, start=1)}
        self.comma = self.t(", ")
        """What separates the items of a list in the page's language ('، ' in Arabic, '、' in Chinese)."""

    # ------------------------------------------------------------ interface words

    def t(self, message: str, **values: str) -> str:
        return self.lang.text(message, **values)

    def label(self, message: str, **values: str) -> Child:
        """Interface words; marked as English when the page's language has no translation of them."""
        text = self.t(message, **values)
        if self.lang.translated(message):
            return text
        words = text.rstrip()
        span = self.english(E.SPAN(words))
        span.tail = text[len(words):] or None  # a space inside an isolated span would not separate it from the next word
        return span

    def english(self, element: Element) -> Element:
        element.set("lang", "en")
        if self.lang.direction == "rtl":
            element.set("dir", "ltr")
        return element

    def labelled(self, element: Element, message: str) -> Element:
        """``element`` holding interface words: marked English when they are not translated."""
        if not self.lang.translated(message):
            self.english(element)
        return element

    def time(self, date: PartialDate) -> Element:
        return E.TIME(self.lang.date(date), datetime=str(date))

    def duration(self, duration: Duration) -> str:
        return self.lang.duration(duration)

    # ------------------------------------------------------------ rich text and sources

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

    def prose(self, prose: Prose | None, cites: Sequence[Citation] = ()) -> list[Element]:
        """Paragraphs; the citation marks go at the end of the last one, as footnotes do."""
        if prose is None:
            return []
        paragraphs = [E.P(*self.inline(p)) for p in prose.paragraphs]
        if cites and paragraphs:
            paragraphs[-1].append(self.cite_marks(cites))
        return paragraphs

    def cite_marks(self, cites: Sequence[Citation]) -> Element:
        mark = E.SUP({"class": "cite"})
        for citation in cites:
            number = self.numbers[citation.id]
            if len(mark):
                mark[-1].tail = ","
            mark.append(E.A(str(number), {"href": f"#source-{number}",
                                          "aria-label": self.t("Source {number}", number=str(number))}))
        return mark

    def with_cites(self, children: list[Child], cites: Sequence[Citation]) -> list[Child]:
        return [*children, self.cite_marks(cites)] if cites else children

    def section(self, key: str, heading: str, *content: Child | None) -> Element:
        return E.SECTION(E.H2(heading, id=f"{key}-heading"), *compact(content),
                         {"id": key, "aria-labelledby": f"{key}-heading"})

    def framed(self, key: str, section: Section[Any], *content: Child | None) -> Element:
        """A section with its intro (carrying the section's source marks), content and closing words.

        Without an intro the marks close the section on a line of their own, which names them as sources."""
        intro = self.prose(section.intro, section.cites)
        closing = None
        if section.intro is None and section.cites:
            closing = self.sources_line(section.cites)
        return self.section(key, section.heading, *intro, *content, *self.prose(section.outro), closing)

    def sources_line(self, cites: Sequence[Citation]) -> Element:
        """'Source: TITLE' under a section with no words of its own to carry a mark: the source named, not a bare
        number."""
        message = "Source:" if len(cites) == 1 else "Sources:"
        line = E.P(self.label(message), " ", {"class": "section-sources"})
        for number, citation in enumerate(cites):
            if number:
                line[-1].tail = "; "
            line.append(E.A(citation.title, href=f"#source-{self.numbers[citation.id]}"))
        return line

    # ------------------------------------------------------------ who and what a statement is about

    def scope_names(self, scope: Scope) -> list[str]:
        return [f.name for f in scope.forms] + [b.name for b in scope.brands]

    def scope_note(self, scope: Scope) -> Element | None:
        """"Applies to: Tablet" for a statement about some forms or brands; nothing for the whole drug."""
        if scope.whole_drug:
            return None
        return E.SPAN(self.label("Applies to:"), " ", self.comma.join(self.scope_names(scope)), {"class": "scope"})

    def population_words(self, population: Population | None) -> str | None:
        return self.lang.population(population)

    def population_note(self, population: Population | None) -> Element | None:
        words = self.population_words(population)
        if words is None:
            return None
        return E.SPAN(self.label("Who:"), " ", words, {"class": "population"})

    def notes(self, scope: Scope, population: Population | None) -> list[Child]:
        """The scope and population of a statement, after its words."""
        out: list[Child] = []
        for note in (self.scope_note(scope), self.population_note(population)):
            if note is not None:
                out += [" ", note]
        return out

    def names(self, concepts: Sequence[Concept]) -> str:
        return self.comma.join(c.label for c in concepts)
