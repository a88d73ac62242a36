"""The interview screen's rough edges (issue 20): one probe card, /time, read-back marks, panel."""

from __future__ import annotations

from tui_helpers import open_interview, type_text

from assistant.core.interview import replies as r
from assistant.core.model import Reason, Suggestion
from assistant.tui.app import AssessorApp
from assistant.tui.screens.interview_screen import InterviewScreen
from assistant.tui.widgets.chat import ChatMessage

EXAMPLE = "Yesterday a customer complained about bins and I passed it to my team leader."
"""An answer with an example and no record: the probe asks where it is written down."""
CLAIM = "Last week I handled twelve complaints and all were closed within two days, our target."
"""An answer whose first gap is a claim with nothing to show for it."""
WRITTEN = "Is there somewhere you write that down? Could you show me?"


def screen(app: AssessorApp) -> InterviewScreen:
    assert isinstance(app.screen, InterviewScreen)
    return app.screen


def cards(s: InterviewScreen, kind: str) -> list[ChatMessage]:
    return [m for m in s.chat.messages() if m.kind == kind]


async def send(pilot: object, text: str) -> None:
    await type_text(pilot, text)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_edit_replaces_the_suggested_probe_card_instead_of_adding_one(
    app: AssessorApp,
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await send(pilot, "We log every complaint in the CRM.")
        assert len(cards(s, "probe-suggested")) == 1
        await send(pilot, "/edit We log every complaint in the CRM system.")
        assert len(cards(s, "probe-suggested")) == 1  # the same probe: no second card
        await send(pilot, "/edit We don't measure that yet.")
        [card] = cards(s, "probe-suggested")
        assert "is measuring it planned" in card.text and "/probe 0" not in card.text


async def test_a_where_is_it_written_probe_leaves_after_verified_evidence(
    app: AssessorApp,
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await send(pilot, CLAIM)
        [card] = cards(s, "probe-suggested")
        assert WRITTEN in card.text
        await send(pilot, "/evidence document Complaints log verified")
        assert cards(s, "probe-suggested") == []
        assert any("Probe withdrawn" in m.text for m in s.chat.messages())
        assert s.engine.suggested_probe is None


async def test_time_shows_in_the_chat(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await send(pilot, EXAMPLE)
        assert cards(s, "coverage") == []  # an answer's coverage goes to the panel only
        await send(pilot, "/time")
        [shown] = cards(s, "coverage")
        assert "min used" in shown.text and "planned areas" in shown.text


async def test_read_back_marks_change_after_confirm_and_dispute(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await send(pilot, EXAMPLE)
        await send(pilot, "/next")
        await send(pilot, "We review the complaint figures every month and changed the form.")
        await send(pilot, "/end")
        [rb] = cards(s, "read-back")
        assert "○ 1." in rb.text and "○ 2." in rb.text
        await send(pilot, "/confirm 1")
        assert "✔ 1." in rb.text and "○ 2." in rb.text
        await send(pilot, "/dispute 2")
        assert "✔ 1." in rb.text and "✖ 2." in rb.text


async def test_end_names_the_unticked_opening_steps(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        await send(pilot, EXAMPLE)
        await send(pilot, "/tick 1")
        await send(pilot, "/end")
        notes = [m.text for m in s.chat.messages() if "opening checklist" in m.text]
        assert notes and "4 steps not ticked" in notes[-1] and "purpose" not in notes[-1]


async def test_the_side_panel_shows_what_the_engine_replies_carry(app: AssessorApp) -> None:
    """The panel renders the SuggestionUpdate and Coverage replies; it does not recompute."""
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        s = screen(app)
        crit = s.engine.current_criterion
        assert crit is not None
        carried = Suggestion(
            criterion_id=crit.id,
            band="deployed",
            score=4.5,
            confidence=0.61,
            reasons=[Reason(text="a reason only this reply carries", effect="supports")],
        )
        cov = r.Coverage(
            covered=(crit.id,),
            planned=(crit.id, "XYZ.9"),
            remaining_mandatory=("XYZ.9",),
            minutes_used=7,
            minutes_left=38,
            time_box=45,
            warning="a warning only this reply carries",
        )
        s._show_replies([r.SuggestionUpdate(crit.id, carried, "Odd band"), cov])
        await pilot.pause()
        suggestion = str(s.query_one("#suggestion").render())
        assert "4.5 Odd band" in suggestion and "only this reply carries" in suggestion
        progress = str(s.query_one("#progress").render())
        assert "XYZ.9" in progress and "a warning only this reply carries" in progress
