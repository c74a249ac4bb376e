"""The file is larger than the largest monograph accepted.

A source file may be at most 1 MiB. A real monograph is a few kilobytes, so a larger file is a mistake or an attempt to exhaust memory. Split the content or remove what does not belong.

Passes:

    a monograph of a few kilobytes

Fails:

    a file of more than 1,048,576 bytes
"""

from .base import rule

RULE = rule(__doc__, id="file-too-large", stage="load")
