"""Where a build writes and what it may touch: OUT's layout, the state kept beside OUT, and the check on every path.

OUT holds only what is published. The build's state (what it built, the lock)
lives beside OUT, in ``.monograph/NAME/`` in OUT's parent folder (``dist/`` keeps
its state in ``.monograph/dist/``), so publishing OUT as it is publishes no tool
state. A path the build is told about by its state is used only if it is one
the build could have written: relative, made of plain names, and inside OUT
with no symbolic link leading out of it on the way.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import OutputError
from .schema import source_schema

STATE_FOLDER = ".monograph"
STATE_FILE = "state.sqlite"
LOCK_FILE = "lock"

_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*"
PLAIN_RELATIVE = re.compile(f"{_NAME}(?:/{_NAME})*")
"""A relative path of plain names: no ``..`` or ``.``, no hidden or empty parts, no slash at either end."""


def _schema_pattern(name: str) -> str:
    return str(source_schema()["properties"][name]["pattern"]).removeprefix("^").removesuffix("$")


KEY_SHAPE = re.compile(f"(?:{_schema_pattern('id')})(?:\\.(?:{_schema_pattern('language')}))?")
"""What an output key can be: an id, and for a translation a dot and its language (``baclofen.es``)."""


def plain_relative(text: str) -> PurePosixPath | None:
    """``text`` as a relative path of plain names (PLAIN_RELATIVE), or None."""
    return PurePosixPath(text) if PLAIN_RELATIVE.fullmatch(text) else None


@dataclass(frozen=True)
class Layout:
    out: Path
    """OUT as the user named it, for messages."""
    real: Path
    """OUT with every symbolic link resolved: what 'inside OUT' is measured against."""
    state: Path
    """The folder that holds the build's state for OUT."""

    @classmethod
    def of(cls, out: Path, state: Path | None = None) -> Layout:
        real = Path(os.path.realpath(out))
        if state is None:
            if real.parent == real:
                raise OutputError(str(out), "the root folder cannot be an output folder")
            state = real.parent / STATE_FOLDER / real.name
        state = Path(os.path.realpath(state))
        if state.is_relative_to(real) or real.is_relative_to(state):
            raise OutputError(str(out), f"the build state ({state}) would be published with it; "
                                        "keep the output folder and the state apart")
        return cls(out, real, state)

    @property
    def state_file(self) -> Path:
        return self.state / STATE_FILE

    @property
    def lock_file(self) -> Path:
        return self.state / LOCK_FILE

    @property
    def old_state(self) -> Path:
        """Where versions of monograph before 0.1.0's release kept their state: inside OUT, and so published."""
        return self.real / STATE_FOLDER

    def shown(self, relative: str | PurePosixPath) -> str:
        """A path inside OUT as the user would write it."""
        return (self.out / relative).as_posix()

    def inside(self, relative: PurePosixPath) -> Path | None:
        """OUT/relative, or None when a symbolic link on the way leads out of OUT."""
        full = self.real / relative
        folder = Path(os.path.realpath(full.parent))
        return full if folder.is_relative_to(self.real) else None

    def check_folder(self, folder: str) -> Path:
        """OUT/folder, which the build is about to write into; it must not lead out of OUT."""
        relative = plain_relative(folder) if folder else PurePosixPath()
        if relative is None:
            raise OutputError(self.shown(folder), "not a plain folder name; an exporter may write only inside OUT")
        path = self.real / relative
        if not Path(os.path.realpath(path)).is_relative_to(self.real):
            raise OutputError(self.shown(folder), f"it is a symbolic link that leads out of {self.out}; "
                                                  "the build writes only inside its output folder")
        return path


def owned_file(layout: Layout, relative: str, sha256: str) -> tuple[Path | None, str | None]:
    """(the file to delete, or None; a notice when a file is kept) for an output the state says the build wrote.

    Only a regular file at a plain path inside OUT whose bytes are still the ones recorded is the build's to
    delete; anything else (a path from a tampered state, a file someone replaced or edited) is left alone.
    """
    path = plain_relative(relative)
    full = layout.inside(path) if path is not None else None
    if full is None:
        return None, f"kept {relative!r}: the build state names it, but it is not a path the build writes inside OUT"
    try:
        status = os.lstat(full)
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, f"kept {layout.shown(relative)}: {error.strerror}"
    if not stat.S_ISREG(status.st_mode):
        return None, f"kept {layout.shown(relative)}: it is no longer the regular file the build wrote"
    if file_sha256(full) != sha256:
        return None, f"kept {layout.shown(relative)}: it changed after the build wrote it"
    return full, None


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a regular file (symbolic links not followed), or None if there is none to read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        import hashlib  # only a build hashes; OpenSSL costs 'monograph validate' start-up

        digest = hashlib.sha256()
        while chunk := os.read(descriptor, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(descriptor)
