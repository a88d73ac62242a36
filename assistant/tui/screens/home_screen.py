"""Provides HomeScreen: the assessments in the workspace, to create, resume or read.

A damaged assessment is listed with its reason and never stops the list. Opening one that is
locked by another window offers to open it read-only instead. The store is first imported by
the listing worker, so the screen is up before the workspace is read.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from assistant.core.errors import AssessorError
from assistant.tui.screens.confirm_modal import ConfirmModal

if TYPE_CHECKING:
    from assistant.store.workspace import AssessmentListing
    from assistant.tui.app import AssessorApp

COLUMNS = ("Organisation", "Type", "Bank", "Status", "Progress", "Last saved")


def listing_row(item: AssessmentListing) -> tuple[str, ...]:
    """Return the table cells for one assessment."""
    saved = _when(item.last_saved)
    if item.damaged and not item.organisation:
        return (f"⚠ {item.id}", "", "", "DAMAGED", "", saved)
    status = "damaged files" if item.damaged else item.status
    progress = f"{item.interviews} interview{'s' * (item.interviews != 1)} · {item.turns} turns"
    return (item.organisation, item.type, item.bank_id.upper(), status, progress, saved)


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "—"


class HomeScreen(Screen[None]):
    """The list of assessments: Enter resumes, r opens read-only, n creates."""

    app: AssessorApp

    BINDINGS: ClassVar = [
        Binding(
            "enter",
            "open",
            "Open",
            id="home.open",
            tooltip="Open the highlighted assessment and set up an interview",
        ),
        Binding("n", "new", "New", id="home.new", tooltip="Create a new assessment"),
        Binding(
            "slash",
            "app.search",
            "Search",
            id="home.search",
            tooltip="Search the answers of every assessment in the workspace",
        ),
        Binding(
            "r",
            "open_read_only",
            "Read-only",
            id="home.read_only",
            tooltip="Open the highlighted assessment without changing anything",
        ),
        Binding(
            "f5",
            "refresh",
            "Refresh",
            show=False,
            id="home.refresh",
            tooltip="Read the workspace again",
        ),
        Binding(
            "ctrl+q", "app.quit", "Quit", priority=True, id="home.quit", tooltip="Quit the app"
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="home")
        self.listings: list[AssessmentListing] = []
        self._listed = False
        """True once a listing has been shown: only then does coming back list again."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Assessments", classes="screen-title")
        yield DataTable(id="assessments", cursor_type="row", zebra_stripes=True)
        yield Static("", id="home-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#assessments", DataTable)
        table.add_columns(*COLUMNS)
        self.query_one("#home-detail", Static).update("Reading the workspace…")
        self.action_refresh()

    def on_screen_resume(self) -> None:
        # Textual resumes the screen when it is first shown too: on_mount lists then.
        if self.is_mounted and self._listed:
            self.action_refresh()

    # ------------------------------------------------------------ listing

    def action_refresh(self) -> None:
        """Read the workspace again (in a thread: big assessments take a moment)."""
        self._load()

    @work(thread=True, exclusive=True, group="home-list")
    def _load(self) -> None:
        try:
            items = self.app.workspace.list_assessments()
            error = ""
        except AssessorError as exc:
            items, error = [], str(exc)
        self.app.call_from_thread(self._show, items, error)

    def _show(self, items: list[AssessmentListing], error: str) -> None:
        self.listings = items
        self._listed = True
        self.refresh_bindings()

        table = self.query_one("#assessments", DataTable)
        keep = table.cursor_row
        table.clear()
        for item in items:
            table.add_row(*listing_row(item), key=item.id)
        if items:
            table.move_cursor(row=min(keep, len(items) - 1))
        table.focus()
        if error:
            self._detail(error)
        elif not items:
            self._detail(
                "No assessments here yet. Press n to create one "
                f"(workspace: {self.app.workspace.root})."
            )
        else:
            self._describe(table.cursor_row)
        self.call_after_refresh(self.app.load_screens_css)

    def _detail(self, text: str, damaged: bool = False) -> None:
        detail = self.query_one("#home-detail", Static)
        detail.set_class(damaged, "-damaged")
        detail.update(text)

    @on(DataTable.RowHighlighted, "#assessments")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._describe(event.cursor_row)

    def _describe(self, row: int) -> None:
        item = self.selected(row)
        if item is None:
            return
        if item.damaged:
            self._detail(f"⚠ {item.id}: {item.damaged}", damaged=True)
        else:
            self._detail(f"{item.id} · Enter opens · r opens read-only")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide Open and Read-only from the footer while the list is empty."""
        if action in ("open", "open_read_only"):
            return bool(self.listings)
        return True

    def selected(self, row: int | None = None) -> AssessmentListing | None:
        """Return the highlighted assessment (or the one at `row`)."""
        table = self.query_one("#assessments", DataTable)
        row = table.cursor_row if row is None else row
        return self.listings[row] if 0 <= row < len(self.listings) else None

    # ------------------------------------------------------------ opening and creating

    @on(DataTable.RowSelected, "#assessments")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Open the highlighted assessment for writing (offer read-only if it is locked); a
        practice case opens on the practice screen."""
        item = self.selected()
        if item is not None and not (item.type == "practice" and self._open_practice(item.id)):
            self.open_id(item.id)

    def _open_practice(self, assessment_id: str) -> bool:
        """Open a practice case's assessment on the practice screen; False when it is not one."""
        from assistant.tui.screens.practice_screen import PracticeScreen

        try:
            if self.app.workspace.load(assessment_id).assessment.practice is None:
                return False
        except AssessorError:
            return False
        self.app.close_assessment()
        self.app.push_screen(PracticeScreen(assessment_id))
        return True

    def action_open_read_only(self) -> None:
        """Open the highlighted assessment read-only."""
        item = self.selected()
        if item is not None:
            self.open_id(item.id, read_only=True)

    def open_id(self, assessment_id: str, *, read_only: bool = False) -> None:
        """Open an assessment and go on to the interview setup.

        Reading a big assessment takes a moment, so it happens in a thread: the screen keeps
        answering keys, and the setup opens when the assessment is read.
        """
        self._detail(f"Opening {assessment_id}…")
        self._open_in_thread(assessment_id, read_only)

    @work(thread=True, exclusive=True, group="home-open")
    def _open_in_thread(self, assessment_id: str, read_only: bool) -> None:
        from assistant.store.errors import AssessmentLocked

        try:
            current = self.app.open_assessment(assessment_id, read_only=read_only)
        except AssessmentLocked as exc:
            self.app.call_from_thread(self._offer_read_only, assessment_id, exc.pid)
            return
        except AssessorError as exc:
            self.app.call_from_thread(
                self.notify, str(exc), title="Cannot open", severity="error", timeout=10
            )
            return
        self.app.call_from_thread(self._opened, current.warnings)

    def _offer_read_only(self, assessment_id: str, pid: int | None) -> None:
        who = f" (pid {pid})" if pid else ""
        question = (
            f"{assessment_id} is open for writing in another window{who}.\n\n"
            "Open it read-only instead? You can read everything; nothing is written."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self.open_id(assessment_id, read_only=True)

        self.app.push_screen(ConfirmModal(question, yes="Open read-only", no="Cancel"), answer)

    def _opened(self, warnings: list[str]) -> None:
        for warning in warnings:
            self.notify(warning, title="Opened with problems", severity="warning", timeout=10)
        self._describe(self.query_one("#assessments", DataTable).cursor_row)
        self.start_interview()

    def start_interview(self) -> None:
        """Go to the interview setup of the open assessment."""
        from assistant.tui.screens.setup_screen import SetupScreen

        if self.app.current is None:
            self.notify("Open an assessment first (Enter on a row).", severity="warning")
            return
        self.app.push_screen(SetupScreen())

    def action_new(self) -> None:
        """Open the New assessment form; the new assessment opens when it is created."""
        from assistant.tui.screens.new_assessment_modal import NewAssessmentModal

        def created(assessment_id: str | None) -> None:
            if assessment_id:
                self.action_refresh()
                self.open_id(assessment_id)

        self.app.push_screen(NewAssessmentModal(self.app.workspace), created)
