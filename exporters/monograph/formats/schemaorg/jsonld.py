"""schema.org JSON-LD: a MedicalWebPage whose main entity is the Drug.

Every type and property comes from schema.org v30.0 and is used inside its
declared domain and range (tests/test_schemaorg.py checks this against the
vocabulary file, and tests/test_schemaorg_rdf.py the triples it expands to).
Drug has no property for indications or side effects, so indications are
MedicalCondition nodes that name the Drug as a possible treatment, and side
effects, serious risks, contraindications and tests hang off a
MedicalTherapy node whose ``drug`` is the Drug.

Scoping is structural (scoping.py): a statement about some dose forms or
brands is made of their Drug nodes, each with its own MedicalTherapy, never
of the main Drug. Only precautions marked ``contraindicated`` become
MedicalContraindication; a caution is a ``warning`` and nothing more.

Only what the HTML page shows is marked up: the page embeds this document
(formats/html/), and its tests check that every name and text here is
visible on the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...model import (
    CODE_SYSTEM_NAMES,
    Brand,
    Citation,
    Codes,
    Concept,
    DoseForm,
    Indication,
    Monograph,
    PartialDate,
    Population,
    Precaution,
    Scope,
    SideEffect,
    Strength,
    SupplyStatus,
    number_text,
    unit_label,
)
from ...wording import Language
from . import clinical
from .clinical import compact, number
from .scoping import Placements, brand_id, drug_id, form_id, scoped_brands, targets

Node = dict[str, Any]

CONTEXT = "https://schema.org"

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

# A test before the first dose or before each dose is preparation for the therapy; the rest is follow-up.
_BEFORE = frozenset({"before-start", "before-each-dose"})


def document(monograph: Monograph, versions: Mapping[str, str] | None = None,
             version_urls: Mapping[str, str] | None = None) -> Node:
    """The JSON-LD object: one @graph, the page first, then the Drug nodes and what hangs off them.

    ``versions`` and ``version_urls`` (hreflang -> output key, and -> address) name the monograph's other
    language versions in the same build, which the page links as translations."""
    drugs, therapies, mentions = _placements(monograph)
    page = {**_page(monograph, mentions), **_translation_links(monograph, versions or {}, version_urls or {})}
    graph: list[Node] = [page, _drug(monograph, drugs)]
    graph.extend(_form_products(monograph, drugs))
    graph.extend(_brand_products(monograph, drugs))
    graph.extend(_conditions(monograph))
    graph.extend(_therapies(monograph, therapies))
    return {"@context": CONTEXT, "@graph": graph}


# ---------------------------------------------------------------- the page


def _page(m: Monograph, mentions: list[Node]) -> Node:
    return compact({
        "@type": "MedicalWebPage",
        "@id": m.url,
        "url": m.url,
        "name": m.title,
        "description": m.summary.plain,
        "inLanguage": m.language,
        # Content that has not been medically reviewed has neither: schema.org has no way to say "not reviewed",
        # and leaving both out claims no review.
        "lastReviewed": _date(m.review.last_reviewed) if m.review else None,
        "reviewedBy": {"@type": REVIEWER_TYPES[m.review.reviewer_type], "name": m.review.reviewer} if m.review else None,
        "dateModified": _date(m.modified) if m.modified else None,
        "publisher": _publisher(m),
        "medicalAudience": {"@type": "Patient"},
        "mainEntity": {"@id": drug_id(m)},
        "hasPart": _page_parts(m),
        "mentions": mentions,
        "citation": [_citation(c) for c in m.citations],
    })


def _translation_links(m: Monograph, versions: Mapping[str, str], urls: Mapping[str, str]) -> Node:
    """The original (``x-default``, the file whose name gives no language) has its translations as
    workTranslation; a translation names the original as translationOfWork."""
    mine = next((language for language, key in versions.items() if key == m.key), None)
    if mine is None:
        return {}

    def version(language: str) -> Node:
        known = {} if language == "x-default" else {"inLanguage": language}
        return {"@type": "MedicalWebPage", "@id": urls[language], "url": urls[language], **known}

    if mine == "x-default":
        others = [version(language) for language in sorted(urls) if language != "x-default"]
        return {"workTranslation": others} if others else {}
    return {"translationOfWork": version("x-default")} if "x-default" in urls else {}


def _date(date: PartialDate) -> str:
    # A month or a year alone is ISO 8601 with reduced precision; writing a
    # day the author did not give would claim more than they know.
    return str(date)


def _publisher(m: Monograph) -> Node | None:
    if m.publisher is None:
        return None
    return compact({"@type": "Organization", "name": m.publisher.name, "url": m.publisher.url})


def _citation(citation: Citation) -> Node:
    return compact({
        "@type": CITATION_TYPES[citation.kind],
        "name": citation.title,
        "url": citation.url,
        "publisher": {"@type": "Organization", "name": citation.publisher} if citation.publisher else None,
        "datePublished": _date(citation.date) if citation.date else None,
    })


def _page_parts(m: Monograph) -> list[Node]:
    """Missed-dose and storage instructions: schema.org's Drug has no property for them, so they are
    parts of the page, each ``about`` the Drug nodes it is said of."""
    parts = []
    for section in (m.missed_dose, m.storage):
        if section is None:
            continue
        for item in section.items:
            parts.append({
                "@type": "WebPageElement",
                "name": section.heading,
                "text": item.text.plain,
                "about": _refs(m, item.scope),
            })
    return parts


def _refs(m: Monograph, scope: Scope) -> Node | list[Node]:
    refs = [{"@id": node_id} for node_id in targets(m, scope)]
    return refs[0] if len(refs) == 1 else refs


# ---------------------------------------------------------------- shared pieces


def _codes(codes: Codes) -> list[Node]:
    return [
        {"@type": "MedicalCode", "codeValue": value, "codingSystem": CODE_SYSTEM_NAMES[system]}
        for system, value in codes.items()
    ]


def _entity(kind: str, concept: Concept | Indication | SideEffect, *descriptions: str | None) -> Node:
    """A named medical entity with its plain-words explanation and codes."""
    described = [d for d in (concept.explanation, *descriptions) if d]
    return compact({
        "@type": kind,
        "name": concept.name,
        "description": described[0] if len(described) == 1 else described,
        "code": _codes(concept.codes),
    })


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _one_or_list(values: list[str]) -> str | list[str]:
    """A property of one node: its one value as text, or several as a list."""
    return values[0] if len(values) == 1 else values


def _actives(m: Monograph, covered: Any) -> list[str]:
    return [i.name for i in m.active_ingredients if covered(i.scope)]


# ---------------------------------------------------------------- placing the statements


def _placements(m: Monograph) -> tuple[Placements, Placements, list[Node]]:
    """Every scoped statement, put on the Drug nodes (and their therapies) it is made of."""
    drugs, therapies = Placements(), Placements()
    lang = Language(m.language)
    for boxed in m.boxed_warnings:
        ids = targets(m, boxed.scope)
        drugs.put(ids, "warning", boxed.text.plain)
        if boxed.advice:
            drugs.put(ids, "warning", boxed.advice.plain)
    for precaution in m.precautions.items if m.precautions else ():
        _place_precaution(m, precaution, drugs, therapies)
    for advice in m.advice.items if m.advice else ():
        drugs.put(targets(m, advice.scope), "warning", advice.text.plain)
    for effect in m.side_effects.items if m.side_effects else ():
        kind = "seriousAdverseOutcome" if effect.serious else "adverseOutcome"
        therapies.put(targets(m, effect.scope), kind, _entity(
            "MedicalSignOrSymptom", effect, effect.note, _rate(effect, lang), _who(effect.population, lang)))
    for boxed in m.boxed_warnings:
        # A risk is data, not the warning's text: it must say whom the warning is about itself.
        who = _who(boxed.population, lang)
        for risk in boxed.risks:
            # The model does not say whether a risk is a symptom, a condition or an
            # outcome such as death, so it gets the range type itself.
            therapies.put(targets(m, boxed.scope), "seriousAdverseOutcome", _entity("MedicalEntity", risk, who))
    _place_dosing(m, drugs)
    for item in m.overdose.items if m.overdose else ():
        drugs.put(targets(m, item.scope), "overdosage", item.text.plain)
    for supply in m.drug.supply:
        drugs.put(targets(m, supply.scope), "legalStatus", clinical.legal_status(supply, lang))
    for program in m.drug.programs:
        drugs.put(targets(m, program.scope), "legalStatus", clinical.program_status(program))
    return drugs, therapies, _place_monitoring(m, therapies)


def _who(population: Population | None, lang: Language) -> str | None:
    """Who a statement is about, as the page says it."""
    words = lang.population(population)
    return f"{lang.text('Who:')} {words}" if words else None


def _rate(effect: SideEffect, lang: Language) -> str | None:
    return lang.rate(effect.rate) if effect.rate is not None else None


def _place_precaution(m: Monograph, precaution: Precaution, drugs: Placements, therapies: Placements) -> None:
    ids = targets(m, precaution.scope)
    drugs.put(ids, "warning", precaution.text)
    if precaution.kind == "pregnancy":
        drugs.put(ids, "pregnancyWarning", precaution.text)
    if precaution.kind == "breastfeeding":
        drugs.put(ids, "breastfeedingWarning", precaution.text)
    if _mentions_alcohol(precaution):
        drugs.put(ids, "alcoholWarning", precaution.text)
    for interactant in precaution.interactants:
        if interactant.kind == "drug":
            drugs.put(ids, "interactingDrug", compact(
                {"@type": "Drug", "name": interactant.name, "code": _codes(interactant.codes)}))
    if precaution.contraindicated:
        # Only an absolute contraindication is one: "use with caution" stays a warning.
        codes = [code for concept in precaution.concepts for code in _codes(concept.codes)]
        therapies.put(ids, "contraindication", compact(
            {"@type": "MedicalContraindication", "name": precaution.text, "description": _who(precaution.population, Language(m.language)),
             "code": codes}))


def _mentions_alcohol(precaution: Precaution) -> bool:
    return any(
        i.name.casefold() in _ALCOHOL_NAMES or i.codes.snomed in _ALCOHOL_SNOMED
        for i in precaution.interactants
    )


def _place_dosing(m: Monograph, drugs: Placements) -> None:
    lang = Language(m.language)
    for instruction in m.dosing.items if m.dosing else ():
        ids = targets(m, instruction.scope)
        for schedule in clinical.dose_schedules(instruction, lang):
            drugs.put(ids, "doseSchedule", schedule)
        for limit in instruction.maximum:
            drugs.put(ids, "maximumIntake", clinical.maximum_schedule(instruction, limit, lang))


def _place_monitoring(m: Monograph, therapies: Placements) -> list[Node]:
    """Tests before treatment are the therapy's preparation; tests during or after it, its follow-up
    (a text), with the test itself mentioned by the page. Returns what the page mentions."""
    mentions = []
    for item in m.monitoring.items if m.monitoring else ():
        ids = targets(m, item.scope)
        test = _entity("MedicalTest", item.test, item.text.plain, _who(item.population, Language(m.language)))
        if _BEFORE & set(item.when):
            therapies.put(ids, "preparation", test)
        if set(item.when) - _BEFORE or not item.when:
            therapies.put(ids, "followup", item.text.plain)
            if not _BEFORE & set(item.when):
                mentions.append(test)
    return mentions


# ---------------------------------------------------------------- the Drug nodes


def _placed(drugs: Placements, node_id: str) -> Node:
    """The statements placed on one Drug node, in a fixed property order."""
    placed = drugs.of(node_id)
    order = ("legalStatus", "doseSchedule", "maximumIntake", "warning", "pregnancyWarning", "breastfeedingWarning",
             "alcoholWarning", "interactingDrug", "overdosage")
    return {prop: placed.get(prop, []) for prop in order}


def _prescription(m: Monograph, bearing: Any, own_scope_needed: bool) -> Any:
    statuses = [s for s in m.drug.supply if bearing(s)]
    if own_scope_needed and all(s.scope.whole_drug for s in statuses):
        return None  # the main Drug already says it
    return clinical.prescription_status(statuses)


def _drug(m: Monograph, drugs: Placements) -> Node:
    forms = m.forms.items if m.forms else ()
    node_id = drug_id(m)
    placed = _placed(drugs, node_id)
    return compact({
        "@type": "Drug",
        "@id": node_id,
        "name": m.drug.generic_name,
        "nonProprietaryName": m.drug.generic_name,
        "proprietaryName": [b.name for b in m.brands.items] if m.brands else [],
        "activeIngredient": _actives(m, lambda scope: scope.whole_drug),
        "drugClass": [_entity("DrugClass", c) for c in m.drug.classes],
        "dosageForm": _unique(f.name for f in forms),
        "administrationRoute": _unique(r.name for f in forms for r in f.routes),
        "code": _codes(m.drug.codes),
        # Every status of every form and brand must agree before one is stated of the whole drug.
        "prescriptionStatus": clinical.prescription_status(list(m.drug.supply)),
        "prescribingInfo": _unique(c.url for c in m.citations if c.kind == "prescribing-information"),
        "mechanismOfAction": m.mechanism.text.plain if m.mechanism else None,
        **placed,
        "isRelatedTo": [{"@id": form_id(m, f)} for f in forms] + [{"@id": brand_id(m, b)} for b in scoped_brands(m)],
    })


def _form_products(m: Monograph, drugs: Placements) -> list[Node]:
    """One Drug node per dose form: it keeps each form's route, strengths, brands and statements together.

    On the main Drug these are flat lists, and which strength or brand goes
    with which form would be lost. schema.org has no "presentation of"
    property for drugs, so the main Drug points here with ``isRelatedTo``.
    """
    if not m.forms:
        return []
    nodes = []
    for form in m.forms.items:
        brands = [b for b in m.brands.items if form in b.forms] if m.brands else []
        node_id = form_id(m, form)

        def bears(status: SupplyStatus, form: DoseForm = form, brands: list[Brand] = brands) -> bool:
            return status.scope.whole_drug or form in status.scope.forms or any(b in status.scope.brands for b in brands)

        nodes.append(compact({
            "@type": "Drug",
            "@id": node_id,
            "nonProprietaryName": m.drug.generic_name,
            "proprietaryName": [b.name for b in brands],
            "activeIngredient": _actives(m, lambda scope, form=form: scope.covers(form)),
            "dosageForm": form.name,
            "administrationRoute": _one_or_list(_unique(r.name for r in form.routes)),
            "description": form.delivery,
            "availableStrength": [s for strength in form.strengths for s in _strengths(m, strength)],
            "prescriptionStatus": _prescription(m, bears, own_scope_needed=True),
            **_placed(drugs, node_id),
        }))
    return nodes


def _brand_products(m: Monograph, drugs: Placements) -> list[Node]:
    """A Drug node for each brand that some statement is about, so the statement is made of that brand only."""
    nodes = []
    for brand in scoped_brands(m):
        node_id = brand_id(m, brand)

        def bears(status: SupplyStatus, brand: Brand = brand) -> bool:
            scope = status.scope
            return scope.whole_drug or brand in scope.brands or any(f in scope.forms for f in brand.forms)

        def covered(scope: Scope, brand: Brand = brand) -> bool:
            return scope.whole_drug or brand in scope.brands or any(f in scope.forms for f in brand.forms)

        nodes.append(compact({
            "@type": "Drug",
            "@id": node_id,
            "nonProprietaryName": m.drug.generic_name,
            "proprietaryName": brand.name,
            "activeIngredient": _actives(m, covered),
            "dosageForm": _unique(f.name for f in brand.forms),
            "administrationRoute": _unique(r.name for f in brand.forms for r in f.routes),
            "prescriptionStatus": _prescription(m, bears, own_scope_needed=True),
            **_placed(drugs, node_id),
        }))
    return nodes


def _strengths(m: Monograph, strength: Strength) -> list[Node]:
    """One DrugStrength per ingredient amount; the pieces of a combination share the strength's name, as the page writes it."""
    actives = m.active_ingredients
    name = Language(m.language).strength(strength) if len(strength.contents) > 1 else None
    nodes = []
    for content in strength.contents:
        unit = unit_label(content.unit)
        if strength.per_unit is not None:
            per = unit_label(strength.per_unit)
            unit += f"/{per}" if strength.per_amount == 1 else f"/{number_text(strength.per_amount)} {per}"
        ingredient = content.ingredient.name if content.ingredient else (actives[0].name if len(actives) == 1 else None)
        nodes.append(compact({
            "@type": "DrugStrength",
            "name": name,
            "strengthValue": number(content.amount),
            "strengthUnit": unit,
            "activeIngredient": ingredient,
        }))
    return nodes


# ---------------------------------------------------------------- conditions and therapies


def _conditions(m: Monograph) -> list[Node]:
    nodes = []
    for indication in m.indications.items:
        node = _entity("MedicalCondition", indication, _who(indication.population, Language(m.language)))
        node["signOrSymptom"] = [_entity("MedicalSignOrSymptom", s) for s in indication.symptoms]
        node["possibleTreatment"] = _refs(m, indication.scope)
        nodes.append(compact(node))
    return nodes


def _therapies(m: Monograph, therapies: Placements) -> list[Node]:
    """One MedicalTherapy per Drug node that has side effects, serious risks, contraindications or tests."""
    ids = [drug_id(m)] + [form_id(m, f) for f in (m.forms.items if m.forms else ())]
    ids += [brand_id(m, b) for b in scoped_brands(m)]
    nodes = []
    for node_id in ids:
        placed = therapies.of(node_id)
        if not placed:
            continue
        nodes.append(compact({
            "@type": "MedicalTherapy",
            "drug": {"@id": node_id},
            "adverseOutcome": placed.get("adverseOutcome", []),
            "seriousAdverseOutcome": placed.get("seriousAdverseOutcome", []),
            "contraindication": placed.get("contraindication", []),
            "preparation": placed.get("preparation", []),
            "followup": placed.get("followup", []),
        }))
    return nodes
