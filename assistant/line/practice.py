"""Provides the line mode's practice conversation: type questions, read the person's answers.

Each line is handed to the practice chat and its replies are printed as plain text; everything
said is on disk before the answer is printed. End of input (ctrl+d) leaves; nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.line.render import Printer, Say, print_line
from assistant.store.workspace import Workspace


def run_practice(
    workspace: Workspace,
    assessment_id: str,
    *,
    say: Say = print_line,
    read: Callable[[str], str] = input,
) -> int:
    """Talk to a practice case's people in line mode; return the exit status."""
    from assistant.services.practice import open_practice

    practice = open_practice(workspace, assessment_id)
    out = Printer(say)
    try:
        out.replies(practice.start())
        while True:
            try:
                line = read(f"{practice.chat.current}> ")
            except (EOFError, KeyboardInterrupt):
                out.line("")
                break
            if line.strip() in ("/quit", "/exit"):
                break
            out.replies(practice.chat.handle(line))
    finally:
        practice.close()
    out.line(f"Saved. Resume with: assessor practice start --resume {assessment_id} --plain")
    return 0
