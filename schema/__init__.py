"""The source-file and syndication-XML contracts, shipped inside the package, and the one place that reads them.

``monograph.schema.json`` is the contract for source files (JSON Schema
2020-12); ``monograph.xsd`` (with W3C's ``xml.xsd``) is the contract for the
syndication XML. In an editable install these are the live files of the
checkout's ``schema/`` folder; in a wheel they are package data.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable

SOURCE_SCHEMA_FILE = "monograph.schema.json"
XSD_FILE = "monograph.xsd"


def _file(name: str) -> Traversable:
    beside = Path(__file__).with_name(name)
    if beside.is_file():
        # Installed or editable, the package is plain files: importlib.resources (and the tempfile, shutil and
        # zipfile it imports) would cost 'monograph validate' a tenth of its start-up to find the same file.
        return beside
    from importlib import resources

    return resources.files(__name__).joinpath(name)


@cache
def source_schema() -> dict[str, Any]:
    """The monograph JSON Schema. Cached: callers must not change it."""
    return json.loads(_file(SOURCE_SCHEMA_FILE).read_text(encoding="utf-8"))


def schema_version() -> str:
    """``x-schema-version``: MAJOR.MINOR, as the README's versioning policy defines them."""
    return str(source_schema()["x-schema-version"])


def schema_id() -> str:
    return str(source_schema()["$id"])


def xsd_file() -> Traversable:
    """The syndication XSD; it imports ``xml.xsd`` from the same folder, by a relative location."""
    return _file(XSD_FILE)
