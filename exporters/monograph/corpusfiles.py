"""The feed, the index page, the manifest (and the FHIR package): derived from the build state, never remembered.

They are rewritten whenever what they are made of differs from what made them
(any monograph's record, a deletion, the feed settings, the tool or schema
version, the formats' media types, the source folder's name) and whenever a
file in OUT is not the one last written (a build killed between two renames,
an edit, a deletion). Both are digests kept in the state beside the files, so
a build with nothing to do reads the three files and writes nothing.

Each file is streamed from the state one record at a time, never held whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from . import __version__
from .atomic import temporary_stream
from .catalog import render_index
from .corpuspaths import CORPUS_FILES, FEED_FILE, FHIR_PACKAGE_FILE, INDEX_FILE, MANIFEST_FILE
from .feed import FeedEntry, distinct_updates, host_of, write_feed
from .layout import Layout, file_sha256
from .manifest import write_manifest
from .project import FeedSettings
from .schema import schema_id, schema_version
from .state import State, digest_of

META = "corpus"
"""The state's record of the corpus files: the digest of their inputs and the SHA-256 of each file written."""


@dataclasses.dataclass(frozen=True)
class CorpusSettings:
    feed: FeedSettings
    source_root: str
    media_types: dict[str, str]
    fhir_package: tuple[str, str] | None = None
    """(release, canonical base) of the FHIR conformance package, or None when the build does not make FHIR."""

    @property
    def files(self) -> tuple[str, ...]:
        return (*CORPUS_FILES, FHIR_PACKAGE_FILE) if self.fhir_package else CORPUS_FILES


def inputs_digest(settings: CorpusSettings, state: State) -> str:
    head = json.dumps({
        "tool": __version__, "schema": [schema_id(), schema_version()], "feed": dataclasses.asdict(settings.feed),
        "source_root": settings.source_root, "media_types": settings.media_types, "fhir_package": settings.fhir_package,
    }, sort_keys=True).encode()
    return digest_of(state.corpus_inputs(), head)


def up_to_date(layout: Layout, state: State, inputs: str, files: tuple[str, ...] = CORPUS_FILES) -> bool:
    """Whether the corpus files in OUT are exactly what these inputs make, as the state says they were written."""
    recorded = state.meta(META)
    if not isinstance(recorded, dict) or recorded.get("inputs") != inputs or not isinstance(recorded.get("files"), dict):
        return False
    return all(file_sha256(layout.real / path) == recorded["files"].get(path) for path in files)


def unwanted(state: State, files: tuple[str, ...]) -> list[tuple[str, str]]:
    """(path, SHA-256) of the corpus files the last run wrote that these settings no longer make (the FHIR package)."""
    recorded = state.meta(META)
    written = recorded.get("files") if isinstance(recorded, dict) else None
    if not isinstance(written, dict):
        return []
    return [(path, sha) for path, sha in sorted(written.items()) if path not in files and isinstance(sha, str)]


def write_temporaries(layout: Layout, state: State, settings: CorpusSettings, token: str) -> dict[str, str]:
    """Write the three files under the run's temporary names; their SHA-256 by path."""
    moved = distinct_updates(state.shared_updates(), state.update_taken)
    written: dict[str, tuple[str, int]] = {}
    with temporary_stream(layout.real / FEED_FILE, token) as handle:
        hashing = _HashingWriter(handle)
        latest = max([state.latest_update() or "1970-01-01T00:00:00Z", *moved.values()])
        write_feed(hashing, settings.feed, _feed_id(settings.feed, state), latest, _entries(state, moved),
                   state.deletions(), settings.media_types)
        written[FEED_FILE] = hashing.result()
    with temporary_stream(layout.real / INDEX_FILE, token) as handle:
        hashing = _HashingWriter(handle)
        render_index(hashing, settings.feed, state.key_initials(), (FeedEntry.from_dict(feed) for feed in state.feed_entries()))
        written[INDEX_FILE] = hashing.result()
    if settings.fhir_package is not None:
        from .formats.fhir.conformance import package_bytes  # only a build that makes FHIR loads it

        with temporary_stream(layout.real / FHIR_PACKAGE_FILE, token) as handle:
            hashing = _HashingWriter(handle)
            hashing.write(package_bytes(*settings.fhir_package))
            written[FHIR_PACKAGE_FILE] = hashing.result()
    with temporary_stream(layout.real / MANIFEST_FILE, token) as handle:
        hashing = _HashingWriter(handle)
        write_manifest(hashing, settings.source_root, state.manifest_entries(), written)
        written[MANIFEST_FILE] = hashing.result()
    return {path: digest for path, (digest, _) in written.items()}


def _entries(state: State, moved: dict[str, str]) -> Iterable[FeedEntry]:
    for feed in state.feed_entries():
        entry = FeedEntry.from_dict(feed)
        yield dataclasses.replace(entry, updated=moved[entry.key]) if entry.key in moved else entry


def _feed_id(feed: FeedSettings, state: State) -> str:
    if feed.id:
        return feed.id
    hosts = sorted({host_of(url) for url in state.urls()})
    return f"tag:{hosts[0] if hosts else 'localhost'},{feed.tag_date}:feed"


class _HashingWriter:
    """A binary file wrapper that hashes and counts what passes through it."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return int(self.handle.write(data))

    def flush(self) -> None:
        self.handle.flush()

    def result(self) -> tuple[str, int]:
        return self.hash.hexdigest(), self.size
