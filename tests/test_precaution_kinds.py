"""Contraindications and breastfeeding precautions reach every format as what they are."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, load_model
from lxml import etree
from monograph.api import export
from monograph.formats.syndication.tree import NAMESPACE
from monograph.model import Monograph


def _with_breastfeeding(tmp_path: Path) -> Monograph:
    text = (REPO / "source" / "baclofen.yaml").read_text(encoding="utf-8").replace(
        "    - kind: interaction\n",
        "    - kind: breastfeeding\n      contraindicated: true\n      text: Are breastfeeding\n"
        "    - kind: interaction\n", 1)
    path = tmp_path / "baclofen.yaml"
    path.write_text(text, encoding="utf-8")
    return load_model(path)


def test_the_model_carries_the_flag(models: dict[str, Monograph]) -> None:
    items = models["dalfampridine"].precautions.items
    assert [p.contraindicated for p in items] == [True, True, False, True, False]


def test_fhir_r5_makes_contraindications_of_them(models: dict[str, Monograph]) -> None:
    bundle = json.loads(export(models["dalfampridine"], "fhir"))
    cuds = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ClinicalUseDefinition"]
    contraindications = [c for c in cuds if c["type"] == "contraindication"]
    assert len(contraindications) == 2
    assert all("contraindication" in c and "warning" not in c for c in contraindications)
    names = {c["contraindication"]["diseaseSymptomProcedure"]["concept"]["text"] for c in contraindications}
    assert names == {"History of seizure", "Impaired kidney function"}
    interactions = [c for c in cuds if c["type"] == "interaction"]
    assert sum(bool(c["interaction"].get("management")) for c in interactions) == 1


def test_json_ld_lists_them_as_contraindications(models: dict[str, Monograph], tmp_path: Path) -> None:
    graph = json.loads(export(models["tizanidine"], "jsonld"))["@graph"]
    therapy = next(n for n in graph if n["@type"] == "MedicalTherapy")
    names = [c["name"] for c in therapy.get("contraindication", [])]
    assert any("fluvoxamine" in name for name in names)
    graph = json.loads(export(_with_breastfeeding(tmp_path), "jsonld"))["@graph"]
    drug = next(n for n in graph if n.get("@id", "").endswith("#drug"))
    assert drug["breastfeedingWarning"] == ["Are breastfeeding"]


def test_xml_and_html_show_the_flag(models: dict[str, Monograph]) -> None:
    document = etree.fromstring(export(models["dalfampridine"], "xml"))
    flags = document.xpath("//m:precaution/@contraindicated", namespaces={"m": NAMESPACE})
    assert flags == ["true", "true", "false", "true", "false"]
    page = export(models["dalfampridine"], "html").decode("utf-8")
    # The three contraindications are in the "Do not use" box at the top, each tagged; the two cautions are not.
    assert page.count('<span class="tag">do not use</span>') == 3
    assert page.index('id="contraindications"') < page.index('class="summary"')
    assert "How to take it" in page
