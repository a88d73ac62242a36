"""The Review and Consensus screens: comments, requested changes, consensus and sign-off by key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import Built, ReviewApp, build_assessment, open_current, settle
from textual.widgets import DataTable, Input, Static

from assistant.core.model import CriterionScore
from assistant.services.opening import OpenAssessment
from assistant.tui.screens.consensus_screen import ConsensusScreen
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.review_screen import ReviewTeamScreen


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_assessment(tmp_path / "ws")


@pytest.fixture
def current(built: Built) -> Iterator[OpenAssessment]:
    opened = open_current(built)
    yield opened
    opened.session.close()


def _score_all(current: OpenAssessment, who: str, value: float, **special: float) -> None:
    scale = current.bank.scale
    for crit in current.bank.criteria():
        v = special.get(crit.id.replace(".", "_"), value)
        current.session.set_score(
            CriterionScore(criterion_id=crit.id, assessor=who, score=v, band=scale.band_for(v).id)
        )


async def _answer(pilot: object, text: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    assert isinstance(app.screen, NoteModal), app.screen
    app.screen.query_one(Input).value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_request_changes_answer_resolve_and_sign_off_by_key(
    built: Built, current: OpenAssessment
) -> None:
    _score_all(current, "ana", 5)
    app = ReviewApp(current, ReviewTeamScreen())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await _answer(pilot, "score:SVC.1")
        await _answer(pilot, "Show the survey behind the 5")
        assert current.data.assessment.status == "in-progress"
        [comment] = current.data.comments
        assert comment.request_changes and comment.criterion_id == "SVC.1"
        table = app.screen.query_one("#review-table", DataTable)
        assert table.row_count == 1
        blockers = str(app.screen.query_one("#review-blockers", Static).render())
        assert "changes requested" in blockers

        await pilot.press("s")  # blocked: asks for the reason to accept the risk; cancel
        await settle(pilot)
        assert isinstance(app.screen, NoteModal)
        await pilot.press("escape")
        await settle(pilot)
        assert current.data.assessment.sign_off is None

        await pilot.press("a")
        await settle(pilot)
        await _answer(pilot, "Survey Q3 seen")
        await pilot.press("r")
        await settle(pilot)
        await _answer(pilot, "verified")
        assert current.data.comments[0].status == "resolved"
        await pilot.press("s")
        await settle(pilot)
        signed = current.data.assessment.sign_off
        assert signed is not None and signed.by == "ana" and signed.accepted_risks == []
        assert current.data.assessment.status == "signed-off"
        head = str(app.screen.query_one("#review-status", Static).render())
        assert "content verified" in head


async def test_consensus_screen_starts_at_the_median_and_needs_a_rationale(
    built: Built, current: OpenAssessment
) -> None:
    _score_all(current, "ana", 5)
    current.session.set_score(
        CriterionScore(criterion_id="OPS.4", assessor="ben", score=8, band="integration")
    )
    app = ReviewApp(current, ConsensusScreen())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#consensus-table", DataTable)
        assert table.row_count == 1
        assert str(table.get_cell("OPS.4", "Rationale")) == "required"
        await pilot.press("o")
        await settle(pilot)
        assert current.data.assessment.consensus_opened is not None
        await pilot.press("e")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, NoteModal)
        assert modal.query_one(Input).value == "6"  # median of 5 and 8, down to the step
        await _answer(pilot, "6")
        assert isinstance(app.screen, NoteModal) and app.screen.required
        await pilot.press("enter")  # empty rationale refused in the modal
        await settle(pilot)
        assert isinstance(app.screen, NoteModal)
        await _answer(pilot, "Measures reviewed monthly, not yet aligned")
        [agreed] = current.data.consensus
        assert agreed.score == 6 and agreed.individual == {"ana": 5, "ben": 8}
        await pilot.press("x")
        await settle(pilot)
        assert current.data.assessment.consensus_closed is not None
        assert current.data.current_scores()["OPS.4"].score == 6
