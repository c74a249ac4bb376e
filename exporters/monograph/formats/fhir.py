"""HL7 FHIR: R5 (5.0.0, the default) as a Bundle, R4 (4.0.1) as one MedicationKnowledge.

R5 is a ``collection`` Bundle: the drug's MedicationKnowledge first, then one
MedicationKnowledge per dose form and strength (the "clinical drug" level,
as RxNorm has it), one ClinicalUseDefinition per clinical issue, a Group per
population a precaution names, a DocumentReference for the page itself and for
each citation, an Organization per publisher, and a Provenance for the medical
review (R5 has no review element on MedicationKnowledge, and the review
extensions of the FHIR extensions pack cannot be checked offline).

Why one MedicationKnowledge per dose form and strength: ``definitional.doseForm``
is 0..1 and ``ingredient.strength[x]`` is 0..1, so one resource cannot say
"tablets of 5, 10 and 20 mg and an intrathecal injection" without claiming three
baclofen constituents. Each clinical drug is its own resource, linked from the
drug's resource through ``relatedMedicationKnowledge``; its ``name`` lists the
brands sold in that form.

R4 has no ClinicalUseDefinition link and no identifier on MedicationKnowledge, so
R4 output is a single MedicationKnowledge: the clinical drugs and the documents
are contained resources, and whatever R4 has no element for travels in
extensions under ``https://monograph.dev/fhir/StructureDefinition/`` (listed in
``EXTENSIONS``) and in the narrative, which renders the whole monograph.

Every id is a UUID 5 of the monograph key and the item's natural key (a side
effect's name, a form's id, a citation's id; the position for precautions and
advice), so output is stable across runs and languages get their own ids.
There is no ``Bundle.timestamp``: it is an instant, and the model's dates are
partial; inventing a time of day would claim precision the source lacks.

Text: ``markdown`` elements get the prose as CommonMark with every character
that could start markup backslash-escaped; ``string`` elements get plain text;
narratives are built with lxml, so they are well-formed XHTML whatever the text.
Labels the monograph has no words for ("Reviewed by", "Sources") are English.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree
from lxml.builder import ElementMaker

from ..jsonout import dump
from ..model import (
    BoxedWarning,
    Citation,
    Codes,
    Concept,
    DoseForm,
    Emphasis,
    Indication,
    Inline,
    Monograph,
    Precaution,
    Prose,
    Review,
    Section,
    SideEffect,
    Strength,
    Strong,
    Text,
)
from . import Exporter, Option, RenderContext

# ---------------------------------------------------------------- vocabulary

SYSTEMS = {
    "rxnorm": "http://www.nlm.nih.gov/research/umls/rxnorm",
    "atc": "http://www.whocc.no/atc",
    "unii": "http://fdasis.nlm.nih.gov",
    "snomed": "http://snomed.info/sct",
    "edqm": "http://standardterms.edqm.eu",
}
UCUM = "http://unitsofmeasure.org"
LOINC = "http://loinc.org"
URI_SYSTEM = "urn:ietf:rfc:3986"
FREQUENCY_SYSTEM = "http://hl7.org/fhir/undesirable-effect-frequency"
CATEGORY_SYSTEM = "http://hl7.org/fhir/clinical-use-definition-category"
INTENDED_USE_SYSTEM = "http://hl7.org/fhir/product-intended-use"
INTERACTION_TYPE_SYSTEM = "http://hl7.org/fhir/interaction-type"
LEGAL_STATUS_SYSTEM = "http://hl7.org/fhir/legal-status-of-supply"
PUBLICATION_STATUS_SYSTEM = "http://hl7.org/fhir/publication-status"
ISO_LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle"
PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"

PROJECT_BASE = "https://monograph.dev/fhir"
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, PROJECT_BASE)
"""Fixed forever: changing it changes every id ever published."""


def project_code_system(name: str) -> str:
    return f"{PROJECT_BASE}/CodeSystem/{name}"


def extension_url(name: str) -> str:
    return f"{PROJECT_BASE}/StructureDefinition/{name}"


MONOGRAPH_ID_SYSTEM = f"{PROJECT_BASE}/sid/monograph-id"
PRECAUTION_KIND = project_code_system("precaution-kind")
ADVICE_TOPIC = project_code_system("advice-topic")
DOCUMENT_KIND = project_code_system("document-kind")
CLASSIFICATION_TYPE = project_code_system("classification-type")
MEDICATION_RELATIONSHIP = project_code_system("medication-relationship")
SERIOUSNESS = project_code_system("seriousness")

BOXED_WARNING_SECTION = {"system": LOINC, "code": "34066-1", "display": "FDA package insert Boxed warning section"}
HUMAN_PRESCRIPTION_LABEL = {"system": LOINC, "code": "34391-3", "display": "Human prescription drug label"}
FREQUENCIES = {"common": "Common", "uncommon": "Uncommon", "rare": "Rare"}
LEGAL_STATUS = {
    "prescription-only": ("100000072084", "Medicinal product subject to medical prescription"),
    "over-the-counter": ("100000072076", "Medicinal product not subject to medical prescription"),
}
UNIT_LABELS = {"ug": "mcg", "[iU]": "IU", "1": "unit"}


@dataclass(frozen=True)
class ExtensionDefinition:
    """An extension this exporter defines: documented here, in docs/mapping.md, and checked by the tests."""

    name: str
    value: str
    """The value[x] element it carries, or "extension" for a complex extension."""
    context: str
    description: str
    parts: tuple[tuple[str, str], ...] = ()
    """For a complex extension: (sub-extension url, value[x] element)."""

    @property
    def url(self) -> str:
        return extension_url(self.name)


EXTENSIONS = {d.name: d for d in (
    ExtensionDefinition(
        "cited-source", "valueReference", "Element",
        "A DocumentReference for a source that supports the statements in the element it sits on.",
    ),
    ExtensionDefinition(
        "relieved-symptom", "valueCodeableConcept",
        "ClinicalUseDefinition.indication (R5); MedicationKnowledge.administrationGuidelines (R4)",
        "A symptom of the indication that the drug relieves; repeats.",
    ),
    ExtensionDefinition(
        "delivery", "valueString", "MedicationKnowledge.definitional.intendedRoute (R5); MedicationKnowledge.intendedRoute (R4)",
        "How a dose is delivered by this route, in the reader's words.",
    ),
    ExtensionDefinition(
        "interactant-kind", "valueCode", "ClinicalUseDefinition.interaction.interactant",
        "What the interactant is: substance | drug | drug-class.",
    ),
    ExtensionDefinition(
        "risk", "valueCodeableConcept", "ClinicalUseDefinition.warning",
        "A harm the warning is about (for the boxed warning: what abrupt discontinuation risks); repeats.",
    ),
    ExtensionDefinition(
        "applies-to", "valueReference", "ClinicalUseDefinition.warning",
        "A clinical-drug MedicationKnowledge (dose form and strength) whose label carries the warning; "
        "absent when it applies to all.",
    ),
    ExtensionDefinition(
        "prescription-status", "valueCodeableConcept", "MedicationKnowledge",
        "Whether the drug needs a prescription where the page is published, coded in http://hl7.org/fhir/legal-status-of-supply.",
    ),
    ExtensionDefinition(
        "last-modified", "valueDate", "MedicationKnowledge",
        "When the monograph's content last changed, if later than its review (a year, month or day).",
    ),
    ExtensionDefinition(
        "mechanism-of-action", "extension", "MedicationKnowledge",
        "How the drug works: the explanation, whether the mechanism is fully understood, and its sources.",
        (("text", "valueMarkdown"), ("fullyUnderstood", "valueBoolean"), ("source", "valueReference")),
    ),
    ExtensionDefinition(
        "review", "extension", "MedicationKnowledge (R4 only; R5 uses a Provenance)",
        "Who medically reviewed the monograph and when.",
        (("reviewer", "valueString"), ("reviewerType", "valueCode"), ("lastReviewed", "valueDate")),
    ),
    ExtensionDefinition(
        "clinical-use-issue", "extension", "MedicationKnowledge (R4 only; R5 uses ClinicalUseDefinition)",
        "One clinical issue, shaped like an R5 ClinicalUseDefinition: type (indication | contraindication | interaction | "
        "undesirable-effect | warning), then the parts that issue uses; repeats.",
        (
            ("type", "valueCode"), ("category", "valueCodeableConcept"), ("code", "valueCodeableConcept"),
            ("description", "valueMarkdown"), ("symptomConditionEffect", "valueCodeableConcept"),
            ("classification", "valueCodeableConcept"), ("frequencyOfOccurrence", "valueCodeableConcept"),
            ("interactant", "extension"), ("interactionType", "valueCodeableConcept"), ("effect", "valueCodeableConcept"),
            ("management", "valueCodeableConcept"), ("population", "valueCodeableConcept"), ("risk", "valueCodeableConcept"), ("appliesTo", "valueReference"),
            ("source", "valueReference"),
        ),
    ),
)}

# ---------------------------------------------------------------- ids


class IdMaker:
    """UUID 5 ids from the monograph key and a natural key; a repeated natural key gets a counter."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.seen: dict[str, int] = {}

    def __call__(self, *parts: object) -> str:
        name = "/".join([self.key, *(str(p) for p in parts)])
        count = self.seen.get(name, 0) + 1
        self.seen[name] = count
        if count > 1:
            name = f"{name}#{count}"
        return str(uuid.uuid5(ID_NAMESPACE, name))


def urn(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"


# ---------------------------------------------------------------- markdown

_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&~|!])")
_MARKDOWN_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")


def markdown_text(text: str, at_block_start: bool = False) -> str:
    """Text that CommonMark (and GitHub's dialect) shows literally."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)
    if at_block_start:
        match = _MARKDOWN_BLOCK_START.match(escaped)
        if match:
            marker = match.group(1)
            escaped = marker[:-1] + "\\" + marker[-1] + escaped[len(marker):]
    return escaped


def _markdown_inline(nodes: tuple[Inline, ...], at_start: bool) -> str:
    out: list[str] = []
    for node in nodes:
        first = at_start and not out
        if isinstance(node, Text):
            out.append(markdown_text(node.text, first))
        elif isinstance(node, Emphasis):
            out.append("*" + _markdown_inline(node.children, False) + "*")
        elif isinstance(node, Strong):
            out.append("**" + _markdown_inline(node.children, False) + "**")
        else:
            destination = node.href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
            out.append("[" + _markdown_inline(node.children, False) + "](<" + destination + ">)")
    return "".join(out)


def markdown(prose: Prose) -> str:
    return "\n\n".join(_markdown_inline(paragraph, True) for paragraph in prose.paragraphs)


def markdown_list(items: Iterable[str]) -> str:
    return "\n".join("- " + markdown_text(item, True) for item in items)


def markdown_blocks(*blocks: str | None) -> str | None:
    text = "\n\n".join(b for b in blocks if b)
    return text or None


# ---------------------------------------------------------------- narrative

XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
H = ElementMaker(namespace=XHTML, nsmap={None: XHTML})
Block = etree._Element


def _append_inline(parent: Block, nodes: tuple[Inline, ...]) -> None:
    for node in nodes:
        if isinstance(node, Text):
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + node.text
            else:
                parent.text = (parent.text or "") + node.text
            continue
        if isinstance(node, Emphasis):
            child = etree.SubElement(parent, f"{{{XHTML}}}em")
        elif isinstance(node, Strong):
            child = etree.SubElement(parent, f"{{{XHTML}}}strong")
        else:
            child = etree.SubElement(parent, f"{{{XHTML}}}a", href=node.href)
        _append_inline(child, node.children)


def paragraphs(prose: Prose | None) -> list[Block]:
    if prose is None:
        return []
    out = []
    for paragraph in prose.paragraphs:
        p = H.p()
        _append_inline(p, paragraph)
        out.append(p)
    return out


def bullet_list(items: Iterable[Block | str]) -> list[Block]:
    entries = [item if isinstance(item, etree._Element) and item.tag == f"{{{XHTML}}}li" else H.li(item) for item in items]
    return [H.ul(*entries)] if entries else []


def narrative(language: str, blocks: Iterable[Block]) -> dict[str, str]:
    div = H.div(*blocks)
    div.set("lang", language)
    div.set(XML_LANG, language)
    return {"status": "generated", "div": etree.tostring(div, encoding="unicode")}


def link(citation: Citation) -> Block:
    return H.a(citation.title, href=citation.url)


# ---------------------------------------------------------------- datatypes


def codings(codes: Codes, skip: tuple[str, ...] = ()) -> list[dict[str, str]]:
    return [{"system": SYSTEMS[name], "code": code} for name, code in codes.items() if name not in skip]


NO_CODES = Codes()


def codeable(text: str, codes: Codes = NO_CODES, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return compact({"coding": codings(codes, skip), "text": text})


def concept_codeable(concept: Concept) -> dict[str, Any]:
    return codeable(concept.label, concept.codes)


def coded(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {"coding": [compact({"system": system, "code": code, "display": display})]}


def reference(target: str, display: str | None = None) -> dict[str, str]:
    return compact({"reference": target, "display": display})


def quantity(amount: float | int, unit: str) -> dict[str, Any]:
    return {"value": amount, "unit": UNIT_LABELS.get(unit, unit), "system": UCUM, "code": unit}


def strength_ratio(strength: Strength, form: DoseForm) -> dict[str, Any]:
    """A strength as a Ratio; a strength per dose unit (a tablet) has the unity unit named after the form."""
    if strength.per_unit is None:
        denominator = {"value": 1, "unit": form.name, "system": UCUM, "code": "1"}
    else:
        denominator = quantity(strength.per_amount if strength.per_amount is not None else 1, strength.per_unit)
    return {"numerator": quantity(strength.amount, strength.unit), "denominator": denominator}


# FHIR strings match [ \r\n\t\S]+: every other whitespace character, such as the no-break space that
# text pasted from a word processor is full of, makes a resource invalid. They become plain spaces.
_FHIR_SPACES = {code: " " for code in range(0x10000) if chr(code).isspace() and chr(code) not in " \r\n\t"}


def compact(value: Any) -> Any:
    """Drop None, empty strings and empty lists and objects, which FHIR forbids (ele-1); make spaces FHIR's."""
    # Plain loops and type() tests: this walks every node of every resource on the hot path of a build.
    if type(value) is dict:
        kept = {}
        for key, item in value.items():
            kind = type(item)
            if kind is dict or kind is list:
                item = compact(item)
                if not item:
                    continue
            elif kind is str:
                if not item:
                    continue
                if not item.isascii():
                    item = item.translate(_FHIR_SPACES)
            elif item is None:
                continue
            kept[key] = item
        return kept
    if type(value) is list:
        items = []
        for item in value:
            kind = type(item)
            if kind is dict or kind is list:
                item = compact(item)
                if not item:
                    continue
            elif kind is str:
                if not item:
                    continue
                if not item.isascii():
                    item = item.translate(_FHIR_SPACES)
            elif item is None:
                continue
            items.append(item)
        return items
    return value


def extension(name: str, value_key: str, value: Any) -> dict[str, Any]:
    return {"url": extension_url(name), value_key: value}


def complex_extension(name: str, parts: Iterable[tuple[str, str, Any]]) -> dict[str, Any] | None:
    nested = [part for url, key, value in parts if (part := compact({"url": url, key: value})) and len(part) == 2]
    return {"url": extension_url(name), "extension": nested} if nested else None


# ---------------------------------------------------------------- what the monograph says, release-neutral


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
            unique((*section.cites, *item.cites)), _side_effect_blocks(item),
            symptom=codeable(item.label, item.codes),
            classification=coded(SERIOUSNESS, "serious", "Serious") if item.serious else None,
            # The HL7 code system has no "not known": such an effect simply has no frequency.
            frequency=(coded(FREQUENCY_SYSTEM, FREQUENCIES[item.frequency], FREQUENCIES[item.frequency])
                       if item.frequency in FREQUENCIES else None),
        )


def _side_effect_blocks(item: SideEffect) -> Callable[[], list[Block]]:
    def blocks() -> list[Block]:
        words = ", ".join(w for w in (item.frequency.replace("-", " "), "serious" if item.serious else None) if w)
        return [H.p(f"{item.label} ({words})"), *([H.p(item.note)] if item.note else [])]
    return blocks


def boxed_warning_blocks(boxed: BoxedWarning) -> list[Block]:
    return [
        H.h2(boxed.heading), *paragraphs(boxed.intro), *paragraphs(boxed.text),
        *bullet_list(r.label for r in boxed.risks), *paragraphs(boxed.advice),
        *([H.p(forms_line(boxed))] if boxed.forms else []),
    ]


def forms_line(boxed: BoxedWarning) -> str:
    return "Dose forms: " + ", ".join(f.name for f in boxed.forms)


def _boxed_warning(m: Monograph, boxed: BoxedWarning, ids: IdMaker, products: tuple[Product, ...]) -> Issue:
    return Issue(
        ids("ClinicalUseDefinition", "boxed-warning"), "warning", unique(boxed.cites), lambda: boxed_warning_blocks(boxed),
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
        kind = coded(PRECAUTION_KIND, item.kind, item.kind)
        if item.kind in ("pregnancy", "breastfeeding"):
            kind["coding"].insert(0, {"system": CATEGORY_SYSTEM, "code": "Pregnancy", "display": "Pregnancy and Lactation"})
        blocks = _precaution_blocks(section.intro, item)
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


def _precaution_blocks(intro: Prose | None, item: Precaution) -> Callable[[], list[Block]]:
    def blocks() -> list[Block]:
        return [*paragraphs(intro), *bullet_list([item.text])]
    return blocks


def _advice(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.advice is None:
        return
    section = m.advice
    for number, item in enumerate(section.items, start=1):
        topic = coded(ADVICE_TOPIC, item.topic, item.topic)
        if item.topic == "driving":
            topic["coding"].insert(0, {
                "system": CATEGORY_SYSTEM, "code": "DriveAndMachines", "display": "Effects on Ability to Drive and Use Machines",
            })
        yield Issue(
            ids("ClinicalUseDefinition", "advice", number), "warning", unique((*section.cites, *item.cites)),
            _advice_blocks(section.heading, item.text), category=[topic], description=markdown(item.text),
        )


def _advice_blocks(heading: str, text: Prose) -> Callable[[], list[Block]]:
    return lambda: [H.h2(heading), *paragraphs(text)]


# ---------------------------------------------------------------- shared resource parts


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


def knowledge_names(m: Monograph) -> list[str]:
    brands = [b.name for b in m.brands.items] if m.brands else []
    return list(dict.fromkeys([m.drug.generic_name, *brands]))


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


def routes(m: Monograph) -> list[DoseForm]:
    """One form per distinct route, in order of first use."""
    seen: dict[Concept, DoseForm] = {}
    for form in m.forms.items if m.forms else ():
        seen.setdefault(form.route, form)
    return list(seen.values())


def route_codeable(form: DoseForm, with_delivery: bool) -> dict[str, Any]:
    route = concept_codeable(form.route)
    if with_delivery and form.delivery:
        return {"extension": [extension("delivery", "valueString", form.delivery)], **route}
    return route


def form_codeable(form: DoseForm) -> dict[str, Any]:
    return codeable(form.name, form.codes)


def prescription_status(m: Monograph) -> dict[str, Any]:
    code, display = LEGAL_STATUS[m.drug.prescription_status]
    return extension("prescription-status", "valueCodeableConcept", {
        "coding": [{"system": LEGAL_STATUS_SYSTEM, "code": code, "display": display}], "text": m.drug.prescription_status,
    })


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
    kind = coded(DOCUMENT_KIND, citation.kind, citation.kind)
    if citation.kind == "prescribing-information":
        kind["coding"].insert(0, dict(HUMAN_PRESCRIPTION_LABEL))
    return kind


def organisation_blocks(name: str, url: str | None) -> list[Block]:
    return [H.p(H.a(name, href=url) if url else name)]


# ---------------------------------------------------------------- narrative of the whole monograph


def monograph_blocks(f: Facts) -> list[Block]:
    m = f.monograph
    blocks: list[Block] = [H.h1(m.title), *paragraphs(m.summary)]
    if m.drug.classes:
        blocks.append(H.p("Drug class: " + ", ".join(c.label for c in m.drug.classes)))
    blocks.append(H.p("Prescription status: " + m.drug.prescription_status))
    blocks += section_blocks(m.ingredients, [c.label for c in m.ingredients.items])
    blocks += section_blocks(m.indications, [indication_item(i) for i in m.indications.items])
    if m.mechanism:
        blocks += [H.h2(m.mechanism.heading), *paragraphs(m.mechanism.text)]
    if m.forms:
        blocks += section_blocks(m.forms, [form_line(form) for form in m.forms.items])
    if m.brands:
        blocks += section_blocks(m.brands, [f"{b.name} ({', '.join(form.name for form in b.forms)})" for b in m.brands.items])
    if m.side_effects:
        blocks += section_blocks(m.side_effects, [side_effect_item(s) for s in m.side_effects.items])
    if m.boxed_warning:
        blocks.append(H.div(*boxed_warning_blocks(m.boxed_warning)))
    if m.precautions:
        blocks += section_blocks(m.precautions, [p.text for p in m.precautions.items])
    if m.advice:
        blocks.append(H.h2(m.advice.heading))
        for item in m.advice.items:
            blocks += paragraphs(item.text)
    blocks += about_blocks(m)
    return blocks


def section_blocks(section: Section[Any], items: list[Block | str]) -> list[Block]:
    return [H.h2(section.heading), *paragraphs(section.intro), *bullet_list(items), *paragraphs(section.outro)]


def indication_item(item: Indication) -> Block:
    return H.li(item.label, *bullet_list(s.label for s in item.symptoms))


def form_line(form: DoseForm) -> str:
    strengths = ", ".join(s.text for s in form.strengths)
    route = form.route.label + (f"; {form.delivery}" if form.delivery else "")
    return f"{form.name} ({route})" + (f": {strengths}" if strengths else "")


def side_effect_item(item: SideEffect) -> Block:
    words = ", ".join(w for w in (item.frequency.replace("-", " "), "serious" if item.serious else None) if w)
    line = H.li(f"{item.label} ({words})")
    if item.note:
        line.append(H.br())
        line[-1].tail = item.note
    return line


def review_sentence(review: Review) -> str:
    return f"Reviewed by {review.reviewer} ({review.reviewer_type}), last reviewed {review.last_reviewed}."


def about_blocks(m: Monograph) -> list[Block]:
    lines = [review_sentence(m.review)]
    if m.modified:
        lines.append(f"Last modified {m.modified}.")
    blocks = [H.p(line) for line in lines]
    if m.publisher:
        name: Block | str = H.a(m.publisher.name, href=m.publisher.url) if m.publisher.url else m.publisher.name
        blocks.append(H.p("Publisher: ", name))
    blocks.append(H.p("Page: ", H.a(m.title, href=m.url)))
    sources = []
    for c in m.citations:
        details = ", ".join(str(x) for x in (c.publisher, c.date) if x)
        sources.append(H.li(link(c), f" ({c.kind}{'; ' + details if details else ''})"))
    return [*blocks, H.h2("Sources"), H.ol(*sources)]


# ---------------------------------------------------------------- R5


def render_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    language = m.language
    resources: list[dict[str, Any]] = [knowledge_r5(f)]
    resources += [product_r5(f, p) for p in f.products]
    resources += [indication_r5(f, item, issue_id, sources) for item, issue_id, sources in f.indications]
    resources += [issue_r5(f, issue) for issue in f.issues]
    resources += [group_r5(language, *issue.population) for issue in f.issues if issue.population]
    resources.append(page_r5(f))
    resources += [citation_r5(f, c) for c in m.citations]
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


def resource_head(resource_type: str, resource_id: str, language: str, blocks: list[Block]) -> dict[str, Any]:
    return {"resourceType": resource_type, "id": resource_id, "language": language, "text": narrative(language, blocks)}


def knowledge_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    head = resource_head("MedicationKnowledge", f.knowledge_id, m.language, monograph_blocks(f))
    return {
        **head,
        "extension": [
            prescription_status(m),
            mechanism_extension(f),
            extension("last-modified", "valueDate", str(m.modified)) if m.modified else None,
        ],
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
            "intendedRoute": [route_codeable(form, with_delivery=False) for form in routes(m)],
            "ingredient": [{"item": {"concept": concept_codeable(c)}} for c in m.ingredients.items],
        },
    }


def product_r5(f: Facts, p: Product) -> dict[str, Any]:
    m = f.monograph
    ingredients = m.ingredients.items
    strength = None
    if p.strength is not None and len(ingredients) == 1:
        strength = strength_key_value(p.strength, p.form)
    head = resource_head("MedicationKnowledge", p.id, m.language, product_blocks(f, p))
    return {
        **head,
        "extension": cited(f, p.sources),
        "code": {"text": p.label(m.drug.generic_name)},
        "status": "active",
        "name": list(p.brands),
        "definitional": {
            "doseForm": form_codeable(p.form),
            "intendedRoute": [route_codeable(p.form, with_delivery=True)],
            "ingredient": [
                {"item": {"concept": concept_codeable(c)}, **(strength if strength else {})} for c in ingredients
            ],
        },
    }


def strength_key_value(strength: Strength, form: DoseForm) -> dict[str, Any]:
    if strength.per_unit is None:
        return {"strengthQuantity": quantity(strength.amount, strength.unit)}
    return {"strengthRatio": strength_ratio(strength, form)}


def product_blocks(f: Facts, p: Product) -> list[Block]:
    blocks = [H.p(p.label(f.monograph.drug.generic_name)), H.p(form_line(p.form))]
    if p.brands:
        blocks.append(H.p(", ".join(p.brands)))
    return blocks


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
    blocks = [*paragraphs(m.indications.intro), *bullet_list([indication_item(item)])]
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


def page_r5(f: Facts) -> dict[str, Any]:
    m = f.monograph
    blocks = [H.p(H.a(m.title, href=m.url)), *paragraphs(m.summary)]
    return {
        **resource_head("DocumentReference", f.page_id, m.language, blocks),
        "status": "current",
        "type": document_type(None),
        "custodian": f.publisher_ref(m.publisher.name if m.publisher else None),
        "description": markdown(m.summary),
        "content": [{"attachment": {"language": m.language, "url": m.url, "title": m.title}}],
    }


def citation_r5(f: Facts, c: Citation) -> dict[str, Any]:
    m = f.monograph
    return {
        **resource_head("DocumentReference", f.documents[c.id], m.language, citation_blocks(c)),
        "status": "current",
        "type": document_type(c),
        "custodian": f.publisher_ref(c.publisher),
        "content": [{"attachment": citation_attachment(c)}],
    }


def citation_blocks(c: Citation) -> list[Block]:
    details = ", ".join(str(x) for x in (c.kind, c.publisher, c.date) if x)
    return [H.p(link(c)), H.p(details)]


def citation_attachment(c: Citation) -> dict[str, Any]:
    return compact({"url": c.url, "title": c.title, "creation": str(c.date) if c.date else None})


def organisation_r5(language: str, name: str, organisation_id: str, url: str | None) -> dict[str, Any]:
    return {
        **resource_head("Organization", organisation_id, language, organisation_blocks(name, url)),
        "name": name,
        "contact": [{"telecom": [{"system": "url", "value": url}]}] if url else None,
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


# ---------------------------------------------------------------- R4


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
        **resource_head("MedicationKnowledge", f.knowledge_id, m.language, monograph_blocks(f)),
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


# ---------------------------------------------------------------- entry point

RELEASES = ("r5", "r4")


def render(m: Monograph, context: RenderContext) -> bytes:
    release = context.options["release"]
    facts = gather(m)
    document = render_r5(facts) if release == "r5" else render_r4(facts)
    return dump(document)


NARRATIVE = "the MedicationKnowledge narrative"
_EXTENSION_NAME = re.compile(r"`(" + "|".join(re.escape(n) for n in EXTENSIONS) + r")`(?= extension)|(?<=extension )`("
                             + "|".join(re.escape(n) for n in EXTENSIONS) + r")`")


CODE_SYSTEM_NAMES = {
    url.rsplit("/", 1)[1]: url for url in (
        PRECAUTION_KIND, ADVICE_TOPIC, DOCUMENT_KIND, CLASSIFICATION_TYPE, MEDICATION_RELATIONSHIP, SERIOUSNESS,
        FREQUENCY_SYSTEM, CATEGORY_SYSTEM, INTENDED_USE_SYSTEM, INTERACTION_TYPE_SYSTEM, LEGAL_STATUS_SYSTEM,
        ISO_LIFECYCLE, PARTICIPANT_TYPE,
    )
}
_CODE_SYSTEM_NAME = re.compile(r"(?<![\w/`-])(" + "|".join(re.escape(n) for n in CODE_SYSTEM_NAMES) + r")(?= `)")


def with_full_urls(mapping: dict[str, str]) -> dict[str, str]:
    """Name extensions and code systems by their full URLs, as a reader of docs/mapping.md needs them."""
    def expand(text: str) -> str:
        text = _EXTENSION_NAME.sub(lambda m: f"`{extension_url(m.group(1) or m.group(2))}`", text)
        return _CODE_SYSTEM_NAME.sub(lambda m: CODE_SYSTEM_NAMES[m.group(1)], text)
    return {key: expand(text) for key, text in mapping.items()}


R5_MAPPING = {
    "id": "`MedicationKnowledge.identifier` (system `https://monograph.dev/fhir/sid/monograph-id`); every resource id and "
          "`urn:uuid:` fullUrl is a UUID 5 of the key (the id, or `id.lang`) and the item's natural key",
    "language": "`language` of every resource; `lang` and `xml:lang` of every narrative `div`; the page DocumentReference's "
                "`content.attachment.language`",
    "title": "the page DocumentReference's `content.attachment.title`; first heading of " + NARRATIVE,
    "url": "`MedicationKnowledge.identifier` (system `urn:ietf:rfc:3986`, use `official`); the page DocumentReference's "
           "`content.attachment.url`",
    "publisher": "an `Organization` (`name`; `url` as `contact.telecom` of system `url`) referenced by "
                 "`MedicationKnowledge.author` and by the page DocumentReference's `custodian`",
    "summary": "the page DocumentReference's `description` (markdown); " + NARRATIVE,
    "review": "a `Provenance` targeting the MedicationKnowledge and the page DocumentReference: `occurredDateTime` = "
              "`last_reviewed` (a partial date is a valid dateTime), `activity` iso-21089-lifecycle `verify`, `agent.type` "
              "provenance-participant-type `verifier`, `agent.who.display` = reviewer, `agent.who.type` `Organization` or "
              "`Practitioner` from `reviewed_by.type`; " + NARRATIVE,
    "modified": "extension `last-modified` (valueDate) on the MedicationKnowledge; " + NARRATIVE,
    "drug": "the drug's `MedicationKnowledge`, first in the Bundle",
    "drug.generic_name": "`MedicationKnowledge.code.text` and first `name`; `ClinicalUseDefinition.subject.display`; "
                         "start of each clinical drug's `code.text`",
    "drug.prescription_status": "extension `prescription-status` on the MedicationKnowledge: legal-status-of-supply "
                                "`100000072084` (prescription-only) or `100000072076` (over-the-counter), text = the value",
    "drug.codes": "RxNorm, UNII, SNOMED CT (and EDQM if given) in `MedicationKnowledge.code.coding`; ATC in "
                  "`medicineClassification` (type classification-type `atc`, `sourceUri` http://www.whocc.no/atc)",
    "drug.classes": "`medicineClassification` of type classification-type `drug-class`, one `classification` per class "
                    "(text = name (explanation), codings from its codes); " + NARRATIVE,
    "ingredients": "`definitional.ingredient` of the drug's MedicationKnowledge and of every clinical drug",
    "ingredients.heading": "heading in " + NARRATIVE + " only",
    "ingredients.intro": NARRATIVE + " only",
    "ingredients.items": "`definitional.ingredient.item.concept` (text, codings) of the drug's MedicationKnowledge and of "
                         "every clinical drug",
    "ingredients.cites": "`cited-source` extensions on the drug's `definitional`",
    "brands": "`MedicationKnowledge.name` (after the generic name) and `name` of the clinical drugs; " + NARRATIVE,
    "brands.heading": "heading in " + NARRATIVE + " only",
    "brands.intro": NARRATIVE + " only",
    "brands.items": "one brand name each, see below",
    "brands.items.name": "`MedicationKnowledge.name` after the generic name; `name` of the clinical drugs of its forms",
    "brands.items.forms": "the brand's name is in `name` of the clinical drugs of those forms; " + NARRATIVE,
    "brands.cites": "not carried as structure (no element says who states a brand name): the sources are DocumentReferences "
                    "in `MedicationKnowledge.monograph` and listed in " + NARRATIVE,
    "forms": "clinical-drug MedicationKnowledge resources, see `forms.items`",
    "forms.heading": "heading in " + NARRATIVE + " only",
    "forms.intro": NARRATIVE + " only",
    "forms.items": "one clinical-drug `MedicationKnowledge` per form and strength (`definitional.doseForm` is 0..1 and "
                   "`ingredient.strength[x]` 0..1), listed in the drug's `relatedMedicationKnowledge` (type "
                   "medication-relationship `clinical-drug`); " + NARRATIVE,
    "forms.items.id": "part of the clinical drugs' UUID 5 ids",
    "forms.items.name": "the clinical drug's `definitional.doseForm.text` and end of its `code.text`",
    "forms.items.codes": "the clinical drug's `definitional.doseForm.coding` (EDQM, SNOMED CT, ...)",
    "forms.items.route": "the clinical drug's `definitional.intendedRoute` (text, codings); the drug's "
                         "`definitional.intendedRoute` lists each distinct route",
    "forms.items.delivery": "extension `delivery` (valueString) on the clinical drug's `intendedRoute`",
    "forms.items.strengths": "the clinical drug's `definitional.ingredient.strengthQuantity` (per dose unit) or "
                             "`strengthRatio` (per `per_amount` `per_unit`), UCUM; also in its `code.text`. With several "
                             "ingredients the strength is in `code.text` and the narrative only (the model does not say "
                             "which ingredient it measures)",
    "forms.cites": "`cited-source` extensions on each clinical drug",
    "indications": "indication ClinicalUseDefinitions, see `indications.items`",
    "indications.heading": "heading in " + NARRATIVE + " only",
    "indications.intro": "narrative of the MedicationKnowledge and of each indication ClinicalUseDefinition",
    "indications.items": "one `ClinicalUseDefinition` (type `indication`) each, in "
                         "`MedicationKnowledge.indicationGuideline.indication` (reference, and the disease as concept)",
    "indications.items.name": "`indication.diseaseSymptomProcedure.concept.text`",
    "indications.items.explanation": "in brackets in `indication.diseaseSymptomProcedure.concept.text`",
    "indications.items.codes": "`indication.diseaseSymptomProcedure.concept.coding`",
    "indications.items.symptoms": "`indication.intendedEffect`: product-intended-use `Alleviation` with the symptoms as "
                                  "text; and one `relieved-symptom` extension (text, codings) per symptom on `indication`",
    "indications.items.cites": "`cited-source` extensions on the indication ClinicalUseDefinition",
    "indications.cites": "`cited-source` extensions on every indication ClinicalUseDefinition",
    "mechanism": "extension `mechanism-of-action` on the MedicationKnowledge: `text` (valueMarkdown), `fullyUnderstood` "
                 "(valueBoolean), `source` (valueReference to DocumentReference) per citation; " + NARRATIVE,
    "mechanism.heading": "heading in " + NARRATIVE + " only",
    "side_effects": "undesirable-effect ClinicalUseDefinitions, see `side_effects.items`",
    "side_effects.heading": "heading in " + NARRATIVE + " only",
    "side_effects.intro": NARRATIVE + " only",
    "side_effects.outro": NARRATIVE + " only",
    "side_effects.items": "one `ClinicalUseDefinition` (type `undesirable-effect`) each, in "
                          "`MedicationKnowledge.clinicalUseIssue`",
    "side_effects.items.name": "`undesirableEffect.symptomConditionEffect.concept.text`",
    "side_effects.items.explanation": "in brackets in `undesirableEffect.symptomConditionEffect.concept.text`",
    "side_effects.items.codes": "`undesirableEffect.symptomConditionEffect.concept.coding`",
    "side_effects.items.frequency": "`undesirableEffect.frequencyOfOccurrence`: undesirable-effect-frequency `Common`, "
                                    "`Uncommon` or `Rare`; left out for `not-known` (the code system has no such code), "
                                    "which the narrative states",
    "side_effects.items.serious": "`undesirableEffect.classification` = seriousness `serious` when true",
    "side_effects.items.note": "not carried as structure (an undesirable effect has no text element): narrative of the "
                               "ClinicalUseDefinition and of the MedicationKnowledge",
    "side_effects.items.cites": "`cited-source` extensions on the ClinicalUseDefinition",
    "side_effects.cites": "`cited-source` extensions on every side-effect ClinicalUseDefinition",
    "boxed_warning": "one `ClinicalUseDefinition` (type `warning`, `category` LOINC 34066-1 with the heading as text) in "
                     "`MedicationKnowledge.clinicalUseIssue`; its narrative and " + NARRATIVE,
    "boxed_warning.heading": "`category.text` of the boxed warning; narratives",
    "boxed_warning.intro": "narratives only",
    "boxed_warning.text": "`warning.description` (markdown)",
    "boxed_warning.risks": "`risk` extensions (text, codings) on `warning`; also listed in `warning.description`",
    "boxed_warning.advice": "`warning.description`",
    "boxed_warning.forms": "`applies-to` extensions on `warning`, one per clinical drug of those forms; named in "
                           "`warning.description`",
    "boxed_warning.cites": "`cited-source` extensions on the ClinicalUseDefinition",
    "precautions": "warning and interaction ClinicalUseDefinitions, see `precautions.items`",
    "precautions.heading": "heading in " + NARRATIVE + " only",
    "precautions.intro": "start of each precaution's `warning.description`; narratives",
    "precautions.outro": NARRATIVE + " only",
    "precautions.items": "one `ClinicalUseDefinition` each, in `MedicationKnowledge.clinicalUseIssue`",
    "precautions.items.kind": "`category` precaution-kind `<kind>` (with clinical-use-definition-category `Pregnancy` for "
                              "pregnancy and breastfeeding); `interaction` gives type `interaction`, every other kind type "
                              "`warning`, or `contraindication` when contraindicated",
    "precautions.items.contraindicated": "type `contraindication` with `contraindication.diseaseSymptomProcedure` (the "
                                         "concept, else the text); for an interaction, `interaction.management` text "
                                         "\"Contraindicated: do not use together\"",
    "precautions.items.text": "`warning.description` (after the section intro, as a list item); for an interaction the "
                              "ClinicalUseDefinition's narrative (an interaction has no text element)",
    "precautions.items.concept": "`warning.code` (text, codings); for kind `population` also a `Group` (`name`, "
                                 "`characteristic.code`) referenced by `population`",
    "precautions.items.interactants": "`interaction.interactant.itemCodeableConcept` (text, codings) with an "
                                      "`interactant-kind` extension; `interaction.type` interaction-type `drug-drug` when "
                                      "no interactant is a substance",
    "precautions.items.effect": "`interaction.effect.concept.text`",
    "precautions.items.cites": "`cited-source` extensions on the ClinicalUseDefinition",
    "precautions.cites": "`cited-source` extensions on every precaution ClinicalUseDefinition",
    "advice": "warning ClinicalUseDefinitions, see `advice.items`",
    "advice.heading": "narratives only",
    "advice.items": "one `ClinicalUseDefinition` (type `warning`) each, in `MedicationKnowledge.clinicalUseIssue`",
    "advice.items.topic": "`category` advice-topic `<topic>` (with clinical-use-definition-category `DriveAndMachines` for "
                          "driving)",
    "advice.items.text": "`warning.description` (markdown)",
    "advice.items.cites": "`cited-source` extensions on the ClinicalUseDefinition",
    "citations": "one `DocumentReference` (status `current`) each, in `MedicationKnowledge.monograph` after the page itself; "
                 + NARRATIVE + " lists them",
    "citations.id": "part of the DocumentReference's UUID 5 id",
    "citations.kind": "`type` and `MedicationKnowledge.monograph.type`: document-kind `<kind>`, with LOINC 34391-3 for "
                      "prescribing information",
    "citations.title": "`content.attachment.title`",
    "citations.url": "`content.attachment.url`",
    "citations.publisher": "an `Organization` referenced by `custodian`",
    "citations.date": "`content.attachment.creation`",
}

R4_NARRATIVE = "the narrative (the whole monograph)"
R4_MAPPING = {
    **{key: value.replace(NARRATIVE, R4_NARRATIVE) for key, value in R5_MAPPING.items()},
    "id": "not carried as an identifier (R4 MedicationKnowledge has none): the `id` of the MedicationKnowledge and of "
          "every contained resource is a UUID 5 of the key and the item's natural key, the same as in R5",
    "language": "`language` of the MedicationKnowledge and of every contained resource; `lang` and `xml:lang` of every "
                "narrative `div`; the page DocumentReference's `content.attachment.language`",
    "url": "the contained page DocumentReference's `content.attachment.url`, first in `monograph`",
    "title": "the contained page DocumentReference's `content.attachment.title`; first heading of " + R4_NARRATIVE,
    "publisher": "a contained `Organization` (`name`, `telecom` of system `url`) referenced by the page DocumentReference's "
                 "`custodian` (R4 MedicationKnowledge has no author)",
    "summary": "the contained page DocumentReference's `description` (a plain string in R4); " + R4_NARRATIVE,
    "review": "extension `review`: `reviewer` (valueString), `reviewerType` (valueCode), `lastReviewed` (valueDate); "
              + R4_NARRATIVE,
    "drug": "the MedicationKnowledge itself",
    "drug.generic_name": "`code.text`; start of each contained clinical drug's `code.text`",
    "drug.codes": "RxNorm, UNII, SNOMED CT (and EDQM if given) in `code.coding`; ATC in `medicineClassification` (type "
                  "classification-type `atc`; R4 has no `source[x]`)",
    "ingredients.items": "`ingredient.itemCodeableConcept` (text, codings; `isActive` true) of the MedicationKnowledge and "
                         "of every contained clinical drug",
    "ingredients.cites": "`cited-source` extensions on each `ingredient`",
    "brands": "`synonym` and `synonym` of the contained clinical drugs; " + R4_NARRATIVE,
    "brands.items.name": "`synonym`; `synonym` of the contained clinical drugs of its forms",
    "brands.items.forms": "the brand's name is in `synonym` of the contained clinical drugs of those forms; " + R4_NARRATIVE,
    "brands.cites": "not carried as structure: the sources are contained DocumentReferences in `monograph` and listed in "
                    + R4_NARRATIVE,
    "forms": "contained clinical-drug MedicationKnowledge resources, see `forms.items`",
    "ingredients": "`ingredient` of the MedicationKnowledge and of every contained clinical drug",
    "forms.items": "one contained clinical-drug `MedicationKnowledge` per form and strength (`doseForm` is 0..1), listed in "
                   "`relatedMedicationKnowledge` (type medication-relationship `clinical-drug`); " + R4_NARRATIVE,
    "forms.items.name": "the clinical drug's `doseForm.text` and end of its `code.text`",
    "forms.items.codes": "the clinical drug's `doseForm.coding` (EDQM, SNOMED CT, ...)",
    "forms.items.route": "the clinical drug's `intendedRoute` (text, codings); the MedicationKnowledge's `intendedRoute` "
                         "lists each distinct route",
    "forms.items.strengths": "the clinical drug's `ingredient.strength` (Ratio, UCUM; a strength per dose unit has the "
                             "denominator 1 of UCUM unit `1` named after the form); also in its `code.text`. With several "
                             "ingredients: `code.text` and the narrative only",
    "forms.cites": "`cited-source` extensions on each contained clinical drug",
    "indications.intro": R4_NARRATIVE + " only",
    "indications": "`administrationGuidelines`, see `indications.items`",
    "indications.items": "one `administrationGuidelines` each (R4 has no ClinicalUseDefinition link)",
    "indications.items.name": "`administrationGuidelines.indicationCodeableConcept.text`",
    "indications.items.explanation": "in brackets in `administrationGuidelines.indicationCodeableConcept.text`",
    "indications.items.codes": "`administrationGuidelines.indicationCodeableConcept.coding`",
    "indications.items.symptoms": "one `relieved-symptom` extension (text, codings) per symptom on "
                                  "`administrationGuidelines`",
    "indications.items.cites": "`cited-source` extensions on `administrationGuidelines`",
    "indications.cites": "`cited-source` extensions on every `administrationGuidelines`",
    "mechanism": "extension `mechanism-of-action`: `text` (valueMarkdown), `fullyUnderstood` (valueBoolean), `source` "
                 "(valueReference to a contained DocumentReference) per citation; " + R4_NARRATIVE,
    "side_effects": "`clinical-use-issue` extensions, see `side_effects.items`",
    "side_effects.items": "one `clinical-use-issue` extension (type `undesirable-effect`) each",
    "side_effects.items.name": "`symptomConditionEffect` text of the `clinical-use-issue` extension",
    "side_effects.items.explanation": "in brackets in the `symptomConditionEffect` text",
    "side_effects.items.codes": "`symptomConditionEffect` codings",
    "side_effects.items.frequency": "`frequencyOfOccurrence`: undesirable-effect-frequency `Common`, `Uncommon` or `Rare`; "
                                    "left out for `not-known`, which the narrative states",
    "side_effects.items.serious": "`classification` = seriousness `serious` when true",
    "side_effects.items.note": "not carried as structure: " + R4_NARRATIVE,
    "side_effects.items.cites": "`source` parts of the `clinical-use-issue` extension",
    "side_effects.cites": "`source` parts of every side-effect `clinical-use-issue` extension",
    "boxed_warning": "one `clinical-use-issue` extension (type `warning`, `category` LOINC 34066-1 with the heading as text); "
                     + R4_NARRATIVE,
    "boxed_warning.heading": "`category` text; " + R4_NARRATIVE,
    "boxed_warning.intro": R4_NARRATIVE + " only",
    "boxed_warning.text": "`description` (valueMarkdown)",
    "boxed_warning.risks": "`risk` parts (text, codings); also listed in `description`",
    "boxed_warning.advice": "`description`",
    "boxed_warning.forms": "`appliesTo` parts referencing the contained clinical drugs of those forms; named in "
                           "`description`",
    "boxed_warning.cites": "`source` parts",
    "precautions.intro": "start of each precaution's `description`; " + R4_NARRATIVE,
    "precautions": "`clinical-use-issue` extensions, see `precautions.items`",
    "precautions.items": "one `clinical-use-issue` extension each",
    "precautions.items.kind": "`category` precaution-kind `<kind>` (with clinical-use-definition-category `Pregnancy` for "
                              "pregnancy and breastfeeding); `interaction` gives type `interaction`, every other kind type "
                              "`warning`, or `contraindication` when contraindicated",
    "precautions.items.contraindicated": "type `contraindication` in the `clinical-use-issue` extension (with `code` the "
                                         "concept, else the text); for an interaction, its `management` part",
    "precautions.items.text": "`description` (after the section intro, as a list item)",
    "precautions.items.concept": "`code` (text, codings); for kind `population` also `population`",
    "precautions.items.interactants": "`interactant` parts (`item` valueCodeableConcept, `kind` valueCode); "
                                      "`interactionType` interaction-type `drug-drug` when no interactant is a substance",
    "precautions.items.effect": "`effect` text",
    "precautions.items.cites": "`source` parts",
    "precautions.cites": "`source` parts of every precaution's extension",
    "advice.heading": R4_NARRATIVE + " only",
    "advice": "`clinical-use-issue` extensions, see `advice.items`",
    "advice.items": "one `clinical-use-issue` extension (type `warning`) each",
    "advice.items.topic": "`category` advice-topic `<topic>` (with clinical-use-definition-category `DriveAndMachines` for "
                          "driving)",
    "advice.items.text": "`description` (valueMarkdown)",
    "advice.items.cites": "`source` parts",
    "citations": "one contained `DocumentReference` (status `current`) each, in `monograph` after the page itself; "
                 + R4_NARRATIVE + " lists them",
    "citations.publisher": "a contained `Organization` referenced by `custodian`",
}

EXPORTER = Exporter(
    name="fhir",
    title="HL7 FHIR",
    media_type="application/fhir+json",
    folder="fhir",
    extension=".json",
    render=render,
    options=(Option("release", RELEASES, "the FHIR release: R5 (5.0.0) as a Bundle, or R4 (4.0.1)"),),
    mapping={"FHIR R5": with_full_urls(R5_MAPPING), "FHIR R4": with_full_urls(R4_MAPPING)},
)
