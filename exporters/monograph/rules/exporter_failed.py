"""An exporter failed on a valid monograph.

The monograph passed validation but an exporter raised an error while writing it. This is a bug in the exporter (a plugin's, or monograph's own), and the message names the exporter. Nothing was written for the file.

Passes:

    every exporter returns the bytes of its format

Fails:

    a plugin's exporter raises an exception
"""

from .base import rule

RULE = rule(__doc__, id="exporter-failed", stage="build")
