"""Where each monograph field shows on the HTML page: the HTML column of docs/mapping.md."""

from __future__ import annotations

_SECTIONS = "shown as a section with this heading"

MAPPING: dict[str, str] = {
    "id": "not shown; it names the output file (`html/ID.html`)",
    "language": "`<html lang>`, and `dir=\"rtl\"` for right-to-left languages and scripts",
    "title": "`<title>` and the `<h1>`",
    "url": "`<link rel=\"canonical\">` and the JSON-LD",
    "publisher": "the footer (\"Published by\", linked to the publisher's website) and the `<title>` suffix",
    "summary": "the opening paragraphs, and `<meta name=\"description\">` as plain text",
    "review": "the line under the title: \"Reviewed by: NAME | Last reviewed: April 2023\"",
    "review.reviewed_by": "the line under the title",
    "review.last_reviewed": "the line under the title, in readable English (`April 2023`) inside `<time datetime=\"2023-04\">`",
    "modified": "the line under the title: \"Updated: ...\" in a `<time>` element",
    "drug": "the drug facts box after the summary",
    "drug.generic_name": "drug facts: \"Generic name\"",
    "drug.supply": "drug facts: \"Availability\" (Prescription only / Over the counter)",
    "drug.codes": "drug facts: \"Codes\" (RxNorm, ATC, UNII, SNOMED CT)",
    "drug.classes": "drug facts: \"Drug class\" (name and explanation); class codes are in the JSON-LD only",
    "ingredients": f"{_SECTIONS}; intro, then the list unless the intro already names every ingredient",
    "ingredients.items.codes": "not shown (codes of the drug are in the facts box); in the JSON-LD",
    "brands": f"{_SECTIONS}; each brand in bold with the dose forms it is sold as",
    "forms": f"{_SECTIONS}; a table: form, how it is given (route and delivery), strengths",
    "forms.items.id": "not shown; the brands list and boxed warning name the form instead",
    "forms.items.codes": "not shown (patient page); carried in FHIR and XML",
    "forms.items.route.codes": "not shown (patient page); carried in FHIR and XML",
    "indications": f"{_SECTIONS}, first after the summary as on the seed page; conditions with their symptoms as a nested list",
    "indications.items.codes": "not shown (patient page); in the JSON-LD",
    "indications.items.symptoms.codes": "not shown (patient page); in the JSON-LD",
    "mechanism": f"{_SECTIONS}",
    "mechanism.fully_understood": "not shown as a flag; the mechanism text says it",
    "side_effects": f"{_SECTIONS}; grouped by frequency (\"Common (1 in 100 people or more)\")",
    "side_effects.items.serious": "a \"serious\" tag after the name",
    "side_effects.items.note": "after the name and explanation, following a dash",
    "side_effects.items.codes": "not shown (patient page); in the JSON-LD",
    "boxed_warning": (
        "a bordered box inside the side-effects section, before its closing words, as on the seed page (its "
        "own section when there are no side effects)"
    ),
    "boxed_warning.risks": "named in the box (\"Risks: ...\") unless the warning's text already names them; codes in the JSON-LD",
    "boxed_warning.applies_to": "\"Applies to: FORM\" at the end of the box",
    "precautions": f"{_SECTIONS}; one list item per precaution",
    "precautions.items.kind": "not shown; it selects the JSON-LD properties",
    "precautions.items.contraindicated": "a \"must not be used\" tag after the precaution",
    "precautions.items.concepts": "not shown (the precaution's text names it); its codes are in the JSON-LD",
    "precautions.items.interactants": (
        "named after the precaution (\"with: ...\") unless its text already names them; codes in the JSON-LD"
    ),
    "precautions.items.effect": "after the precaution's text unless the text already says it",
    "advice": f"{_SECTIONS}; each piece under a heading for its topic (\"Driving\")",
    "citations": (
        "the numbered \"Sources\" list at the end: linked title, publisher, date; statements that cite them "
        "carry footnote-style superscript links to it"
    ),
    "citations.id": "the superscript numbers that link each statement to its source",
}
for _path in ("ingredients.cites", "brands.cites", "forms.cites", "indications.cites", "indications.items.cites",
              "mechanism.cites", "side_effects.cites", "side_effects.items.cites", "boxed_warning.cites",
              "precautions.cites", "precautions.items.cites", "advice.items.cites"):
    MAPPING[_path] = "superscript source numbers linking to the \"Sources\" list, after the intro (or the statement)"


# Schema 2.0 sections this exporter does not carry yet; the content-model work replaces these with real mappings.
_PENDING_2_0 = "not carried yet (schema 2.0 work in progress)"
for _field in ("schema_version", "dosing", "monitoring", "missed_dose", "storage", "overdose"):
    MAPPING.setdefault(_field, _PENDING_2_0)

COLUMNS = {"HTML": MAPPING}
