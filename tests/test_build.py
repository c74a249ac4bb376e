"""`monograph build`: layout, feed, manifest, incremental and parallel builds, failures and faults."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import REPO, SOURCES
from lxml import etree
from monograph import atomic, source_build
from monograph.cli import main
from monograph.errors import OutputError
from monograph.publish import BuildOptions, BuildReport, build
from monograph.registry import format_names
from support import published_without_history

FIXED_NOW = "2026-01-02T03:04:05Z"


def tree(folder: Path) -> dict[str, str]:
    """Every published file under ``folder`` (the state folder aside) with its SHA-256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".monograph" not in path.parts
    }


def copy_sources(target: Path, names: list[str] | None = None) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SOURCES:
        if names is None or path.stem in names:
            shutil.copy(path, target / path.name)
    return target


def variant(source: Path, new_id: str) -> str:
    """The text of ``source`` as a monograph with another id and URL."""
    text = source.read_text(encoding="utf-8")
    old_id = source.stem
    return text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1).replace(
        f"https://example.org/drugs/{old_id}", f"https://example.org/drugs/{new_id}", 1
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return copy_sources(tmp_path / "source")


def run_build(source: Path, out: Path, now: str | None = None, **kwargs: Any) -> BuildReport:
    moment = dt.datetime.fromisoformat(now.replace("Z", "+00:00")) if now else None
    return build(BuildOptions(source=source, out=out, now=moment, **kwargs))


# ---------------------------------------------------------------- layout, feed, manifest


def test_a_build_writes_the_whole_layout(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    report = run_build(corpus, out, jobs=1)
    assert report.ok and report.built == len(SOURCES)
    files = set(tree(out))
    for source in SOURCES:
        key = source.stem
        assert {f"jsonld/{key}.jsonld", f"fhir/{key}.json", f"xml/{key}.xml", f"html/{key}.html"} <= files
    assert {"feed.atom", "manifest.json", "html/index.html"} <= files
    assert set(format_names()) >= {"jsonld", "fhir", "xml", "html"}


def test_the_feed_reads_cleanly_and_every_link_resolves(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    feed = feedparser.parse((out / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(SOURCES)
    assert feed.namespaces.get("fh") == "http://purl.org/syndication/history/1.0"
    for entry in feed.entries:
        assert entry.id.startswith("tag:example.org,")
        (content,) = entry.content
        assert content["type"] == "application/xml"
        assert (out / content["src"]).is_file()
        for link in entry.links:
            if link["rel"] == "related":
                assert (out / link["href"]).is_file()
        assert entry.summary
        assert entry.updated_parsed is not None
    root = etree.parse(str(out / "feed.atom"), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    assert root.find("{http://purl.org/syndication/history/1.0}complete") is not None


def test_the_index_page_links_every_monograph(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    import html5lib

    document = html5lib.parse((out / "html" / "index.html").read_bytes(), namespaceHTMLElements=False)
    links = [a.get("href") for item in document.iter("li") for a in item.iter("a")]  # the entries, not the A-Z bar
    assert sorted(links) == sorted(f"{p.stem}.html" for p in SOURCES)
    for link in links:
        assert (out / "html" / link).is_file()


def test_the_manifest_traces_every_output_to_its_source(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    from monograph import __version__
    from monograph.schema import schema_version

    assert manifest["tool"] == {"name": "monograph", "version": __version__}
    assert manifest["schema"]["version"] == schema_version()
    named = set()
    for item in manifest["corpus_outputs"]:
        assert hashlib.sha256((out / item["path"]).read_bytes()).hexdigest() == item["sha256"]
        named.add(item["path"])
    for monograph in manifest["monographs"]:
        source = corpus / monograph["source"]
        assert hashlib.sha256(source.read_bytes()).hexdigest() == monograph["sha256"]
        lines = source.read_text(encoding="utf-8").splitlines()
        for field, (first, last) in monograph["fields"].items():
            assert 1 <= first <= last <= len(lines)
            assert lines[first - 1].startswith(f"{field}:"), (field, lines[first - 1])
        for output in monograph["outputs"]:
            data = (out / output["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == output["sha256"] and len(data) == output["bytes"]
            named.add(output["path"])
    assert named == set(tree(out)) - {"manifest.json"}


# ---------------------------------------------------------------- determinism, incremental, parallel


def test_a_rebuild_is_a_byte_identical_no_op(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    before = tree(out)
    mtimes = {p: (out / p).stat().st_mtime_ns for p in before}
    report = run_build(corpus, out, jobs=1)
    assert (report.built, report.unchanged) == (0, len(SOURCES))
    assert tree(out) == before
    assert {p: (out / p).stat().st_mtime_ns for p in before} == mtimes, "a no-op rebuild writes nothing"


def test_the_output_is_the_same_whatever_the_number_of_jobs(corpus: Path, tmp_path: Path) -> None:
    for index in range(12):  # enough sources for the pool to share them out
        (corpus / f"extra-{index}.yaml").write_text(variant(corpus / "baclofen.yaml", f"extra-{index}"), encoding="utf-8")
    run_build(corpus, tmp_path / "one", jobs=1)
    run_build(corpus, tmp_path / "two", jobs=2)
    run_build(corpus, tmp_path / "three", jobs=3)
    assert tree(tmp_path / "one") == tree(tmp_path / "two") == tree(tmp_path / "three")


def test_a_changed_source_is_the_only_one_rebuilt(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    before = tree(out)
    path = corpus / "tizanidine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Tizanidine", "title: Tizanidine (Zanaflex)"),
                    encoding="utf-8")
    report = run_build(corpus, out, jobs=1)
    assert (report.built, report.unchanged) == (1, len(SOURCES) - 1)
    after = tree(out)
    changed = {p for p in after if after[p] != before.get(p)}
    assert {p for p in changed if "tizanidine" not in p} <= {"feed.atom", "manifest.json", "html/index.html"}
    assert after["html/baclofen.html"] == before["html/baclofen.html"]


def test_touching_a_source_without_changing_it_rebuilds_nothing(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    before = tree(out)
    os.utime(corpus / "baclofen.yaml", ns=(1, 1))
    report = run_build(corpus, out, jobs=1)
    assert report.built == 0 and tree(out) == before


def test_a_deleted_output_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    before = tree(out)
    (out / "fhir" / "baclofen.json").unlink()
    report = run_build(corpus, out, jobs=1)
    assert report.built == 1
    assert tree(out) == before


def test_only_the_requested_formats_are_written(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1, formats=("jsonld", "xml"))
    folders = {p.split("/")[0] for p in tree(out) if "/" in p}
    assert folders == {"jsonld", "xml", "html"}  # html/ holds the index page
    assert not any(p.startswith("html/") and p != "html/index.html" for p in tree(out))


# ---------------------------------------------------------------- removed and invalid sources


def test_a_removed_source_becomes_a_deleted_entry_and_its_outputs_go(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    (corpus / "tizanidine.yaml").unlink()
    report = run_build(corpus, out, jobs=1, now=FIXED_NOW)
    assert report.deleted == 1
    assert not any("tizanidine" in p for p in tree(out))
    root = etree.parse(str(out / "feed.atom")).getroot()
    tombstones = root.findall("{http://purl.org/atompub/tombstones/1.0}deleted-entry")
    assert [(t.get("ref"), t.get("when")) for t in tombstones] == [("tag:example.org,2026:monograph/tizanidine", FIXED_NOW)]
    assert not feedparser.parse((out / "feed.atom").read_bytes()).bozo
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "tizanidine" not in {m["key"] for m in manifest["monographs"]}
    again = tree(out)
    run_build(corpus, out, jobs=1)  # later builds keep the same deletion time
    assert tree(out) == again


def test_an_invalid_source_is_reported_and_produces_nothing(corpus: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(REPO / "tests" / "cases" / "invalid" / "many-problems-at-once" / "baclofen.yaml", corpus / "broken.yaml")
    out = tmp_path / "dist"
    code = main(["build", str(corpus), "-o", str(out), "--jobs", "1", "--quiet"])
    stdout, stderr = capsys.readouterr()
    assert code == 1
    assert f"{corpus / 'broken.yaml'}:1:1: error:" in stdout
    assert not any("broken" in p for p in tree(out))
    assert all((out / "html" / f"{p.stem}.html").is_file() for p in SOURCES)
    assert stderr.strip().endswith("s") and "1 failed" in stderr


def test_a_source_that_breaks_keeps_its_last_good_outputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    before = tree(out)
    (corpus / "baclofen.yaml").write_text("id: baclofen\ntitle: [broken\n", encoding="utf-8")
    report = run_build(corpus, out, jobs=1)
    assert not report.ok and report.failed == 1
    assert tree(out) == before


def test_two_files_with_one_url_publish_only_the_first(corpus: Path, tmp_path: Path) -> None:
    text = (corpus / "baclofen.yaml").read_text(encoding="utf-8").replace("id: baclofen\n", "id: zz-copy\n", 1)
    (corpus / "zz-copy.yaml").write_text(text, encoding="utf-8")
    report = run_build(corpus, tmp_path / "dist", jobs=1)
    assert [p.rule for p in report.problems] == ["duplicate-url"]
    assert report.problems[0].location.line > 1
    assert not any("zz-copy" in p for p in tree(tmp_path / "dist"))


def test_sources_whose_names_and_keys_sort_apart_are_planned_one_by_one(corpus: Path, tmp_path: Path) -> None:
    # Path order: a/zz, b/aa, baclofen.es, baclofen; key order: aa, baclofen, baclofen.es, zz. The plan walks the
    # state in key order, the build takes sources in name order.
    for folder, new_id in (("a", "zz"), ("b", "aa")):
        (corpus / folder).mkdir()
        (corpus / folder / f"{new_id}.yaml").write_text(variant(corpus / "tizanidine.yaml", new_id), encoding="utf-8")
    spanish = (corpus / "baclofen.yaml").read_text(encoding="utf-8").replace("language: en\n", "language: es\n", 1)
    (corpus / "baclofen.es.yaml").write_text(spanish.replace("https://example.org/drugs/baclofen",
                                                             "https://example.org/es/baclofeno", 1), encoding="utf-8")
    out = tmp_path / "dist"
    first = run_build(corpus, out, jobs=1)
    assert first.ok and first.built == len(SOURCES) + 3, [str(p) for p in first.problems]
    before = tree(out)
    assert run_build(corpus, out, jobs=1).unchanged == len(SOURCES) + 3
    for path in (corpus / "b" / "aa.yaml", corpus / "baclofen.es.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("summary: >-\n", "summary: >-\n  Revised.\n", 1),
                        encoding="utf-8")
    report = run_build(corpus, out, jobs=1)
    assert (report.built, report.unchanged) == (2, len(SOURCES) + 1)
    changed = {p for p, data in tree(out).items() if data != before.get(p)}
    assert {p.split("/")[-1].split(".")[0] for p in changed} == {"aa", "baclofen", "feed", "manifest", "index"}
    assert not any(p.endswith(("/baclofen.html", "/baclofen.json", "/zz.xml")) for p in changed)


def test_of_two_files_with_one_url_the_first_by_name_is_published_whatever_their_keys(corpus: Path,
                                                                                        tmp_path: Path) -> None:
    for folder, new_id in (("a", "zz"), ("b", "aa")):  # a/zz.yaml comes first by name, aa first by key
        (corpus / folder).mkdir()
        (corpus / folder / f"{new_id}.yaml").write_text(variant(corpus / "tizanidine.yaml", "zz").replace(
            "id: zz\n", f"id: {new_id}\n", 1), encoding="utf-8")
    report = run_build(corpus, tmp_path / "dist", jobs=1)
    assert [(p.rule, Path(p.location.file).name) for p in report.problems] == [("duplicate-url", "aa.yaml")]
    files = tree(tmp_path / "dist")
    assert "html/zz.html" in files and not any("/aa." in p for p in files)


def test_a_translation_gets_its_own_outputs(corpus: Path, tmp_path: Path) -> None:
    text = (corpus / "baclofen.yaml").read_text(encoding="utf-8")
    text = text.replace("language: en\n", "language: es\n", 1).replace(
        "https://example.org/drugs/baclofen", "https://example.org/es/medicamentos/baclofeno", 1)
    (corpus / "baclofen.es.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "dist"
    report = run_build(corpus, out, jobs=1)
    assert report.ok, [str(p) for p in report.problems]
    files = tree(out)
    assert "html/baclofen.es.html" in files and "html/baclofen.html" in files
    assert files["xml/baclofen.es.xml"] != files["xml/baclofen.xml"]
    assert 'lang="es"' in (out / "html" / "baclofen.es.html").read_text(encoding="utf-8")


def test_nothing_is_ever_written_outside_out(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "x..yaml").write_text(variant(SOURCES[0], "x"), encoding="utf-8")
    (source / "a.b.c.yaml").write_text(variant(SOURCES[0], "a"), encoding="utf-8")
    out = tmp_path / "deep" / "dist"
    report = run_build(source, out, jobs=1)
    assert report.failed == 2
    outside = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(p.startswith(("source/", "deep/dist/", "deep/.monograph/dist/")) for p in outside), outside


# ---------------------------------------------------------------- output folders that cannot be used


def test_an_output_path_that_is_a_file_is_a_clear_error(corpus: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "dist"
    target.write_text("not a folder")
    code = main(["build", str(corpus), "-o", str(target), "--quiet"])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.startswith(f"monograph: error: {target}: cannot write output: it exists and is not a folder")


def test_an_output_folder_that_cannot_be_created_is_a_clear_error(corpus: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    code = main(["build", str(corpus), "-o", str(tmp_path / "file" / "dist"), "--quiet"])
    _, err = capsys.readouterr()
    assert code == 2 and "cannot write output" in err and "Traceback" not in err


def test_a_full_disk_leaves_every_published_file_as_it_was(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "dist"
    run_build(corpus, out, jobs=1)
    before = tree(out)
    for path in corpus.glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("summary: >-", "summary: >-\n  Updated.", 1),
                        encoding="utf-8")
    writes = {"count": 0}
    real = atomic.write_temporary

    def failing(final: Path, data: bytes, token: str) -> Path:
        writes["count"] += 1
        if writes["count"] > 5:
            raise OSError(28, "No space left on device", str(final))
        return real(final, data, token)

    monkeypatch.setattr(source_build, "write_temporary", failing)
    with pytest.raises(OutputError) as error:
        run_build(corpus, out, jobs=1)
    assert "No space left on device" in str(error.value)
    assert tree(out) == before, "nothing is published until every file of the build is written"
    assert not list(out.rglob("*.tmp")), "no temporary file is left behind"
    monkeypatch.setattr(source_build, "write_temporary", real)
    report = run_build(corpus, out, jobs=1)
    assert report.ok and report.built == len(SOURCES)
    run_build(corpus, tmp_path / "clean", jobs=1)
    # The feed says what changed since the last published version (the failed build recorded nothing), which a
    # clean build cannot know; everything else is what a clean build writes.
    assert (out / "feed.atom").read_text(encoding="utf-8").count("summary reworded: now 'Updated.") == len(SOURCES)
    assert published_without_history(out) == published_without_history(tmp_path / "clean")


def test_two_builds_at_once_do_not_corrupt_the_output(corpus: Path, tmp_path: Path) -> None:
    for index in range(40):
        (corpus / f"extra-{index}.yaml").write_text(variant(corpus / "baclofen.yaml", f"extra-{index}"), encoding="utf-8")
    out = tmp_path / "dist"
    command = [sys.executable, "-m", "monograph.cli", "build", str(corpus), "-o", str(out), "--jobs", "1", "--quiet"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    run_build(corpus, tmp_path / "clean", jobs=1)
    assert tree(out) == tree(tmp_path / "clean")


# ---------------------------------------------------------------- killed builds


def _complete(path: Path) -> bool:
    """Whether a published file is whole: it parses as what it claims to be."""
    data = path.read_bytes()
    if path.suffix in (".json", ".jsonld"):
        json.loads(data)
    elif path.suffix in (".xml", ".atom"):
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>")
    return True


def test_a_build_killed_at_any_moment_leaves_no_torn_file_and_the_next_one_completes(
    corpus: Path, tmp_path: Path,
) -> None:
    import random
    import signal
    import time

    for index in range(150):
        (corpus / f"extra-{index:03d}.yaml").write_text(variant(corpus / "baclofen.yaml", f"extra-{index:03d}"),
                                                         encoding="utf-8")
    out = tmp_path / "dist"
    command = [sys.executable, "-m", "monograph.cli", "build", str(corpus), "-o", str(out), "--jobs", "2", "--quiet"]
    chance = random.Random(20261125)
    for _ in range(4):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
        time.sleep(chance.uniform(0.2, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for path in out.rglob("*"):
            if path.is_file() and ".monograph" not in path.parts and not path.name.endswith(".tmp"):
                assert _complete(path), path
    finished = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert not list(out.rglob("*.tmp"))
    run_build(corpus, tmp_path / "clean", jobs=2)
    assert tree(out) == tree(tmp_path / "clean")
