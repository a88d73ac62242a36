"""The interview screen: answers reach the disk, tags, evidence, a failed save, the read-back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from tui_helpers import open_interview, settle, type_text

from assistant.store.errors import SaveError
from assistant.store.workspace import Workspace
from assistant.tui.app import AssessorApp
from assistant.tui.screens.confirm_modal import ConfirmModal
from assistant.tui.screens.evidence_modal import EvidenceModal
from assistant.tui.screens.interview_screen import InterviewScreen
from assistant.tui.widgets.chat import ChatMessage

ANSWER = "We log every complaint in the CRM and the team leader reviews them weekly"


def screen(app: AssessorApp) -> InterviewScreen:
    assert isinstance(app.screen, InterviewScreen)
    return app.screen


def turns_on_disk(root: Path, assessment_id: str) -> list[str]:
    return [t.answer for t in Workspace(root).load(assessment_id).turns]


async def test_an_answer_is_on_disk_after_enter(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await type_text(pilot, ANSWER)
        assert s.box.text == ANSWER
        await pilot.press("enter")
        await pilot.pause()
        assert turns_on_disk(ws_root, assessment_id) == [ANSWER]
        assert s.box.text == ""
        assert s.indicator.state == "saved"
        assert "turn 1" in s.indicator.text
        bubbles = [m for m in s.chat.messages() if "answer" in m.classes]
        assert bubbles[-1].text == ANSWER
        assert bubbles[-1].key == s.engine.last_turn.key


async def test_new_line_keys_do_not_send(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await type_text(pilot, "first")
        await pilot.press("ctrl+j")
        await type_text(pilot, "second")
        await pilot.press("ctrl+n", "x", "enter")
        await pilot.pause()
        assert turns_on_disk(ws_root, assessment_id) == ["first\nsecond\nx"]


async def test_a_burst_of_keys_loses_nothing(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    """Letters, Enter and more letters arriving in one read: each answer keeps every letter."""
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        burst = [*"in the CRM", "enter", *"next one", "ctrl+j", *"two", "enter", *"typed on"]
        for key in burst:
            char = {"enter": "\r", "ctrl+j": "\n"}.get(key, key)
            app.post_message(events.Key("space" if key == " " else key, char))
        await settle(pilot)
        assert turns_on_disk(ws_root, assessment_id) == ["in the CRM", "next one\ntwo"]
        assert screen(app).box.text == "typed on"


async def test_one_key_tags_work_while_typing(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await type_text(pilot, ANSWER)
        await pilot.press("enter")
        await type_text(pilot, "half typed")
        await pilot.press("f2", "f4")
        await pilot.pause()
        data = Workspace(ws_root).load(assessment_id)
        assert data.turns[0].tags == ["fact", "claim-to-verify"]
        assert [i.kind for i in data.open_items] == ["claim"]
        s = screen(app)
        assert s.box.text == "half typed"
        bubble = s.chat.find(data.turns[0].key)
        assert bubble is not None and "#fact" in str(bubble.border_subtitle)


async def test_edit_corrects_the_bubble_and_the_file_and_keeps_the_old_text_in_the_audit(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await type_text(pilot, "We log evry complaint")
        await pilot.press("enter")
        await type_text(pilot, "/edit We log every complaint in the CRM")
        await pilot.press("enter")
        await pilot.pause()
        assert turns_on_disk(ws_root, assessment_id) == ["We log every complaint in the CRM"]
        s = screen(app)
        bubble = s.chat.find(s.engine.last_turn.key)
        assert bubble is not None and bubble.text == "We log every complaint in the CRM"
        assert "turn 1 corrected" in s.indicator.text
        assert s.box.text == ""
        audit = s.engine.recorder.audit_log()
        assert any("We log evry complaint" in str(e.model_dump()) for e in audit)


async def test_evidence_added_in_the_modal(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, EvidenceModal)
        await type_text(pilot, "Complaints log March")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        evidence = Workspace(ws_root).load(assessment_id).evidence
        assert [(e.type, e.title) for e in evidence] == [("document", "Complaints log March")]
        assert evidence[0].criteria == [screen(app).engine.current_criterion.id]


async def test_failed_save_keeps_the_text_then_retry_saves(
    app: AssessorApp, ws_root: Path, assessment_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        assert app.current is not None
        session = app.current.session

        def full(*args: object, **kwargs: object) -> None:
            raise SaveError("sessions/x/interviews/iv.json", "No space left on device")

        monkeypatch.setattr(session, "record_turn", full)
        await type_text(pilot, ANSWER)
        await pilot.press("enter")
        await pilot.pause()
        s = screen(app)
        assert s.indicator.state == "not-saved"
        assert "NOT SAVED" in s.indicator.text and "No space left" in s.indicator.text
        assert s.box.text == ANSWER
        assert turns_on_disk(ws_root, assessment_id) == []
        assert any("not-saved" in m.classes for m in s.chat.messages())

        monkeypatch.undo()
        await pilot.press("enter")
        await pilot.pause()
        assert turns_on_disk(ws_root, assessment_id) == [ANSWER]
        assert s.indicator.state == "saved"
        assert s.box.text == ""


async def test_slash_command_completes_with_tab(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await type_text(pilot, "/ta")
        assert s.box.suggestion == "g "
        assert "/tag TAG" in str(s.query_one("#hint").content)
        await pilot.press("tab")
        await type_text(pilot, "fa")
        assert s.box.suggestion == "ct"
        await pilot.press("tab")
        assert s.box.text == "/tag fact"


async def test_closing_read_back_then_end(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await type_text(pilot, ANSWER)
        await pilot.press("enter")
        await type_text(pilot, "/end")
        await pilot.press("enter")
        await pilot.pause()
        s = screen(app)
        read_back = [m for m in s.chat.messages() if "read-back" in m.classes]
        assert read_back and "1. " in read_back[-1].text and "CRM" in read_back[-1].text
        await type_text(pilot, "/dispute 1")
        await pilot.press("enter")
        await type_text(pilot, "/end")
        await pilot.press("enter")
        await pilot.pause()
        interview = Workspace(ws_root).load(assessment_id).interviews[0]
        assert interview.ended is not None
        assert len(interview.disputed_points) == 1
        assert s.box.read_only
        assert any(isinstance(m, ChatMessage) and m.kind == "ended" for m in s.chat.messages())


async def test_quitting_with_unsent_text_asks_first(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await type_text(pilot, "not sent yet")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.is_running
        assert screen(app).box.text == "not sent yet"
        await pilot.press("enter", "ctrl+q")  # sent: nothing left to lose
        await pilot.pause()
        assert not app.is_running


async def test_the_side_panel_shows_a_contradiction_while_the_staff_member_is_in_the_room(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    with Workspace(ws_root).open(assessment_id) as session:
        lead = session.add_interviewee("lead", title="Head of service")
        iv = session.start_interview([lead.id], assessor="A. Assessor")
        session.record_turn(
            iv.id,
            answer="Every adviser sees the customer survey results on the team dashboard.",
            criteria=["SVC.1"],
        )
        session.end_interview(iv.id)
    async with app.run_test(size=(140, 48)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        assert s.engine.current_criterion is not None
        assert s.engine.current_criterion.id == "SVC.1"
        await type_text(pilot, "We never see the survey results; nobody shows us the dashboard.")
        await pilot.press("enter")
        await settle(pilot)
        block = s.query_one("#accounts")
        text = str(block.render())
        assert "contradicted" in text and "L1 t1 vs S1 t1: contradicts" in text
        assert "CONTRADICTED" in str(block.border_title)
        assert block.has_class("-over")
