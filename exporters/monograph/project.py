"""The project a command runs in: settings from ``monograph.toml``, accepted findings, and today's date.

One ``Project`` is made at the edge (the command line, or the first API call)
and flows through loading, validation, export and build unchanged, so a file
gets the same verdict whichever way it is asked for. Everything has a
default: a project needs no file at all.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .suppressions import Suppression, parse_project_suppressions

CONFIG_FILE = "monograph.toml"


class ConfigError(UsageError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class FeedSettings:
    """What the publisher says about the feed as a whole (``[feed]`` in monograph.toml)."""

    title: str = "Drug monographs"
    id: str | None = None
    author: str | None = None
    base_url: str | None = None
    tag_date: str = "2026"
    """The date part of the tag: URIs that identify entries. Changing it changes every entry id."""


_FEED_KEYS = {"title", "id", "author", "base_url", "tag_date"}


@dataclass(frozen=True)
class Project:
    folder: Path = field(default_factory=Path.cwd)
    """Where monograph.toml is, or would be: suppression globs are relative to it."""
    file: Path | None = None
    """The settings file that was read, if there was one."""
    feed: FeedSettings = field(default_factory=FeedSettings)
    suppressions: tuple[Suppression, ...] = ()
    today: dt.date = field(default_factory=dt.date.today)
    """What 'in the future' is measured against."""

    @classmethod
    def load(cls, folder: Path | None = None, *, today: dt.date | None = None) -> Project:
        """The project of ``folder`` (default: the current folder), from its monograph.toml if it has one."""
        # Reports name the settings file as the user would: relative to where they run the command.
        path = folder / CONFIG_FILE if folder is not None else Path(CONFIG_FILE)
        folder = folder if folder is not None else Path.cwd()
        today = today or dt.date.today()
        if not path.is_file():
            return cls(folder=folder, today=today)
        text, data = _read(path)
        unknown = set(data) - {"feed", "suppress"}
        if unknown:
            raise ConfigError(path, f"unknown section(s): {', '.join(sorted(unknown))}")
        feed = data.get("feed", {})
        if not isinstance(feed, dict) or set(feed) - _FEED_KEYS or not all(isinstance(v, str) for v in feed.values()):
            raise ConfigError(path, f"[feed] takes only text values for {', '.join(sorted(_FEED_KEYS))}")
        try:
            suppressions = parse_project_suppressions(data.get("suppress", []), path, text)
        except ValueError as error:
            raise ConfigError(path, str(error)) from error
        return cls(folder=folder, file=path, feed=FeedSettings(**feed), suppressions=tuple(suppressions), today=today)


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
        return text, tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot be read: {error}") from error
