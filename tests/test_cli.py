"""The command line as a user runs it: every report format and every exit code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from monograph import __version__
from monograph.cli import main

from conftest import REPO, SOURCES

CASES = Path(__file__).parent / "cases" / "invalid"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A folder with one valid monograph and two broken ones."""
    shutil.copy(REPO / "source" / "baclofen.yaml", tmp_path / "baclofen.yaml")
    (tmp_path / "nested").mkdir()
    shutil.copy(CASES / "many-problems-at-once" / "baclofen.yaml", tmp_path / "nested" / "baclofen.yaml")
    shutil.copy(CASES / "yaml-duplicate-key-top" / "baclofen.yaml", tmp_path / "tizanidine.yaml")
    return tmp_path


def test_the_bundled_corpus_is_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(["validate"], capsys)
    assert (code, err) == (0, "")
    assert out == f"{len(SOURCES)} files valid\n"


def test_every_problem_in_every_file_is_reported_sorted(broken: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(broken)
    code, out, _ = run(["validate", "."], capsys)
    assert code == 1
    lines = out.splitlines()
    located = [line.split(": error: ")[0] for line in lines[:-1] if ": error: " in line]
    files = [loc.rsplit(":", 2)[0] for loc in located]
    assert files == sorted(files)
    assert "nested/baclofen.yaml" in files and "tizanidine.yaml" in files and "baclofen.yaml" not in files
    assert sum(f == "nested/baclofen.yaml" for f in files) == 5
    assert lines[-1] == "7 errors in 2 of 3 files (1 warning)"


def test_json_report(broken: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(broken)
    code, out, _ = run(["validate", ".", "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 1 and report["valid"] is False and report["files"] == 3
    first = report["problems"][0]
    assert set(first) == {"file", "line", "column", "pointer", "rule", "severity", "message"}
    assert [p["rule"] for p in report["problems"]].count("schema") == 3


def test_github_annotations(broken: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(broken)
    code, out, _ = run(["validate", ".", "--format", "github"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 8
    assert lines[0].startswith("::error file=nested/baclofen.yaml,line=1,col=1,title=monograph schema::")
    assert sum(line.startswith("::warning file=") for line in lines) == 1
    for line in lines:
        assert line.startswith(("::error file=", "::warning file=")) and "\n" not in line


def test_sarif_report_is_valid_sarif_2_1_0(broken: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(broken)
    code, out, _ = run(["validate", ".", "--format", "sarif"], capsys)
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)  # the official file is draft-04
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(log)
    run_ = log["runs"][0]
    assert code == 1 and run_["tool"]["driver"]["version"] == __version__
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1


def test_sarif_report_with_no_problems_is_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = run(["validate", "--format", "sarif"], capsys)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(json.loads(out))
    assert code == 0


@pytest.mark.parametrize("report", ["text", "json", "github", "sarif"])
def test_no_bad_input_gives_a_traceback_in_any_format(report: str, capsys: pytest.CaptureFixture[str]) -> None:
    folders = sorted(p for p in CASES.iterdir() if p.is_dir())
    for folder in folders:
        (source,) = [p for p in folder.iterdir() if p.name != "expected.txt"]
        code, out, err = run(["validate", str(source), "--format", report], capsys)
        assert code == 1, folder.name
        assert err == "" and "Traceback" not in out


def test_a_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["validate", str(tmp_path / "nope")], capsys)
    assert (code, out) == (2, "")
    assert err == f"monograph: error: {tmp_path / 'nope'}: no such file or folder\n"


def test_a_folder_without_sources_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", str(tmp_path)], capsys)
    assert code == 2 and "no .yaml or .yml files" in err


def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert main(["build", "--jobs", "many"]) == 2
    assert "expected a whole number" in capsys.readouterr().err
    assert main([]) == 2
    assert main(["--help"]) == 0


def test_hidden_folders_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(REPO / "source" / "baclofen.yaml", tmp_path / "baclofen.yaml")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "junk.yaml").write_text("- not a monograph\n")
    code, out, _ = run(["validate", str(tmp_path)], capsys)
    assert (code, out) == (0, "1 file valid\n")


def test_the_console_script_runs_as_a_user_runs_it() -> None:
    done = subprocess.run([sys.executable, "-m", "monograph.cli", "validate", str(REPO / "source")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("files valid\n")
    done = subprocess.run([sys.executable, "-m", "monograph.cli", "--version"], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == f"monograph {__version__}"
