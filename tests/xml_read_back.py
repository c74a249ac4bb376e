"""Rebuild the model from the syndication XML alone: whatever the exporter dropped shows up as a difference.

Written against the XSD, not against the exporter's code: every element and attribute is read by its name in
the contract, and references (formRef, brandRef, cite, a strength's ingredient, a dose's indication) are
resolved the way a partner would resolve them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lxml import etree
from monograph.formats.syndication.tree import NAMESPACE
from monograph.model import (
    Advice,
    AgeRange,
    BoxedWarning,
    Brand,
    Citation,
    Codes,
    Concept,
    DoseForm,
    DoseStep,
    DosingInstruction,
    Drug,
    Duration,
    Emphasis,
    Indication,
    Ingredient,
    IngredientAmount,
    Instruction,
    Interactant,
    Limit,
    Link,
    Mechanism,
    MonitoringTest,
    Monograph,
    PartialDate,
    Population,
    Precaution,
    Program,
    Prose,
    Publisher,
    Quantity,
    Rate,
    Review,
    Scope,
    Section,
    SideEffect,
    Strength,
    Strong,
    SupplyStatus,
    TemperatureRange,
    Text,
    Times,
    WeightRange,
)

NS = {"m": NAMESPACE}
El = etree._Element


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def text(element: El, path: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else (found.text or "")


def _inlines(element: El) -> tuple[Any, ...]:
    nodes: list[Any] = []
    if element.text:
        nodes.append(Text(element.text))
    for child in element:
        children = _inlines(child)
        if child.tag == _q("em"):
            nodes.append(Emphasis(children))
        elif child.tag == _q("strong"):
            nodes.append(Strong(children))
        elif child.tag == _q("a"):
            nodes.append(Link(child.get("href"), children))
        else:
            raise AssertionError(f"unexpected inline element {child.tag}")
        if child.tail:
            nodes.append(Text(child.tail))
    return tuple(nodes)


def prose(container: El | None) -> Prose | None:
    if container is None:
        return None
    return Prose("", tuple(_inlines(p) for p in container.findall("m:p", NS)))


def codes(element: El) -> Codes:
    found = element.findall("m:codes/m:code", NS)
    return Codes(tuple((c.get("system"), c.text) for c in found if c.get("former") != "true"),
                 tuple((c.get("system"), c.text) for c in found if c.get("former") == "true"))


def concept(element: El) -> Concept:
    return Concept(text(element, "m:name"), text(element, "m:explanation"), codes(element))


def concepts(element: El, path: str) -> tuple[Concept, ...]:
    return tuple(concept(e) for e in element.findall(path, NS))


def number(value: str | None) -> float | int | None:
    if value is None:
        return None
    parsed = Decimal(value)
    return int(parsed) if parsed == parsed.to_integral_value() else float(parsed)


def date(value: str | None) -> PartialDate | None:
    return None if value is None else PartialDate.parse(value)


def _flag(element: El, name: str) -> bool:
    return element.get(name) == "true"


def _integer(element: El, name: str) -> int | None:
    value = element.get(name)
    return None if value is None else int(value)


def times(step: El) -> Times | None:
    exact, low, high = _integer(step, "times"), _integer(step, "timesLow"), _integer(step, "timesHigh")
    if exact is not None:
        return Times(exact, exact)
    return Times(low, high) if low is not None and high is not None else None


def duration(element: El | None) -> Duration | None:
    if element is None:
        return None
    return Duration(element.get("unit"), number(element.get("value")), number(element.get("low")),
                    number(element.get("high")))


def limit(element: El | None) -> Limit | None:
    if element is None:
        return None
    return Limit(number(element.get("amount")), element.get("unit"), duration(element.find("m:per", NS)),
                 text(element, "m:text"), element.get("ingredient"))


def population(element: El) -> Population | None:
    found = element.find("m:population", NS)
    if found is None:
        return None
    age, weight = found.find("m:age", NS), found.find("m:weight", NS)
    return Population(
        text(found, "m:name"), found.get("group"),
        None if age is None else AgeRange(age.get("unit"), number(age.get("min")), number(age.get("max"))),
        None if weight is None else WeightRange(weight.get("unit"), number(weight.get("min")), number(weight.get("max"))),
        found.get("sex"), found.get("pregnancy"), concepts(found, "m:conditions/m:concept"))


class Reader:
    """One document's references (citations, forms, brands, ingredients, indications), then its parts."""

    def __init__(self, root: El):
        self.root = root
        self.drug = root.find("m:drug", NS)
        self.citations = tuple(
            Citation(c.get("id"), c.get("kind"), text(c, "m:title"), text(c, "m:url"), text(c, "m:publisher"),
                     date(text(c, "m:date")))
            for c in root.findall("m:citations/m:citation", NS))
        self.by_id = {c.id: c for c in self.citations}
        self.ingredient_concepts = {
            i.findtext("m:name", namespaces=NS): concept(i) for i in self.drug.findall("m:ingredients/m:ingredient", NS)}
        self.forms_by_id = {f.get("id"): self.form(f) for f in self.drug.findall("m:forms/m:form", NS)}
        self.brands_by_name = {
            text(b, "m:name"): Brand(text(b, "m:name"), self.form_refs(b, "m:formRef"))
            for b in self.drug.findall("m:brands/m:brand", NS)}
        self.sections = {s.get("type"): s for s in root.findall("m:section", NS)}
        self.indications = self.section("indications", lambda s: tuple(self.indication(i) for i in s.findall("m:indication", NS)))

    def cites(self, element: El) -> tuple[Citation, ...]:
        return tuple(self.by_id[c.get("ref")] for c in element.findall("m:cite", NS))

    def form_refs(self, element: El, path: str) -> tuple[DoseForm, ...]:
        return tuple(self.forms_by_id[r.get("ref")] for r in element.findall(path, NS))

    def scope(self, element: El) -> Scope:
        return Scope(self.form_refs(element, "m:appliesTo/m:formRef"),
                     tuple(self.brands_by_name[r.get("name")] for r in element.findall("m:appliesTo/m:brandRef", NS)))

    def strength(self, element: El) -> Strength:
        contents = tuple(
            IngredientAmount(number(a.get("amount")), a.get("unit"),
                             self.ingredient_concepts[a.get("ingredient")] if a.get("ingredient") else None)
            for a in element.findall("m:content", NS))
        return Strength(contents, number(element.get("perAmount")), element.get("perUnit"))

    def form(self, element: El) -> DoseForm:
        return DoseForm(
            element.get("id"), text(element, "m:name"), concepts(element, "m:route"), codes(element),
            text(element, "m:delivery"), tuple(self.strength(s) for s in element.findall("m:strengths/m:strength", NS)),
            element.get("administeredBy"))

    def section(self, kind: str, items: Callable[[El], tuple[Any, ...]]) -> Section[Any] | None:
        element = self.sections.get(kind)
        if element is None:
            return None
        return Section(text(element, "m:heading"), items(element), prose(element.find("m:intro", NS)),
                       prose(element.find("m:outro", NS)), self.cites(element))

    # ------------------------------------------------------------ statements

    def indication(self, i: El) -> Indication:
        return Indication(text(i, "m:name"), text(i, "m:explanation"), codes(i), concepts(i, "m:symptoms/m:symptom"),
                          self.cites(i), self.scope(i), population(i))

    def side_effect(self, e: El) -> SideEffect:
        found = e.find("m:rate", NS)
        rate = None if found is None else Rate(number(found.get("percent")), number(found.get("comparatorPercent")),
                                                found.get("comparator"))
        return SideEffect(text(e, "m:name"), e.get("frequency"), text(e, "m:explanation"), text(e, "m:note"),
                          _flag(e, "serious"), codes(e), self.cites(e), self.scope(e), population(e), rate)

    def precaution(self, p: El) -> Precaution:
        return Precaution(
            p.get("kind"), text(p, "m:text"), concepts(p, "m:concept"),
            tuple(Interactant(text(i, "m:name"), i.get("kind"), codes(i)) for i in p.findall("m:interactants/m:interactant", NS)),
            text(p, "m:effect"), self.cites(p), _flag(p, "contraindicated"), concepts(p, "m:effects/m:concept"),
            concepts(p, "m:riskFactors/m:concept"), concepts(p, "m:warningSigns/m:concept"),
            limit(p.find("m:aboveDose", NS)), self.scope(p), population(p))

    def advice(self, a: El) -> Advice:
        return Advice(a.get("topic"), prose(a), self.cites(a), self.scope(a), population(a))

    def step(self, s: El) -> DoseStep:
        dose = s.find("m:dose", NS)
        return DoseStep(
            Quantity(dose.get("unit"), number(dose.get("amount")), number(dose.get("low")), number(dose.get("high"))),
            times(s), duration(s.find("m:period", NS)), duration(s.find("m:every", NS)), _flag(s, "asNeeded"),
            duration(s.find("m:duration", NS)), duration(s.find("m:after", NS)), _integer(s, "dividedInto"),
            text(s, "m:text"))

    def dosing(self, d: El) -> DosingInstruction:
        named = text(d, "m:indication")
        indication = next(i for i in self.indications.items if i.name == named) if named else None
        return DosingInstruction(
            prose(d.find("m:text", NS)), indication, self.scope(d), population(d),
            tuple(self.step(s) for s in d.findall("m:step", NS)),
            tuple(limit(m) for m in d.findall("m:maximum", NS)), duration(d.find("m:infusionDuration", NS)),
            concepts(d, "m:premedication/m:concept"), duration(d.find("m:observation", NS)), d.get("administeredBy"),
            self.cites(d))

    def monitoring(self, t: El) -> MonitoringTest:
        return MonitoringTest(concept(t.find("m:test", NS)), prose(t.find("m:text", NS)),
                              tuple((t.get("when") or "").split()), self.scope(t), population(t), self.cites(t))

    def instruction(self, i: El) -> Instruction:
        found = i.find("m:temperature", NS)
        temperature = None if found is None else TemperatureRange(number(found.get("min")), number(found.get("max")))
        return Instruction(prose(i.find("m:text", NS)), self.scope(i), population(i), self.cites(i), temperature,
                           _flag(i, "disposal"), concepts(i, "m:symptoms/m:symptom"))

    def items(self, kind: str, name: str, read: Callable[[El], Any]) -> Section[Any] | None:
        return self.section(kind, lambda s: tuple(read(e) for e in s.findall(f"m:{name}", NS)))

    # ------------------------------------------------------------ the drug and the document

    def drug_model(self) -> Drug:
        d = self.drug
        supply = tuple(
            SupplyStatus(s.get("status"), s.get("jurisdiction"), s.get("schedule"), self.scope(s), text(s, "m:note"),
                         self.cites(s))
            for s in d.findall("m:supply/m:status", NS))
        programs = tuple(
            Program(text(p, "m:name"), p.get("kind"), prose(p.find("m:text", NS)), text(p, "m:url"), self.scope(p),
                    self.cites(p))
            for p in d.findall("m:programs/m:program", NS))
        return Drug(text(d, "m:genericName"), codes(d), concepts(d, "m:classes/m:class"), supply, programs)

    def ingredients(self) -> Section[Any] | None:
        return self.section("ingredients", lambda _: tuple(
            Ingredient(c.name, c.explanation, c.codes, e.get("role"), self.scope(e), self.cites(e))
            for e, c in ((e, concept(e)) for e in self.drug.findall("m:ingredients/m:ingredient", NS))))

    def mechanism(self) -> Mechanism | None:
        found = self.sections.get("mechanism")
        if found is None:
            return None
        text_element = found.find("m:mechanism", NS)
        known = {"true": True, "false": False}.get(text_element.get("fullyUnderstood") or "")
        return Mechanism(text(found, "m:heading"), prose(text_element), known, self.cites(found))

    def boxed_warnings(self) -> tuple[BoxedWarning, ...]:
        found = self.sections.get("boxed-warning")
        if found is None:
            return ()
        boxes = found.findall("m:boxedWarning", NS)
        # One warning takes its heading, intro and cites from the section; each of several carries its own.
        return tuple(BoxedWarning(
            text(own, "m:heading"), prose(box.find("m:text", NS)), prose(own.find("m:intro", NS)),
            concepts(box, "m:risks/m:risk"), prose(box.find("m:advice", NS)), self.scope(box), self.cites(own),
            population(box)) for box in boxes for own in [box if len(boxes) > 1 else found])

    def monograph(self) -> Monograph:
        root = self.root
        metadata = root.find("m:metadata", NS)
        publisher = metadata.find("m:publisher", NS)
        reviewer = metadata.find("m:review/m:reviewer", NS)
        return Monograph(
            key=root.get("id"), id=root.get("id"), language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
            title=text(metadata, "m:title"), url=text(metadata, "m:url"), summary=prose(metadata.find("m:summary", NS)),
            review=None if reviewer is None else Review(reviewer.text, reviewer.get("type"),
                                                        date(text(metadata, "m:review/m:lastReviewed"))),
            drug=self.drug_model(), ingredients=self.ingredients(), indications=self.indications,
            citations=self.citations,
            publisher=None if publisher is None else Publisher(text(publisher, "m:name"), text(publisher, "m:url")),
            modified=date(text(metadata, "m:modified")),
            brands=self.section("brands", lambda _: tuple(self.brands_by_name.values())),
            forms=self.section("forms", lambda _: tuple(self.forms_by_id.values())),
            mechanism=self.mechanism(),
            dosing=self.items("dosing", "dosing", self.dosing),
            monitoring=self.items("monitoring", "monitoringTest", self.monitoring),
            missed_dose=self.items("missed-dose", "instruction", self.instruction),
            side_effects=self.items("side-effects", "sideEffect", self.side_effect),
            boxed_warnings=self.boxed_warnings(),
            precautions=self.items("precautions", "precaution", self.precaution),
            advice=self.items("advice", "advice", self.advice),
            storage=self.items("storage", "instruction", self.instruction),
            overdose=self.items("overdose", "instruction", self.instruction),
        )


def read_back(root: El) -> Monograph:
    return Reader(root).monograph()
