"""Syndication XML: every output validates against schema/monograph.xsd under two independent
validators (libxml2 through lxml, and the pure-Python xmlschema package), carries every fact of
the model, survives hostile text, and is byte-for-byte deterministic."""

from __future__ import annotations

import copy
import dataclasses
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from conftest import load_model
from lxml import etree
from monograph.api import export
from monograph.fields import field_paths
from monograph.formats.syndication import EXPORTER
from monograph.formats.syndication.tree import NAMESPACE, SCHEMA_VERSION, SECTION_CODES
from monograph.model import Link, Monograph, Prose, Text, plain_text
from support import dump_yaml, make_monograph, schema2_data
from xml_read_back import read_back

ROOT = Path(__file__).resolve().parents[1]
XSD = ROOT / "schema" / "monograph.xsd"
SOURCES = sorted((ROOT / "source").glob("*.yaml"))
NS = {"m": NAMESPACE}
XS = {"xs": "http://www.w3.org/2001/XMLSchema"}


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@pytest.fixture(scope="module")
def lxml_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD), safe_parser()))


@pytest.fixture(scope="module")
def independent_schema() -> xmlschema.XMLSchema10:
    # "sandbox": the schema may read files beside it (xml.xsd) and nothing else, never the network.
    return xmlschema.XMLSchema10(str(XSD), allow="sandbox", defuse="always")


def lxml_errors(schema: etree.XMLSchema, data: bytes) -> list[str]:
    document = etree.fromstring(data, safe_parser())
    schema.validate(document)
    return [error.message for error in schema.error_log]


def independent_errors(schema: xmlschema.XMLSchema10, data: bytes) -> list[str]:
    resource = xmlschema.XMLResource(io.BytesIO(data), allow="none", defuse="always")
    return [str(error.reason) for error in schema.iter_errors(resource)]


def write_monograph(tmp_path: Path, data: dict[str, Any]) -> Monograph:
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return load_model(path)


# ---------------------------------------------------------------- reading the XML back into the model

def _merged(nodes: tuple[Any, ...]) -> tuple[Any, ...]:
    """Inline nodes with neighbouring text joined: XML cannot tell Text('a'), Text('b') from Text('ab')."""
    out: list[Any] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + node.text)
                continue
            out.append(node)
        elif isinstance(node, Link):
            out.append(Link(node.href, _merged(node.children)))
        else:
            out.append(type(node)(_merged(node.children)))
    return tuple(out)


def facts(value: Any) -> Any:
    """A comparable projection of the model: every field but the output key and the author's markdown source."""
    if isinstance(value, Prose):
        return ("Prose", tuple(_merged(p) for p in value.paragraphs))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple(
            (f.name, facts(getattr(value, f.name))) for f in dataclasses.fields(value) if f.name != "key"))
    if isinstance(value, tuple):
        return tuple(facts(v) for v in value)
    return value


def assert_valid_and_complete(model: Monograph, lxml_schema: etree.XMLSchema,
                              independent_schema: xmlschema.XMLSchema10) -> bytes:
    data = export(model, "xml")
    assert lxml_errors(lxml_schema, data) == []
    assert independent_errors(independent_schema, data) == []
    root = etree.fromstring(data, safe_parser())
    assert facts(read_back(root)) == facts(model)
    return data


# ---------------------------------------------------------------- a monograph built in the tests

HOSTILE = "Tom & Jerry's <b>bold</b> \"quoted\" ]]> </script> <!-- not a comment --> &amp; مرحبا بالعالم שלום עולם"
HOSTILE_PROSE = (
    "**Strong** opening with *emphasis* and [a *link*](https://example.org/a?b=1&c=2), then "
    + HOSTILE + "\n\n*A paragraph that is all emphasis*"
)


def base_monograph() -> dict[str, Any]:
    """A monograph with every optional part present, so that each test can take parts away."""
    return {
        "schema_version": 2,
        "id": "testdrug",
        "language": "en",
        "title": "Testdrug",
        "url": "https://example.org/drugs/testdrug",
        "publisher": {"name": "Example Health", "url": "https://example.org/"},
        "summary": "Testdrug is a *test* drug; see [the label](https://example.org/label).\n\nSecond paragraph with **strong** text.",
        "review": {"reviewed_by": {"name": "Dr Example", "type": "person"}, "last_reviewed": "2023-04-18"},
        "modified": "2023-05",
        "drug": {
            "generic_name": "testdrug",
            "supply": [{"status": "over-the-counter"}],
            "codes": {"rxnorm": "1292", "atc": "M03BX01", "unii": "H789N3FKE8", "snomed": "387342009"},
            "classes": [{"name": "Skeletal muscle relaxant", "explanation": "relaxes muscles"}],
        },
        "ingredients": {"intro": "One ingredient.", "items": [{"name": "testdrug", "codes": {"unii": "H789N3FKE8"}}],
                        "cites": ["label"]},
        "indications": {
            "heading": "What is it for?",
            "items": [{"name": "Spasticity", "explanation": "stiff muscles", "codes": {"snomed": "221360009"},
                       "symptoms": [{"name": "Clonus", "explanation": "rhythmic spasms"}], "cites": ["label"]}],
            "cites": ["label", "article"],
        },
        "mechanism": {"text": "Works in the spine.", "fully_understood": True, "cites": ["label"]},
        "forms": {
            "items": [
                {"id": "tablet", "name": "Tablet", "codes": {"edqm": "10219000"},
                 "route": {"name": "oral", "codes": {"edqm": "20053000", "snomed": "26643006"}},
                 "strengths": [{"amount": 2.5, "unit": "mg"}, {"amount": 10, "unit": "mg"}]},
                {"id": "solution", "name": "Oral solution", "route": {"name": "oral"}, "delivery": "by mouth",
                 "strengths": [{"amount": 5, "unit": "mg", "per_amount": 5, "per_unit": "mL"}]},
            ],
        },
        "brands": {"items": [{"name": "Testra", "forms": ["tablet"]}, {"name": "Testra Liquid", "forms": ["solution", "tablet"]}]},
        "side_effects": {
            "items": [
                {"name": "Drowsiness", "frequency": "common", "codes": {"snomed": "271782001"}},
                {"name": "Seizures", "frequency": "rare", "serious": True, "note": "call a doctor", "cites": ["label"]},
            ],
        },
        "boxed_warning": {
            "heading": "Warning",
            "intro": "A boxed warning.",
            "text": "Do not stop suddenly.",
            "risks": [{"name": "Seizures", "codes": {"snomed": "91175000"}}],
            "advice": "Reduce the dose slowly.",
            "applies_to": ["solution"],
            "cites": ["label"],
        },
        "precautions": {
            "items": [
                {"kind": "condition", "text": "Have kidney disease", "concepts": [{"name": "Kidney disease"}]},
                {"kind": "interaction", "text": "Drink alcohol",
                 "interactants": [{"name": "alcohol", "kind": "substance", "codes": {"snomed": "419442005"}},
                                  {"name": "sedatives", "kind": "drug-class"}],
                 "effect": "more drowsiness", "cites": ["label"]},
            ],
            "cites": ["label"],
        },
        "advice": {"heading": "Advice", "items": [{"topic": "driving", "text": "Do not drive.", "cites": ["label"]}]},
        "citations": [
            {"id": "label", "kind": "prescribing-information", "title": "Testdrug label",
             "url": "https://example.org/label", "publisher": "Example Regulator", "date": "2023-03"},
            {"id": "article", "kind": "article", "title": "A study", "url": "https://example.org/study"},
        ],
    }


def hostile_monograph() -> dict[str, Any]:
    data = base_monograph()
    data["id"] = "hostile"
    data["language"] = "ar"
    data["title"] = HOSTILE
    data["publisher"]["name"] = HOSTILE
    data["summary"] = HOSTILE_PROSE
    data["review"]["reviewed_by"]["name"] = HOSTILE
    data["drug"]["generic_name"] = HOSTILE
    data["drug"]["classes"][0]["explanation"] = HOSTILE
    data["ingredients"]["intro"] = HOSTILE_PROSE
    data["indications"]["items"][0]["name"] = HOSTILE
    data["mechanism"]["text"] = HOSTILE_PROSE
    data["forms"]["items"][1]["delivery"] = HOSTILE
    data["brands"]["items"][0]["name"] = HOSTILE
    data["side_effects"]["items"][1]["note"] = HOSTILE
    data["side_effects"]["heading"] = HOSTILE
    data["boxed_warning"]["text"] = HOSTILE_PROSE
    data["precautions"]["items"][1]["effect"] = HOSTILE
    data["precautions"]["items"][0]["text"] = HOSTILE
    data["advice"]["items"][0]["text"] = HOSTILE_PROSE
    data["citations"][0]["title"] = HOSTILE
    return data


# ---------------------------------------------------------------- the contract

def test_exporter_namespace_and_version_match_the_xsd() -> None:
    xsd = etree.parse(str(XSD), safe_parser()).getroot()
    assert xsd.get("targetNamespace") == NAMESPACE
    assert xsd.get("version") == SCHEMA_VERSION
    major = NAMESPACE.rstrip("/").rsplit("/", 1)[1]
    assert SCHEMA_VERSION.split(".")[0] == major
    pattern = xsd.find("xs:simpleType[@name='SchemaVersion']/xs:restriction/xs:pattern", XS).get("value")
    assert pattern == rf"{major}\.[0-9]+"


def test_xsd_is_version_1_0_and_offline() -> None:
    xsd = etree.parse(str(XSD), safe_parser()).getroot()
    features_of_1_1 = ("assert", "assertion", "alternative", "openContent", "defaultOpenContent", "override")
    for name in features_of_1_1:
        assert xsd.find(f".//xs:{name}", XS) is None, name
    for reference in xsd.findall("xs:import", XS) + xsd.findall("xs:include", XS):
        location = reference.get("schemaLocation")
        assert "://" not in location and (XSD.parent / location).is_file(), location


def test_every_declaration_in_the_xsd_is_documented() -> None:
    xsd = etree.parse(str(XSD), safe_parser()).getroot()
    kinds = ("element", "attribute", "complexType", "simpleType", "group", "key", "keyref", "unique", "import")
    undocumented = []
    for kind in kinds:
        for node in xsd.iter(f"{{{XS['xs']}}}{kind}"):
            named = node.get("name") or node.get("ref") or node.get("namespace")
            if named is None or (kind == "group" and node.get("ref")):  # anonymous union members; uses of a group
                continue
            if node.find("xs:annotation/xs:documentation", XS) is None:
                undocumented.append(f"{kind} {named} (line {node.sourceline})")
    assert undocumented == []


def test_mapping_covers_every_field() -> None:
    mapping = EXPORTER.mapping["XML"]
    paths = field_paths()
    assert [k for k in mapping if k not in paths] == []
    assert [p for p in paths if not any(p == k or p.startswith(k + ".") for k in mapping)] == []


def test_exporter_describes_itself() -> None:
    assert (EXPORTER.name, EXPORTER.media_type, EXPORTER.folder, EXPORTER.extension) == (
        "xml", "application/xml", "xml", ".xml")


# ---------------------------------------------------------------- every source file

@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_source_validates_and_carries_every_fact(path: Path, lxml_schema: etree.XMLSchema,
                                                 independent_schema: xmlschema.XMLSchema10) -> None:
    assert_valid_and_complete(load_model(path), lxml_schema, independent_schema)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_source_output_is_deterministic(path: Path) -> None:
    first = export(load_model(path), "xml")
    assert export(load_model(path), "xml") == first
    assert first.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")


@pytest.mark.parametrize("model", [pytest.param(load_model(p), id=p.stem) for p in SOURCES]
                         + [pytest.param(make_monograph(schema2_data()), id="schema-2")])
def test_section_content_matches_its_type(model: Monograph) -> None:
    """XSD 1.0 cannot tie a section's content to its type attribute, so the exporter's side is checked here."""
    root = etree.fromstring(export(model, "xml"), safe_parser())
    bodies = {"indications": {"indication"}, "mechanism": {"mechanism"}, "side-effects": {"sideEffect"},
              "boxed-warning": {"boxedWarning"}, "precautions": {"precaution"}, "advice": {"advice"},
              "dosing": {"dosing"}, "monitoring": {"monitoringTest"}, "missed-dose": {"instruction"},
              "storage": {"instruction"}, "overdose": {"instruction"}}
    for section in root.findall("m:section", NS):
        kind = section.get("type")
        names = {etree.QName(child).localname for child in section} - {"heading", "intro", "outro", "cite"}
        assert names == bodies.get(kind, set()), kind
        assert section.get("code") == SECTION_CODES.get(kind)


# ---------------------------------------------------------------- baclofen, the seed

def test_baclofen_carries_the_seed_page() -> None:
    root = etree.fromstring(export(load_model(ROOT / "source" / "baclofen.yaml"), "xml"), safe_parser())

    def xpath(expression: str) -> list[Any]:
        return root.xpath(expression, namespaces=NS)

    assert xpath("/m:monograph/@id") == ["baclofen"]
    assert xpath("/m:monograph/@schemaVersion") == [SCHEMA_VERSION]
    assert xpath("/m:monograph/@xml:lang") == ["en"]
    assert xpath("string(/m:monograph/m:metadata/m:review/m:reviewer)") == "HU Medical Review Board"
    assert xpath("string(/m:monograph/m:metadata/m:review/m:reviewer/@type)") == "organization"
    assert xpath("string(/m:monograph/m:metadata/m:review/m:lastReviewed)") == "2023-04"
    assert xpath("/m:monograph/m:drug/m:brands/m:brand/m:name/text()") == [
        "Lioresal", "Lioresal Intrathecal", "Gablofen"]
    assert xpath("/m:monograph/m:drug/m:brands/m:brand[m:name='Gablofen']/m:formRef/@ref") == ["intrathecal-injection"]
    assert xpath("/m:monograph/m:drug/m:codes/m:code[@system='rxnorm']/text()") == ["1292"]
    assert xpath("/m:monograph/m:drug/m:codes/m:code[@system='atc']/text()") == ["M03BX01"]
    assert len(xpath("/m:monograph/m:drug/m:forms/m:form/m:strengths/m:strength")) == 8

    effects = xpath("/m:monograph/m:section[@type='side-effects'][@code='34084-4']/m:sideEffect")
    assert len(effects) == 12
    assert effects[6].xpath("string(m:explanation)", namespaces=NS) == "difficulty sleeping"
    assert {e.get("frequency") for e in effects} == {"common"}

    boxed = xpath("/m:monograph/m:section[@type='boxed-warning'][@code='34066-1']/m:boxedWarning")
    assert len(boxed) == 1
    assert "hallucination, seizures, and even death" in boxed[0].xpath("string(m:text)", namespaces=NS)
    assert boxed[0].xpath("m:risks/m:risk/m:name/text()", namespaces=NS) == ["Hallucination", "Seizures", "Death"]
    assert boxed[0].xpath("m:appliesTo/m:formRef/@ref", namespaces=NS) == ["intrathecal-injection"]

    precautions = xpath("/m:monograph/m:section[@type='precautions'][@code='42232-9']/m:precaution")
    assert [p.get("kind") for p in precautions] == ["condition", "condition", "population", "pregnancy", "interaction"]
    assert precautions[4].xpath("m:interactants/m:interactant/m:name/text()", namespaces=NS) == [
        "alcohol", "other CNS depressants"]

    indications = xpath("/m:monograph/m:section[@type='indications'][@code='34067-9']/m:indication")
    assert [i.findtext("m:name", namespaces=NS) for i in indications] == ["Spasticity resulting from multiple sclerosis"]
    assert indications[0].xpath("m:symptoms/m:symptom/m:name/text()", namespaces=NS) == [
        "Flexor spasms", "Clonus", "Muscular rigidity"]

    assert xpath("/m:monograph/m:section[@type='mechanism']/m:mechanism/@fullyUnderstood") == ["false"]
    assert xpath("/m:monograph/m:section[@type='advice']/m:advice/@topic") == ["driving"]
    assert xpath("/m:monograph/m:citations/m:citation/@id") == ["prescribing-information", "intrathecal-prescribing-information"]
    assert xpath("/m:monograph/m:section[@type='boxed-warning']/m:cite/@ref") == ["intrathecal-prescribing-information"]
    assert [s.get("type") for s in xpath("/m:monograph/m:section")] == [
        "ingredients", "indications", "mechanism", "forms", "brands", "side-effects", "boxed-warning",
        "precautions", "advice"]


# ---------------------------------------------------------------- built monographs

def test_full_monograph(tmp_path: Path, lxml_schema: etree.XMLSchema,
                        independent_schema: xmlschema.XMLSchema10) -> None:
    data = assert_valid_and_complete(write_monograph(tmp_path, base_monograph()), lxml_schema, independent_schema)
    root = etree.fromstring(data, safe_parser())
    assert root.xpath("//m:strength/m:content[@unit='mg'][1]/@amount", namespaces=NS)[0] == "2.5"
    assert root.xpath("//m:sideEffect[m:name='Seizures']/@serious", namespaces=NS) == ["true"]


OPTIONAL_PARTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "publisher": lambda d: d.pop("publisher"),
    "publisher-url": lambda d: d["publisher"].pop("url"),
    "modified": lambda d: d.pop("modified"),
    "drug-codes": lambda d: d["drug"].pop("codes"),
    "drug-classes": lambda d: d["drug"].pop("classes"),
    "brands": lambda d: d.pop("brands"),
    "forms": lambda d: (d.pop("forms"), d.pop("brands"), d["boxed_warning"].pop("applies_to")),
    "mechanism": lambda d: d.pop("mechanism"),
    "side-effects": lambda d: d.pop("side_effects"),
    "boxed-warning": lambda d: d.pop("boxed_warning"),
    "boxed-warning-extras": lambda d: [d["boxed_warning"].pop(k) for k in ("intro", "risks", "advice", "applies_to", "cites")],
    "precautions": lambda d: d.pop("precautions"),
    "advice": lambda d: d.pop("advice"),
    "everything-optional": lambda d: [d.pop(k) for k in (
        "publisher", "modified", "brands", "forms", "mechanism", "side_effects", "boxed_warning", "precautions",
        "advice")] + [d["drug"].pop("codes"), d["drug"].pop("classes")],
}


@pytest.mark.parametrize("part", OPTIONAL_PARTS)
def test_optional_parts_may_be_absent(part: str, tmp_path: Path, lxml_schema: etree.XMLSchema,
                                      independent_schema: xmlschema.XMLSchema10) -> None:
    data = base_monograph()
    OPTIONAL_PARTS[part](data)
    assert_valid_and_complete(write_monograph(tmp_path, data), lxml_schema, independent_schema)


def test_hostile_text_stays_text(tmp_path: Path, lxml_schema: etree.XMLSchema,
                                 independent_schema: xmlschema.XMLSchema10) -> None:
    model = write_monograph(tmp_path, hostile_monograph())
    data = assert_valid_and_complete(model, lxml_schema, independent_schema)
    for raw in (b"]]>", b"</script>", b"<!--", b"<b>", b"<![CDATA["):
        assert raw not in data
    root = etree.fromstring(data, safe_parser())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"

    single_lines = [
        "m:metadata/m:title", "m:metadata/m:publisher/m:name", "m:metadata/m:review/m:reviewer",
        "m:drug/m:genericName", "m:drug/m:classes/m:class/m:explanation", "m:drug/m:forms/m:form[2]/m:delivery",
        "m:drug/m:brands/m:brand[1]/m:name", "m:section[@type='indications']/m:indication/m:name",
        "m:section[@type='side-effects']/m:heading", "m:section[@type='side-effects']/m:sideEffect[2]/m:note",
        "m:section[@type='precautions']/m:precaution[1]/m:text",
        "m:section[@type='precautions']/m:precaution[2]/m:effect", "m:citations/m:citation[1]/m:title",
    ]
    for path in single_lines:
        assert root.findtext(path, namespaces=NS) == HOSTILE, path

    prose = {
        "m:metadata/m:summary": model.summary,
        "m:section[@type='ingredients']/m:intro": model.ingredients.intro,
        "m:section[@type='mechanism']/m:mechanism": model.mechanism.text,
        "m:section[@type='boxed-warning']/m:boxedWarning/m:text": model.boxed_warnings[0].text,
        "m:section[@type='advice']/m:advice": model.advice.items[0].text,
    }
    for path, expected in prose.items():
        paragraphs = root.find(path, NS).findall("m:p", NS)
        assert ["".join(p.itertext()) for p in paragraphs] == [plain_text(p) for p in expected.paragraphs], path
        assert HOSTILE in "".join(paragraphs[0].itertext())
        # A paragraph that is all emphasis gets no indentation inside it.
        assert paragraphs[1].text is None and paragraphs[1][0].tail is None
    summary = root.find("m:metadata/m:summary/m:p", NS)
    assert [etree.QName(e).localname for e in summary.iter()] == ["p", "strong", "em", "a", "em"]
    assert summary.find("m:a", NS).get("href") == "https://example.org/a?b=1&c=2"


# ---------------------------------------------------------------- the schema refuses what it should

def _set(path: str, attribute: str, value: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        root.xpath(path, namespaces=NS)[0].set(attribute, value)
    return mutate


def _insert(path: str, tag: str) -> Callable[[etree._Element], None]:
    def mutate(root: etree._Element) -> None:
        etree.SubElement(root.xpath(path, namespaces=NS)[0], tag).text = "x"
    return mutate


def _duplicate_section(root: etree._Element) -> None:
    section = root.find("m:section[@type='advice']", NS)
    section.addnext(copy.deepcopy(section))


BROKEN: dict[str, tuple[Callable[[etree._Element], None], str]] = {
    "dangling-cite": (_set("//m:section[@type='mechanism']/m:cite", "ref", "no-such-citation"), "key-sequence"),
    "dangling-item-cite": (_set("//m:sideEffect/m:cite", "ref", "no-such-citation"), "key-sequence"),
    "brand-to-missing-form": (_set("//m:brand/m:formRef", "ref", "no-such-form"), "key-sequence"),
    "boxed-warning-to-missing-form": (_set("//m:appliesTo/m:formRef", "ref", "capsule"), "key-sequence"),
    "wrong-frequency": (_set("//m:sideEffect", "frequency", "often"), "not an element of the set"),
    "wrong-section-type": (_set("//m:section[@type='advice']", "type", "dosage"), "not an element of the set"),
    "wrong-code-system": (_set("//m:code", "system", "icd10"), "not an element of the set"),
    "wrong-schema-version": (_set("/m:monograph", "schemaVersion", "1.0"), "pattern"),
    "javascript-link": (_set("//m:a", "href", "javascript:alert(1)"), "pattern"),
    "unknown-element": (_insert("//m:metadata", f"{{{NAMESPACE}}}script"), "not expected"),
    "foreign-element-in-text": (_insert("//m:summary/m:p", "{http://www.w3.org/1999/xhtml}b"), "not expected"),
    "section-type-twice": (_duplicate_section, "Duplicate key-sequence"),
}

BROKEN_2_0: dict[str, tuple[Callable[[etree._Element], None], str]] = {
    "brand-ref-to-missing-brand": (_set("//m:precaution/m:appliesTo/m:brandRef", "name", "Nobrand"), "key-sequence"),
    "form-ref-to-missing-form": (_set("//m:dosing/m:appliesTo/m:formRef", "ref", "capsule"), "key-sequence"),
    "wrong-supply-status": (_set("//m:supply/m:status", "status", "behind-the-counter"), "not an element of the set"),
    "wrong-jurisdiction": (_set("//m:supply/m:status", "jurisdiction", "usa"), "pattern"),
    "wrong-monitoring-time": (_set("//m:monitoringTest", "when", "before-start sometimes"), "not an element of the set"),
    "wrong-unit": (_set("//m:step/m:dose", "unit", "spoonful"), "not an element of the set"),
    "rate-over-100": (_set("//m:rate", "percent", "101"), "maximum"),
    "dangling-supply-cite": (_set("//m:supply/m:status/m:cite", "ref", "no-such-citation"), "key-sequence"),
    "population-in-wrong-place": (_insert("//m:metadata", f"{{{NAMESPACE}}}population"), "not expected"),
}


@pytest.mark.parametrize("case", BROKEN_2_0)
def test_schema_refuses_broken_2_0_parts(case: str, lxml_schema: etree.XMLSchema,
                                         independent_schema: xmlschema.XMLSchema10) -> None:
    mutate, lxml_says = BROKEN_2_0[case]
    root = etree.fromstring(export(make_monograph(schema2_data()), "xml"), safe_parser())
    mutate(root)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    lxml_found = lxml_errors(lxml_schema, data)
    assert lxml_found and any(lxml_says in message for message in lxml_found), lxml_found
    assert independent_errors(independent_schema, data)


@pytest.mark.parametrize("case", BROKEN)
def test_schema_refuses(case: str, tmp_path: Path, lxml_schema: etree.XMLSchema,
                        independent_schema: xmlschema.XMLSchema10) -> None:
    mutate, lxml_says = BROKEN[case]
    root = etree.fromstring(export(write_monograph(tmp_path, base_monograph()), "xml"), safe_parser())
    mutate(root)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    lxml_found = lxml_errors(lxml_schema, data)
    assert lxml_found and any(lxml_says in message for message in lxml_found), lxml_found
    assert independent_errors(independent_schema, data)


def test_safe_parser_leaves_external_entities_unexpanded() -> None:
    """The parser settings the tests use (and the brief asks partners to use) never read outside content."""
    hostile = (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<monograph xmlns="' + NAMESPACE.encode() + b'">&x;</monograph>')
    root = etree.fromstring(hostile, safe_parser())
    assert "root:" not in etree.tostring(root, encoding="unicode")
    assert [node.name for node in root if isinstance(node, etree._Entity)] == ["x"]


# ---------------------------------------------------------------- schema 2.0

def test_schema2_fixture_validates_and_round_trips(lxml_schema: etree.XMLSchema,
                                                   independent_schema: xmlschema.XMLSchema10) -> None:
    assert_valid_and_complete(make_monograph(schema2_data()), lxml_schema, independent_schema)


def test_scopes_are_written_on_each_statement() -> None:
    root = etree.fromstring(export(make_monograph(schema2_data()), "xml"), safe_parser())

    def xpath(expression: str) -> list[Any]:
        return root.xpath(expression, namespaces=NS)

    assert xpath("//m:boxedWarning/m:appliesTo/m:formRef/@ref") == ["intrathecal-injection"]
    assert xpath("//m:boxedWarning/m:appliesTo/m:brandRef") == []
    stroke = xpath("//m:precaution[m:text='Have had a stroke']")[0]
    assert stroke.get("contraindicated") == "true"
    assert stroke.xpath("m:appliesTo/m:formRef/@ref", namespaces=NS) == ["intrathecal-injection"]
    assert xpath("//m:precaution[m:text='Contains phenylalanine']/m:appliesTo/m:brandRef/@name") == ["Lioresal"]
    # A whole-drug statement has no appliesTo.
    assert xpath("//m:precaution[m:text='Have impaired kidney function']/m:appliesTo") == []
    assert xpath("//m:ingredient[m:name='phenylalanine']/@role") == ["excipient"]
    assert xpath("//m:ingredient[m:name='phenylalanine']/m:appliesTo/m:brandRef/@name") == ["Lioresal"]
    assert [(s.get("status"), s.get("jurisdiction")) for s in xpath("/m:monograph/m:drug/m:supply/m:status")] == [
        ("prescription-only", "US"), ("over-the-counter", "GB"), ("hospital-only", "US"), ("controlled", "CA"),
        ("pharmacy-only", None)]
    assert xpath("/m:monograph/m:drug/m:prescriptionStatus") == []
    assert xpath("//m:supply/m:status[@status='controlled']/@schedule") == ["Schedule IV"]
    assert [s.get("type") for s in xpath("/m:monograph/m:section")] == [
        "ingredients", "indications", "mechanism", "forms", "brands", "dosing", "monitoring", "missed-dose",
        "side-effects", "boxed-warning", "precautions", "advice", "storage", "overdose"]
    assert xpath("//m:section[@type='dosing']/@code") == ["34068-7"]
    tablet = xpath("//m:form[@id='tablet']/m:strengths/m:strength")[0]
    assert [(a.get("amount"), a.get("ingredient")) for a in tablet.findall("m:content", NS)] == [
        ("10", "baclofen"), ("2.5", "clavulanic acid")]
    assert tablet.findtext("m:text", namespaces=NS) == "10 mg/2.5 mg"
    assert xpath("//m:code[@former='true']/text()") == ["M03BX99"]
    assert xpath("//m:monitoringTest[1]/@when") == ["before-start during"]
    assert xpath("//m:sideEffect[m:name='Drowsiness']/m:rate/@percent") == ["12"]


SECTIONS_2_0 = ("dosing", "monitoring", "missed_dose", "storage", "overdose")


@pytest.mark.parametrize("dropped", [*SECTIONS_2_0, "supply", "programs", "citations", "review"])
def test_2_0_parts_may_be_absent(dropped: str, lxml_schema: etree.XMLSchema,
                                 independent_schema: xmlschema.XMLSchema10) -> None:
    data = schema2_data()
    if dropped in ("supply", "programs"):
        data["drug"].pop(dropped)
    elif dropped == "review":  # content not medically reviewed: the date it last changed is required instead
        data.pop("review")
        data["modified"] = "2024-05"
    elif dropped == "citations":
        data.pop("citations")
        for node in _dicts(data):
            node.pop("cites", None)
    else:
        data.pop(dropped)
    assert_valid_and_complete(make_monograph(data), lxml_schema, independent_schema)


def _dicts(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value] + [d for v in value.values() for d in _dicts(v)]
    if isinstance(value, list):
        return [d for v in value for d in _dicts(v)]
    return []
