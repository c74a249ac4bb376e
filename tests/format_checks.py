"""Every validator from elsewhere, in one call, for tests that make their own monographs.

The checks themselves live with each format's tests; this module only gathers
them, with the expensive objects (vocabulary, XSDs, FHIR definitions) built once.
"""

from __future__ import annotations

import json
from functools import cache

import test_fhir
import test_html
import test_schemaorg
import test_syndication
import xmlschema
from lxml import etree
from monograph.api import export
from monograph.formats import fhir
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from monograph.model import Monograph


@cache
def vocabulary() -> test_schemaorg.Vocabulary:
    return test_schemaorg.Vocabulary.load(test_schemaorg.VOCABULARY)


@cache
def xml_schemas() -> tuple[etree.XMLSchema, xmlschema.XMLSchema10]:
    xsd = test_syndication.XSD
    return (
        etree.XMLSchema(etree.parse(str(xsd), test_syndication.safe_parser())),
        xmlschema.XMLSchema10(str(xsd), allow="sandbox", defuse="always"),
    )


def check_every_format(model: Monograph, *, invariants: bool = True) -> None:
    """Assert that each format's output passes its validators and renders the same bytes twice.

    ``invariants=False`` skips the FHIRPath invariants and bindings, which take
    seconds on a large document, and keeps the structural and JSON Schema checks.
    """
    assert test_schemaorg.check(vocabulary(), jsonld_document(model)) == []
    test_html.assert_publishable(model)
    lxml_schema, independent = xml_schemas()
    test_syndication.assert_valid_and_complete(model, lxml_schema, independent)
    assert export(model, "xml") == export(model, "xml")
    for release in fhir.RELEASES:
        data = export(model, "fhir", fhir_release=release)
        assert data == export(model, "fhir", fhir_release=release)
        document = json.loads(data)
        test_fhir.structure_check(document, release)
        if invariants:
            assert test_fhir.validate_everything(document, release) == []
        else:
            assert [e.message for e in test_fhir.release(release).schema.iter_errors(document)] == []
