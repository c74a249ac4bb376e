"""Property-based: any valid schema 2.0 monograph, with every new field in any combination, gives JSON-LD that
fits the schema.org vocabulary (as JSON and as RDF) and XML that validates and gives back every fact.

The monographs come from test_properties' strategy with the schema 2.0 parts added at random: scopes and
populations on every kind of statement, dosing, monitoring, missed dose, storage, overdose, supply in every
status, programs, excipients, side-effect rates and precaution qualifiers. The HTML page and FHIR have tests of
their own; this file is about the markup formats.
"""

from __future__ import annotations

from typing import Any

from format_checks import vocabulary, xml_schemas
from hypothesis import given, settings
from hypothesis import strategies as st
from monograph.formats.schemaorg import jsonld as schemaorg
from monograph.loader import load_bytes
from monograph.project import Project
from monograph.validation import validate_document
from support import dump_yaml
from test_properties import TODAY, _concept, _line, _prose, monographs
from test_schemaorg import check
from test_schemaorg_rdf import rdf_errors
from test_syndication import assert_valid_and_complete

_DURATION_UNITS = st.sampled_from(["min", "h", "d", "wk", "mo"])
_UNITS = st.sampled_from(["mg", "ug", "mL", "[iU]", "{tablet}", "{dose}", "mg/kg"])


def _duration(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        return {"value": draw(st.integers(1, 30)), "unit": draw(_DURATION_UNITS)}
    low = draw(st.integers(1, 10))
    return {"low": low, "high": low + draw(st.integers(0, 10)), "unit": draw(_DURATION_UNITS)}


def _population(draw: st.DrawFn) -> dict[str, Any]:
    population: dict[str, Any] = {}
    if draw(st.booleans()):
        population["name"] = draw(_line())
    if draw(st.booleans()):
        population["group"] = draw(st.sampled_from(["adults", "children", "adolescents", "older-adults", "infants"]))
    if draw(st.booleans()):
        low = draw(st.integers(0, 60))
        population["age"] = {"unit": draw(st.sampled_from(["a", "mo"])), "min": low, "max": low + draw(st.integers(0, 20))}
    if draw(st.booleans()):
        population["weight"] = {"unit": "kg", "min": draw(st.integers(2, 30))}
    if draw(st.booleans()):
        population["sex"] = draw(st.sampled_from(["female", "male"]))
    if draw(st.booleans()):
        population["pregnancy"] = draw(st.sampled_from(["pregnant", "breastfeeding", "able-to-become-pregnant"]))
    if draw(st.booleans()):
        population["conditions"] = draw(st.lists(_concept(), min_size=1, max_size=2))
    return population or {"group": "adults"}


class Extras:
    """Adds the schema 2.0 parts to one drawn monograph."""

    def __init__(self, draw: st.DrawFn, data: dict[str, Any]):
        self.draw = draw
        self.data = data
        forms = [f["id"] for f in data.get("forms", {}).get("items", [])]
        self.targets = forms + [b["name"] for b in data.get("brands", {}).get("items", [])]

    def qualify(self, item: dict[str, Any], population: bool = True) -> dict[str, Any]:
        if self.targets and self.draw(st.booleans()):
            item["applies_to"] = self.draw(st.lists(st.sampled_from(self.targets), min_size=1, max_size=2, unique=True))
        if population and self.draw(st.booleans()):
            item["population"] = _population(self.draw)
        return item

    def step(self) -> dict[str, Any]:
        draw = self.draw
        dose = ({"amount": draw(st.integers(1, 50))} if draw(st.booleans())
                else {"low": 1, "high": draw(st.integers(1, 50))})
        step: dict[str, Any] = {"dose": {**dose, "unit": "mg"}}
        if draw(st.booleans()):
            step["every"] = _duration(draw)
        elif draw(st.booleans()):
            # A count of times, or a range of them ('3 to 4 times a day').
            times = draw(st.one_of(st.integers(1, 4), st.integers(1, 3).map(lambda low: {"low": low, "high": low + 1})))
            step.update(times=times, period={"value": 1, "unit": "d"})
        for name in ("duration", "after"):
            if draw(st.booleans()):
                step[name] = _duration(draw)
        if draw(st.booleans()):
            step["as_needed"] = True
        if draw(st.booleans()):
            step["text"] = draw(_line())
        return step

    def dosing(self) -> dict[str, Any]:
        draw = self.draw
        item: dict[str, Any] = {"text": draw(_prose)}
        steps = [self.step() for _ in range(draw(st.integers(0, 3)))]
        if steps:
            item["steps"] = steps
        if draw(st.booleans()):  # well above any dose drawn, so that no dose exceeds it
            item["maximum"] = [{"amount": 100000, "unit": "mg", **({"per": {"value": 1, "unit": "d"}} if draw(st.booleans()) else {})}]
        if draw(st.booleans()):
            item["indication"] = draw(st.sampled_from([i["name"] for i in self.data["indications"]["items"]]))
        for name in ("infusion_duration", "observation"):
            if draw(st.booleans()):
                item[name] = _duration(draw)
        if draw(st.booleans()):
            item["premedication"] = draw(st.lists(_concept(), min_size=1, max_size=2))
        if draw(st.booleans()):
            item["administered_by"] = draw(st.sampled_from(["patient", "caregiver", "healthcare-professional"]))
        return self.qualify(item)

    def instruction(self, kind: str) -> dict[str, Any]:
        draw = self.draw
        item: dict[str, Any] = {"text": draw(_prose)}
        if kind == "storage" and draw(st.booleans()):
            item["temperature"] = {"min": draw(st.integers(-20, 10)), "max": draw(st.integers(10, 40))}
        if kind == "storage" and draw(st.booleans()):
            item["disposal"] = True
        if kind == "overdose" and draw(st.booleans()):
            item["symptoms"] = draw(st.lists(_concept(), min_size=1, max_size=2))
        return self.qualify(item)

    def add_sections(self) -> None:
        draw, data = self.draw, self.data
        if draw(st.booleans()):
            data["dosing"] = {"items": [self.dosing() for _ in range(draw(st.integers(1, 3)))]}
        if draw(st.booleans()):
            data["monitoring"] = {"items": [self.qualify({
                "test": draw(_concept()), "text": draw(_prose),
                "when": draw(st.lists(st.sampled_from(["before-start", "before-each-dose", "during", "after-stopping"]),
                                      max_size=3, unique=True)) or ["during"]})
                for _ in range(draw(st.integers(1, 2)))]}
        for kind in ("missed_dose", "storage", "overdose"):
            if draw(st.booleans()):
                data[kind] = {"items": [self.instruction(kind) for _ in range(draw(st.integers(1, 2)))]}

    def add_drug_parts(self) -> None:
        draw, data = self.draw, self.data
        statuses = ["prescription-only", "over-the-counter", "pharmacy-only", "hospital-only", "controlled"]
        supply = []
        for _ in range(draw(st.integers(0, 3))):
            entry: dict[str, Any] = {"status": draw(st.sampled_from(statuses))}
            if entry["status"] == "controlled":  # a controlled status names its schedule
                entry["schedule"] = draw(st.sampled_from(["CII", "CIV", "Schedule 8"]))
            if draw(st.booleans()):
                entry["jurisdiction"] = draw(st.sampled_from(["US", "GB", "EU", "DE"]))
            if draw(st.booleans()):
                entry["note"] = draw(_line())
            supply.append(self.qualify(entry, population=False))
        data["drug"].pop("supply", None)
        if supply:
            data["drug"]["supply"] = supply
        if draw(st.booleans()):
            data["drug"]["programs"] = [self.qualify({
                "name": draw(_line()), "kind": draw(st.sampled_from(["rems", "risk-management"])),
                **({"text": draw(_prose)} if draw(st.booleans()) else {}),
                **({"url": "https://example.org/program"} if draw(st.booleans()) else {})}, population=False)]
        if draw(st.booleans()):
            taken = {i["name"].casefold() for i in data["ingredients"]["items"]}
            name = draw(_line()).replace(" ", "")
            if name.casefold() not in taken:
                data["ingredients"]["items"].append(self.qualify({"name": name, "role": "excipient"}, population=False))

    def qualify_statements(self) -> None:
        draw, data = self.draw, self.data
        for section in ("indications", "side_effects", "precautions", "advice"):
            for item in data.get(section, {}).get("items", []):
                self.qualify(item)
        for effect in data.get("side_effects", {}).get("items", []):
            if draw(st.booleans()):
                percent = draw(st.integers(0, 100))
                effect["rate"] = {"percent": percent, **({"comparator_percent": draw(st.integers(0, 100))} if draw(st.booleans()) else {})}
        for precaution in data.get("precautions", {}).get("items", []):
            for name in ("effects", "risk_factors", "warning_signs"):
                if draw(st.booleans()):
                    precaution[name] = draw(st.lists(_concept(), min_size=1, max_size=2))
        if "boxed_warning" in data and draw(st.booleans()):
            data["boxed_warning"]["population"] = _population(draw)


@st.composite
def monographs_2_0(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(monographs())
    if draw(st.booleans()):  # not medically reviewed: then the date the content last changed is required
        data["modified"] = data.pop("review")["last_reviewed"]
    extras = Extras(draw, data)
    extras.add_drug_parts()
    extras.qualify_statements()
    extras.add_sections()
    return data


def _model(data: dict[str, Any]) -> Any:
    name = data["id"] if data["language"] == "en" else f"{data['id']}.{data['language']}"
    document, problems = load_bytes(f"{name}.yaml", dump_yaml(data).encode("utf-8"))
    assert document is not None, problems
    result = validate_document(document, Project(today=TODAY), problems)
    assert [str(p) for p in result.problems if p.severity == "error"] == []
    return result.monograph


@given(monographs_2_0())
@settings(max_examples=25)  # each example builds, validates and reads back three formats: about a second
def test_any_2_0_monograph_gives_valid_markup(data: dict[str, Any]) -> None:
    model = _model(data)
    assert model is not None
    document = schemaorg.document(model)
    assert check(vocabulary(), document) == []
    assert rdf_errors(vocabulary(), document) == []
    assert_valid_and_complete(model, *xml_schemas())
