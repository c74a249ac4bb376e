"""A citation is never cited.

An entry under `citations` that no `cites` list names is still published as a source, but nothing on the page points at it. Cite it where it supports a statement, or remove it. A warning: it does not stop publishing.

Passes:

    mechanism: {text: Not fully known., fully_understood: false, cites: [label]}
    citations:
      - {id: label, kind: prescribing-information, title: Label, url: "https://example.org/label"}

Fails:

    mechanism: {text: Not fully known., fully_understood: false}
    citations:
      - {id: label, kind: prescribing-information, title: Label, url: "https://example.org/label"}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .citation_unresolved import cite_lists
from .walk import list_at


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    cited = {c for _, cites in cite_lists(data) for c in cites if isinstance(c, str)}
    for index, citation in enumerate(list_at(data, "citations")):
        cid = citation.get("id") if isinstance(citation, dict) else None
        if isinstance(cid, str) and cid not in cited:
            yield f"/citations/{index}/id", f"no statement cites '{cid}'; cite it or remove it"


RULE = rule(__doc__, id="citation-unused", stage="content", severity="warning", suppressible=True, check=check)
