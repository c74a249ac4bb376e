"""FHIR data types made from the model's values (codings, quantities, references, extensions), and compaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...model import Codes, Concept, DoseForm, Strength
from .vocabulary import SYSTEMS, UCUM, UNIT_LABELS, extension_url


def codings(codes: Codes, skip: tuple[str, ...] = ()) -> list[dict[str, str]]:
    return [{"system": SYSTEMS[name], "code": code} for name, code in codes.items() if name not in skip]


NO_CODES = Codes()


def codeable(text: str, codes: Codes = NO_CODES, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return compact({"coding": codings(codes, skip), "text": text})


def concept_codeable(concept: Concept) -> dict[str, Any]:
    return codeable(concept.label, concept.codes)


def coded(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    return {"coding": [compact({"system": system, "code": code, "display": display})]}


def reference(target: str, display: str | None = None) -> dict[str, str]:
    return compact({"reference": target, "display": display})


def quantity(amount: float | int, unit: str) -> dict[str, Any]:
    return {"value": amount, "unit": UNIT_LABELS.get(unit, unit), "system": UCUM, "code": unit}


def strength_ratio(strength: Strength, form: DoseForm) -> dict[str, Any]:
    """A strength as a Ratio; a strength per dose unit (a tablet) has the unity unit named after the form."""
    if strength.per_unit is None:
        denominator = {"value": 1, "unit": form.name, "system": UCUM, "code": "1"}
    else:
        denominator = quantity(strength.per_amount if strength.per_amount is not None else 1, strength.per_unit)
    return {"numerator": quantity(strength.amount, strength.unit), "denominator": denominator}


# FHIR strings match [ \r\n\t\S]+: every other whitespace character, such as the no-break space that
# text pasted from a word processor is full of, makes a resource invalid. They become plain spaces.
_FHIR_SPACES = {code: " " for code in range(0x10000) if chr(code).isspace() and chr(code) not in " \r\n\t"}


def compact(value: Any) -> Any:
    """Drop None, empty strings and empty lists and objects, which FHIR forbids (ele-1); make spaces FHIR's."""
    # Plain loops and type() tests: this walks every node of every resource on the hot path of a build.
    if type(value) is dict:
        kept = {}
        for key, item in value.items():
            kind = type(item)
            if kind is dict or kind is list:
                item = compact(item)
                if not item:
                    continue
            elif kind is str:
                if not item:
                    continue
                if not item.isascii():
                    item = item.translate(_FHIR_SPACES)
            elif item is None:
                continue
            kept[key] = item
        return kept
    if type(value) is list:
        items = []
        for item in value:
            kind = type(item)
            if kind is dict or kind is list:
                item = compact(item)
                if not item:
                    continue
            elif kind is str:
                if not item:
                    continue
                if not item.isascii():
                    item = item.translate(_FHIR_SPACES)
            elif item is None:
                continue
            items.append(item)
        return items
    return value


def extension(name: str, value_key: str, value: Any) -> dict[str, Any]:
    return {"url": extension_url(name), value_key: value}


def complex_extension(name: str, parts: Iterable[tuple[str, str, Any]]) -> dict[str, Any] | None:
    nested = [part for url, key, value in parts if (part := compact({"url": url, key: value})) and len(part) == 2]
    return {"url": extension_url(name), "extension": nested} if nested else None


def without_systems(value: Any, systems: frozenset[str]) -> Any:
    """``value`` with every coding of ``systems`` removed; a CodeableConcept left with no text keeps their display."""
    if type(value) is list:
        return [without_systems(item, systems) for item in value]
    if type(value) is not dict:
        return value
    out = {key: without_systems(item, systems) for key, item in value.items()}
    codings = value.get("coding")
    if type(codings) is list and any(type(c) is dict and c.get("system") in systems for c in codings):
        dropped = [c for c in codings if c.get("system") in systems]
        out["coding"] = [c for c in out["coding"] if c.get("system") not in systems]
        if not out.get("text"):
            out["text"] = ", ".join(c["display"] for c in dropped if c.get("display")) or None
    return out
