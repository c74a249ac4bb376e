"""Every schema 2.0 fact on the page, each stated of exactly the forms, brands and people it is about.

The fixture ``every_field`` fills every field the schema has (it is test data, not a real label); each test reads
the page as html5lib parses it and looks for the fact where a reader would.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from monograph.model import Monograph
from support import baclofen_data, make_monograph
from test_html import assert_publishable, only, visible_text


def every_field_data() -> dict[str, Any]:
    data = copy.deepcopy(baclofen_data())
    data["drug"]["supply"] = [
        {"status": "prescription-only", "jurisdiction": "US", "applies_to": ["tablet", "oral-liquid"],
         "cites": ["prescribing-information"]},
        {"status": "hospital-only", "jurisdiction": "US", "applies_to": ["intrathecal-injection"],
         "note": "given in specialist centres"},
        {"status": "controlled", "schedule": "CIV", "jurisdiction": "US", "applies_to": ["Gablofen"]},
        {"status": "pharmacy-only", "jurisdiction": "GB", "applies_to": ["tablet"]},
        {"status": "over-the-counter", "jurisdiction": "EU", "applies_to": ["oral-liquid"]},
    ]
    data["drug"]["programs"] = [{
        "name": "Intrathecal Baclofen REMS", "kind": "rems", "text": "Pumps are refilled only by trained staff.",
        "url": "https://example.org/rems", "applies_to": ["intrathecal-injection"], "cites": ["intrathecal-prescribing-information"],
    }]
    data["drug"]["codes"]["atc"] = ["M03BX01", "M03BX99"]
    data["drug"]["codes"]["former"] = {"atc": "M03BX98"}
    data["ingredients"]["items"].append({"name": "phenylalanine", "role": "excipient", "applies_to": ["Lioresal"]})
    forms = data["forms"]["items"]
    forms[0]["strengths"] = [{"contents": [{"ingredient": "baclofen", "amount": 10, "unit": "mg"}]}]
    forms[2]["administered_by"] = "healthcare-professional"
    data["indications"]["items"].append({
        "name": "Severe spasticity", "applies_to": ["intrathecal-injection"],
        "population": {"group": "children", "age": {"min": 4, "unit": "a"}},
    })
    data["dosing"] = {"heading": "How to take baclofen", "items": [
        {"text": "Start low and go slow.", "indication": "Spasticity resulting from multiple sclerosis",
         "applies_to": ["tablet"], "population": {"group": "adults", "age": {"min": 18, "unit": "a"}},
         "steps": [{"dose": {"amount": 5, "unit": "mg"}, "times": 3, "period": {"value": 1, "unit": "d"},
                    "duration": {"value": 3, "unit": "d"}},
                   {"dose": {"amount": 10, "unit": "mg"}, "times": 3, "period": {"value": 1, "unit": "d"},
                    "after": {"value": 3, "unit": "d"}, "text": "if needed"},
                   {"dose": {"low": 1, "high": 2, "unit": "{tablet}"}, "every": {"value": 8, "unit": "h"},
                    "as_needed": True, "divided_into": 2}],
         "maximum": [{"amount": 80, "unit": "mg", "per": {"value": 1, "unit": "d"}, "text": "20 mg four times a day"}],
         "cites": ["prescribing-information"]},
        {"text": "A test dose is given in hospital.", "applies_to": ["intrathecal-injection"],
         "population": {"name": "people who weigh enough", "weight": {"min": 40, "unit": "kg"}, "sex": "female"},
         "steps": [{"dose": {"amount": 50, "unit": "ug"}}],
         "infusion_duration": {"low": 30, "high": 60, "unit": "min"},
         "premedication": [{"name": "paracetamol"}], "observation": {"value": 4, "unit": "h"},
         "administered_by": "healthcare-professional"},
    ]}
    data["monitoring"] = {"items": [
        {"test": {"name": "Liver function tests"}, "when": ["before-start", "during"],
         "text": "Your liver is checked.", "applies_to": ["tablet"]},
    ]}
    data["missed_dose"] = {"items": [{"text": "Take it when you remember.", "population": {"pregnancy": "pregnant"}}]}
    data["storage"] = {"items": [
        {"text": "Keep at room temperature.", "temperature": {"min": 15, "max": 30}},
        {"text": "Take unused medicine to a take-back program.", "disposal": True},
    ]}
    data["overdose"] = {"items": [{"text": "Call for help at once.", "symptoms": [{"name": "Vomiting"}, {"name": "Coma"}]}]}
    effects = data["side_effects"]["items"]
    effects[0]["rate"] = {"percent": 12, "comparator_percent": 11}
    effects[1]["serious"] = True
    effects[1]["applies_to"] = ["intrathecal-injection"]
    effects[2]["frequency"] = None
    del effects[2]["frequency"]
    effects[3]["population"] = {"group": "older-adults"}
    precautions = data["precautions"]["items"]
    precautions.append({"kind": "condition", "contraindicated": True, "text": "Have an infection at the pump site",
                        "applies_to": ["intrathecal-injection"], "concepts": [{"name": "Infection"}]})
    precautions.append({"kind": "condition", "text": "Have liver disease", "effects": [{"name": "Liver injury"}],
                        "risk_factors": [{"name": "women"}, {"name": "age over 35"}],
                        "warning_signs": [{"name": "yellow skin or eyes"}, {"name": "dark urine"}],
                        "above_dose": {"amount": 400, "unit": "mg", "per": {"value": 1, "unit": "d"}},
                        "population": {"group": "adults"}})
    data["advice"]["items"] += [
        {"topic": "driving", "text": "Do not drive at night.", "applies_to": ["tablet"]},
        {"topic": "other", "text": "Carry a card that says you have a pump."},
    ]
    data["citations"].append({"id": "facts", "kind": "website", "title": "Drug facts", "url": "https://example.org/facts"})
    data["storage"]["cites"] = ["facts"]
    return data


@pytest.fixture(scope="module")
def every_field() -> Monograph:
    return make_monograph(every_field_data())


@pytest.fixture(scope="module")
def root(every_field: Monograph) -> etree._Element:
    return assert_publishable(every_field)


def words(element: etree._Element) -> str:
    return " ".join(element.xpath("string()").split())


def section_text(root: etree._Element, key: str) -> str:
    return words(only(root, f"//section[@id='{key}']"))


def test_supply_is_stated_per_jurisdiction_and_form(root: etree._Element) -> None:
    statuses = [words(li) for li in root.xpath("//dl[@class='facts']//ul[@class='supply']/li")]
    assert statuses == [
        "Prescription only (United States): Tablet, Oral liquid1",
        "Hospital use only (United States): Injection for intrathecal infusion \u2014 given in specialist centres",
        "Controlled substance (schedule CIV, United States): Gablofen",
        "Pharmacy only, without a prescription (United Kingdom): Tablet",
        "Over the counter (European Union): Oral liquid",
    ]


def test_no_code_is_shown_but_every_code_is_in_the_markup(root: etree._Element) -> None:
    text = visible_text(root)
    assert "M03BX01" not in text and "RxNorm" not in text and "387342009" not in text
    assert only(root, "//dl[@class='facts']").get("data-codes") == (
        "rxnorm:1292 atc:M03BX01 atc:M03BX99 unii:H789N3FKE8 snomed:387342009")
    assert only(root, "//dl[@class='facts']").get("data-former-codes") == "atc:M03BX98"


def test_dosing_shows_every_step_limit_and_administration_fact(root: etree._Element) -> None:
    doses = root.xpath("//section[@id='dosing']/div[@class='dose']")
    assert len(doses) == 2
    first, second = map(words, doses)
    assert first.startswith("Spasticity resulting from multiple sclerosis \u00b7 Tablet \u00b7 adults, 18 years and older")
    assert [words(li) for li in doses[0].xpath(".//ol[@class='steps']/li")] == [
        "5 mg, 3 times a day, for 3 days",
        "3 days later: 10 mg, 3 times a day (if needed)",
        "1\u20132 tablet, every 8 hours, as needed, divided into 2 doses",
    ]
    assert "At most 80 mg in 1 day (20 mg four times a day)" in first
    assert "Injection for intrathecal infusion \u00b7 people who weigh enough, weighing 40 kg or more, women" in second
    assert "Given as an infusion over 30\u201360 minutes." in second
    assert "Given first, to prevent reactions: paracetamol" in second
    assert "You will be watched for 4 hours after the dose." in second
    assert "Who gives it: a healthcare professional gives it" in second
    assert "50 mcg" in second


def test_the_new_sections_are_shown_with_their_facts(root: etree._Element) -> None:
    monitoring = section_text(root, "monitoring")
    assert "Liver function tests (before you start, during treatment) Applies to: Tablet" in monitoring
    assert only(root, "//section[@id='monitoring']//li/p").text == "Your liver is checked."
    assert "Who: during pregnancy Take it when you remember." in section_text(root, "missed-dose")
    storage = section_text(root, "storage")
    assert "Temperature: 15\u201330 \u00b0C" in storage and "Throwing it away" in storage
    assert "Source: Drug facts" in storage  # a section without an intro names its source, not a bare number
    overdose = section_text(root, "overdose")
    assert "Signs of an overdose: Vomiting, Coma" in overdose
    assert "In an emergency, call your local emergency number." in overdose
    programs = section_text(root, "programs")
    assert "Intrathecal Baclofen REMS (Risk Evaluation and Mitigation Strategy (REMS)) Applies to: Injection for intrathecal infusion" in programs
    assert only(root, "//section[@id='programs']//a[.='Intrathecal Baclofen REMS']").get("href") == "https://example.org/rems"


def test_side_effects_show_rates_scope_population_and_the_serious_ones_apart(root: etree._Element) -> None:
    section = only(root, "//section[@id='side-effects']")
    serious = only(section, "ul[contains(@class, 'serious')]")
    assert only(section, "h3[@class='serious-heading']").text == "Call your doctor right away if you have:"
    assert [words(li) for li in serious] == ["Dizziness common Applies to: Injection for intrathecal infusion"]
    text = words(section)
    assert "Drowsiness (12% of people vs 11% on placebo)" in text
    assert "Fatigue Who: older adults" in text
    assert "Other side effects (the label gives no frequency in words) Weakness" in text


def test_a_contraindication_is_at_the_top_with_its_form_and_a_caution_is_never_one(root: etree._Element) -> None:
    article = only(root, "//article")
    top = [child.get("id") or child.get("class") or child.tag for child in article][:4]
    assert top == ["header", "boxed-warning", "contraindications", "summary"]
    box = only(root, "//section[@id='contraindications']")
    assert [words(li) for li in box.xpath("ul/li")] == [
        "Have an infection at the pump site Applies to: Injection for intrathecal infusion do not use"]
    cautions = root.xpath("//section[@id='precautions']/ul/li")
    assert all("do not use" not in words(li) for li in cautions)
    assert "must not be used" not in visible_text(root)
    liver = words(cautions[-1])
    assert liver == ("Have liver disease Can cause: Liver injury More likely in: women, age over 35 Warning signs: yellow "
                     "skin or eyes, dark urine The risk applies above: 400 mg in 1 day Who: adults")


def test_scoped_statements_say_what_they_apply_to(root: etree._Element) -> None:
    box = only(root, "//section[@id='boxed-warning']")
    assert words(only(box, "p[@class='applies']")) == "Applies to: Injection for intrathecal infusion"
    indication = root.xpath("//section[@id='indications']/ul/li")[1]
    assert words(indication) == "Severe spasticity Applies to: Injection for intrathecal infusion Who: children, 4 years and older"
    excipients = words(only(root, "//div[@class='excipients']"))
    assert excipients == "Inactive ingredients the label names: phenylalanine Applies to: Lioresal"
    advice = section_text(root, "advice")
    assert advice.count("Driving") == 1  # one heading per topic
    assert "Applies to: Tablet Do not drive at night." in advice and "More advice Carry a card" in advice


def test_forms_table_has_a_caption_and_ingredient_strengths(root: etree._Element) -> None:
    table = only(root, "//table[@class='forms']")
    assert words(only(table, "caption")) == "Forms of baclofen"
    rows = [[words(c) for c in tr] for tr in table.xpath("tbody/tr")]
    assert rows[0] == ["Tablet", "oral", "10 mg baclofen"]
    assert rows[2][1].endswith("a healthcare professional gives it")


def test_the_transitional_prescription_status_is_not_used() -> None:
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "exporters" / "monograph" / "formats" / "html"
    assert not [p.name for p in folder.glob("*.py") if "prescription_status" in p.read_text(encoding="utf-8")]


DROPPABLE = ("dosing", "monitoring", "missed_dose", "storage", "overdose", "boxed_warning", "side_effects", "precautions",
             "advice", "mechanism")
"""Sections the fixture can do without (its forms and brands stay: scoped statements name them)."""


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(dropped=st.sets(st.sampled_from(DROPPABLE)), language=st.sampled_from(["en", "es", "fr", "de", "ar", "zh", "he"]))
def test_any_mix_of_the_new_sections_in_any_language_makes_a_valid_page(dropped: set[str], language: str) -> None:
    data = every_field_data()
    data["language"] = language
    for name in dropped:
        del data[name]
    used = {c for node in [data[k] for k in data if k != "citations"] for c in _cites_in(node)}
    data["citations"] = [c for c in data["citations"] if c["id"] in used]
    root = assert_publishable(make_monograph(data))
    shown = {s.get("id") for s in root.xpath("//article/section[@id]")}
    assert {name.replace("_", "-") for name in dropped} & shown == set()


def _cites_in(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [*node.get("cites", []), *[c for v in node.values() for c in _cites_in(v)]]
    if isinstance(node, list):
        return [c for v in node for c in _cites_in(v)]
    return []
