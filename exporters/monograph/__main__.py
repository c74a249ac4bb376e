"""``python -m monograph``: the same command line as the ``monograph`` script."""

from .cli import run

run()
