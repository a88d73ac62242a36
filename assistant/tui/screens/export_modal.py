"""Provides ExportModal: choose the format the report is exported in."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from assistant.tui.screens import SCREENS_CSS
from assistant.tui.screens.report_export import FORMATS


class ExportModal(ModalScreen[str | None]):
    """List the export formats; dismiss with the chosen one's extension, or None."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(
            "escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without exporting"
        ),
    ]

    def __init__(self, folder: str) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="review-modal"):
            yield Label(f"Export the report to {self.folder}", classes="review-modal-title")
            yield OptionList(
                *[Option(f"{label} (.{ext})", id=ext) for ext, label in FORMATS.items()],
                id="export-formats",
            )

    def on_mount(self) -> None:
        self.query_one("#export-formats", OptionList).focus()

    @on(OptionList.OptionSelected, "#export-formats")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)
