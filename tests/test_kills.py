"""A build killed at every write boundary, then built again, publishes exactly what an uninterrupted build does.

Each boundary is a function every change to the file system goes through
(atomic.py's write, publish and remove, the corpus files' temporary streams)
and the state's commit. A forked child runs the build and kills itself with
SIGKILL at the Nth call of one of them (a write is torn in half first), so no
clean-up of ours runs, exactly as with a real kill; the parent then builds
again and compares every published byte with a build that was never stopped.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from monograph import atomic, corpusfiles, publish, source_build
from monograph.project import FeedSettings, Project
from monograph.publish import BuildOptions, build
from monograph.state import State
from test_build import copy_sources, tree, variant

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
BOUNDARIES: dict[str, tuple[Any, str]] = {
    "output written": (source_build, "write_temporary"),
    "corpus file written": (corpusfiles, "temporary_stream"),
    "file put in place": (publish, "publish"),
    "removed output deleted": (publish, "remove_file"),
    "state committed": (State, "commit"),
}


def _second_build(root: Path) -> BuildOptions:
    """The build to stop, run from ``root`` with relative paths, as the manifest names the source folder as given."""
    os.chdir(root)
    return BuildOptions(source=Path("source"), out=Path("dist"), jobs=1, now=NOW,
                        project=Project(feed=FeedSettings(title="Monographs, retitled")))


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published corpus, then changed every way at once: a source edited, one removed, one added, the feed retitled."""
    root = tmp_path_factory.mktemp("before")
    source = copy_sources(root / "source")
    here = Path.cwd()
    os.chdir(root)
    try:
        assert build(BuildOptions(source=Path("source"), out=Path("dist"), jobs=1, now=NOW)).ok
    finally:
        os.chdir(here)
    tizanidine = source / "tizanidine.yaml"
    tizanidine.write_text(tizanidine.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  Edited.", 1),
                          encoding="utf-8")
    (source / "dalfampridine.yaml").unlink()
    (source / "added.yaml").write_text(variant(source / "baclofen.yaml", "added"), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def expected(before: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("expected") / "run"
    shutil.copytree(before, root, symlinks=True)
    here = Path.cwd()
    try:
        assert build(_second_build(root)).ok
    finally:
        os.chdir(here)
    return tree(root / "dist")


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path.cwd())  # every build here changes folder; put it back afterwards


def _counting(target: Any, name: str, on_call: Callable[[int, tuple[Any, ...]], None]) -> None:
    real = getattr(target, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wrapper.calls += 1  # type: ignore[attr-defined]
        on_call(wrapper.calls, args)  # type: ignore[attr-defined]
        return real(*args, **kwargs)

    wrapper.calls = 0  # type: ignore[attr-defined]
    setattr(target, name, wrapper)


def _calls(before: Path, tmp_path: Path, boundary: str) -> int:
    """How often the second build passes the boundary, counted in a child so the patch dies with it."""
    root = tmp_path / "count"
    shutil.copytree(before, root, symlinks=True)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        counted: list[int] = []
        _counting(*BOUNDARIES[boundary], lambda n, args: counted.append(n))
        build(_second_build(root))
        os.write(write, str(len(counted)).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        return int(pipe.read())


def _killed_at(root: Path, boundary: str, number: int) -> None:
    child = os.fork()
    if child == 0:  # pragma: no cover - the child

        def kill(n: int, args: tuple[Any, ...]) -> None:
            if n != number:
                return
            if boundary == "output written":  # a torn temporary file: half of it, then the kill
                final, data, token = args
                atomic.discard(final, token)
                (final.parent / f".{final.name}.monograph-{token}.tmp").write_bytes(data[: len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)

        _counting(*BOUNDARIES[boundary], kill)
        build(_second_build(root))
        os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"not killed at {boundary} #{number}"


@pytest.mark.parametrize("boundary", sorted(BOUNDARIES))
def test_a_kill_at_each_boundary_is_repaired_by_the_next_build(
    boundary: str, before: Path, expected: dict[str, str], tmp_path: Path,
) -> None:
    calls = _calls(before, tmp_path, boundary)
    assert calls >= 1, f"the build never passes '{boundary}'"
    for number in range(1, calls + 1):
        root = tmp_path / f"kill-{number}"
        shutil.copytree(before, root, symlinks=True)
        _killed_at(root, boundary, number)
        report = build(_second_build(root))
        assert report.ok, [str(p) for p in report.problems]
        assert tree(root / "dist") == expected, f"after a kill at {boundary} #{number}"
        leftovers = [p for p in root.rglob("*.tmp")]
        assert leftovers == [], f"after a kill at {boundary} #{number}"
        again = build(_second_build(root))
        assert (again.built, again.deleted) == (0, 0) and tree(root / "dist") == expected
