"""`[source] paths` in monograph.toml: the corpus that validate (no PATH), migrate and the corpus hook check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from monograph.cli import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for folder in ("monographs", "partners"):
        (tmp_path / folder).mkdir()
    shutil.copy2(REPO / "source" / "baclofen.yaml", tmp_path / "monographs" / "baclofen.yaml")
    shutil.copy2(REPO / "source" / "baclofen.yaml", tmp_path / "partners" / "baclofen.yaml")
    return tmp_path


def test_validate_checks_the_configured_folders(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "monograph.toml").write_text('[source]\npaths = ["monographs"]\n', encoding="utf-8")
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "1 file valid\n"
    (project / "monograph.toml").write_text('[source]\npaths = ["monographs", "partners"]\n', encoding="utf-8")
    assert main(["validate"]) == 1
    assert "[duplicate-url]" in capsys.readouterr().out


def test_the_corpus_flag_checks_the_corpus_and_reports_files_outside_it(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "monograph.toml").write_text('[source]\npaths = ["monographs"]\n', encoding="utf-8")
    (project / "notes.yaml").write_text("title: not a monograph\n", encoding="utf-8")
    assert main(["validate", "--corpus", "monographs/baclofen.yaml", "notes.yaml"]) == 0
    assert capsys.readouterr().out == "1 file valid\n"
    assert main(["validate", "--corpus", "partners/baclofen.yaml"]) == 1
    out = capsys.readouterr().out
    assert "partners/baclofen.yaml:1:1: error: this monograph is outside the source folders (monographs/)" in out
    assert "[outside-sources]" in out


@pytest.mark.parametrize("setting", ['paths = "source"', "paths = []", "folders = [\"source\"]"])
def test_a_bad_setting_is_a_usage_error_with_its_line(
        project: Path, setting: str, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "monograph.toml").write_text(f"[source]\n{setting}\n", encoding="utf-8")
    assert main(["validate"]) == 2
    assert "monograph.toml" in capsys.readouterr().err


def test_build_publishes_the_configured_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "monograph.toml").write_text('[source]\npaths = ["monographs"]\n', encoding="utf-8")
    assert main(["build", "--quiet"]) == 0
    assert (project / "dist" / "html" / "baclofen.html").is_file()
    (project / "monograph.toml").write_text('[source]\npaths = ["monographs", "partners"]\n', encoding="utf-8")
    assert main(["build", "--quiet"]) == 2
    assert "build publishes one folder: name it" in capsys.readouterr().err
