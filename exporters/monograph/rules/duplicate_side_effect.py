"""A side effect is listed twice.

Each side effect appears once; compare ignoring case. The same effect may be listed again for other forms or another population (`applies_to`, `population`), such as a rate for the injection and another for the infusion. Delete one of the two.

Passes:

    side_effects:
      items:
        - {name: Drowsiness, frequency: common}
        - {name: Nausea, frequency: common}

Fails:

    side_effects:
      items:
        - {name: Drowsiness, frequency: common}
        - {name: drowsiness, frequency: rare}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import CheckContext, Finding, rule
from .duplicate_brand import repeated_names


def check(data: dict[str, Any], context: CheckContext) -> Iterator[Finding]:
    return repeated_names(data, "side_effects", "side effect", also=("applies_to", "population"))


RULE = rule(__doc__, id="duplicate-side-effect", stage="content", suppressible=True, check=check)
