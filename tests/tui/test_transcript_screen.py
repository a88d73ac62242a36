"""Transcript review: search across interviews, filter by tag, role and criterion, jump to a turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import Built, ReviewApp, build_assessment, open_current, settle
from textual.widgets import DataTable, Input, Select, Static
from tui_helpers import wait_for

from assistant.services.opening import OpenAssessment
from assistant.services.transcripts import TurnFilter, filter_rows, turn_rows
from assistant.tui.screens.transcript_screen import TranscriptScreen


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_assessment(tmp_path / "ws")


@pytest.fixture
def current(built: Built) -> Iterator[OpenAssessment]:
    opened = open_current(built)
    yield opened
    opened.session.close()


def cursor_key(screen: TranscriptScreen) -> str | None:
    table = screen.query_one("#transcript-table", DataTable)
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def test_filter_rows(built: Built, current: OpenAssessment) -> None:
    rows = turn_rows(current.bank, current.data)
    assert len(rows) == 6
    found = filter_rows(rows, TurnFilter(text="Survey RESULT"))
    assert {r.key for r in found} == {built.keys["lead_svc1"], built.keys["staff_svc1"]}
    assert [r.key for r in filter_rows(rows, TurnFilter(role="staff"))] == [
        built.keys["staff_svc1"],
        built.keys["staff_ops1"],
    ]
    assert [r.key for r in filter_rows(rows, TurnFilter(criterion="OPS.2"))] == [
        built.keys["lead_ops2"]
    ]
    assert filter_rows(rows, TurnFilter(text="survey", role="lead"))[0].code == "L1"


def test_search_ignores_accents_and_case(built: Built, current: OpenAssessment) -> None:
    rows = turn_rows(current.bank, current.data)
    accented = filter_rows(rows, TurnFilter(text="SÚRVÉY résult"))
    assert {r.key for r in accented} == {built.keys["lead_svc1"], built.keys["staff_svc1"]}


async def test_typing_more_narrows_the_table_without_rebuilding_it(
    built: Built, current: OpenAssessment
) -> None:
    app = ReviewApp(current, TranscriptScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TranscriptScreen)
        table = screen.query_one("#transcript-table", DataTable)
        cleared: list[int] = []
        original = table.clear
        table.clear = lambda *a, **k: (cleared.append(1), original(*a, **k))[1]  # type: ignore[method-assign]
        box = screen.query_one("#transcript-search", Input)
        box.value = "su"
        await wait_for(pilot, lambda: len(screen.shown) < 6, "the first narrowing")
        box.value = "survey"
        await wait_for(pilot, lambda: len(screen.shown) == 2, "the second narrowing")
        assert cleared == [] and table.row_count == 2
        box.value = ""
        await wait_for(pilot, lambda: len(screen.shown) == 6, "every row again")
        assert cleared == [1] and table.row_count == 6


async def test_search_finds_turns_across_interviews(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, TranscriptScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert len(screen.shown) == 6
        await pilot.press("slash")
        await pilot.press(*"survey")
        await wait_for(pilot, lambda: len(screen.shown) == 2, "the search to narrow the rows")
        keys = {row.key for row in screen.shown}
        assert keys == {built.keys["lead_svc1"], built.keys["staff_svc1"]}
        assert len({k.split("/")[0] for k in keys}) == 2, "the hits come from two interviews"
        assert screen.query_one("#transcript-table", DataTable).row_count == 2
        assert "2 of 6" in str(screen.query_one("#transcript-count", Static).content)
        screen.query_one("#transcript-search", Input).value = "no such words anywhere"
        await wait_for(pilot, lambda: screen.shown == [], "the search to empty the rows")
        assert screen.shown == []


async def test_filter_by_tag_and_role(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, TranscriptScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#transcript-tag", Select).value = "evidence-seen"
        await settle(pilot)
        assert [r.key for r in screen.shown] == [built.keys["staff_svc1"]]
        assert "evidence-seen" in str(screen.query_one("#transcript-detail", Static).content)
        screen.query_one("#transcript-tag", Select).value = "fact"
        await settle(pilot)
        assert {r.key for r in screen.shown} == {built.keys["lead_svc1"], built.keys["stake_fin3"]}
        screen.query_one("#transcript-role", Select).value = "stakeholder"
        await settle(pilot)
        assert [r.key for r in screen.shown] == [built.keys["stake_fin3"]]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len(screen.shown) == 6


async def test_jump_to_a_cited_turn_clears_hiding_filters(
    built: Built, current: OpenAssessment
) -> None:
    target = built.keys["lead_ops2"]
    app = ReviewApp(current, TranscriptScreen(focus=target))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert cursor_key(screen) == target
        assert "complaints register" in str(screen.query_one("#transcript-detail").content)
        screen.query_one("#transcript-role", Select).value = "staff"
        await settle(pilot)
        assert target not in {r.key for r in screen.shown}
        assert screen.show_turn(target)
        await settle(pilot)
        assert cursor_key(screen) == target
        assert screen.current_filter().empty
        assert not screen.show_turn("iv-nothere/9")


async def test_criterion_start_filter(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, TranscriptScreen(criterion_id="SVC.1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert {r.key for r in app.screen.shown} == {
            built.keys["lead_svc1"],
            built.keys["staff_svc1"],
        }


async def test_escape_leaves_the_search_box_first(current: OpenAssessment) -> None:
    app = ReviewApp(current, TranscriptScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#transcript-table")
        assert isinstance(app.screen, TranscriptScreen)


async def test_at_80_columns_the_filter_labels_fit_on_one_line(current: OpenAssessment) -> None:
    app = ReviewApp(current, TranscriptScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        selects = list(app.screen.query("#transcript-filters Select").results(Select))
        assert len(selects) == 4
        for select in selects:
            # One line of text inside the border: a wrapped label ("criterio / n") is taller.
            assert select.outer_size.height == 3, select.id
            assert select.region.right <= 80
