"""The command line as a user runs it: every report format and every exit code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, SOURCES
from monograph import __version__
from monograph.api import export
from monograph.cli import main
from test_cases import SIDECARS

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
        (source,) = [p for p in folder.iterdir() if p.name not in SIDECARS]
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


def test_formats_lists_every_registered_exporter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["formats"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == ["fhir", "html", "jsonld", "xml"]


def test_explain_lists_and_explains_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from monograph.rules import RULES

    assert main(["explain"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == list(RULES)
    for rule in RULES.values():
        assert main(["explain", rule.id]) == 0
        text = capsys.readouterr().out
        assert text.startswith(f"{rule.id}: {rule.summary}") and rule.explanation in text
    assert main(["explain", "no-such-rule"]) == 2


def test_every_rule_the_corpus_reports_is_explained() -> None:
    from monograph.rules import RULES

    seen = set()
    for expected in CASES.glob("*/expected.txt"):
        if (expected.parent / "case.toml").exists():
            continue  # another report format
        for line in expected.read_text(encoding="utf-8").splitlines()[:-1]:
            seen.add(line.rsplit("[", 1)[1].rstrip("]"))
    assert seen <= set(RULES)


def test_export_writes_the_format_to_stdout_or_a_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from support import validate_file

    model = validate_file(REPO / "source" / "baclofen.yaml").monograph
    assert main(["export", str(REPO / "source" / "baclofen.yaml"), "--to", "xml"]) == 0
    assert capsysbinary.readouterr().out == export(model, "xml")
    target = tmp_path / "baclofen.json"
    assert main(["export", str(REPO / "source" / "baclofen.yaml"), "--to", "fhir", "--fhir-release", "r4", "-o", str(target)]) == 0
    assert target.read_bytes() == export(model, "fhir", fhir_release="r4")


def test_export_of_an_invalid_file_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.html"
    source = CASES / "many-problems-at-once" / "baclofen.yaml"
    assert main(["export", str(source), "--to", "html", "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "error: unknown field 'titel'" in err
    assert not target.exists()
    assert main(["export", str(source), "--to", "html"]) == 1
    assert capsys.readouterr().out == ""


def test_export_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["export", str(REPO / "source" / "baclofen.yaml"), "--to", "pdf"]) == 2
    assert "unknown format 'pdf'" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.yaml"), "--to", "xml"]) == 2
    assert main(["export", str(REPO / "source" / "baclofen.yaml"), "--to", "xml", "-o", str(tmp_path / "no" / "dir.xml")]) == 2
    assert "cannot write output" in capsys.readouterr().err


def test_the_progress_bar_counts_and_estimates() -> None:
    import io

    from monograph.cli import _ProgressBar

    stream = io.StringIO()
    bar = _ProgressBar(stream)
    for done in range(0, 11):
        bar(done, 10)
    bar.finish()
    drawn = stream.getvalue()
    assert "0/10" in drawn and "10/10" in drawn and "s left" in drawn and "[" + "#" * 30 + "]" in drawn


def test_a_build_on_a_terminal_shows_progress_and_in_ci_a_summary(tmp_path: Path) -> None:
    import os
    import pty

    command = [sys.executable, "-m", "monograph.cli", "build", str(REPO / "source"), "-o", str(tmp_path / "a"), "--jobs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "monographs:" in done.stderr and "#" not in done.stderr
    primary, secondary = pty.openpty()
    process = subprocess.Popen(command[:-4] + ["-o", str(tmp_path / "b"), "--jobs", "1"], stdin=secondary,
                               stdout=subprocess.DEVNULL, stderr=secondary, cwd=tmp_path)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait() == 0
    terminal = b"".join(chunks).decode()
    assert "[" in terminal and f"/{len(SOURCES)}" in terminal and "s left" in terminal


PLUGIN = '''
from monograph import Exporter, Option


def render(monograph, context):
    title = monograph.title.upper() if context.options["case"] == "upper" else monograph.title
    return (title + "\\n").encode("utf-8")


EXPORTER = Exporter(name="title", title="Title only", media_type="text/plain", folder="title", extension=".txt",
                    render=render, options=(Option("case", ("as-is", "upper"), "how to write the title"),))
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A third-party exporter, installed the way pip installs one: a module and an entry point in its metadata."""
    from monograph import registry

    (tmp_path / "title_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "title_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: title-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[monograph.exporters]\ntitle = title_plugin:EXPORTER\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry._entry_points.cache_clear()
    registry.get_exporter.cache_clear()
    yield
    registry._entry_points.cache_clear()
    registry.get_exporter.cache_clear()


def test_a_plugin_option_becomes_a_flag(plugin: None, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    source = str(REPO / "source" / "baclofen.yaml")
    assert main(["export", source, "--to", "title", "--title-case", "upper"]) == 0
    assert capsysbinary.readouterr().out == b"BACLOFEN\n"
    assert main(["export", source, "--to", "title"]) == 0
    assert capsysbinary.readouterr().out == b"Baclofen\n"
    assert main(["export", source, "--to", "title", "--title-case", "lower"]) == 2
    assert b"invalid choice: 'lower'" in capsysbinary.readouterr().err
    assert main(["formats"]) == 0
    assert b"title    Title only (text/plain) -> title/ID.txt  [--title-case as-is|upper]" in capsysbinary.readouterr().out


def test_a_plugin_option_reaches_the_build_and_the_api(plugin: None, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import monograph

    out = tmp_path / "dist"
    assert main(["build", str(REPO / "source"), "-o", str(out), "--to", "title", "--title-case", "upper", "--quiet"]) == 0
    capsys.readouterr()
    assert (out / "title" / "baclofen.txt").read_text(encoding="utf-8") == "BACLOFEN\n"
    assert 'type="text/plain"' in (out / "feed.atom").read_text(encoding="utf-8")
    drug = monograph.load(REPO / "source" / "baclofen.yaml", project=monograph.Project())
    assert monograph.export(drug, "title", title_case="upper") == b"BACLOFEN\n"
    with pytest.raises(monograph.BadOption, match="title_case: must be one of as-is, upper, not 'shout'"):
        monograph.export(drug, "title", title_case="shout")
    with pytest.raises(monograph.BadOption, match="no format takes this option"):
        monograph.export(drug, "title", title_cse="upper")
