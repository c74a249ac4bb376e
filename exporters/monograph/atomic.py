"""Write files so that a reader, or a build killed at any moment, never sees a torn one.

Every file is written under a temporary name in its final folder and then
renamed over the final name; a rename within one filesystem is atomic. A
killed build leaves at most a stray temporary file, which the next build
removes.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"
_counter = itertools.count()


def temporary_name(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}.{next(_counter)}{TEMP_SUFFIX}")


def write_temporary(final: Path, data: bytes) -> Path:
    """Write ``data`` beside ``final`` under a temporary name and return that name."""
    temporary = temporary_name(final)
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(final: Path, data: bytes) -> None:
    os.replace(write_temporary(final, data), final)


@contextmanager
def atomic_stream(final: Path) -> Iterator[IO[bytes]]:
    """A file handle whose content replaces ``final`` only when the block ends without an error."""
    temporary = temporary_name(final)
    try:
        with open(temporary, "wb") as handle:
            yield handle
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> int:
    """Delete temporary files a killed build left behind. Call only while holding the build lock."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.glob(f".*{TEMP_SUFFIX}"):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
