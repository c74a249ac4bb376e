"""What an address the tool publishes may be: an absolute http(s) URL that every format accepts as it is.

The syntax is RFC 3986's, with RFC 3987's non-ASCII characters allowed in the
path, query and fragment (each format takes IRIs). It is stricter than
"no spaces" where formats are: XSD's ``anyURI`` (libxml2) refuses a second
``#`` and a ``%`` not followed by two hexadecimal digits, a ``tag:`` URI
(RFC 4151), which the feed makes of the host, needs an ASCII host name, and
Atom ids and links are IRIs. Credentials (``https://user:secret@host/``) are
refused outright: whatever is in an address is published, in every format and
in the feed's ids.
"""

from __future__ import annotations

import re
import unicodedata

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_PORT = re.compile(r"[0-9]{1,5}")
_ASCII_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?%#")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def url_problem(url: str, schemes: tuple[str, ...] = ("https",)) -> str | None:
    """Why ``url`` is not an address every format accepts, in words; None when it is one."""
    scheme = _SCHEME.match(url)
    if scheme is None or scheme.group(1).lower() not in schemes:
        return f"it must start with {' or '.join(s + '://' for s in schemes)}"
    rest = url[scheme.end():]
    split = re.search(r"[/?#]", rest)
    authority, tail = (rest[: split.start()], rest[split.start():]) if split else (rest, "")
    return _authority_problem(authority) or _tail_problem(tail)


def _authority_problem(authority: str) -> str | None:
    if "@" in authority:
        return "it holds a user name or password (before '@'); addresses are published, so they may hold no credentials"
    host, colon, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    if host.startswith("["):
        return "its host is an IP address in brackets; give a host name"
    if colon and (not _PORT.fullmatch(port) or not 0 < int(port) < 65536):
        return f"its port '{port}' is not a number from 1 to 65535"
    if not host.isascii():
        return "its host name is not ASCII; write an internationalised domain name in its xn-- (punycode) form"
    labels = host.split(".")
    if not host or len(host) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"'{host}' is not a host name: letters, digits and hyphens in dot-separated parts"
    return None


def _tail_problem(tail: str) -> str | None:
    if tail.count("#") > 1:
        return "it has a second '#'; only the first may start the fragment, so write any other as %23"
    escape = _BAD_ESCAPE.search(tail)
    if escape is not None:
        found = tail[escape.start(): escape.start() + 3]
        return f"'{found}' is not a percent-escape: '%' must be followed by two hexadecimal digits (write a % itself as %25)"
    for char in tail:
        if char in _ASCII_ALLOWED:
            continue
        if ord(char) >= 0xA0 and unicodedata.category(char)[0] not in "CZ":
            continue  # a letter, mark, number, symbol or punctuation beyond ASCII: an IRI character
        shown = f"'{char}'" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
        return f"the character {shown} may not appear in an address; percent-encode it ({_escaped(char)})"
    return None


def _escaped(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
