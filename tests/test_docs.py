"""The generated documentation stays honest: it matches the code, and every field has a home in every format."""

from __future__ import annotations

import pytest
from conftest import REPO
from monograph.docs import GENERATED, landing, stale_docs
from monograph.fields import field_paths
from monograph.registry import exporters


def test_the_committed_docs_match_what_the_code_generates() -> None:
    stale = [p.name for p in stale_docs(REPO / "docs")]
    assert stale == [], f"{stale} are out of date: run 'monograph docs' and commit the result"
    assert set(GENERATED) == {"fields.md", "mapping.md", "rules.md", "fhir-package.md"}


COLUMNS = [(name, title, mapping) for name, e in exporters().items() for title, mapping in e.mapping.items()]


@pytest.mark.parametrize(("name", "title", "mapping"), COLUMNS, ids=[title for _, title, _ in COLUMNS])
def test_every_field_lands_somewhere_in_every_format(name: str, title: str, mapping: dict[str, str]) -> None:
    paths = field_paths()
    assert [p for p in paths if not landing(p, mapping)] == []
    assert [key for key in mapping if key not in paths] == [], "mapping keys name real fields"


def test_the_mapping_has_the_columns_the_issue_asks_for() -> None:
    titles = [title for _, title, _ in COLUMNS]
    assert {"JSON-LD", "FHIR R5", "FHIR R4", "XML"} <= set(titles)


def test_every_field_is_in_the_reference() -> None:
    text = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    for path in field_paths():
        assert f"`{path}`" in text
