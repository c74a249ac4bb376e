"""The top level of the file is not a mapping.

A monograph is a YAML mapping of fields (`id: ...`, `title: ...`). A file whose top level is a list or a single value cannot be one.

Passes:

    id: baclofen

Fails:

    - id: baclofen
"""

from .base import rule

RULE = rule(__doc__, id="not-a-mapping", stage="load")
