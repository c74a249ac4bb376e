"""What R5 and R4 write alike: whole resources, the parts of resources they share, and the elements both use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import Citation, Concept, DoseForm, Indication, Monograph, Strength
from .datatypes import codeable, coded, compact, complex_extension, concept_codeable, extension, reference
from .extensions import project_coded
from .facts import Facts, Product
from .markdown import markdown
from .narrative import (
    Block,
    citation_blocks,
    monograph_blocks,
    narrative,
    organisation_blocks,
    page_blocks,
    product_blocks,
)
from .vocabulary import (
    ARTIFACT_DATE,
    CLASSIFICATION_TYPE,
    DOCUMENT_KIND,
    HUMAN_PRESCRIPTION_LABEL,
    INTENDED_USE_SYSTEM,
    LEGAL_STATUS,
    LEGAL_STATUS_SYSTEM,
    MEDICATION_RELATIONSHIP,
    SYSTEMS,
)


def resource_head(resource_type: str, resource_id: str, language: str, blocks: list[Block]) -> dict[str, Any]:
    return {"resourceType": resource_type, "id": resource_id, "language": language, "text": narrative(language, blocks)}


def knowledge_head(f: Facts) -> dict[str, Any]:
    """The drug's MedicationKnowledge up to its content; its narrative is the whole monograph."""
    m = f.monograph
    return resource_head("MedicationKnowledge", f.knowledge_id, m.language, monograph_blocks(m))


def product_head(f: Facts, p: Product) -> dict[str, Any]:
    """A clinical drug's MedicationKnowledge up to where the releases part: R5 nests the form under ``definitional``."""
    m = f.monograph
    label = p.label(m.drug.generic_name)
    return {
        **resource_head("MedicationKnowledge", p.id, m.language, product_blocks(label, p.form, p.brands)),
        "extension": cited(f, p.sources),
        "code": {"text": label},
        "status": "active",
    }


def measured_strength(f: Facts, p: Product) -> Strength | None:
    """The clinical drug's strength, given on its ingredient: with several, the model does not say which one it measures."""
    return p.strength if len(f.monograph.ingredients.items) == 1 else None


def page_document(f: Facts, description: str) -> dict[str, Any]:
    """The DocumentReference for the page itself; its description is markdown in R5 and a plain string in R4."""
    m = f.monograph
    return {
        **resource_head("DocumentReference", f.page_id, m.language, page_blocks(m)),
        "status": "current",
        "type": document_type(None),
        "custodian": f.publisher_ref(m.publisher.name if m.publisher else None),
        "description": description,
        "content": [{"attachment": {"language": m.language, "url": m.url, "title": m.title}}],
    }


def citation_document(f: Facts, c: Citation) -> dict[str, Any]:
    """The DocumentReference for a cited source."""
    attachment = compact({"url": c.url, "title": c.title, "creation": str(c.date) if c.date else None})
    return {
        **resource_head("DocumentReference", f.documents[c.id], f.monograph.language, citation_blocks(c)),
        "status": "current",
        "type": document_type(c),
        "custodian": f.publisher_ref(c.publisher),
        "content": [{"attachment": attachment}],
    }


def organisation_head(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    """An Organization up to its home page, which R5 gives as a contact's telecom and R4 as its own."""
    return {**resource_head("Organization", organisation_id, language, organisation_blocks(name, url)), "name": name}


def home_page(url: str) -> dict[str, str]:
    return {"system": "url", "value": url}


def related_products(f: Facts) -> list[dict[str, Any]] | None:
    """The link from the drug to its clinical drugs (one per dose form and strength), the same in R5 and R4."""
    if not f.products:
        return None
    return [{
        "type": coded(MEDICATION_RELATIONSHIP, "clinical-drug", "Clinical drug (dose form and strength)"),
        "reference": [reference(f.target(p.id)) for p in f.products],
    }]


def monograph_links(f: Facts) -> list[dict[str, Any]]:
    """The page first, then every cited document."""
    return [
        {"type": document_type(None), "source": reference(f.target(f.page_id))},
        *({"type": document_type(c), "source": reference(f.source(c))} for c in f.monograph.citations),
    ]


def knowledge_code(m: Monograph) -> dict[str, Any]:
    return codeable(m.drug.generic_name, m.drug.codes, skip=("atc",))


def classifications(m: Monograph, with_source: bool) -> list[dict[str, Any]]:
    out = []
    if m.drug.codes.atc:
        atc: dict[str, Any] = {"type": coded(CLASSIFICATION_TYPE, "atc", "Anatomical Therapeutic Chemical classification")}
        if with_source:
            atc["sourceUri"] = SYSTEMS["atc"]
        atc["classification"] = [coded(SYSTEMS["atc"], m.drug.codes.atc)]
        out.append(atc)
    if m.drug.classes:
        out.append({
            "type": coded(CLASSIFICATION_TYPE, "drug-class", "Drug class"),
            "classification": [concept_codeable(c) for c in m.drug.classes],
        })
    return out


def intended_routes(m: Monograph) -> list[dict[str, Any]]:
    """The drug's routes: one per distinct route of its forms, in order of first use."""
    seen: dict[Concept, DoseForm] = {}
    for form in m.forms.items if m.forms else ():
        seen.setdefault(form.route, form)
    return [route_codeable(form, with_delivery=False) for form in seen.values()]


def route_codeable(form: DoseForm, with_delivery: bool) -> dict[str, Any]:
    route = concept_codeable(form.route)
    if with_delivery and form.delivery:
        return {"extension": [extension("delivery", "valueString", form.delivery)], **route}
    return route


def form_codeable(form: DoseForm) -> dict[str, Any]:
    return codeable(form.name, form.codes)


def prescription_status(m: Monograph) -> dict[str, Any] | None:
    if m.drug.prescription_status is None:
        return None
    code, display = LEGAL_STATUS[m.drug.prescription_status]
    return extension("prescription-status", "valueCodeableConcept", {
        "coding": [{"system": LEGAL_STATUS_SYSTEM, "code": code, "display": display}], "text": m.drug.prescription_status,
    })


def last_modified(m: Monograph) -> dict[str, Any] | None:
    """HL7's artifact-date: when the content last changed (a partial date is a valid dateTime)."""
    return {"url": ARTIFACT_DATE, "valueDateTime": str(m.modified)} if m.modified else None


def cited(f: Facts, sources: Iterable[Citation]) -> list[dict[str, Any]]:
    return [extension("cited-source", "valueReference", reference(f.source(c))) for c in sources]


def mechanism_extension(f: Facts) -> dict[str, Any] | None:
    mechanism = f.monograph.mechanism
    if mechanism is None:
        return None
    return complex_extension("mechanism-of-action", [
        ("text", "valueMarkdown", markdown(mechanism.text)),
        ("fullyUnderstood", "valueBoolean", mechanism.fully_understood),
        *(("source", "valueReference", reference(f.source(c))) for c in mechanism.cites),
    ])


def indication_parts(item: Indication) -> tuple[dict[str, Any], dict[str, Any] | None, list[dict[str, Any]]]:
    """The disease, the intended effect (alleviation of the listed symptoms) and one concept per symptom."""
    disease = codeable(item.label, item.codes)
    if not item.symptoms:
        return disease, None, []
    effect = {
        "coding": [{"system": INTENDED_USE_SYSTEM, "code": "Alleviation", "display": "Alleviation"}],
        "text": ", ".join(s.label for s in item.symptoms),
    }
    return disease, effect, [concept_codeable(s) for s in item.symptoms]


def document_type(citation: Citation | None) -> dict[str, Any]:
    if citation is None:
        return coded(DOCUMENT_KIND, "patient-monograph", "Patient monograph")
    kind = project_coded("document-kind", citation.kind)
    if citation.kind == "prescribing-information":
        kind["coding"].insert(0, dict(HUMAN_PRESCRIPTION_LABEL))
    return kind
