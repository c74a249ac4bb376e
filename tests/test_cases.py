"""The bad-input corpus: every folder in cases/invalid holds one source file and the exact output expected for it.

A case folder may also hold the project's settings (``monograph.toml``, read
because the case runs in its folder) and ``case.toml``, whose ``args`` are put
before the file on the command line (``args = ["--format", "json"]``).
"""

from __future__ import annotations

import json
import shutil
import time
import tomllib
from pathlib import Path

import pytest
from conftest import compare_or_regenerate
from monograph.cli import main
from monograph.project import Project
from monograph.publish import BuildOptions, build

CASES = Path(__file__).parent / "cases"
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


SIDECARS = {"expected.txt", "case.toml", "monograph.toml"}


def _source_file(folder: Path) -> Path:
    (source,) = [p for p in folder.iterdir() if p.name not in SIDECARS]
    return source


def _arguments(folder: Path) -> list[str]:
    case = folder / "case.toml"
    return list(tomllib.loads(case.read_text(encoding="utf-8")).get("args", [])) if case.is_file() else []


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 50


@pytest.mark.parametrize("folder", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(folder)
    started = time.perf_counter()
    arguments = _arguments(folder)
    code = main(["validate", *arguments, _source_file(folder).name])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 1
    assert err == ""
    assert "Traceback" not in out
    assert elapsed < 1.0, f"took {elapsed:.2f} s"
    compare_or_regenerate(folder / "expected.txt", out.encode("utf-8"))
    if arguments:
        return  # another report format; the text report's shape is checked by the cases without arguments
    lines = out.splitlines()
    assert any(": error: " in line for line in lines[:-1]), "at least one located error"
    for line in lines[:-1]:
        file, line_no, column, rest = line.split(":", 3)
        assert file == _source_file(folder).name and int(line_no) >= 1 and int(column) >= 1
        assert rest.startswith((" error: ", " warning: "))


@pytest.mark.parametrize("folder", INVALID, ids=[p.name for p in INVALID])
def test_build_writes_nothing_for_an_invalid_case(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(_source_file(folder), source / _source_file(folder).name)
    out = tmp_path / "dist"
    report = build(BuildOptions(source=source, out=out, jobs=1, project=Project.load(folder)))
    assert not report.ok and report.failed == 1 and report.built == 0
    published = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".monograph" not in p.parts}
    assert published == {"feed.atom", "manifest.json", "html/index.html", "fhir/package.tgz"}  # the corpus files
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["monographs"] == []


BASE = (CASES / "invalid" / "citation-unresolved" / "baclofen.yaml").read_text(encoding="utf-8").replace("[lable]", "[label]")
GENERATED = {
    # Too large to commit; made here, byte for byte the same every run.
    "huge-file": ("file-too-large", 1, 1, BASE + "# " + "x" * 1_100_000 + "\n"),
    "huge-scalar": ("schema", 6, 10, BASE.replace("summary: Baclofen is a muscle relaxant used to treat spasticity.",
                                                   "summary: " + "spasm " * 150_000)),
    "deep-flow-nesting": ("yaml-depth", 4, 1007, BASE.replace("title: Baclofen", "title: " + "[" * 100_000 + "]" * 100_000)),
    "deep-block-nesting": ("yaml-depth", 114, 129, BASE + "deep:\n" + "".join("  " * i + "- \n" for i in range(1, 200))),
}


def test_unknown_fields_by_the_ten_thousand_are_worded_in_linear_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # Long names, so that looking for a likely spelling is quick and the time is the wording's own; each name
    # once looked at every key above it, and 14,000 of them took 17 s.
    (tmp_path / "baclofen.yaml").write_text(BASE + "".join(f"{'x' * 60}{i}: 1\n" for i in range(14_000)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    code = main(["validate", "baclofen.yaml"])
    elapsed = time.perf_counter() - started
    out = capsys.readouterr().out
    assert code == 1 and out.endswith("14000 errors in 1 of 1 file\n")
    assert elapsed < 5.0, f"took {elapsed:.1f} s"


def test_a_schema_error_that_no_wording_takes_up_still_makes_the_file_invalid(monkeypatch: pytest.MonkeyPatch) -> None:
    # The wording of one keyword may leave an error to another keyword's (an empty text to minLength); when none
    # takes it up, the file was reported valid, published, and failed in an exporter.
    from monograph import schema_messages
    from monograph.loader import load_bytes
    from monograph.validation import validate_document

    monkeypatch.setitem(schema_messages._WORDING, "pattern", lambda *_: iter(()))
    document, _ = load_bytes("baclofen.yaml", BASE.replace("rxnorm: \"1292\"", "rxnorm: \"x\"").encode())
    assert document is not None
    result = validate_document(document, build=False)
    assert not result.valid
    assert [(p.rule, p.location.line, p.location.pointer) for p in result.problems] == [("schema", 16, "/drug/codes/rxnorm")]


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    rule, line, column, text = GENERATED[name]
    source = tmp_path / "source"
    source.mkdir()
    (source / "baclofen.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    code = main(["validate"])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 1 and err == "" and elapsed < 1.0
    first = out.splitlines()[0]
    assert first.startswith(f"source/baclofen.yaml:{line}:{column}: error: ") and first.endswith(f"[{rule}]"), first
    report = build(BuildOptions(source=source, out=tmp_path / "dist", jobs=1))
    assert report.failed == 1 and not (tmp_path / "dist" / "xml" / "baclofen.xml").exists()
