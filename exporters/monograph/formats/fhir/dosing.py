"""Dosing instructions as FHIR Dosage: one Dosage per step of the schedule, the same in R5 and R4 but for
``asNeeded`` (R4: asNeededBoolean) and ``maxDosePerPeriod`` (R5 repeats it, R4 has one).

A daily dose "divided into" n doses is written as n doses of a share each, n times in the period,
which is what Dosage means; the step's own words stay in ``text``.
"""

from __future__ import annotations

from typing import Any

from ...model import DoseStep, DosingInstruction, Duration, Limit, Times, mentioned, number_text, unit_label
from .datatypes import amount_key_value, coded, compact, concept_codeable, duration, duration_range, extension, quantity
from .extensions import displays
from .population import Group, patient_characteristic
from .vocabulary import ADMINISTERED_BY, DOSAGE_KIND

ADMINISTERED_BY_NAMES = displays("administered-by")
DOSAGE_TYPE = coded(DOSAGE_KIND, "as-labelled", "Dosing as the label gives it")


def administered_by(who: str | None) -> dict[str, Any] | None:
    if who is None:
        return None
    return extension("administered-by", "valueCodeableConcept",
                     coded(ADMINISTERED_BY, who, ADMINISTERED_BY_NAMES[who]) | {"text": ADMINISTERED_BY_NAMES[who]})


def _span(d: Duration) -> tuple[float | int | None, float | int | None]:
    return (d.value, None) if d.value is not None else (d.low, d.high)


def _timing(step: DoseStep | None, item: DosingInstruction) -> dict[str, Any] | None:
    repeat: dict[str, Any] = {}
    if step is not None:
        _schedule(step, repeat)
    if item.infusion_duration is not None:
        low, high = _span(item.infusion_duration)
        repeat.update(duration=low, durationMax=high, durationUnit=item.infusion_duration.unit)
    return compact({"repeat": repeat}) or None


def _schedule(step: DoseStep, repeat: dict[str, Any]) -> None:
    period = step.every or step.period
    times = Times(1, 1) if step.every is not None else step.times
    if times is not None:
        parts = step.divided_into or 1
        repeat["frequency"] = times.low * parts
        if times.exact is None:
            repeat["frequencyMax"] = times.high * parts
    elif step.divided_into:
        repeat["frequency"] = step.divided_into
        period = Duration("d", 1)
    if period is not None:
        low, high = _span(period)
        repeat.update(period=low, periodMax=high, periodUnit=period.unit)
    if step.duration is not None:
        if step.duration.value is not None:
            repeat["boundsDuration"] = duration(step.duration.value, step.duration.unit)
        else:
            repeat["boundsRange"] = duration_range(step.duration)


def limit_text(limit: Limit) -> str:
    """The limit in words; a limit of one ingredient names it, as no structured element can."""
    if limit.text:
        if limit.ingredient is None or mentioned(limit.text, limit.ingredient):
            return limit.text
        return f"{limit.text} ({limit.ingredient})"
    per = f" in {number_text(limit.per.value if limit.per.value is not None else limit.per.high)} {limit.per.unit}" \
        if limit.per else " in one dose"
    of = f" of {limit.ingredient}" if limit.ingredient else ""
    return f"At most {number_text(limit.amount)} {unit_label(limit.unit)}{of}{per}"


def _limits(item: DosingInstruction, release: str) -> dict[str, Any]:
    per_period = []
    # maxDosePerPeriod and maxDosePerAdministration limit the medication as a whole: 4,000 mg of one ingredient
    # there would read as 4,000 mg of the combination. Such a limit is said in additionalInstruction alone.
    whole = [limit for limit in item.maximum if limit.ingredient is None]
    for limit in whole:
        if limit.per is None:
            continue
        value = limit.per.value if limit.per.value is not None else limit.per.high
        if value is not None:
            per_period.append({"numerator": quantity(limit.amount, limit.unit), "denominator": duration(value, limit.per.unit)})
    single = next((quantity(limit.amount, limit.unit) for limit in whole if limit.per is None), None)
    return {
        "additionalInstruction": [{"text": limit_text(limit)} for limit in item.maximum],
        "maxDosePerPeriod": per_period if release == "r5" else (per_period[0] if per_period else None),
        "maxDosePerAdministration": single,
    }


def dosages(item: DosingInstruction, release: str) -> list[dict[str, Any]]:
    """The Dosage elements of one instruction: one per step, or one with the text alone when it has no steps."""
    text = item.text.plain
    limits = _limits(item, release)
    if not item.steps:
        return [compact({"text": text, **limits, "timing": _timing(None, item)})]
    out = []
    for number, step in enumerate(item.steps, start=1):
        dose = {"dose" + key: value for key, value in amount_key_value(step.dose, step.divided_into or 1).items()}
        out.append(compact({
            "extension": [extension("after-previous-step", "valueRange", duration_range(step.after))] if step.after else [],
            "sequence": number if len(item.steps) > 1 else None,
            "text": step.text or text,
            **limits,
            "timing": _timing(step, item),
            ("asNeeded" if release == "r5" else "asNeededBoolean"): True if step.as_needed else None,
            "doseAndRate": [dose],
        }))
    return out


def dosage_group(item: DosingInstruction, release: str, cited: list[dict[str, Any]]) -> dict[str, Any]:
    """The dosage backbone (R5 dosingGuideline.dosage, R4 administrationGuidelines.dosage): type, Dosages, and
    the instruction-level facts as extensions."""
    return {
        "extension": [
            *cited,
            extension("observation-period", "valueRange", duration_range(item.observation)) if item.observation else None,
            *(extension("premedication", "valueCodeableConcept", concept_codeable(c)) for c in item.premedication),
            administered_by(item.administered_by),
        ],
        "type": DOSAGE_TYPE,
        "dosage": dosages(item, release),
    }


def r5_characteristics(group: Group | None) -> list[dict[str, Any]]:
    return [patient_characteristic(c) for c in group.characteristics] if group else []


def r4_characteristics(group: Group | None) -> list[dict[str, Any]]:
    """R4 patientCharacteristics: a coded characteristic with its value in words."""
    if group is None:
        return []
    return [{"characteristicCodeableConcept": c.code, "value": [c.text] if c.text else None} for c in group.characteristics]
