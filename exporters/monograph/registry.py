"""Find exporters through the ``monograph.exporters`` entry-point group.

Entry points are loaded one at a time and only when used, so a broken
plugin cannot stop the built-in formats from working.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points

from .errors import BrokenExporter, UnknownFormat
from .formats import Exporter

GROUP = "monograph.exporters"


@cache
def _entry_points() -> dict[str, EntryPoint]:
    # A distribution installed twice (a wheel beside an editable checkout) lists each name twice; the first wins.
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=GROUP):
        found.setdefault(point.name, point)
    return dict(sorted(found.items()))


def format_names() -> list[str]:
    """The registered format names, without importing any exporter."""
    return list(_entry_points())


@cache
def get_exporter(name: str) -> Exporter:
    points = _entry_points()
    if name not in points:
        raise UnknownFormat(name, list(points))
    point = points[name]
    try:
        exporter = point.load()
    except Exception as error:  # a plugin's import error must not look like ours
        raise BrokenExporter(name, point.value, f"{type(error).__name__}: {error}") from error
    if not isinstance(exporter, Exporter):
        raise BrokenExporter(name, point.value, "it is not a monograph.formats.Exporter")
    if exporter.name != name:
        raise BrokenExporter(name, point.value, f"it calls itself '{exporter.name}'")
    return exporter


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by name, in name order."""
    return {name: get_exporter(name) for name in _entry_points()}


def media_types() -> dict[str, str]:
    """Format name -> the media type its exporter declares, for every registered format."""
    return {name: exporter.media_type for name, exporter in exporters().items()}
