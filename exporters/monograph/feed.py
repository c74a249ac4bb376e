"""The Atom 1.0 feed (RFC 4287) that tells syndication partners what changed.

It is a complete feed (RFC 5005): every monograph is an entry, and a
monograph whose source was removed is an RFC 6721 ``deleted-entry``. Entries
are streamed to the file one at a time, so the feed of a large corpus never
sits in memory. Links are relative to the feed, and resolve against
``xml:base`` when the publisher sets a base URL.

An entry's ``updated`` is the later of the monograph's ``modified`` and
``review.last_reviewed`` dates, the first day of the period the date names,
at a time of day taken from a digest of the entry's published outputs. The
date is the author's; the time of day means nothing but keeps entries apart:
two entries of one date get different instants, and content that changes
without a new date still changes ``updated``. Two entries that would still
share an instant are told apart in key order, a second at a time, within
their day. All of it is derived from the outputs, so a clean build and an
incremental one write the same feed, but for one thing.

That thing is history: the entry of a monograph that changed says what
changed since the build before, in the words of `monograph diff` (changes.py),
as ``ch:change`` extension elements. It is compared with the document the
build state recorded, so a clean build, which knows no earlier version, has
none to tell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol

from . import __version__
from .corpuspaths import FEED_FILE
from .project import FeedSettings
from .xmltext import escaped_attribute, escaped_text

if TYPE_CHECKING:
    from .model import Monograph, PartialDate

ATOM = "http://www.w3.org/2005/Atom"
HISTORY = "http://purl.org/syndication/history/1.0"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
CHANGES = "https://monograph.dev/ns/changes/1"
"""The feed's own extension (RFC 4287 6.4): what changed in an entry's monograph, as `monograph diff` says it."""

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
    changes: list[dict[str, Any]] = field(default_factory=list)
    """What changed in the monograph the last time its content did, since the build before: ``field`` (its path,
    as in docs/fields.md), ``words`` (as `monograph diff` says it) and ``formats`` (the formats that carry it).
    Empty for a monograph first published, or one whose earlier version is not known."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedEntry:
        return cls(**data)


def entry_updated(date: PartialDate, content_digest: str) -> str:
    """The entry's ``updated``: the first day of ``date``'s period, at a time of day taken from the content's digest."""
    seconds = int(content_digest[:8], 16) % 86400
    return f"{date.first_day.isoformat()}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}Z"


def distinct_updates(shared: Iterable[tuple[str, str]], taken: Callable[[str], bool]) -> dict[str, str]:
    """New instants for entries that share their ``updated`` with another, by key.

    ``shared`` holds (key, instant) pairs sorted by instant, then key; ``taken`` says whether any entry has an
    instant. The first entry of an instant keeps it; each next one moves on a second at a time, within its day,
    to an instant no other entry has.
    """
    moved: dict[str, str] = {}
    used: set[str] = set()
    for key, instant in shared:
        if instant not in used:
            used.add(instant)
            continue
        candidate = instant
        while candidate in used or taken(candidate):
            candidate = _next_second(candidate)
        used.add(candidate)
        moved[key] = candidate
    return moved


def _next_second(instant: str) -> str:
    moment = dt.datetime.strptime(instant, "%Y-%m-%dT%H:%M:%SZ")
    later = moment.replace(hour=0, minute=0, second=0) + dt.timedelta(seconds=(moment.hour * 3600 + moment.minute * 60
                                                                            + moment.second + 1) % 86400)
    return later.strftime("%Y-%m-%dT%H:%M:%SZ")


def host_of(url: str) -> str:
    """The host of an http(s) URL, in lower case, without a port: what a tag: URI (RFC 4151) names."""
    return url.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit(":", 1)[0].lower()


def entry_id(monograph: Monograph, settings: FeedSettings) -> str:
    """A stable tag: URI (RFC 4151) from the canonical URL's host, the tag date and the output key."""
    return f"tag:{host_of(monograph.url)},{settings.tag_date}:monograph/{monograph.key}"


def _summary(monograph: Monograph) -> str:
    text = " ".join(monograph.summary.plain.split())
    if len(text) <= SUMMARY_LIMIT:
        return text
    return text[: SUMMARY_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def feed_entry(monograph: Monograph, settings: FeedSettings, links: dict[str, str], content_digest: str,
               changes: list[dict[str, Any]] | None = None) -> FeedEntry:
    """``content_digest``: a digest of the entry's published outputs, which sets the time of day of ``updated``."""
    # RFC 4287 wants an author on every entry; without a publisher or a reviewer, the feed's own name stands for it.
    if monograph.publisher:
        author = monograph.publisher.name
    elif monograph.review:
        author = monograph.review.reviewer
    else:
        author = settings.author or settings.title
    return FeedEntry(
        key=monograph.key,
        id=entry_id(monograph, settings),
        title=monograph.title,
        language=monograph.language,
        updated=entry_updated(monograph.updated, content_digest),
        summary=_summary(monograph),
        url=monograph.url,
        author=author,
        links=dict(links),
        changes=list(changes or ()),
    )


def entry_markup(entry: FeedEntry, media_types: Mapping[str, str]) -> str:
    """The entry's element, written as text: what lxml wrote for the same element, indented one level."""
    t, a = escaped_text, escaped_attribute
    # The changes' namespace is declared on the entries that use it, so an entry without changes reads as before.
    declarations = f' xmlns="{ATOM}" xmlns:ch="{CHANGES}"' if entry.changes else f' xmlns="{ATOM}"'
    lines = [
        f'<entry{declarations} xml:lang="{a(entry.language)}">',
        f"    <id>{t(entry.id)}</id>",
        f"    <title>{t(entry.title)}</title>",
        f"    <updated>{t(entry.updated)}</updated>",
        f"    <author>\n      <name>{t(entry.author)}</name>\n    </author>",
        f'    <link rel="alternate" type="text/html" href="{a(entry.url)}"/>',
    ]
    for name, path in sorted(entry.links.items()):
        if name != "xml":  # the XML document is the entry's content
            media_type = media_types.get(name, "application/octet-stream")
            lines.append(f'    <link rel="related" type="{a(media_type)}" href="{a(path)}" title="{a(name)}"/>')
    lines.append(f"    <summary>{t(entry.summary)}</summary>")
    if "xml" in entry.links:
        # feedparser cannot read XML inline in an entry, so the content points at the document.
        lines.append(f'    <content type="{a(media_types["xml"])}" src="{a(entry.links["xml"])}"/>')
    for change in entry.changes:
        lines.append(f'    <ch:change field="{a(change["field"])}" formats="{a(" ".join(change["formats"]))}">'
                     f'{t(change["words"])}</ch:change>')
    lines.append("  </entry>")
    return "\n".join(lines)


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
    t, a = escaped_text, escaped_attribute

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    attributes = f' xml:lang="{a(settings.language)}"'
    if settings.base_url:
        attributes += f' xml:base="{a(settings.base_url)}"'
    # The feed declares the xml: prefix, which Namespaces in XML allows but does not need: lxml's streaming writer,
    # which wrote the feed before, needed it, and the feed's bytes stay as they were.
    # The self link is absolute under a base URL; without one it is the feed's own name, relative to itself.
    self_href = (settings.base_url or "") + PurePosixPath(FEED_FILE).name
    head = [
        "<?xml version='1.0' encoding='utf-8'?>",
        f'<feed xmlns="{ATOM}" xmlns:at="{TOMBSTONES}" xmlns:fh="{HISTORY}" xmlns:xml="{XML_NS}"{attributes}>',
        f"  <id>{t(feed_id)}</id>",
        f"  <title>{t(settings.title)}</title>",
        f"  <updated>{t(updated)}</updated>",
    ]
    if settings.author:
        head.append(f"  <author>\n    <name>{t(settings.author)}</name>\n  </author>")
    head.append(f'  <link rel="self" type="application/atom+xml" href="{a(self_href)}"></link>')
    head.append(f'  <generator version="{a(__version__)}">monograph</generator>')
    head.append("  <fh:complete></fh:complete>")
    write("\n".join(head))
    # Extension elements are feed metadata: RFC 4287 4.1.1 puts every entry after them.
    for ref, when in deleted:
        write(f'\n  <at:deleted-entry ref="{a(ref)}" when="{a(when)}"></at:deleted-entry>')
    for entry in entries:
        write("\n  " + entry_markup(entry, media_types))
    write("\n</feed>\n")
