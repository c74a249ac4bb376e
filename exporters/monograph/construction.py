"""Schema-valid, rule-checked data -> the model.

Construction trusts its input: validation has already checked every shape and
every reference, so a lookup here cannot fail. References inside a file (a
brand's dose forms, the forms and brands a statement applies to, a strength's
ingredient, a dose's indication, a statement's citations) become the objects
themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .dates import PartialDate
from .model import (
    CODE_SYSTEMS,
    Advice,
    AgeRange,
    BoxedWarning,
    Brand,
    Citation,
    Cites,
    Codes,
    Concept,
    DoseForm,
    DoseStep,
    DosingInstruction,
    Drug,
    Duration,
    Indication,
    Ingredient,
    IngredientAmount,
    Instruction,
    Interactant,
    Limit,
    Mechanism,
    MonitoringTest,
    Monograph,
    Population,
    Precaution,
    Program,
    Publisher,
    Quantity,
    Rate,
    Review,
    Scope,
    Section,
    SideEffect,
    Strength,
    SupplyStatus,
    TemperatureRange,
    Times,
    WeightRange,
)
from .richtext import Prose, parse_prose

DEFAULT_HEADINGS = {
    "ingredients": "What are the ingredients in {title}?",
    "indications": "What is {title} used for?",
    "mechanism": "How does {title} work?",
    "forms": "How is {title} taken?",
    "brands": "What are the brand names for {title}?",
    "dosing": "How should {title} be taken?",
    "monitoring": "What tests are needed with {title}?",
    "missed_dose": "What if a dose of {title} is missed?",
    "side_effects": "What are the potential side effects of {title}?",
    "boxed_warning": "Boxed warning",
    "precautions": "Other things to know about {title}",
    "advice": "Advice for people taking {title}",
    "storage": "How should {title} be stored?",
    "overdose": "What if too much {title} is taken?",
}
"""English headings for sections whose source gives none. The title is lower-cased as in running text."""


def codes(node: dict[str, Any] | None) -> Codes:
    if not node:
        return Codes()
    return Codes(_code_pairs(node), _code_pairs(node.get("former") or {}))


def _code_pairs(node: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for system in CODE_SYSTEMS:
        value = node.get(system)
        if value is not None:
            pairs.extend((system, code) for code in ([value] if isinstance(value, str) else value))
    return tuple(pairs)


def concept(node: dict[str, Any]) -> Concept:
    return Concept(node["name"], node.get("explanation"), codes(node.get("codes")))


def concepts(node: dict[str, Any], name: str) -> tuple[Concept, ...]:
    return tuple(concept(c) for c in node.get(name, ()))


def citation(node: dict[str, Any]) -> Citation:
    date = PartialDate.parse(node["date"]) if "date" in node else None
    return Citation(node["id"], node["kind"], node["title"], node["url"], node.get("publisher"), date)


def duration(node: dict[str, Any] | None) -> Duration | None:
    if node is None:
        return None
    return Duration(node["unit"], node.get("value"), node.get("low"), node.get("high"))


def quantity(node: dict[str, Any]) -> Quantity:
    return Quantity(node["unit"], node.get("amount"), node.get("low"), node.get("high"))


def limit(node: dict[str, Any] | None) -> Limit | None:
    return None if node is None else maximum(node)


def maximum(node: dict[str, Any]) -> Limit:
    return Limit(node["amount"], node["unit"], duration(node.get("per")), node.get("text"), node.get("ingredient"))


def population(node: dict[str, Any] | None) -> Population | None:
    if node is None:
        return None
    age, weight = node.get("age"), node.get("weight")
    return Population(
        name=node.get("name"),
        group=node.get("group"),
        age=AgeRange(age["unit"], age.get("min"), age.get("max")) if age else None,
        weight=WeightRange(weight["unit"], weight.get("min"), weight.get("max")) if weight else None,
        sex=node.get("sex"),
        pregnancy=node.get("pregnancy"),
        conditions=concepts(node, "conditions"),
    )


def times(node: int | dict[str, int] | None) -> Times | None:
    """A count of times (2) or a range of them ({low: 3, high: 4})."""
    if node is None:
        return None
    return Times(node, node) if isinstance(node, int) else Times(node["low"], node["high"])


def routes(node: dict[str, Any] | list[dict[str, Any]]) -> tuple[Concept, ...]:
    """One route, or a list of them."""
    return tuple(concept(r) for r in node) if isinstance(node, list) else (concept(node),)


def dose_step(node: dict[str, Any]) -> DoseStep:
    return DoseStep(
        dose=quantity(node["dose"]), times=times(node.get("times")), period=duration(node.get("period")),
        every=duration(node.get("every")), as_needed=node.get("as_needed", False), duration=duration(node.get("duration")),
        after=duration(node.get("after")), divided_into=node.get("divided_into"), text=node.get("text"),
    )


def _prose(node: dict[str, Any], name: str) -> Prose | None:
    return parse_prose(node[name]) if name in node else None


class _Builder:
    """Holds what statements refer to (citations, forms, brands, ingredients, indications) while the sections are built."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.citations = tuple(citation(c) for c in data.get("citations", ()))
        self.citations_by_id = {c.id: c for c in self.citations}
        self.title_in_text = data["title"][:1].lower() + data["title"][1:]
        # Strengths name ingredients, brands name forms, and an excipient may be scoped to a brand: so the ingredients'
        # names and codes come first, then the forms, the brands, and last the ingredients with their scopes.
        self.ingredient_concepts = {n["name"]: concept(n) for n in self._items("ingredients")}
        self.forms_by_id: dict[str, DoseForm] = {}
        self.brands_by_name: dict[str, Brand] = {}
        self.forms = self.section("forms", self.dose_form)
        self.brands = self.section("brands", self.brand)
        self.ingredients = self.section("ingredients", self.ingredient)

    def _items(self, name: str) -> list[dict[str, Any]]:
        node = self.data.get(name)
        return list(node["items"]) if node else []

    def cites(self, node: dict[str, Any]) -> Cites:
        return tuple(self.citations_by_id[i] for i in node.get("cites", ()))

    def scope(self, node: dict[str, Any], name: str = "applies_to") -> Scope:
        names = node.get(name, ())
        return Scope(
            tuple(self.forms_by_id[n] for n in names if n in self.forms_by_id),
            tuple(self.brands_by_name[n] for n in names if n not in self.forms_by_id),
        )

    def heading(self, node: dict[str, Any], section: str) -> str:
        return node.get("heading") or DEFAULT_HEADINGS[section].format(title=self.title_in_text)

    def section(self, name: str, make_item: Callable[[dict[str, Any]], Any]) -> Section[Any] | None:
        node = self.data.get(name)
        if node is None:
            return None
        return Section(self.heading(node, name), tuple(make_item(item) for item in node["items"]),
                       _prose(node, "intro"), _prose(node, "outro"), self.cites(node))

    # ------------------------------------------------------------ the drug's make-up

    def ingredient(self, node: dict[str, Any]) -> Ingredient:
        return Ingredient(node["name"], node.get("explanation"), codes(node.get("codes")), node.get("role", "active"),
                          self.scope(node), self.cites(node))

    def strength(self, node: dict[str, Any]) -> Strength:
        if "contents" in node:
            contents = tuple(IngredientAmount(c["amount"], c["unit"], self.ingredient_concepts[c["ingredient"]])
                             for c in node["contents"])
        else:
            named = node.get("ingredient")
            contents = (IngredientAmount(node["amount"], node["unit"], self.ingredient_concepts[named] if named else None),)
        return Strength(contents, node.get("per_amount"), node.get("per_unit"))

    def dose_form(self, node: dict[str, Any]) -> DoseForm:
        form = DoseForm(node["id"], node["name"], routes(node["route"]), codes(node.get("codes")), node.get("delivery"),
                        tuple(self.strength(s) for s in node.get("strengths", ())), node.get("administered_by"))
        self.forms_by_id[form.id] = form
        return form

    def brand(self, node: dict[str, Any]) -> Brand:
        made = Brand(node["name"], tuple(self.forms_by_id[f] for f in node.get("forms", ())))
        self.brands_by_name[made.name] = made
        return made

    def supply(self, node: dict[str, Any]) -> SupplyStatus:
        return SupplyStatus(node["status"], node.get("jurisdiction"), node.get("schedule"), self.scope(node),
                            node.get("note"), self.cites(node))

    def program(self, node: dict[str, Any]) -> Program:
        return Program(node["name"], node["kind"], _prose(node, "text"), node.get("url"), self.scope(node),
                       self.cites(node))

    def drug(self) -> Drug:
        node = self.data["drug"]
        return Drug(node["generic_name"], codes(node.get("codes")), concepts(node, "classes"),
                    tuple(self.supply(s) for s in node.get("supply", ())),
                    tuple(self.program(p) for p in node.get("programs", ())))

    # ------------------------------------------------------------ clinical statements

    def indication(self, node: dict[str, Any]) -> Indication:
        return Indication(node["name"], node.get("explanation"), codes(node.get("codes")), concepts(node, "symptoms"),
                          self.cites(node), self.scope(node), population(node.get("population")))

    def side_effect(self, node: dict[str, Any]) -> SideEffect:
        rate = node.get("rate")
        return SideEffect(
            node["name"], node.get("frequency"), node.get("explanation"), node.get("note"), node.get("serious", False),
            codes(node.get("codes")), self.cites(node), self.scope(node), population(node.get("population")),
            Rate(rate["percent"], rate.get("comparator_percent"), rate.get("comparator")) if rate else None,
        )

    def precaution(self, node: dict[str, Any]) -> Precaution:
        interactants = tuple(Interactant(i["name"], i["kind"], codes(i.get("codes"))) for i in node.get("interactants", ()))
        return Precaution(
            node["kind"], node["text"], concepts(node, "concepts"), interactants, node.get("effect"), self.cites(node),
            node.get("contraindicated", False), concepts(node, "effects"), concepts(node, "risk_factors"),
            concepts(node, "warning_signs"), limit(node.get("above_dose")), self.scope(node),
            population(node.get("population")),
        )

    def advice(self, node: dict[str, Any]) -> Advice:
        return Advice(node["topic"], parse_prose(node["text"]), self.cites(node), self.scope(node),
                      population(node.get("population")))

    def dosing(self, node: dict[str, Any], indications: dict[str, Indication]) -> DosingInstruction:
        return DosingInstruction(
            text=parse_prose(node["text"]),
            indication=indications[node["indication"]] if "indication" in node else None,
            scope=self.scope(node), population=population(node.get("population")),
            steps=tuple(dose_step(s) for s in node.get("steps", ())),
            maximum=tuple(map(maximum, node.get("maximum", ()))),
            infusion_duration=duration(node.get("infusion_duration")), premedication=concepts(node, "premedication"),
            observation=duration(node.get("observation")), administered_by=node.get("administered_by"),
            cites=self.cites(node),
        )

    def monitoring(self, node: dict[str, Any]) -> MonitoringTest:
        return MonitoringTest(concept(node["test"]), parse_prose(node["text"]), tuple(node.get("when", ())),
                              self.scope(node), population(node.get("population")), self.cites(node))

    def instruction(self, node: dict[str, Any]) -> Instruction:
        temperature = node.get("temperature")
        return Instruction(
            parse_prose(node["text"]), self.scope(node), population(node.get("population")), self.cites(node),
            TemperatureRange(temperature.get("min"), temperature.get("max")) if temperature else None,
            node.get("disposal", False), concepts(node, "symptoms"),
        )

    def mechanism(self) -> Mechanism | None:
        node = self.data.get("mechanism")
        if node is None:
            return None
        return Mechanism(self.heading(node, "mechanism"), parse_prose(node["text"]), node.get("fully_understood"),
                         self.cites(node))

    def boxed_warnings(self) -> tuple[BoxedWarning, ...]:
        """One warning or a list of them, as the author gives it."""
        node = self.data.get("boxed_warning")
        return tuple(map(self.boxed_warning, node if isinstance(node, list) else [node] if node is not None else []))

    def boxed_warning(self, node: dict[str, Any]) -> BoxedWarning:
        return BoxedWarning(
            self.heading(node, "boxed_warning"), parse_prose(node["text"]), _prose(node, "intro"),
            concepts(node, "risks"), _prose(node, "advice"), self.scope(node), self.cites(node),
            population(node.get("population")),
        )


def _review(node: dict[str, Any] | None) -> Review | None:
    if node is None:
        return None
    reviewer = node["reviewed_by"]
    return Review(reviewer["name"], reviewer.get("type", "organization"), PartialDate.parse(node["last_reviewed"]))


def build_monograph(data: dict[str, Any], key: str) -> Monograph:
    """Turn schema-valid, rule-checked data into the model."""
    build = _Builder(data)
    indications = build.section("indications", build.indication)
    assert build.ingredients is not None and indications is not None  # required by the schema
    by_name = {i.name: i for i in indications.items}
    publisher = data.get("publisher")
    return Monograph(
        key=key,
        id=data["id"],
        language=data["language"],
        title=data["title"],
        url=data["url"],
        summary=parse_prose(data["summary"]),
        review=_review(data.get("review")),
        drug=build.drug(),
        ingredients=build.ingredients,
        indications=indications,
        citations=build.citations,
        publisher=Publisher(publisher["name"], publisher.get("url")) if publisher else None,
        modified=PartialDate.parse(data["modified"]) if "modified" in data else None,
        brands=build.brands,
        forms=build.forms,
        mechanism=build.mechanism(),
        dosing=build.section("dosing", lambda node: build.dosing(node, by_name)),
        monitoring=build.section("monitoring", build.monitoring),
        missed_dose=build.section("missed_dose", build.instruction),
        side_effects=build.section("side_effects", build.side_effect),
        boxed_warnings=build.boxed_warnings(),
        precautions=build.section("precautions", build.precaution),
        advice=build.section("advice", build.advice),
        storage=build.section("storage", build.instruction),
        overdose=build.section("overdose", build.instruction),
    )
