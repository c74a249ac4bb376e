"""`monograph migrate`: schema 1.x files rewritten for schema 2, comments and layout kept, never an invalid file.

Each folder in cases/migrate holds one 1.x (or already 2.0) source file, the
exact report expected (expected.txt) and, when the file is migrated, the exact
text expected afterwards (after.yaml). Regenerate with MONOGRAPH_REGENERATE=1
and read the diff.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import compare_or_regenerate
from monograph.cli import main
from monograph.loader import load_file

CASES = sorted(p for p in (Path(__file__).parent / "cases" / "migrate").iterdir() if p.is_dir())
SIDECARS = {"expected.txt", "after.yaml"}


def _source(folder: Path) -> Path:
    (source,) = [p for p in folder.iterdir() if p.name not in SIDECARS]
    return source


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_migrate_case(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    source = _source(folder)
    target = tmp_path / source.name
    shutil.copy(source, target)
    monkeypatch.chdir(tmp_path)
    before = target.read_bytes()

    assert main(["migrate", "--check", target.name]) in (0, 1)
    assert target.read_bytes() == before, "--check writes nothing"
    capsys.readouterr()

    code = main(["migrate", target.name])
    out, err = capsys.readouterr()
    compare_or_regenerate(folder / "expected.txt", out.encode("utf-8"))
    if (folder / "after.yaml").exists() or (code == 0 and target.read_bytes() != before):
        compare_or_regenerate(folder / "after.yaml", target.read_bytes())
        assert code == 0
        assert main(["validate", target.name]) == 0, capsys.readouterr().out
        assert main(["migrate", "--check", target.name]) == 0, "a migrated file needs nothing more"
    else:
        assert target.read_bytes() == before, "a file that is not migrated is left as it was"


def _as_1x(data: dict[str, Any]) -> dict[str, Any]:
    """Migrated data with the migration undone, to compare with what the 1.x file said."""
    data = copy.deepcopy(data)
    del data["schema_version"]
    drug = data["drug"]
    (entry,) = drug.pop("supply")
    drug["prescription_status"] = entry["status"]
    if "applies_to" in data.get("boxed_warning", {}):
        data["boxed_warning"]["forms"] = data["boxed_warning"].pop("applies_to")
    for item in data.get("precautions", {}).get("items", []):
        if "concepts" in item:
            (item["concept"],) = item.pop("concepts")
    return data


def _sorted(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _sorted(node[key]) for key in sorted(node)}
    if isinstance(node, list):
        return [_sorted(item) for item in node]
    return node


def test_a_migrated_file_says_what_the_1x_file_said_and_keeps_its_comments() -> None:
    """Every value survives, only the documented fields move, and every comment stays."""
    for folder in CASES:
        after = folder / "after.yaml"
        if not after.exists():
            continue
        before_document, _ = load_file(_source(folder))
        after_document, _ = load_file(after)
        assert before_document is not None and after_document is not None
        assert _sorted(_as_1x(after_document.data)) == _sorted(before_document.data), folder.name
        old = _source(folder).read_text(encoding="utf-8-sig")
        new = after.read_text(encoding="utf-8-sig")
        comments = [line.strip() for line in old.splitlines() if line.strip().startswith("#") or " #" in line]
        assert [c for c in comments if c.split("#", 1)[-1] not in new] == [], folder.name
        assert list(after_document.data)[1:] == list(before_document.data), "the key order stays"
