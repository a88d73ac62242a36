"""Benchmark: a 100 kB paste into the interview's answer box, and saving it with Enter.

Moved out of the test suite (tests assert that the paste is taken whole and saved; time is
measured here). Prints, for the app on a fresh workspace:
- the paste: from posting the terminal's Paste event until the box holds the text;
- the save: from Enter until the box is empty again and the answer is on disk;
- a baseline measured in the same run: the same paste into a bare Textual TextArea,
  so the ratio is comparable across machines.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import TextArea  # noqa: E402

TEXT = ("The complaints log is reviewed every Monday by the team leader. " * 1600)[:100_000]
RUNS = 5


class Bare(App[None]):
    """The baseline: one TextArea, nothing else."""

    def compose(self) -> ComposeResult:
        yield TextArea()


async def bare_paste() -> float:
    app = Bare()
    async with app.run_test(size=(110, 36)) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        await pilot.pause()
        start = time.perf_counter()
        app.post_message(events.Paste(TEXT))
        while len(area.text) < len(TEXT):
            await pilot.pause()
        return time.perf_counter() - start


async def app_paste_and_save() -> tuple[float, float]:
    from assistant import paths
    from assistant.core.bank.loader import find_bank
    from assistant.store.workspace import Workspace
    from assistant.tui.app import create_app
    from assistant.tui.screens.interview_screen import InterviewScreen

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = Workspace(root)
        bank = find_bank("icss", paths.bank_dirs(root))
        aid = ws.create_assessment(organisation="Bench", type="certification", bank=bank)
        app = create_app(root)
        async with app.run_test(size=(110, 36)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            while not isinstance(app.screen, InterviewScreen):
                await pilot.pause()
            screen = app.screen
            start = time.perf_counter()
            app.post_message(events.Paste(TEXT))
            while len(screen.box.text) < len(TEXT):
                await pilot.pause()
            pasted = time.perf_counter() - start
            start = time.perf_counter()
            await pilot.press("enter")
            while screen.box.text or not Workspace(root).load(aid).turns:
                await pilot.pause()
            saved = time.perf_counter() - start
        return pasted, saved


def main() -> int:
    base = [asyncio.run(bare_paste()) for _ in range(RUNS)]
    runs = [asyncio.run(app_paste_and_save()) for _ in range(RUNS)]
    b = statistics.median(base)
    p = statistics.median(r[0] for r in runs)
    s = statistics.median(r[1] for r in runs)
    print(f"100 kB paste, bare TextArea (baseline): {b * 1000:.0f} ms")
    print(f"100 kB paste, interview box: {p * 1000:.0f} ms ({p / b:.2f}x baseline)")
    print(f"Enter on the 100 kB answer until saved: {s * 1000:.0f} ms ({s / b:.2f}x baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
