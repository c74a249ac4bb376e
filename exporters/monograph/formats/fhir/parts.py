"""What R5 and R4 write alike: whole resources, the parts of resources they share, and the elements both use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import (
    Citation,
    DoseForm,
    Indication,
    Ingredient,
    IngredientAmount,
    Instruction,
    Monograph,
    Program,
    Scope,
    SupplyStatus,
)
from .datatypes import codeable, coded, compact, complex_extension, concept_codeable, extension, quantity, reference
from .dosing import administered_by
from .extensions import project_coded
from .facts import DosingFacts, Facts, IndicationFacts, Issue, Product, StorageFacts, covers
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
    INTENDED_USE_SYSTEM,
    LABEL_TYPES,
    MEDICATION_RELATIONSHIP,
    ROLE_CLASS,
    STORAGE_SETTING,
    SYSTEMS,
    UCUM,
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
        **resource_head("MedicationKnowledge", p.id, m.language, product_blocks(label, p.form, p.brand_names)),
        "extension": [*cited(f, p.sources), administered_by(p.form.administered_by if p.form else None)],
        "code": {"text": label},
        "status": "active",
    }


def applies(scope: Scope, p: Product | None) -> bool:
    """Whether a statement belongs on the drug's resource (``p`` None: only whole-drug ones) or on a clinical drug's."""
    return scope.whole_drug if p is None else covers(scope, p)


def issues_for(f: Facts, p: Product | None) -> list[Issue]:
    return [i for i in f.issues if applies(i.scope, p)]


def indications_for(f: Facts, p: Product | None) -> list[IndicationFacts]:
    return [i for i in f.indications if applies(i.item.scope, p)]


def dosing_for(f: Facts, p: Product | None) -> list[DosingFacts]:
    return [d for d in f.dosing if applies(d.item.scope, p)]


def storage_for(f: Facts, p: Product | None) -> list[StorageFacts]:
    return [s for s in f.storage if applies(s.item.scope, p)]


def supply_for(f: Facts, p: Product | None) -> list[SupplyStatus]:
    return [s for s in f.monograph.drug.supply if applies(s.scope, p)]


def programs_for(f: Facts, p: Product | None) -> list[Program]:
    return [x for x in f.monograph.drug.programs if applies(x.scope, p)]


def ingredients_for(f: Facts, p: Product | None) -> list[Ingredient]:
    """The drug's resource lists the ingredients of every form; a clinical drug also the excipients of its form or brand."""
    return [i for i in f.monograph.ingredients.items if applies(i.scope, p)]


def ingredient_amount(f: Facts, p: Product | None, ingredient: Ingredient) -> tuple[IngredientAmount, Product] | None:
    """How much of the ingredient the clinical drug has, when its strength says."""
    if p is None or p.strength is None:
        return None
    for content in p.strength.contents:
        if content.ingredient is not None and content.ingredient.name == ingredient.name:
            return content, p
    only_active = [i for i in f.monograph.active_ingredients] == [ingredient]
    if only_active and p.strength.contents[0].ingredient is None:
        return p.strength.contents[0], p
    return None


def ingredient_strength(content: IngredientAmount, p: Product, as_ratio: bool) -> dict[str, Any]:
    """strengthQuantity per dose unit, strengthRatio per an amount (R4 has only a Ratio: per 1 unit named after the form)."""
    strength = p.strength
    assert strength is not None
    numerator = quantity(content.amount, content.unit)
    if strength.per_unit is None:
        if not as_ratio:
            return {"strengthQuantity": numerator}
        assert p.form is not None, "a product with a strength has a form"
        denominator = {"value": 1, "unit": p.form.name, "system": UCUM, "code": "1"}
    else:
        denominator = quantity(strength.per_amount if strength.per_amount is not None else 1, strength.per_unit)
    return {("strength" if as_ratio else "strengthRatio"): {"numerator": numerator, "denominator": denominator}}


def ingredient_role(i: Ingredient) -> dict[str, Any]:
    active = i.role == "active"
    return {"coding": [{"system": ROLE_CLASS, "code": "ACTI" if active else "IACT"}],
            "text": "active ingredient" if active else "inactive ingredient"}


def temperature_setting(item: Instruction) -> list[dict[str, Any]]:
    t = item.temperature
    if t is None:
        return []
    def end(value: float | int | None) -> dict[str, Any] | None:
        return None if value is None else {"value": value, "unit": "°C", "system": UCUM, "code": "Cel"}
    return [{"type": coded(STORAGE_SETTING, "temperature", "Temperature"), "valueRange": compact({"low": end(t.min),
                                                                                                "high": end(t.max)})}]


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
    """ATC (every current code, then in their own entry the codes WHO has since changed) and the drug classes."""
    out = []
    former = [code for system, code in m.drug.codes.former if system == "atc"]
    for kind, display, codes in (("atc", "Anatomical Therapeutic Chemical classification", m.drug.codes.all("atc")),
                                 ("atc-former", "Former ATC code", former)):
        if not codes:
            continue
        atc: dict[str, Any] = {"type": coded(CLASSIFICATION_TYPE, kind, display)}
        if with_source:
            atc["sourceUri"] = SYSTEMS["atc"]
        atc["classification"] = [coded(SYSTEMS["atc"], code) for code in codes]
        out.append(atc)
    if m.drug.classes:
        out.append({
            "type": coded(CLASSIFICATION_TYPE, "drug-class", "Drug class"),
            "classification": [concept_codeable(c) for c in m.drug.classes],
        })
    return out


def intended_routes(m: Monograph) -> list[dict[str, Any]]:
    """The drug's routes: one per distinct route of its forms, in order of first use."""
    seen = dict.fromkeys(route for form in (m.forms.items if m.forms else ()) for route in form.routes)
    return [concept_codeable(route) for route in seen]


def form_routes(form: DoseForm) -> list[dict[str, Any]]:
    """A clinical drug's intendedRoute: every route of its form, each with how the form is delivered."""
    delivery = [extension("delivery", "valueString", form.delivery)] if form.delivery else []
    return [{"extension": delivery, **concept_codeable(route)} if delivery else concept_codeable(route)
            for route in form.routes]


def form_codeable(form: DoseForm) -> dict[str, Any]:
    return codeable(form.name, form.codes)


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
    if citation.kind in LABEL_TYPES:
        kind["coding"].insert(0, dict(LABEL_TYPES[citation.kind]))
    return kind
