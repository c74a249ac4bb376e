"""The FHIR conformance package: what a FHIR tool needs to understand the extensions and codes of our output.

One package per release (``dev.monograph.fhir.r5``, ``dev.monograph.fhir.r4``), as
an NPM-style FHIR package (``package/package.json``, ``package/.index.json`` and
one JSON file per resource): a StructureDefinition for every extension the release
uses, and a CodeSystem and a ValueSet (all its codes) for every project code
system. All of it is made from the entries of extensions.py, which the emitters
use too, so the package and the output cannot drift. The two releases need two
packages because the same extension sits on different elements in each, and
HL7's validator applies a package to whichever release it is loaded into.

The canonical base (``[fhir] canonical`` in monograph.toml) is the root of every
URL, so a publisher's package carries the publisher's URLs; the output is
rebased to the same root (``rebase``). The archive is deterministic: sorted
entries, a fixed date, no owner, and a gzip header without a name or time.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
from html import escape
from typing import Any
from urllib.parse import urlsplit

from ... import __version__
from .extensions import CODE_SYSTEMS, EXTENSIONS, CodeSystemDefinition, Element, ExtensionDefinition
from .vocabulary import PROJECT_BASE

FHIR_VERSIONS = {"r5": "5.0.0", "r4": "4.0.1"}
CORE_PACKAGES = {"r5": "hl7.fhir.r5.core", "r4": "hl7.fhir.r4.core"}
STRUCTURE = "http://hl7.org/fhir/StructureDefinition/"
PACKAGE_FILE = "fhir/package.tgz"
"""Where ``monograph build`` writes the package, inside OUT."""
PACKAGE_DATE = 499162500
"""The modification time of every archive member (1985-10-26, the fixed date ``npm pack`` uses too)."""


def package_name(base: str, release: str) -> str:
    """The package's NPM name, from the canonical base: ``https://monograph.dev/fhir`` -> ``dev.monograph.fhir.r5``."""
    parts = urlsplit(base)
    labels = [*reversed((parts.hostname or "").split(".")), *(p for p in parts.path.split("/") if p)]
    name = ".".join(re.sub(r"[^a-z0-9-]+", "-", label.lower()).strip("-") for label in labels)
    return f"{name}.{release}"


def _narrative(text: str) -> dict[str, str]:
    return {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{escape(text)}</p></div>'}


def _pascal(name: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.split(r"[^A-Za-z0-9]+", name))


def _head(resource_type: str, name: str, title: str, description: str, base: str) -> dict[str, Any]:
    return {
        "resourceType": resource_type,
        "id": name,
        "text": _narrative(f"{title}: {description}"),
        "url": f"{base}/{resource_type}/{name}",
        "version": __version__,
        "name": _pascal(name),
        "title": title,
        "status": "active",
        "experimental": False,
        "publisher": "monograph",
        "description": description,
    }


def structure_definition(definition: ExtensionDefinition, release: str, base: str) -> dict[str, Any]:
    """The StructureDefinition of one extension for one release: a differential on Extension (no snapshot)."""
    url = f"{base}/StructureDefinition/{definition.name}"
    return {
        **_head("StructureDefinition", definition.name, definition.title, definition.element.definition, base),
        "fhirVersion": FHIR_VERSIONS[release],
        "kind": "complex-type",
        "abstract": False,
        "context": [{"type": "element", "expression": path} for path in definition.contexts[release]],
        "type": "Extension",
        "baseDefinition": STRUCTURE + "Extension",
        "derivation": "constraint",
        "differential": {"element": _elements(definition.element, "Extension", "Extension", url, base, root=True)},
    }


def _elements(element: Element, id_: str, path: str, url: str, base: str, root: bool = False) -> list[dict[str, Any]]:
    """The differential of ``element`` at ``id_``/``path``: itself, its parts, its url and its value[x]."""
    head: dict[str, Any] = {"id": id_, "path": path}
    if not root:
        head["sliceName"] = element.name
    head.update(short=element.short, definition=element.definition, min=element.min, max=element.max)
    out = [head]
    if element.parts:
        out.append({"id": f"{id_}.extension", "path": f"{path}.extension", "min": 0})
        for part in element.parts:
            out += _elements(part, f"{id_}.extension:{part.name}", f"{path}.extension", part.name, base)
    else:
        out.append({"id": f"{id_}.extension", "path": f"{path}.extension", "max": "0"})
    out.append({"id": f"{id_}.url", "path": f"{path}.url", "fixedUri": url})
    value: dict[str, Any] = {"id": f"{id_}.value[x]", "path": f"{path}.value[x]"}
    if element.parts:
        value["max"] = "0"
    else:
        value["min"] = 1
        value["type"] = [_type(code, element.targets) for code in element.types]
        if element.binding is not None:
            value["binding"] = {"strength": "required", "valueSet": f"{base}/ValueSet/{element.binding}"}
    out.append(value)
    return out


def _type(code: str, targets: tuple[str, ...]) -> dict[str, Any]:
    if code == "Reference" and targets:
        return {"code": code, "targetProfile": [STRUCTURE + t for t in targets]}
    return {"code": code}


def code_system(definition: CodeSystemDefinition, base: str) -> dict[str, Any]:
    return {
        **_head("CodeSystem", definition.name, definition.title, definition.description, base),
        "caseSensitive": True,
        "valueSet": f"{base}/ValueSet/{definition.name}",
        "content": "complete",
        "count": len(definition.concepts),
        "concept": [{"code": c.code, "display": c.display, "definition": c.definition} for c in definition.concepts],
    }


def value_set(definition: CodeSystemDefinition, base: str) -> dict[str, Any]:
    return {
        **_head("ValueSet", definition.name, definition.title, f"Every code of the {definition.title} code system.",
                base),
        "compose": {"include": [{"system": f"{base}/CodeSystem/{definition.name}"}]},
    }


def resources(release: str, base: str = PROJECT_BASE) -> list[dict[str, Any]]:
    """Every resource of the release's package, in a fixed order."""
    return [
        *(structure_definition(d, release, base) for d in EXTENSIONS.values() if release in d.contexts),
        *(code_system(c, base) for c in CODE_SYSTEMS.values()),
        *(value_set(c, base) for c in CODE_SYSTEMS.values()),
    ]


def manifest(release: str, base: str) -> dict[str, Any]:
    """``package/package.json``."""
    version = FHIR_VERSIONS[release]
    return {
        "name": package_name(base, release),
        "version": __version__,
        "canonical": base,
        "url": base,
        "title": f"Drug monograph extensions and code systems (FHIR {release.upper()})",
        "description": f"The StructureDefinitions, CodeSystems and ValueSets of the FHIR {version} output of monograph "
                       "(drug monographs as MedicationKnowledge).",
        "fhirVersions": [version],
        "dependencies": {CORE_PACKAGES[release]: version},
        "type": "IG",
        "author": "monograph",
        "license": "CC0-1.0",
    }


def _file_name(resource: dict[str, Any]) -> str:
    return f"{resource['resourceType']}-{resource['id']}.json"


def index(items: list[dict[str, Any]]) -> dict[str, Any]:
    """``package/.index.json``: what each file holds, so a tool need not open them all."""
    files = []
    for resource in sorted(items, key=_file_name):
        entry = {"filename": _file_name(resource), "resourceType": resource["resourceType"], "id": resource["id"],
                 "url": resource["url"], "version": resource["version"]}
        entry.update({key: resource[key] for key in ("kind", "type", "derivation") if key in resource})
        files.append(entry)
    return {"index-version": 2, "files": files}


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def package_files(release: str, base: str = PROJECT_BASE) -> dict[str, bytes]:
    """The archive's members by path (``package/...``)."""
    items = resources(release, base)
    files = {"package/package.json": _json(manifest(release, base)), "package/.index.json": _json(index(items))}
    files.update({f"package/{_file_name(r)}": _json(r) for r in items})
    return files


def package_bytes(release: str, base: str = PROJECT_BASE) -> bytes:
    """The package as a .tgz, the same bytes for the same release, base and tool version."""
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as zipped:
        with tarfile.open(fileobj=zipped, mode="w", format=tarfile.USTAR_FORMAT) as archive:
            for path, data in sorted(package_files(release, base).items()):
                member = tarfile.TarInfo(path)
                member.size, member.mtime, member.mode = len(data), PACKAGE_DATE, 0o644
                archive.addfile(member, io.BytesIO(data))
    return raw.getvalue()


def rebase(document: Any, base: str) -> Any:
    """``document`` with the project's URLs (extensions, code systems, identifier systems) under ``base`` instead."""
    if base == PROJECT_BASE:
        return document
    old = PROJECT_BASE + "/"
    return _rebased(document, old, base.rstrip("/") + "/")


def _rebased(value: Any, old: str, new: str) -> Any:
    if isinstance(value, list):  # datatypes.Compacted objects and lists too
        return [_rebased(item, old, new) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _rebased(item, old, new) for key, item in value.items()}
    for key in ("url", "system"):
        text = value.get(key)
        if type(text) is str and text.startswith(old) and (key == "system" or _is_extension(value)):
            out[key] = new + text[len(old):]
    return out


def _is_extension(value: dict[str, Any]) -> bool:
    """Whether an object with a ``url`` is an extension (an Attachment's url is an address, and is left alone)."""
    return all(key == "url" or key == "extension" or key.startswith("value") for key in value)
