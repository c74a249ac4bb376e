"""monograph: one YAML file per drug, validated and published as JSON-LD, FHIR, XML and HTML.

The public API is what ``__all__`` lists; everything else may change between
minor versions. See README.md ("Python API") for an example.
"""

__version__ = "0.1.0"

from .api import build, export, load, validate  # noqa: E402
from .build import BuildReport  # noqa: E402
from .errors import (  # noqa: E402
    BrokenExporter,
    InvalidMonograph,
    MonographError,
    NoSources,
    OutputError,
    PathNotFound,
    UnknownFormat,
    UsageError,
)
from .formats import Exporter  # noqa: E402
from .model import Monograph  # noqa: E402
from .problems import Location, Problem  # noqa: E402

__all__ = [
    "BrokenExporter",
    "BuildReport",
    "Exporter",
    "InvalidMonograph",
    "Location",
    "Monograph",
    "MonographError",
    "NoSources",
    "OutputError",
    "PathNotFound",
    "Problem",
    "UnknownFormat",
    "UsageError",
    "__version__",
    "build",
    "export",
    "load",
    "validate",
]
