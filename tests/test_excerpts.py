"""On a terminal, a text report shows each problem's source line with a caret under its column; elsewhere not."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from monograph.cli import main
from monograph.excerpts import excerpted
from monograph.problems import Location, Problem


def test_each_problem_gets_its_line_and_a_caret(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: x\n  title:\tBad\nsummary: ok\n", encoding="utf-8")
    problem = Problem(Location(str(path), 2, 10, "/title"), "a message", "schema")
    lines = excerpted([problem], 1).splitlines()
    assert lines[1] == "     2 |   title:\\tBad"  # the tab escaped, as in every message
    assert lines[2] == "       | " + " " * 10 + "^"
    assert lines[2].index("^") == lines[1].index("B")
    assert lines[-1] == "1 error in 1 of 1 file"


def test_a_line_that_is_not_there_gets_no_excerpt(tmp_path: Path) -> None:
    problem = Problem(Location(str(tmp_path / "gone.yaml"), 3, 1, ""), "a message", "unreadable")
    assert excerpted([problem], 1).count("\n") == 2


def test_only_a_terminal_gets_excerpts(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.yaml").write_text("title: Baclofen\n  url: https://example.org/x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # restored after the test: later tests read the repository's monograph.toml
    assert main(["validate", "bad.yaml"]) == 1
    assert "|" not in capsys.readouterr().out.split(" [yaml-syntax]")[1]
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "monograph", "validate", "bad.yaml"], cwd=tmp_path, stdout=follower,
                          stderr=subprocess.PIPE, timeout=60, check=False)
    os.close(follower)
    shown = os.read(leader, 65536).decode("utf-8")
    os.close(leader)
    assert done.returncode == 1
    assert "     2 |   url: https://example.org/x" in shown and "       |   ^" in shown
