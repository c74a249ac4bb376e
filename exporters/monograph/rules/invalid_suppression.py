"""A suppression names a rule that cannot be suppressed.

Only rules marked '(can be suppressed)' in `monograph explain` can be silenced. Schema and YAML problems always stop a file, because the exporters cannot work with content of the wrong shape.

Passes:

    title: Baclofen  # monograph: ignore[duplicate-brand]

Fails:

    titel: Baclofen  # monograph: ignore[schema]
"""

from .base import rule

RULE = rule(__doc__, id="invalid-suppression", stage="project")
