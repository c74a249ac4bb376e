"""FHIR: a brand that lists no forms is a product of its own, and a monograph without a medical review says so."""

from __future__ import annotations

from typing import Any

import pytest
import test_fhir
from monograph.formats.fhir.vocabulary import ARTIFACT_DATE, ARTIFACT_LAST_REVIEW_DATE, ARTIFACT_REVIEWER, extension_url
from support import baclofen_data, make_monograph
from test_fhir_scoping import by_url, issue_refs, render, resources

ADVICE = "Ozobax is an oral solution; ask before switching to it."


def formless_brand_data() -> dict[str, Any]:
    """Baclofen with a brand that lists no forms and one piece of advice about that brand only."""
    data = baclofen_data()
    data["brands"]["items"].append({"name": "Ozobax"})
    data["advice"]["items"].append({"topic": "other", "text": ADVICE, "applies_to": ["Ozobax"]})
    return data


def advice_url(document: dict[str, Any]) -> str:
    (url,) = [u for u, r in by_url(document).items() if r["resourceType"] == "ClinicalUseDefinition"
              and ADVICE in r.get("warning", {}).get("description", "")]
    return url


def test_a_brand_without_forms_is_an_r5_product_that_references_its_statements() -> None:
    document = render(make_monograph(formless_brand_data()), "r5")
    drug, *products = resources(document, "MedicationKnowledge")
    (brand,) = [p for p in products if p["code"]["text"] == "Ozobax"]
    assert brand["name"] == ["Ozobax"]
    assert "doseForm" not in brand.get("definitional", {}) and "intendedRoute" not in brand.get("definitional", {})
    url = advice_url(document)
    assert url in issue_refs(brand)
    assert all(url not in issue_refs(r) for r in (drug, *products) if r is not brand)
    cud = by_url(document)[url]
    applies = [e["valueReference"]["reference"] for e in cud["extension"] if e["url"] == extension_url("applies-to")]
    assert applies == [f"urn:uuid:{brand['id']}"]


def test_a_brand_without_forms_is_an_r4_contained_product_the_issue_applies_to() -> None:
    document = render(make_monograph(formless_brand_data()), "r4")
    (brand,) = [c for c in document["contained"] if c.get("code", {}).get("text") == "Ozobax"]
    assert "doseForm" not in brand and brand["synonym"] == ["Ozobax"]
    issues = [e for e in document["extension"] if e["url"] == extension_url("clinical-use-issue")
              and any(p.get("valueMarkdown", "").find(ADVICE) >= 0 for p in e["extension"])]
    (issue,) = issues
    assert [p["valueReference"]["reference"] for p in issue["extension"] if p["url"] == "appliesTo"] == [f"#{brand['id']}"]


def unreviewed() -> Any:
    data = baclofen_data()
    del data["review"]
    data["modified"] = "2024-05"
    return make_monograph(data)


def test_an_unreviewed_monograph_has_no_review_provenance_and_says_so() -> None:
    document = render(unreviewed(), "r5")
    assert resources(document, "Provenance") == []
    drug = resources(document, "MedicationKnowledge")[0]
    assert "This content has not been medically reviewed." in drug["text"]["div"]
    assert {"url": ARTIFACT_DATE, "valueDateTime": "2024-05"} in drug["extension"]


def test_an_unreviewed_monograph_has_no_r4_reviewer() -> None:
    document = render(unreviewed(), "r4")
    urls = {e["url"] for e in document["extension"]}
    assert not urls & {ARTIFACT_REVIEWER, ARTIFACT_LAST_REVIEW_DATE}
    assert ARTIFACT_DATE in urls
    assert "This content has not been medically reviewed." in document["text"]["div"]


@pytest.mark.parametrize("release", ["r5", "r4"])
def test_the_fixtures_pass_every_fhir_validator(release: str) -> None:
    for m in (make_monograph(formless_brand_data()), unreviewed()):
        document = render(m, release)
        test_fhir.structure_check(document, release)
        assert test_fhir.validate_everything(document, release) == []
        assert test_fhir.extension_problems(test_fhir.release(release), document) == []
