"""Code systems and extensions by URL: HL7's, other organisations', and the project's (defined in extensions.py)."""

from __future__ import annotations

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
SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"

HL7_EXTENSION_BASE = "http://hl7.org/fhir/StructureDefinition/"
ARTIFACT_DATE = HL7_EXTENSION_BASE + "artifact-date"
ARTIFACT_REVIEWER = HL7_EXTENSION_BASE + "artifact-reviewer"
ARTIFACT_LAST_REVIEW_DATE = HL7_EXTENSION_BASE + "artifact-lastReviewDate"
CONTACT_DETAIL_REFERENCE = HL7_EXTENSION_BASE + "artifact-contactDetailReference"
"""The extensions pack's (hl7.fhir.uv.extensions) extensions that say what the project once had its own for."""

R5_ONLY_SYSTEMS = frozenset({
    FREQUENCY_SYSTEM, CATEGORY_SYSTEM, INTENDED_USE_SYSTEM, INTERACTION_TYPE_SYSTEM, LEGAL_STATUS_SYSTEM,
    "http://hl7.org/fhir/clinical-use-definition-type", "http://hl7.org/fhir/interaction-incidence",
    "http://hl7.org/fhir/warning-type",
})
"""HL7 code systems of R5 that R4 does not have (neither its core nor terminology.hl7.org): R4 output leaves them out."""

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
