"""Provides TagBar: the one-key tags and actions under the answer box.

Tags already on the last answer are lit up; F7 (evidence) and F10 (probe) close the line.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

TAG_KEYS: tuple[tuple[str, str, str], ...] = (
    ("f2", "fact", "fact"),
    ("f3", "opinion", "opinion"),
    ("f4", "claim-to-verify", "claim"),
    ("f5", "evidence-seen", "seen"),
    ("f6", "referral", "referral"),
)
"""(key, tag, short label) for every one-key tag."""


class TagBar(Static):
    """Shows `F2 fact  F3 opinion …`; tags already on the last answer are highlighted."""

    def show(self, tags: Iterable[str] = (), turn: str = "") -> None:
        """Highlight the tags the last answer has; `turn` names it (e.g. "S2 turn 4")."""
        have = set(tags)
        parts: list[str | tuple[str, str]] = [(f"{turn or 'tags'}: ", "dim")]
        for key, tag, label in TAG_KEYS:
            style = "reverse bold $accent" if tag in have else ""
            parts += [(key.upper(), "bold $accent"), " ", (label, style), "  "]
        parts += [
            ("· ", "dim"),
            ("F7", "bold $accent"),
            " evidence  ",
            ("F10", "bold $accent"),
            " probe",
        ]
        self.update(Content.assemble(*parts))

    def on_mount(self) -> None:
        if not str(self.content):
            self.show()
