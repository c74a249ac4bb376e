"""FHIR R4 (4.0.1): one MedicationKnowledge.

R4 has no ClinicalUseDefinition link and no identifier on MedicationKnowledge, so
R4 output is a single MedicationKnowledge: the clinical drugs and the documents
are contained resources, and whatever R4 has no element for travels in
extensions under ``https://monograph.dev/fhir/StructureDefinition/`` (defined in
``extensions.EXTENSIONS``) and in the narrative, which renders the whole monograph.
Codings from HL7 code systems that only R5 has are left out (their display
becomes the text where there is none): R4 output uses only what R4 defines.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...model import Citation, Indication, Monograph
from .datatypes import (
    compact,
    complex_extension,
    concept_codeable,
    extension,
    reference,
    strength_ratio,
    without_systems,
)
from .facts import Facts, Issue, Product
from .parts import (
    citation_document,
    cited,
    classifications,
    form_codeable,
    home_page,
    indication_parts,
    intended_routes,
    knowledge_code,
    knowledge_head,
    last_modified,
    measured_strength,
    mechanism_extension,
    monograph_links,
    organisation_head,
    page_document,
    prescription_status,
    product_head,
    related_products,
    route_codeable,
)
from .vocabulary import ARTIFACT_LAST_REVIEW_DATE, ARTIFACT_REVIEWER, CONTACT_DETAIL_REFERENCE, R5_ONLY_SYSTEMS


def render_r4(f: Facts) -> dict[str, Any]:
    return compact(without_systems(knowledge_r4(replace(f, local=True)), R5_ONLY_SYSTEMS))


def knowledge_r4(f: Facts) -> dict[str, Any]:
    m = f.monograph
    return {
        **knowledge_head(f),
        "contained": contained_r4(f),
        "extension": [
            prescription_status(m),
            mechanism_extension(f),
            *review_r4(m),
            last_modified(m),
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
        "intendedRoute": intended_routes(m),
        "administrationGuidelines": [administration_r4(f, item, sources) for item, _, sources in f.indications],
        "medicineClassification": classifications(m, with_source=False),
    }


def contained_r4(f: Facts) -> list[dict[str, Any]]:
    """The page and its sources, their publishers and the clinical drugs: Bundle entries in R5, contained here."""
    m = f.monograph
    return [
        page_document(f, m.summary.plain), *(citation_document(f, c) for c in m.citations),
        *(organisation_r4(m.language, name, *ref) for name, ref in f.organisations.items()),
        *(product_r4(f, p) for p in f.products),
    ]


def review_r4(m: Monograph) -> list[dict[str, Any]]:
    """HL7's artifact-reviewer (the reviewer's kind as the type of a reference) and artifact-lastReviewDate."""
    review = m.review
    who = {"type": "Organization" if review.reviewer_type == "organization" else "Practitioner", "display": review.reviewer}
    return [
        {"url": ARTIFACT_REVIEWER, "valueContactDetail": {
            "extension": [{"url": CONTACT_DETAIL_REFERENCE, "valueReference": who}], "name": review.reviewer,
        }},
        {"url": ARTIFACT_LAST_REVIEW_DATE, "valueDate": str(review.last_reviewed)},
    ]


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


def organisation_r4(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    return {**organisation_head(language, name, organisation_id, url), "telecom": [home_page(url)] if url else None}


def product_r4(f: Facts, p: Product) -> dict[str, Any]:
    strength = measured_strength(f, p)
    ratio = strength_ratio(strength, p.form) if strength is not None else None
    return {
        **product_head(f, p),
        "doseForm": form_codeable(p.form),
        "synonym": list(p.brands),
        "ingredient": [
            {"itemCodeableConcept": concept_codeable(c), "isActive": True, "strength": ratio}
            for c in f.monograph.ingredients.items
        ],
        "intendedRoute": [route_codeable(p.form, with_delivery=True)],
    }
