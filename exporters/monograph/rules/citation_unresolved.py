"""A statement cites a citation that does not exist.

Every id in a `cites` list must be the id of an entry under `citations`. Add the citation or correct the id.

Passes:

    mechanism: {text: Not fully known., fully_understood: false, cites: [label]}
    citations:
      - {id: label, kind: prescribing-information, title: Label, url: "https://example.org/label"}

Fails:

    mechanism: {text: Not fully known., fully_understood: false, cites: [lable]}
    citations:
      - {id: label, kind: prescribing-information, title: Label, url: "https://example.org/label"}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .walk import citation_ids, list_at


def cite_lists(data: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """(pointer, list) for every ``cites`` list: on a section, on each of its items, on the drug's supply
    statuses and programs, and on each of several boxed warnings."""
    for name, node in data.items():
        if isinstance(node, list):  # boxed_warning as a list of warnings
            for index, item in enumerate(node):
                if isinstance(item, dict):
                    yield f"/{name}/{index}/cites", list_at(item, "cites")
            continue
        if not isinstance(node, dict):
            continue
        yield f"/{name}/cites", list_at(node, "cites")
        for part in ("supply", "programs") if name == "drug" else ("items",):
            for index, item in enumerate(list_at(node, part)):
                if isinstance(item, dict):
                    yield f"/{name}/{part}/{index}/cites", list_at(item, "cites")


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    known = citation_ids(data)
    for pointer, cites in cite_lists(data):
        for index, cited in enumerate(cites):
            if isinstance(cited, str) and cited not in known:
                hint = f"; the citations are: {', '.join(sorted(known))}" if known else "; add it under 'citations'"
                yield f"{pointer}/{index}", f"'{cited}' is not the id of any citation{hint}"


RULE = rule(__doc__, id="citation-unresolved", stage="content", check=check)
