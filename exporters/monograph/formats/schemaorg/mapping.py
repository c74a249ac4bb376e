"""Where each monograph field lands in the schema.org JSON-LD: the JSON-LD column of docs/mapping.md."""

from __future__ import annotations

_PAGE_PROSE = "not carried: page prose; the HTML page that embeds this JSON-LD shows it"
_CITES = "not carried per statement (schema.org cites from creative works only); every source is a `MedicalWebPage.citation`"
_SCOPED = (
    "chooses the Drug node the statement is made of: the main `Drug` (`#drug`) when absent; otherwise the "
    "dose-form `Drug`s (`#form-ID`) and brand `Drug`s (`#brand-N`, one per brand that some statement names, "
    "with `proprietaryName`, linked from the Drug by `isRelatedTo`) it names, never the main `Drug`"
)
_WHO = (
    "`description` of the statement's node, as the page says it: `Who: children, ages 2–11 years, weighing "
    "24–35 lb` (group, age, weight, sex, pregnancy, condition names), in the monograph's language; schema.org has "
    "no population for it"
)
_FORM_CODES = "not carried: `dosageForm` and `administrationRoute` take text only; the codes are in FHIR and XML"

MAPPING: dict[str, str] = {
    "id": "not carried as such; it names the output file, and node ids derive from the canonical URL",
    "language": "`MedicalWebPage.inLanguage`",
    "title": "`MedicalWebPage.name`",
    "url": "`MedicalWebPage.@id` and `.url`; node ids are this URL plus a fragment (`#drug`, `#form-ID`)",
    "publisher": "`MedicalWebPage.publisher` (`Organization` with `name`, `url`)",
    "summary": "`MedicalWebPage.description` (plain text)",
    "review": (
        "`MedicalWebPage.reviewedBy` and `.lastReviewed`; both left out when the content has not been medically "
        "reviewed (schema.org has no property that says so)"
    ),
    "review.reviewed_by": "`MedicalWebPage.reviewedBy` (`Organization` or `Person` with `name`)",
    "review.last_reviewed": "`MedicalWebPage.lastReviewed` as written (ISO 8601, reduced precision for a month or a year)",
    "modified": "`MedicalWebPage.dateModified` as written",
    "drug": "the `Drug` node (`@id` `#drug`), the page's `mainEntity`",
    "drug.generic_name": "`Drug.name` and `Drug.nonProprietaryName`; `nonProprietaryName` of each dose-form `Drug`",
    "drug.supply": (
        "one `DrugLegalStatus` per entry in `legalStatus` of the Drug node(s) it applies to (see `applies_to`); "
        "`prescriptionStatus` (the `DrugPrescriptionStatus` member as an IRI, `{\"@id\": "
        "\"https://schema.org/PrescriptionOnly\"}` or `.../OTC`) on a Drug node only when the entries that bear on it "
        "give that same member in every jurisdiction they name (an entry with no member, such as controlled, beside "
        "one that has it in the same jurisdiction does not count against it; an entry without a jurisdiction holds "
        "in each)"
    ),
    "drug.supply.status": (
        "`DrugLegalStatus.name` as the page names the status, in the monograph's language (Prescription only, Over "
        "the counter, Pharmacy only, without a prescription, Hospital use only, Controlled substance); prescription-only and over-the-counter also give `prescriptionStatus` as above; the others have "
        "no `DrugPrescriptionStatus` member and give none"
    ),
    "drug.supply.jurisdiction": (
        "`DrugLegalStatus.applicableLocation`: a `Country` (an `AdministrativeArea` for EU) whose `identifier` is the "
        "code; left out when the file names none"
    ),
    "drug.supply.schedule": "`DrugLegalStatus.code`: a `MedicalCode` with `codeValue` `CII` and `codingSystem` `controlled substance schedule`",
    "drug.supply.note": "`DrugLegalStatus.description`",
    "drug.supply.applies_to": _SCOPED,
    "drug.supply.cites": _CITES,
    "drug.programs": "one `DrugLegalStatus` per program in `legalStatus` of the Drug node(s) it applies to",
    "drug.programs.name": "`DrugLegalStatus.name`",
    "drug.programs.kind": "not carried: schema.org has no kind of program; the name says it (REMS)",
    "drug.programs.text": "`DrugLegalStatus.description` (plain text)",
    "drug.programs.url": "`DrugLegalStatus.url`",
    "drug.programs.applies_to": _SCOPED,
    "drug.programs.cites": _CITES,
    "drug.codes": (
        "`Drug.code`: `MedicalCode` with `codingSystem` (RxNorm, ATC, UNII, SNOMED CT, EDQM Standard Terms, LOINC) "
        "and `codeValue`, every code of a system, the current first"
    ),
    "drug.codes.former": "not carried: `MedicalCode` cannot say a code is no longer current; FHIR and XML carry them",
    "drug.classes": "`Drug.drugClass`: `DrugClass` with `name`, `description` (explanation) and `code`",
    "ingredients": "`Drug.activeIngredient` (active ingredients only)",
    "ingredients.heading": _PAGE_PROSE,
    "ingredients.intro": _PAGE_PROSE,
    "ingredients.items": "`Drug.activeIngredient`",
    "ingredients.items.name": (
        "`activeIngredient` (text) of the main `Drug` (whole-drug ingredients) and of each dose-form and brand `Drug` "
        "it is in; `DrugStrength.activeIngredient` of the strengths that name it (or of every strength, when there "
        "is one active ingredient)"
    ),
    "ingredients.items.role": (
        "an active ingredient is an `activeIngredient`; an excipient is not carried (schema.org has no property "
        "for inactive ingredients; FHIR, XML and the page carry it)"
    ),
    "ingredients.items.applies_to": "the dose-form and brand `Drug`s whose `activeIngredient` lists it (not the main `Drug`)",
    "ingredients.items.cites": _CITES,
    "ingredients.items.explanation": "not carried: `activeIngredient` takes text only; the HTML page shows it",
    "ingredients.items.codes": "not carried: `activeIngredient` takes text only; the drug's own codes are on `Drug.code`",
    "ingredients.cites": _CITES,
    "brands": "`Drug.proprietaryName`",
    "brands.heading": _PAGE_PROSE,
    "brands.intro": _PAGE_PROSE,
    "brands.items": "`Drug.proprietaryName`, and the dose-form `Drug`s' `proprietaryName`",
    "brands.items.name": (
        "`Drug.proprietaryName` (one value per brand), and on the dose-form `Drug` of each form the brand is "
        "sold as"
    ),
    "brands.items.forms": "the brand's `proprietaryName` on the dose-form `Drug` (`#form-ID`) of each form",
    "brands.cites": _CITES,
    "forms": "dose-form `Drug` nodes; `Drug.dosageForm` and `Drug.administrationRoute`",
    "forms.heading": _PAGE_PROSE,
    "forms.intro": _PAGE_PROSE,
    "forms.items": (
        "one dose-form `Drug` per form (`@id` `#form-ID`, linked from the Drug by `isRelatedTo`); the form "
        "names are also `Drug.dosageForm`"
    ),
    "forms.items.id": "the fragment of the dose-form `Drug`'s `@id` (`#form-ID`)",
    "forms.items.name": "`dosageForm` of the dose-form `Drug`, and `Drug.dosageForm`",
    "forms.items.codes": _FORM_CODES,
    "forms.items.route.name": "`administrationRoute` of the dose-form `Drug` (a list when the form has several routes), "
                              "and `Drug.administrationRoute`",
    "forms.items.route.explanation": "not carried: `administrationRoute` takes one text; the HTML page shows it",
    "forms.items.route.codes": _FORM_CODES,
    "forms.items.delivery": "`description` of the dose-form `Drug`",
    "forms.items.strengths": (
        "`availableStrength` of the dose-form `Drug`: one `DrugStrength` per ingredient amount, with "
        "`strengthValue` (amount), `strengthUnit` (`mg`, `mg/5 mL`, `mcg/mL`) and `activeIngredient`; the amounts "
        "of one combination strength share a `name` written as the page writes it (`875 mg amoxicillin + 125 mg clavulanic acid`)"
    ),
    "forms.items.administered_by": "not carried: schema.org has no property for who gives a form; FHIR and XML carry it",
    "forms.cites": _CITES,
    "indications": "`MedicalCondition` nodes whose `possibleTreatment` is the Drug",
    "indications.heading": _PAGE_PROSE,
    "indications.intro": _PAGE_PROSE,
    "indications.items": "one `MedicalCondition` each",
    "indications.items.name": "`MedicalCondition.name`; the condition's `possibleTreatment` is the Drug",
    "indications.items.explanation": "`MedicalCondition.description`",
    "indications.items.codes": "`MedicalCondition.code`",
    "indications.items.symptoms": "`MedicalCondition.signOrSymptom`: `MedicalSignOrSymptom` with `name`, `description`, `code`",
    "indications.items.cites": _CITES,
    "indications.items.applies_to": "`MedicalCondition.possibleTreatment` names the dose-form and brand `Drug`s instead of the Drug",
    "indications.items.population": _WHO,
    "indications.cites": _CITES,
    "mechanism": "`Drug.mechanismOfAction`",
    "mechanism.heading": _PAGE_PROSE,
    "mechanism.text": "`Drug.mechanismOfAction` (plain text)",
    "mechanism.fully_understood": "not carried as a flag (no property); the mechanism text says so",
    "mechanism.cites": _CITES,
    "side_effects": (
        "`MedicalTherapy` (one per Drug node with something to say; `drug` is that node): `adverseOutcome`, "
        "`seriousAdverseOutcome`"
    ),
    "side_effects.heading": _PAGE_PROSE,
    "side_effects.intro": _PAGE_PROSE,
    "side_effects.items": "one `MedicalSignOrSymptom` each, under `adverseOutcome` or `seriousAdverseOutcome`",
    "side_effects.items.name": (
        "`MedicalTherapy.adverseOutcome` (or `seriousAdverseOutcome` when serious): "
        "`MedicalSignOrSymptom.name`"
    ),
    "side_effects.items.explanation": "`description` of the side effect's `MedicalSignOrSymptom`",
    "side_effects.items.note": "`description` of the side effect's `MedicalSignOrSymptom` (after the explanation)",
    "side_effects.items.frequency": (
        "not carried: schema.org has no frequency for an adverse outcome; the HTML page groups side effects "
        "by it"
    ),
    "side_effects.items.serious": "chooses `seriousAdverseOutcome` over `adverseOutcome`",
    "side_effects.items.codes": "`code` of the side effect's `MedicalSignOrSymptom`",
    "side_effects.items.cites": _CITES,
    "side_effects.items.applies_to": "puts the side effect on the `MedicalTherapy` of the dose-form or brand `Drug`s it names",
    "side_effects.items.population": _WHO,
    "side_effects.items.rate": (
        "`description` of the side effect's `MedicalSignOrSymptom`: `12% of people vs 11% on placebo`, "
        "as the page says it, in the monograph's language; "
        "schema.org has no property for a rate"
    ),
    "side_effects.outro": _PAGE_PROSE,
    "side_effects.cites": _CITES,
    "boxed_warning": (
        "`warning` of the Drug node(s) it applies to, and `seriousAdverseOutcome` of their `MedicalTherapy`; a boxed "
        "warning with `applies_to` is never on the main `Drug`; each of several warnings on the Drug node(s) of its own "
        "forms and brands only"
    ),
    "boxed_warning.heading": _PAGE_PROSE,
    "boxed_warning.intro": _PAGE_PROSE,
    "boxed_warning.text": "first `warning` of the Drug node(s) it applies to",
    "boxed_warning.risks": (
        "`seriousAdverseOutcome` of the `MedicalTherapy` of the Drug node(s) it applies to: `MedicalEntity` with "
        "`name`, `description`, `code`"
    ),
    "boxed_warning.advice": "`warning` of the same Drug node(s), after the warning text",
    "boxed_warning.applies_to": _SCOPED,
    "boxed_warning.population": (
        "`description` of each risk's `MedicalEntity`, as `Who: <who>`; the `warning` takes text only, and the "
        "warning's text says who"
    ),
    "boxed_warning.cites": _CITES,
    "precautions": (
        "`warning`, `pregnancyWarning`, `breastfeedingWarning`, `alcoholWarning`, `interactingDrug` of the Drug "
        "node(s) each applies to; `MedicalTherapy.contraindication` for contraindications only"
    ),
    "precautions.heading": _PAGE_PROSE,
    "precautions.intro": _PAGE_PROSE,
    "precautions.items": "see the fields below",
    "precautions.items.kind": (
        "chooses the properties below: `pregnancy` also gives `pregnancyWarning`, `breastfeeding` "
        "`breastfeedingWarning`; the kind never makes a contraindication"
    ),
    "precautions.items.contraindicated": (
        "`true`: also a `MedicalContraindication` on the `MedicalTherapy` of the Drug node(s) it applies to; "
        "`false` (use with caution): a `warning` only, never a contraindication"
    ),
    "precautions.items.text": (
        "`warning`; also `pregnancyWarning` (pregnancy), `breastfeedingWarning` (breastfeeding), `alcoholWarning` "
        "(an interaction with alcohol), and `MedicalContraindication.name` when contraindicated"
    ),
    "precautions.items.concepts": (
        "`code` of the precaution's `MedicalContraindication` (every concept's codes); its name is the precaution "
        "text the page shows; a caution's concepts are not carried as data (a `warning` is text)"
    ),
    "precautions.items.effects": "not carried as data: schema.org has no property for an interaction's effect; the text says it",
    "precautions.items.risk_factors": "not carried as data: no property ties a risk factor to a warning; the text says it",
    "precautions.items.warning_signs": "not carried as data: no property ties warning signs to a warning; the text says it",
    "precautions.items.above_dose": "not carried as data: a `warning` takes text only; the text says it",
    "precautions.items.applies_to": _SCOPED,
    "precautions.items.population": (
        "`description` of the precaution's `MedicalContraindication`, as `Who: <who>`; for a caution, not carried "
        "as data (a `warning` is text)"
    ),
    "precautions.items.interactants": (
        "`Drug.interactingDrug` (`Drug` with `name`, `code`) for interactants of kind `drug`; alcohol selects "
        "`alcoholWarning`; substances and drug classes are not carried otherwise (`interactingDrug` takes a "
        "Drug only), the precaution text names them"
    ),
    "precautions.items.effect": "not carried separately: part of the precaution text in `Drug.warning`",
    "precautions.items.cites": _CITES,
    "precautions.outro": _PAGE_PROSE,
    "precautions.cites": _CITES,
    "advice": "`warning` of the Drug node(s) each applies to",
    "advice.heading": _PAGE_PROSE,
    "advice.items": "`Drug.warning`",
    "advice.items.topic": "not carried: no property; the HTML page shows it as the advice's heading",
    "advice.items.text": "`Drug.warning` (plain text), after the precautions",
    "advice.items.cites": _CITES,
    "advice.items.applies_to": _SCOPED,
    "advice.items.population": "not carried as data: `warning` takes text only; the advice's text says who",
    "citations": (
        "`MedicalWebPage.citation`: `CreativeWork` (`Article` for an article, `WebPage` for a website; a drug "
        "label, drug facts label, medication guide, patient information or guideline is a `CreativeWork`) with "
        "`name` (title), `url`, `publisher` (`Organization`) and `datePublished`; prescribing information "
        "URLs are also `Drug.prescribingInfo`"
    ),
    "citations.id": "not carried: ids are for references inside the source file",
}


_DOSING: dict[str, str] = {
    "schema_version": "not carried: it says which schema the source was written for, not a fact of the drug",
    "dosing": "`doseSchedule` and `maximumIntake` of the Drug node(s) each instruction applies to",
    "dosing.heading": _PAGE_PROSE,
    "dosing.intro": _PAGE_PROSE,
    "dosing.outro": _PAGE_PROSE,
    "dosing.cites": _CITES,
    "dosing.items": "one `RecommendedDoseSchedule` per step (one without a dose when there are no steps)",
    "dosing.items.text": "`name` of each of the instruction's `RecommendedDoseSchedule`s (and of a maximum without its own text)",
    "dosing.items.indication": "`description` of the schedules: the indication's name and explanation, as the page heads the schedule",
    "dosing.items.applies_to": _SCOPED,
    "dosing.items.population": "`DoseSchedule.targetPopulation` (text built from the data: `adults`, `age 2 to 5 years`)",
    "dosing.items.steps": "one `RecommendedDoseSchedule` each",
    "dosing.items.steps.dose": (
        "`doseValue` (an exact amount; a range has none, as `doseValue` takes one number, and the text says it) "
        "and `doseUnit` (the unit as people write it: `mg`, `mcg`, `tablet`)"
    ),
    "dosing.items.steps.times": "`DoseSchedule.frequency`: `3 times per day`, `3 to 4 times per day`",
    "dosing.items.steps.period": "`DoseSchedule.frequency`: `... per day`, `... per 2 weeks`",
    "dosing.items.steps.every": "`DoseSchedule.frequency`: `every 6 to 8 hours`",
    "dosing.items.steps.as_needed": "`DoseSchedule.frequency`: `as needed`",
    "dosing.items.steps.duration": "`DoseSchedule.frequency`: `for 3 days`",
    "dosing.items.steps.after": "`DoseSchedule.frequency`: `starting 2 weeks after the step before`",
    "dosing.items.steps.divided_into": "`DoseSchedule.frequency`: `divided into 3 doses`",
    "dosing.items.steps.text": "`description` of the step's `RecommendedDoseSchedule`",
    "dosing.items.maximum": (
        "`maximumIntake` of the same Drug node(s): `MaximumDoseSchedule` with `doseValue`, `doseUnit`, `frequency` "
        "(`per 24 hours`, or `per dose` without `per`), `targetPopulation`"
    ),
    "dosing.items.maximum.text": "`MaximumDoseSchedule.name` (the instruction's text when the maximum has none)",
    "dosing.items.maximum.ingredient": (
        "`MaximumDoseSchedule.description`: the amount and the ingredient in the page's words (`4,000 mg of "
        "acetaminophen`); DoseSchedule has no property for an ingredient"
    ),
    "dosing.items.infusion_duration": "`description` of the schedules: `Given as an infusion over 30 minutes.` (in the monograph's language, in the page's words)",
    "dosing.items.premedication": (
        "`description` of the schedules: `Given first, to prevent reactions: <names>` (in the monograph's language, in the page's words) (the names only: no property takes a "
        "premedication as a Drug)"
    ),
    "dosing.items.observation": "`description` of the schedules: `You will be watched for 1 hour after the dose.` (in the monograph's language, in the page's words)",
    "dosing.items.administered_by": "`description` of the schedules: `Who gives it: a healthcare professional gives it` (in the monograph's language, in the page's words)",
    "dosing.items.cites": _CITES,
    "monitoring": (
        "`MedicalTest` nodes: tests before the first dose or each dose are `preparation` of the `MedicalTherapy` of "
        "the Drug node(s) they apply to; tests during or after treatment are that therapy's `followup` (text), and "
        "the page `mentions` the test"
    ),
    "monitoring.heading": _PAGE_PROSE,
    "monitoring.intro": _PAGE_PROSE,
    "monitoring.outro": _PAGE_PROSE,
    "monitoring.cites": _CITES,
    "monitoring.items": "one `MedicalTest` each",
    "monitoring.items.test": "`MedicalTest` with `name`, `description` (explanation, then the text) and `code` (LOINC and others)",
    "monitoring.items.when": "chooses `preparation` (before-start, before-each-dose) and/or `followup` (during, after-stopping)",
    "monitoring.items.text": "`MedicalTest.description`, and `MedicalTherapy.followup` for tests during or after treatment",
    "monitoring.items.applies_to": _SCOPED,
    "monitoring.items.population": _WHO,
    "monitoring.items.cites": _CITES,
}

_INSTRUCTIONS: dict[str, str] = {}
for _section, _home in (
    ("missed_dose", "a `WebPageElement` in `MedicalWebPage.hasPart` per entry (`name`: the section heading, `text`)"),
    ("storage", "a `WebPageElement` in `MedicalWebPage.hasPart` per entry (`name`: the section heading, `text`)"),
    ("overdose", "`overdosage` (text) of the Drug node(s) each entry applies to"),
):
    _INSTRUCTIONS.update({
        _section: _home + "; schema.org's Drug has no property for it" * (_section != "overdose"),
        f"{_section}.heading": "`WebPageElement.name`" if _section != "overdose" else _PAGE_PROSE,
        f"{_section}.intro": _PAGE_PROSE,
        f"{_section}.outro": _PAGE_PROSE,
        f"{_section}.cites": _CITES,
        f"{_section}.items": _home,
        f"{_section}.items.text": "`WebPageElement.text` (plain text)" if _section != "overdose" else "`overdosage` (plain text)",
        f"{_section}.items.applies_to": (
            "`WebPageElement.about`: the Drug node(s) the entry is said of" if _section != "overdose" else _SCOPED),
        f"{_section}.items.population": "not carried as data: no property for it; the entry's text says who",
        f"{_section}.items.cites": _CITES,
    })
_INSTRUCTIONS["storage.items.temperature"] = "not carried as data: schema.org has no storage temperature; the text says it"
_INSTRUCTIONS["storage.items.disposal"] = "not carried as a flag: no property; the text says it"
_INSTRUCTIONS["overdose.items.symptoms"] = "not carried as data: `overdosage` takes text only; the text names them"

MAPPING.update(_DOSING)
MAPPING.update(_INSTRUCTIONS)

COLUMNS = {"JSON-LD": MAPPING}
