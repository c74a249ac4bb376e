"""What the last build produced, kept beside OUT (see layout.py) between builds, and never trusted.

It is what makes a rebuild incremental (a source whose content and build
stamp are unchanged is not read again), what lets the feed and the manifest be
streamed without holding the corpus, and what remembers deletions so the feed
can announce them. It also records a build's work in progress: the token of
each run that may have left temporary files, the outputs of removed sources
still to delete, and which records are not yet confirmed published.

The file is input like any other: it may be garbage, truncated, another
program's database or edited by hand. Opening checks its integrity, its layout
and every row against the shapes below; if anything is wrong it is discarded
and the build starts from scratch, and the caller is told why. A path in it
is never used without layout.owned_file's check.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Generator, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson

from .errors import StateError
from .feed import FeedEntry
from .layout import KEY_SHAPE, PLAIN_RELATIVE
from .manifest import entry_text

STATE_VERSION = "4"
BUSY_TIMEOUT = 5.0
"""Seconds to wait for another program that holds a lock on the state (the build's own lock keeps builds apart)."""


@dataclass(frozen=True)
class SourceRecord:
    key: str
    source: str
    size: int
    mtime_ns: int
    digest: str
    stamp: str
    url: str
    identity: str
    feed: dict[str, Any]
    manifest: dict[str, Any]
    pending: str | None = None
    """The token of the run that has yet to put this record's outputs in place; None once they are."""

    def outputs(self) -> list[tuple[str, str]]:
        """(path relative to OUT, SHA-256) of every output."""
        return [(output["path"], output["sha256"]) for output in self.manifest["outputs"]]


@dataclass(frozen=True, slots=True)
class PlanningRecord:
    """The part of a record that decides whether its source must be built again: no feed entry, no digests."""

    key: str
    source: str
    size: int
    mtime_ns: int
    digest: str
    stamp: str
    pending: str | None
    outputs: list[tuple[str, int]]
    """(path relative to OUT, size in bytes) of every output."""


class EarlierVersions:
    """What a worker reads of the state: each source's document and feed changes as last committed.

    A read-only connection of its own, opened on first use; the build's own connection holds this run's
    uncommitted work, which such a connection does not see, so what it reads is the version before this run.
    The state is not trusted: anything unreadable is no earlier version.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    def of(self, key: str) -> tuple[bytes | None, list[Any]]:
        """(compressed document, what its feed entry said had changed) of ``key``; (None, []) when unknown."""
        try:
            if self._db is None:
                self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
            row = self._db.execute(
                "SELECT d.data, s.feed FROM documents AS d JOIN sources AS s USING (key) WHERE key = ?", (key,),
            ).fetchone()
        except sqlite3.Error:
            return None, []
        if row is None or not isinstance(row[0], bytes) or not isinstance(row[1], str):
            return None, []
        try:
            changes = orjson.loads(row[1]).get("changes", [])
        except (orjson.JSONDecodeError, AttributeError):
            return None, []
        return row[0], changes if isinstance(changes, list) else []


class StateCorrupt(Exception):
    """The state cannot be trusted; the reason says why."""


_HEX = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_TEXT = {"type": "string"}
_COUNT = {"type": "integer", "minimum": 0}
_RELATIVE = {"type": "string", "pattern": f"^{PLAIN_RELATIVE.pattern}$"}
_INSTANT = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"}


def _strict(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": sorted(properties), "additionalProperties": False, "properties": properties}


_FEED_SHAPE = _strict({
    **{f.name: _TEXT for f in fields(FeedEntry)},
    "updated": _INSTANT,
    "links": {"type": "object", "additionalProperties": _RELATIVE},
    "changes": {"type": "array", "items": _strict({
        "field": _TEXT, "words": _TEXT, "formats": {"type": "array", "items": _TEXT},
    })},
})
_ROW_SHAPE = _strict({
    "key": {"type": "string", "pattern": f"^{KEY_SHAPE.pattern}$"},
    "source": {"type": "string", "minLength": 1},
    "size": _COUNT,
    "mtime_ns": {"type": "integer"},
    "digest": _HEX,
    "stamp": _TEXT,
    "url": {"type": "string", "pattern": "^https://"},
    "identity": _TEXT,
    "pending": {"type": ["string", "null"], "pattern": "^[0-9a-f]{16}$"},
    "feed": _FEED_SHAPE,
    "manifest": _strict({
        "key": _TEXT, "source": _TEXT, "sha256": _HEX,
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": _COUNT, "minItems": 2, "maxItems": 2}},
        "outputs": {"type": "array", "items": _strict({"format": _TEXT, "path": _RELATIVE, "sha256": _HEX, "bytes": _COUNT})},
    }),
})
_ROW_VALIDATOR = jsonschema_rs.validator_for(_ROW_SHAPE)

_TABLES = {
    "meta": "name TEXT PRIMARY KEY, value TEXT NOT NULL",
    "sources": "key TEXT PRIMARY KEY, source TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, "
               "digest TEXT NOT NULL, stamp TEXT NOT NULL, url TEXT NOT NULL, identity TEXT NOT NULL, "
               "feed TEXT NOT NULL, manifest TEXT NOT NULL, pending TEXT",
    "deleted": "key TEXT PRIMARY KEY, entry_id TEXT NOT NULL, at TEXT NOT NULL",
    "garbage": "path TEXT PRIMARY KEY, sha256 TEXT NOT NULL",
    "runs": "token TEXT PRIMARY KEY, folders TEXT NOT NULL, publishing INTEGER NOT NULL",
    # The validated document of each source as last built (zlib-compressed JSON): what the next build compares a
    # changed source with, for the feed's words of what changed. Apart from `sources`, which every build streams.
    "documents": "key TEXT PRIMARY KEY, data BLOB NOT NULL",
}
_UPDATED = "json_extract(feed, '$.updated')"
"""An entry's ``updated``: what the feed's instants are told apart by, looked up once per instant tried."""
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS sources_url ON sources (url)",
    "CREATE INDEX IF NOT EXISTS sources_identity ON sources (identity)",
    # Without it each instant tried is a scan of every record: 295 of them took 9 s at N = 10,000.
    f"CREATE INDEX IF NOT EXISTS sources_updated ON sources ({_UPDATED})",
)
_COLUMNS = "key, source, size, mtime_ns, digest, stamp, url, identity, feed, manifest, pending"


def _check_row(row: tuple[Any, ...]) -> None:
    """Raise StateCorrupt unless a sources row has exactly the shape the build writes."""
    names = _COLUMNS.split(", ")
    try:
        record = dict(zip(names, row, strict=True))
        record["feed"], record["manifest"] = orjson.loads(record["feed"]), orjson.loads(record["manifest"])
    except (TypeError, ValueError) as error:
        raise StateCorrupt(f"a record is not the JSON the build writes ({error})") from error
    if not _ROW_VALIDATOR.is_valid(record):
        raise StateCorrupt(f"the record {record.get('key')!r} does not have the shape the build writes")
    key, manifest, feed = record["key"], record["manifest"], record["feed"]
    if manifest["key"] != key or feed["key"] != key or not PLAIN_RELATIVE.fullmatch(record["source"]):
        raise StateCorrupt(f"the record {key!r} does not agree with itself")
    for output in manifest["outputs"]:
        if not output["path"].rsplit("/", 1)[-1].startswith(key + "."):
            raise StateCorrupt(f"the record {key!r} names an output, {output['path']!r}, that is not its own")
    if set(feed["links"].values()) - {output["path"] for output in manifest["outputs"]}:
        raise StateCorrupt(f"the record {key!r} links to a file it did not write")


class State:
    """An open, checked state. Every method runs inside one transaction until ``commit``."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path

    # ---------------------------------------------------------------- opening, checking, starting again

    @classmethod
    def open(cls, path: Path) -> tuple[State, str | None]:
        """The state at ``path`` and, when it could not be trusted and was started again, why.

        StateError when it cannot be used at all: it is a folder or a link, another program holds a lock on
        it, or it cannot be written.
        """
        _refuse_odd_file(path)
        existed = path.exists()
        try:
            try:
                return cls(cls._checked(path, existed), path), None
            except (StateCorrupt, sqlite3.DatabaseError) as error:
                if isinstance(error, sqlite3.Error) and not _is_damage(error):
                    raise  # locked, read-only, a full disk: the state may be sound, so say so rather than discard it
                reason = error if isinstance(error, StateCorrupt) else describe(error)
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                db = cls._connect(path)
                cls._create(db)
                return cls(db, path), f"{path}: the build state could not be trusted ({reason}); building everything again"
        except sqlite3.Error as error:
            raise StateError(str(path), describe(error)) from error
        except OSError as error:
            raise StateError(str(path), error.strerror or str(error)) from error

    @classmethod
    def _checked(cls, path: Path, existed: bool) -> sqlite3.Connection:
        db = cls._connect(path)
        try:
            cls._check(db, existed)
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        # A record and a document are some 2.5 KB each: 4 KB pages (the default) hold one of them and waste a third,
        # 16 KB pages hold six. It takes effect only when the file is made.
        db.execute("PRAGMA page_size = 16384")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        return db

    @classmethod
    def _check(cls, db: sqlite3.Connection, existed: bool) -> None:
        tables = {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
        if not tables and existed:
            raise StateCorrupt("it is empty")
        if not tables:
            cls._create(db)
            return
        if set(tables) != set(_TABLES) or any(f"({_TABLES[name]})" not in sql for name, sql in tables.items()):
            raise StateCorrupt("its tables are not the ones this version of monograph writes")
        version = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        if version != (STATE_VERSION,):
            raise StateCorrupt("it was written by another version of monograph")
        (verdict,) = db.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise StateCorrupt(f"SQLite finds it damaged: {verdict}")
        for row in db.execute(f"SELECT {_COLUMNS} FROM sources"):
            _check_row(row)
        for key, entry_id, at in db.execute("SELECT key, entry_id, at FROM deleted"):
            if not (isinstance(key, str) and KEY_SHAPE.fullmatch(key) and isinstance(entry_id, str)
                    and isinstance(at, str) and jsonschema_rs.is_valid(_INSTANT, at)):
                raise StateCorrupt("a deletion it records does not have the shape the build writes")
        for index in _INDEXES:  # a state whose indexes were dropped is sound, only slow
            db.execute(index)
        db.execute("BEGIN")

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("BEGIN")
        for name, columns in _TABLES.items():
            db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        for index in _INDEXES:
            db.execute(index)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (STATE_VERSION,))
        db.execute("COMMIT")
        db.execute("BEGIN")

    # ---------------------------------------------------------------- transactions

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.execute("BEGIN")

    def close(self) -> None:
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")  # nothing uncommitted is wanted by now
        except sqlite3.Error:
            pass
        finally:
            self.db.close()

    # ---------------------------------------------------------------- sources

    @staticmethod
    def _record(row: tuple[Any, ...]) -> SourceRecord:
        key, source, size, mtime_ns, digest, stamp, url, identity, feed, manifest, pending = row
        return SourceRecord(key, source, size, mtime_ns, digest, stamp, url, identity, orjson.loads(feed),
                            orjson.loads(manifest), pending)

    def get(self, key: str) -> SourceRecord | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM sources WHERE key = ?", (key,)).fetchone()
        return self._record(row) if row else None

    def planning_records(self) -> Generator[PlanningRecord, None, None]:
        """Every record in key order, read lazily: what a build plans with, in one pass rather than a query a source."""
        cursor = self.db.cursor()
        cursor.execute("SELECT key, source, size, mtime_ns, digest, stamp, pending, manifest FROM sources ORDER BY key")
        for key, source, size, mtime_ns, digest, stamp, pending, manifest in cursor:
            outputs = [(output["path"], output["bytes"]) for output in orjson.loads(manifest)["outputs"]]
            yield PlanningRecord(key, source, size, mtime_ns, digest, stamp, pending, outputs)

    def keys(self) -> list[str]:
        return [key for (key,) in self.db.execute("SELECT key FROM sources ORDER BY key")]

    def owner(self, column: str, value: str, other_than: str) -> tuple[str, str] | None:
        """(key, source) of the first source other than ``other_than`` whose ``url`` or ``identity`` is ``value``."""
        assert column in ("url", "identity")
        row = self.db.execute(
            f"SELECT key, source FROM sources WHERE {column} = ? AND key != ? ORDER BY key LIMIT 1", (value, other_than),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put(self, record: SourceRecord, document: bytes) -> None:
        """Record a source as built by the run ``record.pending``, whose outputs are still under temporary names;
        ``document`` is its validated document, compressed, for the next build to compare with."""
        self.db.execute(
            f"INSERT OR REPLACE INTO sources ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.key, record.source, record.size, record.mtime_ns, record.digest, record.stamp, record.url,
             record.identity, orjson.dumps(record.feed).decode(), entry_text(record.manifest),
             record.pending),
        )
        self.db.execute("DELETE FROM deleted WHERE key = ?", (record.key,))
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)", (record.key, document))

    def touch(self, key: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE sources SET size = ?, mtime_ns = ? WHERE key = ?", (size, mtime_ns, key))

    def remove(self, record: SourceRecord, entry_id: str, at: str) -> None:
        """Forget a removed source, remember its tombstone, and list its outputs for deletion."""
        self.db.execute("DELETE FROM sources WHERE key = ?", (record.key,))
        self.db.execute("DELETE FROM documents WHERE key = ?", (record.key,))
        self.db.execute("INSERT OR REPLACE INTO deleted VALUES (?, ?, ?)", (record.key, entry_id, at))
        self.db.executemany("INSERT OR REPLACE INTO garbage VALUES (?, ?)", record.outputs())

    def feed_entries(self) -> Iterator[dict[str, Any]]:
        """The feed entry of every built source in key order, read lazily."""
        yield from self._column("feed")

    def key_initials(self) -> list[str]:
        """The first character of every key, each once."""
        return [initial for (initial,) in self.db.execute("SELECT DISTINCT substr(key, 1, 1) FROM sources")]

    def manifest_entries(self) -> Iterator[str]:
        """The manifest entry of every built source in key order, as the manifest writes it, read lazily."""
        for (text,) in self.db.execute("SELECT manifest FROM sources ORDER BY key"):
            yield text

    def _column(self, column: str) -> Iterator[dict[str, Any]]:
        # One JSON column, not whole records: the corpus files of a large corpus are written from these alone.
        cursor = self.db.cursor()
        cursor.execute(f"SELECT {column} FROM sources ORDER BY key")
        for (value,) in cursor:
            yield orjson.loads(value)

    def pending_outputs(self, token: str) -> Iterator[str]:
        """The output paths (relative to OUT) of the records whose outputs the run ``token`` has yet to put in
        place, read lazily: after a cold build that is every output of the corpus."""
        cursor = self.db.cursor()
        cursor.execute("SELECT manifest FROM sources WHERE pending = ? ORDER BY key", (token,))
        for (manifest,) in cursor:
            for output in orjson.loads(manifest)["outputs"]:
                yield output["path"]

    def confirm(self, token: str) -> None:
        self.db.execute("UPDATE sources SET pending = NULL WHERE pending = ?", (token,))

    def deletions(self) -> Iterator[tuple[str, str]]:
        yield from self.db.execute("SELECT entry_id, at FROM deleted ORDER BY key")

    def latest_update(self) -> str | None:
        row = self.db.execute(
            f"SELECT MAX(u) FROM (SELECT {_UPDATED} AS u FROM sources UNION ALL SELECT at FROM deleted)"
        ).fetchone()
        return row[0] if row else None

    def shared_updates(self) -> list[tuple[str, str]]:
        """(key, updated) of the entries whose ``updated`` another entry has too, by instant and key."""
        return list(self.db.execute(
            f"WITH e AS (SELECT key, {_UPDATED} AS u FROM sources) "
            "SELECT key, u FROM e WHERE u IN (SELECT u FROM e GROUP BY u HAVING COUNT(*) > 1) ORDER BY u, key"
        ))

    def update_taken(self, instant: str) -> bool:
        return self.db.execute(f"SELECT 1 FROM sources WHERE {_UPDATED} = ?", (instant,)).fetchone() is not None

    def urls(self) -> Iterator[str]:
        for (url,) in self.db.execute("SELECT url FROM sources ORDER BY key"):
            yield url

    def corpus_inputs(self) -> Iterator[bytes]:
        """Everything the corpus files are made from that the state holds, in a fixed order, for a digest."""
        for key, feed, manifest in self.db.execute("SELECT key, feed, manifest FROM sources ORDER BY key"):
            yield f"{key}\0{feed}\0{manifest}\n".encode()
        for entry_id, at in self.deletions():
            yield f"deleted\0{entry_id}\0{at}\n".encode()

    # ---------------------------------------------------------------- the work of a run

    def garbage(self) -> list[tuple[str, str]]:
        return list(self.db.execute("SELECT path, sha256 FROM garbage ORDER BY path"))

    def discard(self, path: str, sha256: str) -> None:
        """Mark a file the build wrote as no longer wanted: the end of the run deletes it if it is still as written."""
        self.db.execute("INSERT OR REPLACE INTO garbage VALUES (?, ?)", (path, sha256))

    def forget_garbage(self, path: str) -> None:
        self.db.execute("DELETE FROM garbage WHERE path = ?", (path,))

    def runs(self) -> list[tuple[str, list[str], bool]]:
        """(token, folders it could write into, whether its work is committed and to be put in place) of every run
        that may have left temporary files."""
        found = []
        for token, folders, publishing in self.db.execute("SELECT token, folders, publishing FROM runs ORDER BY token"):
            try:
                names = json.loads(folders)
            except (TypeError, ValueError):
                names = []
            names = [n for n in names if isinstance(n, str)] if isinstance(names, list) else []
            found.append((str(token), names, publishing == 1))
        return found

    def start_run(self, token: str, folders: list[str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, 0)", (token, json.dumps(folders)))

    def publishing(self, token: str) -> None:
        """Mark the run's work as ready to put in place: from the next commit on, a later build rolls it forward."""
        self.db.execute("UPDATE runs SET publishing = 1 WHERE token = ?", (token,))

    def end_run(self, token: str) -> None:
        self.db.execute("DELETE FROM runs WHERE token = ?", (token,))

    def meta(self, name: str) -> Any:
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        try:
            return json.loads(row[0]) if row else None
        except ValueError:
            return None

    def set_meta(self, name: str, value: Any) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, json.dumps(value, sort_keys=True)))


def _refuse_odd_file(path: Path) -> None:
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StateError(str(path), error.strerror or str(error)) from error
    if stat.S_ISLNK(status.st_mode) or not stat.S_ISREG(status.st_mode):
        from .sources import describe_kind

        kind = "a symbolic link" if stat.S_ISLNK(status.st_mode) else describe_kind(status.st_mode)
        raise StateError(str(path), f"it is {kind}, not a file the build wrote; move it away")


def _is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file is not a sound database (rather than one it cannot use just now)."""
    return getattr(error, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


_REASONS = {
    "SQLITE_BUSY": "another program holds a lock on it; close that program, or wait, and build again",
    "SQLITE_LOCKED": "another program holds a lock on it; close that program, or wait, and build again",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "it cannot be written (read-only)",
    "SQLITE_CANTOPEN": "it cannot be opened",
    "SQLITE_PERM": "permission denied",
    "SQLITE_IOERR": "a read or write failed",
}


def describe(error: sqlite3.Error) -> str:
    """An SQLite error in the words of someone who did not write SQLite."""
    name = getattr(error, "sqlite_errorname", "")
    for prefix, reason in _REASONS.items():
        if name.startswith(prefix):
            return reason
    return str(error)


def digest_of(chunks: Iterator[bytes], head: bytes) -> str:
    digest = hashlib.sha256(head)
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()
