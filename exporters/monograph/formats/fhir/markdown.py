"""Text for FHIR ``markdown`` elements.

They get the prose as CommonMark with every character that could start markup
backslash-escaped; ``string`` elements get plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...model import Emphasis, Inline, Prose, Strong, Text

_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&~|!])")
_MARKDOWN_BLOCK_START = re.compile(r"^([#>+=-]|\d+[.)])")


def markdown_text(text: str, at_block_start: bool = False) -> str:
    """Text that CommonMark (and GitHub's dialect) shows literally."""
    escaped = _MARKDOWN_INLINE.sub(r"\\\1", text)
    if at_block_start:
        match = _MARKDOWN_BLOCK_START.match(escaped)
        if match:
            marker = match.group(1)
            escaped = marker[:-1] + "\\" + marker[-1] + escaped[len(marker):]
    return escaped


def _markdown_inline(nodes: tuple[Inline, ...], at_start: bool) -> str:
    out: list[str] = []
    for node in nodes:
        first = at_start and not out
        if isinstance(node, Text):
            out.append(markdown_text(node.text, first))
        elif isinstance(node, Emphasis):
            out.append("*" + _markdown_inline(node.children, False) + "*")
        elif isinstance(node, Strong):
            out.append("**" + _markdown_inline(node.children, False) + "**")
        else:
            destination = node.href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
            out.append("[" + _markdown_inline(node.children, False) + "](<" + destination + ">)")
    return "".join(out)


def markdown(prose: Prose) -> str:
    return "\n\n".join(_markdown_inline(paragraph, True) for paragraph in prose.paragraphs)


def markdown_list(items: Iterable[str]) -> str:
    return "\n".join("- " + markdown_text(item, True) for item in items)


def markdown_blocks(*blocks: str | None) -> str | None:
    text = "\n\n".join(b for b in blocks if b)
    return text or None
