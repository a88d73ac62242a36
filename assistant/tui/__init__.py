"""Provides the Textual front end: an app with home, setup, interview and review screens.

Nothing here holds assessment logic: screens render the core's replies and route input to the
interview engine and the store's Session. Import `create_app` from `assistant.tui.app`.
"""

from __future__ import annotations
