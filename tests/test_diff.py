"""`monograph diff`: a changed boxed warning, an added brand and a removed side effect, in a reviewer's words and
per format, between the last commit and the working tree, between two folders, and as JSON and Markdown."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from monograph.cli import main
from support import EDITED_BACLOFEN_CHANGES, edit_baclofen

_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
_FORMATS = {"FHIR R5", "HTML", "JSON-LD", "XML"}


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "source", tmp_path / "source")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "corpus")):
        subprocess.run(["git", *args], cwd=tmp_path, env=_ENV, check=True, capture_output=True)
    return tmp_path


_EXPECTED = sorted(EDITED_BACLOFEN_CHANGES.values())


def test_the_working_tree_against_the_last_commit(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_baclofen(repository / "source" / "baclofen.yaml")
    assert main(["diff"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "source/baclofen.yaml: changed"
    assert sorted(line.removeprefix("  - ") for line in lines[1:4]) == sorted(_EXPECTED)
    per_format = dict(line.strip().split(": ", 1) for line in lines[4:-1])
    assert set(per_format) == _FORMATS
    for title in _FORMATS:
        for words in _EXPECTED:
            assert words in per_format[title], (title, words)
    assert lines[-1] == "1 monograph: 1 changed"
    assert "tizanidine" not in out and "dalfampridine" not in out


def test_no_change_is_said_so(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out == "no monograph changed\n"


def test_json_says_which_formats_carry_each_change(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_baclofen(repository / "source" / "baclofen.yaml")
    assert main(["diff", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [item] = report["monographs"]
    assert item["key"] == "baclofen" and item["status"] == "changed"
    assert {c["field"]: c["change"] for c in item["changes"]} == {
        "brands.items": "brand Revonto added", "side_effects.items": "side effect Drowsiness removed",
        "boxed_warning.applies_to": "boxed warning now applies to Tablet only"}
    assert {f["format"] for f in item["formats"]} == {"fhir", "html", "jsonld", "xml"}


def test_github_is_a_markdown_comment(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_baclofen(repository / "source" / "baclofen.yaml")
    assert main(["diff", "--format", "github"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## What partners will receive\n")
    assert "### `source/baclofen.yaml`: changed" in out and "| FHIR R5 | " in out and "- brand Revonto added" in out


def test_two_folders_and_added_removed_and_invalid_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REPO / "source", tmp_path / "old")
    shutil.copytree(REPO / "source", tmp_path / "new")
    (tmp_path / "new" / "tizanidine.yaml").unlink()
    (tmp_path / "new" / "dalfampridine.yaml").write_text("id: [broken\n", encoding="utf-8")
    edit_baclofen(tmp_path / "new" / "baclofen.yaml")
    assert main(["diff", "old", "new"]) == 1  # a version that would not be published is exit 1
    out = capsys.readouterr().out
    assert "new/dalfampridine.yaml: would not be published: it is not valid" in out
    assert "old/tizanidine.yaml: removed: withdrawn from every format" in out
    assert "new/baclofen.yaml: changed" in out and "  - brand Revonto added" in out
    assert main(["diff", "old/baclofen.yaml", "new/baclofen.yaml"]) == 0
    assert capsys.readouterr().out.startswith("new/baclofen.yaml: changed\n")


def test_a_text_change_that_no_format_but_the_page_shows(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repository / "source" / "baclofen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "heading: What are the potential side effects of baclofen?", "heading: Side effects of baclofen"), encoding="utf-8")
    assert main(["diff", "--format", "json"]) == 0
    [item] = json.loads(capsys.readouterr().out)["monographs"]
    assert [c["change"] for c in item["changes"]] == [
        "side effects heading now 'Side effects of baclofen' (was 'What are the potential side effects of baclofen?')"]
    jsonld = [f for f in item["formats"] if f["format"] == "jsonld"]
    assert jsonld == [] or jsonld[0]["changes"] == []  # JSON-LD does not carry page headings


def test_an_unknown_revision_is_a_usage_error(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-revision"]) == 2
    assert "cannot read the old version from git" in capsys.readouterr().err


def test_a_revision_that_reads_as_an_option_is_refused_before_git_runs(repository: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # Passed on, git took it for one of its own options.
    assert main(["diff", "--", "--full-tree"]) == 2
    assert capsys.readouterr().err == ("monograph: error: cannot read the old version from git: '--full-tree' is not "
                                       "a revision: a revision does not start with '-'\n")


def test_only_the_files_whose_bytes_changed_are_checked(
        repository: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus is compared a file at a time, and an unchanged file (by git's blob id) is not read again."""
    from monograph import diff

    checked: list[str] = []
    real = diff.check_bytes
    monkeypatch.setattr(diff, "check_bytes", lambda shown, raw, project: checked.append(shown) or real(shown, raw, project))
    edit_baclofen(repository / "source" / "baclofen.yaml")
    assert main(["diff"]) == 0
    assert sorted(checked) == ["HEAD:source/baclofen.yaml", "source/baclofen.yaml"]
    assert "brand Revonto added" in capsys.readouterr().out
