"""Narratives: XHTML built with lxml, so well-formed whatever the text, and what each resource's narrative says.

Labels the monograph has no words for ("Reviewed by", "Sources") are English.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree
from lxml.builder import ElementMaker

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
    Prose,
    Review,
    Scope,
    Section,
    SideEffect,
    Strong,
    Text,
)
from .population import describe

# ---------------------------------------------------------------- XHTML

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
H = ElementMaker(namespace=XHTML, nsmap={None: XHTML})
Block = etree._Element


def _append_inline(parent: Block, nodes: tuple[Inline, ...]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + node.text
            else:
                parent.text = (parent.text or "") + node.text
            continue
        if isinstance(node, Emphasis):
            child = etree.SubElement(parent, f"{{{XHTML}}}em")
        elif isinstance(node, Strong):
            child = etree.SubElement(parent, f"{{{XHTML}}}strong")
        else:
            child = etree.SubElement(parent, f"{{{XHTML}}}a", href=node.href)
        _append_inline(child, node.children)


def paragraphs(prose: Prose | None) -> list[Block]:
    if prose is None:
        return []
    out = []
    for paragraph in prose.paragraphs:
        p = H.p()
        _append_inline(p, paragraph)
        out.append(p)
    return out


def bullet_list(items: Iterable[Block | str]) -> list[Block]:
    entries = [item if isinstance(item, etree._Element) and item.tag == f"{{{XHTML}}}li" else H.li(item) for item in items]
    return [H.ul(*entries)] if entries else []


def narrative(language: str, blocks: Iterable[Block]) -> dict[str, str]:
    div = H.div(*blocks)
    div.set("lang", language)
    div.set(XML_LANG, language)
    return {"status": "generated", "div": etree.tostring(div, encoding="unicode")}


def link(citation: Citation) -> Block:
    return H.a(citation.title, href=citation.url)


# ---------------------------------------------------------------- the whole monograph (the drug's resource)


def monograph_blocks(m: Monograph) -> list[Block]:
    blocks: list[Block] = [H.h1(m.title), *paragraphs(m.summary)]
    if m.drug.classes:
        blocks.append(H.p("Drug class: " + ", ".join(c.label for c in m.drug.classes)))
    blocks += [H.p(line) for line in supply_lines(m.drug)]
    blocks += section_blocks(m.ingredients, [c.label for c in m.ingredients.items])
    blocks += section_blocks(m.indications, [indication_item(i) for i in m.indications.items])
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
        blocks += section_blocks(m.brands, [f"{b.name} ({', '.join(form.name for form in b.forms)})" for b in m.brands.items])
    if m.side_effects:
        blocks += section_blocks(m.side_effects, [side_effect_item(s) for s in m.side_effects.items])
    if m.boxed_warning:
        blocks.append(H.div(*boxed_warning_blocks(m.boxed_warning)))
    if m.precautions:
        blocks += section_blocks(m.precautions, [p.text for p in m.precautions.items])
    if m.advice:
        blocks.append(H.h2(m.advice.heading))
        for item in m.advice.items:
            blocks += paragraphs(item.text)
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


def scoped_item(text: Prose | str, scope: Scope, population: str | None, details: Iterable[str] = ()) -> Block:
    """A list item for a statement: its text, then what it applies to and whom it is about."""
    line = H.li()
    if isinstance(text, str):
        line.text = text
    else:
        for block in paragraphs(text):
            line.append(block)
    nested = [*(H.li(d) for d in details), *_context_items(scope, population)]
    if nested:
        line.append(H.ul(*nested))
    return line


def dosing_item(d: DosingInstruction) -> Block:
    details = [f"For: {d.indication.label}"] if d.indication else []
    return scoped_item(d.text, d.scope, describe(d.population) if d.population else None, details)


def monitoring_item(t: MonitoringTest) -> Block:
    return scoped_item(t.text, t.scope, describe(t.population) if t.population else None, [t.test.label, *t.when])


def instruction_item(i: Instruction) -> Block:
    details = [s.label for s in i.symptoms]
    if i.temperature:
        low, high = i.temperature.min, i.temperature.max
        details.append("Temperature: " + " to ".join(f"{v} °C" for v in (low, high) if v is not None))
    return scoped_item(i.text, i.scope, describe(i.population) if i.population else None, details)


def scoped_blocks(blocks: Any, scope: Scope, populations: tuple[str, ...]) -> list[Block]:
    """A statement's resource narrative, with what it applies to and whom it is about."""
    lines = [*_context_items(scope, None), *(H.li("Who: " + p) for p in populations)]
    return [*blocks(), *([H.ul(*lines)] if lines else [])]


def section_blocks(section: Section[Any], items: list[Block | str]) -> list[Block]:
    return [H.h2(section.heading), *paragraphs(section.intro), *bullet_list(items), *paragraphs(section.outro)]


def indication_item(item: Indication) -> Block:
    return H.li(item.label, *bullet_list(s.label for s in item.symptoms))


def form_line(form: DoseForm) -> str:
    strengths = ", ".join(s.text for s in form.strengths)
    route = form.route.label + (f"; {form.delivery}" if form.delivery else "")
    return f"{form.name} ({route})" + (f": {strengths}" if strengths else "")


def side_effect_line(item: SideEffect) -> str:
    frequency = item.frequency.replace("-", " ") if item.frequency else None
    words = ", ".join(w for w in (frequency, "serious" if item.serious else None) if w)
    return f"{item.label} ({words})"


def side_effect_item(item: SideEffect) -> Block:
    line = H.li(side_effect_line(item))
    if item.note:
        line.append(H.br())
        line[-1].tail = item.note
    return line


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
