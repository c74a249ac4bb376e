"""monograph: one YAML file per drug, validated and published as JSON-LD, FHIR, XML and HTML.

The public API is what ``__all__`` lists; everything else may change between
minor versions. See README.md ("Python API") for an example.

Names are imported on first use, so that ``monograph validate`` in a
pre-commit hook does not pay for the build machinery it never touches.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "1.0.0"

_HOMES = {
    "build": "api", "export": "api", "load": "api", "validate": "api",
    "BuildReport": "publish",
    "BrokenExporter": "errors", "InvalidMonograph": "errors", "MonographError": "errors", "NoSources": "errors",
    "OutputError": "errors", "PathNotFound": "errors", "UnknownFormat": "errors", "UsageError": "errors",
    "Exporter": "formats",
    "Monograph": "model",
    "Location": "problems", "Problem": "problems",
    "Project": "project", "FeedSettings": "project", "migrate": "api", "Migration": "migration", "Option": "formats", "BadOption": "rendering",
}

__all__ = [
    "BadOption", "BrokenExporter", "BuildReport", "Exporter", "FeedSettings", "InvalidMonograph", "Location",
    "Migration", "Monograph", "MonographError", "NoSources", "Option", "OutputError", "PathNotFound", "Problem", "Project",
    "UnknownFormat", "UsageError", "__version__",
    "build", "export", "load", "migrate", "validate",
]

if TYPE_CHECKING:  # pragma: no cover
    from .api import build, export, load, migrate, validate
    from .errors import (
        BrokenExporter,
        InvalidMonograph,
        MonographError,
        NoSources,
        OutputError,
        PathNotFound,
        UnknownFormat,
        UsageError,
    )
    from .formats import Exporter, Option
    from .migration import Migration
    from .model import Monograph
    from .problems import Location, Problem
    from .project import FeedSettings, Project
    from .publish import BuildReport
    from .rendering import BadOption


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'monograph' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
