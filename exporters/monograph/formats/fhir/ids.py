"""Resource ids.

Every id is a UUID 5 of the monograph key and the item's natural key (a side
effect's name, a form's id, a citation's id; the position for precautions and
advice), so output is stable across runs and languages get their own ids.
"""

from __future__ import annotations

import hashlib
import uuid

from .vocabulary import PROJECT_BASE

ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, PROJECT_BASE)
"""Fixed forever: changing it changes every id ever published."""
_NAMESPACE_BYTES = ID_NAMESPACE.bytes


class IdMaker:
    """UUID 5 ids from the monograph key and a natural key; a repeated natural key gets a counter."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.seen: dict[str, int] = {}

    def __call__(self, *parts: object) -> str:
        name = "/".join([self.key, *(str(p) for p in parts)])
        count = self.seen.get(name, 0) + 1
        self.seen[name] = count
        if count > 1:
            name = f"{name}#{count}"
        return uuid5_text(name)


def uuid5_text(name: str) -> str:
    """``str(uuid.uuid5(ID_NAMESPACE, name))``, without the UUID object: a build makes some thirty ids a file."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8"), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


def urn(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"
