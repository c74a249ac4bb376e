"""The legal status of supply and risk programs.

A status the page gives for a jurisdiction is a ``regulatory`` element, whose regulatoryAuthority is an
Organization standing for that jurisdiction's medicines regulator (named by the jurisdiction only: the
file does not say which body it is); the status itself, which ``regulatory`` has no element for, is the
``supply-status`` extension on it. A status without a jurisdiction is that extension on the
MedicationKnowledge. R4 and R5 differ only in how ``regulatory.schedule`` nests.
"""

from __future__ import annotations

from typing import Any

from ...model import Program, SupplyStatus
from .datatypes import coded, complex_extension, reference
from .extensions import displays
from .markdown import markdown
from .vocabulary import LEGAL_STATUS_SYSTEM, ORGANIZATION_TYPE, PROGRAM_KIND, SUPPLY_STATUS

STATUS_NAMES = displays("supply-status")
HL7_LEGAL_STATUS = {
    "prescription-only": ("100000072084", "Medicinal product subject to medical prescription"),
    "over-the-counter": ("100000072076", "Medicinal product not subject to medical prescription"),
    "pharmacy-only": ("100000072076", "Medicinal product not subject to medical prescription"),
    "hospital-only": ("100000072078", "Medicinal product subject to restricted medical prescription"),
}
"""HL7's R5 legal-status-of-supply codes, where one holds (a medicine reserved for hospitals is on restricted
prescription); a controlled drug's status depends on its schedule, so it has none. R4 keeps only the project's code."""
PROGRAM_NAMES = displays("program-kind")


def status_codeable(status: str) -> dict[str, Any]:
    codings = []
    if status in HL7_LEGAL_STATUS:
        code, display = HL7_LEGAL_STATUS[status]
        codings.append({"system": LEGAL_STATUS_SYSTEM, "code": code, "display": display})
    codings.append({"system": SUPPLY_STATUS, "code": status, "display": STATUS_NAMES[status]})
    return {"coding": codings, "text": STATUS_NAMES[status]}


def supply_extension(s: SupplyStatus, sources: list[str], with_schedule: bool) -> dict[str, Any] | None:
    return complex_extension("supply-status", [
        ("status", "valueCodeableConcept", status_codeable(s.status)),
        ("schedule", "valueCodeableConcept", {"text": s.schedule} if with_schedule and s.schedule else None),
        ("note", "valueString", s.note),
        *(("source", "valueReference", reference(target)) for target in sources),
    ])


def regulatory(s: SupplyStatus, authority: str, sources: list[str], release: str) -> dict[str, Any]:
    """A jurisdiction's status as a ``regulatory`` element; ``authority`` is the reference to its regulator."""
    schedule = [{"text": s.schedule}] if s.schedule else []
    return {
        "extension": [supply_extension(s, sources, with_schedule=False)],
        "regulatoryAuthority": reference(authority, f"Medicines regulator ({s.jurisdiction})"),
        "schedule": schedule if release == "r5" else [{"schedule": c} for c in schedule],
    }


def regulator_content(jurisdiction: str) -> dict[str, Any]:
    """What an Organization standing for a jurisdiction's medicines regulator says: its type, name and country
    (R5 puts the address in a contact, R4 on the Organization)."""
    return {
        "type": [coded(ORGANIZATION_TYPE, "govt", "Government")],
        "name": f"Medicines regulator ({jurisdiction})",
        "address": {"country": jurisdiction},
    }


def monitoring_program(p: Program, sources: list[str]) -> dict[str, Any]:
    return {
        "extension": [complex_extension("program-details", [
            ("text", "valueMarkdown", markdown(p.text) if p.text else None),
            ("url", "valueUrl", p.url),
            *(("source", "valueReference", reference(target)) for target in sources),
        ])],
        "type": coded(PROGRAM_KIND, p.kind, PROGRAM_NAMES[p.kind]) | {"text": PROGRAM_NAMES[p.kind]},
        "name": p.name,
    }
