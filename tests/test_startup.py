"""`monograph validate` of one file is the pre-commit case: it must not load what only other commands need."""

from __future__ import annotations

import json
import subprocess
import sys

from support import REPO

HEAVY = ("monograph.model", "monograph.construction", "monograph.formats", "monograph.publish", "monograph.registry",
         "markdown_it", "lxml", "ruamel", "orjson", "jsonschema", "importlib.metadata", "sqlite3", "multiprocessing")

ONLY_FOR_A_PROBLEM_OR_ANOTHER_COMMAND = (
    "monograph.yaml_errors",  # a file that does not parse
    "monograph.richtext",  # prose with a link in it (no source file has one)
    "monograph.layout",  # a build's paths
    "difflib",  # a name that resolves to nothing, and explain's suggestions
    "textwrap",  # explain, and argparse's help
    "threading",
)
"""What a clean file, checked from the command line, does not need: each costs start-up, if only a little."""


def _modules_after(*argv: str) -> set[str]:
    code = ("import json, sys\nfrom monograph.cli import main\ncode = main(sys.argv[1:])\n"
            "print(json.dumps([code, sorted(sys.modules)]))")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, cwd=REPO, check=True)
    exit_code, modules = json.loads(done.stdout.splitlines()[-1])
    assert exit_code == 0, done.stdout
    return set(modules)


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


def test_validating_a_file_loads_neither_the_model_nor_the_exporters() -> None:
    modules = _modules_after("validate", "source/baclofen.yaml")
    assert "monograph.validation" in modules and "jsonschema_rs" in modules  # it did validate
    assert [name for name in HEAVY if _loaded(modules, name)] == []


def test_exporting_still_loads_what_it_needs() -> None:
    modules = _modules_after("export", "source/baclofen.yaml", "--to", "jsonld")
    assert {"monograph.model", "monograph.construction", "monograph.registry"} <= modules


def test_validating_a_clean_file_loads_only_what_it_uses() -> None:
    modules = _modules_after("validate", "source/baclofen.yaml")
    assert [name for name in ONLY_FOR_A_PROBLEM_OR_ANOTHER_COMMAND if _loaded(modules, name)] == []
