"""Provides the interview screen's keys: one-key tags, next/back/probe, evidence, panel, tick.

All work while typing in the answer box: none is a printable key, and none is a priority
binding, so each runs after the keys typed before it (a tag pressed right after Enter tags
that answer). F1 help lists them from these bindings.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from assistant.tui.widgets.tag_bar import TAG_KEYS

INTERVIEW_BINDINGS: list[BindingType] = [
    *[
        Binding(
            key,
            f"tag('{tag}')",
            "Tag",
            show=key == "f2",
            key_display="F2–F6",
            id=f"interview.tag.{label}",
            tooltip=f"{key.upper()}: tag the last answer as {tag}",
        )
        for key, tag, label in TAG_KEYS
    ],
    Binding(
        "ctrl+down",
        "line('/next')",
        "Next",
        key_display="^↓",
        id="interview.next",
        tooltip="Go to the next planned question (/next)",
    ),
    Binding(
        "ctrl+up",
        "line('/back')",
        "Previous question",
        show=False,
        id="interview.back",
        tooltip="Return to the previous question (/back)",
    ),
    Binding(
        "f10",
        "line('/probe')",
        "Ask probe",
        show=False,
        id="interview.probe",
        tooltip="Ask the suggested follow-up probe (/probe)",
    ),
    Binding(
        "f7",
        "evidence",
        "Evidence",
        show=False,
        id="interview.evidence",
        tooltip="Add an item of evidence for the current criterion",
    ),
    Binding(
        "f8",
        "toggle_panel",
        "Panel",
        id="interview.panel",
        tooltip="Show or hide the side panel",
    ),
    Binding(
        "f9",
        "line('/tick')",
        "Tick opening",
        show=False,
        id="interview.tick",
        tooltip="Tick the next step of the opening checklist",
    ),
    Binding(
        "escape",
        "leave",
        "Leave",
        show=False,
        id="interview.leave",
        tooltip="Back to the setup; the interview stays open and can be resumed",
    ),
]
