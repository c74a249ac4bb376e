"""What a reader must not miss: the boxed warning and the absolute contraindications at the top of the page, the
side effects to call a doctor about, and the precautions. A caution is never shown as a contraindication."""

from __future__ import annotations

from ...model import BoxedWarning, Precaution, SideEffect, mentioned
from . import elements as E
from .dosing import Dosing
from .elements import Element
from .parts import Child

FREQUENCIES: dict[str | None, tuple[str, str]] = {
    "very-common": ("Very common", "1 in 10 people or more"),
    "common": ("Common", "1 in 100 people or more"),
    "uncommon": ("Uncommon", "1 in 1,000 to 1 in 100 people"),
    "rare": ("Rare", "fewer than 1 in 1,000 people"),
    "very-rare": ("Very rare", "fewer than 1 in 10,000 people"),
    "not-known": ("Frequency not known", "reported, but how often is not known"),
    None: ("Other side effects", "the label gives no frequency in words"),
}


class Safety(Dosing):
    # ------------------------------------------------------------ at the top

    def boxed_warnings(self) -> list[Element]:
        """One box per boxed warning, in the source's order, each with the forms and people it is about."""
        return [self.boxed_warning(boxed, "boxed-warning" + (f"-{n}" if n > 1 else ""))
                for n, boxed in enumerate(self.m.boxed_warnings, start=1)]

    def boxed_warning(self, boxed: BoxedWarning, anchor: str) -> Element:
        words = " ".join(p.plain for p in (boxed.intro, boxed.text, boxed.advice) if p is not None)
        unsaid = [r.label for r in boxed.risks if not mentioned(words, r.label)]
        box = E.SECTION(E.H2(boxed.heading, id=f"{anchor}-heading"),
                        {"class": "boxed-warning", "id": anchor, "aria-labelledby": f"{anchor}-heading"})
        # Which forms it is about comes first: baclofen's warning is of the intrathecal injection, not the tablets.
        # A warning of the whole drug says so too, so no reader takes it for one form's only.
        applies = self.scope_note(boxed.scope)
        if applies is None:  # (not `or`: an element without children is false)
            applies = E.SPAN(self.label("Applies to:"), " ", self.t("every form of {drug}", drug=self.m.drug.generic_name),
                             {"class": "scope"})
        who = self.population_note(boxed.population)
        box.append(E.P(*[n for n in (applies, " " if who is not None else None, who) if n is not None], {"class": "applies"}))
        box.extend(self.prose(boxed.intro))
        box.extend(self.prose(boxed.text, () if boxed.advice else boxed.cites))
        if unsaid:
            box.append(E.P(self.label("Risks:"), " ", self.comma.join(unsaid)))
        box.extend(self.prose(boxed.advice, boxed.cites))
        return box

    def contraindications(self) -> Element | None:
        """The absolute contraindications, each with the forms it is about: 'do not use', never a caution."""
        section = self.m.precautions
        absolute = [p for p in section.items if p.contraindicated] if section is not None else []
        if not absolute:
            return None
        heading = self.labelled(E.H2(self.t("Do not use {drug} if", drug=self.m.drug.generic_name),
                                     id="contraindications-heading"), "Do not use {drug} if")
        items = [self.precaution(p) for p in absolute]
        return E.SECTION(heading, E.UL(*items), {"class": "contraindications", "id": "contraindications",
                                                  "aria-labelledby": "contraindications-heading"})

    # ------------------------------------------------------------ side effects

    def side_effects(self) -> Element | None:
        section = self.m.side_effects
        if section is None:
            return None
        content: list[Element] = []
        serious = [e for e in section.items if e.serious]
        if serious:
            content.append(self.labelled(E.H3(self.t("Call your doctor right away if you have:"),
                                              {"class": "serious-heading"}), "Call your doctor right away if you have:"))
            content.append(E.UL(*[self.side_effect(e, with_frequency=True) for e in serious], {"class": "effects serious"}))
        for frequency, (name, meaning) in FREQUENCIES.items():
            effects = [e for e in section.items if e.frequency == frequency and not e.serious]
            if effects:
                heading = E.P(self.label(name), " ", E.SPAN(self.label(f"({meaning})")), {"class": "frequency"})
                content.append(heading)
                # Long lists of short names read better in two columns; a short list would only be squeezed.
                kind = "effects columns" if len(effects) >= 6 else "effects"
                content.append(E.UL(*[self.side_effect(e) for e in effects], {"class": kind}))
        return self.framed("side-effects", section, *content)

    def side_effect(self, effect: SideEffect, with_frequency: bool = False) -> Element:
        children: list[Child] = [effect.label]
        if with_frequency and effect.frequency:
            children += [" ", E.SPAN(self.label(FREQUENCIES[effect.frequency][0].lower()), {"class": "how-often"})]
        if effect.rate is not None:
            children += [" ", E.SPAN(self.rate(effect), {"class": "rate"})]
        if effect.note:
            children.append(f" \u2014 {effect.note}")
        children += self.notes(effect.scope, effect.population)
        return E.LI(*self.with_cites(children, effect.cites))

    def rate(self, effect: SideEffect) -> str:
        assert effect.rate is not None
        return f"({self.lang.rate(effect.rate)})"

    # ------------------------------------------------------------ precautions

    def precautions(self) -> Element | None:
        """The cautions; the absolute contraindications are at the top of the page, not repeated here."""
        section = self.m.precautions
        if section is None:
            return None
        cautions = [self.precaution(p) for p in section.items if not p.contraindicated]
        return self.framed("precautions", section, E.UL(*cautions) if cautions else None)

    def precaution(self, precaution: Precaution) -> Element:
        """The author's sentence, then what the model knows beyond it, unless the sentence already says it."""
        text = precaution.text
        children = self.with_cites([text], precaution.cites)
        details: list[tuple[str, str]] = []
        if precaution.effect and not mentioned(text, precaution.effect):
            details.append(("Effect:", precaution.effect))
        unsaid_effects = [c.label for c in precaution.effects if not mentioned(text, c.name)]
        if unsaid_effects:
            details.append(("Can cause:", self.comma.join(unsaid_effects)))
        if not all(mentioned(text, i.name) for i in precaution.interactants):
            details.append(("Interacts with:", self.comma.join(i.name for i in precaution.interactants)))
        if precaution.risk_factors:
            details.append(("More likely in:", self.names(precaution.risk_factors)))
        if precaution.warning_signs:
            details.append(("Warning signs:", self.names(precaution.warning_signs)))
        if precaution.above_dose is not None:
            details.append(("The risk applies above:", self.threshold(precaution)))
        for label, words in details:
            children += [" ", E.SPAN(self.label(label), " ", words, {"class": "detail"})]
        children += self.notes(precaution.scope, precaution.population)
        if precaution.contraindicated:
            children += [" ", self.labelled(E.SPAN(self.t("do not use"), {"class": "tag"}), "do not use")]
        return E.LI(*children)

    def threshold(self, precaution: Precaution) -> str:
        limit = precaution.above_dose
        assert limit is not None
        amount = f"{self.lang.number(limit.amount)} {self.unit(limit.unit)}"
        words = amount if limit.per is None else self.t("{amount} in {period}", amount=amount, period=self.duration(limit.per))
        return f"{words} ({limit.text})" if limit.text else words
