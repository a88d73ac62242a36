"""Provides the line mode's input: what the assessor types, from a terminal or from a pipe.

`TerminalIO` reads answers with prompt-toolkit (see `assistant.line.toolkit` for the keys). In
a real terminal its setup questions use Python's own `input()` while prompt-toolkit loads in the
background, so the first question appears sooner. `StreamIO` reads plain lines when standard
input is not a terminal. Both raise EOFError (ctrl+d, end of input) and KeyboardInterrupt
(ctrl+c); `unsent()` then returns what was typed but not sent.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

from assistant.core.interview.commands import is_command
from assistant.line.render import Say, print_line

if TYPE_CHECKING:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

CriteriaSource = Callable[[], Sequence[tuple[str, str]]]
"""Returns the criteria to offer on Tab as (id, title) pairs; asked afresh on every Tab."""


def no_criteria() -> Sequence[tuple[str, str]]:
    """Offer no criteria (before an interview starts)."""
    return ()


class LineIO(Protocol):
    """Where the line mode reads what the assessor types."""

    def ask(self, label: str, default: str = "") -> str:
        """Read one line (setup questions); an empty line gives `default`."""
        ...

    def answer(self, label: str, default: str = "") -> str:
        """Read an answer or a command; `default` is put back in the input to send again."""
        ...

    def unsent(self) -> str:
        """Return the text typed but not sent when the last read was interrupted."""
        ...

    def set_criteria(self, criteria: CriteriaSource) -> None:
        """Choose the criteria offered on Tab after a command name."""
        ...


def sends_on_enter(text: str, cursor_at_end: bool, current_line: str) -> bool:
    """True when Enter should send: a one-line command, or Enter on an empty last line."""
    if "\n" not in text and is_command(text):
        return True
    return cursor_at_end and not current_line.strip()


def for_resend(text: str) -> str:
    """Return unsent text to put back so that one Enter sends it: on an empty last line.

    A one-line command needs no empty line (Enter sends it), so it is returned as it is.
    """
    if not text or ("\n" not in text.strip() and is_command(text)):
        return text
    return text.rstrip() + "\n"


def _preload() -> None:
    import assistant.line.toolkit  # noqa: F401


class TerminalIO:
    """Prompts in a terminal; build it where the prompt's input and output are current.

    With `plain_setup`, `ask` uses `input()` (with readline editing, no history) and starts
    loading prompt-toolkit in the background; otherwise every prompt is prompt-toolkit's (tests
    drive those through a pipe).
    """

    def __init__(
        self,
        criteria: CriteriaSource = no_criteria,
        *,
        input: Input | None = None,
        output: Output | None = None,
        plain_setup: bool = False,
    ) -> None:
        self.criteria = criteria
        self.plain_setup = plain_setup
        self._input, self._output = input, output
        self._answers: PromptSession[str] | None = None
        self._line: PromptSession[str] | None = None
        self._last: PromptSession[str] | None = None
        self._preload: threading.Thread | None = None

    def _toolkit(self) -> None:
        if self._preload is not None:
            self._preload.join()

    def _plain_input(self, label: str) -> str:
        if self._preload is None:
            try:
                import readline

                readline.set_auto_history(False)
            except (ImportError, AttributeError):  # pragma: no cover - no readline here
                pass
            self._preload = threading.Thread(target=_preload, name="line-preload", daemon=True)
            self._preload.start()
        try:
            return input(label)
        except (EOFError, KeyboardInterrupt):
            print(flush=True)  # end the prompt's line before the next message
            raise

    def ask(self, label: str, default: str = "") -> str:
        self._last = None
        if self.plain_setup:
            return self._plain_input(label).strip() or default
        if self._line is None:
            self._toolkit()
            from assistant.line.toolkit import line_session

            self._line = line_session(self._input, self._output)
        self._last = self._line
        return self._line.prompt(label).strip() or default

    def answer(self, label: str, default: str = "") -> str:
        if self._answers is None:
            self._toolkit()
            from assistant.line.completion import CommandCompleter
            from assistant.line.toolkit import answer_session

            completer = CommandCompleter(lambda: self.criteria())
            self._answers = answer_session(completer, self._input, self._output)
        self._last = self._answers
        return self._answers.prompt(label, default=default).rstrip()

    def unsent(self) -> str:
        return self._last.default_buffer.text if self._last is not None else ""

    def set_criteria(self, criteria: CriteriaSource) -> None:
        self.criteria = criteria


class StreamIO:
    """Plain line reading for input that is not a terminal (a pipe, a file, a dumb link).

    The same rules as in a terminal: an answer ends at an empty line, a `/` line is sent at
    once, and an empty line right after an unsaved entry sends that entry again.
    """

    def __init__(self, stream: TextIO | None = None, say: Say = print_line) -> None:
        self.stream = stream if stream is not None else sys.stdin
        self.say = say
        self._partial: list[str] = []

    def _read(self) -> str:
        line = self.stream.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def ask(self, label: str, default: str = "") -> str:
        self.say(label.rstrip())
        self._partial = []
        return self._read().strip() or default

    def answer(self, label: str, default: str = "") -> str:
        self.say(label.rstrip())
        self._partial = []
        while True:
            line = self._read()
            if not self._partial and is_command(line):
                return line.rstrip()
            if not line.strip():
                return "\n".join(self._partial).rstrip() or default
            self._partial.append(line)

    def unsent(self) -> str:
        return "\n".join(self._partial)

    def set_criteria(self, criteria: CriteriaSource) -> None:
        """Nothing to complete without a terminal."""


def default_io(say: Say = print_line) -> LineIO:
    """Return terminal prompts when standard input and output are a terminal, else StreamIO."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        return TerminalIO(plain_setup=True)
    return StreamIO(say=say)
