"""The file is not UTF-8.

Source files must be UTF-8 (a byte order mark is allowed). Re-save the file as UTF-8 in your editor.

Passes:

    a file saved as UTF-8, with or without a byte order mark

Fails:

    a file saved as Latin-1 or UTF-16
"""

from .base import rule

RULE = rule(__doc__, id="encoding", stage="load")
