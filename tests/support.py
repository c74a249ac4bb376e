"""Builders the tests share: one home, instead of a copy in each test file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml
from monograph.feed import CHANGES
from monograph.model import Monograph
from monograph.pipeline import check_bytes, check_file
from monograph.project import Project
from monograph.validation import ValidationResult


def validate_file(path: Path) -> ValidationResult:
    """One source file through the whole pipeline, in a project with no settings."""
    return check_file(path, Project())


REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2030, 1, 1)
"""The date tests check against, so that no monograph's review date is ever 'in the future'."""


def baclofen_data() -> dict[str, Any]:
    """The seed monograph as plain data, to change and load again."""
    loaded = yaml.safe_load((REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


class _QuotingDumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1, where '0E0' or '1_000' is text and needs no quotes; monographs are read as YAML 1.2,
    where they are numbers. Quoting every string keeps text text under both."""


_QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def dump_yaml(data: Any) -> str:
    """Plain data as YAML that reads back as the same data under YAML 1.2."""
    return yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=4096)


def load_data(data: dict[str, Any], name: str | None = None) -> ValidationResult:
    """Plain data written out as YAML and put through the pipeline, as the file ``NAME.yaml``."""
    raw = dump_yaml(data).encode("utf-8")
    return check_bytes(f"{name or data['id']}.yaml", raw, Project(today=TODAY))


def make_monograph(data: dict[str, Any], name: str | None = None) -> Monograph:
    """The model of plain data that must be valid."""
    result = load_data(data, name)
    assert result.monograph is not None, [str(p) for p in result.problems]
    return result.monograph


def schema2_data() -> dict[str, Any]:
    """The seed monograph with every schema 2.0 field in use, scoped and unscoped, for the exporters' tests.

    The facts are made up for the tests (they are not baclofen's label): what matters is that each field and
    each kind of scope (a form, a brand, the whole drug) appears at least once.
    """
    data = baclofen_data()
    data["drug"]["codes"]["atc"] = ["M03BX01", "M03BX"]
    data["drug"]["codes"]["former"] = {"atc": "M03BX99"}
    data["drug"]["supply"] = [
        {"status": "prescription-only", "jurisdiction": "US", "cites": ["prescribing-information"]},
        {"status": "over-the-counter", "jurisdiction": "GB", "applies_to": ["tablet"], "note": "small packs only"},
        {"status": "hospital-only", "jurisdiction": "US", "applies_to": ["intrathecal-injection"]},
        {"status": "controlled", "jurisdiction": "CA", "schedule": "Schedule IV", "applies_to": ["Gablofen"]},
        {"status": "pharmacy-only", "applies_to": ["oral-liquid"]},
    ]
    data["drug"]["programs"] = [{
        "name": "Intrathecal baclofen safety program", "kind": "risk-management",
        "text": "Pump refills are done by trained staff.", "url": "https://example.org/program",
        "applies_to": ["intrathecal-injection"], "cites": ["intrathecal-prescribing-information"],
    }]
    data["ingredients"]["items"].append({
        "name": "phenylalanine", "role": "excipient", "applies_to": ["Lioresal"], "cites": ["prescribing-information"]})
    data["ingredients"]["items"].append({"name": "clavulanic acid", "codes": {"unii": "23521W1S24"}})
    tablet, liquid, intrathecal = data["forms"]["items"]
    tablet["strengths"] = [{"contents": [{"ingredient": "baclofen", "amount": 10, "unit": "mg"},
                                         {"ingredient": "clavulanic acid", "amount": 2.5, "unit": "mg"}]}]
    liquid["strengths"] = [{"ingredient": "baclofen", "amount": 5, "unit": "mg", "per_amount": 5, "per_unit": "mL"}]
    intrathecal["strengths"] = [{"ingredient": "baclofen", "amount": 500, "unit": "ug", "per_amount": 1, "per_unit": "mL"}]
    indication = data["indications"]["items"][0]
    data["indications"]["items"].append({
        "name": "Severe spasticity", "applies_to": ["intrathecal-injection"],
        "population": {"group": "adults", "age": {"min": 18, "unit": "a"}}, "cites": ["intrathecal-prescribing-information"],
    })
    indication["population"] = {"name": "People with multiple sclerosis", "conditions": [{"name": "Multiple sclerosis"}]}
    effects = data["side_effects"]["items"]
    effects[0]["rate"] = {"percent": 12, "comparator_percent": 11}
    effects[1]["rate"] = {"percent": 8.5, "comparator_percent": 2, "comparator": "tizanidine"}
    effects[2]["rate"] = {"percent": 5}
    effects[3].pop("frequency")
    effects[4]["frequency"] = "very-common"
    effects[5]["frequency"] = "very-rare"
    effects.append({"name": "Injection site pain", "frequency": "uncommon", "applies_to": ["intrathecal-injection"],
                    "population": {"group": "children", "age": {"min": 4, "max": 17, "unit": "a"}}})
    effects.append({"name": "Aftertaste", "frequency": "not-known", "applies_to": ["Lioresal"]})
    data["boxed_warning"]["population"] = {"sex": "female", "pregnancy": "able-to-become-pregnant"}
    precautions = data["precautions"]["items"]
    precautions[0]["concepts"].append({"name": "Liver disease", "codes": {"snomed": "235856003"}})
    precautions[0]["risk_factors"] = [{"name": "Older age"}]
    precautions[0]["warning_signs"] = [{"name": "Dark urine"}, {"name": "Yellow skin or eyes"}]
    precautions[0]["above_dose"] = {"amount": 80, "unit": "mg", "per": {"value": 1, "unit": "d"}}
    precautions[1]["contraindicated"] = True
    precautions[1]["applies_to"] = ["intrathecal-injection"]
    precautions[2]["population"] = {"group": "children", "age": {"max": 11, "unit": "a"}, "weight": {"max": 40, "unit": "kg"}}
    precautions[4]["effects"] = [{"name": "Drowsiness", "codes": {"snomed": "271782001"}}]
    precautions.append({"kind": "other", "text": "Contains phenylalanine", "contraindicated": True,
                        "applies_to": ["Lioresal"], "concepts": [{"name": "Phenylketonuria"}]})
    data["advice"]["items"].append({"topic": "other", "text": "Keep the pump appointments.",
                                    "applies_to": ["intrathecal-injection"], "population": {"name": "Pump users"}})
    data["dosing"] = {
        "intro": "How much baclofen to take.",
        "items": [
            {"text": "Start with 5 mg three times a day; raise by 5 mg every 3 days; at most 80 mg a day.",
             "indication": "Spasticity resulting from multiple sclerosis", "applies_to": ["tablet"],
             "population": {"group": "adults"},
             "steps": [{"dose": {"amount": 5, "unit": "mg"}, "times": 3, "period": {"value": 1, "unit": "d"},
                        "duration": {"value": 3, "unit": "d"}},
                       {"dose": {"low": 10, "high": 20, "unit": "mg"}, "times": 3, "period": {"value": 1, "unit": "d"},
                        "after": {"value": 3, "unit": "d"}, "divided_into": 3, "text": "then 10 to 20 mg"}],
             "maximum": [{"amount": 80, "unit": "mg", "per": {"value": 1, "unit": "d"}, "text": "at most 80 mg a day"}],
             "administered_by": "patient", "cites": ["prescribing-information"]},
            {"text": "5 mL as needed for ages 2 to 5.", "applies_to": ["oral-liquid"],
             "population": {"age": {"min": 2, "max": 5, "unit": "a"}, "weight": {"min": 10, "max": 20, "unit": "kg"}},
             "steps": [{"dose": {"amount": 5, "unit": "mL"}, "as_needed": True, "every": {"low": 6, "high": 8, "unit": "h"}}],
             "maximum": [{"amount": 4, "unit": "{dose}", "per": {"value": 24, "unit": "h"}}, {"amount": 10, "unit": "mL"}]},
            {"text": "A test dose by a doctor, over 1 minute, then watch for 4 hours.", "applies_to": ["Gablofen"],
             "steps": [{"dose": {"amount": 50, "unit": "ug"}}], "infusion_duration": {"value": 1, "unit": "min"},
             "premedication": [{"name": "Paracetamol", "codes": {"rxnorm": "161"}}],
             "observation": {"low": 4, "high": 8, "unit": "h"}, "administered_by": "healthcare-professional"},
        ],
        "outro": "Do not change the dose yourself.",
        "cites": ["prescribing-information"],
    }
    data["monitoring"] = {
        "items": [
            {"test": {"name": "Liver function tests", "codes": {"loinc": "24325-3"}}, "when": ["before-start", "during"],
             "text": "Liver tests before and during treatment.", "cites": ["prescribing-information"]},
            {"test": {"name": "Kidney function"}, "when": ["after-stopping"], "text": "Check the kidneys after stopping.",
             "applies_to": ["intrathecal-injection"], "population": {"group": "older-adults"}},
            {"test": {"name": "Pump check"}, "text": "The pump is checked at each refill.", "applies_to": ["Gablofen"]},
        ],
    }
    data["missed_dose"] = {"items": [
        {"text": "Take it when you remember, unless it is nearly time for the next dose.", "applies_to": ["tablet"]},
        {"text": "Call your care team if a refill is missed.", "applies_to": ["intrathecal-injection"]}]}
    data["storage"] = {"heading": "How should I store baclofen?", "items": [
        {"text": "Store at room temperature.", "temperature": {"min": 15, "max": 30}},
        {"text": "Take unused medicine to a take-back program.", "disposal": True, "applies_to": ["Lioresal"]}]}
    data["overdose"] = {"intro": "Call Poison Control.", "items": [
        {"text": "Get emergency help if someone took too much.", "symptoms": [{"name": "Vomiting"}, {"name": "Coma"}]},
        {"text": "An intrathecal overdose needs hospital care.", "applies_to": ["intrathecal-injection"],
         "population": {"pregnancy": "pregnant"}}]}
    data["citations"].append({"id": "drug-facts", "kind": "drug-facts-label", "title": "Drug facts",
                              "url": "https://example.org/facts"})
    data["citations"].append({"id": "guide", "kind": "medication-guide", "title": "Medication guide",
                              "url": "https://example.org/guide"})
    data["citations"].append({"id": "leaflet", "kind": "patient-information", "title": "Patient leaflet",
                              "url": "https://example.org/leaflet"})
    data["advice"]["items"][0]["cites"] = ["prescribing-information", "drug-facts", "guide", "leaflet"]
    return data


def combination_data() -> dict[str, Any]:
    """A combination product with several boxed warnings and per-ingredient maximums, shaped like the label of
    acetaminophen with codeine: an addiction warning of every form, a dosing-error warning of the oral solution
    only, a warning about children, and at most 4,000 mg of acetaminophen and 360 mg of codeine in 24 hours.

    The words are the tests' own; what matters is that each warning and each limit is scoped as a label scopes it.
    """
    data = baclofen_data()
    for section in ("mechanism", "precautions", "advice"):
        data.pop(section)
    data.update(id="acetaminophen-codeine", title="Acetaminophen and codeine",
                url="https://example.org/drugs/acetaminophen-codeine",
                summary="Acetaminophen and codeine is a pain reliever that combines two medicines.")
    data["drug"] = {"generic_name": "acetaminophen and codeine",
                    "supply": [{"status": "prescription-only", "jurisdiction": "US"},
                               {"status": "controlled", "jurisdiction": "US", "schedule": "CIII", "applies_to": ["tablet"]},
                               {"status": "controlled", "jurisdiction": "US", "schedule": "CV", "applies_to": ["oral-solution"]}]}
    data["ingredients"] = {"items": [{"name": "acetaminophen"}, {"name": "codeine phosphate"}]}
    data["indications"] = {"items": [{"name": "Mild to moderate pain", "cites": ["prescribing-information"]}]}

    def contents(acetaminophen: float, codeine: float) -> list[dict[str, Any]]:
        return [{"ingredient": "acetaminophen", "amount": acetaminophen, "unit": "mg"},
                {"ingredient": "codeine phosphate", "amount": codeine, "unit": "mg"}]

    data["forms"] = {"items": [
        {"id": "tablet", "name": "Tablet", "route": {"name": "oral"},
         "strengths": [{"contents": contents(300, 30)}, {"contents": contents(300, 60)}]},
        {"id": "oral-solution", "name": "Oral solution", "route": {"name": "oral"},
         "strengths": [{"contents": contents(120, 12), "per_amount": 5, "per_unit": "mL"}]},
    ]}
    data["brands"] = {"items": [{"name": "Tylenol with Codeine", "forms": ["tablet"]}]}
    data["side_effects"] = {"items": [{"name": "Drowsiness", "frequency": "common"},
                                      {"name": "Constipation", "frequency": "common"}]}
    data["boxed_warning"] = [
        {"heading": "Addiction, abuse and misuse", "text": "Codeine can cause addiction, even at the doses prescribed.",
         "risks": [{"name": "Addiction"}, {"name": "Overdose"}], "cites": ["prescribing-information"]},
        {"heading": "Dosing errors", "intro": "The oral solution is measured by volume.",
         "text": "Measure each dose of the oral solution with the syringe that comes with it, never a kitchen spoon.",
         "advice": "Ask the pharmacist to show you the right amount.", "applies_to": ["oral-solution"],
         "cites": ["intrathecal-prescribing-information"]},
        {"heading": "Breathing problems in children", "text": "Children can stop breathing after codeine.",
         "risks": [{"name": "Respiratory depression"}], "population": {"group": "children", "age": {"max": 11, "unit": "a"}},
         "applies_to": ["Tylenol with Codeine"]},
    ]
    per_day = {"value": 24, "unit": "h"}
    data["dosing"] = {"items": [
        {"text": "1 or 2 tablets every 4 hours as needed; at most 4,000 mg of acetaminophen and 360 mg of codeine in "
                 "24 hours.", "applies_to": ["tablet"],
         "steps": [{"dose": {"low": 1, "high": 2, "unit": "{tablet}"}, "every": {"value": 4, "unit": "h"}, "as_needed": True}],
         "maximum": [{"amount": 4000, "unit": "mg", "ingredient": "acetaminophen", "per": per_day},
                     {"amount": 360, "unit": "mg", "ingredient": "codeine phosphate", "per": per_day},
                     {"amount": 12, "unit": "{tablet}", "per": per_day}]},
        {"text": "15 mL every 4 hours as needed.", "applies_to": ["oral-solution"],
         "steps": [{"dose": {"amount": 15, "unit": "mL"}, "every": {"value": 4, "unit": "h"}, "as_needed": True}],
         "maximum": [{"amount": 4000, "unit": "mg", "ingredient": "acetaminophen", "per": per_day,
                      "text": "Never more than 4,000 mg of acetaminophen a day"},
                     {"amount": 360, "unit": "mg", "ingredient": "codeine phosphate", "per": per_day,
                      "text": "At most 360 mg a day"}]},
    ]}
    return data


def edit_baclofen(path: Path) -> None:
    """The three changes of the issue: the boxed warning now for tablets only, brand Revonto, no Drowsiness."""
    text = path.read_text(encoding="utf-8")
    for old, new in (
            ("  applies_to: [intrathecal-injection]\n  cites: [intrathecal-prescribing-information]\n",
             "  applies_to: [tablet]\n  cites: [intrathecal-prescribing-information]\n"),
            ("    - name: Gablofen\n", "    - name: Revonto\n      forms: [tablet]\n    - name: Gablofen\n"),
            ('    - name: Drowsiness\n      frequency: common\n      codes: {snomed: "271782001"}\n', "")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


EDITED_BACLOFEN_CHANGES = {
    "boxed_warning.applies_to": "boxed warning now applies to Tablet only",
    "brands.items": "brand Revonto added",
    "side_effects.items": "side effect Drowsiness removed",
}
"""What edit_baclofen changes, by field, in the words of `monograph diff`."""


def without_changes(feed: bytes) -> bytes:
    """A feed's bytes without its what-changed elements and the namespace declaration they bring: what a clean
    build, which knows no earlier versions, writes."""
    text = re.sub(r"\n *<ch:change [^>]*>[^<]*</ch:change>", "", feed.decode("utf-8"))
    return text.replace(f' xmlns:ch="{CHANGES}"', "").encode("utf-8")


def published_without_history(folder: Path) -> dict[str, str]:
    """Every published file under ``folder`` with its SHA-256, the feed without what changed (history, which a
    clean build has not got) and the manifest without the feed's digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or ".monograph" in path.parts:
            continue
        data = path.read_bytes()
        if path == folder / "feed.atom":
            data = without_changes(data)
        elif path == folder / "manifest.json":
            manifest = json.loads(data)
            manifest["corpus_outputs"] = [o for o in manifest["corpus_outputs"] if o["path"] != "feed.atom"]
            data = json.dumps(manifest, sort_keys=True).encode()
        found[path.relative_to(folder).as_posix()] = hashlib.sha256(data).hexdigest()
    return found
