"""Rule placeholder-text: an unedited `monograph new` skeleton never validates, builds or publishes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from monograph.cli import main
from monograph.rules import CheckContext
from monograph.rules.placeholder_text import check
from support import TODAY, baclofen_data

_LOCATED = re.compile(r"^source/probe\.yaml:(\d+):(\d+): error: (.*) \((/[^)]*)\) \[placeholder-text\]$", re.MULTILINE)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_fresh_skeleton_fails_validate_with_each_placeholder_located(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "probe"]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 1
    out = capsys.readouterr().out
    found = {pointer: int(line) for line, _, _, pointer in _LOCATED.findall(out)}
    assert set(found) == {"/url", "/summary", "/review/reviewed_by/name", "/indications/items/0/name",
                          "/citations/0/url"}, out
    lines = (project / "source" / "probe.yaml").read_text(encoding="utf-8").splitlines()
    assert "your-site.example" in lines[found["/url"] - 1]
    assert "Name of the medical reviewer" in lines[found["/review/reviewed_by/name"] - 1]
    assert "The condition the drug treats" in lines[found["/indications/items/0/name"] - 1]
    assert "dailymed/" in lines[found["/citations/0/url"] - 1]
    # The tool does not invent the review date: the author writes it.
    assert "the required field 'last_reviewed' (last reviewed) is missing" in out
    assert not re.search(r"^\s*last_reviewed:", "\n".join(lines), re.MULTILINE)


def test_a_fresh_skeleton_does_not_build(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", "probe"])
    assert main(["build", "--quiet"]) == 1
    assert "[placeholder-text]" in capsys.readouterr().out
    assert not list((project / "dist").rglob("probe*"))


def test_a_filled_in_skeleton_validates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", "probe"])
    path = project / "source" / "probe.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("your-site.example", "health.example.com"),
                     ("Say here what it is and what it is used for, in\n  plain words.", "It relaxes muscles."),
                     ("Name of the medical reviewer or review board", "Editorial Review Board"),
                     ("  # last_reviewed:\n", "  last_reviewed: 2026-11\n"),
                     ("The condition the drug treats", "Spasticity"),
                     ("https://dailymed.nlm.nih.gov/dailymed/\n",
                      "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=1b5a2e8c-6a6e-4c5e-9a3d-2d3c0b0e5f11\n")):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    assert main(["validate"]) == 0, capsys.readouterr().out
    for fmt in ("jsonld", "fhir", "xml", "html"):
        assert main(["export", "source/probe.yaml", "--to", fmt, "-o", f"out.{fmt}"]) == 0
        assert (project / f"out.{fmt}").stat().st_size > 0


def test_every_optional_section_of_the_skeleton_says_what_to_replace(project: Path) -> None:
    """Uncommented, the skeleton's example sections flag exactly their placeholder words."""
    main(["new", "probe"])
    text = (project / "source" / "probe.yaml").read_text(encoding="utf-8")
    for phrase in ("How the drug works, in plain words.", "What the boxed warning says.", "Brandname"):
        assert phrase in text
        assert list(check({"text": phrase}, CheckContext("probe", TODAY))), phrase


def test_a_review_date_written_by_an_older_skeleton_is_reported() -> None:
    data = baclofen_data()
    data["review"] = {"reviewed_by": {"name": "Name of the medical reviewer or review board"}, "last_reviewed": "2026-12"}
    pointers = [pointer for pointer, _ in check(data, CheckContext("baclofen", TODAY))]
    assert sorted(pointers) == ["/review/last_reviewed", "/review/reviewed_by/name"]


@pytest.mark.parametrize("address", ["https://example.org/drugs/baclofen", "https://www.example.com/x",
                                     "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=abc"])
def test_real_and_stand_in_addresses_are_not_placeholders(address: str) -> None:
    """example.org is the stand-in site of the bundled and test corpora; only the reserved TLDs can never be real."""
    assert list(check({"url": address}, CheckContext("baclofen", TODAY))) == []


@pytest.mark.parametrize("address", ["https://your-site.example/drugs/x", "https://labels.test/a",
                                     "http://localhost/x", "https://a.invalid"])
def test_reserved_hosts_are_placeholders_in_fields_and_prose(address: str) -> None:
    assert [p for p, _ in check({"url": address}, CheckContext("baclofen", TODAY))] == ["/url"]
    prose = {"summary": f"See [the label]({address}) for more."}
    assert [p for p, _ in check(prose, CheckContext("baclofen", TODAY))] == ["/summary"]


def test_the_bundled_sources_have_no_placeholders() -> None:
    from conftest import REPO

    assert main(["validate", str(REPO / "source")]) == 0
