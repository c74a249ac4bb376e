"""The page in every language it ships an interface for: every interface word translated, dates and month names as
CLDR writes them, right to left for Arabic with mixed-direction values isolated, and English (marked as such) for
a language without a catalogue."""

from __future__ import annotations

import re
from typing import Any

import pytest
from babel.messages.pofile import read_po
from monograph import wording as page_language
from monograph.api import build
from monograph.project import Project
from monograph.wording import SHIPPED
from support import TODAY, dump_yaml, make_monograph
from test_html import ROOT, assert_publishable, only, render, visible_text
from test_html_content import every_field_data

CATALOGUES = ROOT / "exporters" / "monograph" / "messages"
TRANSLATED = [language for language in SHIPPED if language != "en"]

# The review month of the fixture (April 2023) as CLDR writes it in each language.
APRIL_2023 = {"es": "abril de 2023", "fr": "avril 2023", "de": "April 2023",
              "ar": "\u0623\u0628\u0631\u064a\u0644 2023", "zh": "2023\u5e744\u6708"}
REVIEWED_BY = {"es": "Revisado por:", "fr": "Relu par :", "de": "Gepr\u00fcft von:", "ar": "\u0631\u0627\u062c\u0639\u0647:",
               "zh": "\u5ba1\u9605\u8005\uff1a"}


def in_language(language: str, **changes: Any) -> dict[str, Any]:
    data = every_field_data()
    data["language"] = language
    data.update(changes)
    return data


def messages_used(monkeypatch: pytest.MonkeyPatch, language: str) -> set[str]:
    """Every interface message the page asks for while rendering the every-field fixture."""
    used: set[str] = set()
    text, translated = page_language.Language.text, page_language.Language.translated

    def recording_text(self: page_language.Language, message: str, **values: str) -> str:
        used.add(message)
        return text(self, message, **values)

    def recording_translated(self: page_language.Language, message: str) -> bool:
        used.add(message)
        return translated(self, message)

    monkeypatch.setattr(page_language.Language, "text", recording_text)
    monkeypatch.setattr(page_language.Language, "translated", recording_translated)
    render(make_monograph(in_language(language)))
    return used


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_interface_word_is_translated(language: str) -> None:
    root = assert_publishable(make_monograph(in_language(language)))
    assert root.get("lang") == language
    english = [" ".join(e.xpath("string()").split()) for e in root.xpath("//body//*[@lang='en']")]
    assert english == []
    review = " ".join(only(root, "//article/header/p[@class='review']").xpath("string()").split())
    assert review.startswith(REVIEWED_BY[language]) and APRIL_2023[language] in review
    assert "Reviewed by" not in visible_text(root)


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_has_every_message_the_page_uses(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    with (CATALOGUES / f"{language}.po").open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    used = messages_used(monkeypatch, language)
    assert len(used) > 60
    missing = sorted(m for m in used if not (catalogue.get(m) and catalogue.get(m).string))
    assert missing == []
    for message in catalogue:
        if message.id:
            assert set(re.findall(r"\{\w+\}", message.id)) == set(re.findall(r"\{\w+\}", message.string)), message.id


def test_an_arabic_page_reads_right_to_left_with_arabic_words_and_dates() -> None:
    root = assert_publishable(make_monograph(in_language("ar", title="\u0628\u0627\u0643\u0644\u0648\u0641\u064a\u0646")))
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")
    review = only(root, "//article/header/p[@class='review']")
    # The reviewer's Latin name and the date are each isolated, so the line cannot reorder around them.
    assert [b.xpath("string()") for b in review.xpath("bdi")] == ["HU Medical Review Board", "\u0623\u0628\u0631\u064a\u0644 2023"]
    assert only(review, "bdi/time").get("datetime") == "2023-04"
    text = visible_text(root)
    for words in ("\u0628\u0648\u0635\u0641\u0629 \u0637\u0628\u064a\u0629 \u0641\u0642\u0637",  # Prescription only
                  "\u0627\u0644\u0645\u0635\u0627\u062f\u0631",  # Sources
                  "\u0627\u0644\u0648\u0644\u0627\u064a\u0627\u062a \u0627\u0644\u0645\u062a\u062d\u062f\u0629"):  # United States
        assert words in text
    # Amounts stay left to right inside the right-to-left page.
    assert root.xpath("//span[@class='strengths']/span/@dir") == ["ltr"] * len(root.xpath("//span[@class='strengths']/span"))


def test_a_language_without_a_catalogue_falls_back_to_english_and_marks_it() -> None:
    root = assert_publishable(make_monograph(in_language("he")))
    assert root.get("dir") == "rtl"
    marked = {" ".join(e.xpath("string()").split()) for e in root.xpath("//*[@lang='en']")}
    assert {"Reviewed by:", "Sources", "Generic name"} <= marked
    assert all(e.get("dir") == "ltr" for e in root.xpath("//*[@lang='en']"))
    # Dates still come from CLDR, which knows Hebrew.
    assert "\u05d0\u05e4\u05e8\u05d9\u05dc 2023" in visible_text(root)


def test_english_interface_text_is_unmarked() -> None:
    root = assert_publishable(make_monograph(every_field_data()))
    assert root.xpath("//body//*[@lang]") == []


def test_the_build_says_when_a_language_has_no_catalogue(tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source"
    source.mkdir()
    (source / "baclofen.yaml").write_text(dump_yaml(in_language("he")), encoding="utf-8")
    (source / "tizanidine.yaml").write_text(dump_yaml({**in_language("he"), "id": "tizanidine",
                                                       "url": "https://example.org/he/tizanidine"}), encoding="utf-8")
    heard: list[str] = []
    report = build(source, tmp_path / "dist", jobs=1, project=Project(folder=tmp_path, today=TODAY), notify=heard.append)
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    said = [n for n in heard if "no interface catalogue for 'he'" in n]
    assert len(said) == 1, heard  # once a language, not once a page
    assert [n for n in report.notices if "catalogue" in n] == said
    # A language that has its catalogue is not mentioned.
    (source / "tizanidine.yaml").unlink()
    (source / "baclofen.yaml").write_text(dump_yaml(in_language("es")), encoding="utf-8")
    heard.clear()
    build(source, tmp_path / "dist", jobs=1, project=Project(folder=tmp_path, today=TODAY), notify=heard.append)
    assert not [n for n in heard if "catalogue" in n]
