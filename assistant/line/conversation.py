"""Provides InterviewLoop: one interview as a conversation of plain lines.

The loop only routes: what the assessor types goes to the core's InterviewEngine, and every
reply it returns is printed as a plain line. An entry that was NOT SAVED comes back in the input
on an empty last line, so Enter sends it again; a refused command is not put back (a screen
reader would not announce it): the up arrow recalls it.
"""

from __future__ import annotations

from typing import Literal

from assistant.core.interview.engine import InterviewEngine
from assistant.core.interview.replies import Ask, Coverage, Notice, NotSaved, Reply
from assistant.core.interview.views import Ended
from assistant.line.prompts import LineIO, for_resend
from assistant.line.render import KEYS_HELP, Printer

Outcome = Literal["ended", "left"]
HISTORY_SHOWN = 3
"""How many earlier turns are printed when an interview is resumed."""
SHELL_WORDS = frozenset(
    ("clear", "cls", "ls", "dir", "cd", "pwd", "exit", "quit", "q", "bye", "logout", "help", "?")
)
"""Words typed alone that are far likelier a habit from the shell than an answer: asked first."""
HELP_WORDS = frozenset(("help", "?"))


class InterviewLoop:
    """Reads entries and prints the engine's replies until the interview ends or is left."""

    def __init__(self, engine: InterviewEngine, io: LineIO, out: Printer) -> None:
        self.engine = engine
        self.io = io
        self.out = out
        self.last_ask: Ask | None = None
        self.warned: tuple[tuple[str, ...], bool] | None = None
        """The time warning last printed (which areas, and whether over time)."""

    def label(self) -> str:
        """Return the prompt: "Probe> " while a probe is asked, else "Q3> " for question 3."""
        if self.engine.current_probe is not None:
            return "Probe> "
        question = self.engine.current_question
        if (
            self.last_ask is not None
            and question is not None
            and question.id == self.last_ask.question_id
        ):
            return f"Q{self.last_ask.index}> "
        return "Answer> "

    def show(self, replies: list[Reply]) -> None:
        """Print replies; coverage only when asked for (/time) or when a new warning comes."""
        shown: list[Reply] = []
        for reply in replies:
            if isinstance(reply, Ask):
                self.last_ask = reply
            if isinstance(reply, Coverage) and not reply.asked:
                warned = (reply.remaining_mandatory, reply.minutes_left < 0)
                if reply.warning and warned != self.warned:
                    shown.append(Notice(reply.warning, "warning"))
                self.warned = warned if reply.warning else None
                continue
            shown.append(reply)
        self.out.replies(shown)

    def looks_like_a_command(self, text: str) -> bool:
        """Ask before saving a lone shell word ("clear", "ls", "exit") as the answer.

        Returns True when it is not to be saved; "help" and "?" then print the commands.
        """
        word = text.strip().lower()
        if word not in SHELL_WORDS:
            return False
        self.out.line(
            f'"{text.strip()}" looks like a command, not an answer. Type y to save it as the '
            "answer, or press Enter to drop it. Commands start with /: /help lists them; "
            "ctrl+d leaves (saved answers stay)."
        )
        try:
            keep = self.io.ask("Save it? y saves, Enter drops> ").strip().lower()
        except (KeyboardInterrupt, EOFError):
            keep = ""
        if keep in ("y", "yes"):
            return False
        self.out.line("Not saved.")
        if word in HELP_WORDS:
            self.show(self.engine.submit("/help"))
        return True

    def history(self) -> None:
        """Print the last few turns of a resumed interview (speakers by role code)."""
        data = self.engine.data
        mine = [t for t in data.turns if t.interview_id == self.engine.interview_id]
        for turn in mine[-HISTORY_SHOWN:]:
            speaker = data.speaker_of(turn)
            who = "Note" if turn.kind == "note" else (speaker.code if speaker else "Answer")
            flat = " ".join(turn.answer.split())
            self.out.line(
                f"Earlier, turn {turn.n}, {who}: {flat if len(flat) <= 200 else flat[:199] + '…'}"
            )

    def run(self) -> Outcome:
        """Run the interview; return "ended" after /end, "left" when the assessor leaves."""
        self.out.line(KEYS_HELP)
        self.history()
        self.show(self.engine.start())
        if self.engine.ended:
            return "ended"
        self.io.set_criteria(lambda: [(c.id, c.title) for c in self.engine.bank.criteria()])
        default = ""
        while True:
            try:
                text = self.io.answer(self.label(), default)
            except KeyboardInterrupt:
                unsent = self.io.unsent()
                if self.confirm_leave(unsent):
                    return "left"
                default = unsent
                continue
            except EOFError:
                self.unsent_note(self.io.unsent())
                return "left"
            default = ""
            if self.looks_like_a_command(text):
                continue
            try:
                replies = self.engine.submit(text)
            except KeyboardInterrupt:  # during a write: it may or may not have reached the disk
                self.out.line("Interrupted while saving: check the last entry before going on.")
                return "left"
            self.show(replies)
            default = for_resend(next((r.text for r in replies if isinstance(r, NotSaved)), ""))
            if any(isinstance(r, Ended) for r in replies) or self.engine.ended:
                return "ended"

    def confirm_leave(self, unsent: str) -> bool:
        """Ask whether to leave after ctrl+c; True to leave (y, a second ctrl+c, or ctrl+d)."""
        self.out.line(
            "Leave the interview? Every saved answer stays on disk and the interview "
            "can be resumed. Type y to leave, or press Enter to go on."
        )
        try:
            word = self.io.ask("Leave (y or Enter)> ")
        except (KeyboardInterrupt, EOFError):
            word = "y"
        if word.lower() in ("y", "yes", "q", "quit"):
            self.unsent_note(unsent)
            return True
        if unsent.strip():
            self.out.line("Your unsent text is back in the input.")
        return False

    def unsent_note(self, unsent: str) -> None:
        if unsent.strip():
            self.out.line(f"Not saved: {len(unsent.strip()):,} characters typed but not sent.")
