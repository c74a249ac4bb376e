"""The build owns only what it wrote: it leaves everything else in OUT alone, never touches anything outside OUT
whatever its state says, and keeps its state out of what is published."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from monograph.errors import OutputError
from monograph.publish import BuildOptions, build
from test_build import copy_sources, tree

README = Path(__file__).resolve().parent.parent / "README.md"


def _state(out: Path) -> Path:
    return out.parent / ".monograph" / out.name / "state.sqlite"


def test_files_of_others_in_out_are_left_alone_however_they_are_named(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "source")
    out = tmp_path / "dist"
    out.mkdir()
    theirs = {out / ".draft.tmp": b"draft", out / "html" / ".edit.tmp": b"edit", out / "notes.txt": b"notes",
              out / "html" / ".baclofen.html.monograph-0123456789abcdef.tmp": b"looks like ours, is not"}
    (out / "html").mkdir()
    for path, data in theirs.items():
        path.write_bytes(data)
    for _ in range(2):
        assert build(BuildOptions(source=source, out=out, jobs=1)).ok
        (source / "tizanidine.yaml").unlink(missing_ok=True)  # the second build also removes a source's outputs
    assert {path: path.read_bytes() for path in theirs} == theirs


def test_out_holds_no_tool_state(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert build(BuildOptions(source=copy_sources(tmp_path / "source"), out=out, jobs=1)).ok
    published = {p.relative_to(out).as_posix() for p in out.rglob("*")}
    assert not [p for p in published if p.startswith(".") or "/." in p or p.endswith((".sqlite", ".tmp", "lock"))]
    assert _state(out).is_file()


def _tampered(tmp_path: Path, paths: list[str]) -> tuple[Path, Path, list[Path]]:
    """A built corpus whose state says a removed source wrote ``paths`` (with those files' real digests)."""
    source = copy_sources(tmp_path / "source")
    out = tmp_path / "dist"
    assert build(BuildOptions(source=source, out=out, jobs=1)).ok
    victims = []
    db = sqlite3.connect(_state(out))
    (manifest,) = db.execute("SELECT manifest FROM sources WHERE key = 'tizanidine'").fetchone()
    entry = json.loads(manifest)
    for path in paths:
        victim = (out / path) if not path.startswith("/") else Path(path)
        victim.parent.mkdir(parents=True, exist_ok=True)
        victim.write_bytes(b"keep me")
        victims.append(victim)
        entry["outputs"].append({"format": "html", "path": path, "sha256": hashlib.sha256(b"keep me").hexdigest(),
                                 "bytes": 7})
    db.execute("UPDATE sources SET manifest = ? WHERE key = 'tizanidine'", (json.dumps(entry),))
    db.commit()
    db.close()
    (source / "tizanidine.yaml").unlink()
    return source, out, victims


def test_a_tampered_state_cannot_make_the_build_delete_anything_outside_out(tmp_path: Path) -> None:
    outside = tmp_path / "victims" / "keep.txt"
    source, out, victims = _tampered(tmp_path, ["../victims/keep.txt", str(outside), "html/../../victims/also.txt"])
    report = build(BuildOptions(source=source, out=out, jobs=1))
    assert report.ok
    assert all(victim.read_bytes() == b"keep me" for victim in victims)
    assert any("could not be trusted" in notice for notice in report.notices), report.notices


def test_files_the_state_lists_for_deletion_outside_out_are_kept(tmp_path: Path) -> None:
    """The list of files to delete, which the state keeps between a commit and the deletions, is checked too."""
    source = copy_sources(tmp_path / "source")
    out = tmp_path / "dist"
    assert build(BuildOptions(source=source, out=out, jobs=1)).ok
    victim = tmp_path / "victims" / "keep.txt"
    victim.parent.mkdir()
    victim.write_bytes(b"keep me")
    (out / "html" / "link").symlink_to(victim.parent)
    digest = hashlib.sha256(b"keep me").hexdigest()
    db = sqlite3.connect(_state(out))
    db.executemany("INSERT INTO garbage VALUES (?, ?)",
                   [("../victims/keep.txt", digest), (str(victim), digest), ("html/link/keep.txt", digest)])
    db.commit()
    db.close()
    report = build(BuildOptions(source=source, out=out, jobs=1))
    assert report.ok and victim.read_bytes() == b"keep me"
    assert sum("kept" in notice for notice in report.notices) == 3, report.notices


def test_the_outputs_of_a_removed_source_go_only_while_they_are_what_the_build_wrote(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "source")
    out = tmp_path / "dist"
    assert build(BuildOptions(source=source, out=out, jobs=1)).ok
    edited = out / "html" / "tizanidine.html"
    edited.write_text("edited by hand", encoding="utf-8")
    (out / "fhir" / "tizanidine.json").unlink()
    (out / "fhir" / "tizanidine.json").symlink_to(tmp_path / "source" / "baclofen.yaml")
    (source / "tizanidine.yaml").unlink()
    report = build(BuildOptions(source=source, out=out, jobs=1))
    assert report.ok and report.deleted == 1
    assert edited.read_text(encoding="utf-8") == "edited by hand"
    assert (out / "fhir" / "tizanidine.json").is_symlink() and (tmp_path / "source" / "baclofen.yaml").is_file()
    assert not (out / "xml" / "tizanidine.xml").exists() and not (out / "jsonld" / "tizanidine.jsonld").exists()
    assert sum("kept" in notice for notice in report.notices) == 2, report.notices


def test_a_format_folder_that_leads_out_of_out_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "dist"
    out.mkdir()
    (out / "html").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="leads out of"):
        build(BuildOptions(source=copy_sources(tmp_path / "source"), out=out, jobs=1))
    assert list(elsewhere.iterdir()) == []


def test_state_inside_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    with pytest.raises(OutputError, match="would be published"):
        build(BuildOptions(source=copy_sources(tmp_path / "source"), out=out, jobs=1, state=out / "state"))


def test_an_old_state_inside_out_is_pointed_out(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    (out / ".monograph").mkdir(parents=True)
    report = build(BuildOptions(source=copy_sources(tmp_path / "source"), out=out, jobs=1))
    assert any("delete it, or it will be published" in notice for notice in report.notices)
    assert (out / ".monograph").is_dir(), "it is not the build's to delete"


def test_the_readme_publishing_command_publishes_no_tool_state(tmp_path: Path) -> None:
    """The README's instructions, run as written, leave nothing of the tool's in what is published."""
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- publish -->")
    block = text[start:].split("```sh\n", 1)[1].split("```", 1)[0]
    (tmp_path / "source").mkdir()
    copy_sources(tmp_path / "source")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "SITE": str(tmp_path / "site")}
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    published = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert "feed.atom" in published and "html/baclofen.html" in published
    assert not [p for p in published if ".monograph" in p or p.endswith((".sqlite", ".tmp"))]
    assert set(published) == set(tree(tmp_path / "dist"))
