"""A suppression matches no finding.

A suppression in monograph.toml or an inline `# monograph: ignore[RULE]` comment no longer silences anything: the finding was fixed, or the rule, file or field was renamed. Delete the suppression.

Passes:

    brands:
      items:
        - {name: Lioresal, forms: [tablet]}
        - {name: LIORESAL, forms: [tablet]}  # monograph: ignore[duplicate-brand]

Fails:

    brands:
      items:
        - {name: Lioresal, forms: [tablet]}  # monograph: ignore[duplicate-brand]
"""

from .base import rule

RULE = rule(__doc__, id="unused-suppression", stage="project")
