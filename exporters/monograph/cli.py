"""The command line: ``main(argv) -> exit code``. Nothing below this module prints.

Exit codes: 0 all good; 1 some input invalid; 2 usage error or unreadable
path. Never the number of errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .atomic import write_atomic
from .config import load_config
from .errors import MonographError, OutputError
from .problems import sort_problems
from .registry import exporters, format_names, get_exporter
from .reporters import REPORTERS
from .rules import RULES
from .sources import discover
from .suppressions import apply_project
from .validation import schema, validate_file, validate_paths

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="monograph", description="Validate drug monographs and publish them in every format.")
    parser.add_argument("--version", action="version", version=f"monograph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    validate = commands.add_parser("validate", help="check monographs and report every problem with its location")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (searched recursively); default: source/")
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text", help="how to report problems (default: text)")

    export = commands.add_parser("export", help="write one monograph in one format")
    export.add_argument("file", metavar="FILE", help="the monograph's source file")
    export.add_argument("--to", required=True, metavar="FORMAT", help="the format: " + ", ".join(format_names()))
    export.add_argument("--fhir-release", choices=["r5", "r4"], default="r5", help="FHIR release (default: r5)")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")

    build_ = commands.add_parser("build", help="publish a corpus: every format, the feed and the manifest")
    build_.add_argument("source", nargs="?", default="source", metavar="SRC", help="the source folder (default: source/)")
    build_.add_argument("-o", "--out", default="dist", metavar="OUT", help="the output folder (default: dist/)")
    build_.add_argument("--to", action="append", metavar="FORMAT", dest="formats",
                        help="only this format (repeatable); default: every format")
    build_.add_argument("--jobs", type=_jobs, default=0, metavar="N", help="worker processes (default: one per CPU)")
    build_.add_argument("--fhir-release", choices=["r5", "r4"], default="r5", help="FHIR release (default: r5)")
    build_.add_argument("--quiet", action="store_true", help="no progress bar, only the summary")

    new = commands.add_parser("new", help="write a new, valid skeleton monograph (never overwrites)")
    new.add_argument("id", metavar="ID", help="the new monograph's id, such as insulin-glargine")
    new.add_argument("--from", dest="existing", metavar="EXISTING", help="start from a copy of this monograph")
    new.add_argument("--dir", default="source", metavar="FOLDER", help="where to write ID.yaml (default: source/)")

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
    config = load_config()
    count, problems = validate_paths(args.paths)
    # Stale project suppressions can only be told apart when the whole default corpus was checked.
    problems = apply_project(problems, config.suppressions, config.base, report_unused=not args.paths)
    problems = sort_problems(problems)
    sys.stdout.write(REPORTERS[args.format](problems, count))
    return EXIT_INVALID if any(p.severity == "error" for p in problems) else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    exporter = get_exporter(args.to)
    path = Path(args.file)
    if not path.is_file():
        discover([args.file])  # raises the usual "no such file" usage error
    result = validate_file(path)
    if result.monograph is None:
        sys.stderr.write(REPORTERS["text"](sort_problems(list(result.problems)), 1))
        return EXIT_INVALID
    data = exporter(result.monograph, {"fhir_release": args.fhir_release})
    if args.output:
        target = Path(args.output)
        try:
            write_atomic(target, data)
        except OSError as error:
            raise OutputError(args.output, error.strerror or str(error)) from error
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
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


def cmd_build(args: argparse.Namespace) -> int:
    from .publish import BuildOptions, build  # the build machinery (processes, SQLite) only when building

    config = load_config()
    options = BuildOptions(
        source=Path(args.source),
        out=Path(args.out),
        formats=tuple(args.formats or ()),
        jobs=args.jobs,
        export_options={"fhir_release": args.fhir_release},
        feed=config.feed,
        suppressions=config.suppressions,
        suppression_base=config.base,
    )
    bar = _ProgressBar(sys.stderr) if not args.quiet and sys.stderr.isatty() else None
    try:
        report = build(options, bar)
    finally:
        if bar:
            bar.finish()
    if report.problems:
        sys.stdout.write(REPORTERS["text"](report.problems, report.sources))
    print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_INVALID


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_monograph

    existing = Path(args.existing) if args.existing else None
    if existing is not None and not existing.is_file():
        discover([args.existing])  # the usual "no such file" usage error
    target, problems = new_monograph(args.id, Path(args.dir), existing)
    if problems:
        sys.stderr.write(REPORTERS["text"](sort_problems(problems), 1))
        print(f"monograph: {target} was not written: the copy would not be valid", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {target}; fill it in, then run: monograph validate {target}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    from .docs import stale_docs, write_docs

    folder = Path(args.dir)
    if args.check:
        stale = list(stale_docs(folder))
        for path in stale:
            print(f"{path}: out of date; run 'monograph docs' to regenerate it", file=sys.stderr)
        return EXIT_INVALID if stale else EXIT_OK
    try:
        for path in write_docs(folder):
            print(f"wrote {path}")
    except OSError as error:
        raise OutputError(str(error.filename or folder), error.strerror or str(error)) from error
    return EXIT_OK


def cmd_formats(args: argparse.Namespace) -> int:
    for name, exporter in exporters().items():
        options = "".join(f"  [{key}: {'|'.join(values)}]" for key, values in exporter.options.items())
        print(f"{name:8} {exporter.title} ({exporter.media_type}) -> {exporter.folder}/ID{exporter.extension}{options}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    if args.rule is None:
        for rule in RULES.values():
            marker = "" if not rule.suppressible else "  (can be suppressed)"
            print(f"{rule.id:24} {rule.summary}{marker}")
        return EXIT_OK
    explained = RULES.get(args.rule)
    if explained is None:
        print(f"monograph: error: no rule named '{args.rule}'; 'monograph explain' lists them", file=sys.stderr)
        return EXIT_USAGE
    print(f"{explained.id}: {explained.summary}\n\n{explained.explanation}")
    return EXIT_OK


COMMANDS = {
    "validate": cmd_validate,
    "export": cmd_export,
    "build": cmd_build,
    "new": cmd_new,
    "formats": cmd_formats,
    "docs": cmd_docs,
    "schema": cmd_schema,
    "explain": cmd_explain,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse's --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except MonographError as error:
        print(f"monograph: error: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # a closed pipe (| head) is not our failure
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
