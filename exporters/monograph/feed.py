"""The Atom 1.0 feed (RFC 4287) that tells syndication partners what changed.

It is a complete feed (RFC 5005): every monograph is an entry, and a
monograph whose source was removed is an RFC 6721 ``deleted-entry``. Entries
are streamed to the file one at a time, so the feed of a large corpus never
sits in memory. Links are relative to the feed, and resolve against
``xml:base`` when the publisher sets a base URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from lxml import etree

from . import __version__
from .model import Monograph, PartialDate
from .project import FeedSettings

ATOM = "http://www.w3.org/2005/Atom"
HISTORY = "http://purl.org/syndication/history/1.0"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_NSMAP = {None: ATOM, "fh": HISTORY, "at": TOMBSTONES}

SUMMARY_LIMIT = 500


class Writable(Protocol):
    """Anything bytes can be written to: a file, or a wrapper that hashes what passes through it."""

    def write(self, data: bytes, /) -> int: ...


@dataclass(frozen=True)
class FeedEntry:
    """What the feed says about one monograph; stored between builds so unchanged sources are not re-read."""

    key: str
    id: str
    title: str
    language: str
    updated: str
    summary: str
    url: str
    author: str
    links: dict[str, str] = field(default_factory=dict)
    """Format name -> output path relative to the feed."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedEntry:
        return cls(**data)


def rfc3339(date: PartialDate) -> str:
    """A partial date as an RFC 3339 date-time: the first moment of the period it names."""
    return f"{date.first_day.isoformat()}T00:00:00Z"


def entry_id(monograph: Monograph, settings: FeedSettings) -> str:
    """A stable tag: URI (RFC 4151) from the canonical URL's host, the tag date and the output key."""
    host = monograph.url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    return f"tag:{host},{settings.tag_date}:monograph/{monograph.key}"


def _summary(monograph: Monograph) -> str:
    text = " ".join(monograph.summary.plain.split())
    if len(text) <= SUMMARY_LIMIT:
        return text
    return text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def feed_entry(monograph: Monograph, settings: FeedSettings, links: dict[str, str]) -> FeedEntry:
    author = monograph.publisher.name if monograph.publisher else monograph.review.reviewer
    return FeedEntry(
        key=monograph.key,
        id=entry_id(monograph, settings),
        title=monograph.title,
        language=monograph.language,
        updated=rfc3339(monograph.updated),
        summary=_summary(monograph),
        url=monograph.url,
        author=author,
        links=dict(links),
    )


class _Writer:
    """Indented, streaming element writing on top of lxml's incremental serializer."""

    def __init__(self, xf: Any) -> None:
        self.xf = xf
        self.depth = 0

    def newline(self) -> None:
        self.xf.write("\n" + "  " * self.depth)

    def leaf(self, tag: str, text: str | None = None, **attributes: str) -> None:
        self.newline()
        with self.xf.element(tag, attributes):
            if text is not None:
                self.xf.write(text)

    @contextmanager
    def branch(self, tag: str, attributes: dict[str, str] | None = None, nsmap: dict[Any, str] | None = None) -> Iterator[None]:
        if self.depth:
            self.newline()
        with self.xf.element(tag, attributes or {}, nsmap=nsmap):
            self.depth += 1
            yield
            self.depth -= 1
            self.newline()


def _entry_element(entry: FeedEntry, media_types: Mapping[str, str]) -> etree._Element:
    # Built whole rather than streamed: lxml's incremental writer cannot set xml:lang.
    atom = lambda name: f"{{{ATOM}}}{name}"  # noqa: E731
    element = etree.Element(atom("entry"), {f"{{{XML_NS}}}lang": entry.language},
                            nsmap={None: ATOM})  # type: ignore[dict-item]  # lxml's stubs omit the default namespace
    etree.SubElement(element, atom("id")).text = entry.id
    etree.SubElement(element, atom("title")).text = entry.title
    etree.SubElement(element, atom("updated")).text = entry.updated
    author = etree.SubElement(element, atom("author"))
    etree.SubElement(author, atom("name")).text = entry.author
    etree.SubElement(element, atom("link"), rel="alternate", type="text/html", href=entry.url)
    for name, path in sorted(entry.links.items()):
        if name != "xml":  # the XML document is the entry's content
            etree.SubElement(element, atom("link"), rel="related",
                             type=media_types.get(name, "application/octet-stream"), href=path, title=name)
    etree.SubElement(element, atom("summary")).text = entry.summary
    if "xml" in entry.links:
        # feedparser cannot read XML inline in an entry, so the content points at the document.
        etree.SubElement(element, atom("content"), type=media_types["xml"], src=entry.links["xml"])
    etree.indent(element, space="  ", level=1)
    return element


def write_feed(
    out: Writable,
    settings: FeedSettings,
    feed_id: str,
    updated: str,
    entries: Iterable[FeedEntry],
    deleted: Iterable[tuple[str, str]],
    media_types: Mapping[str, str],
) -> None:
    """Stream the feed to ``out``. ``deleted`` holds (entry id, RFC 3339 time of deletion) pairs;
    ``media_types`` says what each format's links point at."""
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        writer = _Writer(xf)
        attributes = {f"{{{XML_NS}}}base": settings.base_url} if settings.base_url else {}
        with writer.branch(f"{{{ATOM}}}feed", attributes, nsmap=_NSMAP):
            writer.leaf(f"{{{ATOM}}}id", feed_id)
            writer.leaf(f"{{{ATOM}}}title", settings.title)
            writer.leaf(f"{{{ATOM}}}updated", updated)
            if settings.author:
                with writer.branch(f"{{{ATOM}}}author"):
                    writer.leaf(f"{{{ATOM}}}name", settings.author)
            if settings.base_url:
                writer.leaf(f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href="feed.atom")
            writer.leaf(f"{{{ATOM}}}generator", "monograph", version=__version__)
            writer.leaf(f"{{{HISTORY}}}complete")
            for entry in entries:
                writer.newline()
                xf.write(_entry_element(entry, media_types))
            for ref, when in deleted:
                writer.leaf(f"{{{TOMBSTONES}}}deleted-entry", ref=ref, when=when)
    out.write(b"\n")
