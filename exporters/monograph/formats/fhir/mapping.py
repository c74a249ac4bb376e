"""Where each monograph field lands in FHIR: the FHIR R5 and FHIR R4 columns of docs/mapping.md.

The text names extensions and the project's code systems by their short names;
``with_full_urls`` spells them out for the reader, each extension linked to its definition.
"""

from __future__ import annotations

import re

from .extensions import EXTENSIONS
from .mapping_scoped import R4_SCOPED, R5_SCOPED
from .package_docs import linked
from .vocabulary import (
    ADMINISTERED_BY,
    ADVICE_TOPIC,
    CATEGORY_SYSTEM,
    CLASSIFICATION_TYPE,
    CLINICAL_TOPIC,
    DOCUMENT_KIND,
    DOSAGE_KIND,
    FREQUENCY_SYSTEM,
    INTENDED_USE_SYSTEM,
    INTERACTION_KIND,
    INTERACTION_TYPE_SYSTEM,
    ISO_LIFECYCLE,
    LEGAL_STATUS_SYSTEM,
    MEDICATION_RELATIONSHIP,
    MONITORING_TIMING,
    PARTICIPANT_TYPE,
    POPULATION_GROUP,
    PRECAUTION_KIND,
    PREGNANCY_STATUS,
    PROGRAM_KIND,
    SERIOUSNESS,
    SIDE_EFFECT_FREQUENCY,
    STORAGE_SETTING,
    SUPPLY_STATUS,
    extension_url,
)

NARRATIVE = "the MedicationKnowledge narrative"
_EXTENSION_NAME = re.compile(r"`(" + "|".join(re.escape(n) for n in EXTENSIONS) + r")`(?= extension)|(?<=extension )`("
                             + "|".join(re.escape(n) for n in EXTENSIONS) + r")`")
CODE_SYSTEM_NAMES = {
    url.rsplit("/", 1)[1]: url for url in (
        PRECAUTION_KIND, ADVICE_TOPIC, DOCUMENT_KIND, CLASSIFICATION_TYPE, MEDICATION_RELATIONSHIP, SERIOUSNESS,
        FREQUENCY_SYSTEM, CATEGORY_SYSTEM, INTENDED_USE_SYSTEM, INTERACTION_TYPE_SYSTEM, LEGAL_STATUS_SYSTEM,
        ISO_LIFECYCLE, PARTICIPANT_TYPE, SIDE_EFFECT_FREQUENCY, INTERACTION_KIND, SUPPLY_STATUS, PROGRAM_KIND,
        CLINICAL_TOPIC, MONITORING_TIMING, POPULATION_GROUP, PREGNANCY_STATUS, STORAGE_SETTING, DOSAGE_KIND,
        ADMINISTERED_BY,
    )
}
_CODE_SYSTEM_NAME = re.compile(r"(?<![\w/`-])(" + "|".join(re.escape(n) for n in CODE_SYSTEM_NAMES) + r")(?= `)")


def with_full_urls(mapping: dict[str, str]) -> dict[str, str]:
    """Name extensions and code systems by their full URLs, as a reader of docs/mapping.md needs them."""
    def expand(text: str) -> str:
        text = _EXTENSION_NAME.sub(lambda m: f"`{extension_url(m.group(1) or m.group(2))}`", text)
        return _CODE_SYSTEM_NAME.sub(lambda m: CODE_SYSTEM_NAMES[m.group(1)], text)
    return {key: linked(expand(text)) for key, text in mapping.items()}


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
              "`Practitioner` from `reviewed_by.type`; without a review, no Provenance, and the narrative says "
              "\"This content has not been medically reviewed.\"; " + NARRATIVE,
    "modified": "HL7's extension `http://hl7.org/fhir/StructureDefinition/artifact-date` (valueDateTime, as written) on "
                "the MedicationKnowledge; " + NARRATIVE,
    "drug": "the drug's `MedicationKnowledge`, first in the Bundle",
    "drug.generic_name": "`MedicationKnowledge.code.text` and first `name`; `ClinicalUseDefinition.subject.display`; "
                         "start of each clinical drug's `code.text`",
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
    "brands.items.forms": "the brand's name is in `name` of the clinical drugs of those forms; a brand that lists no "
                          "forms but that a statement is about is a MedicationKnowledge of its own (`code.text` and "
                          "`name` = the brand, no dose form) referencing those statements; " + NARRATIVE,
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
    "forms.items.route": "the clinical drug's `definitional.intendedRoute` (text, codings), one per route when the form "
                         "has several (0..*); the drug's `definitional.intendedRoute` lists each distinct route",
    "forms.items.delivery": "extension `delivery` (valueString) on each of the clinical drug's `intendedRoute`",
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
    "side_effects.items.serious": "`undesirableEffect.classification` = adverse-event-seriousness `serious` when true",
    "side_effects.items.note": "not carried as structure (an undesirable effect has no text element): narrative of the "
                               "ClinicalUseDefinition and of the MedicationKnowledge",
    "side_effects.items.cites": "`cited-source` extensions on the ClinicalUseDefinition",
    "side_effects.cites": "`cited-source` extensions on every side-effect ClinicalUseDefinition",
    "boxed_warning": "one `ClinicalUseDefinition` (type `warning`, `category` LOINC 34066-1 with the heading as text) in "
                     "`MedicationKnowledge.clinicalUseIssue` per warning (a list gives several, each referenced only "
                     "by the products it applies to); its narrative and " + NARRATIVE,
    "boxed_warning.heading": "`category.text` of the boxed warning; narratives",
    "boxed_warning.intro": "narratives only",
    "boxed_warning.text": "`warning.description` (markdown)",
    "boxed_warning.risks": "`risk` extensions (text, codings) on `warning`; also listed in `warning.description`",
    "boxed_warning.advice": "`warning.description`",
    "boxed_warning.applies_to": "`applies-to` extensions on `warning`, one per clinical drug of those forms; named in "
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
    "precautions.items.concepts": "`warning.code` (text, codings); for kind `population` also a `Group` (`name`, "
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
    "review": "HL7's extensions `http://hl7.org/fhir/StructureDefinition/artifact-reviewer` (a ContactDetail: `name` = "
              "reviewer, with an `http://hl7.org/fhir/StructureDefinition/artifact-contactDetailReference` whose reference "
              "`type` is `Organization` or `Practitioner` from `reviewed_by.type`) and "
              "`http://hl7.org/fhir/StructureDefinition/artifact-lastReviewDate` (valueDate) = `last_reviewed`; without "
              "a review, neither, and the narrative says \"This content has not been medically reviewed.\"; "
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
    "brands.items.forms": "the brand's name is in `synonym` of the contained clinical drugs of those forms; a brand "
                          "that lists no forms but that a statement is about is a contained MedicationKnowledge of its "
                          "own (`code.text` and `synonym` = the brand, no dose form), in those statements' `appliesTo`; "
                          + R4_NARRATIVE,
    "brands.cites": "not carried as structure: the sources are contained DocumentReferences in `monograph` and listed in "
                    + R4_NARRATIVE,
    "forms": "contained clinical-drug MedicationKnowledge resources, see `forms.items`",
    "ingredients": "`ingredient` of the MedicationKnowledge and of every contained clinical drug",
    "forms.items": "one contained clinical-drug `MedicationKnowledge` per form and strength (`doseForm` is 0..1), listed in "
                   "`relatedMedicationKnowledge` (type medication-relationship `clinical-drug`); " + R4_NARRATIVE,
    "forms.items.name": "the clinical drug's `doseForm.text` and end of its `code.text`",
    "forms.items.codes": "the clinical drug's `doseForm.coding` (EDQM, SNOMED CT, ...)",
    "forms.items.route": "the clinical drug's `intendedRoute` (text, codings), one per route when the form has several "
                         "(0..*); the MedicationKnowledge's `intendedRoute` lists each distinct route",
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
    "side_effects.items.frequency": "`frequencyOfOccurrence` text `Common`, `Uncommon` or `Rare` (R4 has no "
                                    "undesirable-effect-frequency code system); left out for `not-known`, which the "
                                    "narrative states",
    "side_effects.items.serious": "`classification` = adverse-event-seriousness `serious` when true",
    "side_effects.items.note": "not carried as structure: " + R4_NARRATIVE,
    "side_effects.items.cites": "`source` parts of the `clinical-use-issue` extension",
    "side_effects.cites": "`source` parts of every side-effect `clinical-use-issue` extension",
    "boxed_warning": "one `clinical-use-issue` extension (type `warning`, `category` LOINC 34066-1 with the heading as text) "
                     "per warning, on the MedicationKnowledge or the contained products it applies to; " + R4_NARRATIVE,
    "boxed_warning.heading": "`category` text; " + R4_NARRATIVE,
    "boxed_warning.intro": R4_NARRATIVE + " only",
    "boxed_warning.text": "`description` (valueMarkdown)",
    "boxed_warning.risks": "`risk` parts (text, codings); also listed in `description`",
    "boxed_warning.advice": "`description`",
    "boxed_warning.applies_to": "`appliesTo` parts referencing the contained clinical drugs of those forms; named in "
                           "`description`",
    "boxed_warning.cites": "`source` parts",
    "precautions.intro": "start of each precaution's `description`; " + R4_NARRATIVE,
    "precautions": "`clinical-use-issue` extensions, see `precautions.items`",
    "precautions.items": "one `clinical-use-issue` extension each",
    "precautions.items.kind": "`category` precaution-kind `<kind>`; `interaction` gives type `interaction`, every other "
                              "kind type `warning`, or `contraindication` when contraindicated",
    "precautions.items.contraindicated": "type `contraindication` in the `clinical-use-issue` extension (with `code` the "
                                         "concept, else the text); for an interaction, its `management` part",
    "precautions.items.text": "`description` (after the section intro, as a list item)",
    "precautions.items.concepts": "`code` (text, codings); for kind `population` also `population`",
    "precautions.items.interactants": "`interactant` parts (`item` valueCodeableConcept, `kind` valueCode); "
                                      "`interactionType` text `drug to drug interaction` when no interactant is a "
                                      "substance (R4 has no interaction-type code system)",
    "precautions.items.effect": "`effect` text",
    "precautions.items.cites": "`source` parts",
    "precautions.cites": "`source` parts of every precaution's extension",
    "advice.heading": R4_NARRATIVE + " only",
    "advice": "`clinical-use-issue` extensions, see `advice.items`",
    "advice.items": "one `clinical-use-issue` extension (type `warning`) each",
    "advice.items.topic": "`category` advice-topic `<topic>`",
    "advice.items.text": "`description` (valueMarkdown)",
    "advice.items.cites": "`source` parts",
    "citations": "one contained `DocumentReference` (status `current`) each, in `monograph` after the page itself; "
                 + R4_NARRATIVE + " lists them",
    "citations.publisher": "a contained `Organization` referenced by `custodian`",
}


R5_MAPPING.update(R5_SCOPED)
R4_MAPPING.update(R4_SCOPED)

COLUMNS = {"FHIR R5": with_full_urls(R5_MAPPING), "FHIR R4": with_full_urls(R4_MAPPING)}
