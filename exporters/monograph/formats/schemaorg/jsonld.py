"""schema.org JSON-LD: a MedicalWebPage whose main entity is the Drug.

Every type and property comes from schema.org v30.0 and is used inside its
declared domain and range (tests/test_schemaorg.py checks this against the
vocabulary file). Drug has no property for indications or side effects, so
indications are MedicalCondition nodes that name the Drug as a possible
treatment, and side effects, serious risks and cautions hang off one
MedicalTherapy node whose ``drug`` is the Drug.

Only what the HTML page shows is marked up: the page embeds this document
(formats/html/), and its tests check that every name and text here is
visible on the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import (
    CODE_SYSTEM_NAMES,
    Citation,
    Codes,
    Concept,
    DoseForm,
    Indication,
    Monograph,
    PartialDate,
    Precaution,
    SideEffect,
    Strength,
)

Node = dict[str, Any]

CONTEXT = "https://schema.org"


PRESCRIPTION_STATUS = {
    "prescription-only": "https://schema.org/PrescriptionOnly",
    "over-the-counter": "https://schema.org/OTC",
}

# schema.org has no type for a drug label, a guideline or a web source as
# such; these are the closest CreativeWork subtypes that claim no more than
# the monograph says.
CITATION_TYPES = {
    "prescribing-information": "CreativeWork",
    "drug-facts-label": "CreativeWork",
    "medication-guide": "CreativeWork",
    "patient-information": "CreativeWork",
    "article": "Article",
    "guideline": "CreativeWork",
    "website": "WebPage",
}

REVIEWER_TYPES = {"organization": "Organization", "person": "Person"}

# alcoholWarning is for alcohol only; an interaction names alcohol by word or
# by the SNOMED CT substance code the monographs use for it.
_ALCOHOL_NAMES = frozenset({"alcohol", "ethanol", "alcoholic drinks", "alcoholic beverages"})
_ALCOHOL_SNOMED = frozenset({"419442005"})

# Precautions about a patient's condition, age group or pregnancy are relative
# contraindications in schema.org's sense ("the patient is at higher risk").
_CONTRAINDICATION_KINDS = frozenset({"condition", "population", "pregnancy", "breastfeeding"})


def document(monograph: Monograph) -> Node:
    """The JSON-LD object: one @graph, the page first, then the Drug and what hangs off it."""
    graph: list[Node] = [_page(monograph), _drug(monograph)]
    graph.extend(_form_products(monograph))
    graph.extend(_conditions(monograph))
    therapy = _therapy(monograph)
    if therapy:
        graph.append(therapy)
    return {"@context": CONTEXT, "@graph": graph}


# ---------------------------------------------------------------- ids


def _base(monograph: Monograph) -> str:
    """The canonical URL without a fragment, so that node ids can add their own."""
    return monograph.url.split("#", 1)[0]


def drug_id(monograph: Monograph) -> str:
    return f"{_base(monograph)}#drug"


def form_id(monograph: Monograph, form: DoseForm) -> str:
    return f"{_base(monograph)}#form-{form.id}"


# ---------------------------------------------------------------- nodes


def _compact(node: Node) -> Node:
    """Drop properties with nothing to say, keeping the order they were written in."""
    return {key: value for key, value in node.items() if value is not None and value != []}


def _page(m: Monograph) -> Node:
    return _compact({
        "@type": "MedicalWebPage",
        "@id": m.url,
        "url": m.url,
        "name": m.title,
        "description": m.summary.plain,
        "inLanguage": m.language,
        "lastReviewed": _date(m.review.last_reviewed),
        "reviewedBy": {"@type": REVIEWER_TYPES[m.review.reviewer_type], "name": m.review.reviewer},
        "dateModified": _date(m.modified) if m.modified else None,
        "publisher": _publisher(m),
        "medicalAudience": {"@type": "Patient"},
        "mainEntity": {"@id": drug_id(m)},
        "citation": [_citation(c) for c in m.citations],
    })


def _date(date: PartialDate) -> str:
    # A month or a year alone is ISO 8601 with reduced precision; writing a
    # day the author did not give would claim more than they know.
    return str(date)


def _publisher(m: Monograph) -> Node | None:
    if m.publisher is None:
        return None
    return _compact({"@type": "Organization", "name": m.publisher.name, "url": m.publisher.url})


def _citation(citation: Citation) -> Node:
    return _compact({
        "@type": CITATION_TYPES[citation.kind],
        "name": citation.title,
        "url": citation.url,
        "publisher": {"@type": "Organization", "name": citation.publisher} if citation.publisher else None,
        "datePublished": _date(citation.date) if citation.date else None,
    })


def _codes(codes: Codes) -> list[Node]:
    return [
        {"@type": "MedicalCode", "codeValue": value, "codingSystem": CODE_SYSTEM_NAMES[system]}
        for system, value in codes.items()
    ]


def _entity(kind: str, concept: Concept | Indication | SideEffect, *descriptions: str | None) -> Node:
    """A named medical entity with its plain-words explanation and codes."""
    described = [d for d in (concept.explanation, *descriptions) if d]
    return _compact({
        "@type": kind,
        "name": concept.name,
        "description": described[0] if len(described) == 1 else described,
        "code": _codes(concept.codes),
    })


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _drug(m: Monograph) -> Node:
    forms = m.forms.items if m.forms else ()
    precautions = m.precautions.items if m.precautions else ()
    return _compact({
        "@type": "Drug",
        "@id": drug_id(m),
        "name": m.drug.generic_name,
        "nonProprietaryName": m.drug.generic_name,
        "proprietaryName": [b.name for b in m.brands.items] if m.brands else [],
        "activeIngredient": [i.name for i in m.ingredients.items],
        "drugClass": [_entity("DrugClass", c) for c in m.drug.classes],
        "dosageForm": _unique(f.name for f in forms),
        "administrationRoute": _unique(f.route.name for f in forms),
        "code": _codes(m.drug.codes),
        "prescriptionStatus": PRESCRIPTION_STATUS.get(m.drug.prescription_status or ""),
        "prescribingInfo": _unique(c.url for c in m.citations if c.kind == "prescribing-information"),
        "mechanismOfAction": m.mechanism.text.plain if m.mechanism else None,
        "warning": _warnings(m),
        "pregnancyWarning": [p.text for p in precautions if p.kind == "pregnancy"],
        "breastfeedingWarning": [p.text for p in precautions if p.kind == "breastfeeding"],
        "alcoholWarning": [p.text for p in precautions if _mentions_alcohol(p)],
        "interactingDrug": [
            _compact({"@type": "Drug", "name": i.name, "code": _codes(i.codes)})
            for p in precautions for i in p.interactants if i.kind == "drug"
        ],
        "isRelatedTo": [{"@id": form_id(m, f)} for f in forms],
    })


def _boxed_warning_texts(m: Monograph) -> list[str]:
    boxed = m.boxed_warning
    if boxed is None:
        return []
    return [boxed.text.plain] + ([boxed.advice.plain] if boxed.advice else [])


def _warnings(m: Monograph) -> list[str]:
    """The boxed warning first, then every precaution and piece of advice, in page order."""
    texts = _boxed_warning_texts(m)
    if m.precautions:
        texts.extend(p.text for p in m.precautions.items)
    if m.advice:
        texts.extend(a.text.plain for a in m.advice.items)
    return texts


def _mentions_alcohol(precaution: Precaution) -> bool:
    return any(
        i.name.casefold() in _ALCOHOL_NAMES or i.codes.snomed in _ALCOHOL_SNOMED
        for i in precaution.interactants
    )


def _form_products(m: Monograph) -> list[Node]:
    """One Drug node per dose form: it keeps each form's route, strengths and brands together.

    On the main Drug these are flat lists, and which strength or brand goes
    with which form would be lost. schema.org has no "presentation of"
    property for drugs, so the main Drug points here with ``isRelatedTo``.
    """
    if not m.forms:
        return []
    boxed_forms = {f.id for f in m.boxed_warning.forms} if m.boxed_warning else set()
    ingredients = m.ingredients.items
    nodes = []
    for form in m.forms.items:
        brands = [b.name for b in m.brands.items if form.id in {f.id for f in b.forms}] if m.brands else []
        nodes.append(_compact({
            "@type": "Drug",
            "@id": form_id(m, form),
            "nonProprietaryName": m.drug.generic_name,
            "proprietaryName": brands,
            "activeIngredient": [i.name for i in ingredients],
            "dosageForm": form.name,
            "administrationRoute": form.route.name,
            "description": form.delivery,
            "availableStrength": [_strength(s, ingredients) for s in form.strengths],
            "warning": _boxed_warning_texts(m) if form.id in boxed_forms else [],
        }))
    return nodes


def _strength(strength: Strength, ingredients: tuple[Concept, ...]) -> Node:
    unit = strength.text.split(" ", 1)[1]  # the text is "<amount> <unit>[/<per>]"
    value = strength.amount
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # A strength names no ingredient, so it can only be tied to one when there is one.
    return _compact({
        "@type": "DrugStrength",
        "strengthValue": value,
        "strengthUnit": unit,
        "activeIngredient": ingredients[0].name if len(ingredients) == 1 else None,
    })


def _conditions(m: Monograph) -> list[Node]:
    nodes = []
    for indication in m.indications.items:
        node = _entity("MedicalCondition", indication)
        node["signOrSymptom"] = [_entity("MedicalSignOrSymptom", s) for s in indication.symptoms]
        node["possibleTreatment"] = {"@id": drug_id(m)}
        nodes.append(_compact(node))
    return nodes


def _therapy(m: Monograph) -> Node | None:
    """Side effects, serious risks and cautions: schema.org puts them on a therapy, not on the Drug."""
    effects = m.side_effects.items if m.side_effects else ()
    risks = m.boxed_warning.risks if m.boxed_warning else ()
    precautions = m.precautions.items if m.precautions else ()
    common = [_entity("MedicalSignOrSymptom", e, e.note) for e in effects if not e.serious]
    serious = [_entity("MedicalSignOrSymptom", e, e.note) for e in effects if e.serious]
    # The model does not say whether a risk is a symptom, a condition or an
    # outcome such as death, so it gets the range type itself.
    serious += [_entity("MedicalEntity", r) for r in risks]
    cautions = [
        _compact({"@type": "MedicalContraindication", "name": p.text, "code": _codes(p.concept.codes) if p.concept else []})
        for p in precautions if p.kind in _CONTRAINDICATION_KINDS or p.contraindicated
    ]
    if not (common or serious or cautions):
        return None
    return _compact({
        "@type": "MedicalTherapy",
        "drug": {"@id": drug_id(m)},
        "adverseOutcome": common,
        "seriousAdverseOutcome": serious,
        "contraindication": cautions,
    })
