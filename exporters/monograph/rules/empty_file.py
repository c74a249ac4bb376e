"""The file holds no YAML document.

An empty file, or one that holds only comments, is not a monograph. Start from `monograph new ID`.

Passes:

    id: baclofen

Fails:

    # only a comment
"""

from .base import rule

RULE = rule(__doc__, id="empty-file", stage="load")
