"""One verdict for one file, whichever door it is asked through: validate, export, build, and the Python API."""

from __future__ import annotations

import shutil
from pathlib import Path

import monograph
import pytest
from conftest import REPO
from monograph.cli import main

DUPLICATE_BRAND = REPO / "tests" / "cases" / "invalid" / "brand-duplicate" / "baclofen.yaml"
SUPPRESSION = (
    '[[suppress]]\nrule = "duplicate-brand"\nfile = "source/baclofen.yaml"\n'
    'reason = "Two makers sell the same name."\n'
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "source").mkdir()
    shutil.copy(DUPLICATE_BRAND, tmp_path / "source" / "baclofen.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def verdicts(project: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, bool]:
    """Whether each door accepts source/baclofen.yaml."""
    found = {
        "validate": main(["validate"]) == 0,
        "export": main(["export", "source/baclofen.yaml", "--to", "xml", "-o", "out.xml"]) == 0,
        "build": main(["build", "--to", "xml", "--jobs", "1", "--quiet"]) == 0
        and (project / "dist" / "xml" / "baclofen.xml").is_file(),
        "monograph.validate": not [p for p in monograph.validate() if p.severity == "error"],
    }
    try:
        monograph.load("source/baclofen.yaml")
        found["monograph.load"] = True
    except monograph.InvalidMonograph:
        found["monograph.load"] = False
    capsys.readouterr()
    return found


def test_an_unsuppressed_finding_fails_through_every_door(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert verdicts(project, capsys) == dict.fromkeys(
        ["validate", "export", "build", "monograph.validate", "monograph.load"], False)
    assert not (project / "out.xml").exists()


def test_a_suppressed_finding_passes_through_every_door(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "monograph.toml").write_text(SUPPRESSION, encoding="utf-8")
    assert verdicts(project, capsys) == dict.fromkeys(
        ["validate", "export", "build", "monograph.validate", "monograph.load"], True)


def test_the_api_takes_a_project_instead_of_reading_the_current_folder(
    project: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (project / "monograph.toml").write_text(SUPPRESSION, encoding="utf-8")
    settings = monograph.Project.load(project)
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    source = project / "source" / "baclofen.yaml"
    assert monograph.load(source, project=settings).brands is not None
    with pytest.raises(monograph.InvalidMonograph):
        monograph.load(source, project=monograph.Project())


def test_the_same_file_named_twice_is_checked_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = project / "source" / "baclofen.yaml"
    shutil.copy(REPO / "source" / "baclofen.yaml", valid)
    assert main(["validate", "source/baclofen.yaml", str(valid.resolve()), "source"]) == 0
    assert capsys.readouterr().out == "1 file valid\n"


def test_a_fifo_among_the_sources_is_refused_without_waiting(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    os.mkfifo(project / "source" / "pipe.yaml")
    assert main(["validate", "source/pipe.yaml"]) == 1
    out = capsys.readouterr().out
    assert "source/pipe.yaml:1:1: error: cannot read the file: it is a named pipe (FIFO), not a regular file" in out
