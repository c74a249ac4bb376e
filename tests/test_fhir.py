"""The FHIR exporter, checked against the official FHIR artefacts in tests/data/fhir.

Five independent checks, each from a source this project did not write:

* structure: the ``fhir.resources`` pydantic models. R5 uses the default 8.x
  models; R4 uses ``fhir.resources.R4B`` (the package has no R4 models), whose
  MedicationKnowledge, DocumentReference and Organization are element for
  element the R4 4.0.1 ones (same paths, cardinalities and types in the
  snapshots of hl7.fhir.r4b.core 4.3.0 and the 4.0.1 definitions);
* the official JSON Schema of the release (draft-06);
* every invariant (``constraint``) of every element the output uses, read from
  the official StructureDefinitions and evaluated with ``fhirpathpy`` on the
  right node: cud-1, bdl-*, dom-2..dom-6, ele-1, ext-1, ref-*, txt-* and the rest.
  FHIR's own functions that fhirpathpy lacks are supplied here: ``hasValue()``,
  ``resolve()`` (inside the Bundle or the container) and ``htmlChecks()`` (the
  official FHIR XHTML schema plus the "some text" rule);
* every required binding, against the ValueSets of the core package;
* reference integrity and reference target types from the StructureDefinitions.

The walk that finds "the right node" follows the StructureDefinitions: each JSON
member is matched to its ElementDefinition (choice types, content references,
contained and Bundle resources included), so an unknown member fails too.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import load_model
from fhir.resources.bundle import Bundle
from fhir.resources.R4B.medicationknowledge import MedicationKnowledge as MedicationKnowledgeR4
from fhirpathpy import apply_parsed_path
from fhirpathpy.engine.nodes import ResourceNode
from fhirpathpy.models import models as fhirpath_models
from fhirpathpy.parser import parse
from jsonschema import Draft6Validator, validators
from lxml import etree
from markdown_it import MarkdownIt
from monograph.api import export
from monograph.fields import field_paths
from monograph.formats import fhir
from monograph.formats.fhir.extensions import EXTENSIONS
from monograph.formats.fhir.vocabulary import (
    ARTIFACT_LAST_REVIEW_DATE,
    ARTIFACT_REVIEWER,
    CONTACT_DETAIL_REFERENCE,
    PRECAUTION_KIND,
    PROJECT_BASE,
    extension_url,
)
from monograph.loader import load_bytes
from monograph.model import Monograph
from monograph.project import Project
from monograph.validation import validate_document
from support import baclofen_data, dump_yaml, make_monograph

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "source").glob("*.yaml"))
DATA = Path(__file__).parent / "data" / "fhir"
RELEASES = ("r5", "r4")
STRUCTURE_URL = "http://hl7.org/fhir/StructureDefinition/"
SYSTEM_TYPE = "http://hl7.org/fhirpath/System."

# ---------------------------------------------------------------- the official artefacts, read once


@dataclass(frozen=True, eq=False)
class Release:
    name: str
    structures: dict[str, dict[str, Any]]
    value_sets: dict[str, dict[str, Any]]
    code_systems: dict[str, dict[str, Any]]
    schema: Any
    """The official JSON Schema's validator (see ``schema_validator``)."""

    @property
    def model(self) -> dict[str, Any]:
        return fhirpath_models[self.name]

    @cache  # noqa: B019 - one Release per FHIR release, alive for the whole session
    def elements(self, type_name: str) -> dict[str, dict[str, Any]]:
        return {e["path"]: e for e in self.structures[type_name]["snapshot"]["element"]}

    @cache  # noqa: B019 - as above
    def expand(self, url: str) -> frozenset[tuple[str, str]] | None:
        """(system, code) pairs of a ValueSet; None when it is defined by a grammar (BCP 47, MIME types)."""
        compose = self.value_sets[url.split("|")[0]]["compose"]
        include = set()
        for part in compose.get("include", ()):
            found = self._part(part)
            if found is None:
                return None
            include |= found
        for part in compose.get("exclude", ()):
            include -= self._part(part) or set()
        return frozenset(include)

    def _part(self, part: dict[str, Any]) -> set[tuple[str, str]] | None:
        system = part.get("system")
        if system is not None and system not in self.code_systems and "concept" not in part:
            return None  # an enumerated part (units-of-time lists its UCUM codes) needs no code system
        if "filter" in part:
            return None
        codes: set[tuple[str, str]] = set()
        if "concept" in part:
            codes = {(system, c["code"]) for c in part["concept"]}
        elif system is not None:
            codes = {(system, code) for code in concept_codes(self.code_systems[system].get("concept", ()))}
        for inner in part.get("valueSet", ()):
            expanded = self.expand(inner)
            if expanded is None:
                return None
            codes = (codes & expanded) if system else (codes | expanded)
        return codes


def concept_codes(concepts: list[dict[str, Any]]) -> Iterator[str]:
    for concept in concepts:
        yield concept["code"]
        yield from concept_codes(concept.get("concept", ()))


def read_json_gz(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@cache
def release(name: str) -> Release:
    resources = [e["resource"] for e in read_json_gz(DATA / name / "definitions.json.gz")["entry"]]
    return Release(
        name,
        {r["id"]: r for r in resources if r["resourceType"] == "StructureDefinition"},
        {r["url"]: r for r in resources if r["resourceType"] == "ValueSet"},
        {r["url"]: r for r in resources if r["resourceType"] == "CodeSystem"},
        schema_validator(read_json_gz(DATA / name / "fhir.schema.json.gz")),
    )


def discriminated_one_of(validator: Any, one_of: list[dict[str, Any]], instance: Any, schema: dict[str, Any]) -> Iterator[Any]:
    """``oneOf`` over resource types, checked only against the branch the instance's resourceType names.

    The FHIR schemas declare that discriminator themselves, and every branch
    requires its own ``resourceType`` constant (test_schema_resource_list_is_discriminated),
    so the other branches can never match: the verdict equals plain ``oneOf``,
    without validating each contained resource against some 150 resource types.
    """
    target = instance.get("resourceType") if isinstance(instance, dict) else None
    refs = [branch.get("$ref") for branch in one_of]
    if isinstance(target, str) and refs.count(f"#/definitions/{target}") == 1 and all(set(b) == {"$ref"} for b in one_of):
        yield from validator.descend(instance, {"$ref": f"#/definitions/{target}"})
        return
    yield from Draft6Validator.VALIDATORS["oneOf"](validator, one_of, instance, schema)


FhirSchemaValidator = validators.extend(Draft6Validator, {"oneOf": discriminated_one_of})


def schema_validator(schema: dict[str, Any]) -> Any:
    return FhirSchemaValidator(schema)


@cache
def xhtml_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(str(DATA / "xhtml" / "fhir-xhtml.xsd"), parser))


# ---------------------------------------------------------------- monographs and their output


@cache
def source_model(path: Path) -> Monograph:
    return load_model(path)


def render(m: Monograph, name: str) -> dict[str, Any]:
    return json.loads(export(m, "fhir", fhir_release=name))


@cache
def rendered(path: Path, name: str) -> dict[str, Any]:
    return render(source_model(path), name)


HOSTILE = (
    "</script><!-- ]]> & < > \" ' `x` # \\ | ~ "
    "\u0628\u0627\u0643\u0644\u0648\u0641\u064a\u0646 \u05d1\u05e7\u05dc\u05d5\u05e4\u05df \u5df4\u6c2f\u82ac"
)


def hostile_data() -> dict[str, Any]:
    """Baclofen with hostile text and markup in every kind of field the exporter writes."""
    data = baclofen_data()
    data["id"] = "hostile"
    data["title"] = HOSTILE
    data["summary"] = f"*{HOSTILE}* and **strong** and [a link](https://example.org/a?b=1&c=2)\n\n1. not a list {HOSTILE}"
    data["publisher"] = {"name": HOSTILE, "url": "https://example.org/"}
    data["modified"] = "2024-01-02"
    data["drug"]["generic_name"] = HOSTILE
    data["drug"]["classes"][0]["name"] = HOSTILE
    data["ingredients"]["items"][0]["name"] = HOSTILE
    data["indications"]["items"][0]["symptoms"][0]["name"] = HOSTILE
    data["mechanism"]["text"] = f"# {HOSTILE}\n\n- {HOSTILE}"
    data["forms"]["items"][0]["name"] = HOSTILE
    data["forms"]["items"][1]["delivery"] = HOSTILE
    data["brands"]["items"][0]["name"] = HOSTILE
    data["side_effects"]["items"][0].update(name=HOSTILE, note=HOSTILE, serious=True, frequency="rare")
    data["side_effects"]["items"][1]["frequency"] = "uncommon"
    data["boxed_warning"]["text"] = f"> {HOSTILE}"
    data["boxed_warning"]["advice"] = f"+ {HOSTILE}"
    data["precautions"]["items"][0]["text"] = HOSTILE
    data["precautions"]["items"][2].pop("concepts")
    data["precautions"]["items"][4]["effect"] = HOSTILE
    data["precautions"]["items"][4]["interactants"] = [{"name": HOSTILE, "kind": "drug"}]
    data["advice"]["items"].append({"topic": "other", "text": f"= {HOSTILE}"})
    data["citations"][0]["title"] = HOSTILE
    data["citations"][0]["date"] = "2020-05"
    # Two of each list item are enough, and keep the R4 checks (dom-3 walks the whole resource per contained one) quick.
    data["side_effects"]["items"] = data["side_effects"]["items"][:2]
    data["forms"]["items"][2]["strengths"] = data["forms"]["items"][2]["strengths"][:1]
    data["forms"]["items"][0]["strengths"] = data["forms"]["items"][0]["strengths"][:1]
    return data


def minimal_data() -> dict[str, Any]:
    """Only what the schema requires."""
    data = baclofen_data()
    for name in ("brands", "forms", "mechanism", "side_effects", "boxed_warning", "precautions", "advice"):
        data.pop(name)
    data["drug"].pop("codes")
    data["drug"].pop("classes")
    data["id"] = "minimal"
    return data


def variant_data() -> dict[str, Any]:
    """The other branches: two ingredients, a person as reviewer, over the counter, no strengths, drug interactants."""
    data = baclofen_data()
    data["id"] = "variant"
    data["review"]["reviewed_by"] = {"name": "A. Reviewer", "type": "person"}
    data["drug"]["supply"] = [{"status": "over-the-counter"}]
    data["ingredients"]["items"].append({"name": "second ingredient"})
    data["forms"]["items"][1].pop("strengths")
    for form in (data["forms"]["items"][0], data["forms"]["items"][2]):
        form["strengths"] = [dict(form["strengths"][0], ingredient="baclofen")]  # two ingredients: say which
    data["brands"]["items"] = data["brands"]["items"][:1]
    data["side_effects"]["items"] = [dict(data["side_effects"]["items"][0], serious=True, note="Call your doctor.")]
    data["precautions"]["items"] = data["precautions"]["items"][2:]
    data["precautions"]["items"][-1]["interactants"] = [{"name": "opioids", "kind": "drug-class"}]
    data["boxed_warning"].pop("applies_to")
    data["advice"]["items"][0]["topic"] = "stopping-treatment"
    data["citations"].append({"id": "article", "kind": "article", "title": "An article", "url": "https://example.org/article"})
    data["mechanism"]["cites"] = ["article"]
    return data


ODD = ("hostile", "minimal", "variant")


@cache
def odd_models() -> dict[str, Monograph]:
    return {name: make_monograph(make()) for name, make in zip(ODD, (hostile_data, minimal_data, variant_data), strict=True)}


def cases() -> list[Any]:
    return [pytest.param(("source", path), name, id=f"{path.stem}-{name}") for path in SOURCES for name in RELEASES] + [
        pytest.param(("odd", key), name, id=f"{key}-{name}") for key in ODD for name in RELEASES
    ]


def output_for(case: tuple[str, Any], name: str) -> dict[str, Any]:
    kind, value = case
    return rendered(value, name) if kind == "source" else render(odd_models()[value], name)


# ---------------------------------------------------------------- walking the output with its definitions


@dataclass(frozen=True)
class Site:
    """One element of the output, with the definition that governs it."""

    value: Any
    base: str
    """What fhirpathpy needs to type the node: an element path for backbone elements, else a type name."""
    type: str
    element: dict[str, Any]
    constraints: tuple[dict[str, Any], ...]
    resource: dict[str, Any]
    root: dict[str, Any]
    where: str
    targets: tuple[str, ...] = ()
    """For a Reference: the resource types it may point at (empty: any)."""


def walk(rel: Release, resource: dict[str, Any]) -> Iterator[Site]:
    yield from resource_sites(rel, resource, resource, resource["resourceType"])


def resource_sites(rel: Release, resource: dict[str, Any], root: dict[str, Any], where: str) -> Iterator[Site]:
    kind = resource["resourceType"]
    element = rel.elements(kind)[kind]
    yield Site(resource, kind, kind, element, tuple(element.get("constraint", ())), resource, root, where)
    yield from children(rel, kind, kind, resource, resource, root, where)


def children(rel: Release, structure: str, path: str, node: dict[str, Any], resource: dict[str, Any],
             root: dict[str, Any], where: str, targets: tuple[str, ...] = ()) -> Iterator[Site]:
    """The members of an object, each matched to its definition; ``targets`` passes a CodeableReference's to its reference."""
    assert isinstance(node, dict), f"{where}: expected an object"
    for key, value in node.items():
        if key == "resourceType":
            continue
        element, type_entry = find_element(rel, structure, path, key, where)
        many = element["max"] != "1"
        assert isinstance(value, list) == many, f"{where}.{key}: {'an array' if many else 'a single value'} expected"
        for index, item in enumerate(value if many else [value]):
            at = f"{where}.{key}" + (f"[{index}]" if many else "")
            yield from element_sites(rel, structure, element, type_entry, item, resource, root, at,
                                     targets if key == "reference" else ())


def find_element(rel: Release, structure: str, path: str, key: str, where: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ElementDefinition of a JSON member and the type it has here (choice elements name it in the key)."""
    elements = rel.elements(structure)
    element = elements.get(f"{path}.{key}")
    if element is not None:
        return element, element["type"][0] if "type" in element else {"code": "BackboneElement"}
    for candidate_path, candidate in elements.items():
        if candidate_path.endswith("[x]") and candidate_path.rsplit(".", 1)[0] == path:
            stem = candidate_path.rsplit(".", 1)[1][:-3]
            for entry in candidate["type"]:
                if key == stem + entry["code"][0].upper() + entry["code"][1:]:
                    return candidate, entry
    raise AssertionError(f"{where}: {key!r} is not an element of {path}")


def element_sites(rel: Release, structure: str, element: dict[str, Any], type_entry: dict[str, Any], value: Any,
                  resource: dict[str, Any], root: dict[str, Any], where: str, targets: tuple[str, ...] = ()) -> Iterator[Site]:
    code = type_entry["code"]
    own = tuple(element.get("constraint", ()))
    if code in ("Resource", "DomainResource"):
        contained = element["path"].endswith(".contained")
        yield from resource_sites(rel, value, root if contained else value, where)
    elif code in ("BackboneElement", "Element") or "contentReference" in element:
        path = element["contentReference"].split("#", 1)[1] if "contentReference" in element else element["path"]
        yield Site(value, path, code, element, own, resource, root, where)
        yield from children(rel, structure, path, value, resource, root, where)
    elif code.startswith(SYSTEM_TYPE):
        yield Site(value, "string", code, element, own, resource, root, where)
    else:
        yield from datatype_sites(rel, element, type_entry, value, resource, root, where, targets)


def datatype_sites(rel: Release, element: dict[str, Any], type_entry: dict[str, Any], value: Any,
                   resource: dict[str, Any], root: dict[str, Any], where: str, targets: tuple[str, ...]) -> Iterator[Site]:
    """A value of a data type: the element's constraints plus the type's own, then its members."""
    code = type_entry["code"]
    own = tuple(element.get("constraint", ()))
    keys = {c["key"] for c in own}
    constraints = own + tuple(c for c in rel.elements(code)[code].get("constraint", ()) if c["key"] not in keys)
    allowed = tuple(p.removeprefix(STRUCTURE_URL) for p in type_entry.get("targetProfile", ()))
    yield Site(value, code, code, element, constraints, resource, root, where, targets or allowed)
    if rel.structures[code]["kind"] == "primitive-type":
        assert not isinstance(value, (dict, list)), f"{where}: a {code} must be a JSON primitive"
        return
    yield from children(rel, code, code, value, resource, root, where, allowed if code == "CodeableReference" else ())


def top_resources(document: dict[str, Any]) -> list[dict[str, Any]]:
    if document["resourceType"] == "Bundle":
        return [document, *(e["resource"] for e in document.get("entry", ()))]
    return [document, *document.get("contained", ())]


# ---------------------------------------------------------------- invariants


class Unavailable(Exception):
    """An invariant uses a function neither fhirpathpy nor this file provides."""


def html_checks(div: str) -> bool:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        tree = etree.fromstring(div.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return False
    return xhtml_schema().validate(tree) and bool("".join(tree.itertext()).strip())


def fhir_functions(document: dict[str, Any]) -> dict[str, Any]:
    """hasValue(), resolve() and htmlChecks(): FHIR's additions to FHIRPath."""
    by_url = {e.get("fullUrl"): e["resource"] for e in document.get("entry", ())} if document["resourceType"] == "Bundle" else {}
    contained = {f"#{r['id']}": r for r in document.get("contained", ())}

    def has_value(inputs: list[Any]) -> bool:
        return len(inputs) == 1 and not isinstance(inputs[0], (dict, list))

    def resolve(inputs: list[Any]) -> list[Any]:
        found = []
        for item in inputs:
            target = item.get("reference") if isinstance(item, dict) else item
            if target in by_url or target in contained:
                found.append(by_url.get(target) or contained[target])
        return found

    def checks(inputs: list[Any]) -> bool:
        return len(inputs) == 1 and isinstance(inputs[0], str) and html_checks(inputs[0])

    return {
        "hasValue": {"fn": has_value, "arity": {0: []}},
        "resolve": {"fn": resolve, "arity": {0: []}},
        "htmlChecks": {"fn": checks, "arity": {0: []}},
    }


@cache
def parsed(expression: str) -> Any:
    return parse(expression)


def typed(resource: dict[str, Any]) -> ResourceNode:
    return ResourceNode.create_node(resource, resource["resourceType"])


def range_in_order(value: dict[str, Any]) -> bool:
    """rng-2, "low.empty() or high.empty() or (low <= high)", by hand: fhirpathpy cannot order two Quantities.

    Quantities in different units are not comparable without UCUM conversion, which FHIRPath then leaves
    empty (the invariant holds); this project writes both ends of a Range in one unit.
    """
    low, high = value.get("low"), value.get("high")
    if low is None or high is None:
        return True
    if low.get("code") != high.get("code"):
        return True
    return bool(low["value"] <= high["value"])


# R4's ref-1 fails a Reference that has no `reference` at all (a type and a display); HL7's validator reads it
# as "reference.exists() implies (...)" (FHIRPathExpressionFixer in org.hl7.fhir.validation), and so does this.
_R4_REF_1 = ("reference.startsWith('#').not() or (reference.substring(1).trace('url') in "
             "%rootResource.contained.id.trace('ids'))")
EXPRESSION_FIXES = {_R4_REF_1: f"reference.exists() implies (reference = '#' or ({_R4_REF_1}))"}


def holds(rel: Release, site: Site, constraint: dict[str, Any], functions: dict[str, Any]) -> bool:
    options = {"userInvocationTable": functions, "traceFn": lambda *_: None}
    # A resource is passed as it is: fhirpathpy types it by resourceType, and expressions may start with its type name.
    is_resource = site.value is site.resource
    node = site.value if is_resource else ResourceNode.create_node(site.value, site.base)
    context = {"resource": typed(site.resource), "rootResource": typed(site.root)}
    if constraint["key"] == "rng-2" and isinstance(site.value, dict):
        return range_in_order(site.value)
    try:
        expression = EXPRESSION_FIXES.get(constraint["expression"], constraint["expression"])
        result = apply_parsed_path(node, parsed(expression), context, rel.model, options)
    except Exception as error:
        if str(error).startswith("Not implemented"):
            raise Unavailable(str(error)) from error
        raise
    return result == [True]


def broken_invariants(rel: Release, document: dict[str, Any]) -> tuple[list[str], set[str], set[str]]:
    """(failures, keys evaluated, keys that could not be evaluated)."""
    functions = fhir_functions(document)
    failures: list[str] = []
    evaluated: set[str] = set()
    unavailable: set[str] = set()
    for site in walk(rel, document):
        for constraint in site.constraints:
            try:
                ok = holds(rel, site, constraint, functions)
            except Unavailable:
                unavailable.add(constraint["key"])
                continue
            evaluated.add(constraint["key"])
            if not ok:
                failures.append(f"{site.where}: {constraint['key']} ({constraint['severity']}) {constraint['human']}")
    return failures, evaluated, unavailable


MUST_EVALUATE = {
    "r5": {"cud-1", "bdl-3a", "bdl-7", "bdl-15", "dom-2", "dom-3", "dom-4", "dom-5", "dom-6", "ele-1", "ext-1", "txt-1", "txt-2",
           "ref-1"},
    "r4": {"dom-2", "dom-3", "dom-4", "dom-5", "dom-6", "ele-1", "ext-1", "txt-1", "txt-2", "ref-1"},
}

# ---------------------------------------------------------------- bindings, references, codes

LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")
GRAMMARS = {"urn:ietf:bcp:47": LANGUAGE_TAG, "urn:ietf:bcp:13": re.compile(r"^[\w.+-]+/[\w.+-]+(?:;.*)?$")}


def grammar_of(rel: Release, url: str) -> re.Pattern[str] | None:
    systems = {part.get("system") for part in rel.value_sets[url.split("|")[0]]["compose"].get("include", ())}
    patterns = [GRAMMARS[s] for s in systems if s in GRAMMARS]
    return patterns[0] if len(patterns) == 1 and len(systems) == 1 else None


def binding_problems(rel: Release, document: dict[str, Any]) -> list[str]:
    problems = []
    for site in walk(rel, document):
        binding = site.element.get("binding", {})
        if binding.get("strength") != "required" or site.type not in ("code", "Coding", "CodeableConcept"):
            continue
        url = binding["valueSet"]
        allowed = rel.expand(url)
        if allowed is None:
            grammar = grammar_of(rel, url)
            assert grammar is not None, f"{site.where}: cannot expand {url} and knows no grammar for it"
            if not grammar.match(site.value):
                problems.append(f"{site.where}: {site.value!r} is not a valid code of {url}")
            continue
        if site.type == "code":
            ok = site.value in {code for _, code in allowed}
        else:
            codings = site.value.get("coding", ()) if site.type == "CodeableConcept" else [site.value]
            ok = any((c.get("system"), c.get("code")) in allowed for c in codings)
        if not ok:
            problems.append(f"{site.where}: {site.value!r} is not in the required value set {url}")
    return problems


PROJECT_TARGETS = {
    extension_url("cited-source"): "DocumentReference",
    extension_url("applies-to"): "MedicationKnowledge",
    "source": "DocumentReference",
    "appliesTo": "MedicationKnowledge",
}


def reference_problems(rel: Release, document: dict[str, Any]) -> list[str]:
    problems = []
    if document["resourceType"] == "Bundle":
        targets = {e["fullUrl"]: e["resource"] for e in document["entry"]}
    else:
        targets = {f"#{r['id']}": r for r in document.get("contained", ())}
    for site in walk(rel, document):
        if site.type == "Extension" and site.value.get("url") in PROJECT_TARGETS and "valueReference" in site.value:
            target = targets.get(site.value["valueReference"].get("reference"))
            expected = PROJECT_TARGETS[site.value["url"]]
            if target is not None and target["resourceType"] != expected:
                problems.append(f"{site.where}: points at a {target['resourceType']}, not a {expected}")
        if site.type != "Reference" or "reference" not in site.value:
            continue
        target = targets.get(site.value["reference"])
        if target is None:
            problems.append(f"{site.where}: {site.value['reference']} does not resolve")
        elif site.targets and "Resource" not in site.targets and target["resourceType"] not in site.targets:
            problems.append(f"{site.where}: points at a {target['resourceType']}; allowed: {', '.join(site.targets)}")
    return problems


def coding_problems(rel: Release, document: dict[str, Any]) -> list[str]:
    """Codings from a code system of the core package must use its codes and displays."""
    problems = []
    for site in walk(rel, document):
        if site.type != "Coding" or site.value.get("system") not in rel.code_systems:
            continue
        system = rel.code_systems[site.value["system"]]
        displays = {c["code"]: c.get("display") for c in flatten(system.get("concept", ()))}
        code = site.value.get("code")
        if code not in displays:
            problems.append(f"{site.where}: {code!r} is not a code of {system['url']}")
        elif "display" in site.value and site.value["display"] != displays[code]:
            problems.append(f"{site.where}: display {site.value['display']!r} is not {displays[code]!r}")
    return problems


def flatten(concepts: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for concept in concepts:
        yield concept
        yield from flatten(concept.get("concept", ()))


def extension_problems(rel: Release, document: dict[str, Any]) -> list[str]:
    """Extensions under the project base must be the documented ones, with the documented value types."""
    problems = []
    definitions = {d.url: d for d in EXTENSIONS.values()}
    for site in walk(rel, document):
        if site.type != "Extension" or not site.value["url"].startswith(PROJECT_BASE):
            continue
        definition = definitions.get(site.value["url"])
        if definition is None:
            problems.append(f"{site.where}: {site.value['url']} is not documented in EXTENSIONS")
            continue
        keys = set(site.value) - {"url"}
        if keys != {definition.value}:
            problems.append(f"{site.where}: carries {sorted(keys)}, documented as {definition.value}")
        parts = dict(definition.parts)
        for part in site.value.get("extension", ()):
            if part["url"] not in parts or parts[part["url"]] not in part:
                problems.append(f"{site.where}: sub-extension {part['url']!r} is not documented as {sorted(part)}")
    return problems


def validate_everything(document: dict[str, Any], name: str) -> list[str]:
    """Every check at once, for tests that build their own documents."""
    rel = release(name)
    problems = [f"schema: {e.message}" for e in rel.schema.iter_errors(document)]
    if problems:
        return problems
    problems += broken_invariants(rel, document)[0]
    problems += binding_problems(rel, document) + reference_problems(rel, document)
    return problems


def structure_check(document: dict[str, Any], name: str) -> None:
    if name == "r5":
        Bundle.model_validate(document)
    else:
        MedicationKnowledgeR4.model_validate(document)


# ---------------------------------------------------------------- the tests, on every monograph and both releases


@pytest.mark.parametrize("case,name", cases())
def test_structure_is_valid_for_fhir_resources(case: tuple[str, Any], name: str) -> None:
    structure_check(output_for(case, name), name)


@pytest.mark.parametrize("case,name", cases())
def test_official_json_schema_accepts_the_output(case: tuple[str, Any], name: str) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in release(name).schema.iter_errors(output_for(case, name))]
    assert errors == []


@pytest.mark.parametrize("case,name", cases())
def test_every_invariant_holds(case: tuple[str, Any], name: str) -> None:
    failures, evaluated, unavailable = broken_invariants(release(name), output_for(case, name))
    assert failures == []
    assert MUST_EVALUATE[name] - evaluated == set()
    assert unavailable == set(), f"invariants using functions nobody evaluates: {sorted(unavailable)}"


@pytest.mark.parametrize("case,name", cases())
def test_required_bindings_hold(case: tuple[str, Any], name: str) -> None:
    assert binding_problems(release(name), output_for(case, name)) == []


@pytest.mark.parametrize("case,name", cases())
def test_references_resolve_to_allowed_types(case: tuple[str, Any], name: str) -> None:
    assert reference_problems(release(name), output_for(case, name)) == []


@pytest.mark.parametrize("case,name", cases())
def test_hl7_codes_exist(case: tuple[str, Any], name: str) -> None:
    document = output_for(case, name)
    assert coding_problems(release(name), document) == []
    if name == "r4":  # the R4 issue extension uses the R5 code system for its type
        types = [p["valueCode"] for e in document.get("extension", ()) if e["url"] == extension_url("clinical-use-issue")
                 for p in e["extension"] if p["url"] == "type"]
        allowed = {code for _, code in release("r5").expand("http://hl7.org/fhir/ValueSet/clinical-use-definition-type")}
        assert set(types) <= allowed


@pytest.mark.parametrize("case,name", cases())
def test_extensions_are_documented(case: tuple[str, Any], name: str) -> None:
    assert extension_problems(release(name), output_for(case, name)) == []


@pytest.mark.parametrize("case,name", cases())
def test_every_resource_has_a_valid_narrative(case: tuple[str, Any], name: str) -> None:
    for resource in top_resources(output_for(case, name)):
        if resource["resourceType"] == "Bundle":
            continue
        assert resource["text"]["status"] == "generated"
        assert html_checks(resource["text"]["div"]), resource["id"]


@pytest.mark.parametrize("name", RELEASES)
def test_schema_resource_list_is_discriminated(name: str) -> None:
    definitions = read_json_gz(DATA / name / "fhir.schema.json.gz")["definitions"]
    for branch in definitions["ResourceList"]["oneOf"]:
        kind = branch["$ref"].removeprefix("#/definitions/")
        assert definitions[kind]["properties"]["resourceType"]["const"] == kind
        assert "resourceType" in definitions[kind]["required"]


def test_schema_check_still_refuses_an_unknown_contained_resource() -> None:
    document = copy.deepcopy(rendered(ROOT / "source" / "baclofen.yaml", "r4"))
    document["contained"][0]["resourceType"] = "Monograph"
    assert list(release("r4").schema.iter_errors(document))
    document["contained"][0]["resourceType"] = "DocumentReference"
    document["contained"][0]["status"] = 1
    assert list(release("r4").schema.iter_errors(document))


# ---------------------------------------------------------------- the R5 shape


def entries(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_r5_bundle_shape(path: Path) -> None:
    document = rendered(path, "r5")
    kinds = [e["resource"]["resourceType"] for e in document["entry"]]
    assert document["type"] == "collection"
    assert kinds[0] == "MedicationKnowledge"
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in document["entry"])
    knowledge = document["entry"][0]["resource"]
    uses = entries(document, "ClinicalUseDefinition")
    linked = set()
    for resource in entries(document, "MedicationKnowledge"):  # the drug's and every clinical drug's
        linked |= {r["reference"] for r in resource.get("clinicalUseIssue", ())}
        linked |= {i["reference"]["reference"] for g in resource.get("indicationGuideline", ()) for i in g.get("indication", ())}
    assert linked == {f"urn:uuid:{c['id']}" for c in uses}, "every clinical use is referenced from a MedicationKnowledge"
    for use in uses:
        parts = [k for k in ("indication", "contraindication", "interaction", "undesirableEffect", "warning") if k in use]
        assert len(parts) == 1
        assert use["type"] == {"undesirableEffect": "undesirable-effect"}.get(parts[0], parts[0])
    sources = {m["source"]["reference"] for m in knowledge["monograph"]}
    assert sources == {f"urn:uuid:{d['id']}" for d in entries(document, "DocumentReference")}


# ---------------------------------------------------------------- fidelity for the seed monograph


def all_text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False)


def test_baclofen_r5_carries_every_fact() -> None:
    m = source_model(ROOT / "source" / "baclofen.yaml")
    document = rendered(ROOT / "source" / "baclofen.yaml", "r5")
    knowledge = document["entry"][0]["resource"]
    assert knowledge["name"] == ["baclofen", "Lioresal", "Lioresal Intrathecal", "Gablofen"]
    uses = entries(document, "ClinicalUseDefinition")
    effects = [u for u in uses if u["type"] == "undesirable-effect"]
    names = [u["undesirableEffect"]["symptomConditionEffect"]["concept"]["text"] for u in effects]
    assert names == [s.label for s in m.side_effects.items]
    assert len(effects) == 12
    assert all(u["undesirableEffect"]["frequencyOfOccurrence"]["coding"][0]["code"] == "Common" for u in effects)
    boxed = [u for u in uses if any(c["code"] == "34066-1" for cat in u.get("category", ()) for c in cat.get("coding", ()))]
    assert len(boxed) == 1 and "abruptly" in boxed[0]["warning"]["description"]
    precautions = [u for u in uses if any(c["system"] == PRECAUTION_KIND for cat in u.get("category", ()) for c in cat["coding"])]
    assert len(precautions) == 5
    assert [u["type"] for u in precautions].count("interaction") == 1
    pregnancy = [u for u in precautions if any(c.get("code") == "Pregnancy" for c in u["category"][0]["coding"])]
    assert len(pregnancy) == 1
    driving = [u for u in uses if any(c.get("code") == "DriveAndMachines" for cat in u.get("category", ()) for c in cat["coding"])]
    assert len(driving) == 1
    indications = [u for u in uses if u["type"] == "indication"]
    diseases = [u["indication"]["diseaseSymptomProcedure"]["concept"]["text"] for u in indications]
    assert diseases == ["Spasticity resulting from multiple sclerosis"]
    (provenance,) = entries(document, "Provenance")
    assert provenance["occurredDateTime"] == "2023-04"
    assert provenance["agent"][0]["who"] == {"type": "Organization", "display": "HU Medical Review Board"}
    labels = [d for d in entries(document, "DocumentReference") if d["type"]["coding"][0].get("code") == "34391-3"]
    assert len(labels) == 2
    products = [r for r in entries(document, "MedicationKnowledge")][1:]
    assert len(products) == 3 + 1 + 4
    for fact in ("Clonus (spasms with rhythmic contractions)", "M03BX01", "H789N3FKE8", "20042000", "implantable pump",
                 "monosynaptic", "HU Medical Review Board", "2023-04"):
        assert fact in all_text(document)


def test_baclofen_r4_carries_every_fact() -> None:
    m = source_model(ROOT / "source" / "baclofen.yaml")
    document = rendered(ROOT / "source" / "baclofen.yaml", "r4")
    assert document["synonym"] == ["Lioresal", "Lioresal Intrathecal", "Gablofen"]
    issues = [e for e in document["extension"] if e["url"] == extension_url("clinical-use-issue")]

    def part(issue: dict[str, Any], url: str) -> list[Any]:
        return [p for p in issue["extension"] if p["url"] == url]

    effects = [i for i in issues if part(i, "type")[0]["valueCode"] == "undesirable-effect"]
    names = [part(i, "symptomConditionEffect")[0]["valueCodeableConcept"]["text"] for i in effects]
    assert names == [s.label for s in m.side_effects.items]
    boxed = [i for i in issues if any(c["code"] == "34066-1" for p in part(i, "category") for c in p["valueCodeableConcept"]["coding"])]
    assert len(boxed) == 1
    precautions = [
        i for i in issues
        if any(c["system"] == PRECAUTION_KIND for p in part(i, "category") for c in p["valueCodeableConcept"]["coding"])
    ]
    assert len(precautions) == 5
    (reviewer,) = [e["valueContactDetail"] for e in document["extension"] if e["url"] == ARTIFACT_REVIEWER]
    assert reviewer["name"] == "HU Medical Review Board"
    assert reviewer["extension"] == [{"url": CONTACT_DETAIL_REFERENCE,
                                      "valueReference": {"type": "Organization", "display": "HU Medical Review Board"}}]
    assert [e["valueDate"] for e in document["extension"] if e["url"] == ARTIFACT_LAST_REVIEW_DATE] == ["2023-04"]
    (guideline,) = document["administrationGuidelines"]
    assert guideline["indicationCodeableConcept"]["text"] == "Spasticity resulting from multiple sclerosis"
    assert len([c for c in document["contained"] if c["resourceType"] == "MedicationKnowledge"]) == 8
    div = document["text"]["div"]
    for fact in ("Lioresal Intrathecal", "Impaired reaction time", "abruptly", "Have had a stroke", "HU Medical Review Board",
                 "2023-04", "Flexor spasms", "monosynaptic"):
        assert fact in div


# ---------------------------------------------------------------- determinism and options


@pytest.mark.parametrize("name", RELEASES)
def test_rendering_is_deterministic(name: str) -> None:
    m = source_model(ROOT / "source" / "baclofen.yaml")
    again = load_model(ROOT / "source" / "baclofen.yaml")
    assert export(m, "fhir", fhir_release=name) == export(again, "fhir", fhir_release=name)


def test_ids_are_stable_across_versions() -> None:
    """Published ids must never change: these are the ids baclofen was first published with."""
    document = rendered(ROOT / "source" / "baclofen.yaml", "r5")
    assert document["entry"][0]["fullUrl"] == "urn:uuid:6d7944f3-7791-5ff2-b4fd-b24ed8247000"
    assert rendered(ROOT / "source" / "baclofen.yaml", "r4")["id"] == "6d7944f3-7791-5ff2-b4fd-b24ed8247000"
    ids = [e["resource"]["id"] for e in document["entry"]]
    assert len(set(ids)) == len(ids)


def test_default_release_is_r5_and_unknown_release_is_refused() -> None:
    m = source_model(ROOT / "source" / "baclofen.yaml")
    assert export(m, "fhir") == export(m, "fhir", fhir_release="r5")
    with pytest.raises(ValueError, match="fhir_release"):
        export(m, "fhir", fhir_release="r3")
    assert [(option.name, option.choices) for option in fhir.EXPORTER.options] == [
        ("release", ("r5", "r4")), ("canonical", (PROJECT_BASE,)),
    ]


def test_translation_gets_its_own_ids() -> None:
    data = baclofen_data()
    data["language"] = "es"
    raw = dump_yaml(data).encode("utf-8")
    document, problems = load_bytes("baclofen.es.yaml", raw)
    result = validate_document(document, Project(today=dt.date(2030, 1, 1)))
    assert result.monograph is not None, [str(p) for p in result.problems]
    spanish = render(result.monograph, "r5")
    english = rendered(ROOT / "source" / "baclofen.yaml", "r5")
    assert spanish["entry"][0]["resource"]["language"] == "es"
    assert not {e["fullUrl"] for e in spanish["entry"]} & {e["fullUrl"] for e in english["entry"]}


def test_mapping_covers_every_field() -> None:
    for column in ("FHIR R5", "FHIR R4"):
        keys = fhir.EXPORTER.mapping[column]
        assert set(keys) <= set(field_paths())
        uncovered = [p for p in field_paths() if not any(p == k or p.startswith(k + ".") for k in keys)]
        assert uncovered == [], column


# ---------------------------------------------------------------- hostile text


MARKDOWN = MarkdownIt("commonmark")
ALLOWED_MARKDOWN_TAGS = {"p", "em", "strong", "a", "ul", "li", "div"}


def markdown_fields(document: dict[str, Any], name: str) -> list[str]:
    rel = release(name)
    return [s.value for s in walk(rel, document) if s.type == "markdown"]


@pytest.mark.parametrize("name", RELEASES)
def test_markdown_fields_show_hostile_text_literally(name: str) -> None:
    document = render(odd_models()["hostile"], name)
    fields = markdown_fields(document, name)
    assert fields
    shown = []
    for text in fields:
        html = MARKDOWN.render(text)
        tree = etree.fromstring(f"<div>{html}</div>".encode(), etree.XMLParser(resolve_entities=False, no_network=True))
        assert {e.tag for e in tree.iter()} <= ALLOWED_MARKDOWN_TAGS, text
        shown.append("".join(tree.itertext()))
    assert any(HOSTILE in s for s in shown)
    if name == "r5":  # R4's DocumentReference.description, where the summary goes, is a plain string
        assert any("1. not a list" in s for s in shown)


def test_variant_branches() -> None:
    document = render(odd_models()["variant"], "r5")
    knowledge = document["entry"][0]["resource"]
    (supply,) = [e for e in knowledge["extension"] if e["url"] == extension_url("supply-status")]
    assert supply["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "100000072076"
    (provenance,) = entries(document, "Provenance")
    assert provenance["agent"][0]["who"] == {"type": "Practitioner", "display": "A. Reviewer"}
    products = entries(document, "MedicationKnowledge")[1:]
    assert all(len(p["definitional"]["ingredient"]) == 2 for p in products)
    # Each strength says which ingredient it measures: the second ingredient's amount is not stated.
    for p in products:
        baclofen, second = p["definitional"]["ingredient"]
        assert not {"strengthQuantity", "strengthRatio"} & set(second)
        stated = any(ch.isdigit() for ch in p["code"]["text"])  # the oral liquid has no strength in this variant
        assert bool({"strengthQuantity", "strengthRatio"} & set(baclofen)) == stated
    interaction = first(document, "ClinicalUseDefinition", lambda r: r["type"] == "interaction")
    assert interaction["interaction"]["type"]["coding"][0]["code"] == "drug-drug"
    article = [d for d in entries(document, "DocumentReference") if d["type"]["coding"][0]["code"] == "article"]
    assert len(article) == 1 and "custodian" not in article[0]


def test_hostile_text_survives_in_strings_and_narrative() -> None:
    document = render(odd_models()["hostile"], "r5")
    knowledge = document["entry"][0]["resource"]
    assert knowledge["code"]["text"] == HOSTILE
    assert HOSTILE in knowledge["name"]
    tree = etree.fromstring(knowledge["text"]["div"].encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    assert HOSTILE in "".join(tree.itertext())
    assert not tree.xpath("//*[local-name()='script']")


# ---------------------------------------------------------------- the checks catch what they should


def baclofen_r5() -> dict[str, Any]:
    return copy.deepcopy(rendered(ROOT / "source" / "baclofen.yaml", "r5"))


def first(document: dict[str, Any], kind: str, test: Callable[[dict[str, Any]], bool] = lambda r: True) -> dict[str, Any]:
    return next(e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind and test(e["resource"]))


def test_two_sub_structures_break_cud_1() -> None:
    document = baclofen_r5()
    use = first(document, "ClinicalUseDefinition", lambda r: r["type"] == "undesirable-effect")
    use["warning"] = {"description": "also a warning"}
    failures, _, _ = broken_invariants(release("r5"), document)
    assert any("cud-1" in f for f in failures)


def test_wrong_status_breaks_the_binding() -> None:
    document = baclofen_r5()
    document["entry"][0]["resource"]["status"] = "retired"
    assert any("medicationknowledge-status" in p for p in binding_problems(release("r5"), document))
    first(document, "ClinicalUseDefinition")["type"] = "side-effect"
    assert any("clinical-use-definition-type" in p for p in binding_problems(release("r5"), document))


def test_bad_language_breaks_the_grammar_binding() -> None:
    document = baclofen_r5()
    document["entry"][0]["resource"]["language"] = "english"
    assert any("all-languages" in p for p in binding_problems(release("r5"), document))


def test_dangling_and_mistyped_references_are_caught() -> None:
    document = baclofen_r5()
    knowledge = document["entry"][0]["resource"]
    knowledge["clinicalUseIssue"][0]["reference"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    knowledge["clinicalUseIssue"][1]["reference"] = document["entry"][0]["fullUrl"]
    knowledge["indicationGuideline"][0]["indication"][0]["reference"]["reference"] = document["entry"][-1]["fullUrl"]
    problems = reference_problems(release("r5"), document)
    assert any("does not resolve" in p for p in problems)
    assert any("clinicalUseIssue[1]: points at a MedicationKnowledge; allowed: ClinicalUseDefinition" in p for p in problems)
    assert any("indication[0].reference: points at a Provenance; allowed: ClinicalUseDefinition" in p for p in problems)


def test_duplicate_full_urls_break_bdl_7_and_missing_ones_bdl_15() -> None:
    document = baclofen_r5()
    document["entry"][1]["fullUrl"] = document["entry"][0]["fullUrl"]
    del document["entry"][2]["fullUrl"]
    failures, _, _ = broken_invariants(release("r5"), document)
    assert any("bdl-7" in f for f in failures)
    assert any("bdl-15" in f for f in failures)


def test_request_in_a_collection_breaks_bdl_3a() -> None:
    document = baclofen_r5()
    document["entry"][0]["request"] = {"method": "POST", "url": "MedicationKnowledge"}
    failures, _, _ = broken_invariants(release("r5"), document)
    assert any("bdl-3a" in f for f in failures)


def test_value_and_children_break_ext_1_and_empty_objects_ele_1() -> None:
    document = baclofen_r5()
    extension = document["entry"][1]["resource"]["extension"][0]
    assert "valueReference" in extension
    extension["extension"] = [{"url": "x", "valueString": "y"}]
    document["entry"][0]["resource"]["code"]["coding"].append({})
    failures, _, _ = broken_invariants(release("r5"), document)
    assert any("ext-1" in f for f in failures)
    assert any("ele-1" in f for f in failures)


def test_unsafe_narrative_breaks_txt_1() -> None:
    document = baclofen_r5()
    document["entry"][0]["resource"]["text"]["div"] = '<div xmlns="http://www.w3.org/1999/xhtml"><script>x()</script></div>'
    failures, _, _ = broken_invariants(release("r5"), document)
    assert any("txt-1" in f for f in failures)


def test_uncontained_reference_breaks_r4_dom_3_and_ref_1() -> None:
    document = render(odd_models()["minimal"], "r4")
    document["monograph"] = document["monograph"][:1]
    document["monograph"][0]["source"]["reference"] = "#nowhere"
    failures, _, _ = broken_invariants(release("r4"), document)
    assert any("dom-3" in f for f in failures)
    assert any("ref-1" in f for f in failures)


def test_unknown_elements_are_refused_by_every_structural_check() -> None:
    document = baclofen_r5()
    document["entry"][0]["resource"]["sideEffect"] = ["drowsiness"]
    assert list(release("r5").schema.iter_errors(document))
    with pytest.raises(AssertionError, match="sideEffect"):
        list(walk(release("r5"), document))
    with pytest.raises(ValueError):
        Bundle.model_validate(document)


def test_wrong_codes_from_hl7_code_systems_are_caught() -> None:
    document = baclofen_r5()
    use = first(document, "ClinicalUseDefinition", lambda r: r["type"] == "undesirable-effect")
    use["undesirableEffect"]["frequencyOfOccurrence"]["coding"][0]["code"] = "common"
    assert any("undesirable-effect-frequency" in p for p in coding_problems(release("r5"), document))


def test_undocumented_extension_is_caught() -> None:
    document = baclofen_r5()
    document["entry"][0]["resource"]["extension"].append({"url": extension_url("made-up"), "valueString": "x"})
    assert extension_problems(release("r5"), document)
