"""Every check the tool makes, each with a stable id, and the content rules a schema cannot say.

The catalogue is what ``monograph explain`` prints and what every output
format names. Load and schema checks are listed here too, so that each
problem the tool can report has one id and one explanation; only content
rules (``suppressible=True``) can be silenced by a team.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import PartialDate
from .problems import join_pointer


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    explanation: str
    suppressible: bool = False
    severity: str = "error"
    """'error' stops a file from being published; 'warning' is reported and nothing more."""


RULES: dict[str, Rule] = {}


def _rule(id: str, summary: str, explanation: str, suppressible: bool = False, severity: str = "error") -> Rule:
    rule = Rule(id, summary, explanation, suppressible, severity)
    RULES[id] = rule
    return rule


_rule("unreadable", "The file cannot be read.",
      "The path exists but could not be opened or read, for example because of its permissions. Fix the permissions or the path.")
_rule("file-too-large", "The file is larger than the largest monograph accepted.",
      "A source file may be at most 1 MiB. A real monograph is a few kilobytes, so a larger file is a mistake or an attempt to exhaust memory. Split the content or remove what does not belong.")
_rule("encoding", "The file is not UTF-8.",
      "Source files must be UTF-8 (a byte order mark is allowed). Re-save the file as UTF-8 in your editor.")
_rule("empty-file", "The file holds no YAML document.",
      "An empty file, or one that holds only comments, is not a monograph. Start from `monograph new ID`.")
_rule("not-a-mapping", "The top level of the file is not a mapping.",
      "A monograph is a YAML mapping of fields (`id: ...`, `title: ...`). A file whose top level is a list or a single value cannot be one.")
_rule("yaml-syntax", "The file is not valid YAML.",
      "The YAML parser stopped at the position given. Common causes: a tab used for indentation, an unclosed quote or bracket, a colon followed by text where a mapping is not allowed. Characters that YAML forbids, such as NUL, are reported here too.")
_rule("yaml-duplicate-key", "A mapping has the same key twice.",
      "YAML parsers silently keep only one of two equal keys, so a duplicated key loses content without a word. Keep one and delete the other.")
_rule("yaml-tag", "A YAML tag is used.",
      "Tags such as `!!python/object` can make a YAML loader construct objects or run code, and custom tags have no meaning here. monograph never constructs anything from a tag; write values as plain YAML.")
_rule("yaml-alias", "An alias is invalid or expands too far.",
      "Anchors and aliases may repeat small pieces of content, but all aliases together may add at most 10,000 nodes, which stops 'billion laughs' files that expand to gigabytes. An alias must refer to an anchor defined before it, and cannot be a key.")
_rule("yaml-key", "A mapping key is not plain text, or is a merge key.",
      "Keys are field names, so they must be plain text: a list, a mapping or an alias cannot be a key. YAML 1.1 merge keys (`<<`) are not part of YAML 1.2 and are not supported; write the fields out in full.")
_rule("yaml-multiple-documents", "The file holds more than one YAML document.",
      "One file holds one monograph. Move each further `---` document into a file of its own.")
_rule("yaml-depth", "The YAML nests too deeply.",
      "Mappings and lists may nest at most 64 levels; the schema needs fewer than ten. Deeper nesting is a mistake or an attempt to exhaust the parser.")
_rule("schema", "The content does not match the monograph schema.",
      "Every field must have the type, shape and values that `schema/monograph.schema.json` gives it, unknown fields are not allowed, and required fields must be present. The message names the field and what it expects; `docs/fields.md` describes every field.")

ID_MATCHES_FILE = _rule(
    "id-matches-file-name", "The id differs from the file name.",
    "A monograph's id is its file name without `.yaml`: `baclofen.yaml` holds `id: baclofen`, and a translation `baclofen.es.yaml` also holds `id: baclofen` with `language: es`. Outputs are named after the id, so the two must agree.")
TRANSLATION_LANGUAGE = _rule(
    "translation-language", "A translation's file name and language disagree.",
    "A translation lives beside the original as `ID.LANG.yaml`, and its `language` must be LANG, so that its outputs do not overwrite the original's.")
CITATION_UNRESOLVED = _rule(
    "citation-unresolved", "A statement cites a citation that does not exist.",
    "Every id in a `cites` list must be the id of an entry under `citations`. Add the citation or correct the id.")
CITATION_UNUSED = _rule(
    "citation-unused", "A citation is never cited.",
    "An entry under `citations` that no `cites` list names is still published as a source, but nothing on the page "
    "points at it. Cite it where it supports a statement, or remove it. A warning: it does not stop publishing.",
    suppressible=True, severity="warning")
FORM_UNRESOLVED = _rule(
    "form-unresolved", "A brand or the boxed warning names a dose form that does not exist.",
    "Each entry in a brand's or the boxed warning's `forms` list must be the id of an entry under `forms.items`.")
DUPLICATE_BRAND = _rule(
    "duplicate-brand", "A brand name is listed twice.",
    "Each brand appears once; compare ignoring case. Merge the two entries and list all their forms on one. "
    "It can be suppressed where two makers really sell the same name.", suppressible=True)
DUPLICATE_SIDE_EFFECT = _rule(
    "duplicate-side-effect", "A side effect is listed twice.",
    "Each side effect appears once; compare ignoring case. Delete one of the two.", suppressible=True)
DUPLICATE_ID = _rule(
    "duplicate-id", "Two entries share an id.",
    "Dose form ids and citation ids must be unique within a file, because other fields refer to them by id. Across a corpus, two files cannot hold the same id and language, because their outputs would overwrite each other.")
DUPLICATE_URL = _rule(
    "duplicate-url", "Two monographs claim the same canonical URL.",
    "Each published page has one address. Two files with the same `url` would tell search engines and partners that they are the same page.")
INVALID_DATE = _rule(
    "invalid-date", "A date does not exist.",
    "Dates are checked against the calendar: 2023-02-30 has the right shape but is not a day.")
FUTURE_REVIEW = _rule(
    "review-date-in-future", "The review or modification date is in the future.",
    "A page cannot have been reviewed or changed on a day that has not come yet. Usually a typo in the year.")
CONTROL_CHARACTER = _rule(
    "control-character", "Text holds an invisible control character.",
    "Control characters (other than line breaks), unpaired surrogates, byte order marks and Unicode bidirectional override and isolate characters are refused in text. They are invisible to editors and reviewers, break some formats, and bidirectional overrides can make text display differently from what it says. Right-to-left scripts need none of them.")
EXPORTER_FAILED = _rule(
    "exporter-failed", "An exporter failed on a valid monograph.",
    "The monograph passed validation but an exporter raised an error while writing it. This is a bug in the "
    "exporter (a plugin's, or monograph's own), and the message names the exporter. Nothing was written for the file.")
UNUSED_SUPPRESSION = _rule(
    "unused-suppression", "A suppression matches no finding.",
    "A suppression in monograph.toml or an inline `# monograph: ignore[RULE]` comment no longer silences anything: "
    "the finding was fixed, or the rule, file or field was renamed. Delete the suppression.")
INVALID_SUPPRESSION = _rule(
    "invalid-suppression", "A suppression names a rule that cannot be suppressed.",
    "Only rules marked '(can be suppressed)' in `monograph explain` can be silenced. Schema and YAML problems "
    "always stop a file, because the exporters cannot work with content of the wrong shape.")
SNOMED_CHECK = _rule(
    "snomed-concept-id", "A SNOMED CT code is not a valid concept id.",
    "SNOMED CT identifiers end in a Verhoeff check digit, and a concept id has partition 00 or 10 (its second and third digits from the right). A code that fails either check has a typo, or is a description or relationship id rather than a concept.")


# ---------------------------------------------------------------- content rules

Finding = tuple[Rule, str, str]
"""(rule, JSON pointer, message)."""

_BAD_CHARACTER = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _describe_character(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in _BIDI:
        return f"the bidirectional formatting character {code}, which can make text display differently from what it says"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"the unpaired surrogate {code}, which is not a character"
    if char == "\t":
        return "a tab character"
    return f"the invisible character {code}"


def _texts(data: Any) -> list[str]:
    """Every key and string in the document, without the cost of naming where each one is."""
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            found.extend(node)
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
        elif type(node) is str:
            found.append(node)
    return found


def check_text(data: Any) -> Iterator[Finding]:
    """Walk every key and string in the document."""
    # Nearly every document is clean: one search over all its text decides, and only a dirty one is walked again.
    if not _BAD_CHARACTER.search("\n".join(_texts(data))):
        return
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = join_pointer(pointer, key)
                match = _BAD_CHARACTER.search(key)
                if match:
                    yield CONTROL_CHARACTER, child, (
                        f"character {match.start() + 1} of the key is {_describe_character(match.group())}; remove it"
                    )
                stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((join_pointer(pointer, i), value) for i, value in enumerate(node))
        elif isinstance(node, str):
            match = _BAD_CHARACTER.search(node)
            if match:
                yield CONTROL_CHARACTER, pointer, (
                    f"character {match.start() + 1} of the text is {_describe_character(match.group())}; remove it"
                )


def _list(node: Any, key: str) -> list[Any]:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def _items(data: dict[str, Any], section: str) -> list[Any]:
    return _list(data.get(section), "items")


def check_identity(data: dict[str, Any], file_key: str) -> Iterator[Finding]:
    doc_id, language = data.get("id"), data.get("language")
    if not isinstance(doc_id, str) or not _ID_SHAPE.fullmatch(doc_id):
        return  # the schema reports an id of the wrong shape
    stem_id, dot, stem_language = file_key.partition(".")
    if stem_id != doc_id:
        expected = f"{doc_id}.yaml" if not dot else f"{doc_id}.{stem_language}.yaml"
        yield ID_MATCHES_FILE, "/id", (
            f"the id '{doc_id}' differs from the file name '{file_key}'; "
            f"rename the file to {expected} or set id: {stem_id}"
        )
    if dot and isinstance(language, str) and stem_language != language:
        yield TRANSLATION_LANGUAGE, "/language", (
            f"the file name marks a translation into '{stem_language}' but the language is '{language}'; "
            f"make them agree"
        )


def _cite_lists(data: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    for name, node in data.items():
        if not isinstance(node, dict):
            continue
        yield f"/{name}/cites", _list(node, "cites")
        for index, item in enumerate(_list(node, "items")):
            if isinstance(item, dict):
                yield f"/{name}/items/{index}/cites", _list(item, "cites")


def check_references(data: dict[str, Any]) -> Iterator[Finding]:
    citations = [c for c in _list(data, "citations") if isinstance(c, dict)]
    known: set[str] = set()
    for index, citation in enumerate(citations):
        cid = citation.get("id")
        if isinstance(cid, str):
            if cid in known:
                yield DUPLICATE_ID, f"/citations/{index}/id", f"the citation id '{cid}' is used twice; give each citation its own id"
            known.add(cid)
    cited_ids: set[str] = set()
    for pointer, cites in _cite_lists(data):
        for index, cited in enumerate(cites):
            if not isinstance(cited, str):
                continue
            cited_ids.add(cited)
            if cited not in known:
                hint = f"; the citations are: {', '.join(sorted(known))}" if known else "; add it under 'citations'"
                yield CITATION_UNRESOLVED, f"{pointer}/{index}", f"'{cited}' is not the id of any citation{hint}"

    for index, citation in enumerate(citations):
        cid = citation.get("id")
        if isinstance(cid, str) and cid not in cited_ids:
            yield CITATION_UNUSED, f"/citations/{index}/id", f"no statement cites '{cid}'; cite it or remove it"

    form_ids: set[str] = set()
    for index, form in enumerate(_items(data, "forms")):
        fid = form.get("id") if isinstance(form, dict) else None
        if isinstance(fid, str):
            if fid in form_ids:
                yield DUPLICATE_ID, f"/forms/items/{index}/id", f"the dose form id '{fid}' is used twice; give each form its own id"
            form_ids.add(fid)
    form_lists = [(f"/brands/items/{b}/forms", _list(brand, "forms")) for b, brand in enumerate(_items(data, "brands"))]
    form_lists.append(("/boxed_warning/forms", _list(data.get("boxed_warning"), "forms")))
    for pointer, forms in form_lists:
        for index, form in enumerate(forms):
            if isinstance(form, str) and form not in form_ids:
                hint = f"; the forms are: {', '.join(sorted(form_ids))}" if form_ids else "; list the form under 'forms'"
                yield FORM_UNRESOLVED, f"{pointer}/{index}", f"'{form}' is not the id of any dose form{hint}"


def _duplicates(items: list[Any], section: str, rule: Rule, what: str) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str):
            continue
        folded = " ".join(name.casefold().split())
        if folded in seen:
            yield rule, f"/{section}/items/{index}/name", f"the {what} '{name}' is already listed as item {seen[folded] + 1}; delete one of them"
        else:
            seen[folded] = index


def check_duplicates(data: dict[str, Any]) -> Iterator[Finding]:
    yield from _duplicates(_items(data, "brands"), "brands", DUPLICATE_BRAND, "brand")
    yield from _duplicates(_items(data, "side_effects"), "side_effects", DUPLICATE_SIDE_EFFECT, "side effect")


_DATE_SHAPE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?")
_ID_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_dates(data: dict[str, Any], today: dt.date) -> Iterator[Finding]:
    dated: list[tuple[str, Any, bool]] = [
        ("/review/last_reviewed", (data.get("review") or {}).get("last_reviewed") if isinstance(data.get("review"), dict) else None, True),
        ("/modified", data.get("modified"), True),
    ]
    dated += [(f"/citations/{i}/date", c.get("date"), False) for i, c in enumerate(_list(data, "citations")) if isinstance(c, dict)]
    for pointer, text, not_future in dated:
        if not isinstance(text, str) or not _DATE_SHAPE.fullmatch(text):
            continue  # the schema reports a date of the wrong shape
        date = PartialDate.parse(text)
        if not date.is_real():
            yield INVALID_DATE, pointer, f"{text} is not a real date; check the day and the month"
        elif not_future and date.first_day > today:
            yield FUTURE_REVIEW, pointer, f"{text} is in the future; check the year"


# Verhoeff's dihedral-group tables, as SNOMED CT uses them for its check digit.
_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_valid(digits: str) -> bool:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[position % 8][int(digit)]]
    return check == 0


def _codes(data: Any, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    stack: list[tuple[str, Any]] = [(pointer, data)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = join_pointer(here, key)
                if key == "codes" and isinstance(value, dict):
                    yield child, value
                else:
                    stack.append((child, value))
        elif isinstance(node, list):
            stack.extend((join_pointer(here, i), v) for i, v in enumerate(node))


def _snomed_codes(data: Any) -> list[str]:
    found = []
    stack = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            codes = node.get("codes")
            if type(codes) is dict and type(codes.get("snomed")) is str:
                found.append(codes["snomed"])
            stack.extend(node.values())
        elif type(node) is list:
            stack.extend(node)
    return found


def _snomed_valid(code: str) -> bool:
    return not code.isdigit() or len(code) < 6 or (verhoeff_valid(code) and code[-3:-1] in ("00", "10"))


def check_codes(data: dict[str, Any]) -> Iterator[Finding]:
    if all(_snomed_valid(code) for code in _snomed_codes(data)):
        return  # the common case, decided without naming where each code is
    for pointer, codes in _codes(data):
        snomed = codes.get("snomed")
        if not isinstance(snomed, str) or not snomed.isdigit() or len(snomed) < 6:
            continue
        if not verhoeff_valid(snomed):
            yield SNOMED_CHECK, f"{pointer}/snomed", f"'{snomed}' fails the SNOMED CT check digit; look the code up again"
        elif snomed[-3:-1] not in ("00", "10"):
            yield SNOMED_CHECK, f"{pointer}/snomed", (
                f"'{snomed}' is a SNOMED CT description or relationship id, not a concept id; use the concept's id"
            )


def check_document(data: dict[str, Any], file_key: str, today: dt.date) -> Iterator[Finding]:
    """Every content rule for one document. Tolerates any shape, so it can run beside the schema."""
    yield from check_identity(data, file_key)
    yield from check_references(data)
    yield from check_duplicates(data)
    yield from check_dates(data, today)
    yield from check_codes(data)
    yield from check_text(data)
