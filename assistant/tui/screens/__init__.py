"""Provides the app's screens, one module per screen named after its class.

Every screen but the home screen names `SCREENS_CSS` as its ``CSS_PATH``: the rules of all the
screens but the home screen, kept out of the stylesheet parsed at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

SCREENS_CSS: Final = str(Path(__file__).with_name("screens.tcss"))
