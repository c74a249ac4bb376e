"""Which files a command works on: named files, and folders searched recursively."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import NoSources, PathNotFound

SOURCE_ENDINGS = (".yaml", ".yml")


def discover(paths: list[str]) -> list[Path]:
    """Expand files and folders into a sorted, de-duplicated list of source files.

    A file named explicitly is taken whatever its ending; inside folders only
    .yaml and .yml files are, and hidden folders are skipped.
    """
    found: set[Path] = set()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                found.update(Path(folder, f) for f in files if f.endswith(SOURCE_ENDINGS) and not f.startswith("."))
        elif path.exists() or path.is_symlink():
            found.add(path)
        else:
            raise PathNotFound(name)
    if not found:
        raise NoSources(paths)
    return sorted(found)
