"""The YAML nests too deeply.

Mappings and lists may nest at most 64 levels; the schema needs fewer than ten. Deeper nesting is a mistake or an attempt to exhaust the parser.

Passes:

    title: [[Baclofen]]

Fails:

    a value nested in 65 or more levels of lists or mappings
"""

from .base import rule

RULE = rule(__doc__, id="yaml-depth", stage="load")
