"""The page's sections after the safety box: what the drug is for and how it is given, tests, advice, the plain
instructions (missed dose, storage, overdose), what it is made of and sold as, and the sources."""

from __future__ import annotations

from ...model import DoseForm, Instruction, Section, Strength, mentioned
from . import elements as E
from .elements import Element
from .parts import Child, unbroken
from .safety import Safety

ADVICE_TOPICS = {
    "how-to-take": "How to take it",
    "driving": "Driving",
    "stopping-treatment": "Stopping treatment",
    "tell-your-doctor": "Tell your doctor",
    "side-effects": "Side effects",
    "diet": "Food and drink",
    "other": "More advice",
}

WHEN = {"before-start": "before you start", "before-each-dose": "before each dose", "during": "during treatment",
        "after-stopping": "after you stop"}

FORM_GIVEN_BY = {"patient": "you take it yourself", "caregiver": "a caregiver gives it",
                 "healthcare-professional": "a healthcare professional gives it"}


class Sections(Safety):
    def indications(self) -> Element:
        section = self.m.indications
        items = []
        for indication in section.items:
            item = E.LI(*self.with_cites([indication.label, *self.notes(indication.scope, indication.population)],
                                         indication.cites))
            if indication.symptoms:
                item.append(E.UL(*[E.LI(s.label) for s in indication.symptoms]))
            items.append(item)
        return self.framed("indications", section, E.UL(*items))

    def ingredients(self) -> Element:
        section = self.m.ingredients
        said = section.intro.plain if section.intro else ""
        active = [i for i in section.items if i.role == "active"]
        excipients = [i for i in section.items if i.role != "active"]
        # "The active ingredient in baclofen is baclofen." needs no list after it.
        listed = None
        if not all(mentioned(said, i.label) and i.scope.whole_drug and not i.cites for i in active):
            listed = E.UL(*[E.LI(*self.with_cites([i.label, *self.notes(i.scope, None)], i.cites)) for i in active])
        others = None
        if excipients:
            others = E.DIV(
                self.labelled(E.P(self.t("Inactive ingredients the label names:")), "Inactive ingredients the label names:"),
                E.UL(*[E.LI(*self.with_cites([i.label, *self.notes(i.scope, None)], i.cites)) for i in excipients]),
                {"class": "excipients"})
        return self.framed("ingredients", section, listed, others)

    def mechanism(self) -> Element | None:
        mechanism = self.m.mechanism
        if mechanism is None:
            return None
        return self.section("mechanism", mechanism.heading, *self.prose(mechanism.text, mechanism.cites))

    def strength_text(self, strength: Strength) -> str:
        return self.lang.strength(strength)

    def forms(self) -> Element | None:
        section = self.m.forms
        if section is None:
            return None
        headings = ("Form", "How it is given", "Strengths")
        head = E.THEAD(E.TR(*[self.labelled(E.TH(self.t(h), scope="col"), h) for h in headings]))
        rows = [E.TR(E.TH(form.name, scope="row"), E.TD(*self.given(form)),
                     E.TD(unbroken([self.strength_text(s) for s in form.strengths], self.comma, "strengths")))
                for form in section.items]
        caption = self.labelled(E.CAPTION(self.t("Forms of {drug}", drug=self.m.drug.generic_name), id="forms-caption"),
                                "Forms of {drug}")
        table = E.TABLE(caption, head, E.TBODY(*rows), {"class": "forms"})
        # A table too wide for a small screen scrolls inside its own region, which the keyboard can reach and
        # a screen reader names, instead of making the whole page scroll sideways.
        region = E.DIV(table, {"class": "table-scroll", "tabindex": "0", "role": "region", "aria-labelledby": "forms-caption"})
        return self.framed("forms", section, region)

    def given(self, form: DoseForm) -> list[Child]:
        route = self.lang.alternatives([r.label for r in form.routes]) + (f" ({form.delivery})" if form.delivery else "")
        if form.administered_by is None:
            return [route]
        return [route, E.BR(), E.SPAN(self.label(FORM_GIVEN_BY[form.administered_by]), {"class": "given-by"})]

    def brands(self) -> Element | None:
        section = self.m.brands
        if section is None:
            return None
        items = [E.LI(E.STRONG(b.name), *([": " + self.comma.join(f.name for f in b.forms)] if b.forms else []))
                 for b in section.items]
        return self.framed("brands", section, E.UL(*items, {"class": "brands"}))

    def monitoring(self) -> Element | None:
        section = self.m.monitoring
        if section is None:
            return None
        items = []
        for test in section.items:
            children: list[Child] = [E.STRONG(test.test.label)]
            if test.when:
                children += [" ", E.SPAN("(" + self.comma.join(self.t(WHEN[w]) for w in test.when) + ")", {"class": "when"})]
            children += self.notes(test.scope, test.population)
            items.append(E.LI(*children, *self.prose(test.text, test.cites)))
        return self.framed("monitoring", section, E.UL(*items, {"class": "tests"}))

    def advice(self) -> Element | None:
        section = self.m.advice
        if section is None:
            return None
        # One heading per topic, in the order topics first appear; advice without a topic gets one of its own.
        topics: dict[str, list[Element]] = {}
        for item in section.items:
            block = topics.setdefault(item.topic, [])
            notes = self.notes(item.scope, item.population)
            if notes:
                block.append(E.P(*notes[1:], {"class": "applies"}))
            block.extend(self.prose(item.text, item.cites))
        content: list[Element] = []
        for topic, blocks in topics.items():
            content.append(self.labelled(E.H3(self.t(ADVICE_TOPICS[topic])), ADVICE_TOPICS[topic]))
            content.extend(blocks)
        return self.framed("advice", section, *content)

    def instructions(self, key: str, section: Section[Instruction] | None) -> Element | None:
        """Missed dose, storage and disposal, overdose: the author's words with what the data adds."""
        if section is None:
            return None
        content: list[Child] = []
        for entry in section.items:
            notes = self.notes(entry.scope, entry.population)
            if notes:
                content.append(E.P(*notes[1:], {"class": "applies"}))
            if entry.disposal:
                content.append(E.P(E.STRONG(self.label("Throwing it away")), {"class": "disposal"}))
            content.extend(self.prose(entry.text, entry.cites))
            if entry.temperature is not None:
                content.append(E.P(self.label("Temperature:"), " ", self.temperature(entry), {"class": "detail"}))
            if entry.symptoms:
                content.append(E.P(self.label("Signs of an overdose:"), " ", self.names(entry.symptoms), {"class": "detail"}))
        if key == "overdose":
            content.append(self.emergency())
        return self.framed(key, section, *content)

    def temperature(self, entry: Instruction) -> Element:
        span = entry.temperature
        assert span is not None
        low, high = self.lang.number(span.min), self.lang.number(span.max)
        if span.min is not None and span.max is not None:
            words = f"{low}\u2013{high} \u00b0C"
        elif span.max is not None:
            words = self.t("at most {temperature}", temperature=f"{high} \u00b0C")
        else:
            words = self.t("at least {temperature}", temperature=f"{low} \u00b0C")
        return E.SPAN(words, dir="ltr") if self.lang.direction == "rtl" else E.SPAN(words)

    def emergency(self) -> Element | None:
        """The publisher's emergency line (monograph.toml), or the general advice when it sets none."""
        line = self.site.get("emergency")
        if line:
            return self.publisher_text(E.P(E.STRONG(line), {"class": "emergency"}))
        return E.P(E.STRONG(self.label("In an emergency, call your local emergency number.")), {"class": "emergency"})

    def publisher_text(self, element: Element) -> Element:
        """Words the publisher set in monograph.toml, in the language it says they are in."""
        language = self.site.get("language", "en")
        if language.split("-")[0].lower() != self.m.language.split("-")[0].lower():
            element.set("lang", language)
            element.set("dir", "auto")
        return element

    def programs(self) -> Element | None:
        programs = self.m.drug.programs
        if not programs:
            return None
        items = []
        for program in programs:
            kind = "Risk Evaluation and Mitigation Strategy (REMS)" if program.kind == "rems" else "Risk management program"
            name: Child = E.A(program.name, href=program.url) if program.url else program.name
            said = self.prose(program.text, program.cites) if program.text else \
                ([self.cite_marks(program.cites)] if program.cites else [])
            items.append(E.LI(E.STRONG(name), " ", E.SPAN("(", self.label(kind), ")"), *self.notes(program.scope, None),
                              *said))
        return self.section("programs", self.t("Safety programs"), E.UL(*items, {"class": "programs"}))

    def sources(self) -> Element | None:
        if not self.m.citations:
            return None
        items = []
        for number, citation in enumerate(self.m.citations, start=1):
            item = E.LI(E.CITE(E.A(citation.title, href=citation.url)), id=f"source-{number}")
            details = [d for d in (citation.publisher, self.lang.date(citation.date) if citation.date else None) if d]
            item[-1].tail = ". " + self.comma.join(details) + "." if details else None
            items.append(item)
        heading = self.labelled(E.H2(self.t("Sources"), id="sources-heading"), "Sources")
        return E.SECTION(heading, E.OL(*items), {"class": "sources", "id": "sources", "aria-labelledby": "sources-heading"})
