"""The file cannot be read.

The path exists but could not be opened or read, for example because of its permissions. Fix the permissions or the path.

Passes:

    a file the user running monograph may read

Fails:

    a file with mode 000, or a folder given where a file is expected
"""

from .base import rule

RULE = rule(__doc__, id="unreadable", stage="load")
