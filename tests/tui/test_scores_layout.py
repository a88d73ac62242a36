"""The Scores table's layout at 80, 140 and 200 columns (issue 20): whole band names, a Flags
column no wider than its flags, Decided on screen at 80x24 and the detail one key away."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import Built, ReviewApp, build_assessment, open_current, settle
from rich.text import Text
from tui_helpers import open_interview

from assistant.services.opening import OpenAssessment
from assistant.tui.app import AssessorApp
from assistant.tui.screens.scores_screen import ScoresScreen
from assistant.tui.widgets.criterion_detail import CriterionDetail
from assistant.tui.widgets.scores_table import ScoresTable


@pytest.fixture
def current(tmp_path: Path) -> Iterator[OpenAssessment]:
    built: Built = build_assessment(tmp_path / "ws")
    opened = open_current(built)
    yield opened
    opened.session.close()


def cell_text(value: object) -> str:
    return value.plain if isinstance(value, Text) else str(value)


@pytest.mark.parametrize("width", [140, 200])
async def test_band_names_are_whole_and_flags_take_only_their_width(
    current: OpenAssessment, width: int
) -> None:
    app = ReviewApp(current, ScoresScreen())
    async with app.run_test(size=(width, 42)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ScoresTable)
        labels = [b.label for b in current.bank.scale.bands]
        scores = [
            cell_text(table.get_cell_at((row, col)))
            for row in range(table.row_count)
            for col in (1, 2)
        ]
        banded = [s.rstrip(" ✓✎") for s in scores if s[:1].isdigit() and "scored" not in s]
        assert banded, "some rows carry a band"
        assert all(s.split(" ", 1)[1] in labels for s in banded), banded
        columns = list(table.columns.values())
        assert [cell_text(c.label) for c in columns][-1] == "Flags"
        flags = max(
            len(cell_text(table.get_cell_at((row, len(columns) - 1))))
            for row in range(table.row_count)
        )
        assert columns[-1].content_width <= max(len("Flags"), flags)
        widths = [c.get_render_width(table) for c in columns]
        assert sum(widths) <= table.size.width  # every column on screen


async def test_at_80x24_decided_is_on_screen_and_d_shows_the_detail(
    current: OpenAssessment,
) -> None:
    app = ReviewApp(current, ScoresScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ScoresTable)
        columns = list(table.columns.values())
        assert cell_text(columns[2].label) == "Decided"
        right_edge = sum(c.get_render_width(table) for c in columns[:3])
        assert right_edge <= table.region.width
        detail = screen.query_one(CriterionDetail)
        assert not detail.display or detail.region.width == 0
        assert "Reasons" in app.export_screenshot()  # the footer says how to see it
        await pilot.press("d")
        await settle(pilot)
        assert detail.region.width > 60 and not table.region.width
        await pilot.press("d")
        await settle(pilot)
        assert table.region.width >= 78 and app.focused is table


async def test_at_80x24_the_interview_footer_shows_f8_for_the_panel(app: AssessorApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(pilot)
        shot = app.export_screenshot()
        assert "Panel" in shot
        side = app.screen.query_one("#side")
        assert not side.display or side.region.width == 0
        await pilot.press("f8")
        await pilot.pause()
        assert side.region.width > 60
