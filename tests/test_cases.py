"""The bad-input corpus: every folder in cases/invalid holds one source file and the exact output expected for it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from monograph.cli import main

from conftest import compare_or_regenerate

CASES = Path(__file__).parent / "cases"
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def _source_file(folder: Path) -> Path:
    (source,) = [p for p in folder.iterdir() if p.name != "expected.txt"]
    return source


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 50


@pytest.mark.parametrize("folder", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(folder)
    started = time.perf_counter()
    code = main(["validate", _source_file(folder).name])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""
    assert "Traceback" not in out
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    lines = out.splitlines()
    assert any(": error: " in line for line in lines[:-1]), "at least one located error"
    for line in lines[:-1]:
        file, line_no, column, rest = line.split(":", 3)
        assert file == _source_file(folder).name and int(line_no) >= 1 and int(column) >= 1
        assert rest.startswith((" error: ", " warning: "))
    compare_or_regenerate(folder / "expected.txt", out.encode("utf-8"))
