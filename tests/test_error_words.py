"""Errors a person understands: YAML slips at the line the author got wrong, dates that name the real problem,
and did-you-mean only when it is likely right."""

from __future__ import annotations

import pytest
import yaml
from monograph.dates import what_is_wrong
from monograph.schema_messages import suggest
from monograph.yaml_errors import in_words

KINDS = ["prescribing-information", "drug-facts-label", "medication-guide", "patient-information", "article",
         "guideline", "website"]


@pytest.mark.parametrize(("word", "meant"), [("prescribing-informaton", "prescribing-information"),
                                             ("titel", "title"), ("side_efects", "side_effects"),
                                             ("patient-info", "patient-information")])
def test_a_likely_spelling_is_suggested(word: str, meant: str) -> None:
    assert suggest(word, KINDS + ["title", "side_effects"]) == f"; did you mean '{meant}'?"


@pytest.mark.parametrize("word", ["consumer-information", "summary-information", "guide-book"])
def test_a_shared_word_alone_is_no_suggestion(word: str) -> None:
    assert suggest(word, KINDS) == ""


@pytest.mark.parametrize(("text", "words"), [
    ("2023-13", "there is no month 13 (months are 01 to 12)"),
    ("2023-00-10", "there is no month 0 (months are 01 to 12)"),
    ("2023-02-29", "there is no day 29 in February 2023 (it has 28 days)"),
    ("2023-4", "write the month with two digits: 2023-04"),
    ("2023-04-7", "write the day with two digits: 2023-04-07"),
    ("12-04-2023", "write the year first: YYYY-MM-DD, such as 2023-04-12"),
    ("2023/04/12", "write the parts with '-' between them, year first: YYYY-MM-DD, such as 2023-04-12"),
    ("April 2023", "write the month as numbers, year first: 2023-04"),
    ("2023-04-01T10:00:00Z", "leave out the time: 2023-04-01"),
])
def test_a_date_message_names_the_real_problem(text: str, words: str) -> None:
    assert what_is_wrong(text) == words


def _worded(text: str) -> tuple[int, int, str]:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.load(text, Loader=yaml.CSafeLoader)
    found = in_words(caught.value, text)
    assert found is not None
    return found


def test_a_key_one_space_short_is_reported_on_its_own_line() -> None:
    text = "drug:\n  generic_name: baclofen\n  supply:\n    - {status: prescription-only}\n codes:\n    rxnorm: '1292'\n"
    line, column, message = _worded(text)
    assert (line, column) == (5, 2)
    assert message.startswith("'codes' is indented 1 space, which lines it up with no field above it; indent it 2 spaces")


def test_a_key_in_a_list_item_one_space_short() -> None:
    text = "forms:\n  items:\n    - id: tablet\n      name: Tablet\n     route:\n        name: oral\n"
    line, _, message = _worded(text)
    assert line == 5 and "indent it 6 spaces, as 'name' on line 4 is, to keep it in the list item of line 3" in message


def test_a_list_item_out_of_line_with_the_others() -> None:
    text = "side_effects:\n  items:\n    - name: Drowsiness\n  - name: Dizziness\n"
    line, _, message = _worded(text)
    assert line == 4 and "line up the '-' of every item of one list (4 spaces)" in message


def test_a_key_indented_under_a_value() -> None:
    line, column, message = _worded("title: Baclofen\n  url: https://example.org/drugs/baclofen\n")
    assert (line, column) == (2, 3) and "line it up with 'title' (0 spaces)" in message


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    text = 'id: baclofen\ntitle: "Baclofen\nurl: https://example.org/x\ndrug:\n  rxnorm: "1292"\n'
    line, column, message = _worded(text)
    assert (line, column) == (2, 8) and message.startswith("the quote that starts this value is not closed")


def test_a_quote_closed_on_its_line_is_no_slip() -> None:
    text = "title: 'it''s fine'\nsummary: \"a \\\" b\"\nx: [a, b\n"
    line, _, message = _worded(text)
    assert line == 3 and message.startswith("this list, opened with '[', is not closed")
