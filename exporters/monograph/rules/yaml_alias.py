"""An alias is invalid or expands too far.

Anchors and aliases may repeat small pieces of content, but all aliases together may add at most 10,000 nodes, which stops 'billion laughs' files that expand to gigabytes. An alias must refer to an anchor defined before it, and cannot be a key.

Passes:

    route: &oral {name: oral}
    other: *oral

Fails:

    other: *oral
"""

from .base import rule

RULE = rule(__doc__, id="yaml-alias", stage="load")
