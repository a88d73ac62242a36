"""Provides what the trainee records in a practice conversation besides questions: tags, notes,
open items, and blind scores up to submission, after which the calibration may be shown.

`Recording` is a mixin of `PracticeChat` (in `assistant.core.practice.chat`), which supplies the
case, the bank, the recorder, the trainee and the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from assistant.core.bank.model import Bank
from assistant.core.interview.base import number
from assistant.core.interview.recorder import Recorder
from assistant.core.interview.replies import Notice, Reply, Saved
from assistant.core.model import Assessment, CriterionScore, OpenItem, Turn
from assistant.core.practice.calibration import calibrate, trainee_scores
from assistant.core.practice.case import PracticeCase
from assistant.core.practice.feedback import Feedback
from assistant.core.practice.replies import COMMANDS, Listing, Submitted
from assistant.core.practice.responder import Heard
from assistant.core.terms import TAGS


class PracticeRecorder(Recorder, Protocol):
    """The recorder, plus saving the assessment record (to lock submitted scores)."""

    def update_assessment(self, assessment: Assessment, why: str = ...) -> Assessment:
        """Save the assessment record (audited) and return it."""
        ...


class Recording:
    """Tags, notes, open items, blind scores, submission and feedback."""

    case: PracticeCase
    bank: Bank
    recorder: PracticeRecorder
    trainee: str
    clock: Callable[[], datetime]
    current: str
    heard: dict[str, Heard]

    def _seat_interview(self, code: str) -> str:
        raise NotImplementedError

    def _not_in_case(self, criterion_id: str, typed: str) -> Notice:
        raise NotImplementedError

    @property
    def submitted(self) -> bool:
        """True once the trainee's scores are locked."""
        record = self.recorder.data.assessment.practice
        return record is not None and record.submitted is not None

    def _last_turn(self) -> Turn | None:
        interview_id = self._seat_interview(self.current)
        mine = [t for t in self.recorder.data.turns if t.interview_id == interview_id]
        answers = [t for t in mine if t.kind == "answer"]
        return max(answers, key=lambda t: t.n) if answers else None

    def _cmd_tag(self, args: str, typed: str) -> list[Reply]:
        word = args.strip().lower()
        tags = [t for t in TAGS if t == word or (word and t.startswith(word))]
        if len(tags) != 1:
            return [Notice(f"say which tag: /tag {'|'.join(TAGS)}", "warning", typed)]
        turn = self._last_turn()
        if turn is None:
            return [Notice(f"nothing from {self.current} to tag yet.", "warning", typed)]
        tag = tags[0]
        if tag not in turn.tags:
            self.recorder.edit_turn(turn.key, tags=[*turn.tags, tag], why="tagged")
        if tag in ("claim-to-verify", "referral"):
            kind = "claim" if tag == "claim-to-verify" else "document"
            self.recorder.add_open_item(
                OpenItem(
                    kind=kind,
                    text=f"{self.current} turn {turn.n}: {turn.answer[:120]}",
                    criteria=list(turn.criteria),
                    interview_id=turn.interview_id,
                    turn_n=turn.n,
                )
            )
        return [Notice(f"{self.current} turn {turn.n} tagged {tag}.")]

    def _cmd_note(self, args: str, typed: str) -> list[Reply]:
        if not args.strip():
            return [Notice("type the note after /note.", "warning", typed)]
        topic = self.heard[self.current].topic
        crit = [self.bank.question(topic)[0].id] if topic else []
        turn = self.recorder.record_turn(
            self._seat_interview(self.current), answer=args.strip(), kind="note", criteria=crit
        )
        return [Saved(turn.key, turn.n, "note")]

    def _cmd_open(self, args: str, typed: str) -> list[Reply]:
        kind, _, text = args.partition(" ")
        if kind not in ("claim", "document", "person") or not text.strip():
            return [Notice("usage: /open claim|document|person TEXT", "warning", typed)]
        topic = self.heard[self.current].topic
        self.recorder.add_open_item(
            OpenItem(
                kind=kind,
                text=text.strip(),
                criteria=[self.bank.question(topic)[0].id] if topic else [],
                interview_id=self._seat_interview(self.current),
            )
        )
        return [Notice(f"open item added: {kind}: {text.strip()}")]

    # ------------------------------------------------------------ scoring

    def _cmd_score(self, args: str, typed: str) -> list[Reply]:
        if self.submitted:
            return [Notice("your scores are submitted and locked; nothing changed.", "warning")]
        parts = args.split(maxsplit=2)
        if len(parts) < 2:
            return [Notice("usage: /score CRITERION N [comment]", "warning", typed)]
        crit_id = parts[0].upper()
        if crit_id not in self.case.criterion_ids():
            return [self._not_in_case(crit_id, typed)]
        value = number(parts[1])
        scale = self.bank.scale
        if value is None or not scale.min <= value <= scale.max:
            return [
                Notice(
                    f"the score must be a number from {scale.min:g} to {scale.max:g}",
                    "warning",
                    typed,
                )
            ]
        band = scale.band_for(value)
        self.recorder.set_score(
            CriterionScore(
                criterion_id=crit_id,
                assessor=self.trainee,
                score=value,
                band=band.id,
                comment=parts[2] if len(parts) > 2 else "",
                decided_at=self.clock(),
            ),
            why="practice score",
        )
        left = self.unscored()
        more = (
            f"; still to score: {', '.join(left)}" if left else "; all scored: /submit when ready"
        )
        return [Notice(f"{crit_id} scored {value:g} ({band.label}){more}.")]

    def unscored(self) -> list[str]:
        """Return the case's criteria the trainee has not scored yet."""
        mine = trainee_scores(self.recorder.data, self.trainee)
        return [c for c in self.case.criterion_ids() if c not in mine]

    def _cmd_scores(self, args: str, typed: str) -> list[Reply]:
        mine = trainee_scores(self.recorder.data, self.trainee)
        rows = tuple(
            f"{c}: {mine[c].score:g} ({mine[c].band})" if c in mine else f"{c}: not scored"
            for c in self.case.criterion_ids()
        )
        return [Listing("Your scores:", rows)]

    def _cmd_suggest(self, args: str, typed: str) -> list[Reply]:
        if not self.case.allow_suggestions:
            return [Notice("suggestions are off in this practice case: score from what you heard.")]
        from assistant.core.scoring.suggestion import suggest

        crit_id = args.strip().upper()
        if crit_id not in self.case.criterion_ids():
            return [self._not_in_case(crit_id or "(none)", typed)]
        got = suggest(self.bank, self.recorder.data, crit_id)
        if got is None:
            return [Notice(f"nothing to suggest for {crit_id} yet.")]
        return [Notice(f"suggested for {crit_id}: {got.score:g} ({got.band})")]

    def _cmd_submit(self, args: str, typed: str) -> list[Reply]:
        if self.submitted:
            return [
                Notice(
                    "already submitted: your scores are locked; /feedback shows them.", "warning"
                )
            ]
        left = self.unscored()
        if left:
            return [
                Notice(f"score every criterion first; still to score: {', '.join(left)}", "warning")
            ]
        assessment = self.recorder.data.assessment
        record = assessment.practice
        if record is None:
            return [Notice("this is not a practice assessment.", "error")]
        locked = record.model_copy(update={"submitted": self.clock()})
        self.recorder.update_assessment(
            assessment.model_copy(update={"practice": locked}), why="practice scores submitted"
        )
        return [Submitted(assessment.id, len(self.case.criteria)), self.feedback()]

    def feedback(self) -> Reply:
        """Return the calibration, or a refusal before the scores are submitted."""
        if not self.submitted:
            return Notice(
                "the expert's reference stays hidden until you submit your scores (/submit).",
                "warning",
            )
        return Feedback(calibrate(self.case, self.bank, self.recorder.data, self.trainee))

    def _cmd_feedback(self, args: str, typed: str) -> list[Reply]:
        return [self.feedback()]

    def _cmd_help(self, args: str, typed: str) -> list[Reply]:
        return [Listing("Practice commands:", tuple(f"{c.usage}: {c.help}" for c in COMMANDS))]
