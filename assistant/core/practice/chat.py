"""Provides the practice conversation: the trainee types, the scripted people answer, and every
exchange is recorded as in a live interview (turns, tags, evidence, notes, open items, scores).

`PracticeChat.handle` takes one typed line and returns replies; it never raises. Scores are
blind: no suggestion unless the case allows it, no reference until the scores are submitted,
and nothing changes once they are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from assistant.core.bank.model import GAPS, Bank
from assistant.core.errors import AssessorError
from assistant.core.interview.base import clean_text, number
from assistant.core.interview.recorder import Recorder
from assistant.core.interview.replies import Notice, NotSaved, Reply, Saved
from assistant.core.model import Assessment, CriterionScore, OpenItem, Turn, now
from assistant.core.practice.calibration import calibrate, trainee_scores
from assistant.core.practice.case import PracticeCase
from assistant.core.practice.feedback import Feedback
from assistant.core.practice.replies import (
    COMMANDS,
    Listing,
    PersonSays,
    Submitted,
    YouAsked,
    find_command,
)
from assistant.core.practice.responder import Heard, Intent, Interviewee, Said, replay
from assistant.core.terms import TAGS


class PracticeRecorder(Recorder, Protocol):
    """The recorder, plus saving the assessment record (to lock submitted scores)."""

    def update_assessment(self, assessment: Assessment, why: str = ...) -> Assessment:
        """Save the assessment record (audited) and return it."""
        ...


@dataclass(frozen=True)
class Seat:
    """One person of the case in this assessment: their interviewee id and their interview."""

    code: str
    interviewee_id: str
    interview_id: str


class PracticeChat:
    """One trainee's conversation with a case's scripted people."""

    def __init__(
        self,
        case: PracticeCase,
        bank: Bank,
        recorder: PracticeRecorder,
        seats: Mapping[str, Seat],
        trainee: str,
        *,
        clock: Callable[[], datetime] = now,
    ) -> None:
        self.case, self.bank, self.recorder, self.trainee, self.clock = (
            case,
            bank,
            recorder,
            trainee,
            clock,
        )
        self.seats = dict(seats)
        self.people = {code: Interviewee(case, bank, code) for code in self.seats}
        self.heard: dict[str, Heard] = {}
        for code, seat in self.seats.items():
            turns = sorted(
                (t for t in recorder.data.turns if t.interview_id == seat.interview_id),
                key=lambda t: t.n,
            )
            self.heard[code] = replay(self.people[code], turns)[1]
        self.current = next(iter(self.seats))

    # ------------------------------------------------------------ state

    @property
    def submitted(self) -> bool:
        """True once the trainee's scores are locked."""
        record = self.recorder.data.assessment.practice
        return record is not None and record.submitted is not None

    def person_line(self, code: str) -> str:
        """Return one line describing a person."""
        p = self.case.person(code)
        return f"{p.code}: {p.title}, {p.department} ({p.site})"

    def start(self) -> list[Reply]:
        """Return the opening: the case, the people, and how to talk to them."""
        c = self.case
        lines = (
            " ".join(c.summary.split()),
            *(self.person_line(code) for code in self.seats),
            f"Criteria: {', '.join(c.criterion_ids())}",
            "Type a question to the person you are talking to, or /help for the commands.",
        )
        out: list[Reply] = [Listing(f"Practice case: {c.title} ({c.organisation})", lines)]
        if self.submitted:
            out.append(Notice("your scores are submitted: /feedback shows the comparison."))
        out.append(Notice(f"you are talking to {self.person_line(self.current)}."))
        return out

    # ------------------------------------------------------------ input

    def handle(self, text: str) -> list[Reply]:
        """Handle one typed line; never raises."""
        try:
            return self._handle(text)
        except AssessorError as exc:
            return [NotSaved(str(exc), text)]
        except Exception as exc:  # the conversation must go on: keep the text, report it
            return [NotSaved(f"unexpected error ({type(exc).__name__}: {exc})"[:300], text)]

    def _handle(self, text: str) -> list[Reply]:
        line = clean_text(text)
        if not line:
            return [Notice("type a question, or /help for the commands.")]
        if line.startswith("/"):
            word, _, args = line[1:].partition(" ")
            command = find_command(word)
            if command is None:
                return [Notice(f"unknown command /{word[:30]}; /help lists them.", "warning", line)]
            handler: Callable[[str, str], list[Reply]] = getattr(self, "_cmd_" + command.name)
            return handler(args.strip(), line)
        head, sep, rest = line.partition(":")
        if sep and head.strip().upper() in self.seats and rest.strip():
            self.current = head.strip().upper()
            line = rest.strip()
        elif sep and len(head.strip()) <= 3 and head.strip()[:1].upper() in "LKS" and rest.strip():
            return [self._no_person(head.strip(), line)]
        if self.submitted:
            return [Notice("your scores are submitted; the interview is closed.", "warning")]
        person = self.people[self.current]
        intent = person.interpret(self.heard[self.current], line)
        return self._exchange(intent, line)

    def _no_person(self, code: str, typed: str) -> Notice:
        known = ", ".join(self.seats)
        return Notice(f"no one called {code} in this case (people: {known})", "warning", typed)

    def _exchange(self, intent: Intent, typed: str) -> list[Reply]:
        code = self.current
        person = self.people[code]
        said, heard = person.respond(self.heard[code], intent, typed)
        asked = YouAsked(code, typed)
        if not said.recorded:
            return [asked, PersonSays(code, person.person.title, said.text)]
        turn = self._record(said)
        self.heard[code] = heard
        out: list[Reply] = [asked, self._says(said, turn), Saved(turn.key, turn.n)]
        return out

    def _record(self, said: Said) -> Turn:
        seat = self.seats[said.person]
        turn = self.recorder.record_turn(
            seat.interview_id,
            answer=said.text,
            question=said.question,
            question_id=said.question_id,
            tags=["evidence-seen"] if said.shown else [],
            criteria=[said.criterion_id] if said.criterion_id else [],
            speaker_id=seat.interviewee_id,
            kind="answer",
            asked_at=self.clock(),
        )
        crit = [said.criterion_id] if said.criterion_id else []
        if said.shown is not None:
            self.recorder.add_evidence(
                type=said.shown.type,
                title=said.shown.title,
                reference=f"shown by {said.person}",
                verified=True,
                criteria=crit,
                interview_id=seat.interview_id,
                turn_n=turn.n,
            )
        elif said.missing:
            self.recorder.add_open_item(
                OpenItem(
                    kind="document",
                    text=f"{said.person} to find: {said.question.removeprefix('Show me: ')}",
                    criteria=crit,
                    interview_id=seat.interview_id,
                    turn_n=turn.n,
                )
            )
        return turn

    def _says(self, said: Said, turn: Turn | None) -> PersonSays:
        return PersonSays(
            said.person,
            self.people[said.person].person.title,
            said.text,
            turn.n if turn else None,
            said.shown.title if said.shown else "",
            said.missing,
        )

    def _topic(self, typed: str) -> str | Notice:
        topic = self.heard[self.current].topic
        if topic is None:
            return Notice(
                f"ask {self.current} a question first: probes and 'show me' follow an answer.",
                "warning",
                typed,
            )
        return topic

    def _open(self) -> Notice | None:
        if self.submitted:
            return Notice("your scores are submitted; the interview is closed.", "warning")
        return None

    # ------------------------------------------------------------ talking

    def _cmd_to(self, args: str, typed: str) -> list[Reply]:
        code = args.strip().upper()
        if code not in self.seats:
            return [self._no_person(args.strip() or "(none)", typed)]
        self.current = code
        return [Notice(f"you are talking to {self.person_line(code)}.")]

    def _cmd_people(self, args: str, typed: str) -> list[Reply]:
        lines = tuple(
            ("→ " if code == self.current else "  ") + self.person_line(code) for code in self.seats
        )
        return [Listing("People in this case (/to CODE to talk to someone):", lines)]

    def _cmd_questions(self, args: str, typed: str) -> list[Reply]:
        want = args.strip().upper()
        if want and want not in self.case.criterion_ids():
            return [self._not_in_case(want, typed)]
        rows = [
            f"{qid}: {' '.join(text.split())}"
            for crit, qid, text in self.people[self.current].questions()
            if not want or crit == want
        ]
        title = f"Bank questions for {self.current} (/ask ID, or ask in your own words):"
        return [Listing(title, tuple(rows) or ("(none for this role)",))]

    def _not_in_case(self, criterion_id: str, typed: str) -> Notice:
        known = ", ".join(self.case.criterion_ids())
        return Notice(
            f"{criterion_id} is not part of this case (criteria: {known})", "warning", typed
        )

    def _cmd_ask(self, args: str, typed: str) -> list[Reply]:
        closed = self._open()
        if closed:
            return [closed]
        want = args.strip().lower()
        qid = next(
            (q.id for c in self.bank.criteria() for q in c.questions if q.id.lower() == want), ""
        )
        try:
            crit, _ = self.bank.question(qid)
        except KeyError:
            return [
                Notice(
                    f"no bank question '{args.strip()}'; /questions lists them.", "warning", typed
                )
            ]
        if crit.id not in self.case.criterion_ids():
            return [self._not_in_case(crit.id, typed)]
        intent = Intent("ask", qid)
        return self._exchange(intent, self.people[self.current].canonical(intent))

    def _cmd_probe(self, args: str, typed: str) -> list[Reply]:
        closed = self._open()
        if closed:
            return [closed]
        topic = self._topic(typed)
        if isinstance(topic, Notice):
            return [topic]
        word = args.strip().lower().replace("-", "_").replace(" ", "_")
        gaps = [g for g in GAPS if g == word or (word and g.startswith(word))]
        if len(gaps) != 1:
            kinds = ", ".join(self.people[self.current].probe_kinds(topic))
            return [Notice(f"say which probe: /probe KIND ({kinds})", "warning", typed)]
        intent = Intent("probe", topic, gaps[0])
        return self._exchange(intent, self.people[self.current].canonical(intent))

    def _cmd_show(self, args: str, typed: str) -> list[Reply]:
        closed = self._open()
        if closed:
            return [closed]
        topic = self._topic(typed)
        if isinstance(topic, Notice):
            return [topic]
        intent = Intent("show_me", topic)
        return self._exchange(intent, self.people[self.current].canonical(intent))

    # ------------------------------------------------------------ recording

    def _last_turn(self) -> Turn | None:
        seat = self.seats[self.current]
        mine = [t for t in self.recorder.data.turns if t.interview_id == seat.interview_id]
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
        seat = self.seats[self.current]
        topic = self.heard[self.current].topic
        crit = [self.bank.question(topic)[0].id] if topic else []
        turn = self.recorder.record_turn(
            seat.interview_id, answer=args.strip(), kind="note", criteria=crit
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
                interview_id=self.seats[self.current].interview_id,
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
