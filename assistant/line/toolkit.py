"""Provides the line mode's prompt-toolkit sessions: the answer prompt and the one-line prompt.

Imported only when the first prompt-toolkit prompt is needed (see `prompts.TerminalIO`), so the
line mode's first question appears without waiting for prompt-toolkit to load.

The answer prompt is multi-line: Enter on an empty line sends (so a one-line answer is typed,
then Enter twice), Esc then Enter sends at any point (prompt-toolkit's own binding), and a
single line starting with `/` is a command, sent on the first Enter. Completion runs on Tab only
(`complete_while_typing=False`) and prints its list as plain lines (readline style), which a
screen reader reads like any other output. History is kept in memory only: interview answers are
never written to a history file outside the assessment.
"""

from __future__ import annotations

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.history import DummyHistory, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.output import Output
from prompt_toolkit.shortcuts import CompleteStyle

from assistant.line.prompts import sends_on_enter


def answer_keys() -> KeyBindings:
    """Return the Enter binding of the answer prompt (see `prompts.sends_on_enter`)."""
    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        buffer = event.current_buffer
        doc = buffer.document
        if sends_on_enter(buffer.text, doc.is_cursor_at_the_end, doc.current_line):
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    return keys


def _continuation(width: int, line_number: int, wrap_count: int) -> StyleAndTextTuples:
    return [("", " " * width)]


def answer_session(
    completer: Completer, input: Input | None = None, output: Output | None = None
) -> PromptSession[str]:
    """Return the multi-line prompt for answers and commands, with history and completion."""
    return PromptSession(
        multiline=True,
        key_bindings=answer_keys(),
        completer=completer,
        complete_while_typing=False,
        complete_style=CompleteStyle.READLINE_LIKE,
        history=InMemoryHistory(),
        prompt_continuation=_continuation,
        mouse_support=False,
        input=input,
        output=output,
    )


def line_session(input: Input | None = None, output: Output | None = None) -> PromptSession[str]:
    """Return a one-line prompt without history (setup questions, the leave question)."""
    return PromptSession(history=DummyHistory(), mouse_support=False, input=input, output=output)
