"""action.yml: a composite action whose inputs reach the shell only through the environment, whose validate step
(run here as GitHub would run it) annotates, writes SARIF that the OASIS schema accepts and passes the exit code on;
and pyproject keeps the test stack out of a plain install."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from conftest import REPO


def _action() -> dict[str, Any]:
    return yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def _step(name: str) -> dict[str, Any]:
    return next(step for step in _action()["runs"]["steps"] if step.get("name") == name)


def test_it_is_composite_and_no_script_splices_an_expression() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step["name"]  # an input spliced into a script could run code
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif@") for step in action["runs"]["steps"])


def _run(step: dict[str, Any], folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=folder, env={**os.environ, "PATH": path, **env},
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_validate_step_annotates_writes_sarif_and_passes_the_exit_code_on(tmp_path: Path) -> None:
    shutil.copytree(REPO / "source", tmp_path / "source")
    bad = tmp_path / "source" / "baclofen.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("atc: M03BX01", "atc: M3BX01", 1), encoding="utf-8")
    output = tmp_path / "github-output"
    done = _run(_step("Validate"), tmp_path, {"PATHS": "source", "SARIF_FILE": "out.sarif", "GITHUB_OUTPUT": str(output)})
    assert done.returncode == 0, done.stderr  # the step records the code; the last step fails the job
    assert done.stdout.startswith("::error file=source/baclofen.yaml,line=")
    assert output.read_text() == "exit-code=1\n"
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert sarif["runs"][0]["results"]
    assert _run(_step("Fail when a monograph is invalid"), tmp_path, {"CODE": "1"}).returncode == 1
    assert _run(_step("Fail when a monograph is invalid"), tmp_path, {"CODE": "0"}).returncode == 0


def test_a_plain_install_has_no_test_tools_and_the_test_extra_has_them() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {dependency.split(">")[0].split("<")[0].split("=")[0].strip().lower() for dependency in project["dependencies"]}
    assert not names & {"pytest", "hypothesis", "ruff", "mypy", "pre-commit", "playwright", "build"}
    test = {d.split(">")[0].split("<")[0].strip().lower() for d in project["optional-dependencies"]["test"]}
    assert {"pytest", "hypothesis", "pre-commit"} <= test
    assert project["license"] == {"text": "MIT"} and (REPO / "LICENSE").read_text().startswith("MIT License\n")
