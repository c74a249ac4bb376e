"""Rich text in the model, and the inline markup that prose fields use to write it:
*emphasis*, **strong** and [links](https://...).

Block structure comes from the YAML itself (lists are YAML lists, paragraphs
are separated by blank lines), so only CommonMark's inline emphasis, links and
backslash escapes are recognised. Anything else, HTML included, stays literal
text. markdown-it refuses unsafe link schemes (javascript:, data: ...), which
then stay text too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    href: str
    children: tuple[Inline, ...]


Inline = Text | Emphasis | Strong | Link
Paragraph = tuple[Inline, ...]


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The words of inline nodes without their markup."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        else:
            out.append(plain_text(node.children))
    return "".join(out)


@dataclass(frozen=True)
class Prose:
    """Text in paragraphs, each a sequence of inline nodes. ``source`` is what the author wrote."""

    source: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def plain(self) -> str:
        return "\n\n".join(plain_text(p) for p in self.paragraphs)


@lru_cache(maxsize=1)
def _parser() -> Any:
    # Made on first use: most prose has no markup, and markdown-it costs more to import than a file to check.
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "link", "escape"])


_MARKUP_CHARS = re.compile(r"[*_\[\\]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ALLOWED_LINK = re.compile(r"(?:https?:|mailto:)", re.IGNORECASE)


def _inline(text: str) -> tuple[Inline, ...]:
    if not _MARKUP_CHARS.search(text):
        return (Text(text),)
    tokens = _parser().parseInline(text)[0].children or []
    stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
    for token in tokens:
        kind = token.type
        if kind == "text":
            stack[-1][1].append(Text(token.content))
        elif kind in ("em_open", "strong_open", "link_open"):
            stack.append((kind, [], str(token.attrs.get("href", ""))))
        elif kind in ("em_close", "strong_close", "link_close"):
            opened, children, href = stack.pop()
            if opened == "em_open":
                node: Inline = Emphasis(tuple(children))
            elif opened == "strong_open":
                node = Strong(tuple(children))
            elif _ALLOWED_LINK.match(href):
                node = Link(href, tuple(children))
            else:  # a relative link has no meaning once the text is syndicated; keep its words
                stack[-1][1].extend(children)
                continue
            stack[-1][1].append(node)
        elif kind == "softbreak":
            stack[-1][1].append(Text(" "))
    return _merge_text(stack[0][1])


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


@lru_cache(maxsize=1024)  # within a file its texts meet twice (rules, model); across files, headings repeat
def parse_prose(source: str) -> Prose:
    """Split prose into paragraphs of inline nodes. Single line breaks inside a paragraph become spaces."""
    paragraphs: list[Paragraph] = []
    for block in _PARAGRAPH_BREAK.split(source.strip()):
        flat = " ".join(part.strip() for part in block.splitlines() if part.strip())
        if flat:
            paragraphs.append(_inline(flat))
    return Prose(source, tuple(paragraphs))
