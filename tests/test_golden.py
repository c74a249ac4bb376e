"""Golden files: every monograph in source/, in every format, compared byte for byte.

Regenerate on purpose only: MONOGRAPH_REGENERATE=1 pytest tests/test_golden.py,
then read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SOURCES, compare_or_regenerate, load_model
from monograph.api import export
from monograph.model import Monograph
from monograph.project import Project

GOLDEN = Path(__file__).parent / "golden"

FORMATS = [
    ("jsonld", {}, "jsonld.json"),
    ("fhir", {"fhir_release": "r5"}, "fhir-r5.json"),
    ("fhir", {"fhir_release": "r4"}, "fhir-r4.json"),
    ("xml", {}, "xml.xml"),
    ("html", {}, "html.html"),
]

CASES = [(source, fmt, options, suffix) for source in SOURCES for fmt, options, suffix in FORMATS]


@pytest.fixture(scope="module")
def models() -> dict[Path, Monograph]:
    return {source: load_model(source) for source in SOURCES}


@pytest.mark.parametrize(("source", "fmt", "options", "suffix"), CASES,
                         ids=[f"{s.stem}.{suffix}" for s, _, _, suffix in CASES])
def test_output_matches_its_golden_file(models: dict[Path, Monograph], source: Path, fmt: str,
                                        options: dict[str, str], suffix: str) -> None:
    # The repository's monograph.toml sets the page frame: read it from there, wherever the tests run from.
    project = Project.load(REPO)
    output = export(models[source], fmt, project=project, **options)
    assert output == export(models[source], fmt, project=project, **options), "the same input gives the same bytes"
    compare_or_regenerate(GOLDEN / f"{source.stem}.{suffix}", output)


def test_no_stale_golden_files() -> None:
    expected = {f"{s.stem}.{suffix}" for s, _, _, suffix in CASES}
    assert {p.name for p in GOLDEN.iterdir() if p.is_file()} <= expected
