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

from ...model import Citation, Monograph, Scope
from .datatypes import codeable, coded, compact, complex_extension, concept_codeable, extension, reference
from .dosing import dosage_group, r5_characteristics
from .facts import DosingFacts, Facts, IndicationFacts, Issue, Product, covers
from .ids import IdMaker, urn
from .markdown import markdown
from .narrative import Block, H, indication_item, review_sentence, scoped_blocks, section_item_blocks
from .parts import (
    citation_document,
    cited,
    classifications,
    dosing_for,
    form_codeable,
    form_routes,
    home_page,
    indication_parts,
    indications_for,
    ingredient_amount,
    ingredient_role,
    ingredient_strength,
    ingredients_for,
    intended_routes,
    issues_for,
    knowledge_code,
    knowledge_head,
    last_modified,
    mechanism_extension,
    monograph_links,
    organisation_head,
    page_document,
    product_head,
    programs_for,
    related_products,
    resource_head,
    storage_for,
    supply_for,
    temperature_setting,
)
from .population import Group, group_characteristic
from .supply import monitoring_program, regulator_content, regulatory, supply_extension
from .vocabulary import ISO_LIFECYCLE, MONOGRAPH_ID_SYSTEM, PARTICIPANT_TYPE, PUBLICATION_STATUS_SYSTEM, URI_SYSTEM


def render_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    language = m.language
    resources: list[dict[str, Any]] = [knowledge_r5(f)]
    resources += [product_r5(f, p) for p in f.products]
    resources += [indication_r5(f, item) for item in f.indications]
    resources += [issue_r5(f, issue) for issue in f.issues]
    resources += [group_r5(language, group) for group in f.groups]
    resources.append(page_document(f, markdown(m.summary)))
    resources += [citation_document(f, c) for c in m.citations]
    resources += [organisation_r5(language, name, *ref) for name, ref in f.organisations.items()]
    resources += [regulator_r5(language, place, org_id) for place, org_id in f.authorities.items()]
    if m.review is not None:  # no review, no verifier: the narrative says it was not reviewed
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
    """The drug's MedicationKnowledge: only what holds for every form and brand (the clinical drugs say the rest)."""
    m = f.monograph
    return {
        **knowledge_head(f),
        "extension": [*supply_extensions(f, None), mechanism_extension(f), last_modified(m)],
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
        **scoped_content(f, None),
        "medicineClassification": classifications(m, with_source=True),
        "definitional": {
            "extension": cited(f, m.ingredients.cites),
            "intendedRoute": intended_routes(m),
            "ingredient": ingredients_r5(f, None),
        },
    }


def scoped_content(f: Facts, p: Product | None) -> dict[str, Any]:
    """What the drug's resource (p None) or a clinical drug's says of statements that may be scoped."""
    return {
        "indicationGuideline": indication_guidelines(f, p),
        "clinicalUseIssue": [reference(f.target(issue.id)) for issue in issues_for(f, p)],
        "regulatory": [
            regulatory(s, f.target(f.authorities[s.jurisdiction]), [f.source(c) for c in s.cites], "r5")
            for s in supply_for(f, p) if s.jurisdiction
        ],
        "monitoringProgram": [monitoring_program(x, [f.source(c) for c in x.cites]) for x in programs_for(f, p)],
        "storageGuideline": [
            {
                "extension": [
                    *cited(f, s.sources), extension("disposal", "valueBoolean", True) if s.item.disposal else None,
                    extension("population", "valueReference", reference(f.target(s.group.id))) if s.group else None,
                ],
                "note": [{"text": markdown(s.item.text)}],
                "environmentalSetting": temperature_setting(s.item),
            }
            for s in storage_for(f, p)
        ],
    }


def supply_extensions(f: Facts, p: Product | None) -> list[dict[str, Any] | None]:
    return [supply_extension(s, [f.source(c) for c in s.cites], with_schedule=True)
            for s in supply_for(f, p) if not s.jurisdiction]


def indication_guidelines(f: Facts, p: Product | None) -> list[dict[str, Any]]:
    """One guideline per indication that applies (with the dosing for it that applies), then dosing for no indication."""
    shown = indications_for(f, p)
    doses = dosing_for(f, p)
    out = []
    for ind in f.indications:
        mine = [d for d in doses if d.indication is ind]
        if ind in shown or mine:
            out.append({
                "indication": [{"concept": codeable(ind.item.label, ind.item.codes), "reference": reference(f.target(ind.id))}],
                "dosingGuideline": [dosing_guideline(f, d) for d in mine],
            })
    rest = [dosing_guideline(f, d) for d in doses if d.indication is None]
    if rest:
        out.append({"dosingGuideline": rest})
    return out


def dosing_guideline(f: Facts, d: DosingFacts) -> dict[str, Any]:
    return {
        "dosage": [dosage_group(d.item, "r5", cited(f, d.sources))],
        "patientCharacteristic": r5_characteristics(d.group),
    }


def knowledge_names(m: Monograph) -> list[str]:
    brands = [b.name for b in m.brands.items] if m.brands else []
    return list(dict.fromkeys([m.drug.generic_name, *brands]))


def ingredients_r5(f: Facts, p: Product | None) -> list[dict[str, Any]]:
    out = []
    for i in ingredients_for(f, p):
        amount = ingredient_amount(f, p, i)
        out.append({
            "extension": cited(f, i.cites),
            "item": {"concept": concept_codeable(i)},
            "type": ingredient_role(i),
            **(ingredient_strength(*amount, as_ratio=False) if amount else {}),
        })
    return out


def product_r5(f: Facts, p: Product) -> dict[str, Any]:
    head = product_head(f, p)
    return {
        **head,
        "extension": [*head["extension"], *supply_extensions(f, p)],
        "name": list(p.brand_names),
        **scoped_content(f, p),
        "definitional": {
            "doseForm": form_codeable(p.form) if p.form else None,
            "intendedRoute": form_routes(p.form) if p.form else [],
            "ingredient": ingredients_r5(f, p),
        },
    }


def cud_head(f: Facts, issue_id: str, blocks: list[Block], sources: Iterable[Citation], covered: list[Product],
             groups: tuple[Group, ...]) -> dict[str, Any]:
    m = f.monograph
    return {
        **resource_head("ClinicalUseDefinition", issue_id, m.language, blocks),
        "extension": [
            *cited(f, sources),
            *(extension("applies-to", "valueReference", reference(f.target(p.id))) for p in covered),
        ],
        "population": [reference(f.target(g.id)) for g in groups],
    }


def cud_common(f: Facts, cud_type: str, category: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "type": cud_type,
        "category": category,
        "subject": [{"display": f.monograph.drug.generic_name}],
        "status": coded(PUBLICATION_STATUS_SYSTEM, "active", "Active"),
    }


def covered_products(f: Facts, scope: Scope) -> list[Product]:
    """The clinical drugs a scoped statement is about; none for a whole-drug statement (it is about all)."""
    return [] if scope.whole_drug else [p for p in f.products if covers(scope, p)]


def indication_r5(f: Facts, ind: IndicationFacts) -> dict[str, Any]:
    m = f.monograph
    item = ind.item
    disease, effect, symptoms = indication_parts(item)
    blocks = scoped_blocks(lambda: section_item_blocks(m.indications.intro, indication_item(item)), item.scope,
                           tuple(g.name for g in ind.groups))
    resource = {
        **cud_head(f, ind.id, blocks, ind.sources, covered_products(f, item.scope), ind.groups),
        **cud_common(f, "indication"),
        "indication": {
            "extension": [extension("relieved-symptom", "valueCodeableConcept", s) for s in symptoms],
            "diseaseSymptomProcedure": {"concept": disease},
            "intendedEffect": {"concept": effect} if effect else None,
        },
    }
    return _population_after_status(resource)


def _population_after_status(resource: dict[str, Any]) -> dict[str, Any]:
    """Keep the element order FHIR's JSON uses: population comes after status."""
    population = resource.pop("population")
    ordered: dict[str, Any] = {}
    for key, value in resource.items():
        ordered[key] = value
        if key == "status":
            ordered["population"] = population
    return ordered


def facet_extensions(issue: Issue) -> list[dict[str, Any] | None]:
    return [
        complex_extension(name, value) if key == "extension" else extension(name, key, value)
        for name, key, value in issue.facets
    ]


def issue_r5(f: Facts, issue: Issue) -> dict[str, Any]:
    resource = {
        **cud_head(f, issue.id, issue.blocks(), issue.sources, covered_products(f, issue.scope), issue.groups),
        **cud_common(f, issue.type, issue.category),
    }
    resource = _population_after_status(resource)
    facets = facet_extensions(issue)
    if issue.type == "undesirable-effect":
        resource["undesirableEffect"] = {
            "extension": facets,
            "symptomConditionEffect": {"concept": issue.symptom},
            "classification": issue.classification,
            "frequencyOfOccurrence": issue.frequency,
        }
    elif issue.type == "interaction":
        resource["interaction"] = {
            "extension": facets,
            "interactant": [
                {"extension": [extension("interactant-kind", "valueCode", kind)], "itemCodeableConcept": item}
                for item, kind in issue.interactants
            ],
            "type": issue.interaction_type,
            "effect": {"concept": issue.effect} if issue.effect else None,
            "management": issue.management,
        }
    elif issue.type == "contraindication":
        resource["contraindication"] = {"extension": facets, "diseaseSymptomProcedure": {"concept": issue.code}}
    else:
        resource["warning"] = {"extension": facets, "description": issue.description, "code": issue.code}
    return resource


def group_r5(language: str, group: Group) -> dict[str, Any]:
    return {
        **resource_head("Group", group.id, language, [H.p(group.name)]),
        "type": "person",
        "membership": "definitional",
        "name": group.name,
        "characteristic": [group_characteristic(c) for c in group.characteristics],
    }


def regulator_r5(language: str, jurisdiction: str, organisation_id: str) -> dict[str, Any]:
    content = regulator_content(jurisdiction)
    return {
        **resource_head("Organization", organisation_id, language, [H.p(content["name"])]),
        "type": content["type"],
        "name": content["name"],
        "contact": [{"address": content["address"]}],
    }


def organisation_r5(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    return {
        **organisation_head(language, name, organisation_id, url),
        "contact": [{"telecom": [home_page(url)]}] if url else None,
    }


def provenance_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    review = m.review
    assert review is not None, "only a reviewed monograph has a review Provenance"
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
