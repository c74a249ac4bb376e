"""Where each monograph field shows on the HTML page: the HTML column of docs/mapping.md."""

from __future__ import annotations

_SECTIONS = "shown as a section with this heading"
_SCOPE = "\"Applies to: FORM, BRAND\" after the statement"
_POPULATION = "\"Who: adults, 18 years and older\" after the statement (group, ages, weight, sex, pregnancy, conditions)"
_CODES = "not shown (patient page); in the JSON-LD"

MAPPING: dict[str, str] = {
    "schema_version": "not shown",
    "id": "not shown; it names the output file (`html/ID.html`)",
    "language": "`<html lang>`, `dir=\"rtl\"` for right-to-left languages and scripts, and the interface language (messages/LANG.po)",
    "title": "`<title>` and the `<h1>`",
    "url": "`<link rel=\"canonical\">` and the JSON-LD",
    "publisher": "the site header, the footer (\"Published by\", linked to the publisher's website) and the `<title>` suffix",
    "summary": "the opening paragraphs after the safety boxes, and `<meta name=\"description\">` as plain text",
    "review": "the line under the title and in the footer: \"Reviewed by: NAME | Last reviewed: April 2023\"; with no review block, \"This page has not been medically reviewed.\" instead",
    "review.last_reviewed": "the review line, as CLDR writes dates in the page's language, inside `<time datetime=\"2023-04\">`",
    "modified": "the line under the title: \"Updated: ...\" in a `<time>` element",
    "drug": "the drug facts box after the summary",
    "drug.generic_name": "drug facts: \"Generic name\"",
    "drug.supply": "drug facts: \"Availability\", one line per status with its schedule, jurisdiction (named by CLDR), forms or brands, note and sources",
    "drug.programs": "a \"Safety programs\" section: name (linked), kind, forms or brands, text",
    "drug.codes": "not shown; in the facts box's `data-codes` attribute (`rxnorm:1292 atc:M03BX01 ...`; former codes in `data-former-codes`) and the JSON-LD",
    "drug.classes": "drug facts: \"Drug class\" (name and explanation); class codes are in the JSON-LD only",
    "ingredients": f"{_SECTIONS}; active ingredients listed unless the intro already names them all; excipients under \"Inactive ingredients the label names\"",
    "ingredients.items.codes": _CODES,
    "ingredients.items.applies_to": _SCOPE,
    "brands": f"{_SECTIONS}; each brand in bold with the dose forms it is sold as",
    "forms": f"{_SECTIONS}; a captioned table: form, how it is given (route, or routes joined by the page language's "
             "'or', delivery, who gives it), strengths (with the ingredient of each amount)",
    "forms.items.id": "not shown; scoped statements name the form instead",
    "forms.items.codes": "not shown (patient page); carried in FHIR and XML",
    "forms.items.route.codes": "not shown (patient page); carried in FHIR and XML",
    "indications": f"{_SECTIONS}, first after the summary; conditions with their symptoms as a nested list",
    "indications.items.codes": _CODES,
    "indications.items.symptoms.codes": _CODES,
    "mechanism": f"{_SECTIONS}, after the indications",
    "mechanism.fully_understood": "not shown as a flag; the mechanism text says it",
    "dosing": f"{_SECTIONS}; one block per instruction: what and whom it is for, the text, the schedule as numbered steps, maximums, infusion time, premedication, observation, who gives it",
    "monitoring": f"{_SECTIONS}; each test in bold with when it is done, scope, population and text",
    "missed_dose": f"{_SECTIONS}, after dosing",
    "storage": f"{_SECTIONS}, after the side effects; temperature range in °C and a \"Throwing it away\" label for disposal",
    "overdose": f"{_SECTIONS}; signs of an overdose, then the publisher's emergency line (monograph.toml [page] emergency)",
    "side_effects": f"{_SECTIONS}; serious ones first under \"Call your doctor right away if you have:\", the rest grouped by frequency",
    "side_effects.items.serious": "puts the side effect in the \"Call your doctor right away\" group, with its frequency",
    "side_effects.items.rate": "\"(12% of people vs 11% on placebo)\" after the name",
    "side_effects.items.note": "after the name and explanation, following a dash",
    "side_effects.items.codes": _CODES,
    "boxed_warning": "a bordered box at the top of the article, before the summary, with the forms it applies to first; one box per warning when there are several, in the source's order",
    "boxed_warning.risks": "named in the box (\"Risks: ...\") unless the warning's text already names them; codes in the JSON-LD",
    "boxed_warning.applies_to": "\"Applies to: FORM\" at the top of the box",
    "precautions": f"{_SECTIONS}; one list item per caution; absolute contraindications are in the \"Do not use\" box at the top instead",
    "precautions.items.kind": "not shown; it selects the JSON-LD properties",
    "precautions.items.contraindicated": "true: in the \"Do not use DRUG if\" box at the top, tagged \"do not use\"; false: a caution in the section, never tagged",
    "precautions.items.concepts": "not shown (the precaution's text names it); its codes are in the JSON-LD",
    "precautions.items.interactants": "named after the precaution (\"Interacts with: ...\") unless its text already names them; codes in the JSON-LD",
    "precautions.items.effect": "after the precaution's text unless the text already says it",
    "precautions.items.effects": "\"Can cause: ...\" unless the text names them",
    "precautions.items.risk_factors": "\"More likely in: ...\"",
    "precautions.items.warning_signs": "\"Warning signs: ...\"",
    "precautions.items.above_dose": "\"The risk applies above: 400 mg in 1 day\"",
    "dosing.items.maximum.ingredient": "\"At most 4,000 mg of acetaminophen in 24 hours\"",
    "advice": f"{_SECTIONS}; one heading per topic (\"Driving\"), advice without a topic under \"More advice\"",
    "citations": (
        "the numbered \"Sources\" list at the end: linked title, publisher, date; statements that cite them "
        "carry footnote-style superscript links to it"
    ),
    "citations.id": "the superscript numbers that link each statement to its source",
}
for _section in ("indications", "side_effects", "precautions", "advice", "dosing", "monitoring", "missed_dose",
                 "storage", "overdose"):
    MAPPING[f"{_section}.items.applies_to"] = _SCOPE
    MAPPING[f"{_section}.items.population"] = _POPULATION
MAPPING["drug.supply.applies_to"] = "the forms or brands after the status"
MAPPING["drug.programs.applies_to"] = _SCOPE
MAPPING["boxed_warning.population"] = _POPULATION
for _path in ("ingredients.cites", "brands.cites", "forms.cites", "indications.cites", "indications.items.cites",
              "mechanism.cites", "side_effects.cites", "side_effects.items.cites", "boxed_warning.cites",
              "precautions.cites", "precautions.items.cites", "advice.items.cites"):
    MAPPING[_path] = "superscript source numbers linking to the \"Sources\" list, after the intro (or the statement); a section without an intro names its sources under it"

COLUMNS = {"HTML": MAPPING}
