"""The command line: ``main(argv) -> exit code``. Nothing below this module prints.

Exit codes: 0 all good; 1 some input invalid; 2 usage error or unreadable
path. Never the number of errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import MonographError
from .problems import Problem, sort_problems
from .reporters import REPORTERS
from .sources import discover
from .validation import corpus_problems, validate_file

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
    return parser


def cmd_validate(args: argparse.Namespace) -> int:
    files = discover(args.paths or ["source"])
    results = [validate_file(path) for path in files]
    problems: list[Problem] = [p for r in results for p in r.problems]
    problems.extend(corpus_problems(results))
    problems = sort_problems(problems)
    sys.stdout.write(REPORTERS[args.format](problems, len(files)))
    return EXIT_INVALID if any(p.severity == "error" for p in problems) else EXIT_OK


COMMANDS = {"validate": cmd_validate}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except MonographError as error:
        print(f"monograph: error: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:  # a closed pipe (| head) is not our failure
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
