"""How much, how often and for how long: the dosing section, with each schedule written out as words."""

from __future__ import annotations

from ...model import DoseStep, DosingInstruction, Duration, Limit, Quantity, unit_label
from ...wording import ADMINISTERED_BY
from . import elements as E
from .elements import Element
from .parts import Child, Parts, compact

# "once a day", "3 times a day", "3 to 4 times a day": the words for a number of times in one unit of time.
EVERY_ONE = {"h": ("once an hour", "{times} times an hour", "{low} to {high} times an hour"),
             "d": ("once a day", "{times} times a day", "{low} to {high} times a day"),
             "wk": ("once a week", "{times} times a week", "{low} to {high} times a week"),
             "mo": ("once a month", "{times} times a month", "{low} to {high} times a month"),
             "a": ("once a year", "{times} times a year", "{low} to {high} times a year")}

UNIT_WORDS = frozenset({"tablet", "capsule", "drop", "puff", "actuation", "spray", "patch", "suppository", "vial",
                        "syringe", "sachet", "application", "dose", "units", "unit", "microlitres"})


class Dosing(Parts):
    def unit(self, unit: str) -> str:
        words = unit_label(unit)
        return self.t(words) if words in UNIT_WORDS else words

    def amount(self, quantity: Quantity) -> str:
        if quantity.amount is not None:
            number = self.lang.number(quantity.amount)
        else:
            number = f"{self.lang.number(quantity.low)}\u2013{self.lang.number(quantity.high)}"
        return f"{number} {self.unit(quantity.unit)}"

    def how_often(self, step: DoseStep) -> str | None:
        times = step.times
        if times is None:
            return None
        period = step.period or Duration("d", value=1)
        ends = {"low": str(times.low), "high": str(times.high)}
        if period.value == 1 and period.unit in EVERY_ONE:
            once, several, between = EVERY_ONE[period.unit]
            if times.exact is None:
                return self.t(between, **ends)
            return self.t(once) if times.exact == 1 else self.t(several, times=str(times.exact))
        if times.exact is None:
            return self.t("{low} to {high} times in {period}", **ends, period=self.duration(period))
        return self.t("{times} times in {period}", times=str(times.exact), period=self.duration(period))

    def step_words(self, step: DoseStep) -> str:
        """'5 mg, 3 times a day, for 3 days': each part the step says, in the order a label says them."""
        parts = compact([
            self.t("{duration} later:", duration=self.duration(step.after)) if step.after else None,
            self.amount(step.dose),
            self.how_often(step),
            self.t("every {interval}", interval=self.duration(step.every)) if step.every else None,
            self.t("as needed") if step.as_needed else None,
            self.t("divided into {count} doses", count=str(step.divided_into)) if step.divided_into else None,
            self.t("for {duration}", duration=self.duration(step.duration)) if step.duration else None,
        ])
        head, *rest = parts
        return " ".join([head, self.comma.join(rest)]) if head.endswith(":") and rest else self.comma.join(parts)

    def limit_words(self, limit: Limit) -> str:
        amount = f"{self.lang.number(limit.amount)} {self.unit(limit.unit)}"
        if limit.ingredient is not None:
            amount = self.t("{amount} of {ingredient}", amount=amount, ingredient=limit.ingredient)
        if limit.per is None:
            return self.t("At most {amount} in one dose", amount=amount)
        return self.t("At most {amount} in {period}", amount=amount, period=self.duration(limit.per))

    def dosing(self) -> Element | None:
        section = self.m.dosing
        if section is None:
            return None
        return self.framed("dosing", section, *[self.dosing_instruction(d) for d in section.items])

    def dosing_instruction(self, dose: DosingInstruction) -> Element:
        """One schedule: who and what it is for, the author's words, then the schedule as the data says it."""
        block = E.DIV({"class": "dose"})
        for_whom = compact([dose.indication.label if dose.indication else None,
                            self.comma.join(self.scope_names(dose.scope)) or None, self.population_words(dose.population)])
        if for_whom:
            block.append(E.P(E.STRONG(" \u00b7 ".join(for_whom)), {"class": "dose-for"}))
        block.extend(self.prose(dose.text, dose.cites))
        facts: list[list[Child]] = []
        if dose.steps:
            facts.append([self.label("Schedule:"), " ", self.steps(dose.steps)])
        for limit in dose.maximum:
            facts.append([E.STRONG(self.limit_words(limit)), *([" (", limit.text, ")"] if limit.text else [])])
        if dose.infusion_duration is not None:
            facts.append([self.lang.infusion(dose.infusion_duration)])
        if dose.premedication:
            facts.append([self.label("Given first, to prevent reactions:"), " ", self.names(dose.premedication)])
        if dose.observation is not None:
            facts.append([self.lang.observation(dose.observation)])
        if dose.administered_by:
            facts.append([self.label("Who gives it:"), " ", self.t(ADMINISTERED_BY[dose.administered_by])])
        if facts:
            block.append(E.UL(*[E.LI(*f) for f in facts], {"class": "dose-facts"}))
        return block

    def steps(self, steps: tuple[DoseStep, ...]) -> Element:
        items = []
        for step in steps:
            item = E.LI(self.step_words(step))
            if step.text:
                item.append(E.SPAN(f" ({step.text})"))
            items.append(item)
        return E.OL(*items, {"class": "steps"})
