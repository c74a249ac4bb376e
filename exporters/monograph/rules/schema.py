"""The content does not match the monograph schema.

Every field must have the type, shape and values that `schema/monograph.schema.json` gives it, unknown fields are not allowed, and required fields must be present. The message names the field and what it expects; `docs/fields.md` describes every field.

Passes:

    title: Baclofen

Fails:

    titel: Baclofen
"""

from .base import rule

RULE = rule(__doc__, id="schema", stage="schema")
