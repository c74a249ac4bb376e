"""What the monograph says, release-neutral: regrouped the way FHIR wants it, with ids assigned.

Why one MedicationKnowledge per dose form and strength: ``definitional.doseForm``
is 0..1 and ``ingredient.strength[x]`` is 0..1, so one resource cannot say
"tablets of 5, 10 and 20 mg and an intrathecal injection" without claiming three
baclofen constituents. Each clinical drug (a ``Product``) is its own resource,
linked from the drug's resource through ``relatedMedicationKnowledge``; its
``name`` lists the brands sold in that form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ...model import Citation, Monograph, Population
from .datatypes import reference
from .ids import IdMaker, urn
from .population import Group, population_group
from .shapes import DosingFacts, IndicationFacts, Issue, Product, StorageFacts, covers  # noqa: F401 - the emitters' names
from .statements import (
    advice_issues,
    boxed_warning_issue,
    every_scope,
    precaution_issues,
    side_effect_issues,
    statement_issues,
    unique,
)


@dataclass(frozen=True)
class Facts:
    """The monograph regrouped the way FHIR wants it, with ids assigned."""

    monograph: Monograph
    knowledge_id: str
    page_id: str
    documents: dict[str, str]
    """Citation id -> DocumentReference id."""
    products: tuple[Product, ...]
    indications: tuple[IndicationFacts, ...]
    issues: tuple[Issue, ...]
    provenance_id: str
    organisations: dict[str, tuple[str, str | None]]
    """Publisher name -> (Organization id, home page)."""
    dosing: tuple[DosingFacts, ...] = ()
    storage: tuple[StorageFacts, ...] = ()
    authorities: dict[str, str] = field(default_factory=dict)
    """Jurisdiction -> the id of the Organization standing for its medicines regulator."""
    local: bool = False
    """R4 refers to contained resources by fragment, R5 to Bundle entries by urn:uuid."""

    def target(self, resource_id: str) -> str:
        return f"#{resource_id}" if self.local else urn(resource_id)

    def source(self, citation: Citation) -> str:
        return self.target(self.documents[citation.id])

    def publisher_ref(self, name: str | None) -> dict[str, str] | None:
        return reference(self.target(self.organisations[name][0])) if name is not None else None

    @property
    def groups(self) -> tuple[Group, ...]:
        """Every population, once, in order of first use."""
        found: dict[str, Group] = {}
        for g in (*(g for i in self.indications for g in i.groups), *(g for i in self.issues for g in i.groups)):
            found.setdefault(g.id, g)
        for other in (*(d.group for d in self.dosing), *(s.group for s in self.storage)):
            if other is not None:
                found.setdefault(other.id, other)
        return tuple(found.values())


def gather(m: Monograph) -> Facts:
    ids = IdMaker(m.key)
    knowledge_id = ids("MedicationKnowledge")
    page_id = ids("DocumentReference", "page")
    documents = {c.id: ids("DocumentReference", "citation", c.id) for c in m.citations}
    products = tuple(_products(m, ids))
    indications = tuple(
        IndicationFacts(item, ids("ClinicalUseDefinition", "indication", item.name),
                        unique((*m.indications.cites, *item.cites)),
                        _groups(ids, item.population, "indication", item.name))
        for item in m.indications.items
    )
    issues = [*side_effect_issues(m, ids)]
    issues.extend(boxed_warning_issue(boxed, ids) for boxed in m.boxed_warnings)
    issues.extend(precaution_issues(m, ids))
    issues.extend(advice_issues(m, ids))
    issues.extend(statement_issues(m, ids))
    return Facts(
        m, knowledge_id, page_id, documents, products, indications, tuple(issues), ids("Provenance", "review"),
        _organisations(m, ids), tuple(_dosing(m, ids, indications)), tuple(_storage(m, ids)), _authorities(m, ids),
    )


def _groups(ids: IdMaker, population: Population | None, *key: object) -> tuple[Group, ...]:
    return (population_group(ids("Group", *key), population),) if population else ()


def _authorities(m: Monograph, ids: IdMaker) -> dict[str, str]:
    places = dict.fromkeys(s.jurisdiction for s in m.drug.supply if s.jurisdiction)
    return {place: ids("Organization", "regulator", place) for place in places}


def _dosing(m: Monograph, ids: IdMaker, indications: tuple[IndicationFacts, ...]) -> Iterator[DosingFacts]:
    if m.dosing is None:
        return
    by_item = {i.item: i for i in indications}
    for number, item in enumerate(m.dosing.items, start=1):
        group = _groups(ids, item.population, "dosing", number)
        yield DosingFacts(item, by_item.get(item.indication) if item.indication else None, group[0] if group else None,
                          unique((*m.dosing.cites, *item.cites)))


def _storage(m: Monograph, ids: IdMaker) -> Iterator[StorageFacts]:
    if m.storage is None:
        return
    for number, item in enumerate(m.storage.items, start=1):
        group = _groups(ids, item.population, "storage", number)
        yield StorageFacts(item, group[0] if group else None, unique((*m.storage.cites, *item.cites)))


def _organisations(m: Monograph, ids: IdMaker) -> dict[str, tuple[str, str | None]]:
    found: dict[str, tuple[str, str | None]] = {}
    if m.publisher:
        found[m.publisher.name] = (ids("Organization", m.publisher.name), m.publisher.url)
    for c in m.citations:
        if c.publisher and c.publisher not in found:
            found[c.publisher] = (ids("Organization", c.publisher), None)
    return found


def _products(m: Monograph, ids: IdMaker) -> Iterator[Product]:
    scoped_brands = {b for scope in every_scope(m) for b in scope.brands}
    # A brand that lists no form: a statement about it still needs a resource to be referenced from.
    formless = [b for b in m.brands.items if not b.forms and b in scoped_brands] if m.brands else []
    if m.forms is None:
        yield from (Product(ids("MedicationKnowledge", "brand", b.name), None, None, (b,), ()) for b in formless)
        return
    for form in m.forms.items:
        brands = tuple(b for b in m.brands.items if form in b.forms) if m.brands else ()
        sources = unique(m.forms.cites)
        split = len(brands) > 1 and any(b in scoped_brands for b in brands)
        for strength in form.strengths or (None,):
            strength_key = strength.text if strength else "-"
            if not split:
                yield Product(ids("MedicationKnowledge", "form", form.id, strength_key), form, strength, brands, sources)
                continue
            for brand in brands:
                yield Product(ids("MedicationKnowledge", "form", form.id, strength_key, "brand", brand.name), form,
                              strength, (brand,), sources)
    yield from (Product(ids("MedicationKnowledge", "brand", b.name), None, None, (b,), ()) for b in formless)
