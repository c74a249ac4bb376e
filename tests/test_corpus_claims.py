"""The cross-file check of `monograph validate` keeps digests, not claims: it must still find every shared claim,
name the first file as the owner, and never report two files whose digests meet by chance."""

from __future__ import annotations

from pathlib import Path

import pytest
from monograph import corpus, pipeline
from monograph.corpus import ClaimDigests
from monograph.project import Project
from monograph.sources import discover, discover_names, discover_packed
from support import REPO, TODAY


def _copy(folder: Path, new_id: str, url_id: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8")
    text = text.replace("id: baclofen\n", f"id: {new_id}\n", 1)
    text = text.replace("https://example.org/drugs/baclofen\n", f"https://example.org/drugs/{url_id}\n", 1)
    (folder / f"{new_id}.yaml").write_text(text, encoding="utf-8")


def _cross_file(folder: Path) -> list[tuple[str, str, str]]:
    result = pipeline.check_paths([str(folder)], Project(today=TODAY))
    assert all(p.rule in ("duplicate-id", "duplicate-url") for p in result.problems), [str(p) for p in result.problems]
    return sorted((Path(p.location.file).relative_to(folder).as_posix(), p.rule, p.location.pointer, p.message)
                  for p in result.problems)


def test_shared_ids_and_urls_are_found_and_the_first_file_keeps_them(tmp_path: Path) -> None:
    _copy(tmp_path / "a", "one", "one")
    _copy(tmp_path / "b", "one", "two")  # the id of a/one.yaml
    _copy(tmp_path / "b", "three", "one")  # the URL of a/one.yaml
    _copy(tmp_path / "b", "four", "four")
    found = _cross_file(tmp_path)
    assert [entry[:3] for entry in found] == [("b/one.yaml", "duplicate-id", "/id"), ("b/three.yaml", "duplicate-url", "/url")]
    assert all(str(tmp_path / "a" / "one.yaml") in message for *_, message in found), found


def test_digests_that_meet_by_chance_report_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(4):
        _copy(tmp_path, f"drug-{index}", f"drug-{index}")
    monkeypatch.setattr(corpus, "hash", lambda text: 7, raising=False)  # every claim has the same digest
    digests = ClaimDigests(2)
    digests.add(0, "a", "x")
    digests.add(1, "b", "y")
    assert digests.suspects() == [0, 1]
    assert _cross_file(tmp_path) == []


def test_names_come_in_the_order_paths_sort(tmp_path: Path) -> None:
    for name in ("b-c.yaml", "b/c.yaml", "b/a.yml", "a.yaml", "B.yaml", ".hidden/x.yaml", "b.yaml/x.yaml", "z.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    names = discover_names([str(tmp_path), str(tmp_path / "a.yaml"), str(tmp_path / "z.txt")])
    assert names == [str(p) for p in sorted(Path(n) for n in names)]
    assert [Path(n).relative_to(tmp_path).as_posix() for n in names] == [
        "B.yaml", "a.yaml", "b/a.yml", "b/c.yaml", "b-c.yaml", "b.yaml/x.yaml", "z.txt"]
    assert discover([str(tmp_path)]) == [Path(n) for n in discover_names([str(tmp_path)])]
    packed = discover_packed([str(tmp_path), str(tmp_path / "a.yaml"), str(tmp_path / "z.txt")])
    assert len(packed) == len(names) and [packed[i] for i in range(len(names))] == names
    assert packed[-1] == names[-1] and packed[2:4] == names[2:4]
    with pytest.raises(IndexError):
        packed[len(names)]
