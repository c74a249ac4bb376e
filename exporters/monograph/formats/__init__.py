"""Exporters: each turns one validated Monograph into the bytes of one format.

An exporter sees only the model, never YAML or files. The built-in ones are
registered through the ``monograph.exporters`` entry-point group in
pyproject.toml, exactly as a third-party package would register its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..model import Monograph

Options = Mapping[str, str]
"""Exporter-specific settings, such as ``{"fhir_release": "r4"}``. Unknown keys are ignored."""


@dataclass(frozen=True)
class Exporter:
    """One output format.

    ``folder`` and ``extension`` say where ``monograph build`` puts the output:
    ``OUT/<folder>/<key><extension>``.
    """

    name: str
    title: str
    media_type: str
    folder: str
    extension: str
    render: Callable[[Monograph, Options], bytes]
    options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Options the exporter understands, each with its allowed values; the first is the default."""
    mapping: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Where each monograph field lands, by column of docs/mapping.md (one column per format or release).

    Keys are field paths as ``monograph.fields`` names them; a key covers the
    field and everything under it. A field a format cannot carry says so, and
    says where the fact goes instead."""

    def __call__(self, monograph: Monograph, options: Options | None = None) -> bytes:
        return self.render(monograph, options or {})
