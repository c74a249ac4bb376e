"""The file is not valid YAML.

The YAML parser stopped at the position given. Common causes: a tab used for indentation, an unclosed quote or bracket, a colon followed by text where a mapping is not allowed. Characters that YAML forbids, such as NUL, are reported here too.

Passes:

    title: "Baclofen"

Fails:

    title: "Baclofen
"""

from .base import rule

RULE = rule(__doc__, id="yaml-syntax", stage="load")
