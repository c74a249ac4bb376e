"""The command line's streams, signals and exit codes: a closed or broken stdout changes nothing, no content can
forge a report line or field, every failure outside the input is one line, and builds say what they are doing."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO
from monograph.cli import _ProgressLines, main
from monograph.problems import Location, Problem
from monograph.reporters import REPORTERS, artifact_uri
from test_build import copy_sources, variant

MONOGRAPH = [sys.executable, "-m", "monograph.cli"]
INVALID = REPO / "tests" / "cases" / "invalid" / "many-problems-at-once" / "baclofen.yaml"
BACLOFEN = REPO / "source" / "baclofen.yaml"


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command line as a user types it, ``monograph`` being this checkout's."""
    script = f"monograph() {{ {sys.executable} -m monograph.cli \"$@\"; }}\n{command}"
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("command", ["validate {invalid}", "validate {invalid} --format sarif", "build source -o dist"])
def test_a_reader_that_goes_away_does_not_change_the_exit_code(command: str, tmp_path: Path) -> None:
    copy_sources(tmp_path / "source")
    (tmp_path / "source" / "broken.yaml").write_text(INVALID.read_text(encoding="utf-8"), encoding="utf-8")
    done = shell(f"monograph {command.format(invalid=INVALID)} | head -c1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"",
                 tmp_path)
    assert done.stdout.strip() == "1" and "Traceback" not in done.stderr and "Exception" not in done.stderr


@pytest.mark.parametrize(("arguments", "code"), [
    (["validate", str(INVALID)], 1), (["validate", str(BACLOFEN)], 0), (["export", str(BACLOFEN), "--to", "xml"], 0),
    (["schema"], 0), (["explain"], 0),
])
def test_a_closed_stdout_does_not_change_the_exit_code(arguments: list[str], code: int) -> None:
    done = subprocess.run(MONOGRAPH + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False, timeout=60, pass_fds=(), close_fds=True,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == code and done.stderr == ""


def test_a_full_stdout_is_a_failure_outside_the_input(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    done = shell(f"monograph export {BACLOFEN} --to xml > /dev/full", tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "standard output" in done.stderr


FORGERY = 'x\nsource/other.yaml:12:3: error: forged (/) [schema]\n::error file=x::forged'


def _forged() -> list[Problem]:
    return [Problem(Location("evil\nsource/other.yaml:1:1: error: file.yaml", 2, 3, f"/{FORGERY}"), f"unknown field '{FORGERY}'")]


@pytest.mark.parametrize("report", ["text", "github"])
def test_no_content_can_forge_a_line(report: str) -> None:
    written = REPORTERS[report](_forged(), 1)
    lines = written.splitlines()
    assert len(lines) == (2 if report == "text" else 1)
    assert not any(line.startswith(("source/other.yaml", "::error file=x")) for line in lines)
    assert "\\n" in written


def test_no_content_can_forge_a_sarif_or_json_field() -> None:
    for report in ("sarif", "json"):
        written = REPORTERS[report](_forged(), 1)
        assert "\\n" in written and json.loads(written)
    log = json.loads(REPORTERS["sarif"](_forged(), 1))
    message = log["runs"][0]["results"][0]["message"]["text"]
    assert "\n" not in message


def test_sarif_uris_are_percent_encoded() -> None:
    assert artifact_uri("source/a b%#?.yaml") == "source/a%20b%25%23%3F.yaml"
    assert artifact_uri("/abs/x.yaml") == "file:///abs/x.yaml"
    assert artifact_uri(os.fsdecode(b"source/\xff.yaml")) == "source/%FF.yaml"


def test_a_file_name_that_is_not_utf8_is_a_located_problem(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "source")
    os.mkdir(folder)
    with open(os.path.join(folder, b"\xff.yaml"), "wb") as handle:
        handle.write(BACLOFEN.read_bytes())
    for command, code in (("validate source", 1), ("validate source --format json", 1), ("build source -o dist", 1)):
        done = shell(f"monograph {command}", tmp_path)
        assert done.returncode == code and "Traceback" not in done.stderr, (command, done.stderr)
        assert "\\xff" in done.stdout and "not valid UTF-8" in done.stdout


def test_one_file_named_two_ways_is_one_file(tmp_path: Path) -> None:
    copy_sources(tmp_path / "real" / "source", ["baclofen"])
    (tmp_path / "link").symlink_to(tmp_path / "real")
    done = shell(f"cd {tmp_path / 'link'} && monograph validate source/baclofen.yaml $PWD/source/baclofen.yaml",
                 tmp_path)
    assert (done.returncode, done.stdout) == (0, "1 file valid\n"), done.stdout


def _a_corpus_that_takes_seconds(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "source")
    for index in range(300):
        (source / f"extra-{index:03d}.yaml").write_text(variant(source / "baclofen.yaml", f"extra-{index:03d}"),
                                                         encoding="utf-8")


def _until_it_has_started(tmp_path: Path, process: subprocess.Popen[str]) -> None:
    """Wait until the build has made its state folder, which it does after its signal handlers are set: a fixed
    sleep is too short on a loaded machine, and the signal would come before the handlers."""
    deadline = time.monotonic() + 60
    while not (tmp_path / ".monograph" / "dist").is_dir():
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "the build did not start within a minute"
        time.sleep(0.05)
    time.sleep(0.3)  # into the work itself


def test_ctrl_c_is_one_line_and_130_without_worker_tracebacks(tmp_path: Path) -> None:
    _a_corpus_that_takes_seconds(tmp_path)
    process = subprocess.Popen(MONOGRAPH + ["build", "source", "-o", "dist", "--jobs", "2", "--quiet"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _until_it_has_started(tmp_path, process)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.strip().count("\n") == 0 and "SIGINT" in err
    assert not list((tmp_path / "dist").rglob("*.tmp"))
    finished = subprocess.run(MONOGRAPH + ["build", "source", "-o", "dist", "--quiet"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120, check=False)
    assert finished.returncode == 0, finished.stderr


def test_sigterm_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _a_corpus_that_takes_seconds(tmp_path)
    process = subprocess.Popen(MONOGRAPH + ["build", "source", "-o", "dist", "--jobs", "1", "--quiet"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _until_it_has_started(tmp_path, process)
    process.terminate()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and "Traceback" not in err and err.count("\n") == 1 and "SIGTERM" in err, err
    assert not list((tmp_path / "dist").rglob("*.tmp"))


def test_jobs_are_capped_at_the_cpus_and_it_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_sources(tmp_path / "source")
    code = main(["build", str(tmp_path / "source"), "-o", str(tmp_path / "dist"), "--jobs", "100000", "--quiet"])
    err = capsys.readouterr().err
    assert code == 0 and "100000 jobs asked for" in err and "using" in err


def test_without_a_terminal_a_build_reports_progress_in_lines() -> None:
    said: list[str] = []
    lines = _ProgressLines(said.append, interval=0.0)
    for done in range(0, 101):
        lines(done, 100)
    assert said[0] == "10 of 100 monographs done (10%)" and len(said) == 9, said
    quiet: list[str] = []
    throttled = _ProgressLines(quiet.append, interval=3600)
    for done in range(0, 101):
        throttled(done, 100)
    assert quiet == [], "a build that ends within the interval says nothing but its summary"


def test_a_second_build_says_that_it_waits_for_the_first(tmp_path: Path) -> None:
    import fcntl

    copy_sources(tmp_path / "source")
    lock = tmp_path / ".monograph" / "dist" / "lock"
    lock.parent.mkdir(parents=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        process = subprocess.Popen(MONOGRAPH + ["build", "source", "-o", "dist", "--quiet"], cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Its first words come while it is blocked on the lock held here; read them before letting it go.
        assert process.stderr is not None
        ready, _, _ = select.select([process.stderr], [], [], 60)
        assert ready, "no word from the waiting build within a minute"
        first = process.stderr.readline()
        assert process.poll() is None, "it waits"
        fcntl.flock(handle, fcntl.LOCK_UN)
    _, err = process.communicate(timeout=60)
    assert first == "monograph: waiting for another build of dist to finish…\n" and process.returncode == 0, first + err


def test_one_monograph_is_one_monograph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_sources(tmp_path / "source", ["baclofen"])
    assert main(["build", str(tmp_path / "source"), "-o", str(tmp_path / "dist"), "--quiet"]) == 0
    assert capsys.readouterr().err.startswith("1 monograph: 1 built, 0 unchanged in ")


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder", "/dev/stdout", "/dev/null"])
def test_export_o_writes_only_a_regular_file_or_a_new_path(kind: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "target"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        (tmp_path / "real.xml").write_text("keep")
        target.symlink_to(tmp_path / "real.xml")
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path(kind)
    before = os.lstat(target)
    assert main(["export", str(BACLOFEN), "--to", "xml", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give the path of a regular file, or a new one" in err
    assert os.lstat(target).st_ino == before.st_ino and os.lstat(target).st_mode == before.st_mode
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if kind == "symlink":
        assert (tmp_path / "real.xml").read_text() == "keep"


@pytest.mark.parametrize("spelling", ["same", "another", "hard link"])
def test_export_o_never_replaces_the_monograph_it_exports(spelling: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "source" / "baclofen.yaml"
    source.parent.mkdir()
    source.write_bytes(BACLOFEN.read_bytes())
    target = {"same": str(source), "another": str(tmp_path / "source" / ".." / "source" / "baclofen.yaml"),
              "hard link": str(tmp_path / "linked.yaml")}[spelling]
    if spelling == "hard link":
        os.link(source, target)
    assert main(["export", str(source), "--to", "xml", "-o", target]) == 2
    err = capsys.readouterr().err
    assert err == f"monograph: error: {target}: cannot write output: it is the monograph being exported; give another path\n"
    assert source.read_bytes() == BACLOFEN.read_bytes()


def test_export_o_replaces_a_regular_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    target.write_text("old")
    target.chmod(0o640)
    assert main(["export", str(BACLOFEN), "--to", "xml", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"<?xml") and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]


def test_new_refuses_a_dir_that_is_a_file_and_a_fifo_to_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "afile").write_text("x")
    assert main(["new", "x-y", "--dir", str(tmp_path / "afile")]) == 2
    assert "it is not a folder" in capsys.readouterr().err
    os.mkfifo(tmp_path / "pipe.yaml")
    assert main(["new", "x-y", "--dir", str(tmp_path), "--from", str(tmp_path / "pipe.yaml")]) == 2
    assert "named pipe" in capsys.readouterr().err and not (tmp_path / "x-y.yaml").exists()


@pytest.mark.parametrize(("setting", "found"), [
    ('title = "Drug\\u0007 monographs"', "[feed] title"),
    ('author = "Editors\\nsource/x.yaml:1:1: error: forged"', "[feed] author"),
    ('base_url = "https://user:secret@example.org/"', "credentials"),
    ('base_url = "https://example.org/monographs"', "end with '/'"),
    ('base_url = "https://example.org/a#b#c/"', "second '#'"),
    ('id = "not an iri"', "[feed] id"),
    ('tag_date = "2026-13"', "[feed] tag_date"),
    ('language = "english (uk)"', "[feed] language"),
])
def test_monograph_toml_is_checked_when_read(setting: str, found: str, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "monograph.toml").write_text(f"# settings\n[feed]\n{setting}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", str(BACLOFEN)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("monograph: error: monograph.toml:3: ") and found in err and err.count("\n") == 1


def test_a_build_refuses_pipes_and_devices_in_the_source_folder_at_once(tmp_path: Path) -> None:
    source = copy_sources(tmp_path / "source", ["baclofen"])
    os.mkfifo(source / "pipe.yaml")
    (source / "zero.yaml").symlink_to("/dev/zero")
    started = time.monotonic()
    done = subprocess.run(MONOGRAPH + ["build", "source", "-o", "dist", "--quiet"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 1 and time.monotonic() - started < 20 and "Traceback" not in done.stderr
    assert "pipe.yaml:1:1: error: cannot read the file: it is a named pipe (FIFO)" in done.stdout
    assert "zero.yaml:1:1: error: cannot read the file: it is a device" in done.stdout
    assert (tmp_path / "dist" / "html" / "baclofen.html").is_file()


_POOL_STARTS_AND_STOPS = """
import signal, sys
from monograph.cli import _raise_interrupted
from monograph.project import Project
from monograph.tasks import WorkContext
from monograph.workers import workers

signal.signal(signal.SIGTERM, _raise_interrupted)  # as the command line sets it before a build
context = WorkContext(sys.argv[1], ("jsonld",), {}, Project(), "token")
for _ in range(int(sys.argv[2])):
    with workers(context, 2):  # a build with nothing to do stops its pool at once
        pass
print("stopped every pool")
"""


def test_a_pool_stopped_while_its_workers_start_never_waits_for_one(tmp_path: Path) -> None:
    # A worker that took the stop signal with the command line's handler, before setting its own, lived on, and
    # the build waited for it for ever; before the fix, a few hundred pools were enough to meet it here.
    done = subprocess.run([sys.executable, "-c", _POOL_STARTS_AND_STOPS, str(tmp_path), "600"], capture_output=True,
                          text=True, timeout=120, cwd=REPO, check=False)
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "stopped every pool", "")
