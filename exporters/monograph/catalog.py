"""The corpus index page, OUT/html/index.html: every monograph, linked, A to Z, with the feed beside it.

It is written from the feed entries the build keeps, one entry at a time, so
its cost and memory do not depend on how the monographs themselves are read.
Entries come in key order, and a key starts with the monograph's id, so the
letters fall in order as they stream past; the first characters of the keys
say which letters the A–Z bar links to.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .corpuspaths import FEED_FILE
from .feed import FeedEntry, Writable
from .project import FeedSettings

FEED_LINK = "../" + FEED_FILE
"""The feed, from the html/ folder the index sits in."""

LETTERS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
OTHER = "#"
"""The group of ids that do not start with a letter A to Z."""

_STYLE = """\
:root{color-scheme:light dark;--text:#1f2328;--muted:#454c54;--bg:#fff;--rule:#d8dee4;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--text:#e6e8eb;--muted:#b6bcc4;--bg:#15171a;--rule:#3a3f45;--accent:#8cbcff}}
html{background:var(--bg);color:var(--text)}
body{font:1.05rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0}
main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.8rem;margin:0 0 1rem}
h2{font-size:1.3rem;margin:1.5rem 0 .25rem}
ul{list-style:none;padding:0;margin:0}
li{padding:.9rem 0;border-top:1px solid var(--rule)}
a{color:var(--accent)}
li a{font-weight:600;font-size:1.15rem}
p{margin:.25rem 0 0;color:var(--muted)}
.letters{display:flex;flex-wrap:wrap;gap:.15rem .6rem;margin:0 0 1rem;padding:0;font-weight:600}
.letters span{color:var(--muted);font-weight:400}
.letters a,.letters span{display:inline-block;min-inline-size:24px;min-block-size:24px;line-height:24px;text-align:center}
.feed{margin:0 0 1.25rem}
.lang{font-size:.8rem;color:var(--muted);border:1px solid var(--rule);border-radius:.3rem;padding:0 .35rem;margin-inline-start:.4rem}
@media print{:root{--text:#000;--muted:#333;--bg:#fff;--rule:#999;--accent:#000}main{max-width:none;padding:0}
.letters,.feed{display:none}a{text-decoration:none}}
"""


def letter_of(key: str) -> str:
    first = key[:1].upper()
    return first if first in LETTERS else OTHER


def render_index(out: Writable, settings: FeedSettings, initials: Iterable[str], entries: Iterable[FeedEntry]) -> None:
    """The page, titled and in the language of the feed settings; ``initials`` holds the first character of
    every entry's key, ``entries`` the entries in key order."""
    title = escape(settings.title)

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    present = {letter_of(initial) for initial in initials}
    write(
        f"<!DOCTYPE html>\n<html lang=\"{escape(settings.language)}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{title}</title>\n"
        f"<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{FEED_LINK}\" title=\"{title}\">\n"
        f"<style>\n{_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
        f"<p class=\"feed\"><a href=\"{FEED_LINK}\" type=\"application/atom+xml\">Follow updates (Atom feed)</a></p>\n"
        f"<nav aria-label=\"A to Z\">\n<p class=\"letters\">{_letter_bar(present)}</p>\n</nav>\n"
    )
    current = None
    for entry in entries:
        letter = letter_of(entry.key)
        if letter != current:
            if current is not None:
                write("</ul>\n</section>\n")
            anchor = _anchor(letter)
            write(f"<section aria-labelledby=\"{anchor}\">\n<h2 id=\"{anchor}\">{escape(letter)}</h2>\n<ul>\n")
            current = letter
        write(_item(entry))
    if current is not None:
        write("</ul>\n</section>\n")
    write("</main>\n</body>\n</html>\n")


def _anchor(letter: str) -> str:
    return "letter-" + (letter.lower() if letter != OTHER else "other")


def _letter_bar(present: set[str]) -> str:
    """Every letter; those with monographs link to their group, the rest are shown dimmed, for a steady bar."""
    return " ".join(f'<a href="#{_anchor(letter)}">{escape(letter)}</a>' if letter in present
                    else f'<span aria-hidden="true">{escape(letter)}</span>'
                    for letter in [*LETTERS, *([OTHER] if OTHER in present else [])])


def _item(entry: FeedEntry) -> str:
    page = entry.links.get("html")
    name = escape(entry.title)
    language = escape(entry.language)
    # Links are relative to this page, which sits in the html/ folder beside the pages.
    link = f'<a href="{escape(page.rsplit("/", 1)[-1])}" hreflang="{language}">{name}</a>' if page else name
    return f'<li lang="{language}">{link}<span class="lang">{language}</span><p>{escape(entry.summary)}</p></li>\n'
