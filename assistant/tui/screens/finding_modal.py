"""Provides FindingModal: write or edit a strength, risk or opportunity and its criteria.

The modal checks only what the assessor typed (a kind, some text, criteria the bank has); the
Report screen stores the result through the Session, which audits every change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from assistant.core.bank.model import Bank
from assistant.core.model import Finding, FindingKind
from assistant.tui.screens import SCREENS_CSS

KINDS: tuple[tuple[str, FindingKind], ...] = (
    ("Strength", "strength"),
    ("Risk", "risk"),
    ("Opportunity", "opportunity"),
)


@dataclass(frozen=True)
class FindingEdit:
    """What the assessor entered."""

    kind: FindingKind
    text: str
    criteria: list[str]


class FindingModal(ModalScreen[FindingEdit | None]):
    """Ask for a finding's kind, text and criteria; prefilled when editing."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="finding.cancel", tooltip="Close without saving"),
        Binding(
            "ctrl+s", "save", "Save", id="finding.save", priority=True, tooltip="Save the finding"
        ),
    ]

    def __init__(self, bank: Bank, finding: Finding | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.finding = finding

    def compose(self) -> ComposeResult:
        f = self.finding
        title = "New finding" if f is None else f"Edit finding {f.id}"
        with Vertical(id="finding-box", classes="review-modal"):
            yield Label(title, classes="review-modal-title")
            yield Select[str](
                KINDS, value=f.kind if f else "risk", allow_blank=False, id="finding-kind"
            )
            yield Label("Criteria (ids, separated by spaces or commas)")
            yield Input(
                " ".join(f.criteria) if f else "",
                id="finding-criteria",
                placeholder="e.g. SVC.1 OPS.2",
            )
            yield Label("Text: specific, evidence-based, with a next step (ctrl+s saves)")
            yield TextArea(f.text if f else "", id="finding-text", soft_wrap=True)
            yield Static("", id="finding-error", classes="review-error")
            with Horizontal(classes="review-buttons"):
                yield Button("Save", variant="primary", id="finding-save")
                yield Button("Cancel", id="finding-cancel")

    def on_mount(self) -> None:
        self.query_one("#finding-text", TextArea).focus()

    def _error(self, message: str) -> None:
        self.query_one("#finding-error", Static).update(message)

    @on(Button.Pressed, "#finding-save")
    def action_save(self) -> None:
        """Check the entry and close with it, or say what is missing."""
        text = self.query_one("#finding-text", TextArea).text.strip()
        raw = self.query_one("#finding-criteria", Input).value
        criteria = [c for c in re.split(r"[\s,;]+", raw) if c]
        known = {c.id.casefold(): c.id for c in self.bank.criteria()}
        unknown = [c for c in criteria if c.casefold() not in known]
        if not text:
            self._error("The finding needs some text.")
            return
        if unknown:
            self._error(f"Unknown criterion: {', '.join(unknown)}")
            return
        kind = self.query_one("#finding-kind", Select).value
        self.dismiss(
            FindingEdit(
                kind=kind if isinstance(kind, str) else "risk",  # type: ignore[arg-type]
                text=text,
                criteria=list(dict.fromkeys(known[c.casefold()] for c in criteria)),
            )
        )

    @on(Button.Pressed, "#finding-cancel")
    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
