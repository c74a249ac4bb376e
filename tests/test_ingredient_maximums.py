"""A maximum of one ingredient: at most 4,000 mg of acetaminophen and 360 mg of codeine in 24 hours.

`dosing.items.maximum[].ingredient` names the ingredient a limit is of. FHIR's maxDosePerPeriod limits the whole
medication and cannot name one, so such a limit is said in words there; every other format carries the name.
The fixture is support.combination_data; each format's output also passes its own validators
(test_several_boxed_warnings checks the same fixture through tests/format_checks.py).
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

import pytest
from lxml import etree
from monograph.api import export
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from monograph.formats.syndication.tree import NAMESPACE
from monograph.model import Monograph
from support import combination_data, load_data, make_monograph
from test_fhir_scoping import render, resources
from test_schemaorg import _by_id

NS = {"m": NAMESPACE}


@cache
def combination() -> Monograph:
    return make_monograph(combination_data())


def test_the_model_keeps_which_ingredient_each_limit_is_of() -> None:
    tablets = combination().dosing.items[0]
    assert [(limit.amount, limit.unit, limit.ingredient) for limit in tablets.maximum] == [
        (4000, "mg", "acetaminophen"), (360, "mg", "codeine phosphate"), (12, "{tablet}", None)]


# ---------------------------------------------------------------- FHIR


def _dosages(document: dict[str, Any], release: str) -> list[list[dict[str, Any]]]:
    """The Dosage elements of each dosing instruction, in order."""
    if release == "r5":
        return [guideline["dosage"][0]["dosage"] for r in resources(document, "MedicationKnowledge")
                for indication in r.get("indicationGuideline", ()) for guideline in indication.get("dosingGuideline", ())]
    holders = [document, *document.get("contained", ())]
    return [guideline["dosage"][0]["dosage"] for r in holders for guideline in r.get("administrationGuidelines", ())
            if "dosage" in guideline]


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_fhir_says_an_ingredients_limit_in_words_and_never_as_the_medications(release: str) -> None:
    dosages = _dosages(render(combination(), release), release)
    tablets = [d for d in dosages if "tablets" in d[0]["text"]]
    solution = [d for d in dosages if "15 mL" in d[0]["text"]]
    assert tablets and solution
    for dosage in (d for group in tablets for d in group):
        words = [i["text"] for i in dosage["additionalInstruction"]]
        assert words == ["At most 4000 mg of acetaminophen in 24 h", "At most 360 mg of codeine phosphate in 24 h",
                         "At most 12 tablet in 24 h"]
        per_period = dosage["maxDosePerPeriod"]
        # Only the limit of the tablets themselves is the medication's: 4,000 mg would read as 4,000 mg of tablets.
        expected = {"numerator": {"value": 12, "unit": "tablet", "system": "http://unitsofmeasure.org", "code": "{tablet}"},
                    "denominator": {"value": 24, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h"}}
        assert (per_period == [expected]) if release == "r5" else (per_period == expected), per_period
    for dosage in (d for group in solution for d in group):
        # The author's words name acetaminophen already; the codeine limit's words do not, and get the name.
        assert [i["text"] for i in dosage["additionalInstruction"]] == [
            "Never more than 4,000 mg of acetaminophen a day", "At most 360 mg a day (codeine phosphate)"]
        assert "maxDosePerPeriod" not in dosage and "maxDosePerAdministration" not in dosage


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_the_fhir_narrative_names_the_ingredient_of_each_limit(release: str) -> None:
    document = render(combination(), release)
    knowledge = document if release == "r4" else resources(document, "MedicationKnowledge")[0]
    text = " ".join(etree.fromstring(knowledge["text"]["div"]).xpath("string()").split())
    assert "At most 4000 mg of acetaminophen in 24 h" in text
    assert "At most 360 mg a day (codeine phosphate)" in text


def test_a_limit_without_an_ingredient_keeps_its_structured_fhir_element() -> None:
    data = combination_data()
    for limit in data["dosing"]["items"][1]["maximum"]:
        limit.pop("ingredient")
        limit["unit"] = "mL"
        limit["amount"] = 90
    solution = [d for group in _dosages(render(make_monograph(data), "r5"), "r5") for d in group if "15 mL" in d["text"]]
    assert solution and all([r["numerator"]["value"] for r in d["maxDosePerPeriod"]] == [90, 90] for d in solution)


# ---------------------------------------------------------------- JSON-LD, XML, HTML


def test_jsonld_says_the_ingredient_in_the_maximum_schedule() -> None:
    m = combination()
    tablet = _by_id(jsonld_document(m))[f"{m.url}#form-tablet"]
    described = [(s["doseValue"], s["doseUnit"], s.get("description")) for s in tablet["maximumIntake"]]
    assert described == [(4000, "mg", "4000 mg of acetaminophen"), (360, "mg", "360 mg of codeine phosphate"),
                         (12, "tablet", None)]


def test_xml_names_the_ingredient_of_a_maximum_and_no_other() -> None:
    root = etree.fromstring(export(combination(), "xml"))
    maxima = root.findall("m:section[@type='dosing']/m:dosing[1]/m:maximum", NS)
    assert [(m.get("amount"), m.get("ingredient")) for m in maxima] == [
        ("4000", "acetaminophen"), ("360", "codeine phosphate"), ("12", None)]


@pytest.mark.parametrize(("language", "words"), [
    ("en", ["At most 4000 mg of acetaminophen in 24 hours", "At most 360 mg of codeine phosphate in 24 hours"]),
    ("fr", ["Au maximum 4 000 mg de acetaminophen en 24 heures", "Au maximum 360 mg de codeine phosphate en 24 heures"]),
])
def test_the_page_says_which_ingredient_each_maximum_is_of(language: str, words: list[str]) -> None:
    data = combination_data()
    data["language"] = language
    root = etree.fromstring(export(make_monograph(data), "html"), etree.HTMLParser())
    facts = [" ".join(li.xpath("string()").split()) for li in root.iterfind(".//ul[@class='dose-facts']/li")]
    for expected in words:
        assert any(expected.replace("\u00a0", " ").replace("\u202f", " ") in f.replace("\u00a0", " ").replace("\u202f", " ")
                   for f in facts), (expected, facts)


# ---------------------------------------------------------------- the rules


def _problems(data: dict[str, Any]) -> list[str]:
    return [f"{p.location.pointer}: {p.message} [{p.rule}]" for p in load_data(data).problems]


def test_a_maximums_ingredient_must_be_an_ingredient() -> None:
    data = combination_data()
    data["dosing"]["items"][0]["maximum"][1]["ingredient"] = "codein phosphate"
    assert "/dosing/items/0/maximum/1/ingredient: 'codein phosphate' is not the name of any ingredient; did you mean " \
           "'codeine phosphate'? [ingredient-unresolved]" in _problems(data)


def _tablets_with(dose: dict[str, Any], limits: list[dict[str, Any]], strengths: Any = None) -> dict[str, Any]:
    data = combination_data()
    item = data["dosing"]["items"][0]
    item["steps"][0]["dose"] = dose
    item["maximum"] = limits
    if strengths is not None:
        data["forms"]["items"][0]["strengths"] = strengths
    return data


PER_DAY = {"value": 24, "unit": "h"}


def test_a_dose_above_one_ingredients_maximum_is_found_through_the_forms_strength() -> None:
    # 2 tablets every 4 hours is 12 tablets a day; of the 60 mg tablets alone, that is 720 mg of codeine.
    strong = [copy.deepcopy(combination_data()["forms"]["items"][0]["strengths"][1])]
    data = _tablets_with({"amount": 2, "unit": "{tablet}"},
                         [{"amount": 360, "unit": "mg", "ingredient": "codeine phosphate", "per": PER_DAY},
                          {"amount": 4000, "unit": "mg", "ingredient": "acetaminophen", "per": PER_DAY}], strong)
    assert [p for p in _problems(data) if "dose-above-maximum" in p] == [
        "/dosing/items/0/steps/0/dose: this step asks for at least 720 mg of codeine phosphate in 24 hours, above the "
        "maximum of 360 mg of codeine phosphate that the instruction states; correct the dose or the maximum "
        "[dose-above-maximum]"]


def test_the_weakest_strength_is_what_a_step_asks_for_at_least() -> None:
    # With 30 mg tablets too, 12 tablets can be 360 mg of codeine: the step does not have to exceed the limit.
    data = _tablets_with({"amount": 2, "unit": "{tablet}"},
                         [{"amount": 360, "unit": "mg", "ingredient": "codeine phosphate", "per": PER_DAY}])
    assert not any("dose-above-maximum" in p for p in _problems(data))


def test_each_ingredients_limit_counts_that_ingredient_only() -> None:
    # 12 tablets of 300 mg acetaminophen is 3,600 mg: under 4,000, though 12 x 300 is above a 360 mg limit of codeine.
    data = _tablets_with({"amount": 2, "unit": "{tablet}"},
                         [{"amount": 4000, "unit": "mg", "ingredient": "acetaminophen", "per": PER_DAY}])
    assert not any("dose-above-maximum" in p for p in _problems(data))
    data["dosing"]["items"][0]["maximum"][0]["amount"] = 3000
    assert any("3600 mg of acetaminophen in 24 hours, above the maximum of 3000 mg of acetaminophen" in p
               for p in _problems(data))


def test_a_limit_in_grams_is_compared_with_strengths_in_milligrams() -> None:
    data = _tablets_with({"amount": 2, "unit": "{tablet}"},
                         [{"amount": 3, "unit": "g", "ingredient": "acetaminophen", "per": PER_DAY}])
    assert any("asks for at least 3.6 g of acetaminophen in 24 hours, above the maximum of 3 g" in p for p in _problems(data))


def test_a_volume_of_a_solution_is_counted_by_its_concentration() -> None:
    # 30 mL every 4 hours is 180 mL a day: at 120 mg acetaminophen and 12 mg codeine in 5 mL, 4,320 mg and 432 mg.
    data = combination_data()
    item = data["dosing"]["items"][1]
    item["steps"][0]["dose"] = {"amount": 30, "unit": "mL"}
    found = [p for p in _problems(data) if "dose-above-maximum" in p]
    assert [p.split(", above")[0] for p in found] == [
        "/dosing/items/1/steps/0/dose: this step asks for at least 4320 mg of acetaminophen in 24 hours",
        "/dosing/items/1/steps/0/dose: this step asks for at least 432 mg of codeine phosphate in 24 hours"]
    item["steps"][0]["dose"] = {"amount": 25, "unit": "mL"}  # 150 mL: 3,600 mg and 360 mg, at the limits, not above
    assert not any("dose-above-maximum" in p for p in _problems(data))


def test_a_dose_in_the_limits_unit_is_compared_only_when_the_drug_has_that_one_active_ingredient() -> None:
    data = _tablets_with({"amount": 100, "unit": "mg"},
                         [{"amount": 360, "unit": "mg", "ingredient": "codeine phosphate", "per": PER_DAY}])
    data["dosing"]["items"][0]["steps"][0]["every"] = {"value": 4, "unit": "h"}
    assert not any("dose-above-maximum" in p for p in _problems(data))  # 100 mg of which? the rule cannot tell
    data["ingredients"]["items"][0]["role"] = "excipient"
    for form in data["forms"]["items"]:
        form["strengths"] = [{"amount": 30, "unit": "mg", "ingredient": "codeine phosphate"}]
    assert any("600 mg of codeine phosphate in 24 hours, above the maximum of 360 mg" in p for p in _problems(data))
