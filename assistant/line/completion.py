"""Provides Tab completion of slash commands for the line mode, from the core's command table.

Command names are offered with their help (as `display_meta`, and in the display text so that
the readline-like list printed on Tab reads as plain lines); fixed first arguments and criterion
ids are offered once a command name is typed. A completion ends with a space, ready for what
follows. Nothing is offered for answers.
"""

from __future__ import annotations

from collections.abc import Iterable

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from assistant.core.interview import commands
from assistant.line.prompts import CriteriaSource, no_criteria


class CommandCompleter(Completer):
    """Completes `/` command names and their first argument; never plain answers."""

    def __init__(self, criteria: CriteriaSource = no_criteria) -> None:
        self.criteria = criteria

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        before = document.text_before_cursor
        if "\n" in before or not commands.is_command(before):
            return
        head = before.lstrip()
        if " " not in head:
            for cmd in commands.complete(head):
                yield Completion(
                    f"/{cmd.name} ",
                    start_position=-len(head),
                    display=cmd.line(),
                    display_meta=cmd.help,
                )
            return
        pairs = list(self.criteria())
        titles = dict(pairs)
        typed = head.rsplit(" ", 1)[1]
        for value in commands.complete_argument(head, [cid for cid, _ in pairs]):
            title = titles.get(value, "")
            yield Completion(
                value + " ",
                start_position=-len(typed),
                display=f"{value} {title}".strip(),
                display_meta=title,
            )
