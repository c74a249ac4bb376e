"""FHIR R5 (5.0.0): a ``collection`` Bundle.

The drug's MedicationKnowledge first, then one MedicationKnowledge per dose form
and strength (the "clinical drug" level, as RxNorm has it), one
ClinicalUseDefinition per clinical issue, a Group per population a precaution
names, a DocumentReference for the page itself and for each citation, an
Organization per publisher, and a Provenance for the medical review (R5 has no
review element on MedicationKnowledge, and the review extensions of the FHIR
extensions pack cannot be checked offline).

There is no ``Bundle.timestamp``: it is an instant, and the model's dates are
partial; inventing a time of day would claim precision the source lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import Citation, DoseForm, Indication, Monograph, Strength
from .datatypes import codeable, coded, compact, concept_codeable, extension, quantity, reference, strength_ratio
from .facts import Facts, Issue, Product
from .ids import IdMaker, urn
from .markdown import markdown
from .narrative import Block, H, indication_item, review_sentence, section_item_blocks
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
    resource_head,
    route_codeable,
)
from .vocabulary import ISO_LIFECYCLE, MONOGRAPH_ID_SYSTEM, PARTICIPANT_TYPE, PUBLICATION_STATUS_SYSTEM, URI_SYSTEM


def render_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    language = m.language
    resources: list[dict[str, Any]] = [knowledge_r5(f)]
    resources += [product_r5(f, p) for p in f.products]
    resources += [indication_r5(f, item, issue_id, sources) for item, issue_id, sources in f.indications]
    resources += [issue_r5(f, issue) for issue in f.issues]
    resources += [group_r5(language, *issue.population) for issue in f.issues if issue.population]
    resources.append(page_document(f, markdown(m.summary)))
    resources += [citation_document(f, c) for c in m.citations]
    resources += [organisation_r5(language, name, *ref) for name, ref in f.organisations.items()]
    resources.append(provenance_r5(f))
    bundle = {
        "resourceType": "Bundle",
        "id": IdMaker(m.key)("Bundle"),
        "language": language,
        "type": "collection",
        "entry": [{"fullUrl": urn(r["id"]), "resource": r} for r in resources],
    }
    return compact(bundle)


def knowledge_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    return {
        **knowledge_head(f),
        "extension": [prescription_status(m), mechanism_extension(f), last_modified(m)],
        "identifier": [
            {"use": "official", "system": URI_SYSTEM, "value": m.url},
            {"system": MONOGRAPH_ID_SYSTEM, "value": m.id},
        ],
        "code": knowledge_code(m),
        "status": "active",
        "author": f.publisher_ref(m.publisher.name) if m.publisher else None,
        "name": knowledge_names(m),
        "relatedMedicationKnowledge": related_products(f),
        "monograph": monograph_links(f),
        "indicationGuideline": [
            {"indication": [{"concept": codeable(item.label, item.codes), "reference": reference(f.target(issue_id))}]}
            for item, issue_id, _ in f.indications
        ],
        "medicineClassification": classifications(m, with_source=True),
        "clinicalUseIssue": [reference(f.target(issue.id)) for issue in f.issues],
        "definitional": {
            "extension": cited(f, m.ingredients.cites),
            "intendedRoute": intended_routes(m),
            "ingredient": [{"item": {"concept": concept_codeable(c)}} for c in m.ingredients.items],
        },
    }


def knowledge_names(m: Monograph) -> list[str]:
    brands = [b.name for b in m.brands.items] if m.brands else []
    return list(dict.fromkeys([m.drug.generic_name, *brands]))


def product_r5(f: Facts, p: Product) -> dict[str, Any]:
    strength = measured_strength(f, p)
    measured = strength_key_value(strength, p.form) if strength is not None else {}
    return {
        **product_head(f, p),
        "name": list(p.brands),
        "definitional": {
            "doseForm": form_codeable(p.form),
            "intendedRoute": [route_codeable(p.form, with_delivery=True)],
            "ingredient": [{"item": {"concept": concept_codeable(c)}, **measured} for c in f.monograph.ingredients.items],
        },
    }


def strength_key_value(strength: Strength, form: DoseForm) -> dict[str, Any]:
    if strength.per_unit is None:
        return {"strengthQuantity": quantity(strength.amount, strength.unit)}
    return {"strengthRatio": strength_ratio(strength, form)}


def cud_head(f: Facts, issue_id: str, blocks: list[Block], sources: Iterable[Citation]) -> dict[str, Any]:
    m = f.monograph
    return {
        **resource_head("ClinicalUseDefinition", issue_id, m.language, blocks),
        "extension": cited(f, sources),
    }


def cud_common(f: Facts, cud_type: str, category: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "type": cud_type,
        "category": category,
        "subject": [{"display": f.monograph.drug.generic_name}],
        "status": coded(PUBLICATION_STATUS_SYSTEM, "active", "Active"),
    }


def indication_r5(f: Facts, item: Indication, issue_id: str, sources: tuple[Citation, ...]) -> dict[str, Any]:
    m = f.monograph
    disease, effect, symptoms = indication_parts(item)
    blocks = section_item_blocks(m.indications.intro, indication_item(item))
    return {
        **cud_head(f, issue_id, blocks, sources),
        **cud_common(f, "indication"),
        "indication": {
            "extension": [extension("relieved-symptom", "valueCodeableConcept", s) for s in symptoms],
            "diseaseSymptomProcedure": {"concept": disease},
            "intendedEffect": {"concept": effect} if effect else None,
        },
    }


def issue_r5(f: Facts, issue: Issue) -> dict[str, Any]:
    resource = {**cud_head(f, issue.id, issue.blocks(), issue.sources), **cud_common(f, issue.type, issue.category)}
    if issue.population:
        resource["population"] = [reference(f.target(issue.population[0]))]
    if issue.type == "undesirable-effect":
        resource["undesirableEffect"] = {
            "symptomConditionEffect": {"concept": issue.symptom},
            "classification": issue.classification,
            "frequencyOfOccurrence": issue.frequency,
        }
    elif issue.type == "interaction":
        resource["interaction"] = {
            "interactant": [
                {"extension": [extension("interactant-kind", "valueCode", kind)], "itemCodeableConcept": item}
                for item, kind in issue.interactants
            ],
            "type": issue.interaction_type,
            "effect": {"concept": issue.effect} if issue.effect else None,
            "management": issue.management,
        }
    elif issue.type == "contraindication":
        resource["contraindication"] = {"diseaseSymptomProcedure": {"concept": issue.code}}
    else:
        resource["warning"] = {
            "extension": [
                *(extension("risk", "valueCodeableConcept", r) for r in issue.risks),
                *(extension("applies-to", "valueReference", reference(f.target(p.id))) for p in issue.applies_to),
            ],
            "description": issue.description,
            "code": issue.code,
        }
    return resource


def group_r5(language: str, group_id: str, concept: dict[str, Any]) -> dict[str, Any]:
    return {
        **resource_head("Group", group_id, language, [H.p(concept["text"])]),
        "type": "person",
        "membership": "definitional",
        "name": concept["text"],
        "characteristic": [{"code": concept, "valueBoolean": True, "exclude": False}],
    }


def organisation_r5(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    return {
        **organisation_head(language, name, organisation_id, url),
        "contact": [{"telecom": [home_page(url)]}] if url else None,
    }


def provenance_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    review = m.review
    who_type = "Organization" if review.reviewer_type == "organization" else "Practitioner"
    return {
        **resource_head("Provenance", f.provenance_id, m.language, [H.p(review_sentence(review))]),
        "target": [reference(f.target(f.knowledge_id)), reference(f.target(f.page_id))],
        "occurredDateTime": str(review.last_reviewed),
        "activity": {"coding": [{"system": ISO_LIFECYCLE, "code": "verify"}]},
        "agent": [{
            "type": coded(PARTICIPANT_TYPE, "verifier", "Verifier"),
            "who": {"type": who_type, "display": review.reviewer},
        }],
    }
