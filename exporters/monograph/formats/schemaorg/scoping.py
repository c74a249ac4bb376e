"""Which Drug node a statement is made of: the whole drug, a dose form, or a brand.

A statement the source scopes to some forms or brands is put on the Drug
nodes of those forms and brands (``#form-ID``, ``#brand-N``) and never on the
main Drug (``#drug``), so that no reader of the markup takes it as said of
the whole drug. ``Placements`` gathers, for each node, the values of each
property in the order they were placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...model import Brand, DoseForm, Monograph, Scope

Node = dict[str, Any]


def base(monograph: Monograph) -> str:
    """The canonical URL without a fragment, so that node ids can add their own."""
    return monograph.url.split("#", 1)[0]


def drug_id(monograph: Monograph) -> str:
    return f"{base(monograph)}#drug"


def form_id(monograph: Monograph, form: DoseForm) -> str:
    return f"{base(monograph)}#form-{form.id}"


def brand_id(monograph: Monograph, brand: Brand) -> str:
    # Brand names are free text; their place in the brands list is a stable, safe fragment.
    assert monograph.brands is not None
    return f"{base(monograph)}#brand-{monograph.brands.items.index(brand) + 1}"


def scopes(monograph: Monograph) -> Iterator[Scope]:
    """The scope of every statement in the monograph that has one."""
    m = monograph
    sections: list[Iterable[Any]] = [m.ingredients.items, m.indications.items]
    for section in (m.dosing, m.monitoring, m.missed_dose, m.side_effects, m.precautions, m.advice, m.storage,
                    m.overdose):
        if section is not None:
            sections.append(section.items)
    sections.append(m.drug.supply)
    sections.append(m.drug.programs)
    sections.append(m.boxed_warnings)
    for items in sections:
        for item in items:
            yield item.scope


def scoped_brands(monograph: Monograph) -> tuple[Brand, ...]:
    """The brands some statement is scoped to, in the order of the brands list: each gets a Drug node."""
    named = {brand.name for scope in scopes(monograph) for brand in scope.brands}
    return tuple(b for b in monograph.brands.items if b.name in named) if monograph.brands else ()


def targets(monograph: Monograph, scope: Scope) -> list[str]:
    """The ids of the Drug nodes a statement with this scope is made of."""
    if scope.whole_drug:
        return [drug_id(monograph)]
    return [form_id(monograph, f) for f in scope.forms] + [brand_id(monograph, b) for b in scope.brands]


class Placements:
    """Property values gathered per node id, in the order they were placed."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, list[Any]]] = {}

    def put(self, ids: Iterable[str], prop: str, value: Any) -> None:
        for node_id in ids:
            self.values.setdefault(node_id, {}).setdefault(prop, []).append(value)

    def of(self, node_id: str) -> dict[str, list[Any]]:
        return self.values.get(node_id, {})

    def get(self, node_id: str, prop: str) -> list[Any]:
        return self.of(node_id).get(prop, [])
