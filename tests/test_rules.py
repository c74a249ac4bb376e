"""Every rule is documented where it lives, and every content rule's examples do what its docstring says."""

from __future__ import annotations

import re
from typing import Any

import pytest
from monograph.loader import load_bytes
from monograph.rules import CONTENT_RULES, RULES, CheckContext, Rule
from support import TODAY, baclofen_data

_FILE_NOTE = re.compile(r"#\s*in (\S+)\.yaml")


def base_data() -> dict[str, Any]:
    """A valid monograph with nothing that refers to anything, so an example's own fields decide."""
    data = baclofen_data()
    for name in ("brands", "mechanism", "side_effects", "boxed_warning", "precautions", "advice"):
        data.pop(name)
    for section in ("ingredients", "indications", "forms"):
        data[section].pop("cites", None)
    data["citations"] = []
    return data


def findings(rule: Rule, example: str) -> list[tuple[str, str]]:
    note = _FILE_NOTE.search(example)
    data = base_data()
    document, problems = load_bytes("example.yaml", example.encode("utf-8"))  # YAML 1.2, as monographs are read
    assert document is not None and problems == [], problems
    data.update(document.data)
    assert rule.check is not None
    return list(rule.check(data, CheckContext(note.group(1) if note else "baclofen", TODAY)))


def test_every_rule_has_a_summary_an_explanation_and_examples() -> None:
    for rule in RULES.values():
        assert rule.summary.endswith(".") and len(rule.summary) < 80, rule.id
        assert len(rule.explanation) > 40, rule.id
        assert rule.passing and rule.failing, rule.id


@pytest.mark.parametrize("rule", CONTENT_RULES, ids=[r.id for r in CONTENT_RULES])
def test_the_passing_example_passes_and_the_failing_one_fails(rule: Rule) -> None:
    assert findings(rule, rule.passing) == []
    assert findings(rule, rule.failing) != []


def test_the_base_of_the_examples_passes_every_rule() -> None:
    data = base_data()
    for rule in CONTENT_RULES:
        assert rule.check is not None
        assert list(rule.check(data, CheckContext("baclofen", TODAY))) == [], rule.id
