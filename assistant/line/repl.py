"""Provides `run`, the line mode's entry point: setup, then one interview after another.

The interview engine and everything it needs are imported only when an interview starts, so the
first prompt (the list of assessments) appears as early as possible. Leaving (ctrl+c then y,
ctrl+d, end of input) loses nothing that was sent: each answer is on disk before "Saved." is
printed, and the line printed last says how to resume.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from assistant import paths
from assistant.line.opened import Opened
from assistant.line.prompts import LineIO, default_io
from assistant.line.render import Printer, Say, print_line
from assistant.line.setup import Setup
from assistant.store.workspace import Workspace


def resume_command(root: Path, assessment_id: str) -> str:
    """Return the command that reopens this assessment in the line mode."""
    option = "" if root == paths.workspace_root(None) else f"--workspace {shlex.quote(str(root))} "
    return f"assessor {option}interview --plain {assessment_id}"


def run(
    root: Path,
    assessment_id: str | None = None,
    *,
    who: str = "",
    say: Say = print_line,
    io: LineIO | None = None,
) -> int:
    """Run the line mode on a workspace; return the exit status (0 after a clean exit).

    With `assessment_id` that assessment is opened at once (AssessorError when it cannot be);
    otherwise the assessor chooses or creates one. `say` prints one line and `io` reads input
    (both injectable for tests); by default, the terminal.
    """
    out = Printer(say)
    io = io if io is not None else default_io(say)
    setup = Setup(io, out, Workspace(root), who)
    out.line("Assessor, line mode. Every answer is saved as soon as you send it.")
    opened: Opened | None = None
    try:
        opened = setup.open(assessment_id) if assessment_id else setup.choose_assessment()
        while opened is not None:
            chosen = setup.choose_interview(opened)
            if chosen is None:
                break
            from assistant.line.conversation import InterviewLoop
            from assistant.services import interviews

            interview_id, plan = chosen
            engine = interviews.engine_for(opened, interview_id, plan)
            if InterviewLoop(engine, io, out).run() == "left":
                out.line(
                    "Saved answers are on disk; resume with "
                    + resume_command(root, opened.data.assessment.id)
                )
                return 0
            out.line("Start another interview in this assessment, or q to quit.")
    except (KeyboardInterrupt, EOFError):
        out.line("Left the setup; nothing more was recorded.")
    finally:
        if opened is not None:
            opened.session.close()
    if opened is not None:
        out.line(f"Everything is saved. See it with: assessor show {opened.data.assessment.id}")
    return 0
