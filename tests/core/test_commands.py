"""The slash-command table: parsing, unknown commands with close matches, and Tab completion."""

from __future__ import annotations

import pytest

from assistant.core.interview import commands
from assistant.core.interview.commands import COMMANDS, complete, complete_argument, parse

REQUIRED = (
    "next",
    "skip",
    "back",
    "probe",
    "tag",
    "evidence",
    "score",
    "note",
    "open",
    "plan",
    "time",
    "confirm",
    "dispute",
    "help",
    "end",
)


def test_the_table_has_every_command_once_with_usage_and_help() -> None:
    names = [c.name for c in COMMANDS]
    assert set(REQUIRED) <= set(names)
    every = [n for c in COMMANDS for n in c.names()]
    assert len(every) == len(set(every)), "a name or alias is used twice"
    for cmd in COMMANDS:
        assert cmd.usage.startswith("/" + cmd.name)
        assert cmd.help and cmd.help == cmd.help.strip()


@pytest.mark.parametrize("text", ["an answer", "", "   ", "//etc/hosts is the file", "x /next"])
def test_text_that_is_not_a_command_parses_to_none(text: str) -> None:
    assert parse(text) is None


def test_a_command_splits_into_name_and_arguments() -> None:
    parsed = parse("/score 4 staff gave two examples")
    assert parsed is not None and parsed.command is not None
    assert (parsed.name, parsed.args) == ("score", "4 staff gave two examples")
    assert parse("  /NEXT   SVC.2 ") == parse("/next SVC.2")
    assert parse("/next SVC.2").args == "SVC.2"  # type: ignore[union-attr]


def test_arguments_may_follow_a_newline() -> None:
    parsed = parse("/note\nfirst line\nsecond line")
    assert parsed is not None and parsed.name == "note"
    assert parsed.args == "first line\nsecond line"


def test_aliases_and_unique_starts_resolve() -> None:
    assert parse("/?").command.name == "help"  # type: ignore[union-attr]
    assert parse("/ev document Log").command.name == "evidence"  # type: ignore[union-attr]
    assert parse("/evid document Log").command.name == "evidence"  # type: ignore[union-attr]
    assert parse("/sk").command.name == "skip"  # type: ignore[union-attr]
    assert parse("/sc").command.name == "score"  # type: ignore[union-attr]


def test_an_ambiguous_start_lists_the_candidates() -> None:
    parsed = parse("/ti")
    assert parsed is not None and parsed.command is None
    assert {c.name for c in parsed.suggestions} == {"tick", "time"}
    assert "could be" in parsed.error


def test_an_unknown_command_is_an_error_with_close_matches() -> None:
    parsed = parse("/nxet SVC.1")
    assert parsed is not None and not parsed.ok
    assert parsed.error == "unknown command /nxet"
    assert parsed.suggestions and parsed.suggestions[0].name == "next"
    assert parsed.args == "SVC.1"


def test_a_bare_slash_is_an_error() -> None:
    parsed = parse("/")
    assert parsed is not None and parsed.command is None and "missing" in parsed.error


def test_a_huge_unknown_command_name_is_shortened_in_the_error() -> None:
    parsed = parse("/" + "x" * 10_000)
    assert parsed is not None and len(parsed.error) < 80


def test_double_slash_escapes_a_leading_slash() -> None:
    assert commands.unescape("//etc/hosts") == "/etc/hosts"
    assert commands.unescape("plain") == "plain"


def test_complete_offers_commands_by_name_and_alias_in_table_order() -> None:
    assert [c.name for c in complete("/n")] == ["next", "note"]
    assert [c.name for c in complete("no")] == ["note"]
    assert [c.name for c in complete("/")] == [c.name for c in COMMANDS]
    assert complete("/zzz") == []
    assert complete("/next SV") == []


def test_complete_argument_offers_fixed_values_and_criteria() -> None:
    assert complete_argument("/tag cl") == ["claim-to-verify"]
    assert complete_argument("/evidence d") == ["document", "demonstration", "data"]
    assert complete_argument("/next SV", criteria=["SVC.1", "SVC.2", "OPS.1"]) == ["SVC.1", "SVC.2"]
    assert complete_argument("/plan add o", criteria=["SVC.1", "OPS.1"]) == ["OPS.1"]
    assert complete_argument("/plan m") == ["move"]
    assert complete_argument("/note so") == []
    assert complete_argument("/tag") == []
