"""Code systems, the project's own code systems and identifier system, and the extensions this exporter defines."""

from __future__ import annotations

from dataclasses import dataclass

SYSTEMS = {
    "rxnorm": "http://www.nlm.nih.gov/research/umls/rxnorm",
    "atc": "http://www.whocc.no/atc",
    "unii": "http://fdasis.nlm.nih.gov",
    "snomed": "http://snomed.info/sct",
    "edqm": "http://standardterms.edqm.eu",
    "loinc": "http://loinc.org",
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
SIDE_EFFECT_FREQUENCY = project_code_system("side-effect-frequency")
"""Every frequency the schema has; R4 has no undesirable-effect-frequency, and HL7's has no very common or not known."""
INTERACTION_KIND = project_code_system("drug-interaction-type")
"""R4 has no HL7 interaction-type code system; this project one holds the same codes, for R4 only."""
SUPPLY_STATUS = project_code_system("supply-status")
PROGRAM_KIND = project_code_system("program-kind")
CLINICAL_TOPIC = project_code_system("clinical-topic")
"""What a warning-type statement is about when it is not a precaution or advice: monitoring, missed dose, overdose."""
MONITORING_TIMING = project_code_system("monitoring-timing")
POPULATION_GROUP = project_code_system("population-group")
PREGNANCY_STATUS = project_code_system("pregnancy-status")
STORAGE_SETTING = project_code_system("storage-setting")
DOSAGE_KIND = project_code_system("dosage-kind")
ADMINISTERED_BY = project_code_system("administered-by")
ISO_COUNTRY = "urn:iso:std:iso:3166"
ADMINISTRATIVE_GENDER = "http://hl7.org/fhir/administrative-gender"
ROLE_CLASS = "http://terminology.hl7.org/CodeSystem/v3-RoleClass"
ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type"

BOXED_WARNING_SECTION = {"system": LOINC, "code": "34066-1", "display": "FDA package insert Boxed warning section"}
HUMAN_PRESCRIPTION_LABEL = {"system": LOINC, "code": "34391-3", "display": "Human prescription drug label"}
HUMAN_OTC_LABEL = {"system": LOINC, "code": "34390-5", "display": "Human OTC drug label"}
LABEL_TYPES = {"prescribing-information": HUMAN_PRESCRIPTION_LABEL, "drug-facts-label": HUMAN_OTC_LABEL}
"""LOINC document types for the citation kinds LOINC has one for; the other kinds have only the project's code."""
AGE = {"system": LOINC, "code": "30525-0", "display": "Age"}
BODY_WEIGHT = {"system": LOINC, "code": "29463-7", "display": "Body weight"}
SEX = {"system": LOINC, "code": "46098-0", "display": "Sex"}
PREGNANCY = {"system": LOINC, "code": "82810-3", "display": "Pregnancy status"}
FREQUENCIES = {"common": "Common", "uncommon": "Uncommon", "rare": "Rare"}
"""The frequencies HL7's R5 undesirable-effect-frequency has a code for."""
LEGAL_STATUS = {
    "prescription-only": ("100000072084", "Medicinal product subject to medical prescription"),
    "over-the-counter": ("100000072076", "Medicinal product not subject to medical prescription"),
}


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


ON_ISSUE = "ClinicalUseDefinition.warning; ClinicalUseDefinition.contraindication; ClinicalUseDefinition.interaction"
DOSING_CONTEXT = ("MedicationKnowledge.indicationGuideline.dosingGuideline.dosage (R5); "
                  "MedicationKnowledge.administrationGuidelines.dosage (R4)")

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
        "risk", "valueCodeableConcept", ON_ISSUE + " (R5)",
        "A harm the statement is about (for the boxed warning: what abrupt discontinuation risks; for an interaction: "
        "its coded effects); repeats.",
    ),
    ExtensionDefinition(
        "applies-to", "valueReference", "ClinicalUseDefinition",
        "A clinical-drug MedicationKnowledge (dose form and strength, or brand) the statement is about; repeats; "
        "absent when it is about the whole drug. The same products reference the statement in clinicalUseIssue.",
    ),
    ExtensionDefinition(
        "supply-status", "extension", "MedicationKnowledge.regulatory (a jurisdiction's status); MedicationKnowledge "
        "(a status the page gives without a jurisdiction)",
        "The legal status of supply: status (supply-status code system; in R5 also legal-status-of-supply where it has "
        "the code), the schedule of a controlled drug when no regulatory element holds it, a note, and its sources.",
        (("status", "valueCodeableConcept"), ("schedule", "valueCodeableConcept"), ("note", "valueString"),
         ("source", "valueReference")),
    ),
    ExtensionDefinition(
        "program-details", "extension", "MedicationKnowledge.monitoringProgram",
        "What a risk program (such as a US REMS) means for the patient, its page, and its sources.",
        (("text", "valueMarkdown"), ("url", "valueUrl"), ("source", "valueReference")),
    ),
    ExtensionDefinition(
        "risk-factor", "valueCodeableConcept", ON_ISSUE + " (R5)",
        "Something that makes the risk more likely (being a woman, over 35, taking estrogen); repeats.",
    ),
    ExtensionDefinition(
        "warning-sign", "valueCodeableConcept", ON_ISSUE + " (R5)",
        "A sign to act on (yellow skin or eyes, dark urine), or a symptom of overdose; repeats.",
    ),
    ExtensionDefinition(
        "additional-concept", "valueCodeableConcept", "ClinicalUseDefinition.warning; "
        "ClinicalUseDefinition.contraindication (R5)",
        "A further condition the statement is about, after the one in its code element ('liver or kidney disease'); repeats.",
    ),
    ExtensionDefinition(
        "dose-threshold", "extension", ON_ISSUE + " (R5)",
        "The risk applies above this dose: an amount, the time it is taken in (none: one dose), as the page says it.",
        (("amount", "valueQuantity"), ("per", "valueDuration"), ("text", "valueString")),
    ),
    ExtensionDefinition(
        "rate", "extension", "ClinicalUseDefinition.undesirableEffect (R5)",
        "How many people in the label's studies had the effect, in percent, and the comparison group's rate (comparator "
        "absent with a comparator rate: placebo).",
        (("percent", "valueDecimal"), ("comparatorPercent", "valueDecimal"), ("comparator", "valueString")),
    ),
    ExtensionDefinition(
        "monitoring-timing", "valueCodeableConcept", "ClinicalUseDefinition.warning (R5)",
        "When a monitoring test is done, coded in the monitoring-timing code system; repeats.",
    ),
    ExtensionDefinition(
        "after-previous-step", "valueRange", "Dosage",
        "How long after the previous step of the schedule this one begins (low = high for an exact time).",
    ),
    ExtensionDefinition(
        "observation-period", "valueRange", DOSING_CONTEXT,
        "How long the patient is watched for reactions after the dose (low = high for an exact time).",
    ),
    ExtensionDefinition(
        "premedication", "valueCodeableConcept", DOSING_CONTEXT,
        "A medicine given before the dose (to prevent infusion reactions); repeats.",
    ),
    ExtensionDefinition(
        "administered-by", "valueCodeableConcept", DOSING_CONTEXT + "; MedicationKnowledge (a clinical drug)",
        "Who gives the dose: the patient, a caregiver or a healthcare professional (administered-by code system).",
    ),
    ExtensionDefinition(
        "population", "valueReference", "MedicationKnowledge.storageGuideline (R5)",
        "The Group of people a storage instruction is about.",
    ),
    ExtensionDefinition(
        "disposal", "valueBoolean", "MedicationKnowledge.storageGuideline (R5)",
        "True when the instruction is about disposing of the medicine rather than storing it.",
    ),
    ExtensionDefinition(
        "storage", "extension", "MedicationKnowledge (R4 only; R5 uses storageGuideline)",
        "One storage or disposal instruction: its text, the temperature range in degrees Celsius, whether it is about "
        "disposal, who it is about, and its sources; repeats.",
        (("text", "valueMarkdown"), ("temperature", "valueRange"), ("disposal", "valueBoolean"),
         ("population", "valueCodeableConcept"), ("source", "valueReference")),
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
        "undesirable-effect | warning), then the parts that issue uses; repeats. population is the population in words, "
        "each characteristic (type valueCodeableConcept, value valueCodeableConcept or valueRange) one fact of it; "
        "doseThreshold and rate have the parts of the R5 extensions of those names; appliesTo references the contained "
        "clinical drugs it is about (none: the whole drug).",
        (
            ("type", "valueCode"), ("category", "valueCodeableConcept"), ("code", "valueCodeableConcept"),
            ("description", "valueMarkdown"), ("symptomConditionEffect", "valueCodeableConcept"),
            ("classification", "valueCodeableConcept"), ("frequencyOfOccurrence", "valueCodeableConcept"),
            ("interactant", "extension"), ("interactionType", "valueCodeableConcept"), ("effect", "valueCodeableConcept"),
            ("management", "valueCodeableConcept"), ("population", "valueCodeableConcept"),
            ("characteristic", "extension"), ("risk", "valueCodeableConcept"), ("riskFactor", "valueCodeableConcept"),
            ("warningSign", "valueCodeableConcept"), ("additionalConcept", "valueCodeableConcept"),
            ("doseThreshold", "extension"), ("rate", "extension"), ("timing", "valueCodeableConcept"),
            ("appliesTo", "valueReference"), ("source", "valueReference"),
        ),
    ),
)}
