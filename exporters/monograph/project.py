"""The project a command runs in: settings from ``monograph.toml``, accepted findings, and today's date.

One ``Project`` is made at the edge (the command line, or the first API call)
and flows through loading, validation, export and build unchanged, so a file
gets the same verdict whichever way it is asked for. Everything has a
default: a project needs no file at all.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .problems import Problem
from .rules import file_too_large
from .sources import MAX_FILE_BYTES, read_source
from .suppressions import Suppression, parse_project_suppressions

CONFIG_FILE = "monograph.toml"


class ConfigError(UsageError):
    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        super().__init__(path, reason)
        self.path, self.reason, self.line = path, reason, line

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class FeedSettings:
    """What the publisher says about the feed as a whole (``[feed]`` in monograph.toml)."""

    title: str = "Drug monographs"
    id: str | None = None
    author: str | None = None
    base_url: str | None = None
    tag_date: str = "2026"
    """The date part of the tag: URIs that identify entries. Changing it changes every entry id."""
    language: str = "en"
    """The language of the feed's and the index page's own words (its title), as a BCP 47 tag."""


_FEED_KEYS = {"title", "id", "author", "base_url", "tag_date", "language"}
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f-\x9f<>\"{}|\\^`]+")
_TAG_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


_PAGE_KEYS = {"name", "disclaimer", "emergency", "language", "stylesheet", "template"}
"""[page] in monograph.toml: the publisher's words on every HTML page (site name, disclaimer, emergency line), the
language they are written in, and a stylesheet of theirs (a path from monograph.toml) added after the page's own."""

MAX_STYLESHEET_BYTES = 100_000
_STYLE_BREAKERS = re.compile(r"</style|<!--", re.IGNORECASE)
"""What would end or comment out the <style> element the publisher's CSS is embedded in."""


def _page_file(path: Path, text: str, key: str, name: str) -> str:
    """A file that [page] names beside monograph.toml (``key`` = stylesheet or template), read once as UTF-8 text
    within the size limit, so that every page carries its content and stays self-contained."""
    where = _line_of(text, "page", key)
    # Through the sources' reader: a FIFO or a device (a link to /dev/zero) would block or never end.
    data, _, problem = read_source(path.parent / name)
    if data is None:
        assert problem is not None
        raise ConfigError(path, f"[page] {key} {name!r} cannot be read: {_unreadable(problem)}", where)
    if len(data) > MAX_STYLESHEET_BYTES:
        raise ConfigError(path, f"[page] {key} {name!r} is {len(data):,} bytes; at most {MAX_STYLESHEET_BYTES:,}", where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(path, f"[page] {key} {name!r} is not UTF-8 text ({error.reason})", where) from error


def _stylesheet(path: Path, text: str, name: str) -> str:
    """The publisher's CSS, which every page embeds."""
    css = _page_file(path, text, "stylesheet", name)
    if _STYLE_BREAKERS.search(css):
        raise ConfigError(path, f"[page] stylesheet {name!r} contains '</style' or '<!--', which would end the page's "
                          "<style> element", _line_of(text, "page", "stylesheet"))
    return css.strip()


def _page_settings(path: Path, text: str, page: object) -> dict[str, str]:
    if not isinstance(page, dict) or set(page) - _PAGE_KEYS or not all(isinstance(v, str) for v in page.values()):
        raise ConfigError(path, f"[page] takes only text values for {', '.join(sorted(_PAGE_KEYS))}")
    for name, value in sorted(page.items()):
        if name == "language" and not _LANGUAGE.fullmatch(value):
            raise ConfigError(path, f"[page] language must be a BCP 47 language tag such as en or pt-BR; found {value!r}",
                              _line_of(text, "page", name))
        limit = 200 if name in ("name", "language") else 500
        if not _is_one_line(value, limit):
            raise ConfigError(path, f"[page] {name} must be one line of 1 to {limit} characters, without control "
                              f"characters or leading or trailing spaces; found {value!r}", _line_of(text, "page", name))
    settings = dict(sorted(page.items()))
    if "stylesheet" in settings:
        settings["stylesheet"] = _stylesheet(path, text, settings["stylesheet"])
    if "template" in settings:
        settings["template"] = _template(path, text, settings["template"])
    return settings


def _template(path: Path, text: str, name: str) -> str:
    """The publisher's page template (Jinja2), compiled here, so a mistake is told at its line now."""
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    template = _page_file(path, text, "template", name)
    try:
        SandboxedEnvironment(autoescape=True).parse(template)
    except TemplateSyntaxError as error:
        raise ConfigError(path, f"[page] template {name!r}, line {error.lineno}: {error.message}",
                          _line_of(text, "page", "template")) from error
    return template


def _feed_value_problem(name: str, value: str) -> str | None:
    """Why a [feed] value cannot be published as it is, or None."""
    from .urls import url_problem

    if name in ("title", "author") and not _is_one_line(value):
        return "must be one line of 1 to 200 characters, without control characters or leading or trailing spaces"
    if name == "id" and not _IRI.fullmatch(value):
        return "must be an absolute URI or IRI, such as tag:example.org,2026:drug-monographs"
    if name == "base_url":
        reason = url_problem(value, ("https", "http"))
        if reason is None and (not value.endswith("/") or "?" in value or "#" in value):
            reason = "it must be the address of a folder: end with '/', with no '?' or '#'"
        return f"is not a base URL every format accepts: {reason}" if reason else None
    if name == "tag_date" and not (_TAG_DATE.fullmatch(value) and _is_date(value)):
        return "must be a date such as 2026, 2026-01 or 2026-01-31 (the date part of RFC 4151 tag: URIs)"
    if name == "language" and not _LANGUAGE.fullmatch(value):
        return "must be a BCP 47 language tag such as en or pt-BR"
    return None


def _is_one_line(value: str, limit: int = 200) -> bool:
    from .rules.control_character import BAD_CHARACTER  # the characters refused in monographs, refused here too

    return 0 < len(value) <= limit and value == value.strip() and "\n" not in value and not BAD_CHARACTER.search(value)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def _line_of(text: str, section: str, key: str) -> int | None:
    """The line of ``key = ...`` in ``[section]`` of a TOML text, for the message; None when it cannot be told."""
    current = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            current = stripped.strip("[]").strip()
        elif current == section and re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return number
    return None


def _feed_settings(path: Path, text: str, feed: dict[str, str]) -> FeedSettings:
    for name, value in sorted(feed.items()):
        reason = _feed_value_problem(name, value)
        if reason is not None:
            raise ConfigError(path, f"[feed] {name} {reason}; found {value!r}", _line_of(text, "feed", name))
    return FeedSettings(**feed)


_FHIR_KEYS = {"canonical"}


def canonical_problem(value: str) -> str | None:
    """Why ``value`` cannot be the root of the FHIR URLs (extensions, code systems, the package), or None."""
    from .urls import url_problem

    reason = url_problem(value, ("https", "http"))
    if reason is None and not value.isascii():
        reason = "it must be ASCII (a FHIR canonical URL is a uri)"
    if reason is None and (value.endswith("/") or "?" in value or "#" in value):
        reason = "it must not end with '/' or have a '?' or '#' (the URLs are made by adding '/StructureDefinition/...')"
    return f"is not a canonical base URL: {reason}" if reason else None


def _fhir_settings(path: Path, text: str, fhir: Any) -> dict[str, str]:
    """The exporter options ``[fhir]`` sets (``canonical`` -> ``fhir_canonical``), each checked."""
    if not isinstance(fhir, dict):
        raise ConfigError(path, "[fhir] must be a table of settings")
    wrong = sorted(k for k, v in fhir.items() if k not in _FHIR_KEYS or not isinstance(v, str))
    if wrong:
        raise ConfigError(path, f"[fhir] takes only a text value for {', '.join(sorted(_FHIR_KEYS))}; found {wrong[0]!r}",
                          _line_of(text, "fhir", wrong[0]))
    for name, value in sorted(fhir.items()):
        reason = canonical_problem(value)
        if reason is not None:
            raise ConfigError(path, f"[fhir] {name} {reason}; found {value!r}", _line_of(text, "fhir", name))
    return {f"fhir_{name}": value for name, value in fhir.items()}


@dataclass(frozen=True)
class Project:
    folder: Path = field(default_factory=Path.cwd)
    """Where monograph.toml is, or would be: suppression globs are relative to it."""
    file: Path | None = None
    """The settings file that was read, if there was one."""
    feed: FeedSettings = field(default_factory=FeedSettings)
    suppressions: tuple[Suppression, ...] = ()
    page: dict[str, str] = field(default_factory=dict)
    """The publisher's words on every page ([page] in monograph.toml): name, disclaimer, emergency, language, and
    ``stylesheet``, the text of their CSS file (read here, so the pages and the build stamp carry its content)."""
    today: dt.date = field(default_factory=dt.date.today)
    """What 'in the future' is measured against."""
    sources: tuple[str, ...] = ("source",)
    """The folders (or files) that make the corpus: what ``validate`` checks when given no path (``[source] paths``)."""
    export_defaults: dict[str, str] = field(default_factory=dict)
    """Exporter options the project sets (``[fhir] canonical`` is ``fhir_canonical``); a command's own flags win."""

    @classmethod
    def load(cls, folder: Path | None = None, *, today: dt.date | None = None) -> Project:
        """The project of ``folder`` (default: the current folder), from its monograph.toml if it has one."""
        # Reports name the settings file as the user would: relative to where they run the command.
        path = folder / CONFIG_FILE if folder is not None else Path(CONFIG_FILE)
        folder = folder if folder is not None else Path.cwd()
        today = today or dt.date.today()
        if not (path.exists() or path.is_symlink()):
            return cls(folder=folder, today=today)
        text, data = _read(path)
        unknown = set(data) - {"feed", "fhir", "suppress", "page", "source"}
        if unknown:
            raise ConfigError(path, f"unknown section(s): {', '.join(sorted(unknown))}")
        feed = data.get("feed", {})
        if not isinstance(feed, dict) or set(feed) - _FEED_KEYS or not all(isinstance(v, str) for v in feed.values()):
            raise ConfigError(path, f"[feed] takes only text values for {', '.join(sorted(_FEED_KEYS))}")
        try:
            suppressions = parse_project_suppressions(data.get("suppress", []), path, text)
        except ValueError as error:
            raise ConfigError(path, str(error)) from error
        return cls(folder=folder, file=path, feed=_feed_settings(path, text, feed), suppressions=tuple(suppressions),
                   page=_page_settings(path, text, data.get("page", {})), today=today,
                   sources=_source_paths(path, text, data.get("source", {})),
                   export_defaults=_fhir_settings(path, text, data.get("fhir", {})))


def _source_paths(path: Path, text: str, section: Any) -> tuple[str, ...]:
    """``[source] paths``: a non-empty list of folders or files, as written (relative to where commands run)."""
    if not isinstance(section, dict) or set(section) - {"paths"}:
        raise ConfigError(path, "[source] takes only 'paths', a list of folders such as [\"source\"]")
    paths = section.get("paths", ["source"])
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) and p.strip() for p in paths):
        raise ConfigError(path, f"[source] paths must be a non-empty list of folder names, such as [\"source\"]; found {paths!r}",
                          _line_of(text, "source", "paths"))
    return tuple(paths)


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    # A monograph.toml that is there but is no file (a folder, a FIFO, a broken link) is an error, not an absent one:
    # building with the default settings would publish under another feed id, without the suppressions.
    raw, _, problem = read_source(path)
    if raw is None:
        assert problem is not None
        if problem.rule == file_too_large.RULE.id:
            raise ConfigError(path, f"is larger than {MAX_FILE_BYTES:,} bytes, the most a settings file may be")
        raise ConfigError(path, f"cannot be read: {_unreadable(problem)}")
    try:
        text = raw.decode("utf-8")
        return text, tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot be read: {error}") from error
    except RecursionError:
        raise ConfigError(path, "cannot be read: its arrays or tables nest too deeply") from None
    except ValueError as error:  # tomllib's int() refuses a number of more than 4,300 digits
        raise ConfigError(path, "cannot be read: it holds a number too long to read") from error


def _unreadable(problem: Problem) -> str:
    """Why the sources' reader could not read a file, without its words for a source file."""
    return problem.message.removeprefix("cannot read the file: ")
