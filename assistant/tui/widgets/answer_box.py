"""Provides AnswerBox: the multi-line box the assessor types answers and `/` commands into.

Enter sends (the box empties at once and gets its text back if the save fails); ctrl+j (or
ctrl+n) starts a new line, because shift+enter does not reach the app in most terminals. A
`/command` being typed gets its completion as grey ghost text (right arrow or Tab takes it)
from the core's one command table; the box never decides what a line means.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

from assistant.core.interview import commands

SEND_KEY = "enter"
NEWLINE_KEYS = ("ctrl+j", "ctrl+n")


class AnswerBox(TextArea):
    """A TextArea where Enter sends the text instead of breaking the line.

    Enter and the new-line keys are handled in the box's own key handler, never as priority
    bindings: a priority binding runs as soon as the app reads the key, ahead of the letters
    still queued for the box, so a fast "…CRM⏎" would be sent as "…CR". The bindings below
    only put the keys in the footer and the help.
    """

    BINDINGS: ClassVar = [
        Binding(
            SEND_KEY,
            "send",
            "Send",
            id="answer.send",
            tooltip="Save what you typed as the answer (or run the /command)",
        ),
        Binding(
            ",".join(NEWLINE_KEYS),
            "newline",
            "New line",
            key_display="^j",
            id="answer.newline",
            tooltip="Start a new line in the answer (ctrl+j or ctrl+n)",
        ),
        Binding(
            "tab",
            "complete",
            "Complete",
            show=False,
            id="answer.complete",
            tooltip="Take the /command completion shown in grey; otherwise move focus",
        ),
    ]
    SCREEN_KEYS = ("f6", "f7")
    """TextArea selects a line / all with these; here they belong to the screen (tag, evidence)."""

    @dataclass
    class Sent(Message):
        """The assessor pressed Enter; `text` is everything in the box."""

        box: AnswerBox
        text: str

    def __init__(
        self, *, criteria: Callable[[], Sequence[str]] | None = None, id: str | None = None
    ) -> None:

        super().__init__(
            "",
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            placeholder="Type the answer as you hear it · Enter sends · / for commands",
            id=id,
        )
        self._criteria = criteria or (lambda: ())
        for key in self.SCREEN_KEYS:  # this instance's copy of the merged bindings
            self._bindings.key_to_bindings.pop(key, None)

    # ------------------------------------------------------------ actions

    def action_send(self) -> None:
        """Hand the text to the screen and empty the box at once.

        The box empties now, not when the save succeeds, so letters typed while the save runs
        start a fresh answer; a failed save puts its text back with `restore`.
        """
        text = self.text
        if self.read_only or not text.strip():
            return
        self.load_text("")
        self.post_message(self.Sent(self, text))

    def close(self) -> None:
        """Take no more input: the interview has ended."""
        self.read_only = True
        self.placeholder = "The interview has ended · Esc goes back to the setup"

    def restore(self, text: str) -> None:
        """Put back text that was not saved, ahead of anything typed since."""
        typed = self.text
        self.load_text(text + ("\n" + typed if typed.strip() else ""))
        self.move_cursor(self.document.end)

    def action_newline(self) -> None:
        """Insert a line break at the cursor."""
        if not self.read_only:
            self.insert("\n")

    def action_complete(self) -> None:
        """Take the ghost completion, or move focus on as Tab normally does."""
        if self.suggestion:
            self.insert(self.suggestion)
        else:
            self.screen.focus_next()

    # ------------------------------------------------------------ completion

    def update_suggestion(self) -> None:
        """Offer the rest of a `/command` name or its fixed argument as ghost text."""
        text = self.text
        if not text.startswith(commands.PREFIX) or "\n" in text or len(text) > 80:
            self.suggestion = ""
            return
        if self.cursor_location != self.document.end:
            self.suggestion = ""
            return
        self.suggestion = completion(text, self._criteria())

    async def _on_key(self, event: events.Key) -> None:
        # In the box's own queue, so every letter typed before Enter is in the text it sends.
        if event.key == SEND_KEY:
            event.stop()
            event.prevent_default()
            self.action_send()
            return
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        await super()._on_key(event)


def completion(text: str, criteria: Sequence[str] = ()) -> str:
    """Return what to append to `text` to complete its command name or first argument."""
    if " " not in text:
        matches = commands.complete(text)
        if not matches:
            return ""
        word = text[len(commands.PREFIX) :].lower()
        # Full names first: "/ev" completes to "/evidence" although "ev" is also an alias.
        names = [c.name for c in matches if c.name.startswith(word)] or [
            n for c in matches for n in c.names() if n.startswith(word)
        ]
        common = _common_prefix(names)

        rest = common[len(word) :]
        return rest + (" " if len(matches) == 1 and common == matches[0].name else "")
    values = commands.complete_argument(text, criteria)
    if not values:
        return ""
    typed = text.rsplit(" ", 1)[-1]
    return _common_prefix(values)[len(typed) :]


def command_hint(text: str) -> str:
    """Return one line of help for the command being typed (empty when not a command)."""
    if not text.startswith(commands.PREFIX) or "\n" in text:
        return ""
    head = text.split(" ", 1)[0]
    if " " in text:
        parsed = commands.parse(text)
        if parsed is not None and parsed.command is not None:
            return parsed.command.line()
        return parsed.error if parsed is not None else ""
    matches = commands.complete(head)
    if not matches:
        return f"no command starts with {head}; /help lists them (// saves text starting /)"
    if len(matches) == 1:
        return matches[0].line()
    return "  ".join(c.usage.split(" ")[0] for c in matches)


def _common_prefix(words: Sequence[str]) -> str:
    if not words:
        return ""
    first, last = min(words), max(words)
    n = 0
    while n < len(first) and n < len(last) and first[n] == last[n]:
        n += 1
    return first[:n]
