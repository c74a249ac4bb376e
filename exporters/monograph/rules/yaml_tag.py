"""A YAML tag is used.

Tags such as `!!python/object` can make a YAML loader construct objects or run code, and custom tags have no meaning here. monograph never constructs anything from a tag; write values as plain YAML.

Passes:

    title: Baclofen

Fails:

    title: !!python/object:os.system Baclofen
"""

from .base import rule

RULE = rule(__doc__, id="yaml-tag", stage="load")
