r"""Text holds an invisible control character.

Control characters (other than line breaks), unpaired surrogates, byte order marks and Unicode bidirectional override and isolate characters are refused in text. They are invisible to editors and reviewers, break some formats, and bidirectional overrides can make text display differently from what it says. Right-to-left scripts need none of them.

Passes:

    title: "Baclofen"

Fails:

    title: "Baclo\u202Efen"
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..problems import join_pointer
from .base import CheckContext, Finding, rule
from .walk import document_walk

BAD_CHARACTER = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        return f"the bidirectional formatting character {code}, which can make text display differently from what it says"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"the unpaired surrogate {code}, which is not a character"
    if char == "\t":
        return "a tab character"
    return f"the invisible character {code}"


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    # Nearly every document is clean: one search over all its text decides, and only a dirty one is walked again.
    walk = document_walk(data, context)
    if not BAD_CHARACTER.search(walk.text()):
        return
    for at, node in enumerate(walk.nodes):
        if isinstance(node, dict):
            for key in node:
                match = BAD_CHARACTER.search(key)
                if match:
                    yield join_pointer(walk.pointer(at), key), (
                        f"character {match.start() + 1} of the key is {describe(match.group())}; remove it"
                    )
        elif isinstance(node, str):
            match = BAD_CHARACTER.search(node)
            if match:
                yield walk.pointer(at), f"character {match.start() + 1} of the text is {describe(match.group())}; remove it"


RULE = rule(__doc__, id="control-character", stage="content", check=check)
