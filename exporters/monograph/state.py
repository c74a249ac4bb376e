"""What the last build produced, kept in OUT/.monograph/state.sqlite between builds.

It is what makes a rebuild incremental (a source whose content and build
stamp are unchanged is not read again), what lets the feed and the manifest be
streamed without holding the corpus, and what remembers deletions so the feed
can announce them. SQLite commits atomically, so a build killed mid-way leaves
the state of its last commit; sources built after that are simply built again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATE_VERSION = "1"


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

    def output_paths(self) -> list[str]:
        return [output["path"] for output in self.manifest["outputs"]]


class State:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate()
        self.db.execute("BEGIN")

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = self.db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        if row is not None and row[0] != STATE_VERSION:
            # A state written by another layout cannot be trusted; starting again only costs a full build.
            self.db.executescript("DROP TABLE IF EXISTS sources; DROP TABLE IF EXISTS deleted;")
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS sources (
                key TEXT PRIMARY KEY, source TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                digest TEXT NOT NULL, stamp TEXT NOT NULL, url TEXT NOT NULL, identity TEXT NOT NULL,
                feed TEXT NOT NULL, manifest TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS deleted (key TEXT PRIMARY KEY, entry_id TEXT NOT NULL, at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS sources_url ON sources (url);
            CREATE INDEX IF NOT EXISTS sources_identity ON sources (identity);
            """
        )
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (STATE_VERSION,))

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")

    def close(self) -> None:
        self.db.execute("COMMIT")
        self.db.close()

    def rollback_and_close(self) -> None:
        self.db.execute("ROLLBACK")
        self.db.close()

    # ---------------------------------------------------------------- sources

    _COLUMNS = "key, source, size, mtime_ns, digest, stamp, url, identity, feed, manifest"

    @staticmethod
    def _record(row: tuple[Any, ...]) -> SourceRecord:
        key, source, size, mtime_ns, digest, stamp, url, identity, feed, manifest = row
        return SourceRecord(key, source, size, mtime_ns, digest, stamp, url, identity, json.loads(feed), json.loads(manifest))

    def get(self, key: str) -> SourceRecord | None:
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM sources WHERE key = ?", (key,)).fetchone()
        return self._record(row) if row else None

    def keys(self) -> list[str]:
        return [key for (key,) in self.db.execute("SELECT key FROM sources ORDER BY key")]

    def owner(self, column: str, value: str, other_than: str) -> tuple[str, str] | None:
        """(key, source) of the first source other than ``other_than`` whose ``url`` or ``identity`` is ``value``."""
        assert column in ("url", "identity")
        row = self.db.execute(
            f"SELECT key, source FROM sources WHERE {column} = ? AND key != ? ORDER BY key LIMIT 1", (value, other_than),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def put(self, record: SourceRecord) -> None:
        self.db.execute(
            f"INSERT OR REPLACE INTO sources ({self._COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.key, record.source, record.size, record.mtime_ns, record.digest, record.stamp, record.url,
             record.identity, json.dumps(record.feed, ensure_ascii=False), json.dumps(record.manifest, ensure_ascii=False)),
        )
        self.db.execute("DELETE FROM deleted WHERE key = ?", (record.key,))

    def touch(self, key: str, size: int, mtime_ns: int) -> None:
        self.db.execute("UPDATE sources SET size = ?, mtime_ns = ? WHERE key = ?", (size, mtime_ns, key))

    def remove(self, key: str, entry_id: str, at: str) -> None:
        self.db.execute("DELETE FROM sources WHERE key = ?", (key,))
        self.db.execute("INSERT OR REPLACE INTO deleted VALUES (?, ?, ?)", (key, entry_id, at))

    def records(self) -> Iterator[SourceRecord]:
        """Every built source in key order, read lazily."""
        cursor = self.db.cursor()
        cursor.execute(f"SELECT {self._COLUMNS} FROM sources ORDER BY key")
        for row in cursor:
            yield self._record(row)

    def deletions(self) -> Iterator[tuple[str, str]]:
        yield from self.db.execute("SELECT entry_id, at FROM deleted ORDER BY key")

    def latest_update(self) -> str | None:
        row = self.db.execute(
            "SELECT MAX(u) FROM (SELECT json_extract(feed, '$.updated') AS u FROM sources UNION ALL SELECT at FROM deleted)"
        ).fetchone()
        return row[0] if row else None

    def hosts(self) -> list[str]:
        return sorted({url.split("://", 1)[-1].split("/", 1)[0] for (url,) in self.db.execute("SELECT url FROM sources")})
