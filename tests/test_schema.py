"""The monograph schema itself: valid 2020-12, documented, and agreed on by both validators."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from conftest import REPO, SOURCES
from monograph.schema import source_schema as schema


def test_the_schema_passes_the_2020_12_metaschema() -> None:
    document = schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


def test_the_schema_id_is_versioned() -> None:
    document = schema()
    assert document["$id"].endswith(f"/{document['x-schema-version']}/monograph.schema.json")


def test_the_package_reads_the_file_in_schema_folder() -> None:
    assert schema() == json.loads((REPO / "schema" / "monograph.schema.json").read_text(encoding="utf-8"))


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            yield f"{path}/{name}", child
        for key, child in node.items():
            if key not in ("properties", "if", "then", "else", "not"):  # conditions, not field definitions
                yield from _properties(child, f"{path}/{key}")
        for name, child in node.get("properties", {}).items():
            yield from _properties(child, f"{path}/{name}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _properties(child, f"{path}/{index}")


def test_every_property_has_a_title_and_a_description() -> None:
    missing = [path for path, prop in _properties(schema()) if not prop.get("title") or not prop.get("description")]
    assert missing == []


def test_unknown_keys_are_refused_everywhere() -> None:
    def objects(node: Any) -> Iterator[dict[str, Any]]:
        if isinstance(node, dict):
            if node.get("type") == "object" or "object" in (node.get("type") or []):
                yield node
            # An `if` only asks which shape a value has (one route or a list of them); it accepts nothing itself.
            for key, child in node.items():
                if key != "if":
                    yield from objects(child)
        elif isinstance(node, list):
            for child in node:
                yield from objects(child)

    def refuses(node: dict[str, Any]) -> bool:
        # A mapping that takes its fields from a definition refuses through it: by $ref (boxed_warning), or by the
        # `then` of an `if` that tells a mapping from a list (a form's route).
        reference = node.get("$ref") or node.get("then", {}).get("$ref")
        target = schema()["$defs"][reference.rsplit("/", 1)[1]] if reference else {}
        return node.get("additionalProperties") is False or target.get("additionalProperties") is False

    found = list(objects(schema()))
    assert found and all(refuses(o) for o in found)


def test_every_example_is_valid_for_its_property() -> None:
    document = schema()
    for path, prop in _properties(document):
        sub = dict(prop, **{"$defs": document["$defs"]})
        for example in prop.get("examples", []):
            assert jsonschema.Draft202012Validator(sub).is_valid(example), (path, example)


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_both_validators_accept_the_bundled_monographs(path: Path) -> None:
    from monograph.loader import load_file

    document, problems = load_file(path)
    assert document is not None and problems == []
    assert jsonschema_rs.validator_for(schema()).is_valid(document.data)
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(document.data)) == []


def test_both_validators_agree_on_the_bad_input_corpus() -> None:
    from monograph.loader import load_file

    fast = jsonschema_rs.validator_for(schema())
    full = jsonschema.Draft202012Validator(schema())
    for source in sorted((Path(__file__).parent / "cases" / "invalid").glob("*/*.yaml")):
        document, problems = load_file(source)
        if any("(not a number)" in p.message for p in problems):
            continue  # python-jsonschema compares NaN false with every bound and lets it by; the loader refuses it
        if document is not None:
            assert fast.is_valid(document.data) == full.is_valid(document.data), source.parent.name
