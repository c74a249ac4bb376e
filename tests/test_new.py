"""`monograph new`: a valid skeleton that never overwrites, and copies of existing monographs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO
from monograph.cli import main


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_skeleton_is_refused_only_for_what_the_author_must_write(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Its placeholders and the missing review date, nothing else; export refuses it (tests/test_placeholders.py)."""
    assert main(["new", "insulin-glargine"]) == 0
    assert capsys.readouterr().out.startswith("wrote source/insulin-glargine.yaml")
    assert main(["validate", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert {p["rule"] for p in problems} == {"placeholder-text", "schema"}
    assert [p["pointer"] for p in problems if p["rule"] == "schema"] == ["/review"]
    assert main(["export", "source/insulin-glargine.yaml", "--to", "html", "-o", "out.html"]) == 1
    assert not (project / "out.html").exists()


def test_the_skeleton_points_editors_at_the_schema(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", "probe"])
    first = (project / "source" / "probe.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://monograph.dev/schema/2.0/monograph.schema.json"
    (project / "schema").mkdir()
    (project / "schema" / "monograph.schema.json").write_text("{}")
    main(["new", "probe-two"])
    first = (project / "source" / "probe-two.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/monograph.schema.json"


def test_an_existing_file_is_never_overwritten(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "source").mkdir()
    (project / "source" / "probe.yaml").write_text("mine\n")
    assert main(["new", "probe"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (project / "source" / "probe.yaml").read_text() == "mine\n"


@pytest.mark.parametrize("bad", ["Probe", "probe_two", "../escape", "x-", ""])
def test_a_bad_id_is_a_usage_error(project: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", bad]) == 2
    assert "is not a monograph id" in capsys.readouterr().err
    assert not (project / "source").exists() or not list((project / "source").iterdir())


def test_from_an_existing_monograph(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "baclofen-oral", "--from", str(REPO / "source" / "baclofen.yaml")]) == 0
    text = (project / "source" / "baclofen-oral.yaml").read_text(encoding="utf-8")
    assert "\nid: baclofen-oral\n" in text and "\nurl: https://example.org/drugs/baclofen-oral\n" in text
    assert "Lioresal Intrathecal" in text and "# Baclofen: the seed monograph." in text
    capsys.readouterr()
    assert main(["validate"]) == 0


def test_from_an_invalid_monograph_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = REPO / "tests" / "cases" / "invalid" / "many-problems-at-once" / "baclofen.yaml"
    assert main(["new", "copy", "--from", str(broken)]) == 1
    assert "was not written" in capsys.readouterr().err
    assert not (project / "source" / "copy.yaml").exists()
