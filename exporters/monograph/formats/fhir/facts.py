"""What the monograph says, release-neutral: regrouped the way FHIR wants it, with ids assigned.

Why one MedicationKnowledge per dose form and strength: ``definitional.doseForm``
is 0..1 and ``ingredient.strength[x]`` is 0..1, so one resource cannot say
"tablets of 5, 10 and 20 mg and an intrathecal injection" without claiming three
baclofen constituents. Each clinical drug (a ``Product``) is its own resource,
linked from the drug's resource through ``relatedMedicationKnowledge``; its
``name`` lists the brands sold in that form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from ...model import BoxedWarning, Citation, DoseForm, Indication, Monograph, Precaution, Prose, Strength
from .datatypes import codeable, coded, concept_codeable, reference
from .extensions import project_coded
from .ids import IdMaker, urn
from .markdown import markdown, markdown_blocks, markdown_list, markdown_text
from .narrative import Block, advice_blocks, boxed_warning_blocks, forms_line, section_item_blocks, side_effect_blocks
from .vocabulary import (
    BOXED_WARNING_SECTION,
    CATEGORY_SYSTEM,
    FREQUENCIES,
    FREQUENCY_SYSTEM,
    INTERACTION_TYPE_SYSTEM,
    SERIOUSNESS,
)


@dataclass(frozen=True)
class Product:
    """A clinical drug: one dose form in one strength (or in no stated strength)."""

    id: str
    form: DoseForm
    strength: Strength | None
    brands: tuple[str, ...]
    sources: tuple[Citation, ...]

    def label(self, generic_name: str) -> str:
        return " ".join(part for part in (generic_name, self.strength.text if self.strength else None, self.form.name) if part)


@dataclass(frozen=True)
class Issue:
    """One clinical issue, in ClinicalUseDefinition terms; R5 makes it a resource, R4 an extension."""

    id: str
    type: str
    sources: tuple[Citation, ...]
    blocks: Callable[[], list[Block]]
    category: list[dict[str, Any]] = field(default_factory=list)
    code: dict[str, Any] | None = None
    description: str | None = None
    symptom: dict[str, Any] | None = None
    classification: dict[str, Any] | None = None
    frequency: dict[str, Any] | None = None
    interactants: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    interaction_type: dict[str, Any] | None = None
    effect: dict[str, Any] | None = None
    population: tuple[str, dict[str, Any]] | None = None
    """The population's Group id and its concept."""
    management: list[dict[str, Any]] = field(default_factory=list)
    risks: list[dict[str, Any]] = field(default_factory=list)
    applies_to: list[Product] = field(default_factory=list)


@dataclass(frozen=True)
class Facts:
    """The monograph regrouped the way FHIR wants it, with ids assigned."""

    monograph: Monograph
    knowledge_id: str
    page_id: str
    documents: dict[str, str]
    """Citation id -> DocumentReference id."""
    products: tuple[Product, ...]
    indications: tuple[tuple[Indication, str, tuple[Citation, ...]], ...]
    issues: tuple[Issue, ...]
    provenance_id: str
    organisations: dict[str, tuple[str, str | None]]
    """Publisher name -> (Organization id, home page)."""
    local: bool = False
    """R4 refers to contained resources by fragment, R5 to Bundle entries by urn:uuid."""

    def target(self, resource_id: str) -> str:
        return f"#{resource_id}" if self.local else urn(resource_id)

    def source(self, citation: Citation) -> str:
        return self.target(self.documents[citation.id])

    def publisher_ref(self, name: str | None) -> dict[str, str] | None:
        return reference(self.target(self.organisations[name][0])) if name is not None else None


def unique(items: Iterable[Citation]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


def gather(m: Monograph) -> Facts:
    ids = IdMaker(m.key)
    knowledge_id = ids("MedicationKnowledge")
    page_id = ids("DocumentReference", "page")
    documents = {c.id: ids("DocumentReference", "citation", c.id) for c in m.citations}
    products = tuple(_products(m, ids))
    indications = tuple(
        (item, ids("ClinicalUseDefinition", "indication", item.name), unique((*m.indications.cites, *item.cites)))
        for item in m.indications.items
    )
    issues = [*_side_effects(m, ids)]
    if m.boxed_warning is not None:
        issues.append(_boxed_warning(m, m.boxed_warning, ids, products))
    issues.extend(_precautions(m, ids))
    issues.extend(_advice(m, ids))
    return Facts(
        m, knowledge_id, page_id, documents, products, indications, tuple(issues), ids("Provenance", "review"),
        _organisations(m, ids),
    )


def _organisations(m: Monograph, ids: IdMaker) -> dict[str, tuple[str, str | None]]:
    found: dict[str, tuple[str, str | None]] = {}
    if m.publisher:
        found[m.publisher.name] = (ids("Organization", m.publisher.name), m.publisher.url)
    for c in m.citations:
        if c.publisher and c.publisher not in found:
            found[c.publisher] = (ids("Organization", c.publisher), None)
    return found


def _products(m: Monograph, ids: IdMaker) -> Iterator[Product]:
    if m.forms is None:
        return
    for form in m.forms.items:
        brands = tuple(b.name for b in m.brands.items if form in b.forms) if m.brands else ()
        sources = unique(m.forms.cites)
        for strength in form.strengths or (None,):
            strength_key = strength.text if strength else "-"
            yield Product(ids("MedicationKnowledge", "form", form.id, strength_key), form, strength, brands, sources)


def _side_effects(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.side_effects is None:
        return
    section = m.side_effects
    for item in section.items:
        yield Issue(
            ids("ClinicalUseDefinition", "undesirable-effect", item.name), "undesirable-effect",
            unique((*section.cites, *item.cites)), partial(side_effect_blocks, item),
            symptom=codeable(item.label, item.codes),
            classification=coded(SERIOUSNESS, "serious", "Serious") if item.serious else None,
            # The HL7 code system has no "not known": such an effect simply has no frequency.
            frequency=(coded(FREQUENCY_SYSTEM, FREQUENCIES[item.frequency], FREQUENCIES[item.frequency])
                       if item.frequency in FREQUENCIES else None),
        )


def _boxed_warning(m: Monograph, boxed: BoxedWarning, ids: IdMaker, products: tuple[Product, ...]) -> Issue:
    return Issue(
        ids("ClinicalUseDefinition", "boxed-warning"), "warning", unique(boxed.cites), partial(boxed_warning_blocks, boxed),
        category=[{"coding": [BOXED_WARNING_SECTION], "text": boxed.heading}],
        description=markdown_blocks(
            markdown(boxed.text), markdown_list(r.label for r in boxed.risks),
            markdown(boxed.advice) if boxed.advice else None,
            markdown_text(forms_line(boxed), True) if boxed.forms else None,
        ),
        risks=[concept_codeable(r) for r in boxed.risks],
        applies_to=[p for p in products if p.form in boxed.forms],
    )


def _precautions(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.precautions is None:
        return
    section = m.precautions
    for number, item in enumerate(section.items, start=1):
        issue_id = ids("ClinicalUseDefinition", "precaution", number)
        sources = unique((*section.cites, *item.cites))
        kind = project_coded("precaution-kind", item.kind)
        if item.kind in ("pregnancy", "breastfeeding"):
            kind["coding"].insert(0, {"system": CATEGORY_SYSTEM, "code": "Pregnancy", "display": "Pregnancy and Lactation"})
        blocks = partial(section_item_blocks, section.intro, item.text)
        if item.kind == "interaction":
            yield Issue(
                issue_id, "interaction", sources, blocks, category=[kind],
                description=_precaution_markdown(section.intro, item),
                interactants=[(codeable(i.name, i.codes), i.kind) for i in item.interactants],
                interaction_type=(
                    coded(INTERACTION_TYPE_SYSTEM, "drug-drug", "drug to drug interaction")
                    if item.interactants and all(i.kind != "substance" for i in item.interactants) else None
                ),
                effect={"text": item.effect} if item.effect else None,
                management=[{"text": "Contraindicated: do not use together"}] if item.contraindicated else [],
            )
            continue
        population = None
        if item.kind == "population":
            concept = concept_codeable(item.concept) if item.concept else {"text": item.text}
            population = (ids("Group", "population", number), concept)
        yield Issue(
            issue_id, "contraindication" if item.contraindicated else "warning", sources, blocks, category=[kind],
            code=concept_codeable(item.concept) if item.concept else ({"text": item.text} if item.contraindicated else None),
            description=_precaution_markdown(section.intro, item),
            population=population,
        )


def _precaution_markdown(intro: Prose | None, item: Precaution) -> str | None:
    return markdown_blocks(markdown(intro) if intro else None, markdown_list([item.text]))


def _advice(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.advice is None:
        return
    section = m.advice
    for number, item in enumerate(section.items, start=1):
        topic = project_coded("advice-topic", item.topic)
        if item.topic == "driving":
            topic["coding"].insert(0, {
                "system": CATEGORY_SYSTEM, "code": "DriveAndMachines", "display": "Effects on Ability to Drive and Use Machines",
            })
        yield Issue(
            ids("ClinicalUseDefinition", "advice", number), "warning", unique((*section.cites, *item.cites)),
            partial(advice_blocks, section.heading, item.text), category=[topic], description=markdown(item.text),
        )
