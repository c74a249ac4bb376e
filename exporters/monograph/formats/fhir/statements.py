"""The monograph's clinical statements as Issues (ClinicalUseDefinitions in R5, clinical-use-issue extensions in R4).

Each keeps the statement's scope, so that only the clinical drugs it is about reference it, and its
population, as a Group. Every fact that ClinicalUseDefinition has no element for is a facet: an extension
on the issue's element in R5, a part of the same name in R4.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from ...model import (
    BoxedWarning,
    Citation,
    Instruction,
    Limit,
    Monograph,
    Population,
    Precaution,
    Prose,
    Scope,
    Section,
)
from .datatypes import codeable, coded, concept_codeable, duration, quantity
from .extensions import displays, project_coded
from .ids import IdMaker
from .markdown import markdown, markdown_blocks, markdown_list, markdown_text
from .narrative import (
    Block,
    advice_blocks,
    boxed_warning_blocks,
    forms_line,
    scoped_blocks,
    section_item_blocks,
    side_effect_blocks,
)
from .population import Group, concept_group, population_group
from .shapes import Issue
from .vocabulary import (
    BOXED_WARNING_SECTION,
    CATEGORY_SYSTEM,
    CLINICAL_TOPIC,
    FREQUENCIES,
    FREQUENCY_SYSTEM,
    INTERACTION_TYPE_SYSTEM,
    MONITORING_TIMING,
    SERIOUSNESS,
    SIDE_EFFECT_FREQUENCY,
)

FREQUENCY_NAMES = displays("side-effect-frequency")
TIMING_NAMES = displays("monitoring-timing")
TOPIC_NAMES = displays("clinical-topic")


def unique(items: Iterable[Citation]) -> tuple[Citation, ...]:
    seen: dict[str, Citation] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


def every_scope(m: Monograph) -> Iterator[Scope]:
    """The scope of every statement in the monograph."""
    sections: list[Section[Any] | None] = [
        m.ingredients, m.indications, m.dosing, m.monitoring, m.missed_dose, m.side_effects, m.precautions, m.advice,
        m.storage, m.overdose,
    ]
    for section in sections:
        if section is not None:
            yield from (item.scope for item in section.items)
    yield from (b.scope for b in m.boxed_warnings)
    yield from (s.scope for s in m.drug.supply)
    yield from (p.scope for p in m.drug.programs)


def _groups(ids: IdMaker, population: Population | None, *key: object) -> tuple[Group, ...]:
    return (population_group(ids("Group", *key), population),) if population else ()


def _with_scope(blocks: partial[list[Block]], scope: Scope, groups: tuple[Group, ...]) -> partial[list[Block]]:
    return partial(scoped_blocks, blocks, scope, tuple(g.name for g in groups))


def frequency_codeable(frequency: str | None) -> dict[str, Any] | None:
    """The project's code for every frequency, after HL7's where it has one (R5; R4 keeps only the project's)."""
    if frequency is None:
        return None
    name = FREQUENCY_NAMES[frequency]
    codings = [{"system": FREQUENCY_SYSTEM, "code": FREQUENCIES[frequency], "display": FREQUENCIES[frequency]}] \
        if frequency in FREQUENCIES else []
    codings.append({"system": SIDE_EFFECT_FREQUENCY, "code": frequency, "display": name})
    return {"coding": codings, "text": name}


def side_effect_issues(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.side_effects is None:
        return
    section = m.side_effects
    for item in section.items:
        groups = _groups(ids, item.population, "side-effect", item.name)
        facets: list[tuple[str, str, Any]] = []
        if item.rate is not None:
            facets.append(("rate", "extension", [
                ("percent", "valueDecimal", item.rate.percent),
                ("comparatorPercent", "valueDecimal", item.rate.comparator_percent),
                ("comparator", "valueString", item.rate.comparator),
            ]))
        yield Issue(
            ids("ClinicalUseDefinition", "undesirable-effect", item.name), "undesirable-effect",
            unique((*section.cites, *item.cites)), _with_scope(partial(side_effect_blocks, item), item.scope, groups),
            scope=item.scope, symptom=codeable(item.label, item.codes),
            classification=coded(SERIOUSNESS, "serious", "Serious") if item.serious else None,
            frequency=frequency_codeable(item.frequency), groups=groups, facets=facets,
        )


def boxed_warning_issue(boxed: BoxedWarning, ids: IdMaker) -> Issue:
    issue_id = ids("ClinicalUseDefinition", "boxed-warning")
    groups = _groups(ids, boxed.population, "boxed-warning")
    return Issue(
        issue_id, "warning", unique(boxed.cites),
        _with_scope(partial(boxed_warning_blocks, boxed), Scope(brands=boxed.scope.brands), groups), scope=boxed.scope,
        category=[{"coding": [BOXED_WARNING_SECTION], "text": boxed.heading}],
        description=markdown_blocks(
            markdown(boxed.text), markdown_list(r.label for r in boxed.risks),
            markdown(boxed.advice) if boxed.advice else None,
            markdown_text(forms_line(boxed), True) if boxed.forms else None,
        ),
        groups=groups, facets=[("risk", "valueCodeableConcept", concept_codeable(r)) for r in boxed.risks],
    )


def threshold_facet(limit: Limit) -> tuple[str, str, Any]:
    per = limit.per
    per_value = None
    if per is not None:
        value = per.value if per.value is not None else per.high
        per_value = duration(value, per.unit) if value is not None else None
    return ("dose-threshold", "extension", [
        ("amount", "valueQuantity", quantity(limit.amount, limit.unit)), ("per", "valueDuration", per_value),
        ("text", "valueString", limit.text),
    ])


def precaution_facets(item: Precaution) -> list[tuple[str, str, Any]]:
    facets: list[tuple[str, str, Any]] = [
        ("additional-concept", "valueCodeableConcept", concept_codeable(c)) for c in item.concepts[1:]
        if item.kind != "interaction"
    ]
    facets += [("risk", "valueCodeableConcept", concept_codeable(c)) for c in item.effects]
    facets += [("risk-factor", "valueCodeableConcept", concept_codeable(c)) for c in item.risk_factors]
    facets += [("warning-sign", "valueCodeableConcept", concept_codeable(c)) for c in item.warning_signs]
    if item.above_dose is not None:
        facets.append(threshold_facet(item.above_dose))
    return facets


def _precaution_kind(kind: str) -> dict[str, Any]:
    coding = project_coded("precaution-kind", kind)
    if kind in ("pregnancy", "breastfeeding"):
        coding["coding"].insert(0, {"system": CATEGORY_SYSTEM, "code": "Pregnancy", "display": "Pregnancy and Lactation"})
    return coding


def precaution_issues(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.precautions is None:
        return
    section = m.precautions
    for number, item in enumerate(section.items, start=1):
        issue_id = ids("ClinicalUseDefinition", "precaution", number)
        sources = unique((*section.cites, *item.cites))
        groups = _groups(ids, item.population, "precaution", number)
        blocks = _with_scope(partial(section_item_blocks, section.intro, item.text), item.scope, groups)
        common: dict[str, Any] = {
            "scope": item.scope, "category": [_precaution_kind(item.kind)], "facets": precaution_facets(item),
            "description": _precaution_markdown(section.intro, item),
        }
        if item.kind == "interaction":
            yield Issue(
                issue_id, "interaction", sources, blocks, **common, groups=groups,
                interactants=[(codeable(i.name, i.codes), i.kind) for i in item.interactants],
                interaction_type=(
                    coded(INTERACTION_TYPE_SYSTEM, "drug-drug", "drug to drug interaction")
                    if item.interactants and all(i.kind != "substance" for i in item.interactants) else None
                ),
                effect={"text": item.effect} if item.effect else (concept_codeable(item.effects[0]) if item.effects else None),
                management=[{"text": "Contraindicated: do not use together"}] if item.contraindicated else [],
            )
            continue
        if item.kind == "population":
            groups = (concept_group(ids("Group", "population", number), item.concept, item.text), *groups)
        yield Issue(
            issue_id, "contraindication" if item.contraindicated else "warning", sources, blocks, **common, groups=groups,
            code=concept_codeable(item.concept) if item.concept else ({"text": item.text} if item.contraindicated else None),
        )


def _precaution_markdown(intro: Prose | None, item: Precaution) -> str | None:
    return markdown_blocks(markdown(intro) if intro else None, markdown_list([item.text]))


def advice_issues(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    if m.advice is None:
        return
    section = m.advice
    for number, item in enumerate(section.items, start=1):
        topic = project_coded("advice-topic", item.topic)
        if item.topic == "driving":
            topic["coding"].insert(0, {
                "system": CATEGORY_SYSTEM, "code": "DriveAndMachines", "display": "Effects on Ability to Drive and Use Machines",
            })
        groups = _groups(ids, item.population, "advice", number)
        yield Issue(
            ids("ClinicalUseDefinition", "advice", number), "warning", unique((*section.cites, *item.cites)),
            _with_scope(partial(advice_blocks, section.heading, item.text), item.scope, groups), scope=item.scope,
            category=[topic], description=markdown(item.text), groups=groups,
        )


def _topic(topic: str) -> dict[str, Any]:
    category = coded(CLINICAL_TOPIC, topic, TOPIC_NAMES[topic])
    if topic == "overdose":
        category["coding"].insert(0, {"system": CATEGORY_SYSTEM, "code": "Overdose", "display": "Overdose"})
    return category


def statement_issues(m: Monograph, ids: IdMaker) -> Iterator[Issue]:
    """Monitoring tests, missed-dose and overdose instructions: warnings with the project's clinical-topic category."""
    if m.monitoring is not None:
        section = m.monitoring
        for number, test in enumerate(section.items, start=1):
            groups = _groups(ids, test.population, "monitoring", number)
            yield Issue(
                ids("ClinicalUseDefinition", "monitoring", number), "warning", unique((*section.cites, *test.cites)),
                _with_scope(partial(advice_blocks, section.heading, test.text, [TIMING_NAMES[w] for w in test.when]),
                            test.scope, groups),
                scope=test.scope, category=[_topic("monitoring")], code=concept_codeable(test.test),
                description=markdown(test.text), groups=groups,
                facets=[("monitoring-timing", "valueCodeableConcept", coded(MONITORING_TIMING, w, TIMING_NAMES[w]))
                        for w in test.when],
            )
    instructions: tuple[tuple[str, Section[Instruction] | None], ...] = (("missed-dose", m.missed_dose),
                                                                         ("overdose", m.overdose))
    for topic, part in instructions:
        if part is None:
            continue
        for number, item in enumerate(part.items, start=1):
            groups = _groups(ids, item.population, topic, number)
            yield Issue(
                ids("ClinicalUseDefinition", topic, number), "warning", unique((*part.cites, *item.cites)),
                _with_scope(partial(advice_blocks, part.heading, item.text, [s.label for s in item.symptoms]),
                            item.scope, groups),
                scope=item.scope, category=[_topic(topic)], description=markdown(item.text), groups=groups,
                facets=[("warning-sign", "valueCodeableConcept", concept_codeable(s)) for s in item.symptoms],
            )
