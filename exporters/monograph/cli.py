"""The command line: ``main(argv) -> exit code``. Nothing below this module prints.

Exit codes: 0 all good; 1 some input invalid; 2 usage error, unreadable path,
or a failure outside the input (a full disk, a lock, a signal), with one line
on standard error; 130 for Ctrl-C. Never the number of errors.

Output goes through ``_Streams``: a standard output that is closed, or whose
reader has gone (``| head``), never changes the exit code and never prints a
traceback; the answer is decided before anything is written.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from . import __version__, api
from .atomic import write_regular_file
from .errors import Interrupted, InvalidMonograph, MonographError, OutputError, PathNotFound
from .problems import sort_problems
from .project import Project
from .registry import exporters, format_names, get_exporter
from .reporters import REPORTERS
from .rules import RULES
from .schema import source_schema

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _exporter_flags(command: argparse.ArgumentParser) -> None:
    """One flag per option of every registered exporter: a plugin's options get flags without touching this file."""
    group = command.add_argument_group("format options")
    for exporter in exporters().values():
        for option in exporter.options:
            key = exporter.option_key(option)
            group.add_argument(
                "--" + key.replace("_", "-"), dest=OPTION_PREFIX + key, default=None,
                choices=option.choices if option.check is None else None,
                help=f"{option.help} (the {exporter.name} format; default: {option.default})",
            )


OPTION_PREFIX = "option:"


def _exporter_options(args: argparse.Namespace) -> dict[str, str]:
    return {name[len(OPTION_PREFIX):]: value for name, value in vars(args).items()
            if name.startswith(OPTION_PREFIX) and value is not None}


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; exporter option flags are made only for the command that needs them, as they load every exporter."""
    parser = _Parser(prog="monograph", description="Validate drug monographs and publish them in every format.")
    parser.add_argument("--version", action="version", version=f"monograph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser("validate", help="check monographs and report every problem with its location")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (searched recursively); default: source/")
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text", help="how to report problems (default: text)")

    export = commands.add_parser("export", help="write one monograph in one format")
    export.add_argument("file", metavar="FILE", help="the monograph's source file")
    export.add_argument("--to", required=True, metavar="FORMAT", help="the format: " + ", ".join(format_names()))
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    if command == "export":
        _exporter_flags(export)

    build_ = commands.add_parser("build", help="publish a corpus: every format, the feed and the manifest")
    build_.add_argument("source", nargs="?", default="source", metavar="SRC", help="the source folder (default: source/)")
    build_.add_argument("-o", "--out", default="dist", metavar="OUT", help="the output folder (default: dist/)")
    build_.add_argument("--to", action="append", metavar="FORMAT", dest="formats",
                        help="only this format (repeatable); default: every format")
    build_.add_argument("--jobs", type=_jobs, default=0, metavar="N", help="worker processes (default: one per CPU)")
    build_.add_argument("--quiet", action="store_true", help="no progress, only notices and the summary")
    build_.add_argument("--state", metavar="FOLDER", default=None,
                        help="where to keep the build state (default: .monograph/NAME/ beside OUT; never inside OUT)")
    if command == "build":
        _exporter_flags(build_)

    migrate = commands.add_parser("migrate", help="rewrite schema 1.x monographs for schema 2, keeping comments and layout")
    migrate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; default: source/")
    migrate.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file needs migrating")

    new = commands.add_parser("new", help="write a new, valid skeleton monograph (never overwrites)")
    new.add_argument("id", metavar="ID", help="the new monograph's id, such as insulin-glargine")
    new.add_argument("--from", dest="existing", metavar="EXISTING", help="start from a copy of this monograph")
    new.add_argument("--dir", default="source", metavar="FOLDER", help="where to write ID.yaml (default: source/)")

    package = commands.add_parser("fhir-package", help="write the FHIR conformance package alone (as build writes "
                                                       "OUT/fhir/package.tgz)")
    package.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the .tgz")
    if command == "fhir-package":
        _exporter_flags(package)

    commands.add_parser("formats", help="list the registered output formats")

    docs = commands.add_parser("docs", help="write the field reference and mapping table (docs/fields.md, docs/mapping.md)")
    docs.add_argument("--dir", default="docs", metavar="FOLDER", help="where to write them (default: docs/)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 if the files are out of date")
    commands.add_parser("schema", help="print the monograph JSON Schema (for editors and other tools)")

    explain = commands.add_parser("explain", help="explain a rule; without a rule, list them all")
    explain.add_argument("rule", nargs="?", metavar="RULE")
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return value


def cmd_validate(args: argparse.Namespace) -> int:
    project = Project.load()
    count, problems = api.validate_corpus(*args.paths, project=project)
    problems = sort_problems(problems)
    code = EXIT_INVALID if any(p.severity == "error" for p in problems) else EXIT_OK
    _out(REPORTERS[args.format](problems, count))
    return code


def cmd_export(args: argparse.Namespace) -> int:
    project = Project.load()
    get_exporter(args.to)  # an unknown format is a usage error before the file is read
    try:
        model = api.load(args.file, project=project)
    except InvalidMonograph as invalid:
        _err(REPORTERS["text"](invalid.problems, 1))
        return EXIT_INVALID
    data = api.export(model, args.to, project=project, **_exporter_options(args))
    if args.output:
        try:
            write_regular_file(Path(args.output), data)  # refuses a FIFO, a device or a link such as /dev/stdout
        except OSError as error:
            raise OutputError(args.output, error.strerror or str(error)) from error
    else:
        _out(data)
    return EXIT_OK


def cmd_fhir_package(args: argparse.Namespace) -> int:
    data = api.fhir_package(project=Project.load(), **_exporter_options(args))
    try:
        write_regular_file(Path(args.output), data)
    except OSError as error:
        raise OutputError(args.output, error.strerror or str(error)) from error
    _out(f"wrote {args.output}\n")
    return EXIT_OK


class _ProgressBar:
    """A one-line progress bar with an estimate of the time left, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn < 0.1:
            return
        self.drawn = now
        width = 30
        filled = width * done // total if total else width
        elapsed = now - self.started
        left = elapsed / done * (total - done) if done else 0.0
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  {left:4.0f} s left ")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\r" + " " * 60 + "\r")
        self.stream.flush()


class _ProgressLines:
    """Without a terminal (a CI log): a line each time another tenth is done, at most every ``interval`` seconds."""

    def __init__(self, say: Callable[[str], None], interval: float = 2.0) -> None:
        self.say = say
        self.interval = interval
        self.said = time.monotonic()
        self.tenth = 0

    def __call__(self, done: int, total: int) -> None:
        if not total or done >= total:
            return  # the summary says the rest
        tenth = done * 10 // total
        now = time.monotonic()
        if tenth > self.tenth and now - self.said >= self.interval:
            self.said, self.tenth = now, tenth
            self.say(f"{done:,} of {_count(total, 'monograph')} done ({done * 100 // total}%)")

    def finish(self) -> None:
        pass


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def cmd_build(args: argparse.Namespace) -> int:
    project = Project.load()
    progress: _ProgressBar | _ProgressLines | None = None
    if not args.quiet:
        progress = _ProgressBar(sys.stderr) if sys.stderr is not None and sys.stderr.isatty() else _ProgressLines(_say)

    def notice(text: str) -> None:
        if isinstance(progress, _ProgressBar):
            progress.finish()  # a notice gets a line of its own; the bar is drawn again on the next step
        _say(text)

    try:
        report = api.build(args.source, args.out, formats=args.formats or (), jobs=args.jobs, project=project,
                           progress=progress, notify=notice, state=args.state, **_exporter_options(args))
    finally:
        if progress:
            progress.finish()
    code = EXIT_OK if report.ok else EXIT_INVALID
    if report.problems:
        _out(REPORTERS["text"](report.problems, report.sources))
    _err(report.summary() + "\n")
    return code


def cmd_migrate(args: argparse.Namespace) -> int:
    results = api.migrate(*args.paths, write=not args.check, project=Project.load())
    failed = [r for r in results if r.problems]
    pending = [r for r in results if r.needed and not r.problems]
    for result in results:
        if result.problems:
            sys.stdout.write(REPORTERS["text"](sort_problems(result.problems), 1).rsplit("\n", 2)[0] + "\n")
            print(f"{result.path}: not migrated: the migrated file would not be valid; fix the problems above first")
        elif result.needed:
            verb = "needs migrating" if args.check else "migrated to schema 2"
            print(f"{result.path}: {verb}:" + "".join(f"\n  {change}" for change in result.changes))
    done = "need migrating" if args.check else "migrated"
    print(f"{len(pending)} of {len(results)} files {done}" + (f", {len(failed)} could not be" if failed else ""),
          file=sys.stderr)
    return EXIT_INVALID if failed or (args.check and pending) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    project = Project.load()
    from .scaffold import new_monograph

    existing = Path(args.existing) if args.existing else None
    if existing is not None and not (existing.exists() or existing.is_symlink()):
        raise PathNotFound(args.existing)
    folder = Path(args.dir)
    if folder.exists() and not folder.is_dir():
        raise OutputError(args.dir, "it is not a folder; --dir takes the folder to write ID.yaml into")
    try:
        target, problems = new_monograph(args.id, folder, existing, project)
    except OSError as error:
        raise OutputError(str(error.filename or args.dir), error.strerror or str(error)) from error
    if problems:
        _err(REPORTERS["text"](sort_problems(problems), 1))
        _say(f"{target} was not written: the copy would not be valid")
        return EXIT_INVALID
    _out(f"wrote {target}; fill it in, then run: monograph validate {target}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    _out(json.dumps(source_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    from .docs import stale_docs, write_docs

    folder = Path(args.dir)
    if args.check:
        stale = list(stale_docs(folder))
        for path in stale:
            _err(f"{path}: out of date; run 'monograph docs' to regenerate it\n")
        return EXIT_INVALID if stale else EXIT_OK
    try:
        for path in write_docs(folder):
            _out(f"wrote {path}\n")
    except OSError as error:
        raise OutputError(str(error.filename or folder), error.strerror or str(error)) from error
    return EXIT_OK


def cmd_formats(args: argparse.Namespace) -> int:
    for name, exporter in exporters().items():
        options = "".join(f"  [--{exporter.option_key(o).replace('_', '-')} {'|'.join(o.choices) if o.check is None else o.name.upper()}]"
                          for o in exporter.options)
        _out(f"{name:8} {exporter.title} ({exporter.media_type}) -> {exporter.folder}/ID{exporter.extension}{options}\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    if args.rule is None:
        for rule in RULES.values():
            marker = "" if not rule.suppressible else "  (can be suppressed)"
            _out(f"{rule.id:24} {rule.summary}{marker}\n")
        return EXIT_OK
    explained = RULES.get(args.rule)
    if explained is None:
        _err(f"monograph: error: no rule named '{args.rule}'; 'monograph explain' lists them\n")
        return EXIT_USAGE
    notes = f"Severity: {explained.severity}; " + ("can be suppressed." if explained.suppressible else "cannot be suppressed.")
    _out(f"{explained.id}: {explained.summary}\n\n{explained.explanation}\n\n{notes}\n\n")
    _out(f"Passes:\n\n{textwrap.indent(explained.passing, '    ')}\nFails:\n\n{textwrap.indent(explained.failing, '    ')}")
    return EXIT_OK


COMMANDS = {
    "validate": cmd_validate,
    "export": cmd_export,
    "build": cmd_build,
    "new": cmd_new,
    "migrate": cmd_migrate,
    "formats": cmd_formats,
    "docs": cmd_docs,
    "fhir-package": cmd_fhir_package,
    "schema": cmd_schema,
    "explain": cmd_explain,
}


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv``, before the parser that depends on it is made."""
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser(_command_of(argv)).parse_args(argv)
    except SystemExit as stop:  # argparse's --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    with _signals_as_errors():
        try:
            try:
                code = COMMANDS[args.command](args)
            except KeyboardInterrupt:
                raise Interrupted("SIGINT") from None
            except _Signalled as signalled:
                raise Interrupted(signalled.name) from None
        except MonographError as error:
            _err(f"monograph: error: {error}\n")
            code = error.exit_code
        _flush_stdout()
    return code


# ---------------------------------------------------------------- streams and signals

_GONE = {errno.EPIPE, errno.EBADF}
"""A reader that went away and a descriptor that was closed: nobody to tell, and not the input's fault."""


def _out(data: str | bytes) -> None:
    """Write to standard output; a closed or broken one is ignored, any other failure (a full disk) stops the command."""
    stream = sys.stdout
    if stream is None:  # closed before the command started
        return
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "backslashreplace")
    try:
        stream.flush()
        stream.buffer.write(raw)
        stream.buffer.flush()
    except (BrokenPipeError, ValueError):
        _drop_stdout()
    except OSError as error:
        _drop_stdout()  # either way nothing more can be written there, and the final flush must not fail again
        if error.errno not in _GONE:
            raise OutputError("standard output", error.strerror or str(error)) from error


def _flush_stdout() -> None:
    try:
        _out(b"")
    except OutputError as error:
        _err(f"monograph: error: {error}\n")


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush finds nothing to fail on."""
    try:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        os.dup2(descriptor, 1)
        os.close(descriptor)
    except OSError:
        pass
    sys.stdout = None  # type: ignore[assignment]


def _err(text: str) -> None:
    """Write to standard error; if even that is gone there is nobody left to tell."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.buffer.write(text.encode("utf-8", "backslashreplace"))
        stream.buffer.flush()
    except (OSError, ValueError):
        pass


def _say(text: str) -> None:
    """A notice, on standard error, on a line of its own."""
    _err(f"monograph: {text}\n")


class _Signalled(BaseException):
    """A signal, raised where the program happens to be. Like KeyboardInterrupt it is no Exception, so that no
    ``except Exception`` on the way (an exporter's guard, for one) mistakes it for a failure of its own."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _raise_interrupted(number: int, frame: FrameType | None) -> None:
    raise _Signalled(signal.Signals(number).name)


@contextmanager
def _signals_as_errors() -> Iterator[None]:
    """SIGTERM and SIGHUP stop a command as Ctrl-C does: through the same clean-up, with one line, exit code 2."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise_interrupted) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
