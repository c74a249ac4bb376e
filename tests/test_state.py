"""The build state is untrusted input: damaged, foreign or tampered state is rebuilt from scratch, with a notice;
state that cannot be used (a folder, a link, locked, read-only, a full disk) is one line and exit code 2."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SOURCES
from monograph import state as state_module
from monograph.cli import main
from monograph.publish import BuildOptions, build
from monograph.state import State
from support import published_without_history
from test_build import copy_sources, tree


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    source = copy_sources(tmp_path / "source")
    out = tmp_path / "dist"
    assert build(BuildOptions(source=source, out=out, jobs=1)).ok
    return source, out, tree(out)


def _state(out: Path) -> Path:
    return out.parent / ".monograph" / out.name / "state.sqlite"


def _sql(out: Path, *statements: str) -> None:
    db = sqlite3.connect(_state(out))
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def _replace_file(data: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def damage(out: Path) -> None:
        path = _state(out)
        original = path.read_bytes()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(data(original))
    return damage


def _row(change: Callable[[dict[str, object]], None], column: str = "manifest") -> Callable[[Path], None]:
    def damage(out: Path) -> None:
        db = sqlite3.connect(_state(out))
        (value,) = db.execute(f"SELECT {column} FROM sources WHERE key = 'baclofen'").fetchone()
        data = json.loads(value)
        change(data)
        db.execute(f"UPDATE sources SET {column} = ? WHERE key = 'baclofen'", (json.dumps(data),))
        db.commit()
        db.close()
    return damage


DAMAGE: dict[str, Callable[[Path], None]] = {
    "garbage": _replace_file(lambda _: b"this is not a database\n" * 100),
    "truncated": _replace_file(lambda data: data[: len(data) // 3]),
    "empty": _replace_file(lambda _: b""),
    "foreign layout": lambda out: _sql(out, "DROP TABLE runs", "CREATE TABLE runs (x)"),
    "another program's database": lambda out: _sql(out, *(f"DROP TABLE {t}" for t in ("meta", "sources", "deleted",
                                                                                       "garbage", "runs")),
                                                    "CREATE TABLE photos (id INTEGER)"),
    "other version": lambda out: _sql(out, "UPDATE meta SET value = '999' WHERE name = 'version'"),
    "a path out of OUT": _row(lambda m: m["outputs"][0].update(path="../../etc/passwd")),  # type: ignore[index,union-attr]
    "an absolute path": _row(lambda m: m["outputs"][0].update(path="/etc/passwd")),  # type: ignore[index,union-attr]
    "another record's output": _row(lambda m: m["outputs"][0].update(path="html/tizanidine.html")),  # type: ignore[index,union-attr]
    # The index on each entry's instant keeps SQLite itself from writing such a record; another program drops it.
    "not JSON": lambda out: _sql(out, "DROP INDEX sources_updated", "UPDATE sources SET feed = '{' WHERE key = 'baclofen'"),
    "a number for text": _row(lambda f: f.update(title=7), column="feed"),
    "a key that is no key": lambda out: _sql(out, "UPDATE sources SET key = '../x' WHERE key = 'baclofen'"),
    "a bad deletion": lambda out: _sql(out, "INSERT INTO deleted VALUES ('x', 'tag:x', 'yesterday')"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_state_is_rebuilt_from_scratch_and_says_so(damage: str, built: tuple[Path, Path, dict[str, str]],
                                                            tmp_path: Path) -> None:
    source, out, before = built
    DAMAGE[damage](out)
    report = build(BuildOptions(source=source, out=out, jobs=1))
    assert report.ok and report.built == len(SOURCES), [str(p) for p in report.problems]
    assert any("could not be trusted" in notice and "building everything again" in notice for notice in report.notices)
    assert tree(out) == before
    again = build(BuildOptions(source=source, out=out, jobs=1))
    assert (again.built, again.unchanged, again.notices) == (0, len(SOURCES), [])


def test_the_check_passes_what_the_build_writes(built: tuple[Path, Path, dict[str, str]]) -> None:
    _, out, _ = built
    opened, notice = State.open(_state(out))
    opened.close()
    assert notice is None


def test_the_manifest_is_written_from_the_entries_the_state_holds_and_stays_json(
        built: tuple[Path, Path, dict[str, str]]) -> None:
    source, out, _ = built
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert '    {\n      "key": "baclofen",\n' in manifest  # as the build wrote it: a line per fact
    # The same facts written by another JSON writer are still the record's JSON, and the manifest copies them.
    _row(lambda manifest: None)(out)
    report = build(BuildOptions(source=source, out=out, jobs=1))
    assert (report.built, report.notices) == (0, [])
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == json.loads(manifest)


def _run_build(source: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["build", str(source), "-o", str(out), "--jobs", "1", "--quiet"])
    return code, capsys.readouterr().err


def test_a_state_that_is_a_folder_is_one_line_and_exit_2(built: tuple[Path, Path, dict[str, str]],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    source, out, before = built
    path = _state(out)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()
    code, err = _run_build(source, out, capsys)
    assert code == 2 and err.count("\n") == 1 and "it is a folder" in err and "Traceback" not in err
    assert path.is_dir() and tree(out) == before


def test_a_state_that_is_a_link_is_refused(built: tuple[Path, Path, dict[str, str]], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source, out, _ = built
    path = _state(out)
    shutil.move(path, tmp_path / "moved.sqlite")
    path.symlink_to(tmp_path / "moved.sqlite")
    code, err = _run_build(source, out, capsys)
    assert code == 2 and "symbolic link" in err and (tmp_path / "moved.sqlite").is_file()


def test_a_state_locked_by_another_program_is_one_line_and_exit_2(
    built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    source, out, before = built
    monkeypatch.setattr(state_module, "BUSY_TIMEOUT", 0.1)
    holder = sqlite3.connect(_state(out), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, err = _run_build(source, out, capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and err.count("\n") == 1 and "another program holds a lock on it" in err
    assert tree(out) == before
    assert build(BuildOptions(source=source, out=out, jobs=1)).ok


def test_a_read_only_state_is_one_line_and_exit_2(built: tuple[Path, Path, dict[str, str]],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Opened read-only, as on a read-only mount (file modes do not stop root, who runs CI)."""
    source, out, before = built
    path = source / "baclofen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  Changed.", 1),
                    encoding="utf-8")
    monkeypatch.setattr(State, "_connect", staticmethod(
        lambda where: sqlite3.connect(f"file:{where}?mode=ro", uri=True, isolation_level=None)))
    code, err = _run_build(source, out, capsys)
    assert code == 2 and err.count("\n") == 1 and "cannot use the build state" in err and "read-only" in err
    assert tree(out) == before and _state(out).stat().st_size > 0, "a state that cannot be written is not discarded"


def test_a_full_disk_at_the_state_commit_leaves_out_as_it_was_and_the_next_build_completes(
    built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    source, out, before = built
    path = source / "baclofen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  Changed.", 1),
                    encoding="utf-8")
    real = State.commit
    commits = {"n": 0}

    def full(self: State) -> None:
        commits["n"] += 1
        if commits["n"] == 2:  # the commit that records the run's work, after everything is written aside
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
            raise error
        real(self)

    monkeypatch.setattr(State, "commit", full)
    code, err = _run_build(source, out, capsys)
    assert code == 2 and err.count("\n") == 1 and "the disk is full" in err and "Traceback" not in err
    assert tree(out) == before and not list(out.rglob("*.tmp"))
    monkeypatch.setattr(State, "commit", real)
    assert build(BuildOptions(source=source, out=out, jobs=1)).built == 1
    assert build(BuildOptions(source=source, out=tmp_path / "clean", jobs=1)).ok
    assert "summary reworded: now 'Changed." in (out / "feed.atom").read_text(encoding="utf-8")
    assert published_without_history(out) == published_without_history(tmp_path / "clean")
