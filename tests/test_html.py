"""The HTML page, checked by parsers this project did not write.

html5lib (the WHATWG parsing algorithm, in strict mode) must parse every page
without a single parse error; extruct (structured-data extraction as crawlers
do it) must find exactly the JSON-LD that formats/schemaorg/ makes; and
everything the JSON-LD claims must be visible on the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import extruct
import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from monograph.api import export
from monograph.formats import html
from monograph.formats.html.embedded import json_for_script
from monograph.formats.schemaorg.jsonld import document as jsonld_document
from monograph.jsonout import dump
from monograph.model import Monograph, PartialDate
from monograph.project import Project
from monograph.wording import readable_date, text_direction
from support import validate_file

# Monographs for odd cases are built the same way in both exporter test files.
from test_schemaorg import OPTIONAL, baclofen_data, make_monograph, with_extras, without

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "source").glob("*.yaml"))

# Values that are identifiers or machine-readable forms of what the page shows
# in words; they are checked separately below.
NOT_WORDS = {"@context", "@type", "@id", "url", "prescribingInfo", "prescriptionStatus", "inLanguage",
             "lastReviewed", "dateModified", "datePublished", "codeValue", "codingSystem", "strengthUnit",
             # A dose schedule's unit, frequency and population, and a place's code, are written from the data
             # ("3 times per day", "age 2 to 5 years", "US"); the page says the same in the author's words.
             "doseUnit", "frequency", "targetPopulation", "identifier"}


def parse_strictly(page: str) -> etree._Element:
    """Parse as a browser would, failing on any parse error."""
    parser = html5lib.HTMLParser(strict=True, tree=html5lib.getTreeBuilder("lxml"), namespaceHTMLElements=False)
    return parser.parse(page).getroot()


def embedded_json_ld(page: str) -> list[Any]:
    return extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"]


def visible_text(root: etree._Element) -> str:
    """The words a reader sees: the body without scripts and styles, whitespace collapsed."""
    parts = root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join("".join(parts).split())


def words_claimed(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(property, text) for every text value in a JSON-LD object a reader should be able to see."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name not in NOT_WORDS:
                yield from words_claimed(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from words_claimed(item, key)
    elif isinstance(node, str):
        yield key, node


def render(monograph: Monograph) -> str:
    # No monograph.toml: the page in the tool's own words (the repository's [page] settings are the publisher's).
    return export(monograph, "html", project=Project()).decode("utf-8")


def assert_publishable(monograph: Monograph) -> etree._Element:
    """The checks every page must pass; returns the parsed page for more."""
    page = render(monograph)
    root = parse_strictly(page)
    assert page.startswith("<!DOCTYPE html>\n")
    assert embedded_json_ld(page) == [jsonld_document(monograph)]
    # Content cannot end or comment out the script: the raw script text holds neither sequence.
    assert page.count("</script>") == 1
    script = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<!--" not in script and "</" not in script
    text = visible_text(root).casefold()
    for prop, words in words_claimed(jsonld_document(monograph)):
        assert " ".join(words.split()).casefold() in text, f"{prop}: {words!r} is not on the page"
    return root


def only(root: etree._Element, path: str) -> etree._Element:
    found = root.xpath(path)
    assert len(found) == 1, (path, found)
    return found[0]


# ---------------------------------------------------------------- every monograph


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_page_parses_strictly_and_embeds_the_json_ld(source: Path) -> None:
    monograph = validate_file(source).monograph
    root = assert_publishable(monograph)
    assert root.get("lang") == monograph.language
    assert only(root, "//head/link[@rel='canonical']").get("href") == monograph.url
    assert only(root, "//head/title").text.startswith(monograph.title)
    assert only(root, "//head/meta[@charset]").get("charset") == "utf-8"
    assert only(root, "//head/meta[@name='viewport']") is not None
    assert only(root, "//head/meta[@name='description']").get("content") == " ".join(monograph.summary.plain.split())


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_page_is_self_contained(source: Path) -> None:
    root = parse_strictly(render(validate_file(source).monograph))
    assert root.xpath("//*[@src]") == []
    assert root.xpath("//link[@rel!='canonical' and @rel!='alternate']") == []
    assert {a.get("href") for a in root.xpath("//a[not(starts-with(@href, '#'))]")} <= {
        "index.html", *(c.url for c in validate_file(source).monograph.citations)}
    assert [s.get("type") for s in root.iter("script")] == ["application/ld+json"]
    assert root.xpath("//@*[starts-with(name(), 'on')]") == []


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_page_structure_is_accessible(source: Path) -> None:
    root = parse_strictly(render(validate_file(source).monograph))
    only(root, "//body/main")
    assert len(root.xpath("//h1")) == 1
    levels = [int(h.tag[1]) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))
    for link in root.xpath("//a[starts-with(@href, '#')]"):
        assert link.get("href")[1:] in ids
    for labelled in root.xpath("//*[@aria-labelledby]"):
        assert labelled.get("aria-labelledby") in ids


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_rendering_is_deterministic(source: Path) -> None:
    assert export(validate_file(source).monograph, "html") == export(validate_file(source).monograph, "html")


# ---------------------------------------------------------------- the seed page


def test_baclofen_page_shows_every_fact() -> None:
    monograph = validate_file(ROOT / "source" / "baclofen.yaml").monograph
    root = assert_publishable(monograph)
    text = visible_text(root)

    assert only(root, "//h1").text == "Baclofen"
    assert "Reviewed by: HU Medical Review Board | Last reviewed: April 2023" in text
    assert only(root, "//article/header//time").get("datetime") == "2023-04"

    brands = [li.xpath("string(strong)") for li in root.xpath("//section[@id='brands']//li")]
    assert brands == ["Lioresal", "Lioresal Intrathecal", "Gablofen"]
    assert "Lioresal Intrathecal: Injection for intrathecal infusion" in text

    effects = root.xpath("//section[@id='side-effects']/ul/li")
    assert len(effects) == 12 and effects[6].xpath("string()") == "Insomnia (difficulty sleeping)"
    assert "Common (1 in 100 people or more)" in text

    # The boxed warning opens the article, before the summary, and says first which form it is about.
    box = only(root, "//article/section[@class='boxed-warning']")
    assert box.getprevious().tag == "header" and box.getnext().get("class") == "summary"
    assert only(box, "h2").text == "Boxed warning"
    box_text = " ".join(box.xpath("string()").split())
    assert monograph.boxed_warnings[0].text.plain in box_text
    assert box_text.startswith("Boxed warning Applies to: Injection for intrathecal infusion")

    precautions = root.xpath("//section[@id='precautions']/ul/li")
    assert [p.xpath("string()") for p in precautions] == [p.text for p in monograph.precautions.items]

    indications = only(root, "//section[@id='indications']/ul/li")
    assert indications.text == "Spasticity resulting from multiple sclerosis"
    assert [s.text for s in indications.xpath("ul/li")] == [
        "Flexor spasms", "Clonus (spasms with rhythmic contractions)", "Muscular rigidity"]

    rows = [[" ".join(c.xpath("string()").split()) for c in tr] for tr in root.xpath("//table[@class='forms']/tbody/tr")]
    assert rows[0] == ["Tablet", "oral", "5 mg, 10 mg, 20 mg"]
    assert rows[2][1] == "intrathecal (infusion into the spinal fluid by an implantable pump)"

    assert "Prescription only" in text and "Driving" in text
    assert "1292" not in text and "M03BX01" not in text
    assert only(root, "//dl[@class='facts']").get("data-codes") == "rxnorm:1292 atc:M03BX01 unii:H789N3FKE8 snomed:387342009"


def test_citations_are_numbered_footnotes() -> None:
    monograph = validate_file(ROOT / "source" / "baclofen.yaml").monograph
    root = parse_strictly(render(monograph))
    sources = root.xpath("//section[@id='sources']/ol/li")
    assert [s.get("id") for s in sources] == ["source-1", "source-2"]
    for source, citation in zip(sources, monograph.citations, strict=True):
        link = only(source, "cite/a")
        assert (link.get("href"), link.text) == (citation.url, citation.title)
    marks = root.xpath("//sup[@class='cite']")
    assert [m.xpath("string()") for m in marks[:4]] == ["2", "1", "1", "1"]
    side_effects_mark = only(root, "//section[@id='side-effects']/p[1]/sup")
    assert side_effects_mark.xpath("a/@href") == ["#source-1"]
    assert only(root, "//section[@class='boxed-warning']//sup").xpath("a/@href") == ["#source-2"]


# ---------------------------------------------------------------- odd and hostile content

HOSTILE = "</script><!-- ]]> & < > \" ' <b>not bold</b> &amp;"
ARABIC = "\u0628\u0627\u0643\u0644\u0648\u0641\u064a\u0646 \u0645\u0631\u062e\u064d \u0644\u0644\u0639\u0636\u0644\u0627\u062a"
HEBREW = "\u05d1\u05e7\u05dc\u05d5\u05e4\u05df \u05de\u05e8\u05e4\u05d4 \u05e9\u05e8\u05d9\u05e8\u05d9\u05dd"


def hostile_data(language: str, words: str) -> dict[str, Any]:
    data = with_extras(baclofen_data())
    data["language"] = language
    data["title"] = f"{words} {HOSTILE}"
    data["summary"] = (
        f"{words} {HOSTILE}\n\n*{words}* **strong** [a link](https://example.org/a?b=1&c=2) [bad](javascript:alert(1))"
    )
    data["review"]["reviewed_by"]["name"] = f"Dr {HOSTILE}"
    data["publisher"]["name"] = f"{words} {HOSTILE}"
    data["drug"]["generic_name"] = f"{words} {HOSTILE}"
    data["drug"]["classes"][0]["explanation"] = HOSTILE
    data["brands"]["items"][0]["name"] = f"{words} {HOSTILE}"
    data["forms"]["items"][0]["name"] = f"{words} {HOSTILE}"
    data["side_effects"]["items"][0]["name"] = f"{words} {HOSTILE}"
    data["side_effects"]["items"][1]["note"] = f"{words} {HOSTILE}"
    data["side_effects"]["heading"] = f"{words} {HOSTILE}"
    data["boxed_warning"]["text"] = f"{words} {HOSTILE}"
    data["boxed_warning"]["risks"].append({"name": f"{words} {HOSTILE}", "explanation": HOSTILE})
    data["precautions"]["items"][0]["text"] = f"{words} {HOSTILE}"
    data["precautions"]["items"][4]["interactants"][-1]["name"] = f"tizanidine {HOSTILE}"
    data["indications"]["items"][0]["symptoms"][0]["explanation"] = f"{words} {HOSTILE}"
    data["citations"][0]["title"] = f"{words} {HOSTILE}"
    data["citations"][0]["publisher"] = f"{words} {HOSTILE}"
    data["advice"]["items"][0]["text"] = f"{words} {HOSTILE}"
    return data


@pytest.mark.parametrize(("language", "words", "direction"), [
    ("ar", ARABIC, "rtl"),
    ("he", HEBREW, "rtl"),
    ("en", f"{ARABIC} {HEBREW}", "ltr"),
])
def test_hostile_text_stays_text(language: str, words: str, direction: str) -> None:
    monograph = make_monograph(hostile_data(language, words))
    root = assert_publishable(monograph)
    assert (root.get("lang"), root.get("dir")) == (language, direction)
    text = visible_text(root)
    assert text.count(HOSTILE) >= 10
    assert root.xpath("//b") == []  # markup in text is shown, not obeyed
    assert only(root, "//h1").text == f"{words} {HOSTILE}"
    assert only(root, "//title").text.startswith(f"{words} {HOSTILE}")
    summary = only(root, "//div[@class='summary']")
    assert only(summary, ".//em").text == words
    assert only(summary, ".//strong").text == "strong"
    assert summary.xpath(".//a/@href") == ["https://example.org/a?b=1&c=2"]
    assert "[bad](javascript:alert(1))" in text  # an unsafe link stays words
    if language == "he":  # no Hebrew catalogue: its interface words stay English, and say so
        assert {e.text for e in root.xpath("//*[@lang='en']")} >= {"Sources", "Reviewed by:"}
    if language == "ar":
        assert root.xpath("//*[@lang='en']") == []


def test_hostile_json_ld_is_escaped_in_the_page() -> None:
    monograph = make_monograph(hostile_data("ar", ARABIC))
    page = render(monograph)
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&") & set(script)
    assert json.loads(script) == jsonld_document(monograph)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dropped=st.sets(st.sampled_from(OPTIONAL)), extras=st.booleans())
def test_any_combination_of_optional_fields_makes_a_valid_page(dropped: set[str], extras: bool) -> None:
    monograph = make_monograph(without(with_extras(baclofen_data()) if extras else baclofen_data(), dropped))
    assert_publishable(monograph)


def test_minimal_page() -> None:
    data = without(baclofen_data(), set(OPTIONAL))
    del data["ingredients"]["intro"], data["indications"]["intro"]
    root = assert_publishable(make_monograph(data))
    assert [s.get("id") for s in root.xpath("//section[h2]")] == ["indications", "ingredients", "sources"]
    assert only(root, "//section[@id='ingredients']/ul/li").text == "baclofen"
    # No bare "Sources: 1": a section without an intro names its source.
    line = only(root, "//section[@id='indications']/p[@class='section-sources']")
    assert " ".join(line.xpath("string()").split()) == "Source: Baclofen tablets, USP: prescribing information"
    assert line.xpath("a/@href") == ["#source-1"]


def test_boxed_warning_without_side_effects_is_still_at_the_top() -> None:
    data = without(baclofen_data(), {"side_effects"})
    root = assert_publishable(make_monograph(data))
    box = only(root, "//article/section[@class='boxed-warning']")
    assert only(box, "h2").text == "Boxed warning"


def test_risks_and_interactants_the_text_does_not_name_are_shown() -> None:
    data = baclofen_data()
    data["boxed_warning"]["risks"].append({"name": "Coma"})
    data["precautions"]["items"][4]["interactants"].append({"name": "opioids", "kind": "drug-class"})
    data["precautions"]["items"][4]["effect"] = "deeper sedation"
    text = visible_text(assert_publishable(make_monograph(data)))
    assert "Risks: Coma" in text
    assert "compounded Effect: deeper sedation Interacts with: alcohol, other CNS depressants, opioids" in text
    assert "must not be used" not in text and "do not use" not in text  # baclofen's precautions are all cautions


# ---------------------------------------------------------------- small parts


@pytest.mark.parametrize(("written", "language", "readable"), [
    ("2023", "en", "2023"), ("2023-04", "en", "April 2023"), ("2023-04-03", "en", "April 3, 2023"),
    ("1999-12-31", "en-GB", "31 December 1999"), ("2023-04", "es", "abril de 2023"), ("2023-04-03", "fr", "3 avril 2023"),
    ("2023-04-03", "de", "3. April 2023"), ("2023-04", "ar", "أبريل 2023"),
    ("2023-04-03", "zh", "2023年4月3日"), ("2023-04", "xx", "April 2023"),
])
def test_readable_dates(written: str, language: str, readable: str) -> None:
    """Dates and month names as CLDR (through Babel) writes them in the page's language; English without one."""
    assert readable_date(PartialDate.parse(written), language) == readable


@pytest.mark.parametrize(("language", "direction"), [
    ("en", "ltr"), ("en-GB", "ltr"), ("zh-Hant", "ltr"), ("ar", "rtl"), ("ar-EG", "rtl"), ("he", "rtl"),
    ("fa", "rtl"), ("ur", "rtl"), ("yi", "rtl"), ("ckb", "rtl"), ("ku-Arab", "rtl"), ("pa-Arab-PK", "rtl"),
    ("az-Latn", "ltr"), ("uz-Cyrl", "ltr"), ("ar-Latn", "ltr"),
])
def test_text_direction(language: str, direction: str) -> None:
    assert text_direction(language) == direction


def test_json_for_script_round_trips() -> None:
    document = {"a": "</script><!-- & -->", "b": ["\u2028", ARABIC]}
    text = json_for_script(dump(document))
    assert not set("<>&") & set(text)
    assert json.loads(text) == document


def test_mapping_covers_every_field() -> None:
    from monograph.fields import field_paths

    paths = field_paths()
    keys = set(html.EXPORTER.mapping["HTML"])
    assert keys <= set(paths)
    assert [p for p in paths if not any(p == k or p.startswith(k + ".") for k in keys)] == []
