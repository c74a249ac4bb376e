"""schema.org as RDF: the JSON-LD expands, with a local copy of the schema.org context, to triples that use
the v30.0 vocabulary correctly.

PyLD (the JSON-LD 1.1 algorithms, ported from jsonld.js) turns each document into RDF exactly as a crawler's
JSON-LD processor does, loading ``https://schema.org`` from tests/data/schemaorg/schemaorgcontext.jsonld.gz and
never from the network. The checks are on the triples, not on the JSON: a value the context leaves a plain
string is a literal here, so an enumeration member written as a string (``"https://schema.org/OTC"``) shows up
as text, not as the member.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from monograph.formats.schemaorg import jsonld as schemaorg
from pyld import jsonld
from support import baclofen_data, make_monograph, schema2_data, validate_file
from test_schemaorg import VOCABULARY, Vocabulary, with_extras

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "source").glob("*.yaml"))
CONTEXT_FILE = Path(__file__).parent / "data" / "schemaorg" / "schemaorgcontext.jsonld.gz"
CONTEXT_SHA256 = "d8167890b056bc7c71eb39b30cbb4816490d5e671371ba50a5a633d1bc36961a"
CONTEXT_URLS = ("https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/",
                "https://schema.org/docs/jsonldcontext.jsonld")

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# The context's @vocab is http://schema.org/; the vocabulary file names its terms https://schema.org/.
# schema.org treats the two as the same terms, so both are read as one.
SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/")
XSD = "http://www.w3.org/2001/XMLSchema#"
LITERAL_TYPES = {f"{XSD}string": "Text", f"{XSD}integer": "Number", f"{XSD}double": "Number",
                 f"{XSD}boolean": "Boolean", "http://schema.org/Date": "Date", "http://schema.org/DateTime": "DateTime",
                 "http://schema.org/URL": "URL"}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.load(VOCABULARY)


def _context() -> dict[str, Any]:
    return json.loads(gzip.decompress(CONTEXT_FILE.read_bytes()))


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url not in CONTEXT_URLS:
        raise AssertionError(f"the test may load only the schema.org context, not {url}")
    return {"contextUrl": None, "documentUrl": url, "document": _context()}


def triples(document: dict[str, Any]) -> list[tuple[dict[str, str], str, dict[str, str]]]:
    dataset = jsonld.to_rdf(document, {"documentLoader": _loader})
    return [(t["subject"], t["predicate"]["value"], t["object"]) for t in dataset["@default"]]


def _term(iri: str) -> str | None:
    for prefix in SCHEMA_PREFIXES:
        if iri.startswith(prefix):
            return iri.removeprefix(prefix)
    return None


@dataclass
class RdfChecker:
    vocabulary: Vocabulary
    found: list[tuple[dict[str, str], str, dict[str, str]]]

    def run(self) -> list[str]:
        errors: list[str] = []
        types: dict[str, list[str]] = {}
        for subject, predicate, obj in self.found:
            if predicate == RDF_TYPE:
                name = _term(obj["value"])
                if name is None or name not in self.vocabulary.supertypes or name in self.vocabulary.retired:
                    errors.append(f"{obj['value']} is not a current schema.org type")
                types.setdefault(subject["value"], []).append(name or "")
        for subject, predicate, obj in self.found:
            if predicate != RDF_TYPE:
                errors += self.triple(types, subject, predicate, obj)
        return errors

    def triple(self, types: dict[str, list[str]], subject: dict[str, str], predicate: str,
               obj: dict[str, str]) -> list[str]:
        v = self.vocabulary
        name = _term(predicate)
        if name is None or name not in v.properties:
            return [f"{predicate} is not a schema.org property"]
        prop = v.properties[name]
        errors = [f"{name} {v.retired[name]}"] if name in v.retired else []
        subject_types = types.get(subject["value"], [])
        if not v.fits(subject_types, prop.domain):
            errors.append(f"{name}: its subject is a {subject_types}, outside its domain {sorted(prop.domain)}")
        if obj["type"] == "literal":
            if _term(obj["value"]) in v.members:
                errors.append(f"{name}: the literal {obj['value']!r} names an enumeration member as text, not as its IRI")
            datatype = LITERAL_TYPES.get(obj.get("datatype", ""))
            if datatype is None or not v.allows(prop.range, datatype):
                errors.append(f"{name}: the literal {obj['value']!r} ({obj.get('datatype')}) is outside its range "
                              f"{sorted(prop.range)}")
            return errors
        member = _term(obj["value"])
        if member in v.members and obj["value"] not in types:
            if not v.fits(list(v.members[member]), prop.range):
                errors.append(f"{name}: {obj['value']} is not a member of {sorted(prop.range)}")
            return errors
        object_types = types.get(obj["value"])
        if obj["type"] == "IRI" and v.allows(prop.range, "URL"):
            return errors  # a link: any IRI will do, whatever else is said about it
        if object_types is None:
            # An IRI with nothing said about it is a link: only a URL range takes one.
            if not v.allows(prop.range, "URL"):
                errors.append(f"{name}: {obj['value']} is a bare IRI, outside its range {sorted(prop.range)}")
        elif not v.fits(object_types, prop.range):
            errors.append(f"{name}: its object is a {object_types}, outside its range {sorted(prop.range)}")
        return errors


def rdf_errors(vocabulary: Vocabulary, document: dict[str, Any]) -> list[str]:
    return RdfChecker(vocabulary, triples(document)).run()


def _values(node: Any) -> int:
    """How many property values the JSON holds (each one triple), without @context, @type or @id."""
    if isinstance(node, list):
        return sum(_values(item) for item in node)
    if not isinstance(node, dict):
        return 0
    count = 0
    for key, value in node.items():
        if key.startswith("@"):
            continue
        items = value if isinstance(value, list) else [value]
        count += len(items) + sum(_values(item) for item in items)
    return count


def _documents() -> list[Any]:
    made = [pytest.param(schemaorg.document(validate_file(p).monograph), id=p.stem) for p in SOURCES]
    made.append(pytest.param(schemaorg.document(make_monograph(with_extras(baclofen_data()))), id="extras"))
    made.append(pytest.param(schemaorg.document(make_monograph(schema2_data())), id="schema-2"))
    return made


def test_local_context_is_the_documented_release() -> None:
    assert hashlib.sha256(gzip.decompress(CONTEXT_FILE.read_bytes())).hexdigest() == CONTEXT_SHA256
    assert _context()["@context"]["@vocab"] == "http://schema.org/"


@pytest.mark.parametrize("document", _documents())
def test_triples_use_the_vocabulary(vocabulary: Vocabulary, document: dict[str, Any]) -> None:
    found = triples(document)
    assert RdfChecker(vocabulary, found).run() == []
    # Expansion dropped nothing: every value in the JSON is one triple.
    assert len([t for t in found if t[1] != RDF_TYPE]) == _values(document["@graph"])


@pytest.mark.parametrize("document", _documents())
def test_enumeration_members_are_iris(document: dict[str, Any]) -> None:
    statuses = [obj for _, predicate, obj in triples(document) if _term(predicate) == "prescriptionStatus"]
    for obj in statuses:
        assert obj["type"] == "IRI", obj
        assert _term(obj["value"]) in ("PrescriptionOnly", "OTC")


def test_every_bundled_status_is_an_iri_in_rdf() -> None:
    """The bundled monographs are on prescription: the triple's object is the member itself."""
    document = schemaorg.document(validate_file(ROOT / "source" / "baclofen.yaml").monograph)
    drug = f"{document['@graph'][1]['@id']}"
    found = [(s["value"], _term(p), o) for s, p, o in triples(document)]
    assert (drug, "prescriptionStatus", {"type": "IRI", "value": "https://schema.org/PrescriptionOnly"}) in found


@pytest.mark.parametrize(("change", "expected"), [
    pytest.param(lambda g: g[1].update(prescriptionStatus="https://schema.org/PrescriptionOnly"),
                 "prescriptionStatus: the literal", id="member-as-string"),
    pytest.param(lambda g: g[1].update(prescriptionStatus={"@id": "https://schema.org/InStock"}),
                 "is not a member of", id="wrong-enumeration"),
    pytest.param(lambda g: g[1].update(indication="Spasticity"), "is not a schema.org property", id="unknown-property"),
    pytest.param(lambda g: g[0].update(proprietaryName="Lioresal"), "outside its domain", id="wrong-domain"),
    pytest.param(lambda g: g[1].update(drugClass="Skeletal muscle relaxant"), "outside its range", id="text-for-node"),
    pytest.param(lambda g: g[1].update({"@type": "MedicalDrug"}), "is not a current schema.org type", id="unknown-type"),
    pytest.param(lambda g: g[1].update(doseSchedule={"@id": "https://example.org/nowhere"}), "bare IRI",
                 id="dangling-node"),
])
def test_rdf_checker_catches(vocabulary: Vocabulary, change: Any, expected: str) -> None:
    document = schemaorg.document(validate_file(ROOT / "source" / "baclofen.yaml").monograph)
    change(document["@graph"])
    errors = rdf_errors(vocabulary, document)
    assert any(expected in e for e in errors), errors
