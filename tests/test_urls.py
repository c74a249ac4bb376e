"""Every address the tool accepts is valid in every format it is published in: XML Schema anyURI (libxml2 and
xmlschema, two implementations), FHIR's uri, and the feed's tag: ids; credentials are refused everywhere."""

from __future__ import annotations

import io
import re

import pytest
import xmlschema
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from monograph.api import export
from monograph.feed import host_of
from monograph.urls import url_problem
from support import baclofen_data, load_data
from test_syndication import XSD, independent_errors, lxml_errors

_ANY_URI = b"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="u" type="xs:anyURI"/></xs:schema>"""
FHIR_URI = re.compile(r"\S*")  # the regex of FHIR's uri datatype
TAG_URI = re.compile(r"tag:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*,"
                     r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?:\S*")  # RFC 4151's shape, ASCII DNS names


@pytest.fixture(scope="module")
def any_uri() -> tuple[etree.XMLSchema, xmlschema.XMLSchema10]:
    return etree.XMLSchema(etree.fromstring(_ANY_URI)), xmlschema.XMLSchema10(io.BytesIO(_ANY_URI))


def _valid_everywhere(url: str, schemas: tuple[etree.XMLSchema, xmlschema.XMLSchema10]) -> list[str]:
    libxml2, independent = schemas
    element = etree.Element("u")
    element.text = url
    failures = []
    if not libxml2.validate(etree.ElementTree(element)):
        failures.append("libxml2 anyURI")
    if not independent.is_valid(etree.tostring(element).decode()):
        failures.append("xmlschema anyURI")
    if not FHIR_URI.fullmatch(url):
        failures.append("FHIR uri")
    if not TAG_URI.fullmatch(f"tag:{host_of(url)},2026:monograph/x"):
        failures.append("tag: URI")
    return failures


ACCEPTED = [  # an IDN host under example.org: a reserved .example host is a placeholder (rule placeholder-text)
    "https://example.org/drugs/baclofen", "https://example.org/a%20b?x=1&y=%3C2%3E#top", "https://sub.example.org:8443/",
    "https://example.org/m%C3%A9dicaments/baclofène", "https://example.org/a/b;c=d/@e:f!$'()*+,", "https://xn--bcher-kva.example.org/",
    "https://example.org/?q=a/b?c", "https://EXAMPLE.org/Path",
]
REFUSED = {
    "https://user:secret@example.org/": "credentials", "https://token@example.org/": "credentials",
    "https://example.org/a#b#c": "second '#'", "https://example.org/%zz": "percent-escape",
    "https://example.org/a%2": "percent-escape", "https://example.org/a[b]": "'['", "https://example.org/a b": "U+0020",
    "https://example.org/a|b": "'|'", "https://example.org/\"x\"": "'\"'", "https://example.org/a\\b": "'\\'",
    "https://ex_ample.org/": "not a host name", "https://bücher.example/": "xn--", "https://[::1]/": "IP address",
    "https://example.org:99999/": "port", "https://example.org:0/": "port", "https://-x.example.org/": "host name",
    "https://example.org/a\u00a0b": "U+00A0", "https://example.org/\ue000": "U+E000", "http://example.org/": "https://",
    "https://": "host name", "https://example.org/a<b": "'<'", "https://example.org/a{b}": "'{'",
}


@pytest.mark.parametrize("url", ACCEPTED)
def test_an_accepted_address_is_valid_in_every_format(url: str, any_uri: tuple[etree.XMLSchema, xmlschema.XMLSchema10]) -> None:
    assert url_problem(url) is None
    assert _valid_everywhere(url, any_uri) == []


@pytest.mark.parametrize("url", sorted(REFUSED))
def test_a_refused_address_says_why(url: str) -> None:
    reason = url_problem(url)
    assert reason is not None and REFUSED[url] in reason, reason


_SAFE = list("abcXYZ019-._~!$&'()*+,;=:@/?") + ["é", "ü", "%41"]
_RISKY = list("#%[]{}|\\^`\"<> \t") + ["\u00a0", "\u200b", "%2", "%4g", "\ue000"]
_ALPHABET = st.sampled_from(_SAFE * 6 + _RISKY)  # mostly what may pass, so that what may not meets it alone


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc-.:@[]019_")), max_size=12), st.lists(_ALPHABET, max_size=20))
def test_whatever_is_accepted_is_valid_everywhere(authority: str, tail: list[str]) -> None:
    for url in (f"https://{authority}/{''.join(tail)}", f"https://example.org/{''.join(tail)}"):
        if url_problem(url) is None:
            assert _valid_everywhere(url, _SCHEMAS) == [], url


_SCHEMAS = (etree.XMLSchema(etree.fromstring(_ANY_URI)), xmlschema.XMLSchema10(io.BytesIO(_ANY_URI)))


@pytest.mark.parametrize("url", ACCEPTED)
def test_an_accepted_canonical_url_exports_xml_that_passes_the_shipped_xsd(url: str) -> None:
    data = baclofen_data()
    data["url"] = url
    result = load_data(data)
    assert result.monograph is not None, [str(p) for p in result.problems]
    document = export(result.monograph, "xml")
    assert lxml_errors(etree.XMLSchema(etree.parse(str(XSD))), document) == []
    assert independent_errors(xmlschema.XMLSchema10(str(XSD), allow="sandbox", defuse="always"), document) == []


@pytest.mark.parametrize("field", ["url", "publisher", "citation", "prose"])
def test_credentials_are_refused_in_every_address_field(field: str) -> None:
    data = baclofen_data()
    secret = "https://editor:secret@example.org/x"
    if field == "url":
        data["url"] = secret
    elif field == "publisher":
        data["publisher"] = {"name": "Example", "url": secret}
    elif field == "citation":
        data["citations"][0]["url"] = secret
    else:
        data["summary"] += f" See [this]({secret})."
    result = load_data(data)
    assert result.monograph is None
    assert [p.rule for p in result.problems] == ["url-syntax"] and "credentials" in result.problems[0].message
