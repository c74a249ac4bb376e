"""Where the schema 2.0 facts land in FHIR: scope, populations, dosing, monitoring, supply, programs, instructions.

Merged into the FHIR R5 and FHIR R4 columns by ``mapping``; the same short names of extensions and code systems.
"""

from __future__ import annotations

R5_NARRATIVE = "the MedicationKnowledge narrative"
R4_NARRATIVE = "the narrative (the whole monograph)"

R5_SCOPE = ("referenced (`clinicalUseIssue`, or `indicationGuideline` for an indication) only from the clinical-drug "
            "MedicationKnowledge resources it covers, with one `applies-to` extension per covered clinical drug on the "
            "ClinicalUseDefinition; a form sold under several brands gets one clinical drug per brand when a statement "
            "names one of them. Left out: a whole-drug statement, referenced from the drug and from every clinical drug")
R5_POPULATION = ("a `Group` (type `person`, `name` = the population's name or description, a `characteristic` each: "
                 "LOINC 30525-0 Age and 29463-7 Body weight as `valueRange` in UCUM, 46098-0 Sex as administrative-gender, "
                 "82810-3 Pregnancy status as pregnancy-status, a broad group in population-group, each condition as "
                 "`valueBoolean` true) referenced by `ClinicalUseDefinition.population`")
R4_SCOPE = ("`appliesTo` parts of its `clinical-use-issue` extension referencing the contained clinical drugs it covers "
            "(none: the whole drug)")
R4_ON_PRODUCTS = "on the contained clinical drugs it covers instead of on the MedicationKnowledge itself"
R4_POPULATION = ("`population` part (text = the population's name or description) and one `characteristic` part "
                 "(`type`, `value` valueRange or valueCodeableConcept; the same codes as R5's Group) per valued fact")


R5_SCOPED = {
    "schema_version": "not carried: it says which schema the file is written for, not a fact about the drug",
    "drug.supply": "per jurisdiction a `regulatory` element (`regulatoryAuthority` = an Organization standing for that "
                   "jurisdiction's medicines regulator, `contact.address.country`; `schedule` text for a controlled drug) "
                   "carrying a `supply-status` extension (`status` supply-status, with legal-status-of-supply "
                   "100000072084 / 100000072076 / 100000072078 where it holds; `note`; `source`); a status without a "
                   "jurisdiction is that extension on the MedicationKnowledge (with `schedule`). On the drug's resource "
                   "when about the whole drug, else on the clinical drugs it covers; " + R5_NARRATIVE,
    "drug.programs": "`monitoringProgram` (`type` program-kind `rems` or `risk-management`, `name`) with a "
                     "`program-details` extension (`text` valueMarkdown, `url` valueUrl, `source`), on the drug's resource "
                     "or on the clinical drugs it covers",
    "drug.codes": "RxNorm, UNII, SNOMED CT (and EDQM, LOINC if given) in `MedicationKnowledge.code.coding`; every ATC code "
                  "in `medicineClassification` (type classification-type `atc`, `sourceUri` http://www.whocc.no/atc), "
                  "former ATC codes in one of type classification-type `atc-former`; other systems' former codes are "
                  "not carried",
    "ingredients.items.role": "`definitional.ingredient.type`: v3-RoleClass `ACTI` (active) or `IACT` (excipient)",
    "ingredients.items.applies_to": "an excipient of some forms or brands is an `ingredient` of those clinical drugs only",
    "ingredients.items.cites": "`cited-source` extensions on the `ingredient`",
    "forms.items.strengths": "each ingredient's amount in its `definitional.ingredient` of the clinical drug: "
                             "`strengthQuantity` per dose unit or `strengthRatio` per `per_amount` `per_unit`, UCUM "
                             "(a strength with one content and several ingredients: the first active one is not assumed); "
                             "also in its `code.text`",
    "forms.items.administered_by": "`administered-by` extension (administered-by) on the clinical drug",
    "indications.items.applies_to": R5_SCOPE,
    "indications.items.population": R5_POPULATION,
    "dosing": "`indicationGuideline.dosingGuideline` on the MedicationKnowledge resources it covers (under the "
              "guideline of its indication, or one without an indication); " + R5_NARRATIVE,
    "dosing.heading": "heading in " + R5_NARRATIVE + " only",
    "dosing.intro": R5_NARRATIVE + " only",
    "dosing.outro": R5_NARRATIVE + " only",
    "dosing.cites": "`cited-source` extensions on each `dosingGuideline.dosage`",
    "dosing.items": "one `dosingGuideline` each, with one `dosage` (type dosage-kind `as-labelled`) holding a `Dosage` "
                    "per step",
    "dosing.items.text": "`Dosage.text` (of each step without its own text)",
    "dosing.items.indication": "the `indicationGuideline` whose `indication` references its indication",
    "dosing.items.applies_to": "on the MedicationKnowledge resources it covers only (whole drug: the drug's and every "
                               "clinical drug's)",
    "dosing.items.population": "`dosingGuideline.patientCharacteristic` (the codes of the Group characteristics; a "
                               "condition or broad group has its code alone)",
    "dosing.items.steps": "one `Dosage` each (`sequence` when there are several)",
    "dosing.items.steps.dose": "`doseAndRate.doseQuantity`, or `doseRange` for low to high, UCUM",
    "dosing.items.steps.times": "`timing.repeat.frequency`; a range is `frequency` (low) and `frequencyMax` (high)",
    "dosing.items.steps.period": "`timing.repeat.period` (`periodMax` for a range) and `periodUnit`",
    "dosing.items.steps.every": "`timing.repeat.frequency` 1 with `period`/`periodMax`/`periodUnit`",
    "dosing.items.steps.as_needed": "`Dosage.asNeeded`",
    "dosing.items.steps.duration": "`timing.repeat.boundsDuration` (`boundsRange` for a range)",
    "dosing.items.steps.after": "`after-previous-step` extension (valueRange) on the `Dosage`",
    "dosing.items.steps.divided_into": "`timing.repeat.frequency` multiplied by it, and the dose divided by it (a daily "
                                       "dose in n divided doses is n doses of a share)",
    "dosing.items.steps.text": "`Dosage.text`",
    "dosing.items.maximum": "`maxDosePerPeriod` (Ratio: the amount per the time) or `maxDosePerAdministration` (no "
                            "time) on every step's `Dosage`; each limit's words in `additionalInstruction.text`",
    "dosing.items.maximum.ingredient": "no structured home (`maxDosePerPeriod` and `maxDosePerAdministration` limit the "
                                       "whole medication, so a limit of one ingredient is left out of them): the "
                                       "ingredient is named in the limit's `additionalInstruction.text` and in the "
                                       "narrative's dosing entry",
    "dosing.items.infusion_duration": "`timing.repeat.duration` (`durationMax`) and `durationUnit`",
    "dosing.items.premedication": "`premedication` extensions on `dosingGuideline.dosage`",
    "dosing.items.observation": "`observation-period` extension (valueRange) on `dosingGuideline.dosage`",
    "dosing.items.administered_by": "`administered-by` extension on `dosingGuideline.dosage`",
    "dosing.items.cites": "`cited-source` extensions on `dosingGuideline.dosage`",
    "monitoring": "warning ClinicalUseDefinitions, see `monitoring.items`; " + R5_NARRATIVE,
    "monitoring.heading": "narratives only",
    "monitoring.intro": R5_NARRATIVE + " only",
    "monitoring.outro": R5_NARRATIVE + " only",
    "monitoring.cites": "`cited-source` extensions on every monitoring ClinicalUseDefinition",
    "monitoring.items": "one `ClinicalUseDefinition` (type `warning`, `category` clinical-topic `monitoring`) each",
    "monitoring.items.test": "`warning.code` (text, codings: LOINC, SNOMED CT)",
    "monitoring.items.when": "`monitoring-timing` extensions (monitoring-timing) on `warning`",
    "monitoring.items.text": "`warning.description` (markdown)",
    "monitoring.items.applies_to": R5_SCOPE,
    "monitoring.items.population": R5_POPULATION,
    "monitoring.items.cites": "`cited-source` extensions on the ClinicalUseDefinition",
    "missed_dose": "warning ClinicalUseDefinitions (`category` clinical-topic `missed-dose`), one per item: "
                   "`warning.description` = the text; scope and population as for precautions; `cited-source` "
                   "extensions; " + R5_NARRATIVE,
    "overdose": "warning ClinicalUseDefinitions (`category` clinical-use-definition-category `Overdose` and clinical-topic "
                "`overdose`), one per item: `warning.description` = the text, each symptom a `warning-sign` extension on "
                "`warning`; scope and population as for precautions; `cited-source` extensions; " + R5_NARRATIVE,
    "storage": "`storageGuideline` on the MedicationKnowledge resources each item covers: `note.text` (markdown) = the "
               "text, `environmentalSetting` (type storage-setting `temperature`, `valueRange` in UCUM `Cel`), a "
               "`disposal` extension (valueBoolean) for disposal, a `population` extension (Group), `cited-source` "
               "extensions; " + R5_NARRATIVE,
    "side_effects.items.frequency": "`undesirableEffect.frequencyOfOccurrence`: side-effect-frequency `<frequency>` (every "
                                    "value, not-known included), after undesirable-effect-frequency `Common`, `Uncommon` "
                                    "or `Rare` where HL7 has the code",
    "side_effects.items.rate": "`rate` extension on `undesirableEffect`: `percent`, `comparatorPercent` (valueDecimal), "
                               "`comparator` (valueString; absent with a comparator rate: placebo)",
    "side_effects.items.applies_to": R5_SCOPE,
    "side_effects.items.population": R5_POPULATION,
    "boxed_warning.applies_to": R5_SCOPE + "; also named in `warning.description`",
    "boxed_warning.population": R5_POPULATION,
    "precautions.items.concepts": "`warning.code` or `contraindication.diseaseSymptomProcedure` (the first concept), one "
                                  "`additional-concept` extension per further concept; for kind `population` also a "
                                  "`Group` (`name`, `characteristic.code`) referenced by `population`",
    "precautions.items.effects": "`risk` extensions on the issue's element; for an interaction, `interaction.effect` when it "
                                 "has no effect text",
    "precautions.items.risk_factors": "`risk-factor` extensions on the issue's element",
    "precautions.items.warning_signs": "`warning-sign` extensions on the issue's element",
    "precautions.items.above_dose": "`dose-threshold` extension on the issue's element: `amount` (valueQuantity), `per` "
                                    "(valueDuration), `text`",
    "precautions.items.applies_to": R5_SCOPE,
    "precautions.items.population": R5_POPULATION,
    "advice.items.applies_to": R5_SCOPE,
    "advice.items.population": R5_POPULATION,
    "citations.kind": "`type` and `MedicationKnowledge.monograph.type`: document-kind `<kind>`, with LOINC 34391-3 for "
                      "prescribing information and 34390-5 for a drug facts label",
}

R4_SCOPED = {
    "schema_version": R5_SCOPED["schema_version"],
    "drug.supply": "per jurisdiction a `regulatory` element (`regulatoryAuthority` = a contained Organization standing for "
                   "that jurisdiction's medicines regulator, `address.country`; `schedule.schedule` text for a controlled "
                   "drug) carrying a `supply-status` extension (`status` supply-status only: R4 has no "
                   "legal-status-of-supply; `note`; `source`); a status without a jurisdiction is that extension on the "
                   "MedicationKnowledge. A status about some forms or brands sits " + R4_ON_PRODUCTS,
    "drug.programs": "`monitoringProgram` (`type` program-kind, `name`) with a `program-details` extension; a program "
                     "about some forms or brands sits " + R4_ON_PRODUCTS,
    "drug.codes": "RxNorm, UNII, SNOMED CT (and EDQM, LOINC if given) in `code.coding`; every ATC code in "
                  "`medicineClassification` (type classification-type `atc`; R4 has no `source[x]`), former ATC codes in "
                  "one of type `atc-former`",
    "ingredients.items.role": "`ingredient.isActive`",
    "ingredients.items.applies_to": "an excipient of some forms or brands is an `ingredient` of those contained clinical "
                                    "drugs only",
    "ingredients.items.cites": "`cited-source` extensions on the `ingredient`",
    "forms.items.strengths": "each ingredient's `ingredient.strength` of the contained clinical drug (Ratio, UCUM; per "
                             "dose unit: the denominator 1 of UCUM unit `1` named after the form); also in its `code.text`",
    "forms.items.administered_by": "`administered-by` extension on the contained clinical drug",
    "indications.items.applies_to": "its `administrationGuidelines` sits " + R4_ON_PRODUCTS,
    "indications.items.population": "`administrationGuidelines.patientCharacteristics` (coded characteristic, its value "
                                    "in words)",
    "dosing": "one `administrationGuidelines` per item (with `indicationCodeableConcept` when it names its indication), on "
              "the MedicationKnowledge when about the whole drug, else " + R4_ON_PRODUCTS + "; " + R4_NARRATIVE,
    "dosing.heading": R4_NARRATIVE + " only",
    "dosing.intro": R4_NARRATIVE + " only",
    "dosing.outro": R4_NARRATIVE + " only",
    "dosing.cites": "`cited-source` extensions on each `administrationGuidelines.dosage`",
    "dosing.items": "`administrationGuidelines.dosage` (type dosage-kind `as-labelled`) with a `Dosage` per step, as in "
                    "R5 but for `asNeededBoolean` and one `maxDosePerPeriod` (the first; every limit's words in "
                    "`additionalInstruction`); the extensions on `dosage` as in R5",
    "dosing.items.population": "`administrationGuidelines.patientCharacteristics` (coded characteristic, its value in "
                               "words)",
    "dosing.items.maximum.ingredient": R5_SCOPED["dosing.items.maximum.ingredient"],
    "monitoring": "`clinical-use-issue` extensions (type `warning`, `category` clinical-topic `monitoring`, `code` = the "
                  "test, `description`, a `timing` part per `when`, scope as `appliesTo` parts, population parts, "
                  "`source` parts); " + R4_NARRATIVE,
    "missed_dose": "`clinical-use-issue` extensions (type `warning`, `category` clinical-topic `missed-dose`, "
                   "`description`, `appliesTo`, population and `source` parts); " + R4_NARRATIVE,
    "overdose": "`clinical-use-issue` extensions (type `warning`, `category` clinical-topic `overdose`, `description`, a "
                "`warningSign` part per symptom, `appliesTo`, population and `source` parts); " + R4_NARRATIVE,
    "storage": "`storage` extensions (`text` valueMarkdown, `temperature` valueRange in UCUM `Cel`, `disposal` valueBoolean, "
               "`population` text, `source`), on the MedicationKnowledge when about the whole drug, else "
               + R4_ON_PRODUCTS + "; " + R4_NARRATIVE,
    "side_effects.items.frequency": "`frequencyOfOccurrence`: side-effect-frequency `<frequency>` (R4 has no "
                                    "undesirable-effect-frequency)",
    "side_effects.items.rate": "`rate` part (nested `percent`, `comparatorPercent`, `comparator`)",
    "side_effects.items.applies_to": R4_SCOPE,
    "side_effects.items.population": R4_POPULATION,
    "boxed_warning.applies_to": R4_SCOPE + "; named in `description`",
    "boxed_warning.population": R4_POPULATION,
    "precautions.items.kind": "`category` precaution-kind `<kind>` (R4 has no clinical-use-definition-category); "
                              "`interaction` gives type `interaction`, every other kind type `warning`, or "
                              "`contraindication` when contraindicated",
    "precautions.items.interactants": "`interactant` parts (`item` valueCodeableConcept, `kind` valueCode); "
                                      "`interactionType` drug-interaction-type `drug-drug` (the project's copy of HL7's "
                                      "R5 code) when no interactant is a substance",
    "precautions.items.concepts": "`code` (the first concept) and an `additionalConcept` part per further concept; for "
                                  "kind `population` also `population`",
    "precautions.items.effects": "`risk` parts; for an interaction, `effect` when it has no effect text",
    "precautions.items.risk_factors": "`riskFactor` parts",
    "precautions.items.warning_signs": "`warningSign` parts",
    "precautions.items.above_dose": "`doseThreshold` part (nested `amount`, `per`, `text`)",
    "precautions.items.applies_to": R4_SCOPE,
    "precautions.items.population": R4_POPULATION,
    "advice.items.topic": "`category` advice-topic `<topic>` (R4 has no clinical-use-definition-category)",
    "advice.items.applies_to": R4_SCOPE,
    "advice.items.population": R4_POPULATION,
    "citations.kind": R5_SCOPED["citations.kind"],
}
