"""Provides practice mode's replies and its table of slash commands.

Replies are frozen dataclasses with `plain()`, like the interview's (`kind` names a CSS class in
the app); the line mode prints `plain()`. A trainee's free line is a question to the person
being interviewed; slash commands pick a person, ask bank questions, probe, ask to be shown
evidence, tag, note, score blind and submit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from assistant.core.bank.model import GAPS
from assistant.core.interview.commands import Command
from assistant.core.interview.replies import Reply
from assistant.core.terms import TAGS

COMMANDS: tuple[Command, ...] = (
    Command("to", "/to CODE", "talk to someone else in the case (or start a line with 'S1:')"),
    Command("people", "/people", "list the people you can interview", aliases=("who",)),
    Command(
        "questions",
        "/questions [CRITERION]",
        "list the bank questions for the person you are talking to",
        aliases=("q",),
        takes_criterion=True,
    ),
    Command("ask", "/ask QUESTION-ID", "ask a bank question by its id (see /questions)"),
    Command(
        "probe",
        "/probe KIND",
        "probe the last answer: " + ", ".join(GAPS),
        aliases=("p",),
        choices=GAPS,
    ),
    Command("show", "/show", "ask the person to show you the evidence for what they said"),
    Command("tag", "/tag TAG", "tag the last answer: " + ", ".join(TAGS), choices=TAGS),
    Command("note", "/note TEXT", "save a note of your own on the criterion being discussed"),
    Command(
        "open",
        "/open claim|document|person TEXT",
        "add an open item to follow up",
        choices=("claim", "document", "person"),
    ),
    Command(
        "score",
        "/score CRITERION N [comment]",
        "score a criterion blind (until you submit)",
        takes_criterion=True,
    ),
    Command("scores", "/scores", "show your scores so far"),
    Command("suggest", "/suggest CRITERION", "a suggested score, when the case allows it"),
    Command("submit", "/submit", "lock your scores and compare them with the expert's"),
    Command("feedback", "/feedback", "show the calibration against the expert (after /submit)"),
    Command("help", "/help", "list the practice commands", aliases=("?", "h")),
)


def find_command(word: str) -> Command | None:
    """Return the practice command a word names: a name, an alias or a unique start."""
    low = word.lower()
    for command in COMMANDS:
        if low in command.names():
            return command
    starts = [c for c in COMMANDS if c.name.startswith(low)] if low else []
    return starts[0] if len(starts) == 1 else None


@dataclass(frozen=True)
class YouAsked(Reply):
    """What the trainee asked, and whom."""

    kind: ClassVar[str] = "practice-question"
    person: str
    text: str

    def plain(self) -> str:
        return f"You → {self.person}: {self.text}"


@dataclass(frozen=True)
class PersonSays(Reply):
    """What the scripted person answered, with the turn it was saved as."""

    kind: ClassVar[str] = "practice-answer"
    person: str
    title: str
    text: str
    turn_n: int | None = None
    shown: str = ""
    missing: bool = False

    def plain(self) -> str:
        at = f" (turn {self.turn_n})" if self.turn_n else ""
        line = f"{self.person}, {self.title}{at}: {self.text}"
        if self.shown:
            line += f"\n[Evidence seen and recorded: {self.shown}]"
        if self.missing:
            line += "\n[Not produced: recorded as an open item]"
        return line


@dataclass(frozen=True)
class Listing(Reply):
    """A titled list: people, questions, scores, help."""

    kind: ClassVar[str] = "practice-list"
    title: str
    lines: tuple[str, ...]

    def plain(self) -> str:
        return "\n".join([self.title, *("  " + line for line in self.lines)])


@dataclass(frozen=True)
class Submitted(Reply):
    """The scores are locked; feedback is ready."""

    kind: ClassVar[str] = "practice-submitted"
    assessment_id: str
    scored: int

    def plain(self) -> str:
        return (
            f"Submitted: {self.scored} scores locked. /feedback shows the comparison with the "
            f"expert (or: assessor practice report {self.assessment_id})."
        )
