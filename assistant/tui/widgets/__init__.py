"""Provides the widgets the screens compose: chat messages, answer box, side panel, saved state."""

from __future__ import annotations
