"""Indentation of the page's HTML source: it makes the source readable and leaves the page as it reads."""

from __future__ import annotations

from .elements import Element

# Block elements whose children are all blocks: only there may the serializer
# add line breaks and indentation without changing what the page says.
_BLOCKS = frozenset({
    "html", "head", "body", "header", "main", "article", "footer", "section", "div", "ul", "ol", "dl",
    "table", "thead", "tbody", "tr",
})


def indent(element: Element, level: int = 0) -> None:
    """Line breaks and indentation in the page's source, only where they change nothing the reader sees."""
    children = list(element)
    if element.tag in _BLOCKS and children and _only_whitespace(element.text) and all(_only_whitespace(c.tail) for c in children):
        inner = "\n" + "  " * (level + 1)
        element.text = inner
        for child in children:
            child.tail = inner
        children[-1].tail = "\n" + "  " * level
    for child in children:
        if child.tag not in _PHRASING:
            indent(child, level + 1)


# Elements that hold only text and inline markup: nothing inside them is ever indented, so the walk stops there.
_PHRASING = frozenset({
    "p", "span", "a", "em", "strong", "sup", "cite", "time", "bdi", "h1", "h2", "h3", "h4", "th", "td",
    "title", "meta", "link", "style", "script",
})


def _only_whitespace(text: str | None) -> bool:
    return not text or not text.strip()
