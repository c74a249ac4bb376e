"""FHIR R4 (4.0.1): one MedicationKnowledge.

R4 has no ClinicalUseDefinition link and no identifier on MedicationKnowledge, so
R4 output is a single MedicationKnowledge: the clinical drugs and the documents
are contained resources, and whatever R4 has no element for travels in
extensions under ``https://monograph.dev/fhir/StructureDefinition/`` (defined in
``extensions.EXTENSIONS``) and in the narrative, which renders the whole monograph.

Scoping: a clinical issue is a ``clinical-use-issue`` extension on the drug whose ``appliesTo`` parts reference
the contained clinical drugs it is about (none: the whole drug). Indications, dosing, supply, programs and
storage that hold for every form sit on the drug; those about some forms or brands sit on the contained
clinical drugs they are about, and only there. R4 has none of R5's HL7 code systems for issues
(``vocabulary.R5_ONLY_SYSTEMS``): an interaction-type coding is recoded to the project's drug-interaction-type,
which holds the same codes; any other is left out (the project's coding beside it says the same; with none,
its display becomes the text), by ``datatypes.without_systems``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...model import Monograph, Scope
from .datatypes import compact, complex_extension, concept_codeable, extension, reference, without_systems
from .dosing import dosage_group, r4_characteristics
from .facts import DosingFacts, Facts, IndicationFacts, Issue, Product, covers
from .markdown import markdown
from .narrative import H
from .parts import (
    citation_document,
    cited,
    classifications,
    form_codeable,
    form_routes,
    home_page,
    indication_parts,
    ingredient_amount,
    ingredient_strength,
    intended_routes,
    knowledge_code,
    knowledge_head,
    last_modified,
    mechanism_extension,
    monograph_links,
    organisation_head,
    page_document,
    product_head,
    related_products,
    resource_head,
)
from .supply import monitoring_program, regulator_content, regulatory, supply_extension
from .vocabulary import (
    ARTIFACT_LAST_REVIEW_DATE,
    ARTIFACT_REVIEWER,
    CONTACT_DETAIL_REFERENCE,
    INTERACTION_KIND,
    INTERACTION_TYPE_SYSTEM,
    R5_ONLY_SYSTEMS,
    UCUM,
)

RECODED_SYSTEMS = {INTERACTION_TYPE_SYSTEM: INTERACTION_KIND}
"""HL7 code systems R4 does not have, whose codes the project's code system of the same name holds."""
FACET_PARTS = {
    "risk": "risk", "risk-factor": "riskFactor", "warning-sign": "warningSign", "additional-concept": "additionalConcept",
    "dose-threshold": "doseThreshold", "rate": "rate", "monitoring-timing": "timing",
}


def render_r4(f: Facts) -> dict[str, Any]:
    return compact(without_systems(knowledge_r4(replace(f, local=True)), R5_ONLY_SYSTEMS, RECODED_SYSTEMS))


def here(scope: Scope, p: Product | None) -> bool:
    """On the drug: whole-drug statements; on a contained clinical drug: the scoped statements about it."""
    return scope.whole_drug if p is None else (not scope.whole_drug and covers(scope, p))


def knowledge_r4(f: Facts) -> dict[str, Any]:
    m = f.monograph
    return {
        **knowledge_head(f),
        "contained": contained_r4(f),
        "extension": [
            *supply_extensions(f, None),
            mechanism_extension(f),
            *review_r4(m),
            last_modified(m),
            *(issue_r4(f, issue) for issue in f.issues),
            *storage_r4(f, None),
        ],
        "code": knowledge_code(m),
        "status": "active",
        "synonym": [b.name for b in m.brands.items] if m.brands else None,
        "relatedMedicationKnowledge": related_products(f),
        "monograph": monograph_links(f),
        "ingredient": ingredients_r4(f, None),
        "intendedRoute": intended_routes(m),
        **scoped_r4(f, None),
        "medicineClassification": classifications(m, with_source=False),
    }


def scoped_r4(f: Facts, p: Product | None) -> dict[str, Any]:
    return {
        "administrationGuidelines": [
            *(administration_r4(f, ind) for ind in f.indications if here(ind.item.scope, p)),
            *(dosing_r4(f, d) for d in f.dosing if here(d.item.scope, p)),
        ],
        "monitoringProgram": [monitoring_program(x, [f.source(c) for c in x.cites])
                              for x in f.monograph.drug.programs if here(x.scope, p)],
        "regulatory": [
            regulatory(s, f.target(f.authorities[s.jurisdiction]), [f.source(c) for c in s.cites], "r4")
            for s in f.monograph.drug.supply if s.jurisdiction and here(s.scope, p)
        ],
    }


def supply_extensions(f: Facts, p: Product | None) -> list[dict[str, Any] | None]:
    return [supply_extension(s, [f.source(c) for c in s.cites], with_schedule=True)
            for s in f.monograph.drug.supply if not s.jurisdiction and here(s.scope, p)]


def storage_r4(f: Facts, p: Product | None) -> list[dict[str, Any] | None]:
    out = []
    for s in f.storage:
        if not here(s.item.scope, p):
            continue
        t = s.item.temperature
        temperature = None
        if t is not None:
            ends = {"low": t.min, "high": t.max}
            temperature = {k: {"value": v, "unit": "°C", "system": UCUM, "code": "Cel"}
                           for k, v in ends.items() if v is not None}
        out.append(complex_extension("storage", [
            ("text", "valueMarkdown", markdown(s.item.text)), ("temperature", "valueRange", temperature),
            ("disposal", "valueBoolean", True if s.item.disposal else None),
            ("population", "valueCodeableConcept", {"text": s.group.name} if s.group else None),
            *(("source", "valueReference", reference(f.source(c))) for c in s.sources),
        ]))
    return out


def contained_r4(f: Facts) -> list[dict[str, Any]]:
    """The page and its sources, their publishers, the regulators and the clinical drugs: Bundle entries in R5."""
    m = f.monograph
    return [
        page_document(f, m.summary.plain), *(citation_document(f, c) for c in m.citations),
        *(organisation_r4(m.language, name, *ref) for name, ref in f.organisations.items()),
        *(regulator_r4(m.language, place, org_id) for place, org_id in f.authorities.items()),
        *(product_r4(f, p) for p in f.products),
    ]


def review_r4(m: Monograph) -> list[dict[str, Any]]:
    """HL7's artifact-reviewer (the reviewer's kind as the type of a reference) and artifact-lastReviewDate; none
    when the content has not been medically reviewed."""
    review = m.review
    if review is None:
        return []
    who = {"type": "Organization" if review.reviewer_type == "organization" else "Practitioner", "display": review.reviewer}
    return [
        {"url": ARTIFACT_REVIEWER, "valueContactDetail": {
            "extension": [{"url": CONTACT_DETAIL_REFERENCE, "valueReference": who}], "name": review.reviewer,
        }},
        {"url": ARTIFACT_LAST_REVIEW_DATE, "valueDate": str(review.last_reviewed)},
    ]


def administration_r4(f: Facts, ind: IndicationFacts) -> dict[str, Any]:
    disease, _, symptoms = indication_parts(ind.item)
    return {
        "extension": [
            *(extension("relieved-symptom", "valueCodeableConcept", s) for s in symptoms),
            *cited(f, ind.sources),
        ],
        "indicationCodeableConcept": disease,
        "patientCharacteristics": [c for g in ind.groups for c in r4_characteristics(g)],
    }


def dosing_r4(f: Facts, d: DosingFacts) -> dict[str, Any]:
    disease = indication_parts(d.indication.item)[0] if d.indication else None
    return {
        "dosage": [dosage_group(d.item, "r4", cited(f, d.sources))],
        "indicationCodeableConcept": disease,
        "patientCharacteristics": r4_characteristics(d.group),
    }


def _part_values(parts: list[tuple[str, str, Any]]) -> list[dict[str, Any]]:
    return [{"url": url, key: value} for url, key, value in parts if value is not None]


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
    ]
    for group in issue.groups:
        simple = len(group.characteristics) == 1 and group.characteristics[0].value_key is None
        parts.append(("population", "valueCodeableConcept", group.characteristics[0].code if simple else {"text": group.name}))
        parts += [("characteristic", "extension", _part_values([("type", "valueCodeableConcept", c.code),
                                                                ("value", c.value_key, c.value)]))
                  for c in group.characteristics if c.value_key]
    for name, key, value in issue.facets:
        parts.append((FACET_PARTS[name], key, _part_values(value) if key == "extension" else value))
    parts += [("appliesTo", "valueReference", reference(f.target(p.id)))
              for p in f.products if not issue.scope.whole_drug and covers(issue.scope, p)]
    parts += [("source", "valueReference", reference(f.source(c))) for c in issue.sources]
    return complex_extension("clinical-use-issue", parts)


def organisation_r4(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    return {**organisation_head(language, name, organisation_id, url), "telecom": [home_page(url)] if url else None}


def regulator_r4(language: str, jurisdiction: str, organisation_id: str) -> dict[str, Any]:
    content = regulator_content(jurisdiction)
    return {
        **resource_head("Organization", organisation_id, language, [H.p(content["name"])]),
        "type": content["type"], "name": content["name"], "address": [content["address"]],
    }


def ingredients_r4(f: Facts, p: Product | None) -> list[dict[str, Any]]:
    """The drug's ingredients (with their sources) on the drug; a clinical drug's, with its strengths, on it."""
    out = []
    for i in f.monograph.ingredients.items:
        if not (i.scope.whole_drug or (p is not None and covers(i.scope, p))):
            continue
        amount = ingredient_amount(f, p, i)
        out.append({
            "extension": cited(f, (*(f.monograph.ingredients.cites if p is None else ()), *i.cites)),
            "itemCodeableConcept": concept_codeable(i),
            "isActive": i.role == "active",
            **(ingredient_strength(*amount, as_ratio=True) if amount else {}),
        })
    return out


def product_r4(f: Facts, p: Product) -> dict[str, Any]:
    head = product_head(f, p)
    return {
        **head,
        "extension": [*head["extension"], *supply_extensions(f, p), *storage_r4(f, p)],
        "doseForm": form_codeable(p.form) if p.form else None,
        "synonym": list(p.brand_names),
        "ingredient": ingredients_r4(f, p),
        "intendedRoute": form_routes(p.form) if p.form else [],
        **scoped_r4(f, p),
    }
