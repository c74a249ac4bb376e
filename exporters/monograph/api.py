"""The Python API: what the command line does, for publishing systems that embed monograph.

    import monograph

    problems = monograph.validate("source/")
    drug = monograph.load("source/baclofen.yaml")
    page = monograph.export(drug, "html")
    report = monograph.build("source", "dist")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .config import load_config
from .errors import InvalidMonograph
from .model import Monograph
from .problems import Problem, sort_problems
from .publish import BuildOptions, BuildReport
from .publish import build as _build
from .registry import get_exporter
from .validation import validate_file, validate_paths

PathLike = str | Path


def load(path: PathLike, *, today: dt.date | None = None) -> Monograph:
    """Read and validate one source file. Raises InvalidMonograph (with every problem) if it is not valid."""
    result = validate_file(Path(path), today)
    if result.monograph is None:
        raise InvalidMonograph(sort_problems(list(result.problems)))
    return result.monograph


def validate(*paths: PathLike, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the given files and folders (default: source/), sorted. Empty means valid.

    Raises PathNotFound or NoSources for paths that are not there.
    """
    _, problems = validate_paths([str(p) for p in paths], today)
    return sort_problems(problems)


def export(monograph: Monograph | PathLike, to: str, **options: str) -> bytes:
    """One monograph in one format, as bytes. ``options`` are the exporter's, such as ``fhir_release="r4"``.

    Raises UnknownFormat for a format nobody registered, and InvalidMonograph for a file that is not valid.
    """
    exporter = get_exporter(to)
    model = monograph if isinstance(monograph, Monograph) else load(monograph)
    return exporter(model, options)


def build(
    source: PathLike = "source",
    out: PathLike = "dist",
    *,
    formats: Sequence[str] = (),
    jobs: int = 0,
    fhir_release: str = "r5",
) -> BuildReport:
    """Build a corpus into ``out`` as ``monograph build`` does, with the settings of ./monograph.toml."""
    config = load_config()
    return _build(BuildOptions(
        source=Path(source), out=Path(out), formats=tuple(formats), jobs=jobs,
        export_options={"fhir_release": fhir_release}, feed=config.feed,
        suppressions=config.suppressions, suppression_base=config.base,
    ))
