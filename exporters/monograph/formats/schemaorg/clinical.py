"""Dosing, supply and programs as schema.org nodes: DoseSchedule, MaximumDoseSchedule, DrugLegalStatus.

schema.org's dose schedules take one number (``doseValue``), a unit and a
frequency in words; the words here are written from the data, in the
machine-plain form the values have (``3 times per day``), and the author's
own text stays the schedule's ``name``.
"""

from __future__ import annotations

from typing import Any

from ...model import (
    DoseStep,
    DosingInstruction,
    Duration,
    Limit,
    Population,
    Program,
    SupplyStatus,
    number_text,
    unit_label,
)
from ...wording import Language

Node = dict[str, Any]

PRESCRIPTION_STATUS = {
    "prescription-only": "https://schema.org/PrescriptionOnly",
    "over-the-counter": "https://schema.org/OTC",
}
"""The supply statuses that are members of schema.org's DrugPrescriptionStatus; the others have no member."""

TIME_UNITS = {"s": "second", "min": "minute", "h": "hour", "d": "day", "wk": "week", "mo": "month", "a": "year"}
AGE_UNITS = {"a": "years", "mo": "months", "wk": "weeks", "d": "days"}


def compact(node: Node) -> Node:
    """Drop properties with nothing to say, keeping the order they were written in."""
    return {key: value for key, value in node.items() if value is not None and value != [] and value != ""}


def number(value: float | int) -> float | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def duration_text(duration: Duration, bare_one: bool = False) -> str:
    """'3 days', '6 to 8 hours'; with ``bare_one``, a length of one is the unit alone ('per day')."""
    unit = TIME_UNITS[duration.unit]
    if duration.value is not None:
        if duration.value == 1:
            return unit if bare_one else f"1 {unit}"
        return f"{number_text(duration.value)} {unit}s"
    return f"{number_text(duration.low)} to {number_text(duration.high)} {unit}s"


def population_text(population: Population | None) -> str | None:
    """Who a statement is about, in plain words built from the data."""
    if population is None:
        return None
    parts = [population.name, population.group]
    if population.age is not None:
        parts.append(_range_text("age", population.age.min, population.age.max, AGE_UNITS[population.age.unit]))
    if population.weight is not None:
        parts.append(_range_text("weight", population.weight.min, population.weight.max,
                                 "lb" if population.weight.unit == "[lb_av]" else population.weight.unit))
    parts += [population.sex, population.pregnancy]
    parts += [c.name for c in population.conditions]
    return "; ".join(p for p in parts if p) or None


def _range_text(what: str, low: float | int | None, high: float | int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f"{what} {number_text(low)} to {number_text(high)} {unit}"
    if low is not None:
        return f"{what} {number_text(low)} {unit} and over"
    return f"{what} up to {number_text(high)} {unit}"


# ---------------------------------------------------------------- dosing


def _frequency(step: DoseStep) -> str | None:
    parts = []
    if step.as_needed:
        parts.append("as needed")
    if step.times is not None:
        exact = step.times.exact
        if exact is None:
            times = f"{step.times.low} to {step.times.high} times"
        else:
            times = "once" if exact == 1 else f"{exact} times"
        parts.append(f"{times} per {duration_text(step.period, bare_one=True)}" if step.period else times)
    if step.every is not None:
        parts.append(f"every {duration_text(step.every)}")
    if step.divided_into is not None:
        parts.append(f"divided into {step.divided_into} doses")
    if step.duration is not None:
        parts.append(f"for {duration_text(step.duration)}")
    if step.after is not None:
        parts.append(f"starting {duration_text(step.after)} after the step before")
    return ", ".join(parts) or None


def _instruction_notes(instruction: DosingInstruction, lang: Language) -> list[str]:
    """What the instruction says beyond its doses, in the words (and language) the page says it."""
    notes = []
    if instruction.indication is not None:
        notes.append(instruction.indication.label)
    if instruction.infusion_duration is not None:
        notes.append(lang.infusion(instruction.infusion_duration))
    if instruction.premedication:
        notes.append(lang.premedication([c.label for c in instruction.premedication]))
    if instruction.observation is not None:
        notes.append(lang.observation(instruction.observation))
    if instruction.administered_by is not None:
        notes.append(lang.given_by(instruction.administered_by))
    return notes


def _one_or_many(values: list[str]) -> str | list[str] | None:
    """Each note is a value of its own, as the page shows each on its own line."""
    return values[0] if len(values) == 1 else values or None


def dose_schedules(instruction: DosingInstruction, lang: Language) -> list[Node]:
    """One RecommendedDoseSchedule per step (one without a dose when the instruction has no steps)."""
    notes = _instruction_notes(instruction, lang)
    common = {"name": instruction.text.plain, "targetPopulation": population_text(instruction.population)}
    if not instruction.steps:
        return [compact({"@type": "RecommendedDoseSchedule", **common, "description": _one_or_many(notes)})]
    schedules = []
    for step in instruction.steps:
        dose = step.dose
        schedules.append(compact({
            "@type": "RecommendedDoseSchedule",
            **common,
            "description": _one_or_many(([step.text] if step.text else []) + notes),
            # doseValue takes one number: a range has none, and its text (name, description) says it.
            "doseValue": number(dose.amount) if dose.amount is not None else None,
            "doseUnit": unit_label(dose.unit),
            "frequency": _frequency(step),
        }))
    return schedules


def maximum_schedule(instruction: DosingInstruction, limit: Limit, lang: Language) -> Node:
    # DoseSchedule has no property for an ingredient: a limit of one of several says which in its description.
    of = lang.text("{amount} of {ingredient}", amount=f"{lang.number(limit.amount)} {unit_label(limit.unit)}",
                   ingredient=limit.ingredient) if limit.ingredient is not None else None
    return compact({
        "@type": "MaximumDoseSchedule",
        "name": limit.text or instruction.text.plain,
        "description": of,
        "doseValue": number(limit.amount),
        "doseUnit": unit_label(limit.unit),
        "frequency": f"per {duration_text(limit.per, bare_one=True)}" if limit.per else "per dose",
        "targetPopulation": population_text(instruction.population),
    })


# ---------------------------------------------------------------- supply and programs


def legal_status(supply: SupplyStatus, lang: Language) -> Node:
    """The status named as the page names it, in the monograph's language; a schedule is a code of its place's."""
    place = None
    if supply.jurisdiction is not None:
        # EU is a union of countries, not a country: the wider type claims no more than is known.
        kind = "AdministrativeArea" if supply.jurisdiction == "EU" else "Country"
        place = {"@type": kind, "identifier": supply.jurisdiction}
    schedule = {"@type": "MedicalCode", "codeValue": supply.schedule, "codingSystem": "controlled substance schedule"}
    return compact({"@type": "DrugLegalStatus", "name": lang.supply_status(supply.status),
                    "code": schedule if supply.schedule else None, "description": supply.note,
                    "applicableLocation": place})


def program_status(program: Program) -> Node:
    """A risk program is a condition the drug is supplied under: a legal status in schema.org's terms."""
    return compact({
        "@type": "DrugLegalStatus",
        "name": program.name,
        "description": program.text.plain if program.text else None,
        "url": program.url,
    })


def prescription_status(statuses: list[SupplyStatus]) -> Any:
    """The DrugPrescriptionStatus member when it is the same in every jurisdiction whose statuses bear on a node,
    else None.

    A status with no member (controlled, pharmacy-only, hospital-only) does not contradict a member stated beside
    it in the same jurisdiction: a Schedule III tablet is both controlled and prescription-only. A jurisdiction
    whose statuses hold no member at all leaves the node's status unknown there, so none is stated. A status that
    names no jurisdiction holds in each of them.
    """
    everywhere = {PRESCRIPTION_STATUS.get(s.status) for s in statuses if s.jurisdiction is None}
    places: dict[str, set[str | None]] = {}
    for status in statuses:
        if status.jurisdiction is not None:
            places.setdefault(status.jurisdiction, set(everywhere)).add(PRESCRIPTION_STATUS.get(status.status))
    members: set[str] = set()
    for found in places.values() if places else [everywhere]:
        named = {member for member in found if member is not None}
        if not named:
            return None
        members |= named
    if len(members) != 1:
        return None
    return {"@id": members.pop()}
