"""Suppressions: a team silences a named content rule for a file or field, and stale ones are reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO
from monograph.cli import main
from monograph.project import ConfigError, Project

BASE = (REPO / "tests" / "cases" / "invalid" / "side-effect-duplicate" / "baclofen.yaml").read_text(encoding="utf-8")
DUPLICATE_LINE = "    - name: drowsiness\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "source").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(project: Path, text: str, name: str = "baclofen.yaml") -> Path:
    path = project / "source" / name
    path.write_text(text, encoding="utf-8")
    return path


def validate(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, str]:
    code = main(["validate", *paths])
    return code, capsys.readouterr().out


def test_without_a_suppression_the_finding_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE)
    code, out = validate(capsys)
    assert code == 1 and "[duplicate-side-effect]" in out


def test_an_inline_comment_on_the_line_silences_the_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE.replace(DUPLICATE_LINE, "    - name: drowsiness  # monograph: ignore[duplicate-side-effect]\n"))
    assert validate(capsys) == (0, "1 file valid\n")


def test_an_inline_comment_on_the_line_above_silences_the_rule(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE.replace(DUPLICATE_LINE, "    # monograph: ignore[duplicate-side-effect]\n" + DUPLICATE_LINE))
    assert validate(capsys) == (0, "1 file valid\n")


def test_an_inline_comment_that_silences_nothing_is_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8")
    write(project, valid.replace("title: Baclofen\n", "title: Baclofen  # monograph: ignore[duplicate-brand]\n"))
    code, out = validate(capsys)
    assert code == 1
    assert ":10:18: error: this comment suppresses 'duplicate-brand', but there is no such finding here" in out
    assert "[unused-suppression]" in out


def test_schema_problems_cannot_be_suppressed_inline(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE.replace("title: Baclofen\n", "title: [Baclofen]  # monograph: ignore[schema]\n"))
    code, out = validate(capsys)
    assert code == 1
    assert "expected text here, found a list" in out
    assert "'schema' cannot be suppressed: it is not a content rule" in out


def test_a_project_suppression_silences_a_rule_for_a_field(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE)
    (project / "monograph.toml").write_text(
        '[[suppress]]\nrule = "duplicate-side-effect"\nfile = "source/baclofen.yaml"\n'
        'pointer = "/side_effects"\nreason = "Two wordings of the same effect are on the label."\n',
        encoding="utf-8",
    )
    assert validate(capsys) == (0, "1 file valid\n")


def test_a_project_suppression_for_another_field_does_not_apply(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE)
    (project / "monograph.toml").write_text(
        '[[suppress]]\nrule = "duplicate-side-effect"\nfile = "source/*.yaml"\npointer = "/brands"\nreason = "x"\n',
        encoding="utf-8",
    )
    code, out = validate(capsys)
    assert code == 1
    assert "[duplicate-side-effect]" in out
    assert "monograph.toml:1:1: error: this suppression of 'duplicate-side-effect' for source/*.yaml matches no finding" in out


def test_a_stale_project_suppression_is_reported_at_its_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8"))
    (project / "monograph.toml").write_text(
        '[feed]\ntitle = "x"\n\n[[suppress]]\nrule = "duplicate-brand"\nfile = "source/baclofen.yaml"\nreason = "old"\n',
        encoding="utf-8",
    )
    code, out = validate(capsys)
    assert code == 1
    assert out.startswith("monograph.toml:4:1: error: this suppression of 'duplicate-brand'")


def test_a_project_suppression_of_a_schema_rule_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8"))
    (project / "monograph.toml").write_text('[[suppress]]\nrule = "schema"\nfile = "*"\nreason = "no"\n', encoding="utf-8")
    code, out = validate(capsys)
    assert code == 1 and "'schema' cannot be suppressed" in out and "[invalid-suppression]" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[suppress]]\nrule = "duplicate-brand"\nfile = "x"\n', "'reason' is required"),
        ('[[suppress]]\nrule = "duplicate-brand"\nfile = "x"\nreason = "y"\nlines = 3\n', "takes only"),
        ('[[suppress]]\nrule = "duplicate-brand"\nfile = "x"\nreason = "y"\npointer = "brands"\n', "JSON pointer"),
        ("[colour]\nx = 1\n", "unknown section"),
        ("[feed\n", "cannot be read"),
    ],
)
def test_a_malformed_project_file_is_a_usage_error(project: Path, text: str, message: str) -> None:
    (project / "monograph.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        Project.load()
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[feed]\ntitle = " + "9" * 5000 + "\n", "a number too long to read"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nest too deeply"),
    ],
)
def test_a_project_file_that_breaks_the_toml_reader_is_a_usage_error(project: Path, text: str, message: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (project / "monograph.toml").write_text(text, encoding="utf-8")
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err == f"monograph: error: monograph.toml: cannot be read: {'it holds ' if 'number' in message else 'its arrays or tables '}{message}\n"


@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "loop", "dangling"])
def test_a_project_file_that_is_not_a_file_is_a_usage_error_not_ignored(project: Path, kind: str,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # Ignored, it made the build publish with the default settings: another feed id, no suppressions.
    write(project, BASE)
    settings = project / "monograph.toml"
    if kind == "folder":
        settings.mkdir()
    elif kind == "fifo":
        os.mkfifo(settings)
    elif kind == "device":
        settings.symlink_to("/dev/zero")
    elif kind == "loop":
        settings.symlink_to(settings)
    else:
        settings.symlink_to(project / "gone.toml")
    assert main(["build", "--jobs", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("monograph: error: monograph.toml: cannot be read: ") and err.count("\n") == 1
    assert not (project / "dist").exists()


def test_a_build_publishes_a_file_whose_only_findings_are_suppressed(project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    write(project, BASE)
    (project / "monograph.toml").write_text(
        '[[suppress]]\nrule = "duplicate-side-effect"\nfile = "source/baclofen.yaml"\nreason = "accepted"\n',
        encoding="utf-8",
    )
    code = main(["build", "--to", "xml", "--jobs", "1", "--quiet"])
    capsys.readouterr()
    assert code == 0
    assert (project / "dist" / "xml" / "baclofen.xml").is_file()


def test_warnings_are_shown_but_do_not_fail(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8")
    write(project, valid + "  - id: unused\n    kind: website\n    title: Unused\n    url: https://example.org/unused\n")
    code, out = validate(capsys)
    assert code == 0
    assert "warning: no statement cites 'unused'" in out and out.endswith("1 file valid (1 warning)\n")
