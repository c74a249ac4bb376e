"""Who a statement is about, the way FHIR says it: Group characteristics (R5), patient characteristics (dosing).

Ages and weights are Ranges in UCUM units; the schema's age limits are inclusive in whole
units, and so is a Range's high value written in the same unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...model import Concept, Population, number_text
from .datatypes import codeable, coded, compact, concept_codeable
from .extensions import displays
from .vocabulary import (
    ADMINISTRATIVE_GENDER,
    AGE,
    BODY_WEIGHT,
    POPULATION_GROUP,
    PREGNANCY,
    PREGNANCY_STATUS,
    SEX,
    UCUM,
)

GROUP_NAMES = displays("population-group")
PREGNANCY_NAMES = displays("pregnancy-status")
SEX_NAMES = {"female": "Female", "male": "Male"}
AGE_UNITS = {"a": "years", "mo": "months", "wk": "weeks", "d": "days"}


@dataclass(frozen=True)
class Characteristic:
    """One thing that is true of everyone in a population: a code and, unless it is simply present, a value."""

    code: dict[str, Any]
    value_key: str | None = None
    """valueRange or valueCodeableConcept; None when the code alone says it (a condition, a broad group)."""
    value: Any = None
    text: str = ""
    """The value as a reader writes it, for R4's string values."""


@dataclass(frozen=True)
class Group:
    """A population as a FHIR Group (R5) or a description with characteristics (R4)."""

    id: str
    name: str
    characteristics: tuple[Characteristic, ...]


def span_text(low: float | int | None, high: float | int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{number_text(low)} to {number_text(high)} {unit}"
    if low is not None:
        return f"{number_text(low)} {unit} and over"
    return f"up to {number_text(high)} {unit}"


def span_range(low: float | int | None, high: float | int | None, unit: str) -> dict[str, Any]:
    def end(value: float | int | None) -> dict[str, Any] | None:
        return None if value is None else {"value": value, "unit": unit, "system": UCUM, "code": unit}
    return compact({"low": end(low), "high": end(high)})


def characteristics(p: Population) -> tuple[Characteristic, ...]:
    found: list[Characteristic] = []
    if p.group:
        found.append(Characteristic(coded(POPULATION_GROUP, p.group, GROUP_NAMES[p.group]) | {"text": GROUP_NAMES[p.group]}))
    if p.age:
        text = span_text(p.age.min, p.age.max, AGE_UNITS[p.age.unit])
        found.append(Characteristic({"coding": [AGE], "text": "Age"}, "valueRange", span_range(p.age.min, p.age.max, p.age.unit),
                                    text))
    if p.weight:
        text = span_text(p.weight.min, p.weight.max, "kg" if p.weight.unit == "kg" else "lb")
        found.append(Characteristic({"coding": [BODY_WEIGHT], "text": "Body weight"}, "valueRange",
                                    span_range(p.weight.min, p.weight.max, p.weight.unit), text))
    if p.sex:
        value = coded(ADMINISTRATIVE_GENDER, p.sex, SEX_NAMES[p.sex]) | {"text": SEX_NAMES[p.sex]}
        found.append(Characteristic({"coding": [SEX], "text": "Sex"}, "valueCodeableConcept", value, SEX_NAMES[p.sex]))
    if p.pregnancy:
        name = PREGNANCY_NAMES[p.pregnancy]
        value = coded(PREGNANCY_STATUS, p.pregnancy, name) | {"text": name}
        found.append(Characteristic({"coding": [PREGNANCY], "text": "Pregnancy status"}, "valueCodeableConcept", value, name))
    found += [Characteristic(concept_codeable(c)) for c in p.conditions]
    return tuple(found)


def describe(p: Population) -> str:
    """The population in words: its own name, else its characteristics."""
    if p.name:
        return p.name
    parts = [GROUP_NAMES[p.group]] if p.group else []
    if p.age:
        parts.append("aged " + span_text(p.age.min, p.age.max, AGE_UNITS[p.age.unit]))
    if p.weight:
        parts.append("weighing " + span_text(p.weight.min, p.weight.max, "kg" if p.weight.unit == "kg" else "lb"))
    if p.sex:
        parts.append(SEX_NAMES[p.sex].lower())
    if p.pregnancy:
        parts.append(PREGNANCY_NAMES[p.pregnancy].lower())
    if p.conditions:
        parts.append("with " + ", ".join(c.label for c in p.conditions))
    return ", ".join(parts) or "Everyone"


def population_group(group_id: str, p: Population) -> Group:
    return Group(group_id, describe(p), characteristics(p))


def concept_group(group_id: str, concept: Concept | None, text: str) -> Group:
    """The group a precaution of kind population names: everyone with that characteristic."""
    code = concept_codeable(concept) if concept else codeable(text)
    return Group(group_id, code["text"], (Characteristic(code),))


def patient_characteristic(c: Characteristic) -> dict[str, Any]:
    """R5 dosingGuideline.patientCharacteristic: a type and, unless the type says it all, a value."""
    return compact({"type": c.code, **({c.value_key: c.value} if c.value_key else {})})


def group_characteristic(c: Characteristic) -> dict[str, Any]:
    """R5 Group.characteristic: every one has a value; a condition or broad group is simply true."""
    value = {c.value_key: c.value} if c.value_key else {"valueBoolean": True}
    return {"code": c.code, **value, "exclude": False}
