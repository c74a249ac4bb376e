"""Text and attribute values escaped for XML exactly as lxml's serializer escapes them.

Markup written as text (the FHIR narratives, the feed's entries) is then byte
for byte what lxml wrote for the same tree, and a string XML cannot hold is
refused as lxml refused it, with its words.
"""

from __future__ import annotations

import re

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')


def refuse_if_not_xml(text: str) -> None:
    bad = _NOT_XML.search(text)
    if bad is not None:
        text.encode("utf-8")  # an unpaired surrogate fails here, as it failed in lxml
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")


def escaped_text(text: str) -> str:
    refuse_if_not_xml(text)
    return _TEXT_SPECIAL.sub(lambda found: _TEXT_ESCAPES[found.group()], text) if _TEXT_SPECIAL.search(text) else text


def escaped_attribute(value: str) -> str:
    refuse_if_not_xml(value)
    if _ATTRIBUTE_SPECIAL.search(value):
        return _ATTRIBUTE_SPECIAL.sub(lambda found: _ATTRIBUTE_ESCAPES[found.group()], value)
    return value
