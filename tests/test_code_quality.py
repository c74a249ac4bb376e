"""The code itself: lint-clean and type-checked, as configured in pyproject.toml."""

from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "exporters", "tests", "benchmarks"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


MODULE_LINES = 600
FUNCTION_LINES = 60


def test_no_module_or_function_is_too_long_to_read() -> None:
    """A module a reader can hold in mind, and functions that fit on a screen."""
    too_long = []
    for path in sorted((REPO / "exporters" / "monograph").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(REPO).as_posix()
        if len(text.splitlines()) > MODULE_LINES:
            too_long.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno}: {node.name} is {length} lines")
    assert too_long == []
