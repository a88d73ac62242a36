"""Provides NewAssessmentModal: organisation, type, bank, sites, assessors and the organisation
profile (sector, size, where it serves customers, channels, customer groups) for a new assessment.

It creates the assessment through the Workspace and answers with the new id (None if cancelled).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from assistant import paths
from assistant.core.bank.loader import BankError, LoadedBank, bank_files, read_bank
from assistant.core.errors import AssessorError
from assistant.core.model import ASSESSMENT_TYPES, AssessmentType, Scope, Site
from assistant.services.report_texts import make_profile
from assistant.services.scope import scoped, split_names
from assistant.store.workspace import Workspace
from assistant.tui.screens import SCREENS_CSS

split_list = split_names
"""The comma-separated names in a field, trimmed (kept under its old name for callers)."""


PROFILE_FIELDS = ("sector", "size", "locations", "channels", "groups")


class NewAssessmentModal(ModalScreen[str | None]):
    """The New assessment form; ctrl+s creates, Escape cancels."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar = [
        Binding(
            "ctrl+s",
            "create",
            "Create",
            priority=True,
            id="new.create",
            tooltip="Create the assessment and open it",
        ),
        Binding("escape", "cancel", "Cancel", id="new.cancel", tooltip="Close without creating"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(classes="modal")
        self.workspace = workspace
        self.banks: dict[str, LoadedBank] = {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Static("New assessment", classes="dialog-title")
            yield Label("Organisation")
            yield Input(placeholder="e.g. Harbour City Council", id="organisation", compact=True)
            yield Label("Assessment type")
            yield Select(
                [(t, t) for t in ASSESSMENT_TYPES],
                value="gap-analysis",
                allow_blank=False,
                id="type",
                compact=True,
            )
            yield Label("Question bank")
            yield Select([], prompt="reading banks…", id="bank", compact=True)
            yield Label("Sites (comma-separated)")
            yield Input(placeholder="e.g. Head office, Northside branch", id="sites", compact=True)
            yield Label("Sites in scope not visited (comma-separated; needs a rationale)")
            yield Input(placeholder="e.g. Southside branch", id="skipped-sites", compact=True)
            yield Label("Sampling rationale")
            yield Input(
                placeholder="e.g. Southside runs the same processes as Northside",
                id="rationale",
                compact=True,
            )
            yield Label("Assessors (comma-separated; the first leads)")
            yield Input(placeholder="e.g. A. Assessor, B. Second", id="assessors", compact=True)
            yield Static("Organisation profile (optional; shown in the report)", classes="dim")
            yield Label("Sector")
            yield Input(placeholder="e.g. Local government", id="sector", compact=True)
            yield Label("Size")
            yield Input(placeholder="e.g. about 420 staff", id="size", compact=True)
            yield Label("Where it serves customers")
            yield Input(
                placeholder="e.g. head office, 3 service centres", id="locations", compact=True
            )
            yield Label("Channels (comma-separated)")
            yield Input(placeholder="e.g. phone, email, counter", id="channels", compact=True)
            yield Label("Customer groups (comma-separated)")
            yield Input(placeholder="e.g. households, businesses", id="groups", compact=True)
            yield Static("", id="new-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create (ctrl+s)", variant="primary", id="create", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#organisation", Input).focus()
        self._read_banks()

    @work(thread=True, group="banks")
    def _read_banks(self) -> None:
        found: dict[str, LoadedBank] = {}
        problems: list[str] = []
        for path in bank_files(paths.bank_dirs(self.workspace.root)):
            try:
                loaded = read_bank(path)
            except BankError as exc:
                problems.append(str(exc))
                continue
            found.setdefault(loaded.bank.id, loaded)
        self.app.call_from_thread(self._show_banks, found, problems)

    def _show_banks(self, found: dict[str, LoadedBank], problems: list[str]) -> None:
        self.banks = found
        select: Select[str] = self.query_one("#bank", Select)
        select.set_options(
            [(f"{b.bank.id.upper()} — {b.bank.title}", bid) for bid, b in found.items()]
        )
        select.prompt = "Choose a question bank" if found else "no question bank found"
        if found:
            select.value = next(iter(found))
        if problems:
            self._error("Some banks could not be read: " + "; ".join(problems))

    def _error(self, text: str) -> None:
        self.query_one("#new-error", Static).update(text)

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        """Check the form, create the assessment and answer with its id."""
        organisation = self.query_one("#organisation", Input).value.strip()
        bank_id = self.query_one("#bank", Select).value
        kind = self.query_one("#type", Select).value
        if not organisation:
            self._error("Organisation: please type the organisation's name.")
            self.query_one("#organisation", Input).focus()
            return
        if not isinstance(bank_id, str) or bank_id not in self.banks:
            self._error("Question bank: choose one (none found? see `assessor banks list`).")
            return
        assessors = split_list(self.query_one("#assessors", Input).value)
        sites = [Site(name=s) for s in split_list(self.query_one("#sites", Input).value)]
        try:
            scope = scoped(
                Scope(sites=sites),
                skip=split_list(self.query_one("#skipped-sites", Input).value),
                rationale=self.query_one("#rationale", Input).value.strip(),
            )
        except AssessorError as exc:
            self._error(f"Sampling: {exc}")
            self.query_one("#rationale", Input).focus()
            return
        kind_value: AssessmentType = kind if kind in ASSESSMENT_TYPES else "gap-analysis"
        field = {k: self.query_one(f"#{k}", Input).value for k in PROFILE_FIELDS}
        profile = make_profile(
            field["sector"],
            field["size"],
            field["locations"],
            field["channels"],
            field["groups"],
        )
        try:
            self.workspace.root.mkdir(parents=True, exist_ok=True)
            new_id = self.workspace.create_assessment(
                organisation=organisation,
                type=kind_value,
                bank=self.banks[bank_id],
                assessors=assessors,
                lead_assessor=assessors[0] if assessors else None,
                scope=scope,
                who=assessors[0] if assessors else "",
                profile=profile,
            )
        except (AssessorError, OSError) as exc:
            self._error(f"Not created: {exc}")
            return
        self.dismiss(new_id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without creating anything."""
        self.dismiss(None)
