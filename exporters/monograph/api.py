"""The Python API, and the command line's only way in: what a publishing system embeds.

    import monograph

    problems = monograph.validate("source/")
    drug = monograph.load("source/baclofen.yaml")
    page = monograph.export(drug, "html")
    report = monograph.build("source", "dist")

Every function takes the project it runs in (settings from monograph.toml,
accepted findings, today's date); without one, it reads ./monograph.toml.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InvalidMonograph, OutputError, PathNotFound
from .pipeline import check_file, check_paths
from .problems import Problem, sort_problems
from .project import Project
from .sources import discover_packed

if TYPE_CHECKING:  # pragma: no cover
    from .migration import Migration
    from .model import Monograph
    from .publish import BuildReport, Notify, Progress

PathLike = str | Path


def load(path: PathLike, *, project: Project | None = None) -> Monograph:
    """Read and validate one source file. Raises InvalidMonograph (with every problem) if it is not valid."""
    path = Path(path)
    if not (path.exists() or path.is_symlink()):
        raise PathNotFound(str(path))
    result = check_file(path, project or Project.load())
    if result.monograph is None:
        raise InvalidMonograph(sort_problems(list(result.problems)))
    return result.monograph


def validate(*paths: PathLike, project: Project | None = None) -> list[Problem]:
    """Every problem in the given files and folders (default: source/), sorted. Empty means valid.

    Warnings are problems too; ``p.severity`` tells them apart. Raises
    PathNotFound or NoSources for paths that are not there.
    """
    return sort_problems(validate_corpus(*paths, project=project)[1])


def validate_corpus(*paths: PathLike, project: Project | None = None) -> tuple[int, list[Problem]]:
    """(files checked, problems): ``validate`` with the count a report needs."""
    result = check_paths([str(p) for p in paths], project or Project.load())
    return result.files, result.problems


def migrate(*paths: PathLike, write: bool = True, project: Project | None = None) -> list[Migration]:
    """Rewrite schema 1.x files (default: the project's sources, source/ unless monograph.toml says otherwise) for schema 2, in place, keeping comments and layout.

    A file is written only when the migrated text validates; otherwise its
    ``problems`` say why. With ``write=False`` nothing is written: the result
    says what would change, and ``text`` holds the migrated text. With
    ``write=True`` each file is written as soon as it is migrated, and its text
    is not kept (``text`` is None): a corpus of texts need not fit in memory.
    """
    return list(iter_migrate(*paths, write=write, project=project))


def iter_migrate(*paths: PathLike, write: bool = True, project: Project | None = None) -> Iterator[Migration]:
    """``migrate``, a file at a time: each result as soon as its file is done, so that a caller that reports
    and forgets them (the command line) holds nothing of the corpus."""
    from .atomic import write_regular_file
    from .migration import migrate_file

    project = project or Project.load()
    for name in discover_packed([str(p) for p in paths] or list(project.sources)):
        result = migrate_file(Path(name), project)
        if write and result.text is not None:
            try:
                write_regular_file(result.path, result.text.encode("utf-8"))
            except OSError as error:
                raise OutputError(str(result.path), error.strerror or str(error)) from error
            result.text = None
        yield result


def export(monograph: Monograph | PathLike, to: str, *, project: Project | None = None, **options: str) -> bytes:
    """One monograph in one format, as bytes. ``options`` are the exporters', such as ``fhir_release="r4"``.

    Raises UnknownFormat for a format nobody registered, BadOption for an
    option no format takes, and InvalidMonograph for a file that is not valid.
    """
    # Imported here: 'monograph validate' in a pre-commit hook must not pay for the model and the exporters.
    from .model import Monograph
    from .registry import exporters, get_exporter
    from .rendering import Rendering, check_options

    exporter = get_exporter(to)
    check_options(options, exporters().values())
    project = project or Project.load()
    model = monograph if isinstance(monograph, Monograph) else load(monograph, project=project)
    return Rendering(model, {**project.export_defaults, **options}, project.page).output(to, exporter)


def fhir_package(*, project: Project | None = None, **options: str) -> bytes:
    """The FHIR conformance package (.tgz) that ``build`` writes as OUT/fhir/package.tgz, for the FHIR options given
    (``fhir_release``, ``fhir_canonical``; by default the project's). Raises BadOption as ``export`` does."""
    from .formats.fhir.conformance import package_bytes
    from .registry import get_exporter
    from .rendering import check_options

    exporter = get_exporter("fhir")
    check_options(options, [exporter])
    given = {**(project or Project.load()).export_defaults, **options}
    values = {o.name: given.get(exporter.option_key(o), o.default) for o in exporter.options}
    return package_bytes(values["release"], values["canonical"])


def build(
    source: PathLike = "source",
    out: PathLike = "dist",
    *,
    formats: Sequence[str] = (),
    jobs: int = 0,
    project: Project | None = None,
    progress: Progress | None = None,
    notify: Notify | None = None,
    state: PathLike | None = None,
    **options: str,
) -> BuildReport:
    """Build a corpus into ``out`` as ``monograph build`` does. ``options`` as for ``export``.

    ``notify`` is called with each notice as it happens (waiting for another build, a state rebuilt from
    scratch); the report keeps them too. ``state`` is where the build keeps its state (default: beside ``out``).
    """
    from .publish import BuildOptions  # processes and SQLite only when building
    from .publish import build as publish

    return publish(BuildOptions(
        source=Path(source), out=Path(out), formats=tuple(formats), jobs=jobs, export_options=dict(options),
        project=project or Project.load(), state=Path(state) if state is not None else None,
    ), progress, notify)

