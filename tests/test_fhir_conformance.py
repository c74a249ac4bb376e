"""The FHIR conformance package (OUT/fhir/package.tgz): valid FHIR, complete for the output, deterministic, configurable.

Its resources are checked by the official FHIR JSON Schema of each release
(tests/data/fhir, see its README for where it comes from and its licence) and by
the ``fhir.resources`` models (R5; R4B for R4, whose conformance resources have
the same elements). Completeness is checked on the bundled monographs as
``monograph build`` writes them: every extension URL under the project's base
has a StructureDefinition in the package of that release that allows the
element it sits on, its parts and value types; every project code is in its
CodeSystem with the display the output gives it. HL7's own validator runs over
the same files in test_hl7_validator.py.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from fhir.resources.codesystem import CodeSystem
from fhir.resources.R4B.codesystem import CodeSystem as CodeSystemR4
from fhir.resources.R4B.structuredefinition import StructureDefinition as StructureDefinitionR4
from fhir.resources.R4B.valueset import ValueSet as ValueSetR4
from fhir.resources.structuredefinition import StructureDefinition
from fhir.resources.valueset import ValueSet
from jsonschema import Draft6Validator
from monograph import api
from monograph.corpuspaths import FHIR_PACKAGE_FILE
from monograph.formats.fhir.conformance import PACKAGE_DATE, package_bytes, package_name
from monograph.formats.fhir.extensions import CODE_SYSTEMS, EXTENSIONS
from monograph.formats.fhir.vocabulary import PROJECT_BASE
from monograph.project import ConfigError, Project
from monograph.schema import source_schema
from test_fhir_scoping import full, render

DATA = Path(__file__).parent / "data" / "fhir"
RELEASES = ("r5", "r4")
MODELS = {
    "r5": {"StructureDefinition": StructureDefinition, "CodeSystem": CodeSystem, "ValueSet": ValueSet},
    "r4": {"StructureDefinition": StructureDefinitionR4, "CodeSystem": CodeSystemR4, "ValueSet": ValueSetR4},
}


def read_json_gz(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@cache
def schema(release: str) -> Draft6Validator:
    return Draft6Validator(read_json_gz(DATA / release / "fhir.schema.json.gz"))


def members(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {m.name: archive.extractfile(m).read() for m in archive.getmembers()}  # type: ignore[union-attr]


@cache
def built(release: str) -> Path:
    """The bundled monographs built into a fresh folder (one per release, kept for the session)."""
    import tempfile

    out = Path(tempfile.mkdtemp(prefix=f"fhir-package-{release}-")) / "dist"
    report = api.build(REPO / "source", out, formats=("fhir",), jobs=1, project=Project(folder=REPO), fhir_release=release)
    assert report.ok, report.problems
    return out


def package(release: str) -> dict[str, Any]:
    """The package the build wrote: its resources by URL, and package.json."""
    files = members((built(release) / FHIR_PACKAGE_FILE).read_bytes())
    resources = [json.loads(data) for name, data in files.items() if name.rsplit("/", 1)[1][:1].isupper()]
    return {"manifest": json.loads(files["package/package.json"]), "index": json.loads(files["package/.index.json"]),
            "resources": {r["url"]: r for r in resources}, "names": sorted(files)}


def outputs(release: str) -> list[dict[str, Any]]:
    """The built bundled monographs, and test_fhir_scoping's full fixture, which fills in every schema 2.0 field."""
    bundled = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((built(release) / "fhir").glob("*.json"))]
    return [*bundled, render(full(), release)]


def walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(FHIRPath-like path without indexes, object) for every object in a resource, resources named by their type."""
    if isinstance(value, list):
        for item in value:
            yield from walk(item, path)
    elif isinstance(value, dict):
        here = value["resourceType"] if "resourceType" in value else path
        yield here, value
        for key, item in value.items():
            yield from walk(item, f"{here}.{key}")


# ---------------------------------------------------------------- valid FHIR


@pytest.mark.parametrize("release", RELEASES)
def test_every_resource_of_the_package_is_valid_fhir(release: str) -> None:
    resources = package(release)["resources"].values()
    assert {r["resourceType"] for r in resources} == {"StructureDefinition", "CodeSystem", "ValueSet"}
    for resource in resources:
        errors = [f"{resource['url']}: {e.message}" for e in schema(release).iter_errors(resource)]
        assert errors == []
        MODELS[release][resource["resourceType"]].model_validate(resource)


@pytest.mark.parametrize("release", RELEASES)
def test_package_json_and_index_say_what_fhir_tools_read(release: str) -> None:
    found = package(release)
    manifest = found["manifest"]
    version = {"r5": "5.0.0", "r4": "4.0.1"}[release]
    assert manifest["name"] == f"dev.monograph.fhir.{release}"
    assert manifest["fhirVersions"] == [version]
    assert manifest["dependencies"] == {f"hl7.fhir.{release}.core": version}
    assert manifest["canonical"] == PROJECT_BASE
    indexed = {entry["filename"]: entry for entry in found["index"]["files"]}
    assert sorted(f"package/{name}" for name in indexed) == [n for n in found["names"] if n.rsplit("/", 1)[1][:1].isupper()]
    for entry in indexed.values():
        assert found["resources"][entry["url"]]["id"] == entry["id"]
        assert entry["filename"] == f"{entry['resourceType']}-{entry['id']}.json"
    for resource in found["resources"].values():
        if resource["resourceType"] == "StructureDefinition":
            assert resource["fhirVersion"] == version


# ---------------------------------------------------------------- complete for the output


def allowed_at(context: str, path: str) -> bool:
    return context == "Element" or path == context


@pytest.mark.parametrize("release", RELEASES)
def test_every_extension_the_output_uses_is_defined_in_the_package(release: str) -> None:
    definitions = package(release)["resources"]
    problems, seen = [], set()
    for document in outputs(release):
        for path, node in walk(document):
            for extension in node.get("extension", ()) if isinstance(node, dict) else ():
                url = extension["url"]
                if not url.startswith(PROJECT_BASE + "/"):
                    continue
                seen.add(url)
                definition = definitions.get(url)
                if definition is None:
                    problems.append(f"{path}: {url} has no StructureDefinition in the {release} package")
                    continue
                contexts = [c["expression"] for c in definition["context"]]
                if not any(allowed_at(c, path) for c in contexts):
                    problems.append(f"{path}: {url} is defined for {contexts} only")
                problems += value_problems(definition, extension, path)
    assert problems == []
    assert seen, "the bundled monographs use no project extension: the test proves nothing"


@pytest.mark.parametrize("release", RELEASES)
def test_every_extension_the_package_defines_is_used_by_the_bundled_output(release: str) -> None:
    """So HL7's validator (test_hl7_validator.py) builds every definition: one it cannot build aborts its whole run,
    but only when an instance uses it. A new extension needs a bundled monograph, or test_fhir_scoping's full
    fixture, that uses it."""
    defined = {url for url, r in package(release)["resources"].items() if r["resourceType"] == "StructureDefinition"}
    used = {e["url"] for document in outputs(release) for _, node in walk(document)
            for e in node.get("extension", ()) if isinstance(node, dict)}
    assert sorted(defined - used) == []


def value_problems(definition: dict[str, Any], extension: dict[str, Any], path: str) -> list[str]:
    """Each part, and each value, of a use of the extension as its differential allows them."""
    elements = {e["id"]: e for e in definition["differential"]["element"]}

    def check(node: dict[str, Any], prefix: str) -> list[str]:
        found = []
        value_keys = [k for k in node if k.startswith("value")]
        value = elements.get(f"{prefix}.value[x]", {})
        allowed = {"value" + t["code"][0].upper() + t["code"][1:] for t in value.get("type", ())}
        if value_keys and not set(value_keys) <= allowed:
            found.append(f"{path}: {definition['url']} {prefix}: {value_keys} is not one of {sorted(allowed)}")
        for part in node.get("extension", ()) if "url" in node else ():
            slice_id = f"{prefix}.extension:{part['url']}"
            if slice_id not in elements:
                found.append(f"{path}: {definition['url']} has no part {part['url']!r}")
            else:
                found += check(part, slice_id)
        return found

    return check(extension, "Extension")


@pytest.mark.parametrize("release", RELEASES)
def test_every_project_code_the_output_uses_is_in_its_code_system(release: str) -> None:
    systems = {r["url"]: r for r in package(release)["resources"].values() if r["resourceType"] == "CodeSystem"}
    problems, seen = [], set()
    for document in outputs(release):
        for path, node in walk(document):
            system = node.get("system") if isinstance(node, dict) and "code" in node else None
            if not isinstance(system, str) or not system.startswith(PROJECT_BASE + "/CodeSystem/"):
                continue
            seen.add(system)
            if system not in systems:
                problems.append(f"{path}: {system} is not in the {release} package")
                continue
            displays = {c["code"]: c["display"] for c in systems[system]["concept"]}
            if node["code"] not in displays:
                problems.append(f"{path}: {node['code']!r} is not a code of {system}")
            elif node.get("display") not in (None, displays[node["code"]]):
                problems.append(f"{path}: display {node['display']!r} is not {displays[node['code']]!r}")
    assert problems == []
    assert seen


def test_a_bound_value_uses_a_value_set_of_the_package() -> None:
    for release in RELEASES:
        resources = package(release)["resources"]
        bound = [e["binding"]["valueSet"] for r in resources.values() if r["resourceType"] == "StructureDefinition"
                 for e in r["differential"]["element"] if "binding" in e]
        assert bound and all(url in resources and resources[url]["resourceType"] == "ValueSet" for url in bound)


def schema_enum(*path: str) -> set[str]:
    node: Any = source_schema()
    for key in path:
        node = node[key]
    return set(node["enum"])


def test_the_code_systems_hold_every_value_the_schema_allows() -> None:
    """A new kind in the schema is a new code: it fails here until its CodeSystem entry (and display) exists."""
    codes = {name: {c.code for c in system.concepts} for name, system in CODE_SYSTEMS.items()}
    items = ("properties", "items", "items", "properties")
    assert codes["precaution-kind"] == schema_enum("properties", "precautions", *items, "kind", )
    assert codes["advice-topic"] == schema_enum("properties", "advice", *items, "topic")
    interactant = schema_enum("properties", "precautions", *items, "interactants", "items", "properties", "kind")
    assert codes["interactant-kind"] == interactant
    assert codes["document-kind"] == schema_enum("properties", "citations", "items", "properties", "kind") | {
        "patient-monograph"}


def test_r4_output_uses_no_hl7_code_system_that_r4_lacks() -> None:
    r4_systems = {e["resource"]["url"] for e in read_json_gz(DATA / "r4" / "definitions.json.gz")["entry"]
                  if e["resource"]["resourceType"] == "CodeSystem"}
    r5_systems = {e["resource"]["url"] for e in read_json_gz(DATA / "r5" / "definitions.json.gz")["entry"]
                  if e["resource"]["resourceType"] == "CodeSystem"}
    used = {node["system"] for document in outputs("r4") for _, node in walk(document)
            if isinstance(node.get("system"), str) and "code" in node}
    # The extraction holds only the code systems of R4's required bindings; administrative-gender is in R4 core too
    # (Patient.gender), as HL7's validator, which loads the whole of R4 core, confirms (test_hl7_validator.py).
    r4_systems |= {"http://hl7.org/fhir/administrative-gender"}
    assert not {s for s in used if s.startswith("http://hl7.org/fhir/")} - r4_systems
    assert not used & (r5_systems - r4_systems)


# ---------------------------------------------------------------- deterministic, and the build's


def test_the_package_is_the_same_bytes_every_time() -> None:
    for release in RELEASES:
        data = package_bytes(release)
        assert data == package_bytes(release)
        assert data[4:8] == b"\0\0\0\0"  # the gzip header's time
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            infos = archive.getmembers()
        assert [i.name for i in infos] == sorted(i.name for i in infos)
        assert {(i.mtime, i.uid, i.gid, i.uname, i.gname, i.mode) for i in infos} == {(PACKAGE_DATE, 0, 0, "", "", 0o644)}
        assert (built(release) / FHIR_PACKAGE_FILE).read_bytes() == data


def test_a_build_lists_the_package_in_its_manifest_and_removes_it_when_it_stops_making_fhir(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    api.build(REPO / "source", out, jobs=1, project=Project(folder=REPO))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert FHIR_PACKAGE_FILE in [entry["path"] for entry in manifest["corpus_outputs"]]
    api.build(REPO / "source", out, jobs=1, project=Project(folder=REPO), fhir_release="r4")
    assert members((out / FHIR_PACKAGE_FILE).read_bytes())["package/package.json"] == members(package_bytes("r4"))[
        "package/package.json"]
    api.build(REPO / "source", out, formats=("html",), jobs=1, project=Project(folder=REPO))
    assert not (out / FHIR_PACKAGE_FILE).exists()


def test_the_canonical_base_comes_from_monograph_toml(tmp_path: Path) -> None:
    base = "https://fhir.example.org/monographs"
    (tmp_path / "monograph.toml").write_text(f'[fhir]\ncanonical = "{base}"\n', encoding="utf-8")
    project = Project.load(tmp_path)
    out = tmp_path / "dist"
    assert api.build(REPO / "source", out, formats=("fhir",), jobs=1, project=project, fhir_release="r4").ok
    files = members((out / FHIR_PACKAGE_FILE).read_bytes())
    assert json.loads(files["package/package.json"])["name"] == package_name(base, "r4") == "org.example.fhir.monographs.r4"
    assert all(PROJECT_BASE not in data.decode() for data in files.values())
    document = (out / "fhir" / "baclofen.json").read_text(encoding="utf-8")
    assert PROJECT_BASE + "/" not in document
    assert f"{base}/StructureDefinition/clinical-use-issue" in document
    assert f"{base}/CodeSystem/precaution-kind" in document
    assert "https://example.org/drugs/baclofen" in document  # a page's address is not a project URL
    assert api.export(REPO / "source" / "baclofen.yaml", "fhir", project=project) == api.export(
        REPO / "source" / "baclofen.yaml", "fhir", fhir_canonical=base)


@pytest.mark.parametrize("value", ["http://fhir.example.org/x/", "ftp://fhir.example.org", "https://fhir.example.org/a?b"])
def test_a_bad_canonical_base_is_refused_where_it_is_written(tmp_path: Path, value: str) -> None:
    (tmp_path / "monograph.toml").write_text(f'[feed]\ntitle = "x"\n\n[fhir]\ncanonical = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Project.load(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path / 'monograph.toml'}:5: [fhir] canonical is not a canonical base URL")


def test_an_unknown_fhir_setting_is_refused(tmp_path: Path) -> None:
    (tmp_path / "monograph.toml").write_text('[fhir]\ncanonical = "https://fhir.example.org"\nbase = "x"\n',
                                             encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        Project.load(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'monograph.toml'}:3: [fhir] takes only a text value for canonical; found 'base'"


def test_every_extension_and_code_system_is_documented_and_linked() -> None:
    page = (REPO / "docs" / "fhir-package.md").read_text(encoding="utf-8")
    mapping = (REPO / "docs" / "mapping.md").read_text(encoding="utf-8")
    for name, definition in EXTENSIONS.items():
        assert f"\n### {name}\n" in page and f"`{definition.url}`" in page
        assert f"[`{definition.url}`](fhir-package.md#{name})" in mapping, f"docs/mapping.md does not link {name}"
    for name in CODE_SYSTEMS:
        assert f"\n### CodeSystem {name}\n" in page


def test_monograph_writes_the_package_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from monograph.cli import main

    target = tmp_path / "package.tgz"
    assert main(["fhir-package", "-o", str(target), "--fhir-release", "r4"]) == 0
    assert target.read_bytes() == package_bytes("r4") == api.fhir_package(fhir_release="r4", project=Project(folder=REPO))
    assert main(["fhir-package", "-o", str(target), "--fhir-canonical", "fhir.example.org"]) == 2
    assert "fhir_canonical: is not a canonical base URL" in capsys.readouterr().err
