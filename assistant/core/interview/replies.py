"""Provides the replies the interview engine returns, which the front ends only render.

Each reply is a frozen dataclass. The Textual app mounts one widget per reply (its `kind` names
a CSS class); the line mode prints `plain()`, a line (or a few) with a role prefix that a screen
reader can announce: "Question 3 of 12 (…)", "Probe: …", "Suggested: …", "Saved.", "NOT SAVED: …".
The replies that list things (the plan, help, the read-back, the end) are in
`assistant.core.interview.views`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from assistant.core.model import Suggestion

Level = Literal["info", "warning", "error"]


def count(n: int, noun: str, plural: str = "") -> str:
    """Return "1 turn", "3 turns": a number with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


class Reply:
    """Base of every reply: `kind` is a stable name, `plain()` the screen-reader text."""

    kind: ClassVar[str] = "reply"

    def plain(self) -> str:
        """Return the plain text a screen-reader front end prints."""
        raise NotImplementedError


@dataclass(frozen=True)
class OpeningItem:
    """One step of the opening checklist (docs/ASSESSMENT.md §3)."""

    id: str
    text: str
    done: bool = False


@dataclass(frozen=True)
class Opening(Reply):
    """The opening checklist, with the steps already ticked."""

    kind: ClassVar[str] = "opening"
    items: tuple[OpeningItem, ...]

    def plain(self) -> str:
        left = sum(1 for i in self.items if not i.done)
        lines = [f"Opening checklist ({left} of {len(self.items)} to do; /tick N when done):"]
        lines += [
            f"{n}. {'done' if i.done else 'not done'}: {i.text}"
            for n, i in enumerate(self.items, 1)
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class Ask(Reply):
    """A bank question to ask now, with where it sits in the plan."""

    kind: ClassVar[str] = "ask"
    question_id: str
    text: str
    criterion_id: str
    criterion_title: str
    group_title: str
    audience: str
    probes_band_label: str
    index: int
    total: int
    show_me: tuple[str, ...] = ()
    mandatory: bool = False

    def plain(self) -> str:
        line = f"Question {self.index} of {self.total} ({self.criterion_title}, {self.audience}): "
        line += self.text
        if self.show_me:
            line += "\nShow me: " + "; ".join(self.show_me)
        return line


@dataclass(frozen=True)
class ProbeSuggested(Reply):
    """A follow-up probe the last answer calls for; `/probe` asks it."""

    kind: ClassVar[str] = "probe-suggested"
    text: str
    gap: str
    why: str
    n: int = 1
    """Its number among the current question's probes (for `/probe n`); 0 when the probe is
    the engine's own follow-up, not one of the bank's."""

    def plain(self) -> str:
        return f"Probe: {self.text} ({self.why}; /probe to ask it)"


@dataclass(frozen=True)
class ProbeDropped(Reply):
    """The suggested probe no longer applies (what it asked for was recorded); it is withdrawn."""

    kind: ClassVar[str] = "probe-dropped"
    text: str
    why: str

    def plain(self) -> str:
        return f"Probe withdrawn: {self.text} ({self.why})."


@dataclass(frozen=True)
class ProbeAsked(Reply):
    """A probe now being asked: the next answer is recorded against it."""

    kind: ClassVar[str] = "probe-asked"
    text: str
    gap: str
    question_id: str
    criterion_id: str

    def plain(self) -> str:
        return f"Asking probe: {self.text}"


@dataclass(frozen=True)
class Saved(Reply):
    """An answer or note that is now on disk, with its citation key."""

    kind: ClassVar[str] = "saved"
    turn_key: str
    n: int
    what: Literal["answer", "note"] = "answer"

    def plain(self) -> str:
        return "Saved." if self.what == "answer" else "Note saved."


@dataclass(frozen=True)
class NotSaved(Reply):
    """A write that failed; `text` is what the assessor typed, to keep in the input box."""

    kind: ClassVar[str] = "not-saved"
    reason: str
    text: str

    def plain(self) -> str:
        reason = self.reason.removeprefix("not saved: ")
        return f"NOT SAVED: {reason}. Your text is kept: press Enter to try again."


@dataclass(frozen=True)
class SuggestionUpdate(Reply):
    """The suggested score for a criterion after the last change (None: nothing to go on yet)."""

    kind: ClassVar[str] = "suggestion"
    criterion_id: str
    suggestion: Suggestion | None
    band_label: str = ""

    def plain(self) -> str:
        s = self.suggestion
        if s is None:
            return f"Suggested: nothing yet for {self.criterion_id} (no informative answer)."
        line = f"Suggested: {self.band_label or s.band} {s.score:g} (confidence {s.confidence:g})"
        if s.reasons:
            line += " because " + s.reasons[0].text
        return line


@dataclass(frozen=True)
class Coverage(Reply):
    """Which planned criteria have answers, the mandatory ones still open, and the time."""

    kind: ClassVar[str] = "coverage"
    covered: tuple[str, ...]
    planned: tuple[str, ...]
    remaining_mandatory: tuple[str, ...]
    minutes_used: int
    minutes_left: int
    time_box: int
    warning: str = ""
    asked: bool = False
    """True when the assessor asked for it (/time); otherwise it only refreshes a display."""

    def plain(self) -> str:
        line = f"Coverage: {len(self.covered)} of {len(self.planned)} planned areas"
        if self.remaining_mandatory:
            line += "; mandatory still open: " + ", ".join(self.remaining_mandatory)
        if self.minutes_left >= 0:
            line += f"; {self.minutes_used} of {self.time_box} min used, {self.minutes_left} left."
        else:
            line += f"; {self.minutes_used} min used, {-self.minutes_left} over the time box."
        if self.warning:
            line += f"\nWarning: {self.warning}"
        return line


@dataclass(frozen=True)
class Notice(Reply):
    """A message about the input: a hint, a warning, or a refused command."""

    kind: ClassVar[str] = "notice"
    text: str
    level: Level = "info"
    keep: str = ""
    """What the assessor typed, when it was refused and should stay in the input box to fix."""

    def plain(self) -> str:
        prefix = {"info": "Note", "warning": "Warning", "error": "Error"}[self.level]
        return f"{prefix}: {self.text}"


@dataclass(frozen=True)
class Tagged(Reply):
    """The tags now on an answer."""

    kind: ClassVar[str] = "tagged"
    turn_key: str
    n: int
    tags: tuple[str, ...]

    def plain(self) -> str:
        return f"Tagged turn {self.n}: {', '.join(self.tags) or 'no tags'}."


@dataclass(frozen=True)
class Edited(Reply):
    """A saved answer corrected; the earlier text is in the audit log."""

    kind: ClassVar[str] = "edited"
    turn_key: str
    n: int
    answer: str

    def plain(self) -> str:
        return f"Turn {self.n} corrected (the earlier text is kept in the audit log)."


@dataclass(frozen=True)
class EvidenceAdded(Reply):
    """An evidence item registered against criteria."""

    kind: ClassVar[str] = "evidence"
    evidence_id: str
    type: str
    title: str
    reference: str
    verified: bool
    criteria: tuple[str, ...]

    def plain(self) -> str:
        state = "verified" if self.verified else "not verified"
        ref = f" ({self.reference})" if self.reference else ""
        return (
            f'Evidence added: {self.type} "{self.title}"{ref}, {state}, for '
            f"{', '.join(self.criteria) or 'no criterion'}."
        )


@dataclass(frozen=True)
class OpenItemAdded(Reply):
    """A follow-up item opened: a claim to verify, a document requested, a person to ask."""

    kind: ClassVar[str] = "open-item"
    item_id: str
    item_kind: str
    text: str
    criteria: tuple[str, ...]

    def plain(self) -> str:
        what = {
            "claim": "claim to verify",
            "document": "document requested",
            "person": "person to ask",
        }.get(self.item_kind, self.item_kind)
        return f"Open item ({what}): {self.text}"


@dataclass(frozen=True)
class ScoreSet(Reply):
    """A score decided for a criterion, and whether it is the suggestion accepted."""

    kind: ClassVar[str] = "score"
    criterion_id: str
    score: float
    band_label: str
    accepted: bool
    reason: str = ""

    def plain(self) -> str:
        how = "suggestion accepted" if self.accepted else f"override: {self.reason or 'no reason'}"
        return f"Score set: {self.criterion_id} = {self.score:g} ({self.band_label}), {how}."


def kept_text(replies: Sequence[Reply]) -> str | None:
    """Return the typed text a front end should leave in the input box, or None to clear it.

    That is the text of a NOT SAVED reply, or of a refused command (a Notice with `keep`).
    """
    for reply in replies:
        if isinstance(reply, NotSaved):
            return reply.text
        if isinstance(reply, Notice) and reply.keep:
            return reply.keep
    return None
