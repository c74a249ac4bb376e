"""A corpus -> OUT/: every format, the Atom feed, the index page and the manifest (`monograph build`).

The build is incremental (unchanged sources are not read), parallel (each
source is loaded, validated and exported in a worker process, workers.py) and
locked (two builds into one folder take turns). It publishes in steps, so that
no failure and no kill can leave OUT torn, and the next build repairs what an
interrupted one could not finish:

1. Recover: put in place what a killed run had committed to publish, and
   remove what it left under its temporary names (atomic.py).
2. Prepare: render the changed sources and, if their inputs changed, the corpus
   files (corpusfiles.py), all under this run's temporary names, and record it
   all in one state transaction. Nothing in OUT changes in this step.
3. Commit the state: from here on the run's work is recorded.
4. Publish: rename every temporary file into place, delete the outputs of
   removed sources (only those still as the build wrote them, layout.py), and
   mark it all done.

A failure before step 3 leaves OUT as it was; a kill in step 4 leaves every
file whole, old or new, and the next build's step 1 finishes the job.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from . import __version__
from .atomic import new_token, publish, remove_file, remove_temporaries, temporary_name
from .corpus import conflicts
from .corpusfiles import META, CorpusSettings, inputs_digest, unwanted, up_to_date, write_temporaries
from .corpuspaths import CORPUS_FILES, FHIR_PACKAGE_FILE
from .errors import OutputError, StateError
from .layout import KEY_SHAPE, Layout, owned_file, plain_relative
from .problems import Location, Problem, sort_problems
from .project import Project
from .registry import format_names, get_exporter, media_types
from .rendering import check_options
from .rules import duplicate_id
from .schema import schema_version
from .sources import discover_names, file_key, read_source, relative_name
from .state import PlanningRecord, SourceRecord, State, describe
from .suppressions import refused_suppressions
from .tasks import Result, Task, WorkContext, discard_outputs
from .workers import workers


@dataclass(frozen=True)
class BuildOptions:
    source: Path = Path("source")
    out: Path = Path("dist")
    formats: tuple[str, ...] = ()
    """Format names; empty means every registered format."""
    jobs: int = 0
    """Worker processes; 0 means one per CPU, 1 means build in this process. Never more than the CPUs."""
    export_options: Mapping[str, str] = field(default_factory=dict)
    """Exporter options as the Python API names them, such as ``{"fhir_release": "r4"}``."""
    now: dt.datetime | None = None
    """When deletions are recorded; defaults to SOURCE_DATE_EPOCH, else the clock."""
    project: Project = field(default_factory=Project)
    state: Path | None = None
    """Where to keep the build state; by default ``.monograph/NAME/`` beside OUT (layout.py). Never inside OUT."""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass
class BuildReport:
    sources: int = 0
    built: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """What the build wants its user to know that is not a problem with a source (state rebuilt, jobs capped...)."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        parts = [f"{self.built} built", f"{self.unchanged} unchanged"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.deleted:
            parts.append(f"{self.deleted} removed")
        return f"{_count(self.sources, 'monograph')}: {', '.join(parts)} in {self.seconds:.2f} s"


Progress = Callable[[int, int], None]
Notify = Callable[[str], None]


@dataclass
class _Run:
    """One build's working set: what it was asked, where it writes, and what it has found so far."""

    options: BuildOptions
    formats: tuple[str, ...]
    layout: Layout
    folders: list[str]
    report: BuildReport
    notify: Notify | None
    token: str = field(default_factory=new_token)
    committed: bool = False
    """Whether step 3 is done: from then on the run's temporary files are work to put in place, never to discard."""

    def tell(self, notice: str) -> None:
        self.report.notices.append(notice)
        if self.notify is not None:
            self.notify(notice)


def build(options: BuildOptions, progress: Progress | None = None, notify: Notify | None = None) -> BuildReport:
    """Build every source under ``options.source`` into ``options.out``; ``notify`` hears each notice as it happens."""
    started = time.perf_counter()
    formats = options.formats or tuple(format_names())
    exporters = [get_exporter(name) for name in formats]
    check_options(options.export_options, exporters)
    defaults = {key: value for key, value in options.project.export_defaults.items()
                if any(key.startswith(f"{name}_") for name in formats)}
    options = replace(options, export_options={**defaults, **options.export_options})
    files = discover_names([str(options.source)])  # names, not Paths: a build keeps one per source
    layout = Layout.of(options.out, options.state)
    folders = sorted({_folder(exporter.folder) for exporter in exporters} | {_folder(str(PurePosixPath(p).parent))
                                                                            for p in CORPUS_FILES})
    run = _Run(options, formats, layout, folders, BuildReport(sources=len(files)), notify)
    _prepare_out(run)
    run.report.problems.extend(refused_suppressions(options.project.suppressions))
    with _lock(run):
        state = _open_state(run)
        try:
            _build_locked(run, state, files, progress)
        except _StateFailure as failure:
            _abandon(run, state)
            raise StateError(str(layout.state_file), failure.reason) from failure.__cause__
        except OSError as error:
            _abandon(run, state)
            raise OutputError(str(error.filename or layout.out), error.strerror or str(error)) from error
        except BaseException:  # Ctrl-C, a signal, an OutputError: leave nothing uncommitted of this run behind
            _abandon(run, state)
            raise
        finally:
            state.close()
    run.report.problems = sort_problems(run.report.problems)
    run.report.seconds = time.perf_counter() - started
    return run.report


class _StateFailure(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextmanager
def _state_errors() -> Iterator[None]:
    import sqlite3

    try:
        yield
    except sqlite3.Error as error:
        raise _StateFailure(describe(error)) from error


def _build_locked(run: _Run, state: State, files: list[str], progress: Progress | None) -> None:
    with _state_errors():
        _recover(run, state)
        state.start_run(run.token, run.folders)
        state.commit()
        _remove_deleted(run, state, files)
        _build_sources(run, state, files, progress)
        _prepare_corpus_files(run, state)
        state.publishing(run.token)
        state.commit()
        run.committed = True
        _finish(run, state, run.token)
        state.commit()


def _open_state(run: _Run) -> State:
    state, notice = State.open(run.layout.state_file)
    if notice is not None:
        run.tell(notice)
    if run.layout.old_state.exists():
        run.tell(f"{run.layout.shown('.monograph')} holds the state of an earlier monograph build, which is no longer "
                 f"kept there (it is now in {run.layout.state}); delete it, or it will be published")
    return state


def _abandon(run: _Run, state: State) -> None:
    """After a failure: forget the uncommitted work and remove this run's temporary files."""
    try:
        state.rollback()
    except Exception:  # noqa: BLE001 - the state may be what failed; its last commit is what counts
        pass
    if not run.committed:  # committed work stays for the next build to put in place
        _remove_run_temporaries(run, run.token, run.folders)


# ---------------------------------------------------------------- output folder, lock


def _folder(name: str) -> str:
    """A folder inside OUT as the state records it: '' for OUT itself."""
    return "" if name in ("", ".") else name


def _prepare_out(run: _Run) -> None:
    layout = run.layout
    if layout.out.exists() and not layout.out.is_dir():
        raise OutputError(str(layout.out), "it exists and is not a folder")
    try:
        layout.out.mkdir(parents=True, exist_ok=True)
        for folder in run.folders:
            path = layout.check_folder(folder)
            path.mkdir(parents=True, exist_ok=True)
            if not os.access(path, os.W_OK | os.X_OK):
                raise PermissionError(13, "Permission denied", str(path))
    except OSError as error:
        raise OutputError(str(error.filename or layout.out), error.strerror or str(error)) from error
    try:
        layout.state.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StateError(str(layout.state), f"cannot create the folder for the build state: {error.strerror}; "
                                            "choose another with --state") from error


@contextmanager
def _lock(run: _Run) -> Iterator[None]:
    """Only one build writes into OUT at a time; a second one says that it waits, and waits for the first to finish."""
    path = run.layout.lock_file
    try:
        handle = open(path, "a")
    except OSError as error:
        raise StateError(str(path), error.strerror or str(error)) from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            run.tell(f"waiting for another build of {run.layout.out} to finish…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---------------------------------------------------------------- recovery and publishing


def _recover(run: _Run, state: State) -> None:
    """Finish, or clear away, the work of runs that were stopped before they ended."""
    for token, folders, publishing in state.runs():
        if publishing:
            _finish(run, state, token)
        _remove_run_temporaries(run, token, folders)
        state.end_run(token)


def _remove_run_temporaries(run: _Run, token: str, folders: list[str]) -> None:
    for folder in folders:
        relative = plain_relative(folder) if folder else PurePosixPath()
        target = run.layout.inside(relative / "_") if relative is not None else None
        if target is not None:
            remove_temporaries(target.parent, token)


def _finish(run: _Run, state: State, token: str) -> None:
    """Step 4: put the committed work of the run ``token`` in place; what is already in place is left as it is."""
    for path in state.pending_outputs(token):
        _publish_if_there(run.layout.real / path, token)
    state.confirm(token)
    for path in (*CORPUS_FILES, FHIR_PACKAGE_FILE):
        _publish_if_there(run.layout.real / path, token)
    for path, sha256 in state.garbage():
        full, notice = owned_file(run.layout, path, sha256)
        if notice is not None:
            run.tell(notice)
        if full is not None:
            remove_file(full)
        state.forget_garbage(path)
    state.end_run(token)


def _publish_if_there(final: Path, token: str) -> None:
    if temporary_name(final, token).is_file():
        try:
            publish(final, token)
        except OSError as error:
            raise OutputError(str(error.filename or final), error.strerror or str(error)) from error


# ---------------------------------------------------------------- step 2: sources


def _stamp(run: _Run, versions: dict[str, dict[str, str]], urls: dict[str, str]) -> str:
    """What, besides a source's own bytes, decides its outputs and records. A change rebuilds every source."""
    options = run.options
    return json.dumps({
        "versions": versions,
        "version_urls": urls,
        "tool": __version__,
        "schema": schema_version(),
        "formats": sorted(run.formats),
        "options": dict(sorted(options.export_options.items())),
        "feed": [options.project.feed.tag_date, options.project.feed.base_url],
        "page": options.project.page,
        "suppressions": [[s.rule, s.file, s.pointer] for s in options.project.suppressions],
    }, sort_keys=True)


def _deletion_time(options: BuildOptions) -> str:
    if options.now is not None:
        moment = options.now
    elif os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        moment = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _remove_deleted(run: _Run, state: State, files: list[str]) -> None:
    """Removals first, so that every claim left in the state (a URL, an id) is a current source's."""
    current = {file_key(p) for p in files}
    when = _deletion_time(run.options)
    for key in state.keys():
        if key not in current:
            record = state.get(key)
            assert record is not None
            state.remove(record, record.feed["id"], when)
            run.report.deleted += 1


def _plan(run: _Run, state: State, files: list[str], stamp: str) -> tuple[list[Task], set[str]]:
    """The sources to build, in ``files``' order, and those of them that hold claims in the state; the unchanged
    ones are counted and skipped without being read.

    Sources and records are walked together in key order, so the state is read in one pass, and two files with
    one key meet side by side. Only positions are sorted, so the plan holds no more per source than a number.
    """
    options, report = run.options, run.report
    planned: list[tuple[int, Task]] = []
    claiming: set[str] = set()
    inside = relative_name(str(options.source))
    records = state.planning_records()
    record = next(records, None)
    previous: tuple[str, str] | None = None
    # sorted() is stable: of two files with one key, the first in ``files`` is still the one built.
    for index in sorted(range(len(files)), key=lambda i: file_key(files[i])):
        shown = files[index]
        key = file_key(shown)
        if previous is not None and previous[0] == key:
            report.problems.append(duplicate_id.RULE.at(Location(shown), duplicate_id.same_file_name_message(previous[1])))
            report.failed += 1
            continue
        previous = (key, shown)
        while record is not None and record.key < key:
            record = next(records, None)
        # A key no valid monograph can have (not an id, not UTF-8) is never matched: validation will refuse it.
        known = record if record is not None and record.key == key and KEY_SHAPE.fullmatch(key) else None
        usable = (known is not None and known.pending is None and known.stamp == stamp
                  and known.source == inside(shown) and _outputs_in_place(run.layout, known))
        if usable and known is not None and _same_stat(shown, known):
            report.unchanged += 1
            continue
        planned.append((index, Task(shown, known.digest if usable and known else None, known is not None)))
        if known is not None:
            claiming.add(key)
    records.close()
    planned.sort(key=lambda item: item[0])
    return [task for _, task in planned], claiming


def _outputs_in_place(layout: Layout, record: PlanningRecord) -> bool:
    """Whether every output is a regular file of the size written (a cheap look; the corpus files get a digest)."""
    # Strings, not Paths or os.path.join, as this runs for every output of every source of a no-op rebuild; the
    # state's check holds each path to plain names.
    prefix = f"{layout.real}/"
    for path, size in record.outputs:
        try:
            status = os.lstat(prefix + path)
        except OSError:
            return False
        if not stat.S_ISREG(status.st_mode) or status.st_size != size:
            return False
    return True


def _same_stat(path: str, record: PlanningRecord) -> bool:
    try:
        status = os.stat(path)
    except OSError:
        return False
    return (status.st_size, status.st_mtime_ns) == (record.size, record.mtime_ns)


def _jobs(run: _Run, sources: int) -> int:
    """Worker processes: as asked, but never more than the CPUs this process may use (and one for one source)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    jobs = run.options.jobs or cpus
    if jobs > cpus:
        run.tell(f"{jobs} jobs asked for, but {_count(cpus, 'CPU')} can run them: using {cpus}")
        jobs = cpus
    return jobs if sources > 1 else 1


def language_versions(files: list[str]) -> dict[str, dict[str, str]]:
    """For each id with more than one file (``baclofen.yaml``, ``baclofen.es.yaml``): hreflang -> key of each."""
    versions: dict[str, dict[str, str]] = {}
    keys = [file_key(path) for path in files]
    # Only an id with a translated file can have versions, so a corpus in one language keeps nothing here.
    translated = {key.partition(".")[0] for key in keys if "." in key}
    for key in sorted(key for key in keys if key.partition(".")[0] in translated):
        id_, _, language = key.partition(".")
        versions.setdefault(id_, {})[language or "x-default"] = key
    return {id_: keys for id_, keys in versions.items() if len(keys) > 1}


def version_urls(files: list[str], versions: dict[str, dict[str, str]]) -> dict[str, str]:
    """The ``url`` of every file that has other language versions, by key, so that each version can name the others
    (JSON-LD workTranslation). Only those files are read twice, and one that cannot be read or has no URL is left
    out: its own build reports why."""
    import yaml

    wanted = {key for keys in versions.values() for key in keys.values()}
    urls: dict[str, str] = {}
    for path in files:
        key = file_key(path)
        if key not in wanted:
            continue
        raw, _, problem = read_source(Path(path))
        if raw is None or problem is not None:
            continue
        try:
            data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (ValueError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("url"), str):
            urls[key] = data["url"]
    return urls


def _build_sources(run: _Run, state: State, files: list[str], progress: Progress | None) -> None:
    versions = language_versions(files)
    urls = version_urls(files, versions)
    stamp = _stamp(run, versions, urls)
    options, report = run.options, run.report
    context = WorkContext(str(run.layout.real), run.formats, dict(options.export_options), options.project, run.token,
                          versions, urls, str(run.layout.state_file), str(options.source))
    with workers(context, _jobs(run, len(files))) as work:
        # Only a source with a record can hold a claim in the state that its rebuild may give up; in a cold
        # build none does, and this set stays empty.
        tasks, rebuilding = _plan(run, state, files, stamp)
        done, total = report.unchanged + report.failed, len(files)
        if progress:
            progress(done, total)
        write_error: tuple[str, str] | None = None
        told: set[str] = set()
        for result in work(tasks):
            done += 1
            if progress:
                progress(done, total)
            write_error = write_error or result.write_error
            if write_error is not None:
                discard_outputs(result, run.token)
            elif result.unchanged:
                state.touch(result.key, result.size, result.mtime_ns)
                report.unchanged += 1
            else:
                rebuilding.discard(result.key)
                _take(run, state, result, rebuilding, stamp)
                _say_if_untranslated(run, result.feed.get("language"), told)
    if write_error is not None:
        raise OutputError(*write_error)


def _say_if_untranslated(run: _Run, language: object, told: set[str]) -> None:
    """A page in a language with no interface catalogue keeps the tool's words in English: say so, once a language."""
    from .wording import SHIPPED, primary

    if "html" not in run.formats or not isinstance(language, str) or primary(language) in SHIPPED:
        return
    if primary(language) not in told:
        told.add(primary(language))
        run.tell(f"html: no interface catalogue for '{primary(language)}' (shipped: {', '.join(SHIPPED)}); pages in "
                 f"{language} keep the interface words in English, marked lang=\"en\"")


def _take(run: _Run, state: State, result: Result, rebuilding: set[str], stamp: str) -> None:
    """Record a rebuilt source, or veto it (invalid, or claiming what another source holds) and drop its outputs."""
    report = run.report
    clashes = _conflicts(run, result, state, rebuilding)
    report.problems.extend(p for p in result.problems if p.severity != "error")
    if any(p.severity == "error" for p in result.problems) or clashes or result.claims is None:
        report.problems.extend(p for p in result.problems if p.severity == "error")
        report.problems.extend(clashes)
        report.failed += 1
        discard_outputs(result, run.token)
        return
    state.put(SourceRecord(
        result.key, result.relative, result.size, result.mtime_ns, result.digest, stamp,
        result.claims.url, result.claims.identity, result.feed, result.manifest, run.token,
    ), result.document)
    report.built += 1


def _conflicts(run: _Run, result: Result, state: State, rebuilding: set[str]) -> list[Problem]:
    """A URL, or an id and language, that another current source already publishes under.

    A source still waiting to be rebuilt in this run may be about to give its claim up, so it does not
    count; sources are taken in name order, so the earlier of two that collide is published.
    """
    if result.claims is None:
        return []

    def owner_of(kind: str, value: str, claimant: str) -> str | None:
        owner = state.owner(kind, value, claimant)
        if owner is None or owner[0] in rebuilding:
            return None
        return (run.options.source / owner[1]).as_posix()

    return conflicts(result.claims, owner_of)


# ---------------------------------------------------------------- step 2: corpus files


def _prepare_corpus_files(run: _Run, state: State) -> None:
    """Write the corpus files aside when what they are made of, or what is in OUT, is not what was last written."""
    settings = CorpusSettings(run.options.project.feed, run.options.source.as_posix(), media_types(), _fhir_package(run))
    inputs = inputs_digest(settings, state)
    if up_to_date(run.layout, state, inputs, settings.files):
        return
    for path, sha256 in unwanted(state, settings.files):
        state.discard(path, sha256)
    try:
        files = write_temporaries(run.layout, state, settings, run.token)
    except OSError as error:
        raise OutputError(str(error.filename or run.layout.out), error.strerror or str(error)) from error
    state.set_meta(META, {"inputs": inputs, "files": files})


def _fhir_package(run: _Run) -> tuple[str, str] | None:
    """(release, canonical base) of the FHIR package the build writes beside the FHIR outputs, or None without FHIR."""
    if "fhir" not in run.formats:
        return None
    exporter = get_exporter("fhir")
    values = {o.name: run.options.export_options.get(exporter.option_key(o), o.default) for o in exporter.options}
    return values["release"], values["canonical"]
