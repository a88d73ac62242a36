"""The command table, its handlers, `/help` and README agree (sqlite-utils' test_docs is the model):
a command added to one and not the others fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.core.interview import commands
from assistant.core.interview.engine import HANDLERS
from assistant.core.interview.views import HelpView

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
NAMES = [c.name for c in commands.COMMANDS]


def test_every_command_has_exactly_one_handler() -> None:
    assert sorted(HANDLERS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_handler_is_the_commands_own(name: str) -> None:
    # one hop from the table to the code: the handler is named after the command
    assert HANDLERS[name].__name__ == f"_cmd_{name}"


@pytest.mark.parametrize("name", NAMES)
def test_readme_names_every_command(name: str) -> None:
    assert re.search(rf"/{name}\b", README), f"README does not mention /{name}"


@pytest.mark.parametrize("command", commands.COMMANDS, ids=NAMES)
def test_help_lists_every_command(command: commands.Command) -> None:
    (view,) = HANDLERS["help"](None, "", "/help")  # type: ignore[arg-type]  # /help reads no state
    assert isinstance(view, HelpView)
    assert command.line() in view.plain().splitlines()
    assert command.usage.split()[0] == f"/{command.name}"
