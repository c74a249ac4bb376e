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
import gc
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from . import api
from .arguments import EXIT_INVALID, EXIT_OK, EXIT_USAGE, OPTION_PREFIX, parser
from .errors import Interrupted, InvalidMonograph, MonographError, OutputError, PathNotFound, UsageError
from .problems import Problem, sort_problems
from .project import Project
from .reporters import REPORTERS


def _exporter_options(args: argparse.Namespace) -> dict[str, str]:
    return {name[len(OPTION_PREFIX):]: value for name, value in vars(args).items()
            if name.startswith(OPTION_PREFIX) and value is not None}


def cmd_validate(args: argparse.Namespace) -> int:
    project = Project.load()
    if args.corpus:
        from .precommit import check_corpus

        result = check_corpus(args.paths, project)
        count, problems = result.files, sort_problems(result.problems)
    else:
        count, problems = api.validate_corpus(*args.paths, project=project)
        problems = sort_problems(problems)
    code = EXIT_INVALID if any(p.severity == "error" for p in problems) else EXIT_OK
    _out(_text_reporter(sys.stdout)(problems, count) if args.format == "text" else REPORTERS[args.format](problems, count))
    return code


def _text_reporter(stream: TextIO | None) -> Callable[[Sequence[Problem], int], str]:
    """On a terminal, problems with their source line and a caret; anywhere else, the plain lines."""
    if stream is not None and stream.isatty():
        from .excerpts import excerpted

        return excerpted
    return REPORTERS["text"]


def cmd_export(args: argparse.Namespace) -> int:
    from .atomic import write_regular_file
    from .registry import get_exporter

    project = Project.load()
    get_exporter(args.to)  # an unknown format is a usage error before the file is read
    if args.output and _same_file(args.output, args.file):
        # write_regular_file would replace it, as it replaces any regular file: the monograph would be lost.
        raise OutputError(args.output, "it is the monograph being exported; give another path")
    try:
        model = api.load(args.file, project=project)
    except InvalidMonograph as invalid:
        _err(_text_reporter(sys.stderr)(invalid.problems, 1))
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


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # either is missing or unreadable: not one file, and the reading or the writing will say why
        return False


def cmd_fhir_package(args: argparse.Namespace) -> int:
    from .atomic import write_regular_file

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
        report = api.build(args.source or _one_source(project), args.out, formats=args.formats or (), jobs=args.jobs, project=project,
                           progress=progress, notify=notice, state=args.state, **_exporter_options(args))
    finally:
        if progress:
            progress.finish()
    code = EXIT_OK if report.ok else EXIT_INVALID
    if report.problems:
        _out(_text_reporter(sys.stdout)(report.problems, report.sources))
    _err(report.summary() + "\n")
    return code


def _one_source(project: Project) -> str:
    """The folder build publishes when given none: the project's source, when monograph.toml names one."""
    if len(project.sources) != 1:
        raise UsageError(f"monograph.toml names {len(project.sources)} source paths; build publishes one folder: "
                         "name it, as in 'monograph build " + project.sources[0] + "'")
    return project.sources[0]


def cmd_migrate(args: argparse.Namespace) -> int:
    failed = pending = total = 0
    for result in api.iter_migrate(*args.paths, write=not args.check, project=Project.load()):  # told as done
        total += 1
        if result.problems:
            failed += 1
            sys.stdout.write(REPORTERS["text"](sort_problems(result.problems), 1).rsplit("\n", 2)[0] + "\n")
            print(f"{result.path}: not migrated: the migrated file would not be valid; fix the problems above first")
        elif result.needed:
            pending += 1
            verb = "needs migrating" if args.check else "migrated to schema 2"
            print(f"{result.path}: {verb}:" + "".join(f"\n  {change}" for change in result.changes))
    done = "need migrating" if args.check else "migrated"
    print(f"{pending} of {total} files {done}" + (f", {failed} could not be" if failed else ""), file=sys.stderr)
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


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import REPORTS, diff, versions

    project = Project.load()
    found = diff(*versions(args.old, args.new, project), project)
    _out(REPORTS[args.format](found))
    return EXIT_INVALID if any(item.status == "invalid" for item in found) else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    project = Project.load()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        _say(f"warning: listening on {args.host}: anyone who can reach this machine can read the preview")
    try:
        serve([args.source] if args.source else list(project.sources), project, args.host, args.port,
              ready=lambda url: _out(f"monograph: serving {url} (Ctrl-C to stop)\n"), notify=_say)
    except (KeyboardInterrupt, _Signalled):
        _say("preview stopped")
        return EXIT_OK
    except OSError as error:
        raise OutputError(f"{args.host}:{args.port}", error.strerror or str(error)) from error
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import source_schema

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
    from .registry import exporters

    for name, exporter in exporters().items():
        options = "".join(f"  [--{exporter.option_key(o).replace('_', '-')} {'|'.join(o.choices) if o.check is None else o.name.upper()}]"
                          for o in exporter.options)
        _out(f"{name:8} {exporter.title} ({exporter.media_type}) -> {exporter.folder}/ID{exporter.extension}{options}\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from .rules import RULES

    if args.rule is None:
        for rule in RULES.values():
            marker = "" if not rule.suppressible else "  (can be suppressed)"
            _out(f"{rule.id:24} {rule.summary}{marker}\n")
        return EXIT_OK
    asked = args.rule.strip().strip("[]").lower()  # as a report names it: [placeholder-text]
    explained = RULES.get(asked)
    if explained is None:
        import difflib

        close = difflib.get_close_matches(asked, RULES, n=2, cutoff=0.6)
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        _err(f"monograph: error: no rule named '{args.rule}'; {hint}'monograph explain' lists them all\n")
        return EXIT_USAGE
    import textwrap  # compiles its patterns on import: only explain needs it

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
    "diff": cmd_diff,
    "serve": cmd_serve,
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
    command = _command_of(argv)
    try:
        args = parser(command, alone=argv[:1] == [command]).parse_args(argv)
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
    try:
        previous = {number: signal.signal(number, _raise_interrupted) for number in (signal.SIGTERM, signal.SIGHUP)}
    except ValueError:  # not the main thread, where alone a handler can be set (asked so, threading need not be loaded)
        previous = {}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run() -> None:
    """Console-script entry point."""
    # What the imports made lives as long as the process: the collector need not walk it again in every full pass,
    # nor at exit (5% of 'monograph validate FILE'). Only here: an embedding program's objects are its own.
    gc.freeze()
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
