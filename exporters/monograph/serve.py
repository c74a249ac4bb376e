"""`monograph serve`: a live preview of the HTML pages while an author writes, as `mkdocs serve` gives.

The pages are made in memory through the one pipeline (nothing is written to
disk), each file is checked again when it is saved (watchfiles, on the
operating system's file events), and a page whose file has problems shows
the problems instead of the last good page. Each page carries a small script
that asks ``/_monograph/wait?after=N`` (a long poll) and reloads when the
corpus's version moves past N, so a saved change reaches the browser within
the file-event delay plus one render. The server listens on the loopback
interface unless told otherwise.
"""

from __future__ import annotations

import html
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from .corpus import ClaimsSeen
from .errors import MonographError
from .pipeline import check_file, claims_of
from .problems import Problem, sort_problems
from .project import Project
from .rendering import Rendering
from .reporters import REPORTERS
from .sources import SOURCE_ENDINGS, discover, file_key
from .validation import ValidationResult

WAIT_SECONDS = 20.0
"""How long a reload request is held open when nothing changes; the page then asks again."""

_RELOAD = (
    "<script>(function(){{var v={version};function w(){{fetch('/_monograph/wait?after='+v,{{cache:'no-store'}})"
    ".then(function(r){{return r.text()}}).then(function(t){{if(+t!==v){{location.reload()}}else{{w()}}}})"
    ".catch(function(){{setTimeout(w,1000)}})}}w()}})();</script>"
)


@dataclass(frozen=True)
class _Entry:
    result: ValidationResult
    page: bytes | None


class Preview:
    """The corpus as the preview shows it: each file's page or its problems, and a version that moves on change."""

    def __init__(self, paths: Iterable[str], project: Project) -> None:
        self.paths = list(paths)
        self.project = project
        self.version = 0
        self._entries: dict[str, _Entry] = {}
        self._conflicts: dict[str, list[Problem]] = {}
        self._changed = threading.Condition()

    def refresh(self, changed: Iterable[str] | None = None) -> None:
        """Check again the files in ``changed`` (every file when None), new files and removed ones.

        The first refresh (``changed`` None) raises when a source path is missing, as every command does; a later
        one shows an empty corpus instead, since the author may be moving files about."""
        try:
            files = {os.path.abspath(p): p for p in discover(self.paths)}
        except MonographError:
            if changed is None:
                raise
            files = {}
        again = set(files) if changed is None else {os.path.abspath(p) for p in changed} | (set(files) - set(self._entries))
        entries = {key: entry for key, entry in self._entries.items() if key in files and key not in again}
        for key in sorted(set(files) & again):
            entries[key] = self._entry(files[key])
        seen, conflicts = ClaimsSeen(), dict[str, list[Problem]]()
        for key in sorted(entries):
            claims = claims_of(entries[key].result, key)
            for problem in seen.add(claims) if claims is not None else ():
                conflicts.setdefault(problem.location.file, []).append(problem)
        with self._changed:
            self._entries, self._conflicts = entries, conflicts
            self.version += 1
            self._changed.notify_all()

    def _entry(self, path: Path) -> _Entry:
        result = check_file(path, self.project)
        page = Rendering(result.monograph, {}).output("html") if result.monograph is not None else None
        return _Entry(result, page)

    def wait(self, after: int, timeout: float = WAIT_SECONDS) -> int:
        """The version, once it differs from ``after`` or ``timeout`` seconds have passed."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != after, timeout)
            return self.version

    def page(self, key: str) -> tuple[HTTPStatus, bytes] | None:
        """The page for file key ``key``: the monograph, or its problems; None when there is no such file."""
        with self._changed:
            found = [(path, entry) for path, entry in self._entries.items() if file_key(entry.result.path) == key]
            conflicts, version = self._conflicts, self.version
        if not found:
            return None
        path, entry = found[0]
        problems = list(entry.result.problems) + conflicts.get(entry.result.path, [])
        errors = [p for p in problems if p.severity == "error"]
        if entry.page is not None and not errors:
            return HTTPStatus.OK, _with_reload(entry.page, version)
        return HTTPStatus.OK, _problem_page(entry.result.path, problems, version)

    def index(self) -> bytes:
        with self._changed:
            entries, conflicts, version = dict(self._entries), self._conflicts, self.version
        rows = []
        for _, entry in sorted(entries.items()):
            shown = entry.result.path
            bad = any(p.severity == "error" for p in entry.result.problems) or shown in conflicts
            state = "has problems" if bad else "valid"
            key = file_key(shown)
            rows.append(f'<li><a href="/{html.escape(key)}.html">{html.escape(key)}</a> ({html.escape(shown)}: {state})</li>')
        body = "<ul>\n" + "\n".join(rows) + "\n</ul>" if rows else "<p>No monographs found in " + html.escape(
            ", ".join(self.paths)) + ".</p>"
        return _document("Preview: monographs", "<h1>Monographs</h1>\n" + body, version)


def _with_reload(page: bytes, version: int) -> bytes:
    script = _RELOAD.format(version=version).encode("ascii")
    at = page.rfind(b"</body>")
    return page[:at] + script + page[at:] if at >= 0 else page + script


def _problem_page(path: str, problems: list[Problem], version: int) -> bytes:
    report = REPORTERS["text"](sort_problems(problems), 1)
    body = (f"<h1>{html.escape(path)} has problems</h1>\n<p>The page is not shown until they are fixed; "
            f"it reloads when the file is saved.</p>\n<pre>{html.escape(report)}</pre>")
    return _document(f"Problems in {path}", body, version)


def _document(title: str, body: str, version: int) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head><body>\n{body}\n{_RELOAD.format(version=version)}</body></html>\n").encode()


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "monograph-preview"

        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            url = urlsplit(self.path)
            path = unquote(url.path)
            if path == "/_monograph/wait":
                after = parse_qs(url.query).get("after", ["-1"])[0]
                version = preview.wait(int(after) if after.lstrip("-").isdigit() else -1)
                self._send(HTTPStatus.OK, str(version).encode("ascii"), "text/plain; charset=utf-8")
            elif path in ("/", "/index.html"):
                self._send(HTTPStatus.OK, preview.index(), "text/html; charset=utf-8")
            elif path.endswith(".html") and (found := preview.page(path[1:-5].removeprefix("html/"))) is not None:
                self._send(*found, "text/html; charset=utf-8")
            else:
                self._send(HTTPStatus.NOT_FOUND, _document("Not found", "<h1>Not found</h1>", preview.version),
                           "text/html; charset=utf-8")

        def _send(self, status: HTTPStatus, body: bytes, media_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # a request log would bury the notices the author needs

    return Handler


def _watch(preview: Preview, stop: threading.Event, watching: threading.Event, notify: Callable[[str], None]) -> None:
    import watchfiles

    roots = sorted({p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) for p in preview.paths})

    def is_source(change: watchfiles.Change, path: str) -> bool:
        return path.endswith(SOURCE_ENDINGS) and not os.path.basename(path).startswith(".")

    # A quiet spell (rust_timeout) yields an empty set: the first one says the watch is in place.
    for changes in watchfiles.watch(*roots, watch_filter=is_source, stop_event=stop, debounce=400, step=20,
                                    rust_timeout=250, yield_on_timeout=True, raise_interrupt=False):
        if not changes:
            watching.set()
            continue
        try:
            preview.refresh(path for _, path in changes)
        except Exception as error:  # a failure to read one change must not stop the preview
            notify(f"could not refresh the preview: {error}")


def serve(paths: Iterable[str], project: Project, host: str, port: int, ready: Callable[[str], None],
          notify: Callable[[str], None]) -> None:
    """Serve until interrupted; ``ready`` is told the address once the server listens."""
    preview = Preview(paths, project)
    preview.refresh()
    server = ThreadingHTTPServer((host, port), _handler(preview))
    server.daemon_threads = True
    stop = threading.Event()
    watching = threading.Event()
    watcher = threading.Thread(target=_watch, args=(preview, stop, watching, notify), name="monograph-watch",
                               daemon=True)
    watcher.start()
    try:
        if watching.wait(10):
            preview.refresh()  # whatever was saved before the watch was in place
        else:
            notify("warning: file changes are not being watched yet; the preview may lag behind a save")
        bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host
        ready(f"http://{shown}:{bound_port}/")
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
        with preview._changed:
            preview.version += 1  # wake held requests, so the threads end
            preview._changed.notify_all()
