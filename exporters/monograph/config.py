"""Project settings from ``monograph.toml``, looked for in the current folder.

Everything has a default, so a project needs no file at all; the file lets a
publisher name its feed (``[feed]``) and accept known findings (``[[suppress]]``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .feed import FeedSettings
from .suppressions import Suppression, parse_project_suppressions

CONFIG_FILE = "monograph.toml"


class ConfigError(UsageError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    feed: FeedSettings = field(default_factory=FeedSettings)
    suppressions: tuple[Suppression, ...] = ()

    @property
    def base(self) -> Path:
        """The folder that suppression globs are relative to."""
        return self.path.parent if self.path else Path.cwd()


_FEED_KEYS = {"title", "id", "author", "base_url", "tag_date"}


def load_config(folder: Path | None = None) -> Config:
    path = folder / CONFIG_FILE if folder else Path(CONFIG_FILE)
    if not path.is_file():
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot be read: {error}") from error
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
    return Config(path, FeedSettings(**feed), tuple(suppressions))
