"""The Self-assessment screen: self-scores against the assessment, largest gap first."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import ReviewApp, build_assessment, open_current, settle
from textual.widgets import DataTable, Input, OptionList, Static

from assistant.services.evidence_library import import_library
from assistant.services.opening import OpenAssessment
from assistant.services.selfassess import import_self_assessment
from assistant.tui.screens.scores_screen import ScoresScreen
from assistant.tui.screens.selfassess_screen import SelfAssessmentScreen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "inputs"))
from sheets_util import workbook  # noqa: E402


@pytest.fixture
def current(tmp_path: Path) -> Iterator[OpenAssessment]:
    opened = open_current(build_assessment(tmp_path / "ws"))
    yield opened
    opened.session.close()


def _import(current: OpenAssessment, tmp_path: Path) -> None:
    import_library(
        current,
        workbook(
            tmp_path / "lib.xlsx",
            [["ID", "Title", "Date"], ["E1", "Service charter", "2001-01-31"]],
        ),
    )
    import_self_assessment(
        current,
        workbook(
            tmp_path / "sa.xlsx",
            [
                ["Criterion", "Self score", "Commentary", "Evidence"],
                ["OPS.4", 4, "Every request is logged and reported monthly.", ""],
                ["FIN.5", 9, "We plan to introduce a budget for service next year.", "E1; E7"],
            ],
        ),
    )


async def test_largest_gap_first_with_commentary_and_evidence(
    current: OpenAssessment, tmp_path: Path
) -> None:
    _import(current, tmp_path)
    app = ReviewApp(current, SelfAssessmentScreen())
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#selfassess-table", DataTable)
        assert table.row_count == 2
        first = table.coordinate_to_cell_key((0, 0)).row_key.value
        assert first == "FIN.5"
        assert str(table.get_cell("FIN.5", "gap")).startswith("+")
        summary = str(app.screen.query_one("#selfassess-summary", Static).render())
        assert "2 criteria self-assessed" in summary and "1 overstated" in summary
        detail = str(app.screen.query_one("#selfassess-detail", Static).render())
        assert "We plan to introduce a budget" in detail
        assert "E1 Service charter (not verified, stale: dated 2001-01-31" in detail
        assert "E7 not in the evidence library" in detail
        await pilot.press("o")
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        reasons = app.screen.query_one("#detail-reasons", OptionList)
        shown = [str(reasons.get_option_at_index(i).prompt) for i in range(reasons.option_count)]
        assert "From the organisation:" in shown
        assert "  Self-assessed 9 (Integration)" in shown
        assert "  cites E7: not in the evidence library" in shown
        assert any(
            x.startswith("  E1 Service charter (2001-01-31)") and "STALE" in x for x in shown
        )


async def test_without_a_self_assessment_it_says_how_to_import_one(
    current: OpenAssessment,
) -> None:
    app = ReviewApp(current, SelfAssessmentScreen())
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        summary = str(app.screen.query_one("#selfassess-summary", Static).render())
        assert "assessor selfassess import" in summary


async def test_i_imports_a_workbook_from_the_screen(
    current: OpenAssessment, tmp_path: Path
) -> None:
    book = workbook(
        tmp_path / "sa.xlsx",
        [
            ["Criterion", "Self score", "Commentary"],
            ["FIN.5", 9, "We plan to introduce a budget for service next year."],
            ["NOPE.1", 3, "x"],
        ],
    )
    app = ReviewApp(current, SelfAssessmentScreen())
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#note-input", Input).value = str(book)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SelfAssessmentScreen)
        table = app.screen.query_one("#selfassess-table", DataTable)
        assert table.row_count == 1
        assert [s.criterion_id for s in current.data.self_assessment] == ["FIN.5"]
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#note-input", Input).value = str(tmp_path / "missing.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SelfAssessmentScreen)  # one notice, no crash
        assert table.row_count == 1
