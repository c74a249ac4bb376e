"""FHIR data types made from the model's values (codings, quantities, references, extensions), and compaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...model import Codes, Concept, Duration, Quantity, unit_label
from .vocabulary import SYSTEMS, UCUM, extension_url


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
    return {"value": amount, "unit": unit_label(unit), "system": UCUM, "code": unit}


def amount_key_value(q: Quantity, divisor: int = 1) -> dict[str, Any]:
    """An exact amount as a Quantity, a range as a Range: {"doseQuantity": ...} or {"doseRange": ...} once prefixed."""
    if q.amount is not None:
        return {"Quantity": quantity(_divided(q.amount, divisor), q.unit)}
    return {"Range": compact({
        "low": quantity(_divided(q.low, divisor), q.unit) if q.low is not None else None,
        "high": quantity(_divided(q.high, divisor), q.unit) if q.high is not None else None,
    })}


def _divided(value: float | int, divisor: int) -> float | int:
    if divisor == 1:
        return value
    share = value / divisor
    return int(share) if float(share).is_integer() else round(share, 6)


def duration(value: float | int, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def duration_range(d: Duration) -> dict[str, Any]:
    """A length of time as a Range: low and high, the same value twice when it is exact."""
    low = d.value if d.value is not None else d.low
    high = d.value if d.value is not None else d.high
    return compact({"low": duration(low, d.unit) if low is not None else None,
                    "high": duration(high, d.unit) if high is not None else None})


# FHIR strings match [ \r\n\t\S]+: every other whitespace character, such as the no-break space that
# text pasted from a word processor is full of, makes a resource invalid. They become plain spaces.
_FHIR_SPACES = {code: " " for code in range(0x10000) if chr(code).isspace() and chr(code) not in " \r\n\t"}


class Compacted(dict[str, Any]):
    """An object ``compact`` made: nothing in it is empty, so a later compaction keeps it whole without walking it.

    Never changed once made (the builders only read what they are given), and
    a plain dict to everything else: JSON writes it as one.
    """

    __slots__ = ()


class CompactedList(list[Any]):
    """A list ``compact`` made, kept whole the same way."""

    __slots__ = ()


def compact(value: Any) -> Any:
    """Drop None, empty strings and empty lists and objects, which FHIR forbids (ele-1); make spaces FHIR's.

    The object or list made is marked (``Compacted``), so that compacting what
    holds it, up to the whole Bundle, keeps it whole without reading it again.
    """
    kind = type(value)
    if kind is dict:
        return Compacted(_compacted(value))
    if kind is list:
        return CompactedList(_compacted(value))
    return value


def _compacted(value: Any) -> Any:
    # Plain loops and type() tests: this reads every node of every resource on the hot path of a build.
    if type(value) is dict:
        kept = {}
        for key, item in value.items():
            kind = type(item)
            if kind is str:  # the commonest, then objects and lists
                if not item:
                    continue
                if not item.isascii():
                    item = item.translate(_FHIR_SPACES)
            elif kind is dict or kind is list:
                item = _compacted(item)
                if not item:
                    continue
            elif item is None or ((kind is Compacted or kind is CompactedList) and not item):
                continue
            kept[key] = item
        return kept
    if type(value) is list:
        items = []
        for item in value:
            kind = type(item)
            if kind is str:  # the commonest, then objects and lists
                if not item:
                    continue
                if not item.isascii():
                    item = item.translate(_FHIR_SPACES)
            elif kind is dict or kind is list:
                item = _compacted(item)
                if not item:
                    continue
            elif item is None or ((kind is Compacted or kind is CompactedList) and not item):
                continue
            items.append(item)
        return items
    return value


def extension(name: str, value_key: str, value: Any) -> dict[str, Any]:
    return {"url": extension_url(name), value_key: value}


def complex_extension(name: str, parts: Iterable[tuple[str, str, Any]]) -> dict[str, Any] | None:
    nested = [part for url, key, value in parts if (part := compact({"url": url, key: value})) and len(part) == 2]
    return {"url": extension_url(name), "extension": nested} if nested else None


def without_systems(value: Any, systems: frozenset[str], recoded: Mapping[str, str] | None = None) -> Any:
    """``value`` with each coding of ``recoded`` moved to its new system and every other coding of ``systems``
    removed; a CodeableConcept left with no text keeps the removed codings' display as its text."""
    recoded = recoded or {}
    if isinstance(value, list):  # a Compacted list or object is read like any other
        return [without_systems(item, systems, recoded) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: without_systems(item, systems, recoded) for key, item in value.items()}
    codings = out.get("coding")
    if type(codings) is list:
        moved = [{**c, "system": recoded[c["system"]]} if c.get("system") in recoded else c for c in codings]
        dropped = [c for c in moved if c.get("system") in systems]
        if dropped:
            out["coding"] = [c for c in moved if c.get("system") not in systems] or None
            if not out.get("text"):
                out["text"] = ", ".join(c["display"] for c in dropped if c.get("display")) or None
        else:
            out["coding"] = moved
    return out
