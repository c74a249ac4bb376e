"""The paths in OUT that the build writes for the corpus as a whole, and the ids they reserve.

Kept apart from layout.py, whose checks only a build needs, so that the rule
that refuses these ids (rules/reserved_id.py) costs ``monograph validate`` no more than these names.
"""

from __future__ import annotations

from pathlib import PurePosixPath

FEED_FILE = "feed.atom"
INDEX_FILE = "html/index.html"
MANIFEST_FILE = "manifest.json"
CORPUS_FILES = (FEED_FILE, INDEX_FILE, MANIFEST_FILE)
"""What the build writes about the corpus as a whole, besides each monograph's outputs."""
FHIR_PACKAGE_FILE = "fhir/package.tgz"
"""The FHIR conformance package, written beside them when the build makes FHIR (formats/fhir/conformance.py)."""

RESERVED_KEYS = frozenset(PurePosixPath(path).name.split(".", 1)[0] for path in CORPUS_FILES)
"""Ids no monograph may have, as a format could then write its output over a corpus file (``html/index.html``)."""
