"""A mapping key is not plain text, or is a merge key.

Keys are field names, so they must be plain text: a list, a mapping or an alias cannot be a key. YAML 1.1 merge keys (`<<`) are not part of YAML 1.2 and are not supported; write the fields out in full.

Passes:

    title: Baclofen

Fails:

    ? [title]
    : Baclofen
"""

from .base import rule

RULE = rule(__doc__, id="yaml-key", stage="load")
