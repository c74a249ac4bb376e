"""The file holds more than one YAML document.

One file holds one monograph. Move each further `---` document into a file of its own.

Passes:

    id: baclofen

Fails:

    id: baclofen
    ---
    id: tizanidine
"""

from .base import rule

RULE = rule(__doc__, id="yaml-multiple-documents", stage="load")
