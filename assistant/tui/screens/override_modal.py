"""Provides OverrideModal: set a criterion's score by hand, with the reason the override needs.

The score is checked against the bank's scale, and a reason is required whenever the score
differs from the suggestion (docs/ASSESSMENT.md §6); the modal refuses to close until both hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assistant.core.bank.model import Bank
from assistant.core.scoring.decisions import DecisionError
from assistant.services.scores import CriterionLine, needs_reason, parse_score
from assistant.tui.screens import SCREENS_CSS


@dataclass(frozen=True)
class Override:
    """The score and reason the assessor entered."""

    score: float
    reason: str


class OverrideModal(ModalScreen[Override | None]):
    """Ask for a score on the bank's scale and, when it differs from the suggestion, a reason."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="override.cancel",
            tooltip="Close without changing the score",
        ),
    ]

    def __init__(self, bank: Bank, line: CriterionLine) -> None:
        super().__init__()
        self.bank = bank
        self.line = line

    def compose(self) -> ComposeResult:
        scale = self.bank.scale
        sug = self.line.suggestion
        decided = self.line.decided
        start = (
            decided.score if decided and decided.score is not None else sug.score if sug else None
        )
        info = Text()
        info.append(f"{self.line.id} {self.line.criterion.title}\n", style="bold")
        if sug is not None:
            info.append(
                f"Suggested {sug.score:g} ({scale.band(sug.band).label}). "
                "A different score needs a reason.\n"
            )
        else:
            info.append("No suggestion yet.\n")
        for band in scale.bands:
            info.append(f"{band.label} {band.min:g}-{band.max:g}  ", style="dim")
        with Vertical(id="override-box", classes="review-modal"):
            yield Static(info, id="override-info")
            yield Label(f"Score ({scale.min:g}-{scale.max:g}, step {scale.step:g})")
            yield Input("" if start is None else f"{start:g}", id="override-score")
            yield Label("Reason")
            yield Input(
                decided.override_reason if decided else "",
                id="override-reason",
                placeholder="why the evidence supports this score",
            )
            yield Static("", id="override-error", classes="review-error")
            with Horizontal(classes="review-buttons"):
                yield Button("Save", variant="primary", id="override-save")
                yield Button("Cancel", id="override-cancel")

    def on_mount(self) -> None:
        self.query_one("#override-score", Input).focus()

    def _error(self, message: str) -> None:
        self.query_one("#override-error", Static).update(message)

    @on(Input.Submitted)
    @on(Button.Pressed, "#override-save")
    def action_save(self) -> None:
        """Validate and close with the override, or show why not."""
        text = self.query_one("#override-score", Input).value
        reason = " ".join(self.query_one("#override-reason", Input).value.split())
        try:
            score = parse_score(self.bank, text)
        except DecisionError as exc:
            self._error(str(exc))
            self.query_one("#override-score", Input).focus()
            return
        if needs_reason(self.line.suggestion, score) and not reason:
            self._error("A reason is required: the score differs from the suggestion.")
            self.query_one("#override-reason", Input).focus()
            return
        self.dismiss(Override(score=score, reason=reason))

    @on(Button.Pressed, "#override-cancel")
    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
