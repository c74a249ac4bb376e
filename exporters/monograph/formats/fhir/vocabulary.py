"""Code systems, the project's own code systems and identifier system, and the extensions this exporter defines."""

from __future__ import annotations

from dataclasses import dataclass

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
