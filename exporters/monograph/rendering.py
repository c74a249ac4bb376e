"""The host's side of the exporter contract: option values checked once, and each format rendered once.

A ``Rendering`` belongs to one monograph. Asking it for a format renders that
format the first time and remembers the bytes, so a page that embeds the
JSON-LD and a build that also publishes the JSON-LD share one rendering.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import UsageError
from .formats import Exporter
from .registry import get_exporter

if TYPE_CHECKING:
    from .model import Monograph


class BadOption(UsageError, ValueError):
    """An exporter option that no format takes, or a value it does not allow."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(key, reason)
        self.key, self.reason = key, reason

    def __str__(self) -> str:
        return f"{self.key}: {self.reason}"


def check_options(options: Mapping[str, str], exporters: Iterable[Exporter]) -> None:
    """Refuse an option none of ``exporters`` takes, or a value the one that takes it does not allow."""
    known = {exporter.option_key(option): option for exporter in exporters for option in exporter.options}
    for key, value in options.items():
        option = known.get(key)
        if option is None:
            names = ", ".join(sorted(known)) or "none"
            raise BadOption(key, f"no format takes this option (the options are: {names})")
        if option.check is not None:
            reason = option.check(value)
            if reason is not None:
                raise BadOption(key, reason)
        elif value not in option.choices:
            raise BadOption(key, f"must be one of {', '.join(option.choices)}, not '{value}'")


@dataclass(frozen=True)
class _Context:
    rendering: Rendering
    options: Mapping[str, str]
    site: Mapping[str, str]
    translations: Mapping[str, str]
    translation_urls: Mapping[str, str]

    def output(self, format_name: str) -> bytes:
        return self.rendering.output(format_name)


class Rendering:
    """Every format of one monograph, each rendered at most once."""

    def __init__(self, monograph: Monograph, options: Mapping[str, str], site: Mapping[str, str] | None = None,
                 translations: Mapping[str, str] | None = None, translation_urls: Mapping[str, str] | None = None) -> None:
        self.monograph = monograph
        self.options = options
        self.site = dict(site or {})
        self.translations = dict(translations or {})
        self.translation_urls = dict(translation_urls or {})
        self._outputs: dict[str, bytes] = {}
        self._rendering: set[str] = set()

    def output(self, format_name: str, exporter: Exporter | None = None) -> bytes:
        done = self._outputs.get(format_name)
        if done is not None:
            return done
        if format_name in self._rendering:
            raise RuntimeError(f"the {format_name} exporter embeds itself, through the formats it embeds")
        exporter = exporter or get_exporter(format_name)
        check_options({k: v for k, v in self.options.items() if k.startswith(exporter.name + "_")}, [exporter])
        values = {option.name: self.options.get(exporter.option_key(option), option.default) for option in exporter.options}
        self._rendering.add(format_name)
        try:
            data = exporter.render(self.monograph, _Context(self, values, self.site, self.translations, self.translation_urls))
        finally:
            self._rendering.discard(format_name)
        self._outputs[format_name] = data
        return data
