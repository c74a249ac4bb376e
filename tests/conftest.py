"""Shared fixtures: the bundled corpus, and a switch for regenerating expected files on purpose."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from monograph.model import Monograph
from support import validate_file

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "source"
SOURCES = sorted(SOURCE.glob("*.yaml"))

REGENERATE = os.environ.get("MONOGRAPH_REGENERATE") == "1"
"""Set MONOGRAPH_REGENERATE=1 to rewrite golden and expected files instead of comparing them."""


def load_model(path: Path) -> Monograph:
    result = validate_file(path)
    assert result.monograph is not None, [str(p) for p in result.problems]
    return result.monograph


@pytest.fixture(scope="session")
def models() -> dict[str, Monograph]:
    """Every monograph in source/, by key."""
    loaded = [load_model(path) for path in SOURCES]
    return {m.key: m for m in loaded}


@pytest.fixture(scope="session")
def baclofen(models: dict[str, Monograph]) -> Monograph:
    return models["baclofen"]


def compare_or_regenerate(path: Path, actual: bytes) -> None:
    """Byte-for-byte comparison with a committed file, or rewrite it when regenerating on purpose."""
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
        return
    assert path.exists(), f"{path} is missing; run the tests with MONOGRAPH_REGENERATE=1 to create it, then review it"
    expected = path.read_bytes()
    assert actual == expected, f"{path.name} differs from the output; if the change is intended, regenerate and review the diff"


SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
"""Where tests/test_browser.py leaves a full-page screenshot of every built page for a reviewer to look at."""

SCREENSHOTS_TAKEN = pytest.StashKey[list[Path]]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Say where this run's screenshots are; a run that took none says nothing, so stale files are never announced."""
    taken = config.stash.get(SCREENSHOTS_TAKEN, [])
    if taken:
        terminalreporter.write_line(f"browser screenshots: {len(taken)} PNG files in {SCREENSHOTS}/")
