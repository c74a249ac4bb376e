"""What a monograph claims that no other file may: its id in its language, and its canonical URL.

The one cross-file check, with one wording, for ``validate`` (which keeps the
claims of the files it has read in memory, a few strings each) and for
``build`` (which keeps them in its state, so an unchanged source need not be
read to know what it claims).
"""

from __future__ import annotations

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
