"""FHIR compaction (what an inner call compacted is kept whole by the compaction of what holds it), and ids."""

from __future__ import annotations

import uuid

from monograph.formats.fhir.conformance import rebase
from monograph.formats.fhir.datatypes import compact, reference, without_systems
from monograph.formats.fhir.ids import ID_NAMESPACE, uuid5_text
from monograph.formats.fhir.vocabulary import PROJECT_BASE
from monograph.jsonout import dump


def test_a_holder_keeps_compacted_parts_drops_empty_ones_and_writes_as_plain_json() -> None:
    inner = compact({"reference": "#a", "display": "Baclofen\u00a0tablets"})
    holder = {"author": inner, "none": compact({"display": None}), "list": compact([None, ""]),
              "plain": {"text": "", "x": [{}]}, "kept": [inner, {"v": 1}]}
    out = compact(holder)
    assert out == {"author": {"reference": "#a", "display": "Baclofen tablets"},
                   "kept": [{"reference": "#a", "display": "Baclofen tablets"}, {"v": 1}]}
    assert out["author"] is inner  # kept, not read again
    assert dump(out) == dump({"author": dict(inner), "kept": [dict(inner), {"v": 1}]})


def test_release_and_base_changes_read_into_compacted_parts() -> None:
    coding = compact({"coding": [{"system": "http://snomed.info/sct", "code": "1", "display": "One"}]})
    assert without_systems({"code": coding}, frozenset({"http://snomed.info/sct"})) == {"code": {"coding": None, "text": "One"}}
    extension = compact({"url": PROJECT_BASE + "/StructureDefinition/x", "valueString": "y"})
    moved = rebase({"extension": [extension], "author": reference("#a")}, "https://other.example.org/fhir")
    assert moved["extension"][0]["url"] == "https://other.example.org/fhir/StructureDefinition/x"


def test_ids_are_the_uuid5_the_uuid_module_makes() -> None:
    for name in ("baclofen/Bundle", "baclofen/Side effect/Drowsiness#2", "amoxicilline/Effet indésirable/Nausée", ""):
        assert uuid5_text(name) == str(uuid.uuid5(ID_NAMESPACE, name))
