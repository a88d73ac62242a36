"""Provides ReportScreen: the report previewed as Markdown, the findings editor and the exports.

Findings are the core's composition (drafts plus the assessor's own); adding, editing and
removing them goes through the Session, which audits every change. Exports are rendered in a
thread worker, so the slow PDF never freezes the screen; a failure is reported as one line.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Markdown, Static, Tab, Tabs

from assistant import paths
from assistant.core.errors import AssessorError
from assistant.core.model import AssessmentData, Finding
from assistant.core.report.builder import build_report
from assistant.core.report.findings import compose_findings
from assistant.core.report.model import Report
from assistant.export.markdown import to_markdown
from assistant.services.opening import OpenAssessment
from assistant.store.workspace import Workspace
from assistant.tui.screens.export_modal import ExportModal
from assistant.tui.screens.report_export import (
    FORMATS,
    export_path,
    split_sections,
    write_export,
)
from assistant.tui.screens.report_findings import FindingsEditing
from assistant.tui.widgets.findings_list import FindingsList


class ReportScreen(FindingsEditing):
    """Preview of the report, the findings beside it, and export to PDF, HTML, MD, CSV or JSON."""

    TITLE = "Report"
    AUTO_FOCUS = "#report-findings"
    BUSY = "#report-body"
    BINDINGS = [
        Binding(
            "n",
            "new_finding",
            "New finding",
            id="report.new",
            tooltip="Write a strength, risk or opportunity of your own",
        ),
        Binding(
            "e",
            "edit_finding",
            "Edit",
            id="report.edit",
            tooltip="Edit the selected finding (a draft becomes yours)",
        ),
        Binding(
            "delete,x",
            "remove_finding",
            "Remove",
            id="report.remove",
            tooltip="Remove the selected finding, with a reason (kept in the audit log)",
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            id="report.export",
            tooltip="Export the report as PDF, HTML, Markdown, CSV or JSON",
        ),
        Binding(
            "right_square_bracket",
            "section(1)",
            "Next section",
            id="report.next",
            show=False,
            tooltip="Preview the next section of the report",
        ),
        Binding(
            "left_square_bracket",
            "section(-1)",
            "Previous section",
            id="report.previous",
            show=False,
            tooltip="Preview the previous section of the report",
        ),
    ]

    def __init__(self, current: OpenAssessment | None = None) -> None:
        super().__init__(current)
        self.report: Report | None = None
        self.findings: list[Finding] = []
        self.exporting: set[str] = set()
        self._previous: list[AssessmentData] | None = None
        self.sections: list[tuple[str, str]] = []
        self._shown_text: str | None = None
        self.section = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="report-body"):
            with Vertical(id="report-preview-pane"):
                yield Tabs(id="report-sections")
                with VerticalScroll(id="report-preview-box"):
                    yield Markdown(
                        "",
                        id="report-preview",
                        open_links=False,
                        parser_factory=lambda: MarkdownIt("js-default"),
                    )
            with Vertical(id="report-side"):
                yield Static("Findings", id="report-findings-title")
                yield FindingsList(id="report-findings")
                yield Static("", id="report-finding-detail")
                yield Static("", id="report-status")
        yield Footer()

    # ------------------------------------------------------------------ drawing

    def previous(self) -> list[AssessmentData]:
        """Return earlier assessments of the same organisation in the workspace (read once)."""
        current = self.current
        if self._previous is None and current is not None:
            from assistant.services.reporting import earlier_assessments

            ws = Workspace(current.session.layout.workspace)
            found: list[AssessmentData] = []
            try:
                found = earlier_assessments(ws, current.data)
            except AssessorError as exc:
                self.notify(f"Earlier assessments not read: {exc}", severity="warning")
            self._previous = found
        return self._previous or []

    def draw(self, current: OpenAssessment) -> None:
        self.findings = compose_findings(current.bank, current.data)
        self.report = build_report(current.bank, current.data, self.previous())
        self.query_one(FindingsList).show(self.findings)
        counts = {
            k: sum(f.kind == k for f in self.findings) for k in ("strength", "risk", "opportunity")
        }
        self.query_one("#report-findings-title", Static).update(
            Text.assemble(
                ("Findings ", "bold"),
                f"{counts['strength']} strengths · {counts['risk']} risks · "
                f"{counts['opportunity']} opportunities",
            )
        )
        self._show_sections(split_sections(to_markdown(self.report)))
        self._show_finding()

    def _show_sections(self, sections: list[tuple[str, str]]) -> None:
        """Update the section tabs and the previewed section (only what changed is redrawn)."""
        labels = [label for label, _ in sections]
        rebuild = labels != [label for label, _ in self.sections]
        self.sections = sections
        self.section = min(self.section, len(sections) - 1)
        if rebuild:
            tabs = self.query_one("#report-sections", Tabs)
            tabs.clear()
            for i, label in enumerate(labels):
                tabs.add_tab(Tab(label, id=f"section-{i}"))
            self.call_after_refresh(setattr, tabs, "active", f"section-{self.section}")
        self._preview()

    @on(Tabs.TabActivated, "#report-sections")
    def _tab(self, event: Tabs.TabActivated) -> None:
        tab_id = event.tab.id or ""
        if tab_id.startswith("section-"):
            self.section = int(tab_id.removeprefix("section-"))
            self._preview()

    def _preview(self) -> None:
        """Render the chosen section when its text changed (big tables render slowly)."""
        if not self.sections:
            return
        text = self.sections[self.section][1]
        if text != self._shown_text:
            self._shown_text = text
            self.query_one("#report-preview", Markdown).update(text)
            self.query_one("#report-preview-box").scroll_home(animate=False)

    def action_section(self, step: int) -> None:
        """Preview the next (1) or previous (-1) section."""
        tabs = self.query_one("#report-sections", Tabs)
        if step > 0:
            tabs.action_next_tab()
        else:
            tabs.action_previous_tab()

    # ------------------------------------------------------------------ export

    def action_export(self, fmt: str | None = None) -> None:
        """Export the report (asks for the format unless one is given)."""
        current = self.current
        if current is None:
            return
        folder = paths.exports_dir(current.session.layout.workspace)
        if fmt is None:
            self.app.push_screen(
                ExportModal(current.session.layout.shown(folder)),
                lambda chosen: self.action_export(chosen) if chosen else None,
            )
            return
        if fmt in self.exporting:
            self.notify(f"{FORMATS[fmt]} export already running.")
            return
        self.refresh_view()
        assert self.report is not None
        self.exporting.add(fmt)
        self._status(f"Exporting {FORMATS[fmt]}…")
        self._export(self.report, fmt, export_path(folder, current.data.assessment.id, fmt))

    @work(thread=True, group="export")
    def _export(self, report: Report, fmt: str, target: Path) -> None:
        try:
            path = write_export(report, fmt, target)
        except Exception as exc:  # noqa: BLE001 - any failure is one line, never a crash
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.app.call_from_thread(self._exported, fmt, None, message)
            return
        self.app.call_from_thread(self._exported, fmt, path, None)

    def _exported(self, fmt: str, path: Path | None, error: str | None) -> None:
        self.exporting.discard(fmt)
        current = self.current
        if error is not None or path is None or current is None:
            self._status(f"{FORMATS[fmt]} export failed: {error}", error=True)
            self.notify(f"{FORMATS[fmt]} export failed: {error}", severity="error", timeout=10)
            return
        shown = current.session.layout.shown(path)
        self._status(f"Saved {shown}")
        self.notify(f"Report saved: {shown}")

    def _status(self, message: str, error: bool = False) -> None:
        self.query_one("#report-status", Static).update(
            Text(message, style="bold red" if error else "dim")
        )
