"""The naive stack, as a benchmark: what the same job costs with the obvious libraries and no design.

    python benchmarks/naive.py SOURCE_FOLDER OUT_FOLDER

For each file, one after another: ``yaml.safe_load``, ``jsonschema`` against
schema/monograph.schema.json (one validator, made once: fair to the library),
FHIR R5 through fhir.resources models (a Bundle with MedicationKnowledge and a
ClinicalUseDefinition per indication, side effect, precaution and boxed
warning), schema.org JSON-LD with ``json.dumps``, and the XML document and the
HTML page from Jinja2 templates (compiled once, autoescaped). It writes four
files per monograph. It does less than ``monograph build`` (no line numbers,
no content rules, no feed, no incremental state), so the ratio flatters it.

Jinja2 is not a dependency of monograph; the benchmark runner installs nothing,
so install it into the venv first: ``.venv/bin/pip install jinja2``
(fhir.resources and jsonschema come with ``.[test]``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jinja2
import jsonschema
import yaml
from fhir.resources.bundle import Bundle

REPO = Path(__file__).resolve().parent.parent
SYSTEMS = {"rxnorm": "http://www.nlm.nih.gov/research/umls/rxnorm", "atc": "http://www.whocc.no/atc",
           "unii": "http://fdasis.nlm.nih.gov", "snomed": "http://snomed.info/sct"}

_ENV = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
HTML = _ENV.from_string("""<!DOCTYPE html>
<html lang="{{ m.language }}">
<head><meta charset="utf-8"><title>{{ m.title }}</title>
<link rel="canonical" href="{{ m.url }}">
<script type="application/ld+json">{{ jsonld | safe }}</script></head>
<body><main><h1>{{ m.title }}</h1>
<p>{{ m.summary }}</p>
{% for name, section in sections %}
<section id="{{ name }}">{% if section.heading %}<h2>{{ section.heading }}</h2>{% endif %}
{% if section.intro %}<p>{{ section.intro }}</p>{% endif %}
{% if section.text %}<p>{{ section.text }}</p>{% endif %}
<ul>{% for item in section.get("items", []) %}<li>{{ item.name or item.text }}</li>{% endfor %}</ul>
{% if section.outro %}<p>{{ section.outro }}</p>{% endif %}
</section>
{% endfor %}
<footer>{% if m.review %}Reviewed by {{ m.review.reviewed_by.name }}, {{ m.review.last_reviewed }}{% else %}Updated {{ m.modified }}{% endif %}</footer>
</main></body></html>
""")
XML = _ENV.from_string("""<?xml version="1.0" encoding="UTF-8"?>
<monograph xmlns="urn:example:monograph" id="{{ m.id }}" xml:lang="{{ m.language }}">
<title>{{ m.title }}</title><url>{{ m.url }}</url><summary>{{ m.summary }}</summary>
<drug generic="{{ m.drug.generic_name }}">{% for system, code in m.drug.get("codes", {}).items() %}<code system="{{ system }}">{{ code }}</code>{% endfor %}</drug>
{% for name, section in sections %}
<section name="{{ name }}">{% for item in section.get("items", []) %}<item>{{ item.name or item.text }}</item>{% endfor %}</section>
{% endfor %}
</monograph>
""")
SECTIONS = ("indications", "mechanism", "forms", "brands", "dosing", "side_effects", "boxed_warning", "precautions",
            "advice", "storage", "overdose")


def concept(item: dict[str, Any]) -> dict[str, Any]:
    codes = item.get("codes") or {}
    return {"text": item.get("name") or item.get("text"),
            "coding": [{"system": SYSTEMS[s], "code": c} for s, c in codes.items() if s in SYSTEMS] or None}


def fhir_bundle(data: dict[str, Any]) -> str:
    drug = data["drug"]
    uses = []
    for item in data["indications"]["items"]:
        uses.append({"type": "indication", "indication": {"diseaseSymptomProcedure": {"concept": concept(item)}}})
    for item in data.get("side_effects", {}).get("items", []):
        uses.append({"type": "undesirable-effect", "undesirableEffect": {"symptomConditionEffect": {"concept": concept(item)}}})
    for item in data.get("precautions", {}).get("items", []):
        uses.append({"type": "warning", "warning": {"description": item["text"]}})
    if "boxed_warning" in data:
        uses.append({"type": "warning", "warning": {"description": data["boxed_warning"]["text"]}})
    entries = [{"fullUrl": f"urn:uuid:{data['id']}-{n}", "resource": {"resourceType": "ClinicalUseDefinition", **use}}
               for n, use in enumerate(uses, 1)]
    knowledge = {
        "resourceType": "MedicationKnowledge", "status": "active",
        "code": {"text": drug["generic_name"],
                 "coding": [{"system": SYSTEMS[s], "code": c} for s, c in drug.get("codes", {}).items()]},
        "name": [b["name"] for b in data.get("brands", {}).get("items", [])] or None,
        "clinicalUseIssue": [{"reference": e["fullUrl"]} for e in entries] or None,
    }
    bundle = Bundle.model_validate({"resourceType": "Bundle", "type": "collection",
                                    "entry": [{"fullUrl": f"urn:uuid:{data['id']}", "resource": knowledge}, *entries]})
    return bundle.model_dump_json(indent=2, exclude_none=True)


def jsonld(data: dict[str, Any]) -> str:
    drug = data["drug"]
    graph = {"@context": "https://schema.org", "@type": "MedicalWebPage", "url": data["url"], "name": data["title"],
             "inLanguage": data["language"], "lastReviewed": (data.get("review") or {}).get("last_reviewed"),
             "mainEntity": {"@type": "Drug", "name": data["title"], "nonProprietaryName": drug["generic_name"],
                            "proprietaryName": [b["name"] for b in data.get("brands", {}).get("items", [])],
                            "code": [{"@type": "MedicalCode", "codingSystem": s, "codeValue": c}
                                     for s, c in drug.get("codes", {}).items()]}}
    return json.dumps(graph, indent=2, ensure_ascii=False)


def main() -> None:
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    validator = jsonschema.Draft202012Validator(json.loads((REPO / "schema" / "monograph.schema.json").read_text()))
    for folder in ("fhir", "jsonld", "xml", "html"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        # YAML reads the dates as date objects; the schema expects the strings the author wrote.
        for holder, key in ((data.get("review"), "last_reviewed"), (data, "modified")):
            if isinstance(holder, dict) and key in holder:
                holder[key] = str(holder[key])
        validator.validate(data)
        sections = [(name, data[name]) for name in SECTIONS if isinstance(data.get(name), dict)]
        key = path.stem
        linked = jsonld(data)
        (out / "jsonld" / f"{key}.jsonld").write_text(linked, encoding="utf-8")
        (out / "fhir" / f"{key}.json").write_text(fhir_bundle(data), encoding="utf-8")
        (out / "xml" / f"{key}.xml").write_text(XML.render(m=data, sections=sections), encoding="utf-8")
        (out / "html" / f"{key}.html").write_text(
            HTML.render(m=data, sections=sections, jsonld=linked.replace("<", "\\u003c")), encoding="utf-8")


if __name__ == "__main__":
    main()
