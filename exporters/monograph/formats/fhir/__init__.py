"""HL7 FHIR: R5 (5.0.0, the default) as a Bundle, R4 (4.0.1) as one MedicationKnowledge.

From the bottom up: ``vocabulary`` (code systems, the extensions this exporter
defines), ``ids``, ``markdown`` and ``narrative`` (text and XHTML), ``datatypes``
(codings, quantities, compaction), ``population`` (who a statement is about, as
Group characteristics), ``dosing`` (Dosage), ``supply`` (regulatory, programs),
``shapes`` and ``statements`` (clinical drugs and clinical issues, each with its
scope), ``facts`` (the monograph regrouped the way FHIR wants it, release-neutral),
``parts`` (what both releases write alike, and which statements belong on which
resource), the emitters ``r5`` and ``r4``, and ``mapping`` with
``mapping_scoped`` (where each field lands, for docs/mapping.md). ``extensions`` defines the
project's extensions and code systems, and ``conformance`` makes the FHIR package that
defines them for other tools.

Scoping: a statement about some forms or brands is stated only on the clinical
drugs (per-product MedicationKnowledge) it covers; a whole-drug statement on the
drug and on every clinical drug (R5), or on the drug that contains them (R4).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...project import canonical_problem
from .. import Exporter, Option, RenderContext
from .mapping import COLUMNS
from .vocabulary import PROJECT_BASE

if TYPE_CHECKING:
    from ...model import Monograph

RELEASES = ("r5", "r4")


def render(m: Monograph, context: RenderContext) -> bytes:
    # Imported here: a process that only plans a build, or lists the formats, loads the contract, not the work.
    from ...jsonout import dump
    from .conformance import rebase
    from .facts import gather
    from .r4 import render_r4
    from .r5 import render_r5

    release = context.options["release"]
    facts = gather(m)
    document = render_r5(facts) if release == "r5" else render_r4(facts)
    return dump(rebase(document, context.options["canonical"]))


EXPORTER = Exporter(
    name="fhir",
    title="HL7 FHIR",
    media_type="application/fhir+json",
    folder="fhir",
    extension=".json",
    render=render,
    options=(
        Option("release", RELEASES, "the FHIR release: R5 (5.0.0) as a Bundle, or R4 (4.0.1)"),
        Option("canonical", (PROJECT_BASE,), "the root of the project's FHIR URLs (extensions, code systems, the "
               "conformance package); monograph.toml's [fhir] canonical sets it for a project", check=canonical_problem),
    ),
    mapping=COLUMNS,
)
