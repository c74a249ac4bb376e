"""The public Python API: what a publishing system embeds instead of shelling out."""

from __future__ import annotations

import json
from pathlib import Path

import monograph
import pytest
from conftest import REPO, SOURCES


def test_the_public_names_are_all_there() -> None:
    for name in monograph.__all__:
        assert hasattr(monograph, name), name
    assert (Path(monograph.__file__).parent / "py.typed").is_file()


def test_load_returns_the_model() -> None:
    drug = monograph.load(REPO / "source" / "baclofen.yaml")
    assert isinstance(drug, monograph.Monograph)
    assert drug.id == "baclofen" and drug.review.reviewer == "HU Medical Review Board"


def test_load_raises_with_every_problem() -> None:
    with pytest.raises(monograph.InvalidMonograph) as error:
        monograph.load(REPO / "tests" / "cases" / "invalid" / "many-problems-at-once" / "baclofen.yaml")
    errors = [p for p in error.value.problems if p.severity == "error"]
    assert len(errors) == 5 and all(isinstance(p, monograph.Problem) for p in errors)
    assert error.value.exit_code == 1


def test_validate_returns_sorted_problems(tmp_path: Path) -> None:
    assert monograph.validate(REPO / "source") == []
    broken = tmp_path / "baclofen.yaml"
    broken.write_text("schema_version: 2\nid: baclofen\n")
    problems = monograph.validate(broken)
    assert problems == sorted(problems) and {p.rule for p in problems} == {"schema"}
    with pytest.raises(monograph.PathNotFound):
        monograph.validate(tmp_path / "missing")


def test_export_takes_a_model_or_a_path() -> None:
    drug = monograph.load(SOURCES[0])
    assert monograph.export(drug, "jsonld") == monograph.export(SOURCES[0], "jsonld")
    bundle = json.loads(monograph.export(drug, "fhir"))
    r4 = json.loads(monograph.export(drug, "fhir", fhir_release="r4"))
    assert bundle["resourceType"] == "Bundle" and r4["resourceType"] == "MedicationKnowledge"
    with pytest.raises(monograph.UnknownFormat):
        monograph.export(drug, "pdf")


def test_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = monograph.build(REPO / "source", tmp_path / "dist", formats=["xml"], jobs=1)
    assert isinstance(report, monograph.BuildReport) and report.ok and report.built == len(SOURCES)
    assert (tmp_path / "dist" / "feed.atom").is_file()
