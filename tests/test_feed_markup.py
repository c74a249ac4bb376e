"""The feed is written as text: its bytes are those lxml's incremental writer wrote, whatever the entries hold.

The reference below is the writer the feed had before it was written as text
(lxml's ``xmlfile`` for the feed, an element built whole and indented for
each entry), kept here only to compare with.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from monograph import __version__
from monograph.corpuspaths import FEED_FILE
from monograph.feed import ATOM, CHANGES, HISTORY, TOMBSTONES, XML_NS, FeedEntry, write_feed
from monograph.project import FeedSettings

_NSMAP = {None: ATOM, "fh": HISTORY, "at": TOMBSTONES, "xml": XML_NS}
_XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
                    .filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20), max_size=20)
_MEDIA_TYPES = {"fhir": "application/fhir+json", "html": "text/html", "jsonld": "application/ld+json",
                "xml": "application/xml"}


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
    # The changes' namespace is declared on the entries that use it, so an entry without changes reads as before.
    nsmap = {None: ATOM, "ch": CHANGES} if entry.changes else {None: ATOM}
    element = etree.Element(atom("entry"), {f"{{{XML_NS}}}lang": entry.language},
                            nsmap=nsmap)  # type: ignore[arg-type]  # lxml's stubs omit the default namespace
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
    for change in entry.changes:
        etree.SubElement(element, f"{{{CHANGES}}}change", field=change["field"],
                         formats=" ".join(change["formats"])).text = change["words"]
    etree.indent(element, space="  ", level=1)
    return element


def _lxml_feed(out: Any, settings: FeedSettings, feed_id: str, updated: str, entries: Iterable[FeedEntry],
               deleted: Iterable[tuple[str, str]], media_types: Mapping[str, str]) -> None:
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        writer = _Writer(xf)
        attributes = {f"{{{XML_NS}}}lang": settings.language}
        if settings.base_url:
            attributes[f"{{{XML_NS}}}base"] = settings.base_url
        with writer.branch(f"{{{ATOM}}}feed", attributes, nsmap=_NSMAP):
            writer.leaf(f"{{{ATOM}}}id", feed_id)
            writer.leaf(f"{{{ATOM}}}title", settings.title)
            writer.leaf(f"{{{ATOM}}}updated", updated)
            if settings.author:
                with writer.branch(f"{{{ATOM}}}author"):
                    writer.leaf(f"{{{ATOM}}}name", settings.author)
            self_href = (settings.base_url or "") + PurePosixPath(FEED_FILE).name
            writer.leaf(f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=self_href)
            writer.leaf(f"{{{ATOM}}}generator", "monograph", version=__version__)
            writer.leaf(f"{{{HISTORY}}}complete")
            for ref, when in deleted:
                writer.leaf(f"{{{TOMBSTONES}}}deleted-entry", ref=ref, when=when)
            for entry in entries:
                writer.newline()
                xf.write(_entry_element(entry, media_types))
    out.write(b"\n")


def _both(settings: FeedSettings, entries: list[FeedEntry], deleted: list[tuple[str, str]]) -> tuple[bytes, bytes]:
    ours, theirs = io.BytesIO(), io.BytesIO()
    write_feed(ours, settings, "tag:example.org,2026:feed", "2026-01-02T03:04:05Z", entries, deleted, _MEDIA_TYPES)
    _lxml_feed(theirs, settings, "tag:example.org,2026:feed", "2026-01-02T03:04:05Z", entries, deleted, _MEDIA_TYPES)
    return ours.getvalue(), theirs.getvalue()


_CHANGE = st.fixed_dictionaries({"field": _XML_TEXT, "words": _XML_TEXT, "formats": st.lists(_XML_TEXT, max_size=3)})
_ENTRY = st.builds(
    FeedEntry, key=_XML_TEXT, id=_XML_TEXT, title=_XML_TEXT, language=_XML_TEXT, updated=_XML_TEXT, summary=_XML_TEXT,
    url=_XML_TEXT, author=_XML_TEXT,
    links=st.dictionaries(st.sampled_from(["fhir", "html", "jsonld", "xml", "other"]), _XML_TEXT, max_size=5),
    changes=st.lists(_CHANGE, max_size=2),
)
_SETTINGS = st.builds(FeedSettings, title=_XML_TEXT, author=st.none() | _XML_TEXT, base_url=st.none() | _XML_TEXT,
                      language=_XML_TEXT)


@settings(max_examples=150, deadline=None)
@given(feed=_SETTINGS, entries=st.lists(_ENTRY, max_size=3), deleted=st.lists(st.tuples(_XML_TEXT, _XML_TEXT), max_size=2))
def test_the_feed_is_byte_for_byte_what_lxml_wrote(feed: FeedSettings, entries: list[FeedEntry],
                                                    deleted: list[tuple[str, str]]) -> None:
    ours, theirs = _both(feed, entries, deleted)
    assert ours == theirs


def test_a_feed_with_every_part_is_what_lxml_wrote_and_reads_back() -> None:
    entry = FeedEntry(key="a", id="tag:x,2026:monograph/a", title="A & <b>", language="fr-CA", updated="2026-01-01T00:00:00Z",
                      summary="", url="https://x.org/a?b=1&c=\"2\"", author="Team\r\nTwo",
                      links={"xml": "xml/a.xml", "html": "html/a.html", "zz": "zz/a"},
                      changes=[{"field": "summary", "words": "summary reworded: 'x' > 'y'", "formats": ["html", "xml"]}])
    ours, theirs = _both(FeedSettings(author="Ed", base_url="https://x.org/feeds/"), [entry, entry], [("tag:x", "2026")])
    assert ours == theirs
    root = etree.fromstring(ours)
    assert root.findall(f"{{{ATOM}}}entry")[0].find(f"{{{CHANGES}}}change").text == "summary reworded: 'x' > 'y'"


@pytest.mark.parametrize("bad", ["bell\x07", "nul\x00", "\ufffe"])
def test_a_string_xml_cannot_hold_is_refused_as_lxml_refused_it(bad: str) -> None:
    entry = FeedEntry(key="a", id="i", title=bad, language="en", updated="u", summary="s", url="u", author="a")
    for writer in (write_feed, _lxml_feed):
        with pytest.raises(ValueError, match="All strings must be XML compatible"):
            writer(io.BytesIO(), FeedSettings(), "i", "u", [entry], [], _MEDIA_TYPES)
