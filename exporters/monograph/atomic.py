"""Write files so that a reader, or a run killed at any moment, never sees a torn one, and touch no one else's files.

Every file is written under a temporary name beside its final name and then
renamed over it; a rename within one filesystem is atomic. A temporary name
carries the token of the run that made it (``.NAME.monograph-TOKEN.tmp``),
and a build records its token before it writes anything, so the next build
removes exactly the temporary files a killed run left behind and never a file
of anyone else's, whatever it is called.

Every change the build makes to the file system goes through the functions
here (write a temporary, publish it, remove a file), so that the tests can
stop a build at each of them.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .sources import describe_kind

TOKEN_PATTERN = re.compile(r"[0-9a-f]{16}")


def new_token() -> str:
    """A token no two runs share: 64 random bits."""
    return secrets.token_hex(8)


def temporary_name(final: Path, token: str) -> Path:
    return final.with_name(f".{final.name}.monograph-{token}.tmp")


def write_temporary(final: Path, data: bytes, token: str) -> Path:
    """Write ``data`` beside ``final`` under the run's temporary name and return that name."""
    temporary = temporary_name(final, token)
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


@contextmanager
def temporary_stream(final: Path, token: str) -> Iterator[IO[bytes]]:
    """A handle on ``final``'s temporary file, removed again if the block fails; ``publish`` puts it in place."""
    temporary = temporary_name(final, token)
    try:
        with open(temporary, "wb") as handle:
            yield handle
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def publish(final: Path, token: str) -> None:
    """Rename the run's temporary file over ``final``: a reader sees the old file or the new one, whole."""
    os.replace(temporary_name(final, token), final)


def discard(final: Path, token: str) -> None:
    temporary_name(final, token).unlink(missing_ok=True)


def remove_file(path: Path) -> None:
    """Remove a file the build itself wrote (the caller has checked that it did)."""
    path.unlink(missing_ok=True)


def remove_temporaries(folder: Path, token: str) -> int:
    """Delete the temporary files that the run with ``token`` left in ``folder``; nothing else, not even a look-alike."""
    if not TOKEN_PATTERN.fullmatch(token):
        return 0  # a token from a damaged state: match nothing rather than something unintended
    pattern = re.compile(rf"\..+\.monograph-{token}\.tmp")
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            remove_file(Path(entry.path))
            removed += 1
    return removed


class NotARegularFile(OSError):
    """``-o`` names something other than a regular file: replacing it would destroy a pipe, a device or a link."""


def write_regular_file(target: Path, data: bytes) -> None:
    """Replace ``target``, which must be a regular file or not exist yet, atomically, keeping its permissions.

    A FIFO, a device, a socket, a folder or a symbolic link (``/dev/stdout`` is one) is refused rather
    than replaced by a regular file. Nothing is left behind if writing fails.
    """
    mode = _regular_or_absent(target)
    token = new_token()
    temporary = write_temporary(target, data, token)
    try:
        if mode is not None:
            os.chmod(temporary, mode)
        _regular_or_absent(target)  # again: the path may have changed while the data was written
        publish(target, token)
    finally:
        temporary.unlink(missing_ok=True)


def _regular_or_absent(target: Path) -> int | None:
    """The permission bits of an existing regular file, None for a new path; NotARegularFile for anything else."""
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(status.st_mode):
        raise NotARegularFile(0, "it is a symbolic link; give the path of a regular file, or a new one", str(target))
    if not stat.S_ISREG(status.st_mode):
        raise NotARegularFile(0, f"it is {describe_kind(status.st_mode)}; give the path of a regular file, or a new one",
                              str(target))
    return stat.S_IMODE(status.st_mode)
