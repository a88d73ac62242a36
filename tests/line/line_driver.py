"""Provides the line-mode test driver: keys in through a prompt-toolkit pipe, printed lines out.

`drive` runs `assistant.line.repl.run` with a pipe input and DummyOutput, feeding the keys from a
thread (a pipe holds only 64 kB) and closing the input afterwards, so every run ends: at the
latest with end of input, as ctrl+d would.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.line.prompts import TerminalIO
from assistant.line.repl import run
from assistant.store.workspace import Workspace

DATA = Path(__file__).resolve().parent.parent / "data"
ENTER = "\r"
CTRL_C = "\x03"
ESC_ENTER = "\x1b\r"


def answer(text: str) -> str:
    """Keys for an answer: its lines, then Enter on an empty line."""
    return text.replace("\n", ENTER) + ENTER + ENTER


def line(text: str) -> str:
    """Keys for one line sent with Enter (a command, or a setup answer)."""
    return text + ENTER


def paste(text: str) -> str:
    """Keys for a bracketed paste, as a terminal sends it."""
    return "\x1b[200~" + text + "\x1b[201~"


@dataclass
class Result:
    """What a run returned and printed."""

    status: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def after(self, fragment: str) -> list[str]:
        """Return the lines printed after the first line containing `fragment`."""
        for i, printed in enumerate(self.lines):
            if fragment in printed:
                return self.lines[i + 1 :]
        raise AssertionError(f"{fragment!r} never printed:\n{self.text}")


def drive(root: Path, keys: str, assessment_id: str | None = None, who: str = "") -> Result:
    """Run the line mode on `root`, typing `keys`; end of input follows them."""
    printed: list[str] = []
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):

        def feed() -> None:
            try:
                inp.send_text(keys)
                inp.close()
            except OSError:  # the run ended before reading everything
                pass

        thread = threading.Thread(target=feed, daemon=True)
        thread.start()
        status = run(root, assessment_id, who=who, say=printed.append, io=TerminalIO())
        thread.join(timeout=5)
    return Result(status, printed)


def workspace(tmp_path: Path) -> Path:
    """Return a workspace folder holding the small engine test bank (id engine-test)."""
    root = tmp_path / "ws"
    (root / "question_banks").mkdir(parents=True)
    shutil.copy(DATA / "engine_bank.yaml", root / "question_banks" / "engine_bank.yaml")
    return root


def assessment(root: Path) -> str:
    """Create an assessment on the engine test bank and return its id."""
    bank = find_bank("engine-test", paths.bank_dirs(root))
    return Workspace(root).create_assessment(
        organisation="Harbour City Council", type="gap-analysis", bank=bank
    )


STAFF_START = (
    line("n") + line("staff") + line("Complaints") + line("Northside") + line("") + line("")
)
"""Setup keys for a new staff interviewee, no name, the default time box."""
