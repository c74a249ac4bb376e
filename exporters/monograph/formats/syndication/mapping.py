"""Where each monograph field lands in the syndication XML: the XML column of docs/mapping.md."""

from __future__ import annotations


def _codes_at(path: str) -> str:
    return (f"`{path}/codes/code` (`@system` = rxnorm, atc, unii, snomed, edqm or loinc, in that order; several per "
            "system, the current first; codes no longer current after them with `@former='true'`)")


_SCOPE = (
    "`appliesTo` of the statement's element: `formRef/@ref` (a dose form id) then `brandRef/@name` (a brand name), "
    "each checked against `drug/forms` and `drug/brands` by the schema; absent for a whole-drug statement"
)
_WHO = (
    "`population` of the statement's element: `@group`, `@sex`, `@pregnancy`, `name`, `age` and `weight` "
    "(`@unit`, `@min`, `@max`, inclusive), `conditions/concept`"
)


MAPPING: dict[str, str] = {
    "id": "`/monograph/@id`",
    "language": "`/monograph/@xml:lang`",
    "title": "`/monograph/metadata/title`",
    "url": "`/monograph/metadata/url`",
    "publisher": "`/monograph/metadata/publisher` (`name`, `url`)",
    "summary": "`/monograph/metadata/summary`: rich text (`p` with `em`, `strong`, `a`)",
    "review": "`/monograph/metadata/review`; absent when the content has not been medically reviewed",
    "review.reviewed_by": "`/monograph/metadata/review/reviewer`",
    "review.reviewed_by.name": "`/monograph/metadata/review/reviewer` (text)",
    "review.reviewed_by.type": "`/monograph/metadata/review/reviewer/@type`",
    "review.last_reviewed": "`/monograph/metadata/review/lastReviewed` (xs:gYear, xs:gYearMonth or xs:date)",
    "modified": "`/monograph/metadata/modified`",
    "drug": "`/monograph/drug`",
    "drug.generic_name": "`/monograph/drug/genericName`",
    "drug.supply": "`/monograph/drug/supply/status`, one per entry, in source order",
    "drug.supply.status": "`/monograph/drug/supply/status/@status`",
    "drug.supply.jurisdiction": "`/monograph/drug/supply/status/@jurisdiction` (absent when the file names none)",
    "drug.supply.schedule": "`/monograph/drug/supply/status/@schedule`",
    "drug.supply.note": "`/monograph/drug/supply/status/note`",
    "drug.supply.applies_to": "`/monograph/drug/supply/status/appliesTo` (`formRef/@ref`, `brandRef/@name`)",
    "drug.supply.cites": "`/monograph/drug/supply/status/cite/@ref`",
    "drug.programs": "`/monograph/drug/programs/program`",
    "drug.programs.name": "`/monograph/drug/programs/program/name`",
    "drug.programs.kind": "`/monograph/drug/programs/program/@kind`",
    "drug.programs.text": "`/monograph/drug/programs/program/text`: rich text",
    "drug.programs.url": "`/monograph/drug/programs/program/url`",
    "drug.programs.applies_to": "`/monograph/drug/programs/program/appliesTo`",
    "drug.programs.cites": "`/monograph/drug/programs/program/cite/@ref`",
    "drug.codes": _codes_at("/monograph/drug"),
    "drug.classes": "`/monograph/drug/classes/class` (`name`, `explanation`, `codes/code[@system]`)",
    "ingredients": "`/monograph/section[@type='ingredients']` (heading, intro, cites); items in `/monograph/drug/ingredients`",
    "ingredients.heading": "`/monograph/section[@type='ingredients']/heading` (the standard heading when the source has none)",
    "ingredients.intro": "`/monograph/section[@type='ingredients']/intro`: rich text",
    "ingredients.items": "`/monograph/drug/ingredients/ingredient` (`name`, `explanation`, `codes/code[@system]`)",
    "ingredients.items.role": "`/monograph/drug/ingredients/ingredient/@role` (active or excipient, always written)",
    "ingredients.items.applies_to": "`/monograph/drug/ingredients/ingredient/appliesTo`",
    "ingredients.items.cites": "`/monograph/drug/ingredients/ingredient/cite/@ref`",
    "ingredients.cites": "`/monograph/section[@type='ingredients']/cite/@ref`",
    "brands": "`/monograph/section[@type='brands']` (heading, intro, cites); items in `/monograph/drug/brands`",
    "brands.heading": "`/monograph/section[@type='brands']/heading`",
    "brands.intro": "`/monograph/section[@type='brands']/intro`: rich text",
    "brands.items": "`/monograph/drug/brands/brand`",
    "brands.items.name": "`/monograph/drug/brands/brand/name`",
    "brands.items.forms": "`/monograph/drug/brands/brand/formRef/@ref` (checked against `drug/forms/form/@id` by the schema)",
    "brands.cites": "`/monograph/section[@type='brands']/cite/@ref`",
    "forms": "`/monograph/section[@type='forms']` (heading, intro, cites); items in `/monograph/drug/forms`",
    "forms.heading": "`/monograph/section[@type='forms']/heading`",
    "forms.intro": "`/monograph/section[@type='forms']/intro`: rich text",
    "forms.items": "`/monograph/drug/forms/form`",
    "forms.items.id": "`/monograph/drug/forms/form/@id`",
    "forms.items.name": "`/monograph/drug/forms/form/name`",
    "forms.items.codes": _codes_at("/monograph/drug/forms/form"),
    "forms.items.route": "`/monograph/drug/forms/form/route` (`name`, `explanation`, `codes/code[@system]`), one "
                         "element per route",
    "forms.items.delivery": "`/monograph/drug/forms/form/delivery`",
    "forms.items.strengths": (
        "`/monograph/drug/forms/form/strengths/strength` (`@perAmount`, `@perUnit`; one `content` per ingredient with "
        "`@amount`, `@unit` and `@ingredient` (the ingredient's name, absent when the strength names none); `text`: "
        "the strength as written, such as `5 mg/5 mL` or `875 mg/125 mg`)"
    ),
    "forms.items.administered_by": "`/monograph/drug/forms/form/@administeredBy`",
    "forms.cites": "`/monograph/section[@type='forms']/cite/@ref`",
    "indications": "`/monograph/section[@type='indications'][@code='34067-9']`",
    "indications.heading": "`/monograph/section[@type='indications']/heading`",
    "indications.intro": "`/monograph/section[@type='indications']/intro`: rich text",
    "indications.items": "`/monograph/section[@type='indications']/indication`",
    "indications.items.name": "`/monograph/section[@type='indications']/indication/name`",
    "indications.items.explanation": "`/monograph/section[@type='indications']/indication/explanation`",
    "indications.items.codes": _codes_at("/monograph/section[@type='indications']/indication"),
    "indications.items.symptoms": "`/monograph/section[@type='indications']/indication/symptoms/symptom` (`name`, `explanation`, `codes/code[@system]`)",
    "indications.items.cites": "`/monograph/section[@type='indications']/indication/cite/@ref`",
    "indications.items.applies_to": _SCOPE,
    "indications.items.population": _WHO,
    "indications.cites": "`/monograph/section[@type='indications']/cite/@ref`",
    "mechanism": "`/monograph/section[@type='mechanism'][@code='43679-0']`",
    "mechanism.heading": "`/monograph/section[@type='mechanism']/heading`",
    "mechanism.text": "`/monograph/section[@type='mechanism']/mechanism`: rich text",
    "mechanism.fully_understood": "`/monograph/section[@type='mechanism']/mechanism/@fullyUnderstood`",
    "mechanism.cites": "`/monograph/section[@type='mechanism']/cite/@ref`",
    "side_effects": "`/monograph/section[@type='side-effects'][@code='34084-4']`",
    "side_effects.heading": "`/monograph/section[@type='side-effects']/heading`",
    "side_effects.intro": "`/monograph/section[@type='side-effects']/intro`: rich text",
    "side_effects.items": "`/monograph/section[@type='side-effects']/sideEffect`",
    "side_effects.items.name": "`/monograph/section[@type='side-effects']/sideEffect/name`",
    "side_effects.items.explanation": "`/monograph/section[@type='side-effects']/sideEffect/explanation`",
    "side_effects.items.note": "`/monograph/section[@type='side-effects']/sideEffect/note`",
    "side_effects.items.frequency": "`/monograph/section[@type='side-effects']/sideEffect/@frequency`",
    "side_effects.items.serious": "`/monograph/section[@type='side-effects']/sideEffect/@serious` (always written, `true` or `false`)",
    "side_effects.items.codes": _codes_at("/monograph/section[@type='side-effects']/sideEffect"),
    "side_effects.items.cites": "`/monograph/section[@type='side-effects']/sideEffect/cite/@ref`",
    "side_effects.items.applies_to": _SCOPE,
    "side_effects.items.population": _WHO,
    "side_effects.items.rate": "`/monograph/section[@type='side-effects']/sideEffect/rate` (`@percent`, `@comparatorPercent`, `@comparator`)",
    "side_effects.outro": "`/monograph/section[@type='side-effects']/outro`: rich text",
    "side_effects.cites": "`/monograph/section[@type='side-effects']/cite/@ref`",
    "boxed_warning": (
        "`/monograph/section[@type='boxed-warning'][@code='34066-1']/boxedWarning`; several warnings are several "
        "`boxedWarning` in the one section, each with its own `heading`, `intro` and `cite` (the section then has the "
        "first's heading and no intro or cites of its own)"
    ),
    "boxed_warning.heading": "`/monograph/section[@type='boxed-warning']/heading`; of several warnings, each's `boxedWarning/heading`",
    "boxed_warning.intro": "`/monograph/section[@type='boxed-warning']/intro`: rich text; of several warnings, each's `boxedWarning/intro`",
    "boxed_warning.text": "`/monograph/section[@type='boxed-warning']/boxedWarning/text`: rich text",
    "boxed_warning.risks": "`/monograph/section[@type='boxed-warning']/boxedWarning/risks/risk` (`name`, `explanation`, `codes/code[@system]`)",
    "boxed_warning.advice": "`/monograph/section[@type='boxed-warning']/boxedWarning/advice`: rich text",
    "boxed_warning.applies_to": "`/monograph/section[@type='boxed-warning']/boxedWarning/appliesTo` (`formRef/@ref`, `brandRef/@name`, checked by the schema)",
    "boxed_warning.population": _WHO,
    "boxed_warning.cites": "`/monograph/section[@type='boxed-warning']/cite/@ref`; of several warnings, each's `boxedWarning/cite/@ref`",
    "precautions": "`/monograph/section[@type='precautions'][@code='42232-9']`",
    "precautions.heading": "`/monograph/section[@type='precautions']/heading`",
    "precautions.intro": "`/monograph/section[@type='precautions']/intro`: rich text",
    "precautions.items": "`/monograph/section[@type='precautions']/precaution`",
    "precautions.items.kind": "`/monograph/section[@type='precautions']/precaution/@kind`",
    "precautions.items.contraindicated": "`/monograph/section[@type='precautions']/precaution/@contraindicated`",
    "precautions.items.text": "`/monograph/section[@type='precautions']/precaution/text`",
    "precautions.items.concepts": "`/monograph/section[@type='precautions']/precaution/concept`, one per concept (`name`, `explanation`, `codes/code[@system]`)",
    "precautions.items.effects": "`/monograph/section[@type='precautions']/precaution/effects/concept`",
    "precautions.items.risk_factors": "`/monograph/section[@type='precautions']/precaution/riskFactors/concept`",
    "precautions.items.warning_signs": "`/monograph/section[@type='precautions']/precaution/warningSigns/concept`",
    "precautions.items.above_dose": "`/monograph/section[@type='precautions']/precaution/aboveDose` (`@amount`, `@unit`, `per`, `text`)",
    "precautions.items.applies_to": _SCOPE,
    "precautions.items.population": _WHO,
    "precautions.items.interactants": "`/monograph/section[@type='precautions']/precaution/interactants/interactant` (`@kind`, `name`, `codes/code[@system]`)",
    "precautions.items.effect": "`/monograph/section[@type='precautions']/precaution/effect`",
    "precautions.items.cites": "`/monograph/section[@type='precautions']/precaution/cite/@ref`",
    "precautions.outro": "`/monograph/section[@type='precautions']/outro`: rich text",
    "precautions.cites": "`/monograph/section[@type='precautions']/cite/@ref`",
    "advice": "`/monograph/section[@type='advice']`",
    "advice.heading": "`/monograph/section[@type='advice']/heading`",
    "advice.items": "`/monograph/section[@type='advice']/advice`",
    "advice.items.topic": "`/monograph/section[@type='advice']/advice/@topic`",
    "advice.items.text": "`/monograph/section[@type='advice']/advice/p`: rich text",
    "advice.items.cites": "`/monograph/section[@type='advice']/advice/cite/@ref`",
    "advice.items.applies_to": _SCOPE,
    "advice.items.population": _WHO,
    "citations": "`/monograph/citations/citation` (every `cite/@ref` is checked against `@id` by the schema; no `citations` element when there are none)",
    "citations.id": "`/monograph/citations/citation/@id`",
    "citations.kind": "`/monograph/citations/citation/@kind`",
    "citations.title": "`/monograph/citations/citation/title`",
    "citations.url": "`/monograph/citations/citation/url`",
    "citations.publisher": "`/monograph/citations/citation/publisher`",
    "citations.date": "`/monograph/citations/citation/date`",
}


_DOSING = "/monograph/section[@type='dosing'][@code='34068-7']"
_MONITORING = "/monograph/section[@type='monitoring'][@code='34075-2']"
MAPPING.update({
    "schema_version": "`/monograph/@schemaVersion` says the XML contract's version (2.0); the namespace ends in the major version",
    "dosing": f"`{_DOSING}`",
    "dosing.heading": f"`{_DOSING}/heading`",
    "dosing.intro": f"`{_DOSING}/intro`: rich text",
    "dosing.outro": f"`{_DOSING}/outro`: rich text",
    "dosing.cites": f"`{_DOSING}/cite/@ref`",
    "dosing.items": f"`{_DOSING}/dosing`",
    "dosing.items.text": f"`{_DOSING}/dosing/text`: rich text",
    "dosing.items.indication": f"`{_DOSING}/dosing/indication`: the name of an indication in the indications section",
    "dosing.items.applies_to": _SCOPE,
    "dosing.items.population": _WHO,
    "dosing.items.steps": (
        f"`{_DOSING}/dosing/step` (`@times`, or `@timesLow`/`@timesHigh` for a range; `@asNeeded`, `@dividedInto`; "
        "`dose` with `@unit` and `@amount` or "
        "`@low`/`@high`; `period`, `every`, `duration`, `after` with `@unit` and `@value` or `@low`/`@high`; `text`)"
    ),
    "dosing.items.maximum": f"`{_DOSING}/dosing/maximum` (`@amount`, `@unit`, `per`, `text`), one per limit",
    "dosing.items.maximum.ingredient": f"`{_DOSING}/dosing/maximum/@ingredient`",
    "dosing.items.infusion_duration": f"`{_DOSING}/dosing/infusionDuration`",
    "dosing.items.premedication": f"`{_DOSING}/dosing/premedication/concept`",
    "dosing.items.observation": f"`{_DOSING}/dosing/observation`",
    "dosing.items.administered_by": f"`{_DOSING}/dosing/@administeredBy`",
    "dosing.items.cites": f"`{_DOSING}/dosing/cite/@ref`",
    "monitoring": f"`{_MONITORING}`",
    "monitoring.heading": f"`{_MONITORING}/heading`",
    "monitoring.intro": f"`{_MONITORING}/intro`: rich text",
    "monitoring.outro": f"`{_MONITORING}/outro`: rich text",
    "monitoring.cites": f"`{_MONITORING}/cite/@ref`",
    "monitoring.items": f"`{_MONITORING}/monitoringTest`",
    "monitoring.items.test": f"`{_MONITORING}/monitoringTest/test` (`name`, `explanation`, `codes/code[@system]`)",
    "monitoring.items.when": f"`{_MONITORING}/monitoringTest/@when` (a space-separated list)",
    "monitoring.items.text": f"`{_MONITORING}/monitoringTest/text`: rich text",
    "monitoring.items.applies_to": _SCOPE,
    "monitoring.items.population": _WHO,
    "monitoring.items.cites": f"`{_MONITORING}/monitoringTest/cite/@ref`",
})
for _field, _type, _code in (("missed_dose", "missed-dose", None), ("storage", "storage", "44425-7"),
                             ("overdose", "overdose", "34088-5")):
    _at = f"/monograph/section[@type='{_type}']" + (f"[@code='{_code}']" if _code else "")
    MAPPING.update({
        _field: f"`{_at}`",
        f"{_field}.heading": f"`{_at}/heading`",
        f"{_field}.intro": f"`{_at}/intro`: rich text",
        f"{_field}.outro": f"`{_at}/outro`: rich text",
        f"{_field}.cites": f"`{_at}/cite/@ref`",
        f"{_field}.items": f"`{_at}/instruction`",
        f"{_field}.items.text": f"`{_at}/instruction/text`: rich text",
        f"{_field}.items.applies_to": _SCOPE,
        f"{_field}.items.population": _WHO,
        f"{_field}.items.cites": f"`{_at}/instruction/cite/@ref`",
    })
MAPPING["storage.items.temperature"] = "`/monograph/section[@type='storage']/instruction/temperature` (`@min`, `@max`, degrees Celsius)"
MAPPING["storage.items.disposal"] = "`/monograph/section[@type='storage']/instruction/@disposal` (written when true)"
MAPPING["overdose.items.symptoms"] = "`/monograph/section[@type='overdose']/instruction/symptoms/symptom`"

COLUMNS = {"XML": MAPPING}
