"""A SNOMED CT code is not a valid concept id.

SNOMED CT identifiers end in a Verhoeff check digit, and a concept id has partition 00 or 10 (its second and third digits from the right). A code that fails either check has a typo, or is a description or relationship id rather than a concept.

Passes:

    drug: {generic_name: baclofen, codes: {snomed: "387342009"}}

Fails:

    drug: {generic_name: baclofen, codes: {snomed: "387342008"}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import DocumentWalk, document_walk

# Verhoeff's dihedral-group tables, as SNOMED CT uses them for its check digit.
_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_valid(digits: str) -> bool:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def _snomed_codes(walk: DocumentWalk) -> list[str]:
    found = []
    for at in walk.dicts:
        codes = walk.nodes[at].get("codes")
        if type(codes) is dict and type(codes.get("snomed")) is str:
            found.append(codes["snomed"])
    return found


def _checkable(code: Any) -> bool:
    # Shorter or non-numeric values are the schema's to report.
    return isinstance(code, str) and code.isdigit() and len(code) >= 6


def _valid(code: str) -> bool:
    return not _checkable(code) or (verhoeff_valid(code) and code[-3:-1] in ("00", "10"))


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    walk = document_walk(data, context)
    if all(_valid(code) for code in _snomed_codes(walk)):
        return  # the common case, decided without naming where each code is
    for at in walk.with_key("codes"):
        node = walk.nodes[at]
        if not isinstance(node, dict) or not _checkable(node.get("snomed")):
            continue
        snomed = node["snomed"]
        pointer = walk.pointer(at)
        if not verhoeff_valid(snomed):
            yield f"{pointer}/snomed", f"'{snomed}' fails the SNOMED CT check digit; look the code up again"
        elif snomed[-3:-1] not in ("00", "10"):
            yield f"{pointer}/snomed", (
                f"'{snomed}' is a SNOMED CT description or relationship id, not a concept id; use the concept's id"
            )


RULE = rule(__doc__, id="snomed-concept-id", stage="content", check=check)
