"""Provides EvidenceModal: type, title, reference and verified for an item of evidence.

It answers with an `EvidenceForm` (or None when cancelled); the interview screen passes it to the
engine as `/evidence …`, so the modal and the typed command take the same road.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from assistant.core.model import EVIDENCE_TYPES
from assistant.tui.screens import SCREENS_CSS


@dataclass(frozen=True)
class EvidenceForm:
    """What the assessor filled in."""

    type: str
    title: str
    reference: str = ""
    verified: bool = False

    def command(self) -> str:
        """Return the `/evidence` line that records this item."""
        title = self.title.replace("|", "/").strip()
        line = f"/evidence {self.type} {title}"
        reference = self.reference.replace("|", "/").strip()
        if reference or self.verified:
            line += f" | {reference}".rstrip()
        if self.verified:
            line += " verified"
        return line


class EvidenceModal(ModalScreen[EvidenceForm | None]):
    """The Add evidence form; ctrl+s saves, Escape cancels."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar = [
        Binding(
            "ctrl+s",
            "save",
            "Save evidence",
            priority=True,
            id="evidence.save",
            tooltip="Record the evidence against the current criterion",
        ),
        Binding(
            "escape", "cancel", "Cancel", id="evidence.cancel", tooltip="Close without recording"
        ),
    ]

    def __init__(
        self, criterion: str, previous: EvidenceForm | None = None, problem: str = ""
    ) -> None:
        super().__init__(classes="modal")
        self.criterion = criterion
        self.previous = previous or EvidenceForm(type="document", title="")
        self.problem = problem

    def compose(self) -> ComposeResult:
        prev = self.previous
        with VerticalScroll(classes="dialog form"):
            yield Static(f"Add evidence · {self.criterion}", classes="dialog-title")
            yield Label("Type")
            yield Select(
                [(t, t) for t in EVIDENCE_TYPES],
                value=prev.type,
                allow_blank=False,
                id="ev-type",
                compact=True,
            )
            yield Label("Title")
            yield Input(
                prev.title, placeholder="e.g. Complaints log, March", id="ev-title", compact=True
            )
            yield Label("Reference (where it is kept)")
            yield Input(
                prev.reference,
                placeholder="e.g. SharePoint > Quality > log.xlsx",
                id="ev-reference",
                compact=True,
            )
            yield Checkbox("Seen and verified by me", prev.verified, id="ev-verified", compact=True)
            yield Static(self.problem, id="ev-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="ev-save", compact=True)
                yield Button("Cancel (esc)", id="ev-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ev-title", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ev-save")
    def action_save(self) -> None:
        """Answer with the form, once it has a title."""
        title = self.query_one("#ev-title", Input).value.strip()
        if not title:
            self.query_one("#ev-error", Static).update("Title: say what the evidence is.")
            self.query_one("#ev-title", Input).focus()
            return
        self.dismiss(
            EvidenceForm(
                type=str(self.query_one("#ev-type", Select).value),
                title=title,
                reference=self.query_one("#ev-reference", Input).value.strip(),
                verified=self.query_one("#ev-verified", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#ev-cancel")
    def action_cancel(self) -> None:
        """Close without recording anything."""
        self.dismiss(None)
