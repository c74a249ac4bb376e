"""Text and attribute values escaped for XML, as lxml's serializer escapes them, at one point for everything
that writes its XML as text (the FHIR narratives, the syndication XML, the feed).

A string XML cannot hold (a control character, U+FFFE, an unpaired surrogate)
is refused as lxml refused it; such a string cannot come from a YAML source,
but the model can be built in Python too.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')

# One search per string in the usual case: a character that is escaped or refused, or none (written as it is).
_TEXT_NOT_PLAIN = re.compile("[^\t\n\x20-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTRIBUTE_NOT_PLAIN = re.compile("[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _refuse_if_not_xml(text: str) -> None:
    if _NOT_XML.search(text) is not None:
        text.encode("utf-8")  # an unpaired surrogate fails here, as it failed in lxml
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")


def escaped_text(text: str) -> str:
    """``text`` as element content."""
    if _TEXT_NOT_PLAIN.search(text) is None:
        return text
    _refuse_if_not_xml(text)
    return _TEXT_SPECIAL.sub(lambda found: _TEXT_ESCAPES[found.group()], text)


def escaped_attribute(value: str) -> str:
    """``value`` as an attribute's value, between double quotes."""
    if _ATTRIBUTE_NOT_PLAIN.search(value) is None:
        return value
    _refuse_if_not_xml(value)
    return _ATTRIBUTE_SPECIAL.sub(lambda found: _ATTRIBUTE_ESCAPES[found.group()], value)
