"""Provides `first_screen_svg`: a picture of the app's first screen, for `assessor serve`'s page.

The browser page shows this picture until the live app has sent its first bytes, so that a page
captured before the WebSocket has delivered anything (a headless browser with a time budget, a
slow start) shows what the app will show rather than an empty terminal. The app is run headless
for a moment, as the tests run it; nothing is written to the workspace (the home screen only
lists it). The picture loads nothing from outside: the web fonts Textual's export names are
dropped, so the browser uses its own monospace font.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Final

from assistant.tui.app import create_app

SIZE: Final = (120, 34)
_OUTSIDE: Final = re.compile(r",?\s*url\(\s*[\"']?https?://[^)]*\)\s*(?:format\([^)]*\))?")


def without_outside_urls(svg: str) -> str:
    """Drop every ``url(https://…) format(…)`` font source from an exported SVG."""
    return _OUTSIDE.sub("", svg)


async def _render(workspace: Path, size: tuple[int, int]) -> str:
    app = create_app(workspace)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        return app.export_screenshot(title="Assessor (starting)")


def first_screen_svg(workspace: Path, size: tuple[int, int] = SIZE) -> str:
    """Return an SVG of the home screen the app shows for `workspace` (blocks; run it in a
    thread)."""
    return without_outside_urls(asyncio.run(_render(workspace, size)))
