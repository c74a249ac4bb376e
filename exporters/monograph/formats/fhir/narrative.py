"""Narratives: XHTML written as escaped text, element by element, and what each resource's narrative says.

A narrative is small and flat, and a build writes some thirty a monograph:
each element is written straight to its markup (``Block``), every text and
attribute escaped at one point (``xmltext``), to the bytes
lxml's serializer wrote for the same tree (empty elements as ``<p/>``, an
element given empty text as ``<p></p>``), and a string XML cannot hold is
refused as lxml refused it.

Labels the monograph has no words for ("Reviewed by", "Sources") are English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...model import (
    BoxedWarning,
    Citation,
    DoseForm,
    DosingInstruction,
    Drug,
    Emphasis,
    Indication,
    Inline,
    Instruction,
    MonitoringTest,
    Monograph,
    Population,
    Prose,
    Review,
    Scope,
    Section,
    SideEffect,
    Strong,
    Text,
)
from ...xmltext import escaped_attribute, escaped_text
from .dosing import limit_text
from .population import describe

# ---------------------------------------------------------------- XHTML

XHTML = "http://www.w3.org/1999/xhtml"


class Block(str):
    """One element, written: its XHTML markup, every text and attribute in it escaped."""

    __slots__ = ()


def element(tag: str, children: Iterable[Block | str], attributes: str = "") -> Block:
    """``<tag attributes>children</tag>``: a Block child as it is, a string escaped; ``<tag/>`` with no child."""
    inner = [child if type(child) is Block else escaped_text(child) for child in children]
    if not inner:
        return Block(f"<{tag}{attributes}/>")
    return Block(f"<{tag}{attributes}>{''.join(inner)}</{tag}>")


def _maker(tag: str) -> Callable[..., Block]:
    def make(*children: Block | str, **attributes: str) -> Block:
        written = "".join(f' {name}="{escaped_attribute(value)}"' for name, value in attributes.items())
        return element(tag, children, written)

    make.__name__ = tag
    return make


class _Elements:
    """``H.p("text", H.a("link", href=...))``: the elements the narratives use, named as in XHTML."""

    a = staticmethod(_maker("a"))
    br = staticmethod(_maker("br"))
    div = staticmethod(_maker("div"))
    h1 = staticmethod(_maker("h1"))
    h2 = staticmethod(_maker("h2"))
    li = staticmethod(_maker("li"))
    ol = staticmethod(_maker("ol"))
    p = staticmethod(_maker("p"))
    ul = staticmethod(_maker("ul"))


H = _Elements()


def _inline(nodes: tuple[Inline, ...]) -> list[Block | str]:
    out: list[Block | str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Emphasis):
            out.append(element("em", _inline(node.children)))
        elif isinstance(node, Strong):
            out.append(element("strong", _inline(node.children)))
        else:
            out.append(H.a(*_inline(node.children), href=node.href))
    return out


def paragraphs(prose: Prose | None) -> list[Block]:
    if prose is None:
        return []
    return [H.p(*_inline(paragraph)) for paragraph in prose.paragraphs]


def _is_list_item(item: Block | str) -> bool:
    return type(item) is Block and (item.startswith("<li>") or item.startswith("<li ") or item.startswith("<li/"))


def bullet_list(items: Iterable[Block | str]) -> list[Block]:
    entries = [item if _is_list_item(item) else H.li(item) for item in items]
    return [H.ul(*entries)] if entries else []


def narrative(language: str, blocks: Iterable[Block]) -> dict[str, str]:
    language_attribute = escaped_attribute(language)
    div = element("div", blocks, f' xmlns="{XHTML}" lang="{language_attribute}" xml:lang="{language_attribute}"')
    return {"status": "generated", "div": str(div)}


def link(citation: Citation) -> Block:
    return H.a(citation.title, href=citation.url)


# ---------------------------------------------------------------- the whole monograph (the drug's resource)


def monograph_blocks(m: Monograph) -> list[Block]:
    blocks: list[Block] = [H.h1(m.title), *paragraphs(m.summary)]
    if m.drug.classes:
        blocks.append(H.p("Drug class: " + ", ".join(c.label for c in m.drug.classes)))
    blocks += [H.p(line) for line in supply_lines(m.drug)]
    blocks += section_blocks(m.ingredients, [c.label for c in m.ingredients.items])
    blocks += section_blocks(m.indications, [indication_entry(i) for i in m.indications.items])
    if m.mechanism:
        blocks += [H.h2(m.mechanism.heading), *paragraphs(m.mechanism.text)]
    if m.dosing:
        blocks += section_blocks(m.dosing, [dosing_item(d) for d in m.dosing.items])
    if m.monitoring:
        blocks += section_blocks(m.monitoring, [monitoring_item(t) for t in m.monitoring.items])
    if m.missed_dose:
        blocks += section_blocks(m.missed_dose, [instruction_item(i) for i in m.missed_dose.items])
    if m.forms:
        blocks += section_blocks(m.forms, [form_line(form) for form in m.forms.items])
    if m.brands:
        blocks += section_blocks(m.brands, [b.name + (f" ({', '.join(f.name for f in b.forms)})" if b.forms else "")
                                            for b in m.brands.items])
    if m.side_effects:
        blocks += section_blocks(m.side_effects, [side_effect_item(s) for s in m.side_effects.items])
    for boxed in m.boxed_warnings:
        # The blocks name the warning's forms; its brands and people are said here as its own resource says them.
        context = _context_list(Scope(brands=boxed.scope.brands), _who(boxed.population))
        blocks.append(H.div(*boxed_warning_blocks(boxed), *context))
    if m.precautions:
        blocks += section_blocks(m.precautions, [scoped_item(p.text, p.scope, _who(p.population))
                                                 for p in m.precautions.items])
    if m.advice:
        blocks.append(H.h2(m.advice.heading))
        for item in m.advice.items:
            blocks += [*paragraphs(item.text), *_context_list(item.scope, _who(item.population))]
    for section in (m.storage, m.overdose):
        if section:
            blocks += section_blocks(section, [instruction_item(i) for i in section.items])
    blocks += about_blocks(m)
    return blocks


def supply_lines(drug: Drug) -> list[str]:
    lines = []
    for s in drug.supply:
        where = [s.jurisdiction or "", s.schedule or "", scope_text(s.scope)]
        details = "; ".join(w for w in where if w)
        lines.append(f"Supply: {s.status}" + (f" ({details})" if details else "") + (f". {s.note}" if s.note else ""))
    for program in drug.programs:
        lines.append(f"Program ({program.kind}): {program.name}" + (f" ({scope_text(program.scope)})" if
                                                                    not program.scope.whole_drug else ""))
    return lines


def scope_text(scope: Scope) -> str:
    return ", ".join([*(f.name for f in scope.forms), *(b.name for b in scope.brands)])


def _context_items(scope: Scope, population: str | None) -> list[Block]:
    items = []
    if not scope.whole_drug:
        items.append(H.li("Applies to: " + scope_text(scope)))
    if population:
        items.append(H.li("Who: " + population))
    return items


def _context_list(scope: Scope, population: str | None) -> list[Block]:
    """What a statement applies to and whom it is about, as a list after it; nothing for the whole drug and everyone."""
    items = _context_items(scope, population)
    return [H.ul(*items)] if items else []


def scoped_item(text: Prose | str, scope: Scope, population: str | None, details: Iterable[str] = ()) -> Block:
    """A list item for a statement: its text, then what it applies to and whom it is about."""
    content: list[Block | str] = [text] if isinstance(text, str) else [*paragraphs(text)]
    nested = [*(H.li(d) for d in details), *_context_items(scope, population)]
    if nested:
        content.append(H.ul(*nested))
    return H.li(*content)


def _who(population: Population | None) -> str | None:
    return describe(population) if population else None


def dosing_item(d: DosingInstruction) -> Block:
    details = [f"For: {d.indication.label}"] if d.indication else []
    # A limit of one ingredient has no structured home in Dosage; the narrative says it with its ingredient.
    details += [limit_text(limit) for limit in d.maximum if limit.ingredient is not None]
    return scoped_item(d.text, d.scope, _who(d.population), details)


def monitoring_item(t: MonitoringTest) -> Block:
    return scoped_item(t.text, t.scope, _who(t.population), [t.test.label, *t.when])


def instruction_item(i: Instruction) -> Block:
    details = [s.label for s in i.symptoms]
    if i.temperature:
        low, high = i.temperature.min, i.temperature.max
        details.append("Temperature: " + " to ".join(f"{v} °C" for v in (low, high) if v is not None))
    return scoped_item(i.text, i.scope, _who(i.population), details)


def scoped_blocks(blocks: Any, scope: Scope, populations: tuple[str, ...]) -> list[Block]:
    """A statement's resource narrative, with what it applies to and whom it is about."""
    lines = [*_context_items(scope, None), *(H.li("Who: " + p) for p in populations)]
    return [*blocks(), *([H.ul(*lines)] if lines else [])]


def section_blocks(section: Section[Any], items: list[Block | str]) -> list[Block]:
    return [H.h2(section.heading), *paragraphs(section.intro), *bullet_list(items), *paragraphs(section.outro)]


def indication_item(item: Indication) -> Block:
    return H.li(item.label, *bullet_list(s.label for s in item.symptoms))


def indication_entry(item: Indication) -> Block:
    """An indication in the whole monograph, where no resource of its own says what it is about."""
    return scoped_item(item.label, item.scope, _who(item.population), (s.label for s in item.symptoms))


def form_line(form: DoseForm) -> str:
    strengths = ", ".join(s.text for s in form.strengths)
    route = " or ".join(r.label for r in form.routes) + (f"; {form.delivery}" if form.delivery else "")
    return f"{form.name} ({route})" + (f": {strengths}" if strengths else "")


def side_effect_line(item: SideEffect) -> str:
    frequency = item.frequency.replace("-", " ") if item.frequency else None
    words = ", ".join(w for w in (frequency, "serious" if item.serious else None) if w)
    return f"{item.label} ({words})" if words else item.label


def side_effect_item(item: SideEffect) -> Block:
    return H.li(side_effect_line(item), *([H.br(), item.note] if item.note else []),
                *_context_list(item.scope, _who(item.population)))


def boxed_warning_blocks(boxed: BoxedWarning) -> list[Block]:
    return [
        H.h2(boxed.heading), *paragraphs(boxed.intro), *paragraphs(boxed.text),
        *bullet_list(r.label for r in boxed.risks), *paragraphs(boxed.advice),
        *([H.p(forms_line(boxed))] if boxed.forms else []),
    ]


def forms_line(boxed: BoxedWarning) -> str:
    return "Dose forms: " + ", ".join(f.name for f in boxed.forms)


NOT_REVIEWED = "This content has not been medically reviewed."


def review_sentence(review: Review | None) -> str:
    if review is None:
        return NOT_REVIEWED
    return f"Reviewed by {review.reviewer} ({review.reviewer_type}), last reviewed {review.last_reviewed}."


def about_blocks(m: Monograph) -> list[Block]:
    lines = [review_sentence(m.review)]
    if m.modified:
        lines.append(f"Last modified {m.modified}.")
    blocks = [H.p(line) for line in lines]
    if m.publisher:
        blocks.append(H.p("Publisher: ", named_link(m.publisher.name, m.publisher.url)))
    blocks.append(H.p("Page: ", H.a(m.title, href=m.url)))
    sources = []
    for c in m.citations:
        details = ", ".join(str(x) for x in (c.publisher, c.date) if x)
        sources.append(H.li(link(c), f" ({c.kind}{'; ' + details if details else ''})"))
    return [*blocks, H.h2("Sources"), H.ol(*sources)]


def named_link(name: str, url: str | None) -> Block | str:
    """A name, linked to its home page when it has one."""
    return H.a(name, href=url) if url else name


# ---------------------------------------------------------------- one part of it (the other resources)


def section_item_blocks(intro: Prose | None, item: Block | str) -> list[Block]:
    """One item of a section, after the section's intro: an indication's or a precaution's resource."""
    return [*paragraphs(intro), *bullet_list([item])]


def side_effect_blocks(item: SideEffect) -> list[Block]:
    return [H.p(side_effect_line(item)), *([H.p(item.note)] if item.note else [])]


def advice_blocks(heading: str, text: Prose, details: Iterable[str] = ()) -> list[Block]:
    return [H.h2(heading), *paragraphs(text), *bullet_list(details)]


def product_blocks(label: str, form: DoseForm | None, brands: tuple[str, ...]) -> list[Block]:
    if form is None:  # a brand whose forms the file does not give: its label is the brand's name
        return [H.p(label)]
    blocks = [H.p(label), H.p(form_line(form))]
    if brands:
        blocks.append(H.p(", ".join(brands)))
    return blocks


def page_blocks(m: Monograph) -> list[Block]:
    return [H.p(H.a(m.title, href=m.url)), *paragraphs(m.summary)]


def citation_blocks(c: Citation) -> list[Block]:
    details = ", ".join(str(x) for x in (c.kind, c.publisher, c.date) if x)
    return [H.p(link(c)), H.p(details)]


def organisation_blocks(name: str, url: str | None) -> list[Block]:
    return [H.p(named_link(name, url))]
