"""Several boxed warnings, each stated only of its own forms, brands and people, in every format.

A label can box warnings about different forms (an oral solution's dosing-error warning beside the addiction
warning of every form): `boxed_warning` then takes a list. The fixture (support.combination_data) has three: one
of every form, one of the oral solution only, and one of a brand's tablets for children. Each format's output is
also checked by the format's own validators (tests/format_checks.py).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from format_checks import check_every_format
from lxml import etree
from monograph.api import export
from monograph.formats.fhir.vocabulary import extension_url
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from monograph.formats.syndication.tree import NAMESPACE
from monograph.model import Monograph
from support import baclofen_data, combination_data, load_data, make_monograph
from test_fhir_scoping import by_url, issue_refs, render, resources
from test_schemaorg import _by_id

NS = {"m": NAMESPACE}
ADDICTION, DOSING_ERRORS, CHILDREN = "Addiction, abuse and misuse", "Dosing errors", "Breathing problems in children"


@cache
def combination() -> Monograph:
    return make_monograph(combination_data())


def test_a_list_gives_one_warning_each_in_order_and_a_mapping_gives_one() -> None:
    assert [b.heading for b in combination().boxed_warnings] == [ADDICTION, DOSING_ERRORS, CHILDREN]
    solution, children = combination().boxed_warnings[1:]
    assert [f.id for f in solution.scope.forms] == ["oral-solution"] and solution.population is None
    assert [b.name for b in children.scope.brands] == ["Tylenol with Codeine"] and children.population is not None
    (single,) = make_monograph(baclofen_data()).boxed_warnings
    data = baclofen_data()
    data["boxed_warning"] = [data["boxed_warning"]]
    assert make_monograph(data).boxed_warnings == (single,)  # a list of one is the same warning
    data.pop("boxed_warning")
    assert make_monograph(data).boxed_warnings == ()


def test_the_fixture_passes_every_formats_validators() -> None:
    check_every_format(combination())


# ---------------------------------------------------------------- FHIR


def _warnings(document: dict[str, Any]) -> dict[str, str]:
    """Each boxed warning's heading -> its ClinicalUseDefinition's fullUrl."""
    return {r["category"][0]["text"]: url for url, r in by_url(document).items()
            if r["resourceType"] == "ClinicalUseDefinition"
            and any(c.get("code") == "34066-1" for cat in r.get("category", ()) for c in cat.get("coding", ()))}


def test_r5_each_product_references_only_the_warnings_about_it() -> None:
    document = render(combination(), "r5")
    warnings = _warnings(document)
    assert set(warnings) == {ADDICTION, DOSING_ERRORS, CHILDREN}
    knowledge, *products = resources(document, "MedicationKnowledge")
    assert warnings[ADDICTION] in issue_refs(knowledge)
    assert not {warnings[DOSING_ERRORS], warnings[CHILDREN]} & issue_refs(knowledge)
    seen = set()
    for product in products:
        label, brands = product["code"]["text"], set(product.get("name", ()))
        refs = issue_refs(product)
        assert warnings[ADDICTION] in refs, label
        assert (warnings[DOSING_ERRORS] in refs) == ("Oral solution" in label), label
        assert (warnings[CHILDREN] in refs) == ("Tylenol with Codeine" in brands), label
        seen.add((warnings[DOSING_ERRORS] in refs, warnings[CHILDREN] in refs))
    assert seen == {(True, False), (False, True)}  # each scoped warning has its products, and none has both
    children = by_url(document)[warnings[CHILDREN]]
    assert children["population"], "the children's warning says whom it is about"
    assert "population" not in by_url(document)[warnings[DOSING_ERRORS]]


def test_r4_each_warning_applies_to_its_own_contained_products() -> None:
    document = render(combination(), "r4")
    contained = {f"#{r['id']}": r for r in document["contained"]}
    issues = [e for e in document["extension"] if e["url"] == extension_url("clinical-use-issue")]
    boxed = {json.dumps(i): i for i in issues if "34066-1" in json.dumps(i)}
    assert len(boxed) == 3

    def targets(issue: dict[str, Any]) -> list[dict[str, Any]]:
        return [contained[p["valueReference"]["reference"]] for p in issue["extension"] if p["url"] == "appliesTo"]

    by_heading = {next(h for h in (ADDICTION, DOSING_ERRORS, CHILDREN) if h in text): issue for text, issue in boxed.items()}
    assert targets(by_heading[ADDICTION]) == []  # the whole drug
    solution = targets(by_heading[DOSING_ERRORS])
    assert solution and all("Oral solution" in t["code"]["text"] for t in solution)
    children = targets(by_heading[CHILDREN])
    assert children and all("Tablet" in t["code"]["text"] for t in children)


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_the_drug_narrative_says_each_warning_with_its_own_forms_and_people(release: str) -> None:
    document = render(combination(), release)
    knowledge = document if release == "r4" else resources(document, "MedicationKnowledge")[0]
    root = etree.fromstring(knowledge["text"]["div"])
    boxes = {d.findtext("{*}h2"): " ".join(d.xpath("string()").split())
             for d in root.iter("{http://www.w3.org/1999/xhtml}div") if d.find("{*}h2") is not None}
    assert "Dose forms: Oral solution" in boxes[DOSING_ERRORS]
    assert "Dose forms" not in boxes[ADDICTION] and "Tylenol with Codeine" not in boxes[ADDICTION]
    assert "Tylenol with Codeine" in boxes[CHILDREN] and "11 years" in boxes[CHILDREN]
    assert "Oral solution" not in boxes[CHILDREN]


# ---------------------------------------------------------------- JSON-LD


def test_jsonld_puts_each_warning_on_the_drug_nodes_of_its_own_forms_and_brands() -> None:
    m = combination()
    nodes = _by_id(jsonld_document(m))
    addiction, solution, children = (b.text.plain for b in m.boxed_warnings)

    def warnings(suffix: str) -> list[str]:
        return nodes[f"{m.url}#{suffix}"].get("warning", [])

    assert addiction in warnings("drug") and solution not in warnings("drug") and children not in warnings("drug")
    assert solution in warnings("form-oral-solution") and solution not in warnings("form-tablet")
    assert children in warnings("brand-1")
    assert children not in warnings("form-oral-solution") and children not in warnings("form-tablet")


# ---------------------------------------------------------------- XML


def test_xml_holds_each_warning_with_its_own_heading_intro_cites_and_scope() -> None:
    root = etree.fromstring(export(combination(), "xml"))
    (section,) = root.findall("m:section[@type='boxed-warning']", NS)
    assert section.findtext("m:heading", namespaces=NS) == ADDICTION
    assert section.find("m:intro", NS) is None and section.find("m:cite", NS) is None
    first, solution, children = section.findall("m:boxedWarning", NS)
    assert [b.findtext("m:heading", namespaces=NS) for b in (first, solution, children)] == [ADDICTION, DOSING_ERRORS, CHILDREN]
    assert [c.get("ref") for c in first.findall("m:cite", NS)] == ["prescribing-information"]
    assert [c.get("ref") for c in solution.findall("m:cite", NS)] == ["intrathecal-prescribing-information"]
    assert solution.find("m:intro", NS) is not None
    assert [r.get("ref") for r in solution.findall("m:appliesTo/m:formRef", NS)] == ["oral-solution"]
    assert first.find("m:appliesTo", NS) is None
    assert [r.get("name") for r in children.findall("m:appliesTo/m:brandRef", NS)] == ["Tylenol with Codeine"]
    assert children.find("m:population", NS).get("group") == "children"


def test_xml_of_one_warning_keeps_its_heading_intro_and_cites_on_the_section() -> None:
    root = etree.fromstring(export(make_monograph(baclofen_data()), "xml"))
    section = root.find("m:section[@type='boxed-warning']", NS)
    (box,) = section.findall("m:boxedWarning", NS)
    assert section.find("m:intro", NS) is not None and section.find("m:cite", NS) is not None
    assert box.find("m:heading", NS) is None and box.find("m:cite", NS) is None


# ---------------------------------------------------------------- HTML


def test_the_page_opens_with_one_box_per_warning_each_saying_its_forms() -> None:
    html = export(combination(), "html")
    root = etree.fromstring(html, etree.HTMLParser())
    article = root.find(".//article")
    boxes = article.findall("section[@class='boxed-warning']")
    assert [b.findtext("h2") for b in boxes] == [ADDICTION, DOSING_ERRORS, CHILDREN]
    ids = [b.get("id") for b in boxes]
    assert ids == ["boxed-warning", "boxed-warning-2", "boxed-warning-3"]
    assert [b.get("aria-labelledby") for b in boxes] == [f"{i}-heading" for i in ids]
    summary = article.find("div[@class='summary']")
    assert all(list(article).index(b) < list(article).index(summary) for b in boxes)
    applies = [" ".join(b.find("p[@class='applies']").xpath("string()").split()) for b in boxes]
    assert "every form of acetaminophen and codeine" in applies[0]
    assert "Oral solution" in applies[1] and "Tablet" not in applies[1]
    assert "Tylenol with Codeine" in applies[2] and "11 years" in applies[2] and "Oral solution" not in applies[2]


# ---------------------------------------------------------------- rules and wrong shapes


def _problems(boxed: Any) -> list[str]:
    data = combination_data()
    data["boxed_warning"] = boxed
    return [f"{p.location.pointer}: {p.message} [{p.rule}]" for p in load_data(data).problems]


def test_rules_read_every_warning_of_a_list() -> None:
    warnings = combination_data()["boxed_warning"]
    warnings[2]["applies_to"] = ["oral-solutoin"]
    warnings[1]["cites"] = ["prescribing-informaton"]
    problems = _problems(warnings)
    assert any(p.startswith("/boxed_warning/2/applies_to/0: 'oral-solutoin' is neither") and "[applies-to-unresolved]" in p
               for p in problems), problems
    assert any(p.startswith("/boxed_warning/1/cites/0: 'prescribing-informaton' is not the id")
               and "[citation-unresolved]" in p for p in problems), problems


def test_a_cite_in_a_later_warning_counts_as_a_use_of_its_citation() -> None:
    assert not any("citation-unused" in p for p in _problems(combination_data()["boxed_warning"]))


@pytest.mark.parametrize(("boxed", "expected"), [
    ([], "/boxed_warning: the list is empty; give at least one item or remove the field [schema]"),
    ("Do not stop suddenly.", "/boxed_warning: expected a mapping of fields or a list here, found the text "
                              "'Do not stop suddenly.' [schema]"),
    ([{"text": "One."}, {"heading": "Two"}], "/boxed_warning/1: the required field 'text' (warning) is missing; add it "
                                             "here [schema]"),
    ([{"text": "One."}, {"text": "Two.", "forms": ["tablet"]}], "/boxed_warning/1/forms: unknown field 'forms'"),
    ([{"text": "One."}, [{"text": "Two."}]], "/boxed_warning/1: expected a mapping of fields here, found a list [schema]"),
])
def test_a_wrong_shape_is_named_where_it_is(boxed: Any, expected: str) -> None:
    problems = _problems(boxed)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_second_warning_is_reported_as_one_added_and_each_by_its_heading() -> None:
    from monograph.changes import compare

    old, new = baclofen_data(), baclofen_data()
    new["boxed_warning"] = [new["boxed_warning"], {"heading": DOSING_ERRORS, "text": "Measure it.", "applies_to": ["tablet"]}]
    assert [c.words for c in compare(old, new)] == [f"boxed warning {DOSING_ERRORS} added"]
    assert [c.words for c in compare(new, old)] == [f"boxed warning {DOSING_ERRORS} removed"]
    changed = combination_data()
    changed["boxed_warning"][2]["applies_to"] = ["tablet"]
    assert [(c.path, c.words) for c in compare(combination_data(), changed)] == [
        ("boxed_warning.applies_to", f"boxed warning {CHILDREN} now applies to Tablet only")]
