"""FHIR scoping and the schema 2.0 facts: each clinical drug references exactly the statements about it.

The fixture is baclofen with every 2.0 field filled in, scoped to forms, to one brand of a form sold under
two, and to populations, so that each rule of scoping has a case that could break it. Every output also
passes the validators from elsewhere (fhir.resources, the official JSON Schema, every invariant, binding and
reference rule of the StructureDefinitions), through tests/format_checks.py and test_fhir.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
import test_fhir
from monograph.api import export
from monograph.formats.fhir.vocabulary import (
    CATEGORY_SYSTEM,
    FREQUENCY_SYSTEM,
    INTERACTION_TYPE_SYSTEM,
    LEGAL_STATUS_SYSTEM,
    extension_url,
)
from monograph.model import Monograph
from support import baclofen_data, make_monograph

R5_ONLY = {FREQUENCY_SYSTEM, CATEGORY_SYSTEM, INTERACTION_TYPE_SYSTEM, LEGAL_STATUS_SYSTEM,
           "http://hl7.org/fhir/product-intended-use"}
OTC_LABEL = "34390-5"


def full_data() -> dict[str, Any]:
    """Baclofen with every schema 2.0 field, scoped to forms, to a brand and to populations."""
    data = baclofen_data()
    data["id"] = "full"
    data["drug"]["codes"]["atc"] = [data["drug"]["codes"]["atc"], "M03BX"] if isinstance(data["drug"]["codes"]["atc"], str) \
        else data["drug"]["codes"]["atc"]
    data["drug"]["codes"]["former"] = {"atc": "M03BX51"}
    data["drug"]["supply"] = [
        {"status": "prescription-only", "jurisdiction": "US", "applies_to": ["tablet", "oral-liquid"]},
        {"status": "hospital-only", "jurisdiction": "US", "applies_to": ["intrathecal-injection"], "note": "Given in hospital."},
        {"status": "controlled", "jurisdiction": "GB", "schedule": "Schedule 4", "cites": ["prescribing-information"]},
        {"status": "pharmacy-only"},
    ]
    data["drug"]["programs"] = [{"name": "Baclofen pump safety program", "kind": "risk-management",
                                 "text": "Pump refills are *only* done by trained staff.", "url": "https://example.org/program",
                                 "applies_to": ["Gablofen"]}]
    data["ingredients"]["items"].append({"name": "phenylalanine", "role": "excipient", "applies_to": ["Gablofen"]})
    data["side_effects"]["items"][0].update(rate={"percent": 12, "comparator_percent": 11}, frequency="very-common",
                                            population={"group": "adults"})
    data["side_effects"]["items"][1].update(applies_to=["intrathecal-injection"], frequency="not-known")
    data["side_effects"]["items"][2]["rate"] = {"percent": 4.5, "comparator_percent": 2, "comparator": "tizanidine"}
    precautions = data["precautions"]["items"]
    precautions[0].update(concepts=[{"name": "Liver disease"}, {"name": "Kidney disease"}], contraindicated=True,
                          applies_to=["tablet"])
    precautions[1].update(risk_factors=[{"name": "Women"}, {"name": "Over 35"}], warning_signs=[{"name": "Dark urine"}],
                          above_dose={"amount": 80, "unit": "mg", "per": {"value": 1, "unit": "d"}, "text": "above 80 mg a day"},
                          effects=[{"name": "Liver injury"}],
                          population={"name": "Women over 35", "sex": "female", "age": {"min": 35, "unit": "a"},
                                      "pregnancy": "able-to-become-pregnant"})
    precautions[4].update(applies_to=["Lioresal Intrathecal"], effects=[{"name": "Sedation"}])
    data["advice"]["items"][0]["applies_to"] = ["tablet", "oral-liquid"]
    data["indications"]["items"].append({"name": "Severe spasticity", "applies_to": ["intrathecal-injection"],
                                         "population": {"age": {"min": 4, "unit": "a"}}})
    data["dosing"] = {"items": [
        {"text": "5 mg three times a day, at most 80 mg a day.", "indication": "Spasticity resulting from multiple sclerosis",
         "applies_to": ["tablet"], "population": {"group": "adults", "weight": {"min": 40, "unit": "kg"}},
         "steps": [{"dose": {"amount": 5, "unit": "mg"}, "times": 3, "period": {"value": 1, "unit": "d"},
                    "duration": {"value": 3, "unit": "d"}},
                   {"dose": {"low": 10, "high": 20, "unit": "mg"}, "every": {"low": 6, "high": 8, "unit": "h"},
                    "after": {"value": 3, "unit": "d"}, "as_needed": True, "text": "then 10 to 20 mg as needed"}],
         "maximum": [{"amount": 80, "unit": "mg", "per": {"value": 1, "unit": "d"}}, {"amount": 20, "unit": "mg"}]},
        {"text": "Screening dose of 50 mcg over 1 minute.", "applies_to": ["intrathecal-injection"],
         "steps": [{"dose": {"amount": 50, "unit": "ug"}}], "infusion_duration": {"value": 1, "unit": "min"},
         "premedication": [{"name": "none given"}], "observation": {"low": 4, "high": 8, "unit": "h"},
         "administered_by": "healthcare-professional"},
        {"text": "Children: 0.3 mg/kg a day in 3 divided doses.", "applies_to": ["oral-liquid"],
         "population": {"name": "Children 2 to 5", "age": {"min": 2, "max": 5, "unit": "a"}},
         "steps": [{"dose": {"amount": 0.3, "unit": "mg/kg"}, "times": 1, "period": {"value": 1, "unit": "d"},
                    "divided_into": 3}]},
    ]}
    data["monitoring"] = {"items": [
        {"test": {"name": "Liver function tests", "codes": {"loinc": "24325-3"}}, "when": ["before-start", "during"],
         "text": "Liver tests before and during treatment.", "applies_to": ["tablet"]},
    ]}
    data["missed_dose"] = {"items": [{"text": "Take it as soon as you remember.", "applies_to": ["tablet", "oral-liquid"]}]}
    data["storage"] = {"items": [
        {"text": "Store at room temperature.", "temperature": {"min": 20, "max": 25}},
        {"text": "Return unused vials to the pharmacy.", "disposal": True, "applies_to": ["intrathecal-injection"],
         "population": {"group": "adults"}},
    ]}
    data["overdose"] = {"items": [{"text": "Call Poison Control.", "symptoms": [{"name": "Coma"}, {"name": "Vomiting"}]}]}
    data["citations"].append({"id": "otc", "kind": "drug-facts-label", "title": "Drug facts", "url": "https://example.org/otc"})
    data["citations"].append({"id": "guide", "kind": "medication-guide", "title": "Guide", "url": "https://example.org/guide"})
    data["mechanism"]["cites"] = ["otc", "guide"]
    return data


@cache
def full() -> Monograph:
    return make_monograph(full_data())


@cache
def baclofen() -> Monograph:
    return make_monograph(baclofen_data())


def render(m: Monograph, release: str) -> dict[str, Any]:
    return json.loads(export(m, "fhir", fhir_release=release))


def resources(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


def by_url(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["fullUrl"]: e["resource"] for e in document["entry"]}


def issue_refs(resource: dict[str, Any]) -> set[str]:
    return {r["reference"] for r in resource.get("clinicalUseIssue", ())}


def product_named(document: dict[str, Any], text: str) -> list[dict[str, Any]]:
    return [r for r in resources(document, "MedicationKnowledge")[1:] if text in r["code"]["text"]]


def boxed_url(document: dict[str, Any]) -> str:
    (url,) = [u for u, r in by_url(document).items() if r["resourceType"] == "ClinicalUseDefinition"
              and any(c.get("code") == "34066-1" for cat in r.get("category", ()) for c in cat.get("coding", ()))]
    return url


# ---------------------------------------------------------------- the issue's case: baclofen's boxed warning


def test_baclofen_boxed_warning_is_referenced_by_the_intrathecal_products_only() -> None:
    document = render(baclofen(), "r5")
    boxed = boxed_url(document)
    intrathecal = product_named(document, "intrathecal")
    oral = product_named(document, "Tablet") + product_named(document, "Oral liquid")
    assert len(intrathecal) == 4 and len(oral) == 4
    assert all(boxed in issue_refs(p) for p in intrathecal)
    assert not any(boxed in issue_refs(p) for p in oral)
    knowledge = resources(document, "MedicationKnowledge")[0]
    assert boxed not in issue_refs(knowledge), "the drug's resource would state it of the tablets too"
    warning = by_url(document)[boxed]
    applies = [e["valueReference"]["reference"] for e in warning["extension"] if e["url"] == extension_url("applies-to")]
    assert sorted(applies) == sorted(f"urn:uuid:{p['id']}" for p in intrathecal)


def test_baclofen_whole_drug_issues_are_referenced_by_every_product() -> None:
    document = render(baclofen(), "r5")
    knowledge, *products = resources(document, "MedicationKnowledge")
    whole = issue_refs(knowledge)
    assert len(whole) == 12 + 5 + 1  # side effects, precautions, advice
    for p in products:
        assert whole <= issue_refs(p)


def test_baclofen_r4_boxed_warning_applies_to_the_contained_intrathecal_products() -> None:
    document = render(baclofen(), "r4")
    contained = {f"#{r['id']}": r for r in document["contained"]}
    issues = [e for e in document["extension"] if e["url"] == extension_url("clinical-use-issue")]
    boxed = [i for i in issues if "34066-1" in json.dumps(i)]
    (warning,) = boxed
    targets = [contained[p["valueReference"]["reference"]] for p in warning["extension"] if p["url"] == "appliesTo"]
    assert len(targets) == 4 and all("intrathecal" in t["code"]["text"] for t in targets)
    others = [i for i in issues if i is not warning]
    assert not any(p["url"] == "appliesTo" for i in others for p in i["extension"])


# ---------------------------------------------------------------- every scope, on the fixture


def test_each_product_references_exactly_the_issues_about_it() -> None:
    m = full()
    document = render(m, "r5")
    urls = by_url(document)
    knowledge, *products = resources(document, "MedicationKnowledge")
    cuds = {u: r for u, r in urls.items() if r["resourceType"] == "ClinicalUseDefinition" and r["type"] != "indication"}
    for product in products:
        label = product["code"]["text"]
        brands = set(product.get("name", ()))
        expected = set()
        for url, cud in cuds.items():
            applies = {e["valueReference"]["reference"] for e in cud.get("extension", ()) if e["url"] == extension_url("applies-to")}
            if not applies or f"urn:uuid:{product['id']}" in applies:
                expected.add(url)
        assert issue_refs(product) == expected, label
        # The brand-scoped interaction is about Lioresal Intrathecal only: never on Gablofen's products.
        interaction = [u for u in issue_refs(product) if urls[u]["type"] == "interaction"]
        assert bool(interaction) == (brands == {"Lioresal Intrathecal"}), label
    whole = {u for u, cud in cuds.items() if not any(e["url"] == extension_url("applies-to") for e in cud.get("extension", ()))}
    assert issue_refs(knowledge) == whole


def test_a_brand_scoped_statement_splits_the_form_by_brand() -> None:
    document = render(full(), "r5")
    intrathecal = product_named(document, "intrathecal")
    assert len(intrathecal) == 8  # four strengths, each as Lioresal Intrathecal and as Gablofen
    assert {tuple(p["name"]) for p in intrathecal} == {("Lioresal Intrathecal",), ("Gablofen",)}
    for p in intrathecal:
        names = [i["item"]["concept"]["text"] for i in p["definitional"]["ingredient"]]
        assert ("phenylalanine" in names) == (p["name"] == ["Gablofen"])
        programs = p.get("monitoringProgram", ())
        assert bool(programs) == (p["name"] == ["Gablofen"])
    knowledge = resources(document, "MedicationKnowledge")[0]
    assert [i["item"]["concept"]["text"] for i in knowledge["definitional"]["ingredient"]] == ["baclofen"]
    assert "monitoringProgram" not in knowledge


def test_indications_and_dosing_sit_on_the_products_they_are_about() -> None:
    document = render(full(), "r5")
    knowledge = resources(document, "MedicationKnowledge")[0]
    diseases = [i["concept"]["text"] for g in knowledge["indicationGuideline"] for i in g.get("indication", ())]
    assert diseases == ["Spasticity resulting from multiple sclerosis"]
    assert not any("dosingGuideline" in g for g in knowledge["indicationGuideline"])
    (tablet, *_) = product_named(document, "Tablet")
    (guideline,) = [g for g in tablet["indicationGuideline"] if g.get("dosingGuideline")]
    (dosing,) = guideline["dosingGuideline"]
    first, then = dosing["dosage"][0]["dosage"]
    assert first["timing"]["repeat"] == {"boundsDuration": {"value": 3, "unit": "d", "system": "http://unitsofmeasure.org",
                                                            "code": "d"}, "frequency": 3, "period": 1, "periodUnit": "d"}
    assert first["doseAndRate"][0]["doseQuantity"]["value"] == 5
    assert then["asNeeded"] is True and then["doseAndRate"][0]["doseRange"]["high"]["value"] == 20
    assert then["timing"]["repeat"]["period"] == 6 and then["timing"]["repeat"]["periodMax"] == 8
    assert then["extension"][0]["url"] == extension_url("after-previous-step")
    assert first["maxDosePerPeriod"][0]["numerator"]["value"] == 80 and first["maxDosePerAdministration"]["value"] == 20
    types = {c["type"]["coding"][0]["code"] for c in dosing["patientCharacteristic"]}
    assert types == {"adults", "29463-7"}
    (liquid, *_) = product_named(document, "Oral liquid")
    (child,) = [d for g in liquid["indicationGuideline"] for d in g.get("dosingGuideline", ())]
    dose = child["dosage"][0]["dosage"][0]
    assert dose["timing"]["repeat"]["frequency"] == 3
    assert dose["doseAndRate"][0]["doseQuantity"]["value"] == 0.1  # 0.3 mg/kg a day in 3 divided doses
    (age,) = child["patientCharacteristic"]
    assert age["valueRange"]["low"]["value"] == 2 and age["valueRange"]["high"]["value"] == 5
    (pump, *_) = product_named(document, "intrathecal")
    screening = [d for g in pump["indicationGuideline"] for d in g.get("dosingGuideline", ())]
    assert screening[0]["dosage"][0]["dosage"][0]["timing"]["repeat"]["duration"] == 1
    indications = [i["concept"]["text"] for g in pump["indicationGuideline"] for i in g.get("indication", ())]
    assert "Severe spasticity" in indications


def test_supply_is_stated_per_jurisdiction_and_form() -> None:
    document = render(full(), "r5")
    knowledge = resources(document, "MedicationKnowledge")[0]
    (gb,) = knowledge["regulatory"]
    assert gb["schedule"] == [{"text": "Schedule 4"}]
    regulator = by_url(document)[gb["regulatoryAuthority"]["reference"]]
    assert regulator["contact"][0]["address"]["country"] == "GB"
    statuses = [e for e in knowledge["extension"] if e["url"] == extension_url("supply-status")]
    assert len(statuses) == 1 and "pharmacy-only" in json.dumps(statuses)
    (tablet, *_) = product_named(document, "Tablet")
    (pump, *_) = product_named(document, "intrathecal")
    assert "prescription-only" in json.dumps(tablet["regulatory"]) and "hospital-only" not in json.dumps(tablet["regulatory"])
    assert "hospital-only" in json.dumps(pump["regulatory"]) and "prescription-only" not in json.dumps(pump["regulatory"])


def test_precaution_facts_and_populations_land_in_r5() -> None:
    document = render(full(), "r5")
    urls = by_url(document)
    cuds = resources(document, "ClinicalUseDefinition")
    (contra,) = [c for c in cuds if c["type"] == "contraindication"]
    assert contra["contraindication"]["diseaseSymptomProcedure"]["concept"]["text"] == "Liver disease"
    assert [e["valueCodeableConcept"]["text"] for e in contra["contraindication"]["extension"]] == ["Kidney disease"]
    (risky,) = [c for c in cuds if "risk-factor" in json.dumps(c)]
    kinds = [e["url"].rsplit("/", 1)[1] for e in risky["warning"]["extension"]]
    assert kinds == ["risk", "risk-factor", "risk-factor", "warning-sign", "dose-threshold"]
    (group,) = [urls[g["reference"]] for g in risky["population"]]
    codes = {c["code"]["coding"][0]["code"] for c in group["characteristic"]}
    assert codes == {"30525-0", "46098-0", "82810-3"}
    rates = [c for c in cuds if c["type"] == "undesirable-effect" and "extension" in c["undesirableEffect"]]
    assert len(rates) == 2
    (drowsy,) = [c for c in cuds if c["type"] == "undesirable-effect" and "Drowsiness" in json.dumps(c)]
    frequency = drowsy["undesirableEffect"]["frequencyOfOccurrence"]["coding"]
    assert [c["code"] for c in frequency] == ["very-common"]  # HL7's code system has no "very common"
    topics = {c["category"][0]["coding"][-1]["code"] for c in cuds if c["type"] == "warning" and "category" in c}
    assert {"monitoring", "missed-dose", "overdose"} <= topics
    (monitoring,) = [c for c in cuds if "24325-3" in json.dumps(c)]
    assert len([e for e in monitoring["warning"]["extension"] if e["url"] == extension_url("monitoring-timing")]) == 2
    labels = [d for d in resources(document, "DocumentReference") if d["type"]["coding"][0]["code"] == OTC_LABEL]
    assert len(labels) == 1


def test_storage_is_a_storage_guideline_on_the_resources_it_is_about() -> None:
    document = render(full(), "r5")
    knowledge = resources(document, "MedicationKnowledge")[0]
    (room,) = knowledge["storageGuideline"]
    assert room["environmentalSetting"][0]["valueRange"]["high"] == {"value": 25, "unit": "°C",
                                                                     "system": "http://unitsofmeasure.org", "code": "Cel"}
    (pump, *_) = product_named(document, "intrathecal")
    assert len(pump["storageGuideline"]) == 2
    (tablet, *_) = product_named(document, "Tablet")
    assert len(tablet["storageGuideline"]) == 1


def test_r4_keeps_the_scoping_on_the_contained_products() -> None:
    document = render(full(), "r4")
    assert [g.get("indicationCodeableConcept", {}).get("text") for g in document["administrationGuidelines"]] == [
        "Spasticity resulting from multiple sclerosis"]
    products = [c for c in document["contained"] if c["resourceType"] == "MedicationKnowledge"]
    tablets = [p for p in products if "Tablet" in p["code"]["text"]]
    assert all(len(p["administrationGuidelines"]) == 1 for p in tablets)
    assert all("prescription-only" in json.dumps(p["regulatory"]) for p in tablets)
    gablofen = [p for p in products if p.get("synonym") == ["Gablofen"]]
    assert len(gablofen) == 4 and all(p["monitoringProgram"] for p in gablofen)
    assert all("phenylalanine" in json.dumps(p["ingredient"]) for p in gablofen)
    issues = [e for e in document["extension"] if e["url"] == extension_url("clinical-use-issue")]
    interaction = [i for i in issues if '"interaction"' in json.dumps(i["extension"][0])]
    (one,) = interaction
    contained = {f"#{c['id']}": c for c in document["contained"]}
    targets = [contained[p["valueReference"]["reference"]] for p in one["extension"] if p["url"] == "appliesTo"]
    assert targets and all(t["synonym"] == ["Lioresal Intrathecal"] for t in targets)


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_r4_uses_no_r5_only_code_system(release: str) -> None:
    text = export(full(), "fhir", fhir_release=release).decode("utf-8")
    used = {s for s in R5_ONLY if f'"system": "{s}"' in text or f'"system":"{s}"' in text}
    if release == "r4":
        assert used == set()
    else:
        assert used  # the R5 output does use them, so the R4 check above is not vacuous


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_the_fixture_passes_every_fhir_validator(release: str) -> None:
    document = render(full(), release)
    test_fhir.structure_check(document, release)
    assert test_fhir.validate_everything(document, release) == []
    assert test_fhir.extension_problems(test_fhir.release(release), document) == []
    assert test_fhir.coding_problems(test_fhir.release(release), document) == []


def test_a_range_upside_down_breaks_rng_2() -> None:
    """rng-2 is checked by hand (fhirpathpy cannot order Quantities): it must still catch a reversed Range."""
    document = render(full(), "r5")
    (tablet, *_) = product_named(document, "Tablet")
    dose = next(d for g in tablet["indicationGuideline"] for gl in g.get("dosingGuideline", ())
                for d in gl["dosage"][0]["dosage"] if "doseRange" in d["doseAndRate"][0])
    dose["doseAndRate"][0]["doseRange"]["low"]["value"] = 99
    failures, _, _ = test_fhir.broken_invariants(test_fhir.release("r5"), document)
    assert any("rng-2" in f for f in failures)


# ---------------------------------------------------------------- the drug's narrative says what each statement is about


def narrative_statements(div: str) -> dict[str, list[str]]:
    """Each top-level list item of a narrative: its own text, and the texts of the items nested under it."""
    from lxml import etree
    items: dict[str, list[str]] = {}
    for li in etree.fromstring(div).iterfind(".//{*}ul/{*}li"):
        if any(a.tag.endswith("li") for a in li.iterancestors()):
            continue
        own = " ".join("".join(t for t in li.xpath("text()|./*[local-name()='p']//text()")).split())
        items[own] = [" ".join("".join(n.itertext()).split()) for n in li.iterfind("{*}ul/{*}li")]
    return items


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_the_drug_narrative_keeps_each_statement_to_its_forms_and_people(release: str) -> None:
    # In R4 this narrative is the only text a reader sees: a tablet-only warning written there without
    # its scope reads as the injection's too (diphenhydramine's, promethazine's labels).
    document = render(full(), release)
    drug = document if release == "r4" else resources(document, "MedicationKnowledge")[0]
    items = narrative_statements(drug["text"]["div"])
    intrathecal = "Applies to: Injection for intrathecal infusion"
    assert items["Have impaired kidney function"] == ["Applies to: Tablet"]
    assert items["Use alcohol and other CNS depressants as the effects may be compounded"] == [
        "Applies to: Lioresal Intrathecal"]
    assert items["Have had a stroke"][-1].startswith("Who: Women over 35")
    assert items["Dizziness (not known)"] == [intrathecal]
    assert items["Drowsiness (very common)"][-1].startswith("Who: Adults")
    assert items["Severe spasticity"] == [intrathecal, "Who: aged 4 years and over"]
    advice = drug["text"]["div"].split("Baclofen can impair your reaction time.", 1)[1]
    assert advice.split("</ul>", 1)[0].endswith("<li>Applies to: Tablet, Oral liquid</li>")


def test_the_drug_narrative_writes_no_empty_brackets() -> None:
    # Most labels give no frequency in words, and some brands no form: "Drowsiness ()" says nothing.
    data = baclofen_data()
    del data["side_effects"]["items"][0]["frequency"]
    data["brands"]["items"][0].pop("forms")
    for release in ("r5", "r4"):
        document = render(make_monograph(data), release)
        drug = document if release == "r4" else resources(document, "MedicationKnowledge")[0]
        items = narrative_statements(drug["text"]["div"])
        assert "Drowsiness" in items and "Lioresal" in items
        assert not any(text.endswith("()") for text in items)


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_the_drug_narrative_says_which_brand_and_whom_the_boxed_warning_is_about(release: str) -> None:
    data = baclofen_data()
    data["boxed_warning"]["applies_to"] = ["Gablofen"]
    data["boxed_warning"]["population"] = {"name": "Children younger than 2 years", "age": {"max": 1, "unit": "a"}}
    document = render(make_monograph(data), release)
    drug = document if release == "r4" else resources(document, "MedicationKnowledge")[0]
    boxed = drug["text"]["div"].split("<h2>Boxed warning</h2>", 1)[1].split("</div>", 1)[0]
    assert "<li>Applies to: Gablofen</li>" in boxed
    assert "<li>Who: Children younger than 2 years" in boxed
