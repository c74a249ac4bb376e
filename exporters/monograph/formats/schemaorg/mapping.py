"""Where each monograph field lands in the schema.org JSON-LD: the JSON-LD column of docs/mapping.md."""

from __future__ import annotations

_PAGE_PROSE = "not carried: page prose; the HTML page that embeds this JSON-LD shows it"
_CITES = "not carried per statement (schema.org cites from creative works only); every source is a `MedicalWebPage.citation`"
_FORM_CODES = "not carried: `dosageForm` and `administrationRoute` take text only; the codes are in FHIR and XML"

MAPPING: dict[str, str] = {
    "id": "not carried as such; it names the output file, and node ids derive from the canonical URL",
    "language": "`MedicalWebPage.inLanguage`",
    "title": "`MedicalWebPage.name`",
    "url": "`MedicalWebPage.@id` and `.url`; node ids are this URL plus a fragment (`#drug`, `#form-ID`)",
    "publisher": "`MedicalWebPage.publisher` (`Organization` with `name`, `url`)",
    "summary": "`MedicalWebPage.description` (plain text)",
    "review": "`MedicalWebPage.reviewedBy` and `.lastReviewed`",
    "review.reviewed_by": "`MedicalWebPage.reviewedBy` (`Organization` or `Person` with `name`)",
    "review.last_reviewed": "`MedicalWebPage.lastReviewed` as written (ISO 8601, reduced precision for a month or a year)",
    "modified": "`MedicalWebPage.dateModified` as written",
    "drug": "the `Drug` node (`@id` `#drug`), the page's `mainEntity`",
    "drug.generic_name": "`Drug.name` and `Drug.nonProprietaryName`; `nonProprietaryName` of each dose-form `Drug`",
    "drug.supply": "`Drug.prescriptionStatus`: `https://schema.org/PrescriptionOnly` or `https://schema.org/OTC`",
    "drug.codes": "`Drug.code`: `MedicalCode` with `codingSystem` (RxNorm, ATC, UNII, SNOMED CT) and `codeValue`",
    "drug.classes": "`Drug.drugClass`: `DrugClass` with `name`, `description` (explanation) and `code`",
    "ingredients": "`Drug.activeIngredient`",
    "ingredients.heading": _PAGE_PROSE,
    "ingredients.intro": _PAGE_PROSE,
    "ingredients.items": "`Drug.activeIngredient`",
    "ingredients.items.name": (
        "`Drug.activeIngredient` (text) on the Drug and each dose-form `Drug`; "
        "`DrugStrength.activeIngredient` when there is one ingredient"
    ),
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
    "forms.items.route.name": "`administrationRoute` of the dose-form `Drug`, and `Drug.administrationRoute`",
    "forms.items.route.explanation": "not carried: `administrationRoute` takes one text; the HTML page shows it",
    "forms.items.route.codes": _FORM_CODES,
    "forms.items.delivery": "`description` of the dose-form `Drug`",
    "forms.items.strengths": (
        "`availableStrength` of the dose-form `Drug`: `DrugStrength` with `strengthValue` (amount) and "
        "`strengthUnit` (`mg`, `mg/5 mL`, `mcg/mL`)"
    ),
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
    "indications.cites": _CITES,
    "mechanism": "`Drug.mechanismOfAction`",
    "mechanism.heading": _PAGE_PROSE,
    "mechanism.text": "`Drug.mechanismOfAction` (plain text)",
    "mechanism.fully_understood": "not carried as a flag (no property); the mechanism text says so",
    "mechanism.cites": _CITES,
    "side_effects": "`MedicalTherapy` (`drug` is the Drug): `adverseOutcome`, `seriousAdverseOutcome`",
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
    "side_effects.outro": _PAGE_PROSE,
    "side_effects.cites": _CITES,
    "boxed_warning": "`Drug.warning` and `MedicalTherapy.seriousAdverseOutcome`",
    "boxed_warning.heading": _PAGE_PROSE,
    "boxed_warning.intro": _PAGE_PROSE,
    "boxed_warning.text": "first `Drug.warning`; also `warning` of each dose-form `Drug` it applies to",
    "boxed_warning.risks": "`MedicalTherapy.seriousAdverseOutcome`: `MedicalEntity` with `name`, `description`, `code`",
    "boxed_warning.advice": "`Drug.warning`, after the warning text; also on the dose-form `Drug`s it applies to",
    "boxed_warning.applies_to": "the boxed warning is also the `warning` of these dose-form `Drug`s (`#form-ID`)",
    "boxed_warning.cites": _CITES,
    "precautions": (
        "`Drug.warning`, `pregnancyWarning`, `breastfeedingWarning`, `alcoholWarning`, `interactingDrug`; "
        "`MedicalTherapy.contraindication`"
    ),
    "precautions.heading": _PAGE_PROSE,
    "precautions.intro": _PAGE_PROSE,
    "precautions.items": "see the fields below",
    "precautions.items.kind": (
        "chooses the properties below: `pregnancy` also gives `Drug.pregnancyWarning`, `breastfeeding` "
        "`Drug.breastfeedingWarning`; `condition`, `population`, `pregnancy` and `breastfeeding` give a "
        "`MedicalContraindication`"
    ),
    "precautions.items.contraindicated": (
        "a contraindicated precaution of any kind (an interaction too) is a `MedicalContraindication` on the "
        "`MedicalTherapy`; its text stays in `Drug.warning`"
    ),
    "precautions.items.text": (
        "`Drug.warning`; also `Drug.pregnancyWarning` (pregnancy), `Drug.breastfeedingWarning` (breastfeeding), "
        "`Drug.alcoholWarning` (an interaction with alcohol), and `MedicalContraindication.name` on the "
        "`MedicalTherapy` (condition, population, pregnancy, breastfeeding, or contraindicated)"
    ),
    "precautions.items.concepts": (
        "`code` of the precaution's `MedicalContraindication`; its name is the precaution text the page shows"
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
    "advice": "`Drug.warning`",
    "advice.heading": _PAGE_PROSE,
    "advice.items": "`Drug.warning`",
    "advice.items.topic": "not carried: no property; the HTML page shows it as the advice's heading",
    "advice.items.text": "`Drug.warning` (plain text), after the precautions",
    "advice.items.cites": _CITES,
    "citations": (
        "`MedicalWebPage.citation`: `CreativeWork` (`Article` for an article, `WebPage` for a website) with "
        "`name` (title), `url`, `publisher` (`Organization`) and `datePublished`; prescribing information "
        "URLs are also `Drug.prescribingInfo`"
    ),
    "citations.id": "not carried: ids are for references inside the source file",
}


# Schema 2.0 sections this exporter does not carry yet; the content-model work replaces these with real mappings.
_PENDING_2_0 = "not carried yet (schema 2.0 work in progress)"
for _field in ("schema_version", "dosing", "monitoring", "missed_dose", "storage", "overdose"):
    MAPPING.setdefault(_field, _PENDING_2_0)

COLUMNS = {"JSON-LD": MAPPING}
