"""What the page carries inside itself instead of linking to it: its stylesheet and its JSON-LD."""

from __future__ import annotations

from functools import cache
from importlib import resources

STYLESHEET_FILE = "page.css"


@cache
def stylesheet() -> str:
    """The page's CSS, shipped beside this module; every page embeds it, so it is read once."""
    return resources.files(__package__).joinpath(STYLESHEET_FILE).read_text(encoding="utf-8").strip()


def json_for_script(json_text: bytes) -> str:
    """JSON that cannot end or comment out the script element it sits in, and still parses to the same object."""
    text = json_text.decode("utf-8").strip("\n")
    return "\n" + text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
