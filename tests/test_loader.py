"""The loader: locations, scalar typing, and everything it refuses."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from monograph import loader
from monograph.loader import MAX_FILE_BYTES, load_bytes, load_file


def load(text: str | bytes, name: str = "doc.yaml"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return load_bytes(name, raw)


def ok(text: str | bytes):
    document, problems = load(text)
    assert problems == [], [str(p) for p in problems]
    assert document is not None
    return document


def only_problem(text: str | bytes):
    document, problems = load(text)
    assert document is None
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ---------------------------------------------------------------- locations

NESTED = """\
id: baclofen
drug:
  generic_name: baclofen
  classes:
    - name: Skeletal muscle relaxant
    - {name: Antispastic agent, codes: {atc: M03BX}}
title: "Baclofen"
"""


@pytest.mark.parametrize(
    ("pointer", "line", "column"),
    [
        ("", 1, 1),
        ("/id", 1, 5),
        ("/drug", 3, 3),
        ("/drug/generic_name", 3, 17),
        ("/drug/classes/0", 5, 7),
        ("/drug/classes/0/name", 5, 13),
        ("/drug/classes/1", 6, 7),
        ("/drug/classes/1/name", 6, 14),
        ("/drug/classes/1/codes/atc", 6, 46),
        ("/title", 7, 8),
    ],
)
def test_values_are_located(pointer: str, line: int, column: int) -> None:
    document = ok(NESTED)
    assert document.source_map.locate(pointer) == (line, column)


def test_keys_are_located_separately_from_values() -> None:
    document = ok(NESTED)
    assert document.source_map.locate("/drug/generic_name", key=True) == (3, 3)
    assert document.source_map.locate("/drug/classes/1/codes/atc", key=True) == (6, 41)


def test_a_missing_pointer_falls_back_to_its_nearest_ancestor() -> None:
    document = ok(NESTED)
    assert document.source_map.locate("/drug/classes/0/codes/atc") == (5, 7)
    assert document.source_map.locate("/nowhere/at/all") == (1, 1)


def test_values_reached_through_an_alias_are_located_at_the_alias() -> None:
    document = ok("a: &x\n  b: 1\nc: *x\n")
    assert document.data == {"a": {"b": 1}, "c": {"b": 1}}
    assert document.source_map.locate("/c/b") == (3, 4)


def test_top_level_field_lines_span_each_field() -> None:
    document = ok(NESTED)
    assert document.source_map.field_lines() == {"id": (1, 1), "drug": (2, 6), "title": (7, 7)}


def test_columns_count_characters_not_bytes() -> None:
    document = ok("ééé: [x, y]\nb: ü\n")
    assert document.source_map.locate("/ééé/1") == (1, 10)
    assert document.source_map.locate("/b") == (2, 4)


def test_bom_and_crlf_are_accepted_and_lines_stay_right() -> None:
    document = ok(b"\xef\xbb\xbfid: baclofen\r\ntitle: Baclofen\r\nsummary: |\r\n  two\r\n  lines\r\n")
    assert document.data == {"id": "baclofen", "title": "Baclofen", "summary": "two\nlines\n"}
    assert document.source_map.locate("/title") == (2, 8)


# ---------------------------------------------------------------- scalar typing


def test_unquoted_dates_stay_the_text_the_author_wrote() -> None:
    document = ok("a: 2023-04\nb: 2023-04-01\nc: 2023-04-01 10:00:00\nd: 2023\n")
    assert document.data == {"a": "2023-04", "b": "2023-04-01", "c": "2023-04-01 10:00:00", "d": 2023}


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    document = ok(
        "yes: yes\nno: no\non: on\nt: true\nf: False\nn: ~\ne:\ni: 12\nh: 0x1f\no: 0o17\n"
        "x: 1.5\ny: .inf\nz: -.5e3\ns: '12'\nq: \"true\"\nnorway: NO\nver: 1.2.3\n"
    )
    assert document.data == {
        "yes": "yes", "no": "no", "on": "on", "t": True, "f": False, "n": None, "e": None,
        "i": 12, "h": 31, "o": 15, "x": 1.5, "y": float("inf"), "z": -500.0, "s": "12", "q": "true",
        "norway": "NO", "ver": "1.2.3",
    }


def test_keys_are_always_text() -> None:
    assert ok("1: a\ntrue: b\n~: c\n").data == {"1": "a", "true": "b", "~": "c"}


def test_the_explicit_str_tag_is_harmless_and_allowed() -> None:
    assert ok("a: !!str 1292\n").data == {"a": "1292"}


def test_the_pure_python_parser_builds_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = ok(NESTED)
    monkeypatch.setattr(loader, "_Parser", yaml.SafeLoader)
    document = ok(NESTED)
    assert document.data == expected.data
    assert document.source_map.locate("/drug/classes/1/codes/atc") == (6, 46)


def test_libyaml_is_used_when_present() -> None:
    assert loader.LIBYAML == yaml.__with_libyaml__


# ---------------------------------------------------------------- refusals


def test_duplicate_keys_are_all_reported_with_both_lines() -> None:
    document, problems = load("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert document is not None and document.data == {"a": 1, "b": {"c": 1}}, "the first value is kept"
    assert [(p.location.line, p.location.pointer, p.rule) for p in problems] == [
        (4, "/b/c", "yaml-duplicate-key"),
        (5, "/a", "yaml-duplicate-key"),
    ]
    assert "first defined on line 3" in problems[0].message


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [ls]\n",
        "a: !!python/name:os.system\n",
        "a: !include x.yaml\n",
        "a: !!binary aGk=\n",
        "a: !!timestamp 2023-04-01\n",
        "a: !!set {x, y}\n",
        "!!python/object:builtins.dict {a: 1}\n",
    ],
)
def test_tags_that_construct_anything_are_refused(text: str) -> None:
    document, problems = load(text)
    assert [p.rule for p in problems] == ["yaml-tag"]
    assert "not allowed" in problems[0].message
    if document is not None:  # nothing was constructed: the tagged value is plain data
        assert _plain(document.data)


def _plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def test_a_billion_laughs_fails_fast() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    started = time.perf_counter()
    problem = only_problem("\n".join(levels) + "\n")
    assert time.perf_counter() - started < 0.5
    assert problem.rule == "yaml-alias"
    assert "10,000" in problem.message


def test_modest_reuse_by_alias_is_allowed() -> None:
    document = ok("route: &oral {name: oral}\nforms:\n  - {route: *oral}\n  - {route: *oral}\n")
    assert document.data["forms"][1]["route"] == {"name": "oral"}


@pytest.mark.parametrize(
    "text",
    ["a: " + "[" * 100_000 + "]" * 100_000 + "\n", "a: " + "{b: " * 100_000 + "c" + "}" * 100_000 + "\n",
     "".join("  " * i + "- \n" for i in range(200))],
    ids=["flow-sequences", "flow-mappings", "block"],
)
def test_deep_nesting_is_a_located_error_not_a_crash(text: str) -> None:
    started = time.perf_counter()
    problem = only_problem(text)
    assert time.perf_counter() - started < 1.0
    assert problem.rule == "yaml-depth"
    assert problem.location.line >= 1 and problem.location.column >= 1


def test_deep_nesting_with_the_pure_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "_Parser", yaml.SafeLoader)
    problem = only_problem("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problem.rule == "yaml-depth"


def test_more_than_one_document_is_refused() -> None:
    problem = only_problem("a: 1\n---\nb: 2\n")
    assert (problem.rule, problem.location.line) == ("yaml-multiple-documents", 2)


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "a list"), ("hello\n", "a single value")])
def test_the_top_level_must_be_a_mapping(text: str, kind: str) -> None:
    problem = only_problem(text)
    assert problem.rule == "not-a-mapping"
    assert kind in problem.message


@pytest.mark.parametrize("text", [b"", b"# only a comment\n", b"\xef\xbb\xbf", b"---\n", b"~\n"])
def test_an_empty_document_is_refused(text: bytes) -> None:
    assert only_problem(text).rule == "empty-file"


def test_invalid_utf8_is_located_at_the_bad_byte() -> None:
    problem = only_problem(b"id: x\ntitle: caf\xe9 au lait\n")
    assert (problem.rule, problem.location.line, problem.location.column) == ("encoding", 2, 11)


def test_control_characters_in_the_stream_are_located() -> None:
    problem = only_problem("id: x\ntitle: a\x00b\n")
    assert (problem.rule, problem.location.line, problem.location.column) == ("yaml-syntax", 2, 9)


def test_a_tab_used_for_indentation_gets_a_plain_message() -> None:
    problem = only_problem("a:\n\tb: 1\n")
    assert problem.rule == "yaml-syntax"
    assert "tab" in problem.message


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    document, problems = load_file(path)
    assert document is None
    assert [p.rule for p in problems] == ["file-too-large"]


def test_a_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    body = b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n"
    assert len(body) == MAX_FILE_BYTES
    path.write_bytes(body)
    document, problems = load_file(path)
    assert problems == [] and document is not None
    assert len(document.data["a"]) == MAX_FILE_BYTES - 4


def test_an_unreadable_path_is_a_located_problem(tmp_path: Path) -> None:
    document, problems = load_file(tmp_path)  # a folder cannot be read as a file
    assert document is None
    assert problems[0].rule == "unreadable"
