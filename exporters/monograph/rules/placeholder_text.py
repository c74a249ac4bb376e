"""Text that `monograph new` wrote is still there.

The skeleton that `monograph new` writes holds placeholders for the author to replace: the reviewer's name, the condition the drug treats, the summary's second sentence, a page address under the reserved `.example` top-level domain, and a citation to the DailyMed home page instead of the label. None of them may reach a patient, so each is an error in `validate` and in `build`. The skeleton leaves the review date for the author to write; a review date in a file whose reviewer is still the placeholder was written by an older `monograph new`, not by a reviewer, and is reported too. Addresses on a reserved documentation host (`.example`, `.test`, `.invalid`, `.localhost`) can never be a published page and are reported wherever they appear. Addresses on example.org, example.com and example.net are not: a demonstration or test corpus uses them as its stand-in site on purpose.

Passes:

    indications:
      items:
        - name: Spasticity

Fails:

    indications:
      items:
        - name: The condition the drug treats
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import document_walk

_REVIEWER = "Name of the medical reviewer or review board"

PHRASES: tuple[tuple[str, str], ...] = (
    # (the skeleton's words, what the author writes instead); matched ignoring case and line breaks.
    (_REVIEWER, "the name of the person or board who reviewed the text"),
    ("The condition the drug treats", "the condition, in the label's words"),
    ("Say here what it is and what it is used for", "what the drug is and what it is used for"),
    ("How the drug works, in plain words.", "how the drug works"),
    ("What the boxed warning says.", "the boxed warning's text, as the label gives it"),
    ("Brandname", "the brand's name"),
)
_HOME_PAGE = r"https://(?:www\.)?dailymed\.nlm\.nih\.gov/dailymed/?(?:index\.cfm)?"
_HOME_PAGES = re.compile(_HOME_PAGE + r"\Z", re.IGNORECASE)
_HOME_PAGE_AT_END = re.compile(_HOME_PAGE + r"(?=\s|\Z)", re.IGNORECASE)
"""Found in the lines of a document wherever one of its strings is the home page and nothing else."""
_RESERVED_HOST = re.compile(r"https?://(?:[^/?#@]*@)?(?:[A-Za-z0-9-]+\.)*(example|test|invalid|localhost)\.?(?::[0-9]*)?(?=[/?#]|\Z)",
                            re.IGNORECASE)
_ADDRESS = re.compile(r"https?://[^\s)\]>\"']+", re.IGNORECASE)


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


_FOLDED = tuple((_words(phrase), phrase, instead) for phrase, instead in PHRASES)


def _phrase_in(text: str) -> tuple[str, str] | None:
    folded = _words(text)
    for key, phrase, instead in _FOLDED:
        if key == folded or (len(key) > 20 and key in folded):
            return phrase, instead
    return None


def _may_hold_placeholder(text: str) -> bool:
    """False when no string joined into ``text`` (one a line) can hold a placeholder; True may be a false alarm.

    Each check reads the whole document at once: a phrase inside one string is
    inside the joined words, an address never spans a line, and a string that is
    the home page ends a line with it.
    """
    folded = _words(text)
    if any(key in folded for key, _, _ in _FOLDED):
        return True
    if _HOME_PAGE_AT_END.search(text):
        return True
    return any(_RESERVED_HOST.match(address) for address in _ADDRESS.findall(text))


def _text_findings(pointer: str, text: str) -> Iterator[Finding]:
    found = _phrase_in(text)
    if found is not None:
        phrase, instead = found
        yield pointer, f"'{phrase}' is a placeholder written by 'monograph new'; write {instead} in its place"
    if _HOME_PAGES.match(text.strip()):
        yield pointer, ("this is the DailyMed home page, a placeholder written by 'monograph new'; "
                        "cite the label's own page (its setid address)")
    for address in _ADDRESS.findall(text):
        reserved = _RESERVED_HOST.match(address)
        if reserved is not None:
            yield pointer, (f"'{address}' is on the reserved '.{reserved.group(1).lower()}' domain, a placeholder "
                            "that no published page can have; write the real address")


def _tool_written_review_date(data: dict[str, Any]) -> Iterator[Finding]:
    review = data.get("review")
    if not isinstance(review, dict) or "last_reviewed" not in review:
        return
    reviewer = review.get("reviewed_by")
    name = reviewer.get("name") if isinstance(reviewer, dict) else None
    if isinstance(name, str) and _words(name) == _words(_REVIEWER):
        yield "/review/last_reviewed", ("the review date was written by 'monograph new', not by a reviewer: "
                                        "write the date of the medical review once it is done")


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    # Naming where each string is costs more than reading them all; a clean file (the common case) is read once.
    walk = document_walk(data, context)
    if _may_hold_placeholder(walk.text()):
        for at in walk.strings:
            for _, message in _text_findings("", walk.nodes[at]):
                yield walk.pointer(at), message
    yield from _tool_written_review_date(data)


RULE = rule(__doc__, id="placeholder-text", stage="content", check=check)
