"""Rebuild the vendored FHIR definitions from the official packages (run by hand, not by the tests).

    python tests/data/fhir/extract.py /path/to/shared/fhir

Writes r5/definitions.json.gz and r4/definitions.json.gz: a Bundle (type collection)
of the StructureDefinitions the tests walk (the emitted resource types, their bases,
every base data type) with their narrative (`text`) removed, the ValueSets of every
required binding in them, the CodeSystems those ValueSets draw on, and the CodeSystems
of the HL7 codes the exporter writes. Everything else is byte-for-byte the package's
JSON content. Also copies the JSON Schemas (gzipped) and the XHTML schema.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).parent
RESOURCES = {
    "r5": ("Bundle", "MedicationKnowledge", "ClinicalUseDefinition", "DocumentReference", "Provenance", "Group", "Organization"),
    "r4": ("MedicationKnowledge", "DocumentReference", "Organization"),
}
BASES = ("Resource", "DomainResource")
EXTRA_CODE_SYSTEMS = (
    "http://hl7.org/fhir/undesirable-effect-frequency",
    "http://hl7.org/fhir/clinical-use-definition-category",
    "http://hl7.org/fhir/clinical-use-definition-type",
    "http://hl7.org/fhir/product-intended-use",
    "http://hl7.org/fhir/interaction-type",
    "http://hl7.org/fhir/legal-status-of-supply",
    "http://hl7.org/fhir/publication-status",
)


def r5_resources(shared: Path) -> list[dict]:
    out = []
    with tarfile.open(shared / "packages" / "hl7.fhir.r5.core-5.0.0.tgz") as tar:
        for member in tar.getmembers():
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and name.split("-", 1)[0] in ("StructureDefinition", "ValueSet", "CodeSystem") and name.endswith(".json"):
                out.append(json.load(tar.extractfile(member)))
    return out


def r4_resources(shared: Path) -> list[dict]:
    with gzip.open(shared / "packages" / "hl7.fhir.r4.core-4.0.1-definitions.json.gz") as f:
        return [e["resource"] for e in json.load(f)["entry"]]


def select(resources: list[dict], release: str) -> dict:
    sds = {r["id"]: r for r in resources if r["resourceType"] == "StructureDefinition"}
    value_sets = {r["url"]: r for r in resources if r["resourceType"] == "ValueSet"}
    code_systems = {r["url"]: r for r in resources if r["resourceType"] == "CodeSystem"}
    chosen = [
        sd for sd in sds.values()
        if sd["id"] in RESOURCES[release] or sd["id"] in BASES
        or (sd.get("kind") in ("complex-type", "primitive-type") and sd.get("derivation") == "specialization")
    ]
    needed_sets: list[str] = []
    for sd in chosen:
        for element in sd["snapshot"]["element"]:
            binding = element.get("binding", {})
            if binding.get("strength") == "required" and "valueSet" in binding:
                needed_sets.append(binding["valueSet"].split("|")[0])
    sets: dict[str, dict] = {}
    systems: dict[str, dict] = {}
    while needed_sets:
        url = needed_sets.pop()
        if url in sets or url not in value_sets:
            continue
        sets[url] = value_sets[url]
        for part in (*sets[url].get("compose", {}).get("include", ()), *sets[url].get("compose", {}).get("exclude", ())):
            needed_sets.extend(v.split("|")[0] for v in part.get("valueSet", ()))
            if part.get("system") in code_systems:
                systems[part["system"]] = code_systems[part["system"]]
    for url in EXTRA_CODE_SYSTEMS:
        if url in code_systems:
            systems[url] = code_systems[url]
    entries = []
    for resource in [*sorted(chosen, key=lambda r: r["id"]), *sorted(sets.values(), key=lambda r: r["url"]),
                     *sorted(systems.values(), key=lambda r: r["url"])]:
        resource = {k: v for k, v in resource.items() if k != "text"}
        entries.append({"fullUrl": resource["url"], "resource": resource})
    return {"resourceType": "Bundle", "id": f"definitions-{release}", "type": "collection", "entry": entries}


def write_gzip(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(data)


def main(shared: Path) -> None:
    for release, resources in (("r5", r5_resources(shared)), ("r4", r4_resources(shared))):
        bundle = select(resources, release)
        write_gzip(HERE / release / "definitions.json.gz", json.dumps(bundle, ensure_ascii=False).encode())
        write_gzip(HERE / release / "fhir.schema.json.gz", (shared / release / "fhir.schema.json").read_bytes())
    (HERE / "xhtml").mkdir(exist_ok=True)
    for name in ("fhir-xhtml.xsd", "xml.xsd"):
        shutil.copyfile(shared / "r5" / "xsd" / name, HERE / "xhtml" / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
