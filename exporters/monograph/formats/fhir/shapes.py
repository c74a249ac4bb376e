"""The shapes the facts take: products (clinical drugs), clinical issues, and the other statements, with their scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...model import Brand, Citation, DoseForm, DosingInstruction, Indication, Instruction, Scope, Strength
from .narrative import Block
from .population import Group


@dataclass(frozen=True)
class Product:
    """A clinical drug: one dose form in one strength (or in no stated strength), as sold under ``brands``.

    A form sold under several brands is one product, unless some statement is about one of those brands only:
    then each brand's is its own product, so that the statement can be referenced from that brand's alone.
    A brand whose forms the file does not list, but that a statement is about, is a product with no form
    (``form`` None): the brand's name, and no dose form, route or strength claimed for it.
    """

    id: str
    form: DoseForm | None
    strength: Strength | None
    brands: tuple[Brand, ...]
    sources: tuple[Citation, ...]

    def label(self, generic_name: str) -> str:
        if self.form is None:
            return ", ".join(self.brand_names)
        return " ".join(part for part in (generic_name, self.strength.text if self.strength else None, self.form.name) if part)

    @property
    def brand_names(self) -> tuple[str, ...]:
        return tuple(b.name for b in self.brands)


def covers(scope: Scope, p: Product) -> bool:
    """Whether a statement with this scope holds for the product: its form, or every brand it is sold under."""
    return scope.whole_drug or (p.form is not None and p.form in scope.forms) or (bool(p.brands) and all(b in scope.brands for b in p.brands))


@dataclass(frozen=True)
class Issue:
    """One clinical issue, in ClinicalUseDefinition terms; R5 makes it a resource, R4 an extension."""

    id: str
    type: str
    sources: tuple[Citation, ...]
    blocks: Callable[[], list[Block]]
    scope: Scope = field(default_factory=Scope)
    category: list[dict[str, Any]] = field(default_factory=list)
    code: dict[str, Any] | None = None
    description: str | None = None
    symptom: dict[str, Any] | None = None
    classification: dict[str, Any] | None = None
    frequency: dict[str, Any] | None = None
    interactants: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    interaction_type: dict[str, Any] | None = None
    effect: dict[str, Any] | None = None
    groups: tuple[Group, ...] = ()
    """The populations it is about: a Group each in R5."""
    management: list[dict[str, Any]] = field(default_factory=list)
    facets: list[tuple[str, str, Any]] = field(default_factory=list)
    """(extension name, value key, value) on the issue's element in R5; parts of the same name, camelCased, in R4.
    Complex ones have the value key "extension" and a list of (url, value key, value)."""


@dataclass(frozen=True)
class IndicationFacts:
    item: Indication
    id: str
    sources: tuple[Citation, ...]
    groups: tuple[Group, ...] = ()


@dataclass(frozen=True)
class DosingFacts:
    item: DosingInstruction
    indication: IndicationFacts | None
    group: Group | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class StorageFacts:
    item: Instruction
    group: Group | None
    sources: tuple[Citation, ...]
