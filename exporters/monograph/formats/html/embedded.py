"""What the page carries inside itself instead of linking to it: its stylesheet and its JSON-LD."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ...jsonout import dump_text

STYLESHEET_FILE = "page.css"


@cache
def stylesheet() -> str:
    """The page's CSS, shipped beside this module; every page embeds it, so it is read once."""
    return resources.files(__package__).joinpath(STYLESHEET_FILE).read_text(encoding="utf-8").strip()


def json_for_script(document: dict[str, Any]) -> str:
    """JSON that cannot end or comment out the script element it sits in, and still parses to the same object."""
    text = dump_text(document)
    return "\n" + text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") + "\n"
