"""Which files a command works on, and the one way their bytes are read.

Every command reads a source through ``read_source``: only a regular file is
opened, its size is checked before a byte is read, and an unreadable file is a
located problem rather than an exception.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

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
    """``discover`` as the names reports show (``str(path)``), in the same order: a few dozen bytes a file.

    What a command that streams a large corpus keeps of it; a Path costs about five times as much.
    """
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
    # Paths sort part by part. Joined by NUL, which no name can hold and which sorts before every character,
    # the parts sort as plain strings in the same order.
    prefixes = ["\0".join(Path(folder).parts) for folder in named_in]
    ordered = sorted(f"{prefixes[index]}\0{file}" if prefixes[index] else file
                     for files in found.values() for file, index in files.items())
    del found
    for position, parts in enumerate(ordered):
        # os.path, not pathlib: pathlib interns every part, and the interpreter's table of them grows with N
        ordered[position] = os.path.join(*parts.split("\0"))
    return ordered


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
