"""Which files a command works on, and the one way their bytes are read.

Every command reads a source through ``read_source``: only a regular file is
opened, its size is checked before a byte is read, and an unreadable file is a
located problem rather than an exception.
"""

from __future__ import annotations

import bisect
import heapq
import io
import os
import stat
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import overload

from .errors import NoSources, PathNotFound
from .problems import Location, Problem
from .rules import file_too_large, unreadable

SOURCE_ENDINGS = (".yaml", ".yml")

MAX_FILE_BYTES = 1024 * 1024
"""The largest source file accepted. A monograph is a few kilobytes; a megabyte is a mistake or an attack."""


def discover(paths: list[str]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of source files.

    A file named explicitly is taken whatever its ending; inside folders only
    .yaml and .yml files are, and hidden folders are skipped. A file reached
    by two spellings of one path is taken once.
    """
    return [Path(name) for name in discover_names(paths)]


def discover_names(paths: list[str]) -> list[str]:
    """``discover`` as the names reports show (``str(path)``), in the same order, as strings."""
    return list(discover_packed(paths))


def discover_packed(paths: list[str]) -> SourceNames:
    """``discover_names`` packed, for a command that streams a large corpus: a file name and 4 bytes a file
    (see SourceNames)."""
    # One file named two ways (source/x.yaml, /abs/source/x.yaml, or through a symbolic link to a folder on
    # the way, such as a link to the working folder) is read once, under the first name. The file's own
    # name is not resolved: a symbolic link to a source is a second source with a key of its own.
    found: dict[str, dict[str, int]] = {}  # the real folder -> {file name: the folder it was first named in}
    named_in: list[str] = []  # folders as first named, each once
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                names = [f for f in files if f.endswith(SOURCE_ENDINGS) and not f.startswith(".")]
                if names:
                    _add(found, named_in, folder, names)
        elif path.exists() or path.is_symlink():
            _add(found, named_in, str(path.parent), [path.name])
        else:
            raise PathNotFound(name)
    if not found:
        raise NoSources(paths)
    in_folder: list[list[str]] = [[] for _ in named_in]
    for first_named in found.values():
        for file, index in first_named.items():
            in_folder[index].append(file)
    del found
    # Paths sort part by part. Joined by NUL, which no name can hold and which sorts before every character,
    # the parts sort as plain strings in the same order; each folder's files are sorted alone, then merged.
    keys = ["\0".join(Path(folder).parts) for folder in named_in]
    shown = [os.path.join(*Path(folder).parts) if key else "" for folder, key in zip(named_in, keys, strict=True)]
    for listed in in_folder:
        listed.sort()
    ordered = heapq.merge(*(zip(repeat(index), listed) for index, listed in enumerate(in_folder)),
                          key=lambda item: f"{keys[item[0]]}\0{item[1]}" if keys[item[0]] else item[1])
    return SourceNames((shown[index], file) for index, file in ordered)


class SourceNames(Sequence[str]):
    """Source names in report order, packed: the file names as one string, each folder's name once per run of
    files in it. A name as a str of its own costs some 80 bytes and its folder's name again; here, its length
    and 4 bytes. Names are made as they are asked for, with os.path: pathlib interns every part, and the
    interpreter's table of them grows with N."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names``: (folder as shown, or '' for none; file name), in order."""
        text = io.StringIO()
        self._ends = array("I")  # where each file name ends in the text
        self._runs: list[str] = []  # the folder of each run of files in one folder
        self._run_starts = array("I")  # the position of each run's first file
        end = 0
        for folder, file in names:
            if not self._runs or self._runs[-1] != folder:
                self._runs.append(folder)
                self._run_starts.append(len(self._ends))
            end += text.write(file)
            self._ends.append(end)
        self._text = text.getvalue()

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, position: int) -> str: ...
    @overload
    def __getitem__(self, position: slice) -> list[str]: ...

    def __getitem__(self, position: int | slice) -> str | list[str]:
        if isinstance(position, slice):
            return [self[index] for index in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        file = self._text[self._ends[position - 1] if position else 0:self._ends[position]]
        folder = self._runs[bisect.bisect_right(self._run_starts, position) - 1]
        return os.path.join(folder, file) if folder else file


def _add(found: dict[str, dict[str, int]], named_in: list[str], folder: str, names: list[str]) -> None:
    real = os.path.realpath(os.path.abspath(folder))
    if not named_in or named_in[-1] != folder:
        named_in.append(folder)
    files = found.setdefault(real, {})
    for name in names:
        files.setdefault(name, len(named_in) - 1)


def relative_name(source: str) -> Callable[[str], str]:
    """A source's name as the state records it: its path under ``source`` (with /), or its file name when it
    is not under it (``source`` as ``str(Path)`` gives it). On strings, not Paths: it runs for every source of
    every build."""
    prefix = "" if source in ("", ".") else source.rstrip(os.sep) + os.sep

    def relative(shown: str) -> str:
        if not prefix:
            return shown.replace(os.sep, "/")
        return shown[len(prefix):].replace(os.sep, "/") if shown.startswith(prefix) else os.path.basename(shown)

    return relative


def file_key(path: str) -> str:
    """The name outputs are given: the file name without its .yaml or .yml ending."""
    name = os.path.basename(path)
    for ending in SOURCE_ENDINGS:
        if name.endswith(ending):
            return name[: -len(ending)]
    return Path(name).stem


def too_large(shown: str, size: int) -> Problem:
    return file_too_large.RULE.at(
        Location(shown, 1, 1, ""),
        f"the file is {size:,} bytes; the largest monograph accepted is {MAX_FILE_BYTES:,} bytes",
    )


def _cannot_read(shown: str, reason: str) -> Problem:
    return unreadable.RULE.at(Location(shown, 1, 1, ""), f"cannot read the file: {reason}")


def read_source(path: Path) -> tuple[bytes | None, os.stat_result | None, Problem | None]:
    """The bytes of a source file with its status, or the problem that stopped the reading.

    Only regular files are read: a FIFO would block for ever, and a device such
    as /dev/zero would never end. The size limit applies before reading, and
    again while reading, for a file that grows in between.
    """
    shown = str(path)
    if not _is_utf8(shown):
        # Reports, the manifest and the state all name the file; a name that is not text cannot be named faithfully.
        return None, None, _cannot_read(shown, "its name (or its folder's) is not valid UTF-8; rename it")
    try:
        # O_NONBLOCK: if the path is swapped for a FIFO after the check below, opening it must not hang.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return None, None, _cannot_read(shown, error.strerror or str(error))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None, status, _cannot_read(shown, f"it is {describe_kind(status.st_mode)}, not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            return None, status, too_large(shown, status.st_size)
        raw = _read_at_most(descriptor, MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, None, _cannot_read(shown, error.strerror or str(error))
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:
        return None, status, too_large(shown, len(raw))
    return raw, status, None


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that were not UTF-8 arrive as lone surrogates (PEP 383)
        return False
    return True


def describe_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words: 'a folder', 'a named pipe (FIFO)'..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks = []
    left = limit
    while left > 0:
        chunk = os.read(descriptor, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
