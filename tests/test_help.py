"""Every subcommand's --help says what it does, shows examples and lists its exit codes; explain suggests a rule."""

from __future__ import annotations

import pytest
from monograph.arguments import parser
from monograph.cli import COMMANDS, main


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_a_description_examples_and_exit_codes(
        command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    usage, description, *_ = out.split("\n\n")
    assert usage.startswith(f"usage: monograph {command}")
    assert len(description.split()) >= 8, description
    examples = out.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(line.strip().startswith(f"monograph {command}") for line in examples), examples
    codes = out.split("exit codes:\n", 1)[1]
    assert codes.startswith("  0  ") and "\n  2  " in codes and "\n  130  " in codes


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("tail", [["--help"], ["--no-such-option"], []])
def test_a_command_parsed_alone_parses_and_speaks_as_among_all(
        command: str, tail: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """When the arguments start with the command only its parser is made: what it says and answers must not change."""
    heard = []
    for alone in (False, True):
        try:
            heard.append(vars(parser(command, alone=alone).parse_args([command, *tail])))
        except SystemExit as stop:
            heard.append(stop.code)
        heard.append(capsys.readouterr())
    assert heard[:2] == heard[2:]


def test_the_top_level_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(f"    {command}" in out for command in COMMANDS)


@pytest.mark.parametrize(("asked", "suggested"), [("placeholder", "placeholder-text"),
                                                    ("duplicate-urls", "duplicate-url"),
                                                    ("url-sintax", "url-syntax")])
def test_explain_suggests_the_rule_meant(asked: str, suggested: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", asked]) == 2
    assert f"did you mean '{suggested}'" in capsys.readouterr().err


def test_explain_takes_a_rule_as_reports_name_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "[placeholder-text]"]) == 0
    assert capsys.readouterr().out.startswith("placeholder-text: ")


def test_explain_suggests_nothing_when_nothing_is_close(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "zzzz"]) == 2
    err = capsys.readouterr().err
    assert "did you mean" not in err and "lists them all" in err
