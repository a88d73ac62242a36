"""Provides the practice conversation: the trainee types, the scripted people answer, and every
exchange is recorded as in a live interview (turns, tags, evidence, notes, open items, scores).

`PracticeChat.handle` takes one typed line and returns replies; it never raises. Scores are
blind: no suggestion unless the case allows it, no reference until the scores are submitted,
and nothing changes once they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from assistant.core.bank.model import GAPS, Bank
from assistant.core.errors import AssessorError
from assistant.core.interview.base import clean_text
from assistant.core.interview.replies import Notice, NotSaved, Reply, Saved
from assistant.core.model import OpenItem, Turn, now
from assistant.core.practice.case import PracticeCase
from assistant.core.practice.recording import PracticeRecorder, Recording
from assistant.core.practice.replies import (
    Listing,
    PersonSays,
    YouAsked,
    find_command,
)
from assistant.core.practice.responder import Heard, Intent, Interviewee, Said, replay


@dataclass(frozen=True)
class Seat:
    """One person of the case in this assessment: their interviewee id and their interview."""

    code: str
    interviewee_id: str
    interview_id: str


CODE: Final = re.compile(r"[LKSlks][0-9]{1,2}")
"""What a role code typed before a colon looks like (S1: …)."""


class PracticeChat(Recording):
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
        self.seats = {p.code: seats[p.code] for p in case.people if p.code in seats}
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
            return HANDLERS[command.name](self, args.strip(), line)
        head, sep, rest = line.partition(":")
        if sep and head.strip().upper() in self.seats and rest.strip():
            self.current = head.strip().upper()
            line = rest.strip()
        elif sep and CODE.fullmatch(head.strip()) and rest.strip():
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

    def _open_topic(self, typed: str) -> str | list[Reply]:
        """Return the question being discussed, or why a probe or show-me cannot go ahead."""
        if self.submitted:
            return [Notice("your scores are submitted; the interview is closed.", "warning")]
        topic = self._topic(typed)
        return [topic] if isinstance(topic, Notice) else topic

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

    def _seat_interview(self, code: str) -> str:
        return self.seats[code].interview_id

    def _not_in_case(self, criterion_id: str, typed: str) -> Notice:
        known = ", ".join(self.case.criterion_ids())
        return Notice(
            f"{criterion_id} is not part of this case (criteria: {known})", "warning", typed
        )

    def _cmd_ask(self, args: str, typed: str) -> list[Reply]:
        if self.submitted:
            return [Notice("your scores are submitted; the interview is closed.", "warning")]
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
        topic = self._open_topic(typed)
        if isinstance(topic, list):
            return topic
        word = args.strip().lower().replace("-", "_").replace(" ", "_")
        gaps = [g for g in GAPS if g == word or (word and g.startswith(word))]
        if len(gaps) != 1:
            kinds = ", ".join(self.people[self.current].probe_kinds(topic))
            return [Notice(f"say which probe: /probe KIND ({kinds})", "warning", typed)]
        intent = Intent("probe", topic, gaps[0])
        return self._exchange(intent, self.people[self.current].canonical(intent))

    def _cmd_show(self, args: str, typed: str) -> list[Reply]:
        topic = self._open_topic(typed)
        if isinstance(topic, list):
            return topic
        intent = Intent("show_me", topic)
        return self._exchange(intent, self.people[self.current].canonical(intent))


Handler = Callable[[PracticeChat, str, str], list[Reply]]
"""A practice command's code: it gets the chat, the arguments and the line as typed."""

HANDLERS: Final[Mapping[str, Handler]] = {
    # chat.py: talking
    "to": PracticeChat._cmd_to,
    "people": PracticeChat._cmd_people,
    "questions": PracticeChat._cmd_questions,
    "ask": PracticeChat._cmd_ask,
    "probe": PracticeChat._cmd_probe,
    "show": PracticeChat._cmd_show,
    # recording.py: recording, scoring, submitting
    "tag": Recording._cmd_tag,
    "note": Recording._cmd_note,
    "open": Recording._cmd_open,
    "score": Recording._cmd_score,
    "scores": Recording._cmd_scores,
    "suggest": Recording._cmd_suggest,
    "submit": Recording._cmd_submit,
    "feedback": Recording._cmd_feedback,
    "help": Recording._cmd_help,
}
"""Each command of `replies.COMMANDS` and the code that runs it, one hop from name to handler
(tests/practice/test_cases.py checks both lists agree)."""
