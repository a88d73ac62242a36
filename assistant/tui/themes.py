"""Provides the app's two themes: a dark one for dim rooms and a light one for daylight.

Both keep body text at high contrast and give NOT SAVED a colour that cannot be missed.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = "assessor-dark"
LIGHT = "assessor-light"

THEMES = (
    Theme(
        name=DARK,
        dark=True,
        primary="#5fa8d3",
        secondary="#8fbcbb",
        accent="#e5c07b",
        foreground="#e6e6e6",
        background="#16191d",
        surface="#1e2227",
        panel="#272c33",
        success="#7fc97f",
        warning="#f0b35a",
        error="#ff5f5f",
        variables={"footer-key-foreground": "#e5c07b", "border": "#3d4550"},
    ),
    Theme(
        name=LIGHT,
        dark=False,
        primary="#1f5f8b",
        secondary="#3b7d7a",
        accent="#8a4b00",
        foreground="#1b1f23",
        background="#fbfbf8",
        surface="#f0f0ea",
        panel="#e3e5e0",
        success="#1e7b34",
        warning="#9a5b00",
        error="#c4161c",
        variables={"footer-key-foreground": "#1f5f8b", "border": "#b8bcb5"},
    ),
)
