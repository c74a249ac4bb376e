"""The command line's words: every subcommand, its arguments, and the help it prints (description, examples, exit
codes). cli.py runs the commands; this module only says what they take."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from . import __version__
from .reporters import REPORTERS

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
OPTION_PREFIX = "option:"

_USAGE_EXIT = "  2  a usage error, a missing or unreadable path, or a failure outside the input (one line on stderr)"
_INVALID_EXIT = "  1  some input is invalid (every problem is reported, with its file, line and column)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _Formatter(argparse.HelpFormatter):
    """Descriptions wrapped to the terminal; the examples and exit codes kept line for line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return text
        return super()._fill_text(text, width, indent)


def _epilog(examples: list[str], exits: list[str]) -> str:
    return ("examples:\n" + "\n".join(f"  {line}" for line in examples) + "\n\nexit codes:\n  0  "
            + "\n".join(exits) + "\n" + _USAGE_EXIT + "\n  130  interrupted with Ctrl-C")


def _command(commands: argparse._SubParsersAction, name: str, summary: str, description: str,  # type: ignore[type-arg]
             examples: list[str], exits: list[str]) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=summary, description=description, epilog=_epilog(examples, exits),
                               formatter_class=_Formatter)


def _exporter_flags(command: argparse.ArgumentParser) -> None:
    """One flag per option of every registered exporter: a plugin's options get flags without touching this file."""
    from .registry import exporters  # loads every exporter: only for the commands that take their flags

    group = command.add_argument_group("format options")
    for exporter in exporters().values():
        for option in exporter.options:
            key = exporter.option_key(option)
            group.add_argument(
                "--" + key.replace("_", "-"), dest=OPTION_PREFIX + key, default=None,
                choices=option.choices if option.check is None else None,  # a free-text option checks itself
                metavar=None if option.check is None else option.name.upper(),
                help=f"{option.help} (the {exporter.name} format; default: {option.default})",
            )


def _format_names() -> list[str]:
    from .registry import format_names

    return format_names()


def parser(command: str | None = None, *, alone: bool = False) -> argparse.ArgumentParser:
    """The parser; exporter option flags are made only for the command that needs them, as they load every exporter.

    ``alone``: the arguments start with ``command``, so the top level's help and list of commands cannot be shown,
    and only that command's parser is made (making all twelve costs ``monograph validate`` a few milliseconds).
    """
    top = _Parser(prog="monograph", description="Validate drug monographs and publish them in every format.",
                  epilog="'monograph COMMAND --help' describes a command, with examples and exit codes.")
    top.add_argument("--version", action="version", version=f"monograph {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    adders = (_ADDERS[command],) if alone and command in _ADDERS else dict.fromkeys(_ADDERS.values())
    for add in adders:
        add(commands, command)
    return top


def _validate(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    validate = _command(
        commands, "validate", "check monographs and report every problem with its location",
        "Check monographs against the schema and every rule, within each file and between files (the same URL or "
        "id twice), and report every problem at once, sorted by file and position.",
        ["monograph validate                      # the corpus: [source] paths in monograph.toml, or source/",
         "monograph validate source/baclofen.yaml",
         "monograph validate --format github      # annotations on a GitHub pull request",
         "monograph validate --format sarif > results.sarif"],
        ["every file is valid (warnings may be reported)", _INVALID_EXIT])
    validate.add_argument("paths", nargs="*", metavar="PATH",
                          help="files or folders (searched recursively); default: [source] paths in monograph.toml, or source/")
    validate.add_argument("--format", choices=sorted(REPORTERS), default="text", help="how to report problems (default: text)")
    validate.add_argument("--corpus", action="store_true",
                          help="check the whole corpus whatever PATHs are given; a given PATH outside it that is a "
                               "monograph is checked and reported as outside (the pre-commit corpus hook)")


def _export(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    export = _command(
        commands, "export", "write one monograph in one format",
        "Write one monograph in one output format, to standard output or a file. An invalid monograph is not "
        "exported: its problems are reported instead.",
        ["monograph export source/baclofen.yaml --to jsonld",
         "monograph export source/baclofen.yaml --to fhir --fhir-release r4 -o baclofen.json"],
        ["written", _INVALID_EXIT])
    export.add_argument("file", metavar="FILE", help="the monograph's source file")
    # Listing the formats loads every exporter's entry point: only for the command whose help shows them.
    formats = ", ".join(_format_names()) if command == "export" else "see 'monograph formats'"
    export.add_argument("--to", required=True, metavar="FORMAT", help="the format: " + formats)
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    if command == "export":
        _exporter_flags(export)


def _build(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    build = _command(
        commands, "build", "publish a corpus: every format, the feed and the manifest",
        "Publish every valid monograph of SRC in every format into OUT, with the Atom feed, the index page and the "
        "manifest. Only what changed is rebuilt; the build state lives beside OUT, never in it. An invalid file is "
        "not published and its problems are reported.",
        ["monograph build                         # source/ into dist/",
         "monograph build source -o public --to html --to jsonld",
         "monograph build --jobs 2 --quiet"],
        ["everything was published", "  1  some file is invalid and was not published (the rest was)"])
    build.add_argument("source", nargs="?", default=None, metavar="SRC",
                       help="the source folder (default: the one in [source] paths of monograph.toml, or source/)")
    build.add_argument("-o", "--out", default="dist", metavar="OUT", help="the output folder (default: dist/)")
    build.add_argument("--to", action="append", metavar="FORMAT", dest="formats",
                       help="only this format (repeatable); default: every format")
    build.add_argument("--jobs", type=_jobs, default=0, metavar="N", help="worker processes (default: one per CPU)")
    build.add_argument("--quiet", action="store_true", help="no progress, only notices and the summary")
    build.add_argument("--state", metavar="FOLDER", default=None,
                       help="where to keep the build state (default: .monograph/NAME/ beside OUT; never inside OUT)")
    if command == "build":
        _exporter_flags(build)


def _migrate(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    migrate = _command(
        commands, "migrate", "rewrite schema 1.x monographs for schema 2, keeping comments and layout",
        "Rewrite schema 1.x monographs for schema 2 in place, keeping comments and layout. A file is written only "
        "when the result is valid; each change is listed.",
        ["monograph migrate --check               # what would change, writing nothing",
         "monograph migrate source/baclofen.yaml"],
        ["done (or, with --check, nothing needs migrating)",
         "  1  a file could not be migrated, or (with --check) a file needs migrating"])
    migrate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; default: [source] paths, or source/")
    migrate.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file needs migrating")


def _new(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    new = _command(
        commands, "new", "write a skeleton monograph to fill in (never overwrites)",
        "Write ID.yaml: a skeleton with comments that say what goes where. Its placeholders and the review date "
        "are left for you: validate and build report them until they are written. --from copies an existing "
        "monograph under the new id instead.",
        ["monograph new insulin-glargine",
         "monograph new baclofen-oral --from source/baclofen.yaml --dir drafts"],
        ["written", "  1  the copy (--from) would not be valid; nothing was written"])
    new.add_argument("id", metavar="ID", help="the new monograph's id, such as insulin-glargine")
    new.add_argument("--from", dest="existing", metavar="EXISTING", help="start from a copy of this monograph")
    new.add_argument("--dir", default="source", metavar="FOLDER", help="where to write ID.yaml (default: source/)")


def _diff(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    changes = _command(
        commands, "diff", "what a change does to the published outputs, per monograph and format",
        "Say, per monograph and per output format, what partners will receive differently between two versions, "
        "in a reviewer's words ('brand Revonto added'). A format is named only when its published bytes change.",
        ["monograph diff                          # the last commit against the working tree",
         "monograph diff main                     # a branch or any git revision against the working tree",
         "monograph diff old/ new/                # two folders, or two files",
         "monograph diff main --format github     # a Markdown pull-request comment"],
        ["compared", "  1  a new version is invalid and would not be published"])
    changes.add_argument("old", nargs="?", metavar="OLD",
                         help="the old version: a git revision (default: HEAD, the last commit) or a file or folder")
    changes.add_argument("new", nargs="?", metavar="NEW",
                         help="the new version: a file or folder (default: the working tree's source folders)")
    changes.add_argument("--format", choices=("text", "json", "github"), default="text",
                         help="text, json, or github (a Markdown pull-request comment); default: text")


def _serve(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    preview = _command(
        commands, "serve", "a live preview of the pages, rebuilt and reloaded when a file is saved",
        "Serve every monograph's HTML page for reading while you write. A saved file is checked and rendered again "
        "and the open page reloads itself; a file with problems shows them instead of its last good page. "
        "Nothing is written to disk. Listens on this machine only unless --host says otherwise.",
        ["monograph serve                         # http://127.0.0.1:8000/",
         "monograph serve source --port 0         # a free port; the address is printed"],
        ["stopped with Ctrl-C or SIGTERM"])
    preview.add_argument("source", nargs="?", metavar="SRC",
                         help="the source folder or file (default: [source] paths in monograph.toml, or source/)")
    preview.add_argument("--host", default="127.0.0.1",
                         help="the address to listen on (default: 127.0.0.1, this machine only)")
    preview.add_argument("--port", type=_port, default=8000, metavar="N",
                         help="the port (default: 8000; 0 picks a free one and prints the address)")


def _fhir_package(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    package = _command(
        commands, "fhir-package", "write the FHIR conformance package alone (as build writes OUT/fhir/package.tgz)",
        "Write the FHIR package that defines every extension, code system and value set the FHIR output uses, for "
        "one release, under the canonical base of [fhir] canonical in monograph.toml (or --fhir-canonical). Load it "
        "into HL7's validator with -ig to check the output.",
        ["monograph fhir-package -o package.tgz",
         "monograph fhir-package -o r4.tgz --fhir-release r4"],
        ["written"])
    package.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the .tgz")
    if command == "fhir-package":
        _exporter_flags(package)


def _listings(commands: argparse._SubParsersAction, command: str | None) -> None:  # type: ignore[type-arg]
    _command(commands, "formats", "list the registered output formats",
             "List every registered output format (built in or from a plugin) with its file layout and options.",
             ["monograph formats"], ["listed"])
    docs = _command(
        commands, "docs", "write the field reference and mapping table (docs/fields.md, docs/mapping.md)",
        "Write docs/fields.md, docs/mapping.md and docs/rules.md from the schema, the exporters and the rules.",
        ["monograph docs", "monograph docs --check                  # in CI: are the committed docs current?"],
        ["written (or, with --check, current)", "  1  with --check: a file is out of date"])
    docs.add_argument("--dir", default="docs", metavar="FOLDER", help="where to write them (default: docs/)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 if the files are out of date")
    _command(commands, "schema", "print the monograph JSON Schema (for editors and other tools)",
             "Print the JSON Schema that monographs are checked against (draft 2020-12).",
             ["monograph schema > monograph.schema.json"], ["printed"])
    explain = _command(
        commands, "explain", "explain a rule; without a rule, list them all",
        "Say what a rule checks, why, and how to fix what it reports, with an example that passes and one that fails.",
        ["monograph explain                       # every rule, one line each",
         "monograph explain placeholder-text"],
        ["explained"])
    explain.add_argument("rule", nargs="?", metavar="RULE", help="a rule id, as reports name it in [brackets]")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return value


def _port(text: str) -> int:
    value = _jobs(text)
    if value > 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return value


_ADDERS: dict[str, Callable[[argparse._SubParsersAction, str | None], None]] = {  # type: ignore[type-arg]
    "validate": _validate, "export": _export, "build": _build, "migrate": _migrate, "new": _new, "diff": _diff,
    "serve": _serve, "fhir-package": _fhir_package,
    "formats": _listings, "docs": _listings, "schema": _listings, "explain": _listings,
}
"""Each command, in the order the help lists them, with what adds its parser."""
