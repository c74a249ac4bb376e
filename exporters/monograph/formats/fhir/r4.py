"""FHIR R4 (4.0.1): one MedicationKnowledge.

R4 has no ClinicalUseDefinition link and no identifier on MedicationKnowledge, so
R4 output is a single MedicationKnowledge: the clinical drugs and the documents
are contained resources, and whatever R4 has no element for travels in
extensions under ``https://monograph.dev/fhir/StructureDefinition/`` (listed in
``vocabulary.EXTENSIONS``) and in the narrative, which renders the whole monograph.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...model import Citation, Indication
from .datatypes import compact, complex_extension, concept_codeable, extension, reference, strength_ratio
from .facts import Facts, Issue, Product
from .narrative import H, citation_blocks, monograph_blocks, organisation_blocks, paragraphs
from .parts import (
    citation_attachment,
    cited,
    classifications,
    document_type,
    form_codeable,
    indication_parts,
    knowledge_code,
    mechanism_extension,
    monograph_links,
    prescription_status,
    product_blocks,
    related_products,
    resource_head,
    route_codeable,
    routes,
)


def render_r4(f: Facts) -> dict[str, Any]:
    f = replace(f, local=True)
    m = f.monograph
    review = m.review
    contained = [
        page_r4(f), *(citation_r4(f, c) for c in m.citations),
        *(organisation_r4(m.language, name, *ref) for name, ref in f.organisations.items()),
        *(product_r4(f, p) for p in f.products),
    ]
    knowledge = {
        **resource_head("MedicationKnowledge", f.knowledge_id, m.language, monograph_blocks(m)),
        "contained": contained,
        "extension": [
            prescription_status(m),
            mechanism_extension(f),
            complex_extension("review", [
                ("reviewer", "valueString", review.reviewer),
                ("reviewerType", "valueCode", review.reviewer_type),
                ("lastReviewed", "valueDate", str(review.last_reviewed)),
            ]),
            extension("last-modified", "valueDate", str(m.modified)) if m.modified else None,
            *(issue_r4(f, issue) for issue in f.issues),
        ],
        "code": knowledge_code(m),
        "status": "active",
        "synonym": [b.name for b in m.brands.items] if m.brands else None,
        "relatedMedicationKnowledge": related_products(f),
        "monograph": monograph_links(f),
        "ingredient": [
            {"extension": cited(f, m.ingredients.cites), "itemCodeableConcept": concept_codeable(c), "isActive": True}
            for c in m.ingredients.items
        ],
        "intendedRoute": [route_codeable(form, with_delivery=False) for form in routes(m)],
        "administrationGuidelines": [administration_r4(f, item, sources) for item, _, sources in f.indications],
        "medicineClassification": classifications(m, with_source=False),
    }
    return compact(knowledge)


def administration_r4(f: Facts, item: Indication, sources: tuple[Citation, ...]) -> dict[str, Any]:
    disease, _, symptoms = indication_parts(item)
    return {
        "extension": [
            *(extension("relieved-symptom", "valueCodeableConcept", s) for s in symptoms),
            *cited(f, sources),
        ],
        "indicationCodeableConcept": disease,
    }


def issue_r4(f: Facts, issue: Issue) -> dict[str, Any] | None:
    parts: list[tuple[str, str, Any]] = [("type", "valueCode", issue.type)]
    parts += [("category", "valueCodeableConcept", c) for c in issue.category]
    parts += [
        ("code", "valueCodeableConcept", issue.code),
        ("description", "valueMarkdown", issue.description),
        ("symptomConditionEffect", "valueCodeableConcept", issue.symptom),
        ("classification", "valueCodeableConcept", issue.classification),
        ("frequencyOfOccurrence", "valueCodeableConcept", issue.frequency),
    ]
    parts += [("interactant", "extension", [
        {"url": "item", "valueCodeableConcept": item}, {"url": "kind", "valueCode": kind},
    ]) for item, kind in issue.interactants]
    parts += [
        ("interactionType", "valueCodeableConcept", issue.interaction_type),
        ("effect", "valueCodeableConcept", issue.effect),
        *(("management", "valueCodeableConcept", m) for m in issue.management),
        ("population", "valueCodeableConcept", issue.population[1] if issue.population else None),
    ]
    parts += [("risk", "valueCodeableConcept", r) for r in issue.risks]
    parts += [("appliesTo", "valueReference", reference(f.target(p.id))) for p in issue.applies_to]
    parts += [("source", "valueReference", reference(f.source(c))) for c in issue.sources]
    return complex_extension("clinical-use-issue", parts)


def page_r4(f: Facts) -> dict[str, Any]:
    m = f.monograph
    blocks = [H.p(H.a(m.title, href=m.url)), *paragraphs(m.summary)]
    return {
        **resource_head("DocumentReference", f.page_id, m.language, blocks),
        "status": "current",
        "type": document_type(None),
        "custodian": f.publisher_ref(m.publisher.name if m.publisher else None),
        "description": m.summary.plain,
        "content": [{"attachment": {"language": m.language, "url": m.url, "title": m.title}}],
    }


def citation_r4(f: Facts, c: Citation) -> dict[str, Any]:
    return {
        **resource_head("DocumentReference", f.documents[c.id], f.monograph.language, citation_blocks(c)),
        "status": "current",
        "type": document_type(c),
        "custodian": f.publisher_ref(c.publisher),
        "content": [{"attachment": citation_attachment(c)}],
    }


def organisation_r4(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    return {
        **resource_head("Organization", organisation_id, language, organisation_blocks(name, url)),
        "name": name,
        "telecom": [{"system": "url", "value": url}] if url else None,
    }


def product_r4(f: Facts, p: Product) -> dict[str, Any]:
    m = f.monograph
    ingredients = m.ingredients.items
    strength = strength_ratio(p.strength, p.form) if p.strength is not None and len(ingredients) == 1 else None
    return {
        **resource_head("MedicationKnowledge", p.id, m.language, product_blocks(f, p)),
        "extension": cited(f, p.sources),
        "code": {"text": p.label(m.drug.generic_name)},
        "status": "active",
        "doseForm": form_codeable(p.form),
        "synonym": list(p.brands),
        "ingredient": [{"itemCodeableConcept": concept_codeable(c), "isActive": True, "strength": strength} for c in ingredients],
        "intendedRoute": [route_codeable(p.form, with_delivery=True)],
    }
