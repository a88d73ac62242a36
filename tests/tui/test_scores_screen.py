"""The Scores screen: accept a suggestion, override with a reason, comment, follow a citation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import Built, ReviewApp, build_assessment, open_current, settle
from textual.widgets import Input, OptionList, Static
from tui_helpers import palette_offers, wait_for

from assistant.services.opening import OpenAssessment
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.override_modal import OverrideModal
from assistant.tui.screens.scores_screen import ScoresScreen
from assistant.tui.screens.transcript_screen import TranscriptScreen
from assistant.tui.widgets.rollup_bar import RollupBar


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_assessment(tmp_path / "ws")


@pytest.fixture
def current(built: Built) -> Iterator[OpenAssessment]:
    opened = open_current(built)
    yield opened
    opened.session.close()


def saved(built: Built, criterion_id: str):
    return built.workspace.load(built.assessment_id).current_scores().get(criterion_id)


async def test_accept_stores_the_suggestion_on_disk(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ScoresScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoresScreen)
        assert screen.select_criterion("SVC.1")
        suggestion = screen.view.line("SVC.1").suggestion
        assert suggestion is not None
        await pilot.press("a")
        await settle(pilot)
    score = saved(built, "SVC.1")
    assert score is not None
    assert score.accepted_suggestion is True
    assert score.score == suggestion.score
    assert score.band == suggestion.band
    assert score.suggestion == suggestion
    assert score.assessor == "ana"
    audit = [e for e in current.session.audit_log() if e.entity == "score"]
    assert audit and audit[-1].why == "accepted the suggestion"


async def test_accept_without_suggestion_saves_nothing(
    built: Built, current: OpenAssessment
) -> None:
    app = ReviewApp(current, ScoresScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.select_criterion("LRN.6")
        assert screen.view.line("LRN.6").suggestion is None
        await pilot.press("a")
        await settle(pilot)
    assert saved(built, "LRN.6") is None


async def test_override_needs_a_reason_and_a_score_on_the_scale(
    built: Built, current: OpenAssessment
) -> None:
    app = ReviewApp(current, ScoresScreen(criterion_id="SVC.1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.selected_id() == "SVC.1"
        suggested = screen.view.line("SVC.1").suggestion.score
        other = 4.0 if suggested != 4.0 else 5.0
        await pilot.press("o")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, OverrideModal)
        modal.query_one("#override-score", Input).value = "11"
        modal.query_one("#override-reason", Input).value = "whatever"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is modal
        assert "from 0 to 10" in str(modal.query_one("#override-error", Static).content)
        modal.query_one("#override-score", Input).value = f"{other:g}"
        modal.query_one("#override-reason", Input).value = "   "
        modal.query_one("#override-score", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is modal, "an override without a reason must be refused"
        assert "reason is required" in str(modal.query_one("#override-error", Static).content)
        assert saved(built, "SVC.1") is None
        await pilot.press(*"staff do not see results")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
    score = saved(built, "SVC.1")
    assert score is not None
    assert score.score == other
    assert score.accepted_suggestion is False
    assert score.override_reason == "staff do not see results"
    assert score.suggestion is not None and score.suggestion.score == suggested
    audit = [e for e in current.session.audit_log() if e.entity == "score"]
    assert audit[-1].why == "staff do not see results"


async def test_override_cancel_changes_nothing(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ScoresScreen(criterion_id="SVC.1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OverrideModal)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
    assert saved(built, "SVC.1") is None


async def test_comment_is_saved_and_rollup_follows_decisions(
    built: Built, current: OpenAssessment
) -> None:
    app = ReviewApp(current, ScoresScreen(criterion_id="SVC.1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.view.rollup.scored == 0
        assert not screen.view.readiness.ready
        await pilot.press("a")
        await settle(pilot)
        assert screen.view.rollup.scored == 1
        assert "SVC.1" not in {b.criterion_id for b in screen.view.readiness.blockers}
        assert "1 of 24 scored" in str(screen.query_one(RollupBar).content)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NoteModal)
        await pilot.press(*"survey seen", "enter")
        await settle(pilot)
    score = saved(built, "SVC.1")
    assert score.comment == "survey seen"
    assert score.accepted_suggestion is True


async def test_citation_opens_the_cited_turn(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ScoresScreen(criterion_id="SVC.1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reasons = app.screen.query_one("#detail-reasons", OptionList)
        cites = app.screen.query_one("#scores-detail")._cites
        assert built.keys["staff_svc1"] in cites.values()
        option_id = next(k for k, v in cites.items() if v == built.keys["staff_svc1"])
        await pilot.press("d")
        reasons.highlighted = reasons.get_option_index(option_id)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        assert screen.focused_key == built.keys["staff_svc1"]
        table = screen.query_one("#transcript-table")
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert row_key == built.keys["staff_svc1"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)


async def test_in_the_app_palette_goes_to_a_criterion(built: Built) -> None:
    from assistant.tui.app import create_app

    app = create_app(built.workspace.root, who="ana")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.open_assessment(built.assessment_id)
        await pilot.press("ctrl+p")
        await pilot.press(*"criterion OPS.2")
        await wait_for(pilot, palette_offers(app, "OPS.2"), "the palette to offer OPS.2")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert app.current_mode == "scores"
        assert isinstance(screen, ScoresScreen)
        assert screen.selected_id() == "OPS.2"
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "home"
    score = built.workspace.load(built.assessment_id).current_scores()["OPS.2"]
    assert score.accepted_suggestion


async def test_a_second_assessors_override_is_kept_but_the_leads_counts(
    built: Built, current: OpenAssessment
) -> None:
    from assistant.services.scores import accepted, build_scores_data

    lead_view = build_scores_data(current.bank, current.data)
    current.session.set_score(accepted(lead_view.line("SVC.1"), "ana", current.bank))
    current.session.who = "bo"
    app = ReviewApp(current, ScoresScreen(criterion_id="SVC.1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        modal = app.screen
        modal.query_one("#override-score", Input).value = "2"
        modal.query_one("#override-reason", Input).value = "no record of changes"
        await pilot.press("enter")
        await settle(pilot)
        line = app.screen.view.line("SVC.1")
        assert line.decided.assessor == "ana"
        assert [(s.assessor, s.score) for s in line.others] == [("bo", 2.0)]
        head = str(app.screen.query_one("#detail-head", Static).content)
        assert "Also decided: 2 by bo (does not count)" in head
    scores = built.workspace.load(built.assessment_id).scores
    assert {(s.assessor, s.score) for s in scores if s.criterion_id == "SVC.1"} == {
        ("ana", lead_view.line("SVC.1").suggestion.score),
        ("bo", 2.0),
    }
