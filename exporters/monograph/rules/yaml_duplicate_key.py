"""A mapping has the same key twice.

YAML parsers silently keep only one of two equal keys, so a duplicated key loses content without a word. Keep one and delete the other.

Passes:

    title: Baclofen

Fails:

    title: Baclofen
    title: Lioresal
"""

from .base import rule

RULE = rule(__doc__, id="yaml-duplicate-key", stage="load")
