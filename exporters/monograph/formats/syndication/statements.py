"""The schema 2.0 parts of the syndication XML: scope, population, supply, programs, dosing, monitoring and
the plain instructions (missed dose, storage, overdose).

Every clinical statement may carry ``appliesTo`` (``formRef/@ref`` then ``brandRef/@name``: the XSD checks
both against the document) and ``population``; without ``appliesTo`` it holds for the whole drug.
"""

from __future__ import annotations

from ...model import (
    AgeRange,
    DoseStep,
    DosingInstruction,
    Duration,
    Instruction,
    Limit,
    MonitoringTest,
    Population,
    Program,
    Quantity,
    Rate,
    Scope,
    SupplyStatus,
    Times,
    WeightRange,
)
from .elements import Element, boolean, child, cites, concept, concepts, decimal, leaf, optional, optional_prose, prose


def _numbers(*pairs: tuple[str, float | int | None]) -> list[tuple[str, str]]:
    return [(name, decimal(value)) for name, value in pairs if value is not None]


def scope(parent: Element, of: Scope) -> None:
    """``appliesTo`` for a scoped statement; nothing for a whole-drug one."""
    if of.whole_drug:
        return
    element = child(parent, "appliesTo")
    for form in of.forms:
        leaf(element, "formRef", attributes=(("ref", form.id),))
    for brand in of.brands:
        leaf(element, "brandRef", attributes=(("name", brand.name),))


def _range(parent: Element, name: str, value: AgeRange | WeightRange | None) -> None:
    if value is not None:
        leaf(parent, name, attributes=[("unit", value.unit), *_numbers(("min", value.min), ("max", value.max))])


def population(parent: Element, who: Population | None) -> None:
    if who is None:
        return
    attributes = [(n, v) for n, v in (("group", who.group), ("sex", who.sex), ("pregnancy", who.pregnancy)) if v]
    element = child(parent, "population", attributes=attributes)
    optional(element, "name", who.name)
    _range(element, "age", who.age)
    _range(element, "weight", who.weight)
    concepts(element, "conditions", "concept", who.conditions)


def scope_and_population(parent: Element, of: Scope, who: Population | None) -> None:
    scope(parent, of)
    population(parent, who)


def rate(parent: Element, of: Rate | None) -> None:
    if of is None:
        return
    attributes = _numbers(("percent", of.percent), ("comparatorPercent", of.comparator_percent))
    if of.comparator is not None:
        attributes.append(("comparator", of.comparator))
    leaf(parent, "rate", attributes=attributes)


# ---------------------------------------------------------------- supply and programs


def supply(parent: Element, statuses: tuple[SupplyStatus, ...]) -> None:
    if not statuses:
        return
    container = child(parent, "supply")
    for status in statuses:
        attributes = [("status", status.status)]
        attributes += [(n, v) for n, v in (("jurisdiction", status.jurisdiction), ("schedule", status.schedule)) if v]
        element = child(container, "status", attributes=attributes)
        optional(element, "note", status.note)
        scope(element, status.scope)
        cites(element, status.cites)


def programs(parent: Element, items: tuple[Program, ...]) -> None:
    if not items:
        return
    container = child(parent, "programs")
    for program in items:
        element = child(container, "program", attributes=(("kind", program.kind),))
        leaf(element, "name", program.name)
        optional_prose(element, "text", program.text)
        optional(element, "url", program.url)
        scope(element, program.scope)
        cites(element, program.cites)


# ---------------------------------------------------------------- amounts and times


def quantity(parent: Element, name: str, of: Quantity) -> None:
    leaf(parent, name, attributes=[("unit", of.unit), *_numbers(("amount", of.amount), ("low", of.low), ("high", of.high))])


def duration(parent: Element, name: str, of: Duration | None) -> None:
    if of is not None:
        leaf(parent, name, attributes=[("unit", of.unit), *_numbers(("value", of.value), ("low", of.low), ("high", of.high))])


def limit(parent: Element, name: str, of: Limit | None) -> None:
    if of is None:
        return
    named = (("ingredient", of.ingredient),) if of.ingredient is not None else ()
    element = child(parent, name, attributes=[*_numbers(("amount", of.amount)), ("unit", of.unit), *named])
    duration(element, "per", of.per)
    optional(element, "text", of.text)


# ---------------------------------------------------------------- dosing, monitoring, instructions


def _times(times: Times | None) -> list[tuple[str, str]]:
    """An exact count as ``times``, a range as ``timesLow`` and ``timesHigh``, as a quantity has amount or low and high."""
    if times is None:
        return []
    if times.exact is not None:
        return [("times", str(times.exact))]
    return [("timesLow", str(times.low)), ("timesHigh", str(times.high))]


def _step(parent: Element, step: DoseStep) -> None:
    attributes = _times(step.times)
    if step.divided_into is not None:
        attributes.append(("dividedInto", str(step.divided_into)))
    if step.as_needed:
        attributes.append(("asNeeded", "true"))
    element = child(parent, "step", attributes=attributes)
    quantity(element, "dose", step.dose)
    duration(element, "period", step.period)
    duration(element, "every", step.every)
    duration(element, "duration", step.duration)
    duration(element, "after", step.after)
    optional(element, "text", step.text)


def dosing(parent: Element, instruction: DosingInstruction) -> None:
    given = (("administeredBy", instruction.administered_by),) if instruction.administered_by else ()
    element = child(parent, "dosing", attributes=given)
    prose(element, "text", instruction.text)
    optional(element, "indication", instruction.indication.name if instruction.indication else None)
    scope_and_population(element, instruction.scope, instruction.population)
    for step in instruction.steps:
        _step(element, step)
    for each in instruction.maximum:
        limit(element, "maximum", each)
    duration(element, "infusionDuration", instruction.infusion_duration)
    concepts(element, "premedication", "concept", instruction.premedication)
    duration(element, "observation", instruction.observation)
    cites(element, instruction.cites)


def monitoring(parent: Element, test: MonitoringTest) -> None:
    element = child(parent, "monitoringTest", attributes=(("when", " ".join(test.when)),) if test.when else ())
    concept(element, "test", test.test)
    prose(element, "text", test.text)
    scope_and_population(element, test.scope, test.population)
    cites(element, test.cites)


def instruction(parent: Element, item: Instruction) -> None:
    element = child(parent, "instruction", attributes=(("disposal", boolean(True)),) if item.disposal else ())
    prose(element, "text", item.text)
    scope_and_population(element, item.scope, item.population)
    if item.temperature is not None:
        leaf(element, "temperature", attributes=_numbers(("min", item.temperature.min), ("max", item.temperature.max)))
    concepts(element, "symptoms", "symptom", item.symptoms)
    cites(element, item.cites)
