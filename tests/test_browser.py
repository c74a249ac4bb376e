"""Every built page in a real browser (headless Chromium) and in the W3C Nu HTML Checker.

The bundled corpus is built once per session into a temporary folder and
served from 127.0.0.1; one Chromium, Debian's /usr/bin/chromium driven by
Playwright, opens each page (every monograph page and index.html) at a phone
(390 x 844), a desktop (1280 x 800) and the narrowest common screen (320 px),
and checks what a reader would meet: no console errors or failed requests, no
WCAG 2.x A/AA violation that axe-core finds, no sideways scrolling, dark mode
and print styles that apply, and the boxed warning, with the forms it applies to, in the first screen.
A second build adds an Arabic translation of baclofen, to see a right-to-left
page with Arabic interface words and dates as a reader does. Full-page
screenshots at 390 and 1280 are left in test-artifacts/screenshots/ for a
reviewer.

Each check is a function that the control page at the end of this file (a page
broken on purpose) must fail, so that none of them can pass by measuring nothing.

Without Chromium, Java or the npm packages of tests/browser/, these tests skip
and say what to install (tests/browser/install.sh installs all of it); under
CI=true they fail instead, since a skipped check there would hide a missing
install step.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlparse

import pytest
import yaml
from conftest import REPO, SCREENSHOTS, SCREENSHOTS_TAKEN, SOURCES
from support import dump_yaml
from test_html_frame import arabic_baclofen

try:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, sync_playwright
except ImportError:  # the test extra brings it; without it the browser tests skip
    sync_playwright = None

CHROMIUM = Path(os.environ.get("MONOGRAPH_CHROMIUM", "/usr/bin/chromium"))
NODE_MODULES = REPO / "tests" / "browser" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "tests/browser/install.sh"

# Without the background-networking, component-update and sync switches Chromium
# keeps calling home, which a closed network refuses; QUIC likewise. Playwright
# adds --headless and a fresh temporary --user-data-dir on its own.
CHROMIUM_SWITCHES = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]

# axe-core's tags for the A and AA success criteria of WCAG 2.0, 2.1 and 2.2 (it has no
# "wcag22a" tag: the A criteria new in 2.2 have no automatic rule).
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

BOXED_WARNING = ".boxed-warning"
"""How formats/html.py marks the boxed warning: <section class="boxed-warning" aria-labelledby=...>."""


class Viewport(NamedTuple):
    width: int
    height: int

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


PHONE = Viewport(390, 844)
DESKTOP = Viewport(1280, 800)
NARROWEST = Viewport(320, 568)
VIEWPORTS = [PHONE, DESKTOP, NARROWEST]
SCREENSHOT_VIEWPORTS = [PHONE, DESKTOP]

MONOGRAPH_PAGES = [f"{path.stem}.html" for path in SOURCES]
PAGES = [*MONOGRAPH_PAGES, "index.html"]
PAGES_WITH_A_BOXED_WARNING = [
    f"{path.stem}.html" for path in SOURCES if yaml.safe_load(path.read_text(encoding="utf-8")).get("boxed_warning")
]

ARABIC_PAGE = "translated/html/baclofen.ar.html"
"""baclofen.ar.yaml (tests/test_html_frame.py) built beside the bundled sources, under OUT/translated/."""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: object, missing: str) -> None:
    """Skip when a tool is missing, and say how to install it; in CI, fail instead."""
    if available:
        return
    message = f"{missing}; install the browser-test tools with `{INSTALL}`"
    if in_ci():
        pytest.fail(f"{message} (CI=true: .ci/run must install it)", pytrace=False)
    pytest.skip(message)


# ---------------------------------------------------------------- the site and the browser

@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built as a user builds it (`monograph build` in the checkout, with its monograph.toml)."""
    out = tmp_path_factory.mktemp("browser") / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "monograph.cli", "build", "source", "-o", str(out), "--jobs", "1", "--quiet"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (out / "html").glob("*.html")) == sorted(PAGES)
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def translated(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sources and an Arabic translation of baclofen, built into OUT/translated/ (served with OUT)."""
    source = tmp_path_factory.mktemp("translated") / "source"
    shutil.copytree(REPO / "source", source)
    (source / "baclofen.ar.yaml").write_text(dump_yaml(arabic_baclofen()), encoding="utf-8")
    out = built / "translated"
    done = subprocess.run([sys.executable, "-m", "monograph.cli", "build", str(source), "-o", str(out), "--jobs", "1",
                           "--quiet"], cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[str]:
    """The build folder over HTTP on a free port of 127.0.0.1, as a web server would serve it."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require(sync_playwright is not None, "the Python package playwright is not installed (it is in the test extra)")
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}")
    assert sync_playwright is not None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_SWITCHES)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe() -> Path:
    require(AXE.exists(), f"axe-core is not installed ({AXE.relative_to(REPO)} is missing)")
    return AXE


@pytest.fixture(scope="session")
def screenshots(request: pytest.FixtureRequest) -> Path:
    """An emptied folder, so that what is in it after a run is what that run saw."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    request.config.stash[SCREENSHOTS_TAKEN] = []
    return SCREENSHOTS


@dataclass
class Visit:
    page: Page
    viewport: Viewport
    problems: list[str] = field(default_factory=list)
    """Console errors, uncaught exceptions, failed requests and HTTP errors, in the order they happened."""
    axe_injected: bool = False


class Tabs:
    """One open tab per address and window size, shared by every test that looks at that page at that size.

    Opening a page and injecting axe-core into it take most of these tests' time, so each happens once; a tab is
    handed out again with the screen medium and the light colour scheme that a test may have changed.
    """

    def __init__(self, browser: Browser):
        self.browser = browser
        self.contexts: dict[Viewport, BrowserContext] = {}
        self.tabs: dict[tuple[str, Viewport], Visit] = {}

    def open(self, url: str, viewport: Viewport) -> Visit:
        seen = self.tabs.get((url, viewport))
        if seen is None:
            seen = self.tabs[url, viewport] = self._load(url, viewport)
        else:
            seen.page.emulate_media(media="screen", color_scheme="light")
        return seen

    def _load(self, url: str, viewport: Viewport) -> Visit:
        context = self.contexts.get(viewport)
        if context is None:
            context = self.contexts[viewport] = self.browser.new_context(
                viewport={"width": viewport.width, "height": viewport.height}, device_scale_factor=1,
                color_scheme="light")
        page = context.new_page()
        seen = Visit(page, viewport)

        def console(message: ConsoleMessage) -> None:
            if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
                seen.problems.append(f"console error: {message.text}")

        def exception(error: Exception) -> None:
            seen.problems.append(f"uncaught exception: {error}")

        def failed(request: Request) -> None:
            seen.problems.append(f"request failed: {request.url} ({request.failure})")

        def response(answer: Response) -> None:
            if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
                seen.problems.append(f"HTTP {answer.status}: {answer.url}")

        # Chromium asks a web server for /favicon.ico on its own; the pages name no icon, so the 404 that follows
        # is the server's concern, not the page's.
        page.on("console", console)
        page.on("pageerror", exception)
        page.on("requestfailed", failed)
        page.on("response", response)
        page.goto(url, wait_until="load")
        return seen

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def tabs(browser: Browser) -> Iterator[Tabs]:
    opened = Tabs(browser)
    yield opened
    opened.close()


# ---------------------------------------------------------------- the checks

def axe_violations(seen: Visit, axe_script: Path) -> list[str]:
    """What axe-core finds against WCAG 2.0/2.1/2.2 A and AA, one line per rule with the elements it flags."""
    if not seen.axe_injected:
        seen.page.add_script_tag(path=str(axe_script))
        seen.axe_injected = True
    # Only a summary crosses back to Python: the full result, with every passing node, is far larger.
    result = seen.page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
               .then(r => ({passed: r.passes.length, violations: r.violations.map(v =>
                   `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(n => n.target.join(' ')).join('; ')}`)}))""",
        WCAG_AA_TAGS,
    )
    assert result["passed"], "no axe rule passed: it checked nothing"
    return result["violations"]


def horizontal_overflow(page: Page) -> tuple[int, list[str]]:
    """How many CSS pixels the page is wider than its window (anything above 0 scrolls sideways), and the
    outermost elements that stick out, to say where."""
    overflow, culprits = page.evaluate("""() => {
        const root = document.documentElement, edge = root.clientWidth;
        const out = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 0.5);
        const outermost = out.filter(e => !out.includes(e.parentElement));
        const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('');
        return [root.scrollWidth - edge, outermost.slice(0, 5).map(e => `${name(e)} ends at ${Math.round(e.getBoundingClientRect().right)} px`)];
    }""")
    return int(overflow), culprits


def assert_no_horizontal_scroll(page: Page) -> None:
    overflow, culprits = horizontal_overflow(page)
    assert overflow <= 0, f"the page is {overflow} px wider than its window: {'; '.join(culprits)}"


def assert_boxed_warning_in_first_screen(seen: Visit) -> None:
    """The boxed warning starts, and its heading is readable, without scrolling."""
    found = seen.page.evaluate(
        """selector => [...document.querySelectorAll(selector)].map(box => {
               const heading = document.getElementById(box.getAttribute('aria-labelledby'))
                   || box.querySelector('h1, h2, h3, h4, h5, h6');
               return {top: box.getBoundingClientRect().top + window.scrollY,
                       headingBottom: heading && heading.getBoundingClientRect().bottom + window.scrollY};
           })""",
        BOXED_WARNING,
    )
    assert len(found) == 1, f"expected one boxed warning ({BOXED_WARNING}), found {len(found)}"
    (box,) = found
    screen = seen.viewport.height
    assert box["headingBottom"] is not None, "the boxed warning has no heading"
    assert 0 <= box["top"] < screen, f"the boxed warning starts {box['top']:.0f} px down, below the first screen ({screen} px)"
    assert box["headingBottom"] <= screen, (
        f"the boxed warning's heading ends {box['headingBottom']:.0f} px down, below the first screen ({screen} px)")


def assert_boxed_warning_says_its_forms_in_first_screen(seen: Visit) -> None:
    """The line saying which forms the warning is about ("Applies to: Injection for intrathecal infusion") is
    readable without scrolling too: a warning of the injection must not read as one of the tablets."""
    bottom = seen.page.evaluate(
        """selector => { const line = document.querySelector(selector + ' .applies');
                         return line && line.getBoundingClientRect().bottom + window.scrollY; }""",
        BOXED_WARNING,
    )
    assert bottom is not None, "the boxed warning does not say what it applies to"
    assert bottom <= seen.viewport.height, f"what the boxed warning applies to ends {bottom:.0f} px down"


def canvas(page: Page) -> dict[str, str]:
    """The colours and width a reader gets: the page background (the root's, else the body's, as CSS paints the
    canvas), the body's text colour, and the main column's max-width."""
    return page.evaluate("""() => {
        const root = getComputedStyle(document.documentElement), body = getComputedStyle(document.body);
        const clear = c => c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
        const main = document.querySelector('main');
        return {background: clear(root.backgroundColor) ? body.backgroundColor : root.backgroundColor,
                text: body.color, mainMaxWidth: main ? getComputedStyle(main).maxWidth : 'no main element'};
    }""")


def luminance(rgb: str) -> float:
    """WCAG relative luminance of a computed 'rgb(r, g, b)' or 'rgba(r, g, b, a)' colour."""
    channels = [float(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def assert_dark_mode_applies(page: Page) -> None:
    page.emulate_media(color_scheme="light")
    light = canvas(page)
    page.emulate_media(color_scheme="dark")
    dark = canvas(page)
    assert dark["background"] != light["background"], f"the background stays {light['background']} in dark mode"
    assert luminance(dark["background"]) < luminance(light["background"]), f"dark mode is lighter: {dark} vs {light}"
    assert luminance(dark["text"]) > luminance(dark["background"]), f"dark mode's text is darker than its background: {dark}"


BLACK, WHITE = "rgb(0, 0, 0)", "rgb(255, 255, 255)"


def assert_print_styles_apply(page: Page) -> None:
    """What the page's @media print rules (formats/html.py) do: black text on white, even from a device in dark
    mode, and the text column released to the paper's full width."""
    page.emulate_media(media="screen", color_scheme="dark")
    screen = canvas(page)
    page.emulate_media(media="print", color_scheme="dark")
    printed = canvas(page)
    assert (printed["text"], printed["background"]) == (BLACK, WHITE), f"printed colours: {printed}"
    assert printed["mainMaxWidth"] == "none", f"the printed column keeps max-width {printed['mainMaxWidth']}"
    assert screen["mainMaxWidth"] != "none", "on screen the column has no max-width: the print rule changes nothing"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (IHDR is always the first chunk)."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


# ---------------------------------------------------------------- every page

@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_console_errors_or_failed_requests(tabs: Tabs, server: str, name: str,
                                                              viewport: Viewport) -> None:
    seen = tabs.open(server + "html/" + name, viewport)
    assert seen.page.title(), "the page has no title: did it load?"
    assert seen.problems == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_aa_violation(tabs: Tabs, server: str, axe: Path, name: str, viewport: Viewport) -> None:
    assert axe_violations(tabs.open(server + "html/" + name, viewport), axe) == []


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_aa_violation_in_dark_mode(tabs: Tabs, server: str, axe: Path, name: str) -> None:
    """Dark mode has colours of its own, so its contrast is checked on its own."""
    seen = tabs.open(server + "html/" + name, PHONE)
    seen.page.emulate_media(color_scheme="dark")
    assert axe_violations(seen, axe) == []


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_320_px(tabs: Tabs, server: str, name: str) -> None:
    assert_no_horizontal_scroll(tabs.open(server + "html/" + name, NARROWEST).page)


@pytest.mark.parametrize("name", PAGES)
def test_dark_mode_applies(tabs: Tabs, server: str, name: str) -> None:
    assert_dark_mode_applies(tabs.open(server + "html/" + name, PHONE).page)


@pytest.mark.parametrize("name", PAGES)
def test_print_styles_apply(tabs: Tabs, server: str, name: str) -> None:
    assert_print_styles_apply(tabs.open(server + "html/" + name, DESKTOP).page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("name", PAGES_WITH_A_BOXED_WARNING)
def test_boxed_warning_is_in_the_first_screen(tabs: Tabs, server: str, name: str, viewport: Viewport) -> None:
    """Issue 14's done-when: a patient on a phone sees the boxed warning, and what it applies to, without scrolling,
    on every bundled page that has one (the list is read from source/, so a new monograph is checked too)."""
    seen = tabs.open(server + "html/" + name, viewport)
    assert_boxed_warning_in_first_screen(seen)
    assert_boxed_warning_says_its_forms_in_first_screen(seen)


def test_every_bundled_boxed_warning_is_checked() -> None:
    assert "baclofen.html" in PAGES_WITH_A_BOXED_WARNING


# ---------------------------------------------------------------- a right-to-left translation

@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
def test_an_arabic_page_reads_right_to_left_in_arabic(tabs: Tabs, server: str, translated: Path, axe: Path,
                                                      viewport: Viewport) -> None:
    """Issue 14's done-when: Arabic interface words and dates, right to left, nothing scrambled, and every check
    the bundled pages pass."""
    seen = tabs.open(server + ARABIC_PAGE, viewport)
    assert seen.problems == []
    found = seen.page.evaluate("""() => {
        const review = document.querySelector('article > header .review');
        const [name, date] = review.querySelectorAll('bdi');
        const label = review.firstChild.nodeType === Node.TEXT_NODE ? null : review.firstElementChild;
        const range = document.createRange(); range.setStart(review.firstChild, 0); range.setEnd(review.firstChild, 1);
        return {direction: getComputedStyle(document.documentElement).direction, review: review.textContent,
                isolated: [name, date].map(e => getComputedStyle(e).unicodeBidi),
                firstRight: range.getBoundingClientRect().right, nameRight: name.getBoundingClientRect().right,
                date: date.textContent, header: document.querySelector('body > header').textContent};
    }""")
    assert found["direction"] == "rtl"
    assert found["review"].startswith("\u0631\u0627\u062c\u0639\u0647:")  # "Reviewed by:" in Arabic
    assert found["date"] == "\u0623\u0628\u0631\u064a\u0644 2023"  # April 2023, as CLDR writes it in Arabic
    assert "\u062c\u0645\u064a\u0639 \u0627\u0644\u0623\u062f\u0648\u064a\u0629" in found["header"]  # "All medicines"
    assert found["isolated"] == ["isolate", "isolate"]
    # Right to left: the line's first words sit to the right of the reviewer's (Latin) name.
    assert found["firstRight"] > found["nameRight"]
    assert_boxed_warning_in_first_screen(seen)
    assert_boxed_warning_says_its_forms_in_first_screen(seen)
    assert_no_horizontal_scroll(seen.page)
    assert axe_violations(seen, axe) == []


@pytest.mark.parametrize("viewport", SCREENSHOT_VIEWPORTS, ids=str)
def test_screenshot_of_the_arabic_page_for_review(tabs: Tabs, server: str, translated: Path, screenshots: Path,
                                                  request: pytest.FixtureRequest, viewport: Viewport) -> None:
    path = screenshots / f"baclofen.ar-{viewport.width}.png"
    page = tabs.open(server + ARABIC_PAGE, viewport).page
    page.bring_to_front()
    page.screenshot(path=str(path), full_page=True)
    request.config.stash[SCREENSHOTS_TAKEN].append(path)
    assert png_size(path)[0] == viewport.width


@pytest.mark.parametrize("viewport", SCREENSHOT_VIEWPORTS, ids=str)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot_for_review(tabs: Tabs, server: str, screenshots: Path, request: pytest.FixtureRequest,
                               name: str, viewport: Viewport) -> None:
    """A full-page screenshot as the artefact a reviewer looks at; as wide as the window, since nothing overflows."""
    path = screenshots / f"{name.removesuffix('.html')}-{viewport.width}.png"
    page = tabs.open(server + "html/" + name, viewport).page
    page.bring_to_front()  # a tab behind others in its window paints no frames, and the screenshot waits for one
    page.screenshot(path=str(path), full_page=True)
    request.config.stash[SCREENSHOTS_TAKEN].append(path)
    width, height = png_size(path)
    assert width == viewport.width
    assert height >= viewport.height


# ---------------------------------------------------------------- the W3C Nu HTML Checker

INVALID_CONTROL = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>Invalid on purpose</title></head>\n<body><p><div></p></body>\n"
"""A page the checker must reject (a <div> cannot end a <p> from inside it), run beside the real pages so that a
checker that checks nothing cannot pass."""


def test_every_page_passes_the_nu_html_checker(built: Path, translated: Path, tmp_path: Path) -> None:
    java = shutil.which("java")
    require(java, "no java on PATH (the Nu HTML Checker needs Java 11 or later)")
    require(VNU.exists(), f"vnu-jar is not installed ({VNU.relative_to(REPO)} is missing)")
    assert java is not None
    control = tmp_path / "invalid-control.html"
    control.write_text(INVALID_CONTROL, encoding="utf-8")
    pages = sorted((built / "html").glob("*.html")) + sorted((translated / "html").glob("*.ar.html"))
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages), str(control)],
                          capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(done.stderr)  # vnu writes its report to standard error
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        # "error", and "non-document-error" for a file it could not read or parse at all.
        if message["type"] in {"error", "non-document-error"}:
            name = Path(urlparse(message.get("url", "")).path).name
            errors.setdefault(name, []).append(f"{name}:{message.get('lastLine', '?')}:{message.get('lastColumn', '?')}: "
                                               f"{message['message']}")
    assert errors.pop(control.name, []), f"vnu found nothing wrong with {control.name}: {done.stderr}"
    assert errors == {}
    assert done.returncode == 1  # errors in the control page, and only there


# ---------------------------------------------------------------- the checks themselves, on a page broken on purpose

BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Broken on purpose</title>
<style>
body { margin: 0; background: #fff; color: #222; }
main { max-width: 40rem; }
.wide { width: 400px; }
.spacer { height: 3000px; }
</style>
</head>
<body>
<main>
<img src="missing.png">
<div class="wide">Wider than a 320 px screen.</div>
<div class="spacer"></div>
<section class="boxed-warning" aria-labelledby="warning"><h2 id="warning">Warning</h2><p>Far below the first screen.</p></section>
</main>
<script>console.error("logged on purpose"); throw new Error("thrown on purpose");</script>
</body>
</html>
"""
"""Fails every check above: a missing image (a 404, without alt text), a console error and an uncaught exception,
a block wider than 320 px, the boxed warning 3000 px down, and one fixed light style sheet for every medium."""


@pytest.fixture(scope="session")
def broken_page(built: Path, server: str) -> str:
    folder = built / "control"
    folder.mkdir(exist_ok=True)
    (folder / "broken.html").write_text(BROKEN_PAGE, encoding="utf-8")
    return server + "control/broken.html"


def test_the_load_check_catches_console_errors_exceptions_and_missing_files(tabs: Tabs, broken_page: str) -> None:
    problems = "\n".join(tabs.open(broken_page, PHONE).problems)
    assert "logged on purpose" in problems
    assert "thrown on purpose" in problems
    assert "HTTP 404" in problems and "missing.png" in problems


def test_axe_catches_an_image_without_alt_text(tabs: Tabs, axe: Path, broken_page: str) -> None:
    violations = axe_violations(tabs.open(broken_page, PHONE), axe)
    assert any(v.startswith("image-alt ") for v in violations), violations


def test_the_overflow_check_catches_a_block_wider_than_the_screen(tabs: Tabs, broken_page: str) -> None:
    page = tabs.open(broken_page, NARROWEST).page
    assert horizontal_overflow(page) == (400 - NARROWEST.width, ["div.wide ends at 400 px"])
    with pytest.raises(AssertionError, match="80 px wider than its window"):
        assert_no_horizontal_scroll(page)


def test_the_boxed_warning_check_catches_a_warning_below_the_first_screen(tabs: Tabs, broken_page: str) -> None:
    seen = tabs.open(broken_page, PHONE)
    with pytest.raises(AssertionError, match="below the first screen"):
        assert_boxed_warning_in_first_screen(seen)


def test_the_dark_mode_and_print_checks_catch_a_page_without_those_styles(tabs: Tabs, broken_page: str) -> None:
    page = tabs.open(broken_page, PHONE).page
    with pytest.raises(AssertionError, match="in dark mode"):
        assert_dark_mode_applies(page)
    with pytest.raises(AssertionError, match="printed colours"):
        assert_print_styles_apply(page)
