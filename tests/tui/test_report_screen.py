"""The Report screen: findings added, edited and removed through the Session (audited); exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_fixtures import Built, ReviewApp, build_assessment, open_current, settle
from textual.widgets import Input, Markdown, Static, TextArea

from assistant.services.opening import OpenAssessment
from assistant.tui.screens import report_screen
from assistant.tui.screens.export_modal import ExportModal
from assistant.tui.screens.finding_modal import FindingModal
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.report_screen import ReportScreen
from assistant.tui.widgets.findings_list import FindingsList


@pytest.fixture
def built(tmp_path: Path) -> Built:
    return build_assessment(tmp_path / "ws")


@pytest.fixture
def current(built: Built) -> Iterator[OpenAssessment]:
    opened = open_current(built)
    yield opened
    opened.session.close()


def on_disk(built: Built, finding_id: str):
    findings = built.workspace.load(built.assessment_id).findings
    return next((f for f in findings if f.id == finding_id), None)


async def test_preview_and_findings_list(current: OpenAssessment) -> None:
    app = ReviewApp(current, ReportScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.report is not None
        assert screen.report.cover.organisation == "Harbour City Council"
        preview = screen.query_one("#report-preview", Markdown)
        assert "Harbour City Council" in preview.source
        assert screen.findings and all(f.drafted for f in screen.findings)
        assert screen.query_one(FindingsList).selected() is not None
        assert [label for label, _ in screen.sections][:3] == ["Cover", "1 Executive", "2 Scores"]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert screen.section == 2
        assert preview.source.startswith("## 2. Scores by criterion")


async def test_add_a_finding(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ReportScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, FindingModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is modal, "a finding without text is refused"
        modal.query_one("#finding-criteria", Input).value = "svc.1, NOPE.9"
        modal.query_one("#finding-text", TextArea).text = "Survey results reach the front line."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "NOPE.9" in str(modal.query_one("#finding-error", Static).content)
        modal.query_one("#finding-criteria", Input).value = "svc.1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        mine = [f for f in current.data.findings if not f.drafted]
        assert len(mine) == 1
        assert app.screen.query_one(FindingsList).selected().id == mine[0].id
    stored = on_disk(built, mine[0].id)
    assert stored is not None
    assert stored.kind == "risk" and stored.criteria == ["SVC.1"]
    assert stored.text == "Survey results reach the front line."


async def test_edit_a_draft_is_stored_and_audited(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ReportScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        draft = app.screen.query_one(FindingsList).selected()
        assert draft is not None and draft.drafted
        await pilot.press("e")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, FindingModal)
        assert modal.query_one("#finding-text", TextArea).text == draft.text
        modal.query_one("#finding-text", TextArea).text = "Rewritten by the assessor."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        listed = {f.id: f for f in app.screen.findings}
        assert listed[draft.id].text == "Rewritten by the assessor."
    stored = on_disk(built, draft.id)
    assert stored is not None and stored.edited and stored.drafted
    assert stored.text == "Rewritten by the assessor."
    audit = [
        e
        for e in current.session.audit_log()
        if e.entity == "finding" and e.entity_id == draft.id and e.field == "text"
    ]
    assert audit and audit[-1].old == draft.text and audit[-1].new == "Rewritten by the assessor."


async def test_remove_needs_a_reason_and_is_audited(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ReportScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        target = app.screen.query_one(FindingsList).selected()
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, NoteModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NoteModal), "removal without a reason is refused"
        assert on_disk(built, target.id) is None
        await pilot.press(*"duplicate of another risk", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert target.id not in {f.id for f in app.screen.findings}
    stored = on_disk(built, target.id)
    assert stored is not None and stored.removed
    audit = [
        e
        for e in current.session.audit_log()
        if e.entity == "finding" and e.entity_id == target.id and e.field == "removed"
    ]
    assert audit and audit[-1].why == "duplicate of another risk"


async def test_export_markdown_into_the_workspace(built: Built, current: OpenAssessment) -> None:
    app = ReviewApp(current, ReportScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)
        await pilot.press("down", "down", "enter")  # PDF, HTML, Markdown
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert "Saved exports/" in str(app.screen.query_one("#report-status", Static).content)
    target = built.workspace.root / "exports" / f"{built.assessment_id}.md"
    assert target.is_file()
    text = target.read_text(encoding="utf-8")
    assert "Harbour City Council" in text
    assert not list(target.parent.glob(".*tmp-*"))


async def test_export_failure_is_one_line_not_a_crash(
    built: Built, current: OpenAssessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(report: object, fmt: str, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_screen, "write_export", broken)
    app = ReviewApp(current, ReportScreen())
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.screen.action_export("pdf")
        await app.workers.wait_for_complete()
        await settle(pilot)
        status = str(app.screen.query_one("#report-status", Static).content)
        assert status.startswith("PDF export failed:") and "No space left" in status
        assert "\n" not in status
        assert app.is_running
        assert not app.screen.exporting
