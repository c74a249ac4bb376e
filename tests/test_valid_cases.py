"""Odd but valid input works end to end: every format, every validator, and a build."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, load_model
from format_checks import check_every_format
from monograph.api import export
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from monograph.loader import MAX_FILE_BYTES
from monograph.model import Monograph, PartialDate
from monograph.publish import BuildOptions, build
from support import dump_yaml

VALID = Path(__file__).parent / "cases" / "valid"
CASES = sorted(p for p in VALID.glob("*/*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.parent.name for p in CASES])
def test_every_format_passes_its_validators(path: Path) -> None:
    check_every_format(load_model(path))


def test_a_bom_and_crlf_change_nothing(baclofen: Monograph) -> None:
    assert load_model(VALID / "bom-and-crlf" / "baclofen.yaml") == baclofen


def test_unquoted_dates_keep_what_the_author_wrote() -> None:
    model = load_model(VALID / "unquoted-dates" / "baclofen.yaml")
    assert model.review.last_reviewed == PartialDate(2023, 4, 12)
    assert model.modified == PartialDate(2024)
    assert model.citations[0].date == PartialDate(2023, 3)


def test_right_to_left_and_non_latin_pages() -> None:
    arabic = load_model(VALID / "arabic-translation" / "baclofen.ar.yaml")
    page = export(arabic, "html").decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "باكلوفين" in page
    assert arabic.key == "baclofen.ar"
    chinese = load_model(VALID / "chinese-translation" / "baclofen.zh-Hans.yaml")
    assert '<html lang="zh-Hans" dir="ltr">' in export(chinese, "html").decode("utf-8")


def test_hostile_text_comes_out_exactly() -> None:
    model = load_model(VALID / "hostile-text" / "hostile.yaml")
    graph = json.loads(export(model, "jsonld"))["@graph"]
    assert graph == jsonld_document(model)["@graph"]
    page = next(n for n in graph if n["@type"] == "MedicalWebPage")
    assert page["name"] == 'Hostile <Drug> & "Co" ]]>'
    assert page["reviewedBy"]["name"] == "Board </script><script>alert(1)</script>"


def test_a_build_publishes_every_valid_case(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for path in CASES:
        shutil.copy(path, source / f"{path.parent.name}-{path.name}" if path.stem == "baclofen" else source / path.name)
    # The translations sit beside their original; the other baclofen variants need ids of their own.
    for path in source.glob("*-baclofen.yaml"):
        key = path.stem
        text = path.read_text(encoding="utf-8-sig").replace("id: baclofen", f"id: {key}", 1)
        path.write_text(text.replace("/drugs/baclofen", f"/drugs/{key}"), encoding="utf-8")
    shutil.copy(REPO / "source" / "baclofen.yaml", source / "baclofen.yaml")
    report = build(BuildOptions(source=source, out=tmp_path / "dist", jobs=1))
    assert report.ok, [str(p) for p in report.problems]
    assert report.built == len(CASES) + 1
    html = tmp_path / "dist" / "html"
    assert (html / "baclofen.ar.html").is_file() and (html / "baclofen.zh-Hans.html").is_file()


def largest_monograph() -> str:
    """A monograph as large as the schema and the file limit allow: long lists, long text, every section."""
    data = yaml.safe_load((REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8"))
    words = "Baclofen relaxes muscles; ask your doctor or pharmacist when something is unclear. "
    long = lambda n: (words * (n // len(words) + 1))[:n].strip()  # noqa: E731
    data["summary"] = long(4900)
    data["mechanism"]["text"] = "\n\n".join(long(990) for _ in range(20))
    data["side_effects"]["items"] = [
        {"name": f"Side effect {i} " + long(180), "explanation": long(290), "note": long(490), "frequency": "rare"}
        for i in range(200)
    ]
    data["precautions"]["items"] = [
        {"kind": "other", "text": f"Precaution {i} " + long(980), "effect": long(480)} for i in range(100)
    ]
    data["advice"]["items"] = [{"topic": "other", "text": long(1990)} for _ in range(50)]
    text = dump_yaml(data)
    # The schema's limits bound the content at about half the file limit; comments fill the file to the byte.
    room = MAX_FILE_BYTES - len(text.encode("utf-8"))
    lines = []
    while room > 0:
        line = "# " + "x" * min(998, room - 3) + "\n" if room >= 4 else "\n" * room
        lines.append(line)
        room -= len(line)
    return text + "".join(lines)


def test_the_largest_monograph_we_accept(tmp_path: Path) -> None:
    text = largest_monograph()
    size = len(text.encode("utf-8"))
    assert size == MAX_FILE_BYTES
    path = tmp_path / "baclofen.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    model = load_model(path)
    # The FHIRPath invariants take minutes on a document this size; the structural checks and JSON Schema stay.
    check_every_format(model, invariants=False)
    assert time.perf_counter() - started < 30
