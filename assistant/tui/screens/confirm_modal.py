"""Provides ConfirmModal: a yes/no question that answers with a bool."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from assistant.tui.screens import SCREENS_CSS


class ConfirmModal(ModalScreen[bool]):
    """Ask one question; Enter or y means yes, Escape or n means no."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar = [
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes", tooltip="Answer yes"),
        Binding("n,escape", "dismiss(False)", "No", id="confirm.no", tooltip="Answer no"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="modal")
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
