"""Bad input, failed writes, long pastes, ctrl+c and end of input in the line mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from line_driver import (
    CTRL_C,
    ENTER,
    STAFF_START,
    answer,
    assessment,
    drive,
    line,
    paste,
    workspace,
)

from assistant.core.interview import commands
from assistant.line.render import KEYS_HELP
from assistant.store.errors import SaveError
from assistant.store.session import Session
from assistant.store.workspace import Workspace


@pytest.fixture
def ready(tmp_path: Path) -> tuple[Path, str]:
    root = workspace(tmp_path)
    return root, assessment(root)


def answers(root: Path, assessment_id: str) -> list[str]:
    return [t.answer for t in Workspace(root).load(assessment_id).turns]


def test_unknown_command_names_the_closest_and_records_nothing(ready: tuple[Path, str]) -> None:
    root, aid = ready
    result = drive(root, STAFF_START + line("/nxt") + line("/sore 5"), aid)
    assert "Warning: unknown command /nxt. Did you mean /next, /note?" in result.text
    assert "Did you mean /score" in result.text
    assert answers(root, aid) == []


def test_empty_answer_is_a_gentle_notice(ready: tuple[Path, str]) -> None:
    root, aid = ready
    result = drive(root, STAFF_START + ENTER + "   " + ENTER, aid)
    notes = [x for x in result.lines if x.startswith("Note: nothing to save")]
    assert len(notes) == 2
    assert not any(x.startswith(("Warning", "Error", "NOT SAVED")) for x in result.lines)
    assert answers(root, aid) == []


def test_help_lists_every_command_with_its_help(ready: tuple[Path, str]) -> None:
    root, aid = ready
    result = drive(root, STAFF_START + line("/help"), aid)
    shown = result.after("Question 1 of")
    assert KEYS_HELP in shown
    for command in commands.COMMANDS:
        assert command.line() in shown
    assert "Enter on an empty line" in KEYS_HELP.split(".")[0]


def test_a_pasted_answer_of_100_kb_is_saved_whole(ready: tuple[Path, str]) -> None:
    root, aid = ready
    pasted = ("We log every complaint and review the log weekly.\n\n" * 2000)[:100_000]
    result = drive(root, STAFF_START + paste(pasted) + ENTER + ENTER, aid)
    assert "Saved." in result.text
    (saved,) = answers(root, aid)
    assert saved == pasted.strip() and len(saved) > 99_000


def test_failed_write_says_not_saved_and_enter_sends_it_again(
    ready: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, aid = ready
    original = Session.record_turn
    calls = {"n": 0}

    def fail_once(self: Session, *args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise SaveError("ws/sessions/x/interview.json", "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Session, "record_turn", fail_once)
    result = drive(root, STAFF_START + answer("We log every complaint.") + ENTER, aid)
    (failure,) = [x for x in result.lines if x.startswith("NOT SAVED: ")]
    assert "No space left on device" in failure and "press Enter to try again" in failure
    assert result.after("NOT SAVED: ")[0] == "Saved."
    assert calls["n"] == 2
    assert answers(root, aid) == ["We log every complaint."]


def test_kept_text_can_be_edited_before_sending_again(
    ready: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, aid = ready
    original = Session.record_turn
    failures = iter([True])

    def fail_once(self: Session, *args: Any, **kwargs: Any) -> Any:
        if next(failures, False):
            raise SaveError("interview.json", "Read-only file system")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Session, "record_turn", fail_once)
    keys = STAFF_START + answer("First draft") + "\x7f" + " and more" + ENTER + ENTER
    drive(root, keys, aid)
    assert answers(root, aid) == ["First draft and more"]


def test_end_of_input_mid_answer_exits_cleanly_and_keeps_saved_answers(
    ready: tuple[Path, str],
) -> None:
    root, aid = ready
    result = drive(root, STAFF_START + answer("Saved before the end.") + "typed but not sent", aid)
    assert result.status == 0
    assert result.lines[-2] == "Not saved: 18 characters typed but not sent."
    assert result.lines[-1].startswith("Saved answers are on disk; resume with assessor ")
    assert result.lines[-1].endswith(f" interview --plain {aid}")
    assert answers(root, aid) == ["Saved before the end."]
    assert not Workspace(root).read(aid).problems
    Workspace(root).open(aid).close()  # the lock was released


def test_ctrl_c_asks_and_enter_goes_on_with_the_text_kept(ready: tuple[Path, str]) -> None:
    root, aid = ready
    keys = (
        STAFF_START
        + "half an answer"
        + CTRL_C
        + ENTER
        + ", finished"
        + ENTER
        + ENTER
        + CTRL_C
        + line("y")
    )
    result = drive(root, keys, aid)
    assert result.status == 0
    assert result.text.count("Leave the interview?") == 2
    assert "Your unsent text is back in the input." in result.text
    assert "Saved." in result.text
    assert result.lines[-1].startswith("Saved answers are on disk; resume with")
    assert answers(root, aid) == ["half an answer, finished"]


def test_ctrl_c_twice_leaves(ready: tuple[Path, str]) -> None:
    root, aid = ready
    result = drive(root, STAFF_START + "unsent" + CTRL_C + CTRL_C, aid)
    assert result.status == 0
    assert "Not saved: 6 characters typed but not sent." in result.text
    assert answers(root, aid) == []


def test_ctrl_c_and_end_of_input_during_setup_quit_cleanly(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    for keys in (CTRL_C, line("n") + "Harbour", line("q")):
        result = drive(root, keys)
        assert result.status == 0
    assert Workspace(root).ids() == []


def test_wrong_choices_in_setup_are_explained(ready: tuple[Path, str]) -> None:
    root, aid = ready
    keys = (
        line("7")
        + line("1")
        + line("Z9")
        + line("n")
        + line("chef")
        + line("staff")
        + line("")
        + line("")
        + line("")
        + line("3")
        + line("45")
        + answer("An answer.")
    )
    result = drive(root, keys)
    assert "Warning: '7' is not in the list: type a number from 1 to 1, n or q." in result.text
    assert "Warning: no interviewee 'Z9'." in result.text
    assert "Warning: type a number from 1 to 3, a name, or q." in result.text
    assert "Warning: the time box is a number of minutes from 5 to 480." in result.text
    assert answers(root, aid) == ["An answer."]


def test_locked_assessment_is_reported_and_the_list_offered_again(ready: tuple[Path, str]) -> None:
    root, aid = ready
    with Workspace(root).open(aid):
        result = drive(root, line("1") + line("q"))
    assert result.status == 0
    assert any(
        x.startswith("Error: assessment ") and "open in another window" in x for x in result.lines
    )
    assert result.text.count("Assessments in ") == 2


def test_ctrl_c_during_a_save_leaves_with_a_warning(
    ready: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, aid = ready

    def interrupted(self: Session, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Session, "record_turn", interrupted)
    result = drive(root, STAFF_START + answer("An answer."), aid)
    assert result.status == 0
    assert "Interrupted while saving: check the last entry before going on." in result.text
    assert result.lines[-1].startswith("Saved answers are on disk; resume with")
    Workspace(root).open(aid).close()  # the lock was released


def test_edit_corrects_the_last_answer_and_says_so(ready: tuple[Path, str]) -> None:
    root, aid = ready
    result = drive(
        root,
        STAFF_START + answer("We log evry complaint") + line("/edit We log every complaint"),
        aid,
    )
    assert "Turn 1 corrected (the earlier text is kept in the audit log)." in result.text
    assert answers(root, aid) == ["We log every complaint"]
