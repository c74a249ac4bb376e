"""The JSON-LD exporter, checked against the schema.org v30.0 vocabulary file.

The checker below reads only the vocabulary (tests/data/schemaorg): every
type and property must exist there and be current (not in the attic, not
superseded), every property must be declared for the node's type or one of
its supertypes, and every value must be of a type the property's range
allows. Plain strings pass only where the range allows text, a URL, a date
or (as a schema.org IRI) an enumeration member.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from monograph.api import export
from monograph.formats import schemaorg
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from support import baclofen_data, make_monograph, schema2_data, validate_file

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "source").glob("*.yaml"))
VOCABULARY = Path(__file__).parent / "data" / "schemaorg" / "schemaorg-all-https.jsonld.gz"
VOCABULARY_SHA256 = "06227db49dd4674227727176c9cd1e5bbd4174c1cef9391c7ed4dfcef865f2a8"

SCHEMA = "schema:"
ENUMERATION_PREFIX = "https://schema.org/"
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?")


# ---------------------------------------------------------------- the vocabulary


def _ids(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [v["@id"].removeprefix(SCHEMA) for v in values if v["@id"].startswith(SCHEMA)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


@dataclass(frozen=True)
class Property:
    domain: frozenset[str]
    range: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    supertypes: dict[str, frozenset[str]]
    """Every class (data types included) with its direct supertypes."""
    properties: dict[str, Property]
    members: dict[str, frozenset[str]]
    """Enumeration members with the enumerations they belong to."""
    retired: dict[str, str]
    """Terms in the attic or superseded, with why."""
    datatypes: frozenset[str]
    lineage: dict[str, frozenset[str]] = field(default_factory=dict)
    """Every class with itself and all its supertypes."""

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        graph = json.loads(gzip.decompress(path.read_bytes()))["@graph"]
        supertypes: dict[str, frozenset[str]] = {}
        properties: dict[str, Property] = {}
        members: dict[str, frozenset[str]] = {}
        retired: dict[str, str] = {}
        datatypes: set[str] = set()
        for node in graph:
            if not node["@id"].startswith(SCHEMA):
                continue  # stubs for other vocabularies named in equivalences
            name = node["@id"].removeprefix(SCHEMA)
            kinds = _as_list(node["@type"])
            if "rdfs:Class" in kinds or "schema:DataType" in kinds:
                supertypes[name] = frozenset(_ids(node.get("rdfs:subClassOf")))
                if "schema:DataType" in kinds:
                    datatypes.add(name)
            if "rdf:Property" in kinds:
                properties[name] = Property(
                    frozenset(_ids(node.get("schema:domainIncludes"))),
                    frozenset(_ids(node.get("schema:rangeIncludes"))),
                )
            enumerations = [k.removeprefix(SCHEMA) for k in kinds if k.startswith(SCHEMA) and k != "schema:DataType"]
            if enumerations:
                members[name] = frozenset(enumerations)
            if "https://attic.schema.org" in [p["@id"] for p in _as_list(node.get("schema:isPartOf"))]:
                retired[name] = "is archived in the attic"
            if "schema:supersededBy" in node:
                retired[name] = f"is superseded by {', '.join(_ids(node['schema:supersededBy']))}"
        lineage: dict[str, frozenset[str]] = {}

        def climb(name: str) -> frozenset[str]:
            if name not in lineage:
                lineage[name] = frozenset({name}).union(*(climb(p) for p in supertypes.get(name, ())))
            return lineage[name]

        for name in supertypes:
            climb(name)
        return cls(supertypes, properties, members, retired, frozenset(datatypes), lineage)

    def ancestors(self, name: str) -> frozenset[str]:
        """The type and all its supertypes."""
        return self.lineage.get(name, frozenset({name}))

    def is_datatype(self, name: str) -> bool:
        return bool(self.ancestors(name) & self.datatypes) or name in ("Text", "URL")

    def fits(self, types: list[str], allowed: frozenset[str]) -> bool:
        return any(self.ancestors(t) & allowed for t in types)

    def allows(self, allowed: frozenset[str], datatype: str) -> bool:
        """Whether the range takes values of a data type (directly or through a subtype, such as URL for Text)."""
        return any(datatype in self.ancestors(r) for r in allowed)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.load(VOCABULARY)


# ---------------------------------------------------------------- the checker


class Checker:
    """Check one JSON-LD document that uses ``"@context": "https://schema.org"``."""

    def __init__(self, vocabulary: Vocabulary, document: dict[str, Any]):
        self.vocabulary = vocabulary
        self.document = document
        self.errors: list[str] = []
        self.nodes: dict[str, dict[str, Any]] = {}

    def run(self) -> list[str]:
        if self.document.get("@context") != "https://schema.org":
            self.errors.append(f"@context: expected 'https://schema.org', found {self.document.get('@context')!r}")
        graph = self.document.get("@graph")
        if not isinstance(graph, list) or not graph:
            return [*self.errors, "@graph: expected a non-empty list of nodes"]
        for node in graph:
            if isinstance(node, dict) and isinstance(node.get("@id"), str):
                if node["@id"] in self.nodes:
                    self.errors.append(f"@graph: two nodes have the @id {node['@id']}")
                self.nodes[node["@id"]] = node
        for index, node in enumerate(graph):
            self.node(node, f"@graph[{index}]")
        return self.errors

    def node(self, node: Any, where: str) -> None:
        if not isinstance(node, dict):
            self.errors.append(f"{where}: expected a node, found {node!r}")
            return
        types = self.types(node, where)
        for key, value in node.items():
            if key == "@id":
                if not isinstance(value, str) or not urlsplit(value).scheme:
                    self.errors.append(f"{where}.@id: expected an absolute IRI, found {value!r}")
            elif key.startswith("@"):
                if key != "@type":
                    self.errors.append(f"{where}: unexpected keyword {key}")
            else:
                self.property(types, key, value, f"{where}.{key}")

    def types(self, node: dict[str, Any], where: str) -> list[str]:
        types = node.get("@type")
        if types is None:
            self.errors.append(f"{where}: node has no @type")
            return []
        types = _as_list(types)
        for name in types:
            if name not in self.vocabulary.supertypes:
                self.errors.append(f"{where}: @type {name!r} is not a schema.org type")
            elif self.vocabulary.is_datatype(name):
                self.errors.append(f"{where}: @type {name!r} is a data type, not a type of node")
            elif name in self.vocabulary.retired:
                self.errors.append(f"{where}: @type {name!r} {self.vocabulary.retired[name]}")
        return [t for t in types if t in self.vocabulary.supertypes]

    def property(self, types: list[str], name: str, value: Any, where: str) -> None:
        prop = self.vocabulary.properties.get(name)
        if prop is None:
            self.errors.append(f"{where}: {name!r} is not a schema.org property")
            return
        if name in self.vocabulary.retired:
            self.errors.append(f"{where}: {name!r} {self.vocabulary.retired[name]}")
        if types and not self.vocabulary.fits(types, prop.domain):
            self.errors.append(f"{where}: {name!r} is not a property of {'/'.join(types)} (domain: {sorted(prop.domain)})")
        for index, item in enumerate(_as_list(value)):
            self.value(prop, name, item, f"{where}[{index}]" if isinstance(value, list) else where)

    def value(self, prop: Property, name: str, value: Any, where: str) -> None:
        allows = self.vocabulary.allows
        if isinstance(value, dict):
            self.node_value(prop, name, value, where)
        elif isinstance(value, bool):
            if not allows(prop.range, "Boolean"):
                self.errors.append(f"{where}: {name!r} does not take a Boolean (range: {sorted(prop.range)})")
        elif isinstance(value, (int, float)):
            if not allows(prop.range, "Number"):
                self.errors.append(f"{where}: {name!r} does not take a Number (range: {sorted(prop.range)})")
        elif isinstance(value, str):
            problem = self.text_problem(prop, name, value)
            if problem:
                self.errors.append(f"{where}: {problem}")
        else:
            self.errors.append(f"{where}: {name!r} has a value that is not JSON-LD: {value!r}")

    def node_value(self, prop: Property, name: str, value: dict[str, Any], where: str) -> None:
        if set(value) == {"@id"} and value["@id"].startswith(ENUMERATION_PREFIX) and value["@id"] not in self.nodes:
            # A reference to an enumeration member: {"@id": "https://schema.org/PrescriptionOnly"}.
            problem = self.member_problem(prop, name, value["@id"])
            if problem:
                self.errors.append(f"{where}: {problem}")
            return
        if set(value) == {"@id"}:
            target = self.nodes.get(value["@id"])
            if target is None:
                self.errors.append(f"{where}: refers to {value['@id']}, which no node in the graph has as @id")
                return
            types = _as_list(target.get("@type"))
        else:
            types = _as_list(value.get("@type"))
            self.node(value, where)
        if types and not self.vocabulary.fits(types, prop.range):
            self.errors.append(f"{where}: {name!r} does not take a {'/'.join(types)} (range: {sorted(prop.range)})")

    def member_problem(self, prop: Property, name: str, iri: str) -> str | None:
        return _member_problem(self.vocabulary, prop, name, iri)

    def text_problem(self, prop: Property, name: str, text: str) -> str | None:
        vocabulary = self.vocabulary
        enumerations = {r for r in prop.range if "Enumeration" in vocabulary.ancestors(r)}
        if enumerations and text.startswith(ENUMERATION_PREFIX):
            # As a string, the member is only text to an RDF reader (the context does not type the property
            # as @id): schema.org's validator guesses the IRI, jsonld.js and rdflib do not.
            return (self.member_problem(prop, name, text)
                    or f"{name!r}: {text} is a plain string; write it as {{\"@id\": \"{text}\"}}")
        if vocabulary.allows(prop.range, "Text") and any(r != "URL" for r in prop.range if "Text" in vocabulary.ancestors(r)):
            return None
        if "URL" in prop.range:
            parts = urlsplit(text)
            return None if parts.scheme in ("http", "https") and parts.netloc else f"{name!r}: {text!r} is not an absolute URL"
        if "Date" in prop.range and _is_date(text):
            return None
        if "DateTime" in prop.range and _DATETIME.fullmatch(text):
            return None
        return f"{name!r} does not take the text {text!r} (range: {sorted(prop.range)})"


def _member_problem(vocabulary: Vocabulary, prop: Property, name: str, iri: str) -> str | None:
    enumerations = frozenset(r for r in prop.range if "Enumeration" in vocabulary.ancestors(r))
    member = iri.removeprefix(ENUMERATION_PREFIX)
    if member not in vocabulary.members:
        return f"{name!r}: {iri} is not a schema.org enumeration member"
    if member in vocabulary.retired:
        return f"{name!r}: {iri} {vocabulary.retired[member]}"
    if not vocabulary.fits(list(vocabulary.members[member]), enumerations):
        return f"{name!r}: {iri} is not a member of {sorted(enumerations)}"
    return None


def _is_date(text: str) -> bool:
    """ISO 8601 calendar date, possibly reduced to a month or a year, that exists."""
    match = _DATE.fullmatch(text)
    if not match:
        return False
    year, month, day = (int(p) if p else 1 for p in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def check(vocabulary: Vocabulary, document: dict[str, Any]) -> list[str]:
    return Checker(vocabulary, document).run()


# ---------------------------------------------------------------- building monographs


OPTIONAL = ("brands", "forms", "mechanism", "side_effects", "boxed_warning", "precautions", "advice",
            "drug.codes", "drug.classes", "boxed_warning.applies_to")


def without(data: dict[str, Any], dropped: set[str]) -> dict[str, Any]:
    """The data without some optional fields, keeping references between fields valid."""
    data = copy.deepcopy(data)
    if "forms" in dropped:
        dropped = dropped | {"brands", "boxed_warning.applies_to"}
    for path in sorted(dropped):
        *parents, last = path.split(".")
        node = data
        for parent in parents:
            node = node.get(parent, {})
        node.pop(last, None)
    return data


def with_extras(data: dict[str, Any]) -> dict[str, Any]:
    """Optional fields the seed leaves out: publisher, modified, a person reviewer, a dated article, notes, a drug interaction."""
    data = copy.deepcopy(data)
    data["publisher"] = {"name": "Example Health", "url": "https://example.org/"}
    data["modified"] = "2024-02-03"
    data["review"]["reviewed_by"] = {"name": "Dr Jane Roe", "type": "person"}
    data["citations"].append({
        "id": "review-article", "kind": "article", "title": "A review of baclofen", "url": "https://example.org/review",
        "publisher": "Example Journal", "date": "2021",
    })
    data["side_effects"]["items"][0]["note"] = "Do not drive if you feel drowsy."
    data["side_effects"]["items"][1]["serious"] = True
    data["indications"]["items"][0]["explanation"] = "muscle stiffness"
    data["precautions"]["items"][4]["interactants"].append(
        {"name": "tizanidine", "kind": "drug", "codes": {"rxnorm": "57258"}}
    )
    data["drug"]["supply"] = [{"status": "over-the-counter"}]
    return data


# ---------------------------------------------------------------- tests


def test_vendored_vocabulary_is_the_documented_release() -> None:
    assert hashlib.sha256(gzip.decompress(VOCABULARY.read_bytes())).hexdigest() == VOCABULARY_SHA256


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_monograph_fits_the_vocabulary(vocabulary: Vocabulary, source: Path) -> None:
    result = validate_file(source)
    assert result.ok, result.problems
    assert check(vocabulary, jsonld_document(result.monograph)) == []


def test_every_optional_field_fits_the_vocabulary(vocabulary: Vocabulary) -> None:
    monograph = make_monograph(with_extras(baclofen_data()))
    document = jsonld_document(monograph)
    assert check(vocabulary, document) == []
    page, drug = document["@graph"][:2]
    assert page["reviewedBy"] == {"@type": "Person", "name": "Dr Jane Roe"}
    assert page["dateModified"] == "2024-02-03"
    assert page["publisher"] == {"@type": "Organization", "name": "Example Health", "url": "https://example.org/"}
    assert page["citation"][-1]["@type"] == "Article" and page["citation"][-1]["datePublished"] == "2021"
    assert drug["prescriptionStatus"] == {"@id": "https://schema.org/OTC"}
    assert drug["interactingDrug"] == [{"@type": "Drug", "name": "tizanidine", "code": [
        {"@type": "MedicalCode", "codeValue": "57258", "codingSystem": "RxNorm"}]}]
    therapy = _therapy_of(document, drug["@id"])
    assert [e["name"] for e in therapy["seriousAdverseOutcome"]][:1] == ["Dizziness"]
    assert therapy["adverseOutcome"][0]["description"] == "Do not drive if you feel drowsy."


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dropped=st.sets(st.sampled_from(OPTIONAL)), extras=st.booleans())
def test_any_combination_of_optional_fields_fits_the_vocabulary(
    vocabulary: Vocabulary, dropped: set[str], extras: bool
) -> None:
    monograph = make_monograph(without(with_extras(baclofen_data()) if extras else baclofen_data(), dropped))
    document = jsonld_document(monograph)
    assert check(vocabulary, document) == []
    assert json.loads(export(monograph, "jsonld")) == document


def _therapy_of(document: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in document["@graph"] if n["@type"] == "MedicalTherapy" and n["drug"] == {"@id": node_id})


def test_minimal_monograph(vocabulary: Vocabulary) -> None:
    document = jsonld_document(make_monograph(without(baclofen_data(), set(OPTIONAL))))
    assert check(vocabulary, document) == []
    assert [n["@type"] for n in document["@graph"]] == ["MedicalWebPage", "Drug", "MedicalCondition"]


def test_hostile_text_survives(vocabulary: Vocabulary) -> None:
    data = baclofen_data()
    hostile = "</script><!-- ]]> & < > \" ' \u0628\u0627\u0643\u0644\u0648\u0641\u064a\u0646 \u05d1\u05e7\u05dc\u05d5\u05e4\u05df"
    data["title"] = hostile
    data["brands"]["items"][0]["name"] = hostile
    data["side_effects"]["items"][0]["name"] = hostile
    document = jsonld_document(make_monograph(data))
    assert check(vocabulary, document) == []
    assert json.loads(export(make_monograph(data), "jsonld").decode("utf-8")) == document
    assert document["@graph"][0]["name"] == hostile
    assert document["@graph"][1]["proprietaryName"][0] == hostile


# ---------------------------------------------------------------- the checker catches mistakes


def _seed_document() -> dict[str, Any]:
    return jsonld_document(validate_file(ROOT / "source" / "baclofen.yaml").monograph)


def _main_therapy(graph: list[dict[str, Any]]) -> dict[str, Any]:
    return next(n for n in graph if n["@type"] == "MedicalTherapy" and n["drug"]["@id"].endswith("#drug"))


def _errors_after(vocabulary: Vocabulary, change: Any) -> list[str]:
    document = _seed_document()
    change(document["@graph"])
    return check(vocabulary, document)


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(
        lambda g: g[1].update(indication="Spasticity"),
        "'indication' is not a schema.org property", id="unknown-property",
    ),
    pytest.param(
        lambda g: g[0].update(language="en"),
        "'language' is superseded by inLanguage", id="superseded-property",
    ),
    pytest.param(
        lambda g: g[0].update(proprietaryName="Lioresal"),
        "'proprietaryName' is not a property of MedicalWebPage", id="wrong-domain",
    ),
    pytest.param(
        lambda g: _main_therapy(g).update(nonProprietaryName="baclofen"),
        "'nonProprietaryName' is not a property of MedicalTherapy", id="wrong-domain-therapy",
    ),
    pytest.param(
        lambda g: g[0].update(reviewedBy={"@type": "Drug", "name": "x"}),
        "'reviewedBy' does not take a Drug", id="wrong-range-node",
    ),
    pytest.param(
        lambda g: g[1].update(drugClass="Skeletal muscle relaxant"),
        "'drugClass' does not take the text", id="text-where-node",
    ),
    pytest.param(lambda g: g[1].update(name=5), "'name' does not take a Number", id="number-where-text"),
    pytest.param(
        lambda g: g[0].update(lastReviewed="April 2023"),
        "'lastReviewed' does not take the text 'April 2023'", id="not-a-date",
    ),
    pytest.param(
        lambda g: g[0].update(lastReviewed="2023-02-30"),
        "'lastReviewed' does not take the text", id="impossible-date",
    ),
    pytest.param(lambda g: g[1].update(prescribingInfo="not a url"), "is not an absolute URL", id="not-a-url"),
    pytest.param(
        lambda g: g[1].update(prescriptionStatus={"@id": "https://schema.org/InStock"}),
        "is not a member of ['DrugPrescriptionStatus']", id="wrong-enumeration",
    ),
    pytest.param(
        lambda g: g[1].update(prescriptionStatus={"@id": "https://schema.org/Prescriptiononly"}),
        "is not a schema.org enumeration member", id="unknown-member",
    ),
    pytest.param(
        lambda g: g[1].update(prescriptionStatus="https://schema.org/PrescriptionOnly"),
        "is a plain string", id="member-as-plain-string",
    ),
    pytest.param(
        lambda g: g[1].update({"@type": "MedicalDrug"}),
        "'MedicalDrug' is not a schema.org type", id="unknown-type",
    ),
    pytest.param(
        lambda g: g[1].update({"@type": "StupidType"}),
        "'StupidType' is archived in the attic", id="attic-type",
    ),
    pytest.param(lambda g: g[1].update({"@type": "Text"}), "is a data type", id="datatype-as-type"),
    pytest.param(
        lambda g: g[0].update(mainEntity={"@id": "https://example.org/nowhere"}),
        "no node in the graph", id="dangling-reference",
    ),
    pytest.param(lambda g: g[0].update(mainEntity={"name": "baclofen"}), "node has no @type", id="untyped-node"),
    pytest.param(
        lambda g: _main_therapy(g).update(drug={"@id": g[0]["@id"]}),
        "'drug' does not take a MedicalWebPage", id="reference-of-wrong-type",
    ),
    pytest.param(
        lambda g: _main_therapy(g)["adverseOutcome"].append({"@type": "Drug", "nonProprietaryName": "x"}),
        None, id="subtype-in-range",
    ),
])
def test_checker_catches(vocabulary: Vocabulary, change: Any, expected: str | None) -> None:
    errors = _errors_after(vocabulary, change)
    if expected is None:  # a Drug is a MedicalEntity, so this one is allowed
        assert errors == []
    else:
        assert any(expected in e for e in errors), errors


# ---------------------------------------------------------------- fidelity and determinism


def _graph_by_type(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for node in document["@graph"]:
        found.setdefault(node["@type"], []).append(node)
    return found


def test_baclofen_keeps_every_fact() -> None:
    monograph = validate_file(ROOT / "source" / "baclofen.yaml").monograph
    document = jsonld_document(monograph)
    nodes = _graph_by_type(document)
    page = nodes["MedicalWebPage"][0]
    drug = next(d for d in nodes["Drug"] if d["@id"].endswith("#drug"))
    therapy = _therapy_of(document, drug["@id"])

    assert page["mainEntity"] == {"@id": drug["@id"]}
    assert page["reviewedBy"] == {"@type": "Organization", "name": "HU Medical Review Board"}
    assert page["lastReviewed"] == "2023-04"
    assert page["medicalAudience"] == {"@type": "Patient"}
    assert page["inLanguage"] == "en"
    assert [c["url"] for c in page["citation"]] == [c.url for c in monograph.citations]

    assert drug["proprietaryName"] == ["Lioresal", "Lioresal Intrathecal", "Gablofen"]
    assert drug["nonProprietaryName"] == "baclofen"
    assert drug["prescriptionStatus"] == {"@id": "https://schema.org/PrescriptionOnly"}
    assert {(c["codingSystem"], c["codeValue"]) for c in drug["code"]} == {
        ("RxNorm", "1292"), ("ATC", "M03BX01"), ("UNII", "H789N3FKE8"), ("SNOMED CT", "387342009")}
    assert [c["name"] for c in drug["drugClass"]] == ["Skeletal muscle relaxant", "Antispastic agent"]
    assert "not known" in drug["mechanismOfAction"]

    assert len(therapy["adverseOutcome"]) == 12
    assert therapy["adverseOutcome"][6] == {
        "@type": "MedicalSignOrSymptom", "name": "Insomnia", "description": "difficulty sleeping",
        "code": [{"@type": "MedicalCode", "codeValue": "193462001", "codingSystem": "SNOMED CT"}]}
    # The boxed warning is on the intrathecal label only: its risks are the intrathecal therapy's, not the drug's.
    assert "seriousAdverseOutcome" not in therapy
    intrathecal = _therapy_of(document, drug["@id"].replace("#drug", "#form-intrathecal-injection"))
    assert [r["name"] for r in intrathecal["seriousAdverseOutcome"]] == ["Hallucination", "Seizures", "Death"]

    boxed = monograph.boxed_warnings[0].text.plain
    assert boxed not in drug["warning"]
    precautions = [p.text for p in monograph.precautions.items]
    assert drug["warning"] == precautions + [a.text.plain for a in monograph.advice.items]
    assert drug["pregnancyWarning"] == [precautions[3]]
    assert drug["alcoholWarning"] == [precautions[4]]
    # Baclofen's precautions are all "use with caution": none is a contraindication.
    assert not any(p.contraindicated for p in monograph.precautions.items)
    assert "contraindication" not in therapy
    assert [n for n in document["@graph"] if "contraindication" in n] == []

    conditions = nodes["MedicalCondition"]
    assert [c["name"] for c in conditions] == ["Spasticity resulting from multiple sclerosis"]
    assert [s["name"] for s in conditions[0]["signOrSymptom"]] == ["Flexor spasms", "Clonus", "Muscular rigidity"]
    assert conditions[0]["possibleTreatment"] == {"@id": drug["@id"]}

    forms = {d["@id"].rsplit("#form-", 1)[1]: d for d in nodes["Drug"] if "#form-" in d["@id"]}
    assert drug["isRelatedTo"] == [{"@id": d["@id"]} for d in forms.values()]
    assert forms["tablet"]["proprietaryName"] == ["Lioresal"]
    assert forms["intrathecal-injection"]["proprietaryName"] == ["Lioresal Intrathecal", "Gablofen"]
    assert "proprietaryName" not in forms["oral-liquid"]
    assert [(s["strengthValue"], s["strengthUnit"]) for s in forms["oral-liquid"]["availableStrength"]] == [(5, "mg/5 mL")]
    assert forms["intrathecal-injection"]["warning"] == [boxed, monograph.boxed_warnings[0].advice.plain]
    assert "warning" not in forms["tablet"] and "warning" not in forms["oral-liquid"]
    assert [n["drug"]["@id"] for n in nodes["MedicalTherapy"]] == [drug["@id"], forms["intrathecal-injection"]["@id"]]


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_rendering_is_deterministic(source: Path) -> None:
    first = export(validate_file(source).monograph, "jsonld")
    second = export(validate_file(source).monograph, "jsonld")
    assert first == second
    assert first.endswith(b"\n") and json.loads(first) == jsonld_document(validate_file(source).monograph)


def test_mapping_covers_every_field() -> None:
    from monograph.fields import field_paths

    paths = field_paths()
    keys = set(schemaorg.EXPORTER.mapping["JSON-LD"])
    assert keys <= set(paths)
    assert [p for p in paths if not any(p == k or p.startswith(k + ".") for k in keys)] == []



# ---------------------------------------------------------------- schema 2.0: scopes, dosing, supply, tests


def _by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["@id"]: n for n in document["@graph"] if "@id" in n}


def test_schema2_fixture_fits_the_vocabulary(vocabulary: Vocabulary) -> None:
    document = jsonld_document(make_monograph(schema2_data()))
    assert check(vocabulary, document) == []
    assert json.loads(export(make_monograph(schema2_data()), "jsonld")) == document


def test_scoped_statements_are_made_of_their_forms_and_brands_only() -> None:
    monograph = make_monograph(schema2_data())
    document = jsonld_document(monograph)
    nodes = _by_id(document)
    base = monograph.url
    drug, tablet = nodes[f"{base}#drug"], nodes[f"{base}#form-tablet"]
    liquid, intrathecal = nodes[f"{base}#form-oral-liquid"], nodes[f"{base}#form-intrathecal-injection"]
    lioresal, gablofen = nodes[f"{base}#brand-1"], nodes[f"{base}#brand-3"]
    assert drug["isRelatedTo"][-2:] == [{"@id": lioresal["@id"]}, {"@id": gablofen["@id"]}]
    assert lioresal["proprietaryName"] == "Lioresal" and gablofen["proprietaryName"] == "Gablofen"

    # The boxed warning and the stroke contraindication are intrathecal only; the phenylalanine one is Lioresal's.
    boxed = monograph.boxed_warnings[0].text.plain
    assert boxed in intrathecal["warning"] and boxed not in drug["warning"] and "warning" not in tablet
    assert "Have had a stroke" in intrathecal["warning"] and "Have had a stroke" not in drug["warning"]
    assert lioresal["warning"] == ["Contains phenylalanine"]
    therapies = {t["drug"]["@id"]: t for t in document["@graph"] if t["@type"] == "MedicalTherapy"}
    assert "contraindication" not in therapies[drug["@id"]]
    assert [c["name"] for c in therapies[intrathecal["@id"]]["contraindication"]] == ["Have had a stroke"]
    assert [c["name"] for c in therapies[lioresal["@id"]]["contraindication"]] == ["Contains phenylalanine"]
    assert [e["name"] for e in therapies[lioresal["@id"]]["adverseOutcome"]] == ["Aftertaste"]
    assert "Injection site pain" in [e["name"] for e in therapies[intrathecal["@id"]]["adverseOutcome"]]
    assert "Injection site pain" not in [e["name"] for e in therapies[drug["@id"]]["adverseOutcome"]]
    # The intrathecal-only indication names the intrathecal product as its treatment.
    conditions = {c["name"]: c for c in document["@graph"] if c["@type"] == "MedicalCondition"}
    assert conditions["Severe spasticity"]["possibleTreatment"] == {"@id": intrathecal["@id"]}
    assert conditions["Spasticity resulting from multiple sclerosis"]["possibleTreatment"] == {"@id": drug["@id"]}

    # Overdose, missed dose and storage follow their scopes too.
    assert drug["overdosage"] == ["Get emergency help if someone took too much."]
    assert intrathecal["overdosage"] == ["An intrathecal overdose needs hospital care."]
    parts = {p["text"]: p["about"] for p in document["@graph"][0]["hasPart"]}
    assert parts["Take unused medicine to a take-back program."] == {"@id": lioresal["@id"]}
    assert parts["Store at room temperature."] == {"@id": drug["@id"]}
    assert "doseSchedule" not in drug and "maximumIntake" not in drug
    assert [s["doseValue"] for s in liquid["doseSchedule"]] == [5]


def test_boxed_warning_risks_say_who_the_warning_is_about() -> None:
    # Promethazine's boxed warning is about children under 2: its risks, structured as the
    # therapy's serious outcomes, must not read as outcomes for everyone who takes the form.
    data = baclofen_data()
    data["boxed_warning"]["population"] = {"name": "Children younger than 2 years", "age": {"max": 1, "unit": "a"}}
    data["side_effects"]["items"][0]["population"] = data["boxed_warning"]["population"]
    monograph = make_monograph(data)
    document = jsonld_document(monograph)
    intrathecal = _therapy_of(document, f"{monograph.url}#form-intrathecal-injection")
    who = _therapy_of(document, f"{monograph.url}#drug")["adverseOutcome"][0]["description"]
    assert who.startswith("Who: Children younger than 2 years")
    assert [r["name"] for r in intrathecal["seriousAdverseOutcome"]] == ["Hallucination", "Seizures", "Death"]
    assert [r.get("description") for r in intrathecal["seriousAdverseOutcome"]] == [who] * 3


def test_supply_is_stated_per_jurisdiction_and_scope() -> None:
    monograph = make_monograph(schema2_data())
    nodes = _by_id(jsonld_document(monograph))
    base = monograph.url
    drug, tablet = nodes[f"{base}#drug"], nodes[f"{base}#form-tablet"]
    # The statuses differ between forms and countries, so no single one is stated of the drug or the tablet.
    assert "prescriptionStatus" not in drug and "prescriptionStatus" not in tablet
    assert drug["legalStatus"] == [{"@type": "DrugLegalStatus", "name": "Prescription only",
                                    "applicableLocation": {"@type": "Country", "identifier": "US"}}]
    assert tablet["legalStatus"] == [{"@type": "DrugLegalStatus", "name": "Over the counter",
                                      "description": "small packs only",
                                      "applicableLocation": {"@type": "Country", "identifier": "GB"}}]
    # The status is named as the page names it; the schedule is a code of the status, not more words.
    assert nodes[f"{base}#brand-3"]["legalStatus"][0] == {
        "@type": "DrugLegalStatus", "name": "Controlled substance",
        "code": {"@type": "MedicalCode", "codeValue": "Schedule IV", "codingSystem": "controlled substance schedule"},
        "applicableLocation": {"@type": "Country", "identifier": "CA"}}
    arabic = schema2_data()
    arabic["language"] = "ar"
    arabic_nodes = _by_id(jsonld_document(make_monograph(arabic)))
    assert arabic_nodes[f"{base}#drug"]["legalStatus"][0]["name"] == "\u0628\u0648\u0635\u0641\u0629 \u0637\u0628\u064a\u0629 \u0641\u0642\u0637"
    program = nodes[f"{base}#form-intrathecal-injection"]["legalStatus"][-1]
    assert program == {"@type": "DrugLegalStatus", "name": "Intrathecal baclofen safety program",
                       "description": "Pump refills are done by trained staff.", "url": "https://example.org/program"}

    data = schema2_data()
    data["drug"]["supply"] = [{"status": "over-the-counter", "jurisdiction": "US"},
                              {"status": "over-the-counter", "jurisdiction": "GB", "applies_to": ["tablet"]}]
    nodes = _by_id(jsonld_document(make_monograph(data)))
    assert nodes[f"{base}#drug"]["prescriptionStatus"] == {"@id": "https://schema.org/OTC"}
    assert nodes[f"{base}#form-tablet"]["prescriptionStatus"] == {"@id": "https://schema.org/OTC"}
    assert "prescriptionStatus" not in nodes[f"{base}#form-oral-liquid"]  # nothing of its own to add


def test_a_controlled_status_beside_a_prescription_status_keeps_the_prescription_status() -> None:
    # Acetaminophen with codeine: its tablets are prescription-only in the US and Schedule III there as well.
    # A status with no DrugPrescriptionStatus member must not hide the member stated in the same country; it
    # must not stand for one either, nor may one country's member be stated where another's is unknown.
    base = make_monograph(schema2_data()).url

    def status_of(supply: list[dict[str, Any]]) -> Any:
        data = schema2_data()
        data["drug"]["supply"] = supply
        return _by_id(jsonld_document(make_monograph(data)))[f"{base}#drug"].get("prescriptionStatus")

    prescription = {"@id": "https://schema.org/PrescriptionOnly"}
    controlled_us = {"status": "controlled", "jurisdiction": "US", "schedule": "CIII"}
    assert status_of([{"status": "prescription-only", "jurisdiction": "US"}, controlled_us]) == prescription
    assert status_of([{"status": "prescription-only"}, controlled_us]) == prescription
    assert status_of([controlled_us]) is None
    assert status_of([{"status": "prescription-only", "jurisdiction": "US"}, controlled_us,
                      {"status": "pharmacy-only", "jurisdiction": "GB"}]) is None
    assert status_of([{"status": "prescription-only", "jurisdiction": "US"},
                      {"status": "over-the-counter", "jurisdiction": "US"}]) is None
    assert status_of([{"status": "prescription-only", "jurisdiction": "US"},
                      {"status": "prescription-only", "jurisdiction": "GB"}, controlled_us]) == prescription


def test_dosing_becomes_dose_schedules() -> None:
    monograph = make_monograph(schema2_data())
    nodes = _by_id(jsonld_document(monograph))
    tablet = nodes[f"{monograph.url}#form-tablet"]
    first, second = tablet["doseSchedule"]
    assert first["@type"] == second["@type"] == "RecommendedDoseSchedule"
    assert (first["doseValue"], first["doseUnit"], first["frequency"]) == (5, "mg", "3 times per day, for 3 days")
    assert "doseValue" not in second  # 10 to 20 mg: doseValue takes one number, the text says the range
    # The step's own words, then each fact the instruction adds, in the words the page shows.
    assert second["description"] == ["then 10 to 20 mg", "Spasticity resulting from multiple sclerosis",
                                     "Who gives it: you take it yourself"]
    assert first["targetPopulation"] == "adults"
    assert tablet["maximumIntake"] == [{"@type": "MaximumDoseSchedule", "name": "at most 80 mg a day", "doseValue": 80,
                                        "doseUnit": "mg", "frequency": "per day", "targetPopulation": "adults"}]
    liquid = nodes[f"{monograph.url}#form-oral-liquid"]
    assert liquid["doseSchedule"][0]["targetPopulation"] == "age 2 to 5 years; weight 10 to 20 kg"
    assert [(s["doseValue"], s["doseUnit"], s["frequency"]) for s in liquid["maximumIntake"]] == [
        (4, "dose", "per 24 hours"), (10, "mL", "per dose")]
    gablofen = nodes[f"{monograph.url}#brand-3"]["doseSchedule"][0]
    assert gablofen["description"] == ["Given as an infusion over 1 minute.", "Given first, to prevent reactions: Paracetamol",
                                       "You will be watched for 4\u20138 hours after the dose.",
                                       "Who gives it: a healthcare professional gives it"]


def test_strengths_name_their_ingredient() -> None:
    monograph = make_monograph(schema2_data())
    tablet = _by_id(jsonld_document(monograph))[f"{monograph.url}#form-tablet"]
    assert tablet["availableStrength"] == [
        {"@type": "DrugStrength", "name": "10 mg baclofen + 2.5 mg clavulanic acid", "strengthValue": 10, "strengthUnit": "mg",
         "activeIngredient": "baclofen"},
        {"@type": "DrugStrength", "name": "10 mg baclofen + 2.5 mg clavulanic acid", "strengthValue": 2.5, "strengthUnit": "mg",
         "activeIngredient": "clavulanic acid"},
    ]
    # An excipient is not an active ingredient.
    assert "phenylalanine" not in tablet["activeIngredient"]


def test_monitoring_tests_and_side_effect_rates() -> None:
    monograph = make_monograph(schema2_data())
    document = jsonld_document(monograph)
    therapy = _therapy_of(document, f"{monograph.url}#drug")
    assert therapy["preparation"] == [{
        "@type": "MedicalTest", "name": "Liver function tests", "description": "Liver tests before and during treatment.",
        "code": [{"@type": "MedicalCode", "codeValue": "24325-3", "codingSystem": "LOINC"}]}]
    assert therapy["followup"] == ["Liver tests before and during treatment."]
    intrathecal = _therapy_of(document, f"{monograph.url}#form-intrathecal-injection")
    assert intrathecal["followup"] == ["Check the kidneys after stopping."]
    assert [t["name"] for t in document["@graph"][0]["mentions"]] == ["Kidney function", "Pump check"]
    effects = {e["name"]: e for e in therapy["adverseOutcome"]}
    assert effects["Drowsiness"]["description"] == "12% of people vs 11% on placebo"
    assert effects["Dizziness"]["description"] == "8.5% of people vs 2% on tizanidine"


def test_content_not_medically_reviewed_claims_no_review(vocabulary: Vocabulary) -> None:
    data = schema2_data()
    data.pop("review")
    data["modified"] = "2024-05"
    document = jsonld_document(make_monograph(data))
    assert check(vocabulary, document) == []
    page = document["@graph"][0]
    assert "reviewedBy" not in page and "lastReviewed" not in page
    assert page["dateModified"] == "2024-05"
