"""Provides NoteModal: one line of text from the assessor, such as a comment or a reason.

Used for criterion comments and for the reason a finding is removed; with `required=True` it
will not close with an empty answer (Escape still cancels).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from assistant.tui.screens import SCREENS_CSS


class NoteModal(ModalScreen[str | None]):
    """Ask for one line of text; dismiss with it, or None when cancelled."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        required: bool = False,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.required = required
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="review-modal"):
            yield Label(self.title_text, classes="review-modal-title")
            if self.hint:
                yield Static(self.hint, classes="review-hint")
            yield Input(self.value, placeholder=self.placeholder, id="note-input")
            yield Static("", id="note-error", classes="review-error")
            with Horizontal(classes="review-buttons"):
                yield Button("Save", variant="primary", id="note-save")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    @on(Input.Submitted, "#note-input")
    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        """Close with the text, unless it is required and empty."""
        text = " ".join(self.query_one("#note-input", Input).value.split())
        if self.required and not text:
            self.query_one("#note-error", Static).update("This cannot be empty.")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
