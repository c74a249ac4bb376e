"""HL7's own FHIR validator on the bundled monographs, R5 and R4, with the project's conformance package loaded.

The validator (validator_cli.jar, with the check.sh that runs it offline) is not a
Python package and is not in this repository: the test runs where it is found
(``$HL7_VALIDATOR_JAR``, or ``shared/tools/hl7-validator/`` beside the checkout
or one folder further up) and ``java`` is on PATH, and skips saying why
otherwise. One run per release validates every output file and every resource of
the package at once, because loading takes most of a run (35 s to minutes, 6 GB
of heap; 50 s a release on a quiet 2-CPU machine, 13 and 20 minutes under a load of 15).
``-m "not hl7_validator"`` leaves it out.

Nothing is waived but one thing: the bundled monographs are samples whose pages
live at ``https://example.org/drugs/...``, and the validator refuses example
addresses ("Example URLs are not allowed in this context"). Rather than pass
``-allow-example-urls true``, which also lets other example.org URLs through, the
test accepts exactly that error for exactly those addresses.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tarfile
import time
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO, load_model
from monograph import api
from monograph.api import export
from monograph.corpuspaths import FHIR_PACKAGE_FILE
from monograph.model import Monograph
from monograph.project import Project
from support import combination_data, make_monograph
from test_fhir_scoping import full

pytestmark = pytest.mark.hl7_validator

VERSIONS = {"r5": "5.0.0", "r4": "4.0.1"}
ISSUE = re.compile(r"^(?P<file>[^:]+):(?P<line>[^:]*):(?P<col>[^:]*): (?P<severity>error|warning|information): (?P<text>.*)$")
SUMMARY = re.compile(r"^hl7-validator \S+: (\d+) files, (\d+) errors, (\d+) warnings, (\d+) information$")
SEVERAL_ROUTES = REPO / "tests" / "cases" / "valid" / "several-routes-and-a-range-of-times" / "diphenhydramine.yaml"
EXAMPLE_PAGE = re.compile(r"^Example URLs are not allowed in this context \((https://example\.org/[^)\s]*)\) \(.*\)$")


def find_check_script() -> Path | None:
    """check.sh beside $HL7_VALIDATOR_JAR if that is set (check.sh reads it too), else in shared/ near the checkout."""
    jar = os.environ.get("HL7_VALIDATOR_JAR")
    if jar:
        script = Path(jar).parent / "check.sh"
        return script if Path(jar).is_file() and script.is_file() else None
    for folder in (REPO.parent, REPO.parent.parent):
        tools = folder / "shared" / "tools" / "hl7-validator"
        if (tools / "check.sh").is_file() and (tools / "validator_cli.jar").is_file():
            return tools / "check.sh"
    return None


def skip_reason() -> str | None:
    if find_check_script() is None:
        return ("HL7's FHIR validator was not found: set HL7_VALIDATOR_JAR to validator_cli.jar (with check.sh beside it), "
                "or put it in shared/tools/hl7-validator/ beside this checkout")
    if shutil.which("java") is None:
        return "HL7's FHIR validator needs java (Java 17) on PATH"
    return None


@cache
def combination() -> Monograph:
    """Several boxed warnings and per-ingredient maximums: shapes the bundled monographs do not use."""
    return make_monograph(combination_data())


@cache
def pages() -> frozenset[str]:
    """The example.org addresses the inputs themselves carry: the bundled monographs' page addresses, and every
    address written in the test fixtures (their pages, programs and citations are stand-ins too). Only these are
    waived; an example address the tool made up would still fail."""
    bundled = {api.load(path, project=Project(folder=REPO)).url for path in sorted((REPO / "source").glob("*.yaml"))}
    written = repr([model for _, model in fixtures()])
    return frozenset(bundled | set(re.findall(r"https://example\.org/[^\s'\")]*", written)))


@cache
def fixtures() -> tuple[tuple[str, Monograph], ...]:
    """Monographs made for the tests, beside the bundled ones: test_fhir_scoping's full fixture, and the case whose
    forms have several routes and whose doses are taken a range of times (frequency to frequencyMax), and the
    combination fixture, with several boxed warnings and maximums of one ingredient each."""
    return (("full", full()), ("several-routes-and-a-range-of-times", load_model(SEVERAL_ROUTES)),
            ("combination", combination()))


def monograph_files(release: str, work: Path) -> list[str]:
    """The built bundled monographs, and the test fixtures: the full one alone uses some of the package's
    extensions (a dosing step's delay, premedication, a storage instruction's population and disposal), and the
    validator builds a definition only for an instance that uses it; the routes case alone has a form with several
    routes and a frequency range, and the combination alone several boxed warnings and maximums of one ingredient."""
    out = work / release
    written = []
    for name, model in fixtures():
        fixture = out / "fixture" / f"{name}.json"
        fixture.parent.mkdir(parents=True, exist_ok=True)
        fixture.write_bytes(export(model, "fhir", fhir_release=release))
        written.append(str(fixture))
    return [*sorted(str(p) for p in (out / "fhir").glob("*.json")), *written]


@cache
def validation(release: str, work: Path) -> tuple[list[dict[str, str]], tuple[int, ...], float, list[str]]:
    """(issues, (files, errors, warnings, information), seconds, the files validated) for one run over a release."""
    out = work / release
    report = api.build(REPO / "source", out, formats=("fhir",), jobs=1, project=Project(folder=REPO), fhir_release=release)
    assert report.ok, report.problems
    package = out / FHIR_PACKAGE_FILE
    unpacked = work / f"package-{release}"
    with tarfile.open(fileobj=io.BytesIO(package.read_bytes()), mode="r:gz") as archive:
        archive.extractall(unpacked, filter="data")
    files = monograph_files(release, work)
    files += sorted(str(p) for p in (unpacked / "package").glob("*-*.json"))
    script = find_check_script()
    assert script is not None
    # -ig must be the last option: check.sh moves every argument that is a file into the file list, in order.
    command = ["bash", str(script), "--version", VERSIONS[release], "--", "-ig", str(package), *files]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    seconds = time.monotonic() - started
    summary = [SUMMARY.match(line) for line in done.stdout.splitlines()]
    counts = next((tuple(int(g) for g in m.groups()) for m in summary if m), None)
    assert counts is not None, f"the validator gave no result (exit {done.returncode}):\n{done.stderr[-3000:]}"
    issues = [m.groupdict() for line in done.stdout.splitlines() if (m := ISSUE.match(line))]
    return issues, counts, seconds, files


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    return tmp_path_factory.mktemp("hl7-validator")


@pytest.mark.parametrize("release", list(VERSIONS))
def test_hl7s_validator_finds_no_error_in_the_output_or_the_package(release: str, work: Path,
                                                                   record_property: pytest.RecordProperty) -> None:
    issues, counts, seconds, files = validation(release, work)
    record_property("seconds", round(seconds, 1))
    print(f"\nhl7-validator {VERSIONS[release]}: {counts[0]} files, {counts[1]} errors, {counts[2]} warnings, "
          f"{counts[3]} information in {seconds:.0f} s")
    validated = {Path(issue["file"]).name for issue in issues}
    assert counts[0] == len(files) + 1  # check.sh counts the package it loads as one more file
    errors = [i for i in issues if i["severity"] == "error"]
    known = pages()  # loads every source and the fixture: once, not once an error
    waived = [i for i in errors if (m := EXAMPLE_PAGE.match(i["text"])) and m.group(1) in known]
    assert [f"{Path(i['file']).name}:{i['line']}: {i['text']}" for i in errors if i not in waived] == []
    documents = {Path(f).name for f in monograph_files(release, work)}
    assert {Path(i["file"]).name for i in waived} == documents, "each monograph's example.org page address is reported"
    assert counts[1] == len(waived)
    assert validated, "the validator reported nothing at all: it cannot have read the files"
