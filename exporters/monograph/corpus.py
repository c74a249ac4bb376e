"""What a monograph claims that no other file may: its id in its language, and its canonical URL.

The one cross-file check, with one wording, for ``validate`` (which keeps a
digest of the claims of each file it has read, 17 bytes a file, and looks
again only at the files whose digests meet) and for ``build`` (which keeps
them in its state, so an unchanged source need not be read to know what it
claims).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .problems import Location, Problem
from .rules import duplicate_id, duplicate_url


@dataclass(frozen=True)
class Claims:
    """Compact: what the cross-file check needs of one valid monograph, never the model itself."""

    key: str
    """The output key (file name without .yaml): who claims."""
    source: str
    """The source path, as reports name it."""
    identity: str
    """``id`` and ``language``, joined by a newline."""
    url: str
    id_location: Location
    url_location: Location


OwnerOf = Callable[[str, str, str], str | None]
"""(kind 'identity' or 'url', value, claimant key) -> the source path of another claimant, or None."""


def conflicts(claims: Claims, owner_of: OwnerOf) -> list[Problem]:
    """The claims of ``claims`` that another current monograph already holds."""
    problems = []
    other = owner_of("identity", claims.identity, claims.key)
    if other is not None:
        monograph_id, language = claims.identity.split("\n", 1)
        problems.append(duplicate_id.RULE.at(claims.id_location, duplicate_id.another_file_message(other, monograph_id, language)))
    other = owner_of("url", claims.url, claims.key)
    if other is not None:
        problems.append(duplicate_url.RULE.at(claims.url_location, duplicate_url.another_file_message(other, claims.url)))
    return problems


class ClaimsSeen:
    """The claims of the files checked so far, in memory; the first file to claim a value keeps it."""

    def __init__(self) -> None:
        self._owners: dict[tuple[str, str], tuple[str, str]] = {}

    def owner_of(self, kind: str, value: str, claimant: str) -> str | None:
        owner = self._owners.get((kind, value))
        return owner[1] if owner is not None and owner[0] != claimant else None

    def add(self, claims: Claims) -> list[Problem]:
        """Check ``claims`` against those seen before, then remember the ones nobody held."""
        found = conflicts(claims, self.owner_of)
        self._owners.setdefault(("identity", claims.identity), (claims.key, claims.source))
        self._owners.setdefault(("url", claims.url), (claims.key, claims.source))
        return found


class ClaimDigests:
    """What ``validate`` keeps of each valid file for the cross-file check: two 64-bit digests.

    Memory stays flat in the size of the corpus: no strings, no locations, no
    models, and tables made once at their full size (grown a file at a time,
    they leave the allocator holes that outgrow them). Files whose digests meet
    are the only ones that can share a claim; ``suspects`` names them, and
    ``ClaimsSeen`` then decides, on their full claims read again, exactly as if
    every claim had been kept.
    """

    def __init__(self, files: int) -> None:
        self._valid = bytearray(files)
        self._identities = array("q", bytes(8 * files))
        self._urls = array("q", bytes(8 * files))

    def add(self, position: int, identity: str, url: str) -> None:
        """Note the claims of the valid file at ``position`` (of the ``files`` in the order they are checked)."""
        self._valid[position] = 1
        self._identities[position] = hash(identity)
        self._urls[position] = hash(url)

    def suspects(self) -> list[int]:
        """The positions, in order, of the valid files that may share an identity or a URL with another file."""
        # A file that is not valid leaves digests of 0, which may only make a valid file a suspect for nothing.
        shared = _repeated(self._identities), _repeated(self._urls)
        return [position for position, (identity, url) in enumerate(zip(self._identities, self._urls, strict=True))
                if self._valid[position] and (identity in shared[0] or url in shared[1])]


def _repeated(values: array[int]) -> set[int]:
    """The values that occur more than once, without a Python int per value held at once (sorting them would
    hold 40 bytes a file): a value whose slot in a table of bits was taken before may be repeated, and only
    those few values are counted."""
    slots = 32 * len(values) or 1
    taken, crowded = bytearray(slots // 8 + 1), bytearray(slots // 8 + 1)
    for value in values:
        slot = value % slots
        if taken[slot >> 3] & 1 << (slot & 7):
            crowded[slot >> 3] |= 1 << (slot & 7)
        taken[slot >> 3] |= 1 << (slot & 7)
    counts = Counter(value for value in values if crowded[value % slots >> 3] & 1 << (value % slots & 7))
    return {value for value, count in counts.items() if count > 1}
