"""The Atom feed to the letter: RFC 4287's own grammar (jing), feedparser, the order of its children, its
namespaces, its self link and language, and an ``updated`` that differs whenever an entry's content does."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import feedparser
import pytest
from conftest import REPO, SOURCES
from lxml import etree
from monograph.feed import CHANGES, distinct_updates, entry_updated
from monograph.model import PartialDate
from monograph.project import FeedSettings, Project
from monograph.publish import BuildOptions, build
from support import EDITED_BACLOFEN_CHANGES, edit_baclofen, without_changes
from test_build import copy_sources, variant

GRAMMAR = Path(__file__).parent / "data" / "atom" / "atom.rnc"
ATOM = "{http://www.w3.org/2005/Atom}"
TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}deleted-entry"
CHANGE = f"{{{CHANGES}}}change"
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def _build(source: Path, out: Path, feed: FeedSettings | None = None) -> None:
    project = Project(feed=feed or FeedSettings())
    report = build(BuildOptions(source=source, out=out, jobs=1, now=NOW, project=project))
    assert report.ok, [str(p) for p in report.problems]


@pytest.fixture(scope="module")
def grammar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RFC 4287's grammar in RELAX NG's XML syntax, converted by trang; skipped (failed under CI=true) without the tools."""
    missing = [tool for tool in ("jing", "trang") if shutil.which(tool) is None]
    if missing:
        message = f"{' and '.join(missing)} not installed: apt-get install -y jing trang (as .ci/run does)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{message}; CI=true", pytrace=False)
        pytest.skip(message)
    converted = tmp_path_factory.mktemp("grammar") / "atom.rng"
    subprocess.run(["trang", str(GRAMMAR), str(converted)], check=True, capture_output=True, timeout=60)
    return converted


def jing(grammar: Path, *feeds: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["jing", str(grammar), *map(str, feeds)], capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Feeds of three builds: plain, under a base URL, and after a monograph was withdrawn."""
    root = tmp_path_factory.mktemp("feeds")
    source = copy_sources(root / "source")
    _build(source, root / "plain")
    _build(source, root / "based", FeedSettings(base_url="https://example.org/monographs/", author="Editors"))
    _build(source, root / "withdrawn")
    (source / "tizanidine.yaml").unlink()
    _build(source, root / "withdrawn")
    return {name: root / name / "feed.atom" for name in ("plain", "based", "withdrawn")}


def test_every_feed_passes_rfc_4287s_relax_ng_grammar(grammar: Path, feeds: dict[str, Path]) -> None:
    done = jing(grammar, *feeds.values())
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_grammar_check_can_fail(grammar: Path, feeds: dict[str, Path], tmp_path: Path) -> None:
    """A tombstone after the entries, as this tool once wrote them, breaks RFC 4287 4.1.1; jing must say so."""
    root = etree.parse(str(feeds["withdrawn"])).getroot()
    tombstone = root.find(TOMBSTONE)
    assert tombstone is not None
    root.remove(tombstone)
    root.append(tombstone)
    broken = tmp_path / "broken.atom"
    broken.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    assert jing(grammar, broken).returncode != 0


def test_feedparser_reads_every_feed_without_complaint(feeds: dict[str, Path]) -> None:
    for path in feeds.values():
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.get("language") == "en"


def test_tombstones_come_before_the_entries(feeds: dict[str, Path]) -> None:
    children = [child.tag for child in etree.parse(str(feeds["withdrawn"])).getroot()]
    assert TOMBSTONE in children
    assert max(i for i, tag in enumerate(children) if tag == TOMBSTONE) < children.index(f"{ATOM}entry")
    assert children[-1] == f"{ATOM}entry"


def test_a_base_url_binds_xml_base_to_the_xml_namespace_and_makes_the_self_link_absolute(feeds: dict[str, Path]) -> None:
    text = feeds["based"].read_text(encoding="utf-8")
    assert "ns0" not in text and 'xml:base="https://example.org/monographs/"' in text
    root = etree.parse(str(feeds["based"])).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}base") == "https://example.org/monographs/"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    (self_link,) = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link.get("href") == "https://example.org/monographs/feed.atom"
    parsed = feedparser.parse(feeds["based"].read_bytes())
    related = [link["href"] for entry in parsed.entries for link in entry.links if link["rel"] == "related"]
    assert related and all(href.startswith("https://example.org/monographs/") for href in related)


def test_without_a_base_url_the_self_link_is_the_feeds_own_name(feeds: dict[str, Path]) -> None:
    root = etree.parse(str(feeds["plain"])).getroot()
    assert [link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"] == ["feed.atom"]


def test_entries_never_share_an_updated_and_content_moves_it(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "source", ["baclofen"])
    for index in range(30):  # thirty monographs of one date
        (source / f"copy-{index:02d}.yaml").write_text(variant(source / "baclofen.yaml", f"copy-{index:02d}"),
                                                       encoding="utf-8")
    _build(source, tmp_path / "dist")
    first = _updated(tmp_path / "dist" / "feed.atom")
    assert len(set(first.values())) == len(first) == 31
    assert {value[:10] for value in first.values()} == {"2023-04-01"}, "the date is the monograph's"
    path = source / "copy-07.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  Changed.", 1),
                    encoding="utf-8")
    _build(source, tmp_path / "dist")
    second = _updated(tmp_path / "dist" / "feed.atom")
    assert second["copy-07"] != first["copy-07"]
    assert {k: v for k, v in second.items() if k != "copy-07"} == {k: v for k, v in first.items() if k != "copy-07"}
    _build(source, tmp_path / "clean")
    # What changed is history, which a clean build does not have; everything else is the same, byte for byte.
    [said] = _changes(tmp_path / "dist" / "feed.atom").values()
    assert [(field, words.startswith("summary reworded: now 'Changed. ")) for field, words, _ in said] == [("summary", True)]
    assert without_changes((tmp_path / "dist" / "feed.atom").read_bytes()) == (tmp_path / "clean" / "feed.atom").read_bytes()


def _changes(feed: Path) -> dict[str, list[tuple[str, str, str]]]:
    """The entries that say what changed: key -> (field, words, formats) of each change."""
    root = etree.parse(str(feed)).getroot()
    found = {}
    for entry in root.findall(f"{ATOM}entry"):
        said = [(c.get("field", ""), c.text or "", c.get("formats", "")) for c in entry.findall(f"{CHANGE}")]
        if said:
            found[entry.findtext(f"{ATOM}id", "").rsplit("/", 1)[-1]] = said
    return found


def _updated(feed: Path) -> dict[str, str]:
    root = etree.parse(str(feed)).getroot()
    return {entry.findtext(f"{ATOM}id", "").rsplit("/", 1)[-1]: entry.findtext(f"{ATOM}updated", "")
            for entry in root.findall(f"{ATOM}entry")}


def test_the_updated_policy_is_deterministic_and_resolves_collisions_within_the_day() -> None:
    month = PartialDate.parse("2024-03")
    assert entry_updated(month, "0" * 64) == "2024-03-01T00:00:00Z"
    assert entry_updated(month, "00000e10" + "0" * 56) == "2024-03-01T01:00:00Z"  # 0xe10 = 3600 s
    assert entry_updated(month, "ab" * 32) == entry_updated(PartialDate.parse("2024-03"), "ab" * 32)
    shared = [("a", "2024-03-01T23:59:59Z"), ("b", "2024-03-01T23:59:59Z"), ("c", "2024-03-01T23:59:59Z")]
    taken = {"2024-03-01T00:00:00Z"}
    moved = distinct_updates(shared, taken.__contains__)
    assert moved == {"b": "2024-03-01T00:00:01Z", "c": "2024-03-01T00:00:02Z"}, "never past midnight, never taken"


def test_feed_settings_reach_the_feed_and_the_index_page(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "source")
    out = tmp_path / "dist"
    _build(source, out)
    _build(source, out, FeedSettings(title="Fiches médicaments", author="Rédaction", language="fr"))
    feed = feedparser.parse((out / "feed.atom").read_bytes())
    assert feed.feed.title == "Fiches médicaments" and feed.feed.author == "Rédaction"
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>Fiches médicaments</title>" in index and '<html lang="fr">' in index
    assert len(SOURCES) == len(feed.entries)


def test_a_changed_monographs_entry_says_what_changed_since_the_build_before(grammar: Path, tmp_path: Path) -> None:
    source, out = copy_sources(tmp_path / "source", ["baclofen", "tizanidine"]), tmp_path / "dist"
    _build(source, out)
    assert _changes(out / "feed.atom") == {}, "a first build knows no earlier version"
    edit_baclofen(source / "baclofen.yaml")
    _build(source, out)
    said = _changes(out / "feed.atom")
    assert set(said) == {"baclofen"}
    assert {field: words for field, words, _ in said["baclofen"]} == EDITED_BACLOFEN_CHANGES
    assert {formats for _, _, formats in said["baclofen"]} == {"fhir html jsonld xml"}
    assert jing(grammar, out / "feed.atom").returncode == 0, jing(grammar, out / "feed.atom").stdout
    parsed = feedparser.parse(str(out / "feed.atom"))
    assert not parsed.bozo, parsed.get("bozo_exception")

    # Another monograph's change, and a build stamp that changes (every source rendered again), leave them be.
    tizanidine = source / "tizanidine.yaml"
    tizanidine.write_text(tizanidine.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  New.", 1),
                          encoding="utf-8")
    _build(source, out, FeedSettings(author="Editors"))
    again = _changes(out / "feed.atom")
    assert again["baclofen"] == said["baclofen"]
    assert [field for field, _, _ in again["tizanidine"]] == ["summary"]

    # The next change of baclofen replaces what its entry says, with the change from the version before.
    (source / "baclofen.yaml").write_text((REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    _build(source, out, FeedSettings(author="Editors"))
    assert sorted(words for _, words, _ in _changes(out / "feed.atom")["baclofen"]) == [
        "boxed warning now applies to Injection for intrathecal infusion only", "brand Revonto removed", "side effect Drowsiness added"]


def test_an_earlier_version_the_state_cannot_give_back_is_no_change_to_tell(tmp_path: Path) -> None:
    source, out = copy_sources(tmp_path / "source", ["baclofen"]), tmp_path / "dist"
    _build(source, out)
    with sqlite3.connect(out.parent / ".monograph" / out.name / "state.sqlite") as db:
        db.execute("UPDATE documents SET data = ?", (b"not zlib",))
    edit_baclofen(source / "baclofen.yaml")
    _build(source, out)
    assert _changes(out / "feed.atom") == {}
