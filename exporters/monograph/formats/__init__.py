"""The exporter contract: each exporter turns one validated Monograph into the bytes of one format.

An exporter sees only the model, never YAML or files. It declares the
options it takes (the host checks their values and makes command-line flags
of them) and may embed another format's output of the same monograph (the
page embeds the JSON-LD), which it asks its ``RenderContext`` for. The
built-in exporters are registered through the ``monograph.exporters``
entry-point group in pyproject.toml, exactly as a third-party package would
register its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..model import Monograph



@dataclass(frozen=True)
class Option:
    """One setting an exporter takes, such as the FHIR release.

    Callers name it ``FORMAT_NAME`` (``fhir_release``) in the Python API and
    ``--FORMAT-NAME`` (``--fhir-release``) on the command line; the exporter
    reads it by ``name`` from its context.
    """

    name: str
    choices: tuple[str, ...]
    help: str
    check: Callable[[str], str | None] | None = None
    """For an option that takes any text (``choices`` then holds only its default): why a value is refused, or None."""

    @property
    def default(self) -> str:
        return self.choices[0]


class RenderContext(Protocol):
    """What an exporter is given besides the model."""

    @property
    def options(self) -> Mapping[str, str]:
        """This exporter's option values by name, defaults filled in."""
        ...

    def output(self, format_name: str) -> bytes:
        """Another format's output of the same monograph, rendered once however often it is asked for."""
        ...

    @property
    def site(self) -> Mapping[str, str]:
        """The publisher's words for every page ([page] in monograph.toml): name, disclaimer, emergency, language."""
        ...

    @property
    def translations(self) -> Mapping[str, str]:
        """The language versions of this monograph in the same build, as hreflang -> output key (``es`` ->
        ``baclofen.es``); the original, whose language its file name does not say, is ``x-default``. Empty when
        there is only one version, or outside a build."""
        ...

    @property
    def translation_urls(self) -> Mapping[str, str]:
        """The same versions' own addresses (their ``url``), as hreflang -> URL, this monograph's included. Empty
        when there is only one version, or outside a build."""
        ...


@dataclass(frozen=True)
class Exporter:
    """One output format.

    ``folder`` and ``extension`` say where ``monograph build`` puts the output:
    ``OUT/<folder>/<key><extension>``; ``media_type`` is what the feed and
    the manifest say it is.
    """

    name: str
    title: str
    media_type: str
    folder: str
    extension: str
    render: Callable[[Monograph, RenderContext], bytes]
    options: tuple[Option, ...] = ()
    mapping: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Where each monograph field lands, by column of docs/mapping.md (one column per format or release).

    Keys are field paths as ``monograph.fields`` names them; a key covers the
    field and everything under it. A field a format cannot carry says so, and
    says where the fact goes instead."""

    def option_key(self, option: Option) -> str:
        return f"{self.name}_{option.name}".replace("-", "_")

    def carries(self, path: str) -> bool:
        """Whether this format carries the field at ``path`` (its first mapping column, as `monograph diff` reads
        it): a field with no entry of its own is covered by its nearest ancestor's, and one that starts "Not"
        says the format cannot carry it."""
        mapping = next(iter(self.mapping.values()), {})
        probe = path
        while probe and probe not in mapping:
            probe = probe.rpartition(".")[0]
        return not mapping.get(probe, "").lower().startswith("not ")
