"""Provides HelpScreen (F1): every key of the screen it was opened over, and the / commands.

Keys are read from the live bindings (the app's, the screen's and its widgets'), so the list
cannot drift from what the keys do. Only bindings with an id are listed: every key this app
defines has one; the widgets' own editing keys are summarised in one line.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from assistant.core.interview import commands
from assistant.tui.screens import SCREENS_CSS

EDITING = (
    "In the answer box the usual editing keys work: arrows, home/end, ctrl+left/right "
    "by word, ctrl+w deletes a word, ctrl+z/ctrl+y undo/redo, ctrl+x/c/v cut, copy, "
    "paste. The mouse works everywhere: click, scroll, select."
)


def key_rows(app_node: DOMNode, screen: Screen[object]) -> list[tuple[str, str, str]]:
    """Return (keys, what, where) for every binding with an id on the app, screen and widgets."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    nodes: Iterable[DOMNode] = [app_node, screen, *screen.query("*")]
    for node in nodes:
        for binding in _bindings(node):
            if not binding.id or binding.id in seen or binding.system:
                continue
            seen.add(binding.id)
            # Each real key (not the footer's short form such as "F2–F6").
            keys = ", ".join(
                app_node.app.get_key_display(binding.with_key(k.strip())).strip()
                for k in binding.key.split(",")
            )
            if keys in seen:  # a key bound twice (the app's and a screen's): listed once
                continue
            seen.add(keys)
            what = binding.tooltip or binding.description
            rows.append((keys, what, binding.id.split(".")[0]))
    palette = app_node.app.get_key_display(Binding(app_node.app.COMMAND_PALETTE_BINDING, ""))
    what = "Command palette: new assessment, start interview, go to criterion, export, theme…"
    rows.append((palette, what, "app"))

    return rows


def _bindings(node: DOMNode) -> list[Binding]:
    out: list[Binding] = []
    for bindings in node._bindings.key_to_bindings.values():
        out.extend(bindings)
    return out


class HelpScreen(ModalScreen[None]):
    """The keys and commands; Escape or F1 closes it."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar = [
        Binding("escape,f1", "dismiss(None)", "Close", id="help.close", tooltip="Close the help"),
    ]

    def __init__(self, target: Screen[object]) -> None:
        super().__init__(classes="modal")
        self.target = target

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static("Keys", classes="dialog-title")
            yield Static(self._keys(), id="help-keys")
            yield Static(Content(EDITING), classes="dim")
            yield Static("/ commands (type them in the answer box)", classes="dialog-title")
            yield Static(self._commands(), id="help-commands")

    def _keys(self) -> Content:
        rows = key_rows(self.app, self.target)
        width = max((len(k) for k, _, _ in rows), default=4) + 2
        lines = [Content.assemble((k.ljust(width), "bold $accent"), what) for k, what, _ in rows]
        return Content("\n").join(lines)

    def _commands(self) -> Content:
        lines = []
        for cmd in commands.COMMANDS:
            alias = f" (also /{', /'.join(cmd.aliases)})" if cmd.aliases else ""
            lines.append(Content.assemble((cmd.usage, "bold"), f"\n    {cmd.help}{alias}"))
        lines.append(
            Content(
                "Anything else you type is saved as the answer; start a line "
                "with // to save text that begins with /."
            )
        )
        return Content("\n").join(lines)

    @property
    def text(self) -> str:
        """The help as plain text (for tests)."""
        keys = self.query_one("#help-keys", Static).content
        cmds = self.query_one("#help-commands", Static).content
        return f"{keys}\n{cmds}"
