"""The corpus index page, OUT/html/index.html: every monograph, linked, in one list.

It is written from the feed entries the build keeps, one entry at a time, so
its cost and memory do not depend on how the monographs themselves are read.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .feed import FeedEntry, Writable
from .project import FeedSettings

_STYLE = """\
body{font:1.05rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0;background:#fff}
main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.8rem;margin:0 0 1.5rem}
ul{list-style:none;padding:0;margin:0}
li{padding:.9rem 0;border-top:1px solid #d8dee4}
a{color:#0b5cad;font-weight:600;font-size:1.15rem}
p{margin:.25rem 0 0;color:#454c54}
.lang{font-size:.8rem;color:#57606a;border:1px solid #d8dee4;border-radius:.3rem;padding:0 .35rem;margin-left:.4rem}
"""


def render_index(out: Writable, settings: FeedSettings, entries: Iterable[FeedEntry]) -> None:
    """The page, titled and in the language of the feed settings."""
    title = settings.title

    def write(text: str) -> None:
        out.write(text.encode("utf-8"))

    write(
        f"<!DOCTYPE html>\n<html lang=\"{escape(settings.language)}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n<style>\n{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(title)}</h1>\n<ul>\n"
    )
    for entry in entries:
        page = entry.links.get("html")
        name = escape(entry.title)
        # Links are relative to this page, which sits in the html/ folder beside the pages.
        link = f'<a href="{escape(page.rsplit("/", 1)[-1])}" hreflang="{escape(entry.language)}">{name}</a>' if page else name
        write(
            f'<li lang="{escape(entry.language)}">{link}<span class="lang">{escape(entry.language)}</span>'
            f"<p>{escape(entry.summary)}</p></li>\n"
        )
    write("</ul>\n</main>\n</body>\n</html>\n")
