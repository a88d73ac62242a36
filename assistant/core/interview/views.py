"""Provides the replies that list things: the plan, the command help, the read-back, the end.

Like every reply in `core.interview.replies` they are frozen dataclasses with a `kind` and a
`plain()` text for screen readers; lists print one item per line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from assistant.core.interview.commands import Command
from assistant.core.interview.replies import Reply, count

UNCOVERED_SHOWN = 3
"""Areas outside the plan named when the plan is read out; the rest are counted."""


@dataclass(frozen=True)
class PlanEntry:
    """One criterion of the plan as shown to the assessor."""

    criterion_id: str
    title: str
    mandatory: bool
    questions: int
    why: str
    current: bool = False
    ask: str = ""
    """A probe for the evidence the self-assessment cites here ('' when none)."""


@dataclass(frozen=True)
class PlanView(Reply):
    """The interview plan: what it expects to cover and what stays uncovered."""

    kind: ClassVar[str] = "plan"
    entries: tuple[PlanEntry, ...]
    uncovered: tuple[str, ...]
    time_box: int
    role: str

    def plain(self) -> str:
        lines = [f"Plan for {self.role}, {self.time_box} min, {count(len(self.entries), 'area')}:"]
        for n, e in enumerate(self.entries, 1):
            here = " <- now" if e.current else ""
            lines.append(
                f"{n}. {e.criterion_id} {e.title} ({e.questions} "
                f"question{'' if e.questions == 1 else 's'}; {e.why}){here}"
            )
            if e.ask:
                lines.append(f"   Ask: {e.ask}")
        if self.uncovered:  # a listener cannot hold a long list: the count and a few
            shown = ", ".join(self.uncovered[:UNCOVERED_SHOWN])
            more = " and others" if len(self.uncovered) > UNCOVERED_SHOWN else ""
            lines.append(
                f"Not covered by this plan: {count(len(self.uncovered), 'area')} "
                f"({shown}{more}); /plan add CRITERION adds one."
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class HelpView(Reply):
    """The command table, or one command."""

    kind: ClassVar[str] = "help"
    commands: tuple[Command, ...]

    def plain(self) -> str:
        lines = [c.line() for c in self.commands]
        if len(self.commands) > 1:
            lines.append(
                "Anything else you type is saved as the answer (start it with // "
                "to save text that begins with /)."
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class Point(Reply):
    """One point heard, to read back: the strongest sentence for a criterion, and who said it."""

    kind: ClassVar[str] = "point"
    n: int
    criterion_id: str
    criterion_title: str
    text: str
    code: str
    turn_key: str
    turn_n: int
    status: Literal["open", "confirmed", "disputed"] = "open"

    @property
    def record(self) -> str:
        """Return the text stored in Interview.confirmed_points / disputed_points."""
        return (
            f'{self.criterion_id} {self.criterion_title}: "{self.text}" '
            f"({self.code}, turn {self.turn_n})"
        )

    def plain(self) -> str:
        mark = "" if self.status == "open" else f" [{self.status}]"
        return f"Point {self.n}: {self.record}{mark}"


@dataclass(frozen=True)
class ReadBack(Reply):
    """The closing read-back: points heard, open items, and what was confirmed or disputed."""

    kind: ClassVar[str] = "read-back"
    points: tuple[Point, ...]
    open_items: tuple[str, ...]
    disputed: tuple[str, ...]
    confirmed: tuple[str, ...]

    def plain(self) -> str:
        lines = ["Read-back: read each point to the interviewee (/confirm N, /dispute N)."]
        lines += [p.plain() for p in self.points] or ["No answers recorded yet."]
        if self.open_items:
            lines.append("Still to follow up: " + "; ".join(self.open_items))
        lines.append("Invite anything else, thank them, then /end again to finish.")
        return "\n".join(lines)


@dataclass(frozen=True)
class PointMarked(Reply):
    """A read-back point marked as confirmed or disputed by the interviewee."""

    kind: ClassVar[str] = "point-marked"
    point: Point

    def plain(self) -> str:
        return f"Point {self.point.n} {self.point.status}: {self.point.record}"


@dataclass(frozen=True)
class Ended(Reply):
    """The interview is closed; nothing more is recorded through this engine."""

    kind: ClassVar[str] = "ended"
    interview_id: str
    turns: int
    minutes: int
    disputed: int = 0

    def plain(self) -> str:
        extra = f", {count(self.disputed, 'disputed point')}" if self.disputed else ""
        return f"Interview ended: {count(self.turns, 'turn')} in {self.minutes} min{extra}."
