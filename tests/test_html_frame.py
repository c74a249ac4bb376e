"""The frame a publisher brands: the site header and footer from monograph.toml's [page], the link back to the
index, the review line, language versions linked to each other, and the index page (A–Z, feed, dark mode)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from monograph.api import build
from monograph.project import ConfigError, Project
from support import TODAY, baclofen_data, dump_yaml
from test_html import assert_publishable, only, parse_strictly, visible_text
from test_schemaorg_rdf import VOCABULARY, Vocabulary, rdf_errors

ARABIC_TITLE = "\u0628\u0627\u0643\u0644\u0648\u0641\u064a\u0646"
ARABIC_SUMMARY = ("\u0628\u0627\u0643\u0644\u0648\u0641\u064a\u0646 \u062f\u0648\u0627\u0621 \u0645\u0631\u062e\u064d "
                  "\u0644\u0644\u0639\u0636\u0644\u0627\u062a.")
PAGE_SETTINGS = """\
[page]
name = "Example Health"
disclaimer = "Example Health pages are for information only."
emergency = "In an emergency, call 911. For an overdose or poisoning, call Poison Control at 1-800-222-1222 (US)."
language = "en"
"""


def arabic_baclofen() -> dict[str, Any]:
    """baclofen.ar.yaml: the seed monograph as an Arabic translation (its title and summary in Arabic)."""
    data = copy.deepcopy(baclofen_data())
    data.update(language="ar", title=ARABIC_TITLE, summary=ARABIC_SUMMARY, url="https://example.org/ar/drugs/baclofen")
    # What the first screen shows, in Arabic as a translator would write it; the rest stays the seed's English.
    for form, name in zip(data["forms"]["items"], ARABIC_FORMS, strict=True):
        form["name"] = name
    data["boxed_warning"].update(heading="تحذير مؤطر", **ARABIC_WARNING)
    for risk, name in zip(data["boxed_warning"]["risks"], ARABIC_RISKS, strict=True):
        risk["name"] = name
    return data


ARABIC_FORMS = ("أقراص", "سائل فموي",
                "حقن للتسريب داخل القراب")
ARABIC_RISKS = ("الهلوسة", "النوبات", "الوفاة")
ARABIC_WARNING = {
    "intro": "يحمل باكلوفين تحذيرًا "
             "مؤطرًا، وهو أشد تحذير "
             "تصدره إدارة الغذاء "
             "والدواء الأمريكية (FDA).",
    "text": "إذا توقفت عن تناول "
            "باكلوفين فجأة، فهناك "
            "خطر حدوث آثار جانبية "
            "خطيرة منها الهلوسة "
            "والنوبات وحتى الوفاة.",
    "advice": "عند إيقاف باكلوفين، "
              "تعاون مع طبيبك لتقليل "
              "الجرعة تدريجيًا.",
}


def write_corpus(folder: Path, settings: str = PAGE_SETTINGS) -> Path:
    source = folder / "source"
    source.mkdir(parents=True)
    (source / "baclofen.yaml").write_text(dump_yaml(baclofen_data()), encoding="utf-8")
    (source / "baclofen.ar.yaml").write_text(dump_yaml(arabic_baclofen()), encoding="utf-8")
    (folder / "monograph.toml").write_text(settings, encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("frame")
    source = write_corpus(folder)
    report = build(source, folder / "dist", jobs=1, project=Project.load(folder, today=TODAY))
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    return folder / "dist" / "html"


def test_language_versions_link_to_each_other(site: Path) -> None:
    english = parse_strictly((site / "baclofen.html").read_text(encoding="utf-8"))
    arabic = parse_strictly((site / "baclofen.ar.html").read_text(encoding="utf-8"))
    for root in (english, arabic):
        alternates = {link.get("hreflang"): link.get("href") for link in root.xpath("//head/link[@rel='alternate']")}
        assert alternates["ar"] == "baclofen.ar.html" and alternates["x-default"] == "baclofen.html"
    assert {link.get("hreflang") for link in english.xpath("//head/link[@rel='alternate']")} == {"ar", "en", "x-default"}
    switch = only(english, "//nav[@class='languages']//a")
    assert (switch.text, switch.get("hreflang"), switch.get("lang")) == ("\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "ar", "ar")
    assert only(arabic, "//nav[@class='languages']//a").get("href") == "baclofen.html"


def test_the_frame_carries_the_publishers_words(site: Path) -> None:
    root = parse_strictly((site / "baclofen.html").read_text(encoding="utf-8"))
    header = only(root, "//body/header[@class='site']")
    assert only(header, ".//span[@class='site-name']").text == "Example Health"
    assert only(header, ".//a[@href='index.html']").text == "All medicines A\u2013Z"
    footer = " ".join(only(root, "//body/footer").xpath("string()").split())
    assert "Example Health pages are for information only." in footer
    assert "Poison Control at 1-800-222-1222" in footer
    assert "Reviewed by: HU Medical Review Board" in footer
    # On the Arabic page the publisher's English words say they are English, and isolate their direction.
    arabic = parse_strictly((site / "baclofen.ar.html").read_text(encoding="utf-8"))
    emergency = only(arabic, "//footer/p[@class='emergency']")
    assert (emergency.get("lang"), emergency.get("dir")) == ("en", "auto")


def test_the_index_has_a_to_z_and_the_feed(site: Path) -> None:
    root = parse_strictly((site / "index.html").read_text(encoding="utf-8"))
    assert only(root, "//head/link[@rel='alternate']").get("href") == "../feed.atom"
    assert only(root, "//main/p[@class='feed']/a").get("href") == "../feed.atom"
    letters = root.xpath("//nav//p[@class='letters']/*")
    assert [e.text for e in letters] == [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    assert [e.get("href") for e in letters if e.tag == "a"] == ["#letter-b"]
    group = only(root, "//section[h2[@id='letter-b']]")
    assert [a.get("href") for a in group.xpath(".//a")] == ["baclofen.html", "baclofen.ar.html"]
    style = only(root, "//style").text
    assert "prefers-color-scheme:dark" in style and "@media print" in style


def test_an_unreviewed_page_says_so_plainly() -> None:
    from support import make_monograph

    data = baclofen_data()
    del data["review"]
    data["modified"] = "2026-11"
    root = assert_publishable(make_monograph(data))
    line = " ".join(only(root, "//article/header/p[@class='review']").xpath("string()").split())
    assert line == "This page has not been medically reviewed. | Updated: November 2026"
    assert "Reviewed by" not in visible_text(root) and "Last reviewed" not in visible_text(root)
    footer = " ".join(only(root, "//footer[@class='site']/p[1]").xpath("string()").split())
    assert footer == "This page has not been medically reviewed."


@pytest.mark.parametrize(("settings", "message"), [
    ('[page]\ncolour = "red"\n', "[page] takes only text values"),
    ('[page]\nemergency = "two\\nlines"\n', "[page] emergency must be one line"),
    ('[page]\nlanguage = "not a tag"\n', "[page] language must be a BCP 47 language tag"),
])
def test_bad_page_settings_are_refused_with_a_located_message(tmp_path: Path, settings: str, message: str) -> None:
    (tmp_path / "monograph.toml").write_text(settings, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Project.load(tmp_path)


def test_the_publishers_stylesheet_follows_the_pages_own(tmp_path: Path) -> None:
    (tmp_path / "brand.css").write_text(":root { --accent: #7a1f5c; }\n", encoding="utf-8")
    source = write_corpus(tmp_path, PAGE_SETTINGS + 'stylesheet = "brand.css"\n')
    report = build(source, tmp_path / "dist", jobs=1, project=Project.load(tmp_path, today=TODAY))
    assert not [p for p in report.problems if p.severity == "error"]
    root = parse_strictly((tmp_path / "dist" / "html" / "baclofen.html").read_text(encoding="utf-8"))
    style = only(root, "//head/style").text
    assert style.rstrip().endswith(":root { --accent: #7a1f5c; }")
    assert style.index("--accent: #0a58a8") < style.index("--accent: #7a1f5c")


@pytest.mark.parametrize(("css", "message"), [
    ("p { color: red }</style><script>alert(1)</script>", "would end the page's <style> element"),
    ("<!-- p {} -->", "would end the page's <style> element"),
    (b"\xff\xfe", "is not UTF-8 text"),
    (None, "cannot be read"),
    ("/dev/zero", "cannot be read: it is a device"),  # a link to it was read for ever
    (".", "cannot be read: it is a folder"),
])
def test_a_stylesheet_that_could_break_the_page_is_refused(tmp_path: Path, css: str | bytes | None, message: str) -> None:
    if css in ("/dev/zero", "."):
        (tmp_path / "brand.css").symlink_to(css)
    elif isinstance(css, str):
        (tmp_path / "brand.css").write_text(css, encoding="utf-8")
    elif isinstance(css, bytes):
        (tmp_path / "brand.css").write_bytes(css)
    (tmp_path / "monograph.toml").write_text('[page]\nstylesheet = "brand.css"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        Project.load(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path / 'monograph.toml'}:2: ")


def test_language_versions_name_each_other_in_the_json_ld(site: Path) -> None:
    """schema.org's workTranslation / translationOfWork, with each version's own address, valid in RDF too."""
    dist = site.parent
    original = json.loads((dist / "jsonld" / "baclofen.jsonld").read_text(encoding="utf-8"))
    arabic = json.loads((dist / "jsonld" / "baclofen.ar.jsonld").read_text(encoding="utf-8"))
    original_page, arabic_page = original["@graph"][0], arabic["@graph"][0]
    assert original_page["workTranslation"] == [{"@type": "MedicalWebPage", "@id": arabic_page["@id"],
                                                 "url": "https://example.org/ar/drugs/baclofen", "inLanguage": "ar"}]
    assert arabic_page["translationOfWork"]["@id"] == original_page["@id"] == baclofen_data()["url"]
    assert "translationOfWork" not in original_page and "workTranslation" not in arabic_page
    # The page embeds the same JSON-LD.
    assert "https://example.org/ar/drugs/baclofen" in (site / "baclofen.html").read_text(encoding="utf-8")
    terms = Vocabulary.load(VOCABULARY)
    assert rdf_errors(terms, original) == [] and rdf_errors(terms, arabic) == []


BRAND_TEMPLATE = """\
<!DOCTYPE html>
<html lang="{{ lang }}" dir="{{ dir }}">
  <head>
{{ head }}
  </head>
  <body class="brand">
    <div class="brand-bar">{{ title }} at {{ url }}</div>
{{ header }}
{{ main }}
{{ footer }}
  </body>
</html>
"""


def test_a_publishers_template_frames_the_page_and_cannot_unescape_it(tmp_path: Path) -> None:
    (tmp_path / "brand.html").write_text(BRAND_TEMPLATE, encoding="utf-8")
    source = write_corpus(tmp_path, PAGE_SETTINGS + 'template = "brand.html"\n')
    hostile = baclofen_data()
    hostile["title"] = "Baclofen <script>alert(1)</script> & co"
    (source / "baclofen.yaml").write_text(dump_yaml(hostile), encoding="utf-8")
    report = build(source, tmp_path / "dist", jobs=1, project=Project.load(tmp_path, today=TODAY))
    assert not [p for p in report.problems if p.severity == "error"], report.problems
    text = (tmp_path / "dist" / "html" / "baclofen.html").read_text(encoding="utf-8")
    root = parse_strictly(text)
    assert root.xpath("//script[not(@type)]") == [], "the title stays text in the template's own words too"
    bar = only(root, "//div[@class='brand-bar']")
    assert bar.text == "Baclofen <script>alert(1)</script> & co at https://example.org/drugs/baclofen"
    # The page's own parts are all there, inside the publisher's frame.
    assert only(root, "//body").get("class") == "brand"
    assert only(root, "//head/script[@type='application/ld+json']") is not None
    assert only(root, "//main//h1").xpath("string()") == hostile["title"]
    assert root.xpath("//footer[@class='site']") and root.xpath("//header[@class='site']")


def test_a_template_with_a_mistake_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "brand.html").write_text("<html>\n{{ main }\n</html>\n", encoding="utf-8")
    (tmp_path / "monograph.toml").write_text('[page]\ntemplate = "brand.html"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[page\] template 'brand.html', line 2: ") as raised:
        Project.load(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path / 'monograph.toml'}:2: ")
