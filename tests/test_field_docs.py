"""docs/fields.md: a whole annotated example at the top that validates, conditional requirements stated, and each
mapping given once (a sub-field that lands with its parent says so instead of repeating the text)."""

from __future__ import annotations

import re

from monograph.docs import example_monograph, field_reference
from monograph.loader import load_bytes
from monograph.project import Project
from monograph.validation import validate_document


def test_the_example_at_the_top_is_a_valid_monograph() -> None:
    document, problems = load_bytes("baclofen.yaml", example_monograph().encode("utf-8"))
    assert document is not None and problems == []
    result = validate_document(document, Project())
    assert result.ok, result.problems
    reference = field_reference()
    assert reference.index("## A whole monograph") < reference.index("## `schema_version`")
    assert "    - kind: interaction              # an interaction needs interactants" in reference


def test_conditional_requirements_are_stated() -> None:
    reference = field_reference()
    for path, required in (("precautions.items.interactants", "when `kind` is `interaction`"),
                           ("drug.supply.schedule", "when `status` is `controlled`"),
                           ("dosing.items.steps.period", "when `times` is given"),
                           ("storage.items.temperature.min", "yes, unless `max` is given")):
        entry = reference.split(f"### `{path}`\n", 1)[1].split("\n### ", 1)[0]
        assert f"- Required: {required}\n" in entry, (path, entry)


def test_no_mapping_text_is_repeated_under_a_sub_field() -> None:
    reference = field_reference()
    entries = dict(re.findall(r"^##+ `([^`]+)`\n(.*?)(?=^##+ `|\Z)", reference, re.MULTILINE | re.DOTALL))
    for path, entry in entries.items():
        parent = path.rpartition(".")[0]
        if parent not in entries:
            continue
        mine = set(re.findall(r"^- (FHIR R5|FHIR R4|HTML|JSON-LD|XML): (.*)$", entry, re.MULTILINE))
        theirs = set(re.findall(r"^- (FHIR R5|FHIR R4|HTML|JSON-LD|XML): (.*)$", entries[parent], re.MULTILINE))
        assert not mine & theirs, (path, mine & theirs)
