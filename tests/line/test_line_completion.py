"""Tab completion from the core's command table, and when Enter sends."""

from __future__ import annotations

from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from assistant.core.interview import commands
from assistant.line.completion import CommandCompleter
from assistant.line.prompts import for_resend, sends_on_enter

CRITERIA = [("A.1", "Complaint handling"), ("A.2", "Service standards"), ("B.1", "Leadership")]


def complete(text: str) -> list[tuple[str, str]]:
    completer = CommandCompleter(lambda: CRITERIA)
    found = completer.get_completions(Document(text), CompleteEvent(completion_requested=True))
    return [(c.text, c.display_meta_text) for c in found]


def test_slash_n_offers_next_and_note_with_their_help() -> None:
    assert complete("/n") == [
        ("/next ", commands.find("next").help),  # type: ignore[union-attr]
        ("/note ", commands.find("note").help),
    ]  # type: ignore[union-attr]


def test_display_carries_the_help_for_the_plain_list() -> None:
    completer = CommandCompleter()
    (only,) = completer.get_completions(Document("/ev"), CompleteEvent())
    assert only.display_text == commands.find("evidence").line()  # type: ignore[union-attr]
    assert only.start_position == -3


def test_a_lone_slash_offers_every_command() -> None:
    assert [t.strip() for t, _ in complete("/")] == ["/" + c.name for c in commands.COMMANDS]


def test_arguments_and_criteria() -> None:
    assert complete("/tag cl") == [("claim-to-verify ", "")]
    assert complete("/next A") == [("A.1 ", "Complaint handling"), ("A.2 ", "Service standards")]
    assert complete("/plan add B") == [("B.1 ", "Leadership")]
    assert [t for t, _ in complete("/evidence d")] == ["document ", "demonstration ", "data "]


def test_nothing_for_answers_or_later_lines() -> None:
    assert complete("We log complaints") == []
    assert complete("//not a command") == []
    assert complete("first line\n/n") == []


def test_enter_sends_commands_at_once_and_answers_on_an_empty_line() -> None:
    assert sends_on_enter("/next", True, "/next")
    assert not sends_on_enter("an answer", True, "an answer")
    assert sends_on_enter("an answer\n", True, "")
    assert sends_on_enter("", True, "")
    assert not sends_on_enter("one\n\ntwo", False, "")  # a blank line in the middle
    assert not sends_on_enter("/note a\nsecond line", True, "second line")


def test_unsaved_text_comes_back_ready_to_resend() -> None:
    assert for_resend("an answer") == "an answer\n"  # Enter on the empty line
    assert for_resend("two\nlines\n\n") == "two\nlines\n"
    assert for_resend("/score 6 reason") == "/score 6 reason"  # a command: Enter sends it
    assert for_resend("") == ""
