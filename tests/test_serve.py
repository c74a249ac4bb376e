"""`monograph serve`, end to end: started on a free loopback port, a saved change reaches a waiting browser within a
second, a broken file shows its problems instead of the stale page, and it stops cleanly."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

pytest.importorskip("watchfiles")


def _get(url: str, timeout: float = 10.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copytree(REPO / "source", tmp_path / "source")
    process = subprocess.Popen([sys.executable, "-m", "monograph", "serve", "--port", "0"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    found = re.match(r"monograph: serving (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C to stop\)$", line.strip())
    assert found, (line, process.stderr.read() if process.poll() is not None else "")
    yield found.group(1), tmp_path, process
    if process.poll() is None:
        process.kill()
        process.wait()


def _version(page: str) -> int:
    found = re.search(r"var v=(\d+);", page)
    assert found, page[-400:]
    return int(found.group(1))


def test_a_saved_change_reaches_the_browser_within_a_second(server) -> None:  # type: ignore[no-untyped-def]
    url, folder, process = server
    status, index = _get(url)
    assert status == 200 and 'href="/baclofen.html"' in index
    status, page = _get(url + "baclofen.html")
    assert status == 200 and "<h1" in page and "skeletal muscle relaxant" in page
    version = _version(page)
    answered: list[float] = []

    def browser() -> None:  # what the page's script does: wait for a new version
        _get(f"{url}_monograph/wait?after={version}", timeout=15)
        answered.append(time.monotonic())

    waiting = threading.Thread(target=browser)
    waiting.start()
    time.sleep(0.3)  # the request is being held
    path = folder / "source" / "baclofen.yaml"
    saved = time.monotonic()
    path.write_text(path.read_text(encoding="utf-8").replace("skeletal muscle relaxant", "muscle relaxer", 1),
                    encoding="utf-8")
    waiting.join(10)
    assert answered, "the waiting request was never answered"
    status, page = _get(url + "baclofen.html")
    shown = time.monotonic()
    assert status == 200 and "muscle relaxer" in page and "skeletal muscle relaxant" not in page
    print(f"saved change shown after {shown - saved:.3f} s")
    assert shown - saved < 1.0, f"the change took {shown - saved:.2f} s to reach the page"
    assert _version(page) > version


def test_a_broken_file_shows_its_problems_not_the_stale_page(server) -> None:  # type: ignore[no-untyped-def]
    url, folder, process = server
    version = _version(_get(url + "tizanidine.html")[1])
    path = folder / "source" / "tizanidine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nid: tizanidine\n", "\nid: Tizanidine\n", 1),
                    encoding="utf-8")
    _get(f"{url}_monograph/wait?after={version}", timeout=15)
    status, page = _get(url + "tizanidine.html")
    assert "source/tizanidine.yaml has problems" in page and "/id" in page, page
    assert "var v=" in page  # it reloads itself once the file is fixed
    assert _get(url + "no-such-drug.html")[0] == 404


def test_it_stops_cleanly_on_sigterm(server) -> None:  # type: ignore[no-untyped-def]
    url, folder, process = server
    process.send_signal(signal.SIGTERM)
    assert process.wait(10) == 0
    assert "preview stopped" in process.stderr.read()


def test_it_listens_on_loopback_only_by_default() -> None:
    from monograph.arguments import parser

    assert parser("serve").parse_args(["serve"]).host == "127.0.0.1"


def test_a_real_browser_reloads_the_saved_page_within_a_second(server) -> None:  # type: ignore[no-untyped-def]
    """Chromium (Debian's, as tests/test_browser.py drives it) on the page: the save reloads it by itself."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium_path = Path("/usr/bin/chromium")
    if not chromium_path.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    url, folder, process = server
    failures: list[BaseException] = []

    def drive() -> None:
        try:
            _reload_in_chromium(sync_api, chromium_path, url, folder / "source" / "baclofen.yaml")
        except BaseException as error:  # noqa: B036 (handed to the test's thread)
            failures.append(error)

    # A thread of its own: the sync API refuses a thread whose event loop another test's browser holds.
    driver = threading.Thread(target=drive)
    driver.start()
    driver.join(120)
    assert not driver.is_alive(), "the browser did not finish"
    if failures:
        raise failures[0]


def _reload_in_chromium(sync_api, chromium_path: Path, url: str, path: Path) -> None:  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            page.goto(url + "baclofen.html")
            assert "skeletal muscle relaxant" in page.content()
            page.wait_for_timeout(300)  # the page's script is waiting for a change
            with page.expect_navigation(timeout=1000):  # fails unless the page reloads within a second of the save
                path.write_text(path.read_text(encoding="utf-8").replace("skeletal muscle relaxant", "muscle relaxer", 1),
                                encoding="utf-8")
            assert "muscle relaxer" in page.content()
        finally:
            browser.close()
