"""A dose form given by several routes ("for intramuscular or intravenous use") and a dose taken a range of times
("3 to 4 times a day"), in the model and in every format: each route and both ends of the range reach the output,
which its own validators accept (check_every_format runs them on the case in test_valid_cases)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import load_model
from format_checks import check_every_format, vocabulary, xml_schemas
from lxml import etree
from monograph.api import export
from monograph.changes import compare
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from monograph.model import Monograph, Times
from monograph.rules import RULES, CheckContext
from support import TODAY, load_data, make_monograph
from test_html import assert_publishable, only
from test_html_languages import TRANSLATED
from test_schemaorg import check as schemaorg_problems
from test_syndication import assert_valid_and_complete, safe_parser

CASE = Path(__file__).parent / "cases" / "valid" / "several-routes-and-a-range-of-times" / "diphenhydramine.yaml"
NS = {"m": "https://monograph.dev/ns/monograph/2"}
INJECTION_ROUTES = ["intravenous", "intramuscular"]
INJECTION_LABELS = ["intravenous", "intramuscular (deep into a large muscle)"]
# SNOMED CT route codes of the case: intravenous 47625008, intramuscular 78421000.
INJECTION_SNOMED = ["47625008", "78421000"]


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    loaded = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def model() -> Monograph:
    return load_model(CASE)


def words(element: etree._Element) -> str:
    return " ".join(element.xpath("string()").split())


def test_a_form_keeps_every_route_in_order_and_a_step_both_ends_of_its_range(model: Monograph) -> None:
    capsule, injection = model.forms.items
    assert [r.name for r in capsule.routes] == ["oral"]
    assert [r.name for r in injection.routes] == INJECTION_ROUTES
    assert injection.routes[1].explanation == "deep into a large muscle"
    steps = [step for item in model.dosing.items for step in item.steps]
    assert [s.times for s in steps] == [Times(3, 4), Times(2, 3), Times(1, 2)]
    assert Times(3, 4).exact is None and Times(2, 2).exact == 2


def test_one_route_written_as_a_list_of_one_is_the_same_form(data: dict[str, Any], model: Monograph) -> None:
    listed = copy.deepcopy(data)
    listed["forms"]["items"][0]["route"] = [listed["forms"]["items"][0]["route"]]
    assert make_monograph(listed).forms.items[0] == model.forms.items[0]


# ---------------------------------------------------------------- FHIR


def _resources(document: dict[str, Any], release: str) -> list[dict[str, Any]]:
    if release == "r5":
        return [e["resource"] for e in document["entry"]]
    return [document, *document.get("contained", [])]


def _repeats(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node["repeat"]] if "repeat" in node else []
        return own + [r for v in node.values() for r in _repeats(v)]
    if isinstance(node, list):
        return [r for v in node for r in _repeats(v)]
    return []


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_fhir_has_an_intended_route_per_route_and_a_frequency_range(model: Monograph, release: str) -> None:
    document = json.loads(export(model, "fhir", fhir_release=release))
    resources = _resources(document, release)

    def routes_of(resource: dict[str, Any]) -> list[dict[str, Any]]:
        return (resource.get("definitional", {}) if release == "r5" else resource).get("intendedRoute", [])

    def form_of(resource: dict[str, Any]) -> str | None:
        form = (resource.get("definitional", {}) if release == "r5" else resource).get("doseForm")
        return form["text"] if form else None

    injection = [r for r in resources if form_of(r) == "Solution for injection"]
    assert injection
    for clinical_drug in injection:
        routes = routes_of(clinical_drug)
        assert [r["text"] for r in routes] == INJECTION_LABELS
        assert [c["code"] for r in routes for c in r["coding"] if c["system"] == "http://snomed.info/sct"] == INJECTION_SNOMED
        # The form's delivery is said of each of its routes, not only the first.
        assert all(r["extension"][0]["valueString"] == "by a slow injection into a vein or deep into a muscle" for r in routes)
    drug = resources[0]
    assert [r["text"] for r in routes_of(drug)] == ["oral", *INJECTION_LABELS]
    repeats = _repeats(resources)
    assert {"frequency": 3, "frequencyMax": 4, "period": 1, "periodUnit": "d"} in repeats
    assert {"frequency": 2, "frequencyMax": 3, "period": 1, "periodUnit": "wk"} in repeats
    # A dose divided into 2 parts, 1 to 2 times in 2 weeks: 2 to 4 administrations.
    assert {"frequency": 2, "frequencyMax": 4, "period": 2, "periodUnit": "wk"} in repeats


# ---------------------------------------------------------------- JSON-LD


def test_json_ld_lists_the_routes_of_a_form_and_says_the_range_of_times(model: Monograph) -> None:
    document = jsonld_document(model)
    assert schemaorg_problems(vocabulary(), document) == []
    graph = document["@graph"]
    by_form = {n.get("dosageForm"): n for n in graph if n.get("@type") == "Drug" and isinstance(n.get("dosageForm"), str)}
    assert by_form["Solution for injection"]["administrationRoute"] == INJECTION_ROUTES
    assert by_form["Capsule"]["administrationRoute"] == "oral"
    frequencies = [s["frequency"] for n in graph for s in n.get("doseSchedule", []) if "frequency" in s]
    assert "3 to 4 times per day" in frequencies
    assert "as needed, 2 to 3 times per week" in frequencies


def test_json_ld_names_a_route_once_when_two_routes_share_a_name(data: dict[str, Any]) -> None:
    twice = copy.deepcopy(data)
    twice["forms"]["items"][1]["route"] = [{"name": "intravenous", "explanation": "as an injection"},
                                           {"name": "intravenous", "explanation": "as an infusion"}]
    graph = jsonld_document(make_monograph(twice))["@graph"]
    (injection,) = [n for n in graph if n.get("@type") == "Drug" and n.get("dosageForm") == "Solution for injection"]
    assert injection["administrationRoute"] == "intravenous"


# ---------------------------------------------------------------- XML


def test_xml_has_a_route_element_per_route_and_times_low_and_high(model: Monograph) -> None:
    data = assert_valid_and_complete(model, *xml_schemas())  # the XSD, twice, and read back to the same facts
    root = etree.fromstring(data, safe_parser())
    (injection,) = root.xpath("//m:drug/m:forms/m:form[@id='injection']", namespaces=NS)
    assert [r.findtext("m:name", namespaces=NS) for r in injection.findall("m:route", NS)] == INJECTION_ROUTES
    steps = root.xpath("//m:dosing/m:step", namespaces=NS)
    assert [(s.get("times"), s.get("timesLow"), s.get("timesHigh")) for s in steps] == [
        (None, "3", "4"), (None, "2", "3"), (None, "1", "2")]


def test_the_xsd_refuses_a_count_that_is_not_a_whole_number(model: Monograph) -> None:
    lxml_schema, _ = xml_schemas()
    data = export(model, "xml").replace(b'timesLow="3"', b'timesLow="three"', 1)
    assert not lxml_schema.validate(etree.fromstring(data, safe_parser()))


# ---------------------------------------------------------------- the page


def test_the_page_says_both_routes_and_the_range_of_times(model: Monograph) -> None:
    root = assert_publishable(model)
    rows = {words(tr.xpath("th")[0]): words(tr.xpath("td")[0]) for tr in root.xpath("//table[@class='forms']/tbody/tr")}
    assert rows["Solution for injection"].startswith("intravenous or intramuscular (deep into a large muscle) (by a slow")
    steps = [words(li) for li in root.xpath("//section[@id='dosing']//ol[@class='steps']/li")]
    assert steps == ["25\u201350 mg, 3 to 4 times a day", "10\u201350 mg, 2 to 3 times a week, as needed",
                     "25 mg, 1 to 2 times in 2 weeks, divided into 2 doses"]


# The range of times and the routes' "or" in each language the page has a catalogue for.
IN_LANGUAGE = {
    "es": ("3 a 4 veces al día", "2 a 3 veces a la semana", " o "),
    "fr": ("3 à 4 fois par jour", "2 à 3 fois par semaine", " ou "),
    "de": ("3- bis 4-mal täglich", "2- bis 3-mal wöchentlich", " oder "),
    "ar": ("3 إلى 4 مرات في اليوم", "2 إلى 3 مرات في الأسبوع", " أو "),
    "zh": ("每日 3 至 4 次", "每周 2 至 3 次", "或"),
}


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_page_says_the_range_and_the_routes_in_its_language(data: dict[str, Any], language: str) -> None:
    translated = copy.deepcopy(data)
    translated["language"] = language
    root = assert_publishable(make_monograph(translated))
    day, week, alternative = IN_LANGUAGE[language]
    dosing = words(only(root, "//section[@id='dosing']"))
    assert day in dosing and week in dosing
    assert root.xpath("//section[@id='dosing']//*[@lang='en']") == []
    rows = [words(tr.xpath("td")[0]) for tr in root.xpath("//table[@class='forms']/tbody/tr")]
    assert any(f"intravenous{alternative}intramuscular" in row for row in rows)


# ---------------------------------------------------------------- rules


def _dose_findings(times: Any, maximum: int) -> list[tuple[str, str]]:
    data = {"dosing": {"items": [{"text": "x", "steps": [
        {"dose": {"amount": 100, "unit": "mg"}, "times": times, "period": {"value": 1, "unit": "d"}}],
        "maximum": [{"amount": maximum, "unit": "mg", "per": {"value": 1, "unit": "d"}}]}]}}
    check = RULES["dose-above-maximum"].check
    assert check is not None
    return list(check(data, CheckContext("x", TODAY)))


def test_a_range_of_times_is_held_to_a_maximum_by_its_fewest() -> None:
    # 100 mg 3 to 4 times a day asks for at least 300 mg: within 350 mg a day, above 250 mg.
    assert _dose_findings({"low": 3, "high": 4}, 350) == []
    (finding,) = _dose_findings({"low": 3, "high": 4}, 250)
    assert finding[0] == "/dosing/items/0/steps/0/dose" and "at least 300 mg in a day" in finding[1]


def test_a_range_of_times_upside_down_is_found(data: dict[str, Any]) -> None:
    swapped = copy.deepcopy(data)
    swapped["dosing"]["items"][0]["steps"][0]["times"] = {"low": 4, "high": 3}
    problems = [p for p in load_data(swapped).problems if p.severity == "error"]
    assert [(p.rule, p.location.pointer) for p in problems] == [("range-upside-down", "/dosing/items/0/steps/0/times/low")]


def test_every_format_passes_its_validators_with_routes_and_ranges_everywhere(data: dict[str, Any]) -> None:
    wide = copy.deepcopy(data)
    for form in wide["forms"]["items"]:
        form["route"] = [{"name": "oral"}, {"name": "sublingual", "explanation": "under the tongue"}, {"name": "buccal"}]
    for unit in ("h", "d", "wk", "mo", "a"):
        wide["dosing"]["items"].append({"text": f"per {unit}", "steps": [
            {"dose": {"amount": 1, "unit": "mg"}, "times": {"low": 1, "high": 24}, "period": {"value": 1, "unit": unit}}]})
    check_every_format(make_monograph(wide))


# ---------------------------------------------------------------- monograph diff


def test_a_second_route_reads_as_a_route_added_and_one_route_as_a_list_of_one_is_no_change(data: dict[str, Any]) -> None:
    one = copy.deepcopy(data)
    one["forms"]["items"][1]["route"] = data["forms"]["items"][1]["route"][0]
    assert [c.words for c in compare(one, data)] == ["dose form Solution for injection: route intramuscular added"]
    assert [c.words for c in compare(data, one)] == ["dose form Solution for injection: route intramuscular removed"]
    listed = copy.deepcopy(one)
    listed["forms"]["items"][1]["route"] = [one["forms"]["items"][1]["route"]]
    assert compare(one, listed) == []
