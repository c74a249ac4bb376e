"""Exceptions for what stops a command as a whole. Each owns its wording.

Bad content is never an exception: it is a list of located problems. These
are for the rest: a path that does not exist, an output folder that cannot be
written, a format nobody registered.
"""

from __future__ import annotations

from .problems import Problem


class MonographError(Exception):
    """Base class. ``exit_code`` is what the command line returns for it."""

    exit_code = 2


class UsageError(MonographError):
    """The command was given something it cannot work with."""


class PathNotFound(UsageError):
    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: no such file or folder"


class NoSources(UsageError):
    def __init__(self, paths: list[str]) -> None:
        super().__init__(paths)
        self.paths = paths

    def __str__(self) -> str:
        return f"no .yaml or .yml files found in {', '.join(self.paths)}"


class UnknownFormat(UsageError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known

    def __str__(self) -> str:
        return f"unknown format '{self.name}'; the formats are: {', '.join(self.known)} (see 'monograph formats')"


class BrokenExporter(MonographError):
    """An installed plugin's entry point does not load to an Exporter."""

    def __init__(self, name: str, target: str, reason: str) -> None:
        super().__init__(name, target, reason)
        self.name, self.target, self.reason = name, target, reason

    def __str__(self) -> str:
        return f"the exporter '{self.name}' ({self.target}) cannot be loaded: {self.reason}"


class OutputError(MonographError):
    """An output path cannot be created or written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot write output: {self.reason}"


class InvalidMonograph(MonographError):
    """Raised by the Python API when asked to export a monograph that has problems."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        return f"{len(lines)} problem(s):\n" + "\n".join(lines)


class StateError(MonographError):
    """The build's own state cannot be used: it is not a file, it is locked by another program, or it cannot be written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot use the build state: {self.reason}"


class Interrupted(MonographError):
    """A signal stopped the command. Ctrl-C (SIGINT) exits 130, as shells expect; any other signal exits 2."""

    def __init__(self, signal_name: str) -> None:
        super().__init__(signal_name)
        self.signal_name = signal_name
        self.exit_code = 130 if signal_name == "SIGINT" else 2

    def __str__(self) -> str:
        return f"stopped by {self.signal_name}"
