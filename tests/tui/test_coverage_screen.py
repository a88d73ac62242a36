"""The coverage matrix: who spoke to which criterion, and the gaps that say whom to ask next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import ReviewApp, build_assessment, open_current, settle
from textual.widgets import DataTable, Static

from assistant.services.coverage import (
    GAP_LEADS_ONLY,
    GAP_NO_LEAD,
    GAP_NO_RECORD,
    GAP_NO_STAFF,
    GAP_NONE,
    GAP_SINGLE,
    build_coverage,
)
from assistant.services.opening import OpenAssessment
from assistant.tui.screens.coverage_screen import CoverageScreen
from assistant.tui.screens.scores_screen import ScoresScreen


@pytest.fixture
def current(tmp_path: Path) -> Iterator[OpenAssessment]:
    opened = open_current(build_assessment(tmp_path / "ws"))
    yield opened
    opened.session.close()


def test_gaps_per_criterion(current: OpenAssessment) -> None:
    cov = build_coverage(current.bank, current.data)
    assert [p.code for p in cov.people] == ["L1", "K1", "S1", "S2"]
    svc1 = cov.row("SVC.1")
    assert svc1.spoke == {"L1": 1, "S1": 1}
    assert svc1.lead and svc1.staff and svc1.records == 1
    assert svc1.gaps == []
    assert set(cov.row("SVC.2").gaps) == {GAP_NO_STAFF, GAP_LEADS_ONLY, GAP_SINGLE, GAP_NO_RECORD}
    assert cov.row("SVC.2").records == 0, "an unverified document is not a record"
    assert set(cov.row("OPS.1").gaps) == {GAP_SINGLE, GAP_NO_LEAD, GAP_NO_RECORD}
    assert set(cov.row("FIN.3").gaps) == {GAP_NO_STAFF, GAP_SINGLE, GAP_NO_LEAD, GAP_NO_RECORD}
    assert cov.row("SVC.3").gaps == [GAP_NONE]
    assert cov.not_heard("SVC.2", "staff") == ["S1", "S2"]
    assert cov.not_heard("SVC.1", "staff") == ["S2"]


async def test_matrix_shows_who_spoke_and_whom_to_ask(current: OpenAssessment) -> None:
    app = ReviewApp(current, CoverageScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#coverage-table", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:5] == ["Criterion", "L1", "K1", "S1", "S2"]
        assert labels[-5:] == ["Lead", "Staff", "Record", "Accounts", "Gap"]
        assert table.row_count == 24
        assert str(table.get_cell("SVC.1", "S1")) == "●"
        assert str(table.get_cell("SVC.1", "S2")) == "·"
        assert str(table.get_cell("SVC.1", "gap")) == "triangulated"
        assert str(table.get_cell("SVC.1", "accounts")) == "✔ corroborated"
        assert str(table.get_cell("SVC.2", "accounts")) == "1 single-source"
        assert str(table.get_cell("SVC.1", "record")) == "yes"
        assert str(table.get_cell("SVC.2", "record")) == "no"
        assert "no staff source" in str(table.get_cell("SVC.2", "gap"))
        table.move_cursor(row=table.get_row_index("SVC.2"))
        await settle(pilot)
        hint = str(screen.query_one("#coverage-next", Static).content)
        assert "ask staff S1, S2" in hint and "ask for a record" in hint
        await pilot.press("g")
        await settle(pilot)
        assert screen.gaps_only
        keys = {row.key.value for row in table.rows.values()}
        assert "SVC.1" not in keys and "SVC.2" in keys
        assert table.row_count == 23
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, ScoresScreen)
        assert app.screen.selected_id() == "SVC.2"


async def test_one_key_confirms_or_changes_a_pair_reading(current: OpenAssessment) -> None:
    app = ReviewApp(current, CoverageScreen())
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CoverageScreen)
        table = screen.query_one("#coverage-table", DataTable)
        table.move_cursor(row=table.get_row_index("SVC.1"))
        await settle(pilot)
        hint = str(screen.query_one("#coverage-next", Static).content)
        assert "▶ 1. L1 t1 vs S1 t1: corroborates - both describe the same practice" in hint
        await pilot.press("c")  # first press confirms the suggested reading
        await settle(pilot)
        (reading,) = current.data.pair_readings
        assert reading.relation == "corroborates" and reading.criterion_id == "SVC.1"
        await pilot.press("c")  # the next press changes it, and the criterion follows
        await settle(pilot)
        assert current.data.pair_readings[0].relation == "contradicts"
        assert str(table.get_cell("SVC.1", "accounts")) == "✖ contradicted"
        # SVC.1 has a verified record, which resolves it: no open gap
        assert str(table.get_cell("SVC.1", "gap")) == "triangulated"
        hint = str(screen.query_one("#coverage-next", Static).content)
        assert "contradicts (suggested corroborates by" in hint
        audit = [e for e in current.session.audit_log() if e.entity == "pair_reading"]
        assert [e.new for e in audit] == ["corroborates", "contradicts"]
        table.move_cursor(row=table.get_row_index("SVC.2"))
        await settle(pilot)
        await pilot.press("c")  # nothing to read: a note, no change
        await settle(pilot)
        assert len(current.data.pair_readings) == 1
