"""Provides the scripted interviewee: what a case's person says to a question, a probe or "show me".

`Interviewee.interpret` turns what the trainee typed into an intent (a bank question, a probe of
the last answer, a request to be shown something, or not understood); `Interviewee.respond`
says the scripted words. Both are pure: the person's memory of the conversation is a `Heard`
value, which `replay` rebuilds from the recorded turns, so a resumed practice interview and the
calibration read the conversation exactly as it happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Final, Literal

from assistant.core.bank.model import GAPS, Bank, Gap
from assistant.core.model import Turn
from assistant.core.practice.case import Person, PracticeCase, Shown
from assistant.core.practice.matching import Candidate, is_show_me, nearest

GENERIC_PROBES: Final[dict[Gap, str]] = {
    "no_example": "Can you give me a recent example of that?",
    "no_measure": "How do you know it works? What do you measure?",
    "claim_without_evidence": "Where is that written down or recorded?",
    "only_plans": "What is in place and running today?",
    "no_review": "What has changed because of those results?",
}
SHOW_ME_ANY: Final = "Can you show me that?"
NOTHING_TO_ADD: Final = "I'm not sure I can add much to what I've said, to be honest."
NOTHING_TO_SHOW: Final = "I don't think there's anything written down for that, no."

Act = Literal["ask", "probe", "show_me", "unclear"]


@dataclass(frozen=True)
class Intent:
    """What the trainee meant: a question id, a probe kind, a show-me, or not understood."""

    act: Act
    question_id: str | None = None
    gap: Gap | None = None


@dataclass(frozen=True)
class Heard:
    """What one person remembers of the conversation: how often each question was asked, and
    the question being discussed (which probes and "show me" refer to)."""

    asked: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    topic: str | None = None


@dataclass(frozen=True)
class Said:
    """What the person says, and what the exchange is recorded as."""

    person: str
    text: str
    act: Act
    question: str
    """The question as recorded: the bank's words, the probe, or the trainee's own words."""
    question_id: str | None = None
    criterion_id: str | None = None
    gap: Gap | None = None
    answer_n: int = 0
    """Which scripted answer to the question this is (1 = the surface one; 0 = unscripted)."""
    shown: Shown | None = None
    missing: bool = False
    """True when asked to show something that cannot be produced now."""

    @property
    def recorded(self) -> bool:
        """False for a request to clarify, which is not an answer."""
        return self.act != "unclear"


class Interviewee:
    """One scripted person of a case, answering from the case and the bank."""

    def __init__(self, case: PracticeCase, bank: Bank, code: str) -> None:
        self.case = case
        self.bank = bank
        self.person: Person = case.person(code)
        self.code = self.person.code
        ids = set(case.criterion_ids())
        self._questions = [
            (crit.id, q) for crit in bank.criteria() if crit.id in ids for q in crit.questions
        ]

    # ------------------------------------------------------------ wording of the trainee's acts

    def probe_text(self, question_id: str, gap: Gap) -> str:
        """Return the bank's probe of this kind for a question (a plain one when it has none)."""
        _, question = self.bank.question(question_id)
        for probe in self.bank.probes_for(question):
            if probe.gap == gap:
                return probe.text
        return GENERIC_PROBES[gap]

    def show_me_text(self, question_id: str) -> str:
        """Return the "show me" request for a question, naming what the bank expects to see."""
        _, question = self.bank.question(question_id)
        return f"Show me: {question.show_me[0]}" if question.show_me else SHOW_ME_ANY

    def probe_kinds(self, question_id: str | None) -> tuple[Gap, ...]:
        """Return the probe kinds the bank lists for a question (all kinds when none is given)."""
        if question_id is None:
            return GAPS
        _, question = self.bank.question(question_id)
        kinds = tuple(dict.fromkeys(p.gap for p in self.bank.probes_for(question)))
        return kinds or GAPS

    def scripted(self, question_id: str) -> bool:
        """True when this person has an answer to the question."""
        crit, _ = self.bank.question(question_id)
        script = self.case.script(self.code, crit.id)
        return script is not None and question_id in script.answers

    def questions(self) -> list[tuple[str, str, str]]:
        """Return (criterion id, question id, text) of the case's questions meant for this role."""
        role = self.person.role
        return [(c, q.id, q.text) for c, q in self._questions if q.audience in (role, "any")]

    # ------------------------------------------------------------ understanding

    def interpret(self, heard: Heard, text: str) -> Intent:
        """Return what typed text asks for: exact bank or probe wording first, then the nearest."""
        said = " ".join(text.split())
        for _, question in self._questions:
            if " ".join(question.text.split()) == said:
                return Intent("ask", question.id)
        topic = heard.topic
        if topic is not None:
            for gap in GAPS:
                if " ".join(self.probe_text(topic, gap).split()) == said:
                    return Intent("probe", topic, gap)
            if is_show_me(said) or said == SHOW_ME_ANY:
                return Intent("show_me", topic)
        candidates = [
            Candidate(q.id, self._match_text(c, q.id, q.text), self.scripted(q.id))
            for c, q in self._questions
        ]
        if topic is not None:
            candidates += [
                Candidate("probe:" + gap, self.probe_text(topic, gap), False)
                for gap in self.probe_kinds(topic)
            ]
        match = nearest(said, candidates)
        if match is None or not match.good:
            return Intent("unclear")
        key = match.candidate.key
        if key.startswith("probe:"):
            return Intent("probe", topic, _gap(key.removeprefix("probe:")))
        return Intent("ask", self._own_version(key, said, candidates))

    def _match_text(self, criterion_id: str, question_id: str, text: str) -> str:
        """Return what a question is matched on: the criterion's title, the question and, for
        questions this person has answers to, those answers (people hear a question in terms
        of what they know)."""
        script = self.case.script(self.code, criterion_id)
        answers = script.answers.get(question_id, []) if script else []
        return " ".join([self.bank.criterion(criterion_id).title + ".", text, *answers])

    def _own_version(self, question_id: str, said: str, candidates: list[Candidate]) -> str:
        """Return the question itself, or, when this person has no answer to it, their own
        question on the same criterion: a lead asked the staff's version of a question answers
        from their side of it."""
        if self.scripted(question_id):
            return question_id
        criterion_id = self.bank.question(question_id)[0].id
        own = [c for c in candidates if c.own and self.bank.question(c.key)[0].id == criterion_id]
        match = nearest(said, own) if own else None
        return match.candidate.key if match is not None else question_id

    def clarify(self, text: str) -> str:
        """Return the question this person guesses the trainee meant, for "do you mean …?"."""
        own = [Candidate(q.id, q.text, True) for _, q in self._questions if self.scripted(q.id)]
        match = nearest(text, own) if own else None
        if match is not None:
            return match.candidate.text
        return own[0].text if own else self._questions[0][1].text

    # ------------------------------------------------------------ answering

    def respond(self, heard: Heard, intent: Intent, typed: str) -> tuple[Said, Heard]:
        """Return what the person says to an intent, and what they remember afterwards."""
        if intent.act == "unclear" or intent.question_id is None:
            guess = " ".join(self.clarify(typed).split()).rstrip("?")
            text = f"I'm not sure what you mean — do you mean: “{guess}”?"
            return Said(self.code, text, "unclear", typed), heard
        qid = intent.question_id
        crit, question = self.bank.question(qid)
        script = self.case.script(self.code, crit.id)
        base = Said(self.code, "", intent.act, typed, qid, crit.id, intent.gap)
        if intent.act == "ask":
            answers = script.answers.get(qid, []) if script else []
            n = heard.asked.get(qid, 0)
            asked = MappingProxyType({**heard.asked, qid: n + 1})
            now = replace(heard, asked=asked, topic=qid)
            if not answers:
                return replace(base, text=self.person.fallback), now
            idx = min(n, len(answers) - 1)
            text = answers[idx] if n < len(answers) else "As I said: " + answers[idx]
            return replace(base, text=text, answer_n=idx + 1), now
        if intent.act == "probe":
            gap = intent.gap or "no_example"
            words = script.probes.get(gap) if script else None
            return replace(base, text=words or NOTHING_TO_ADD, gap=gap), heard
        show = script.show_me if script else None
        if show is not None and show.shows is not None:
            return replace(base, text=show.shows.says, shown=show.shows), heard
        words = show.missing if show is not None and show.missing else NOTHING_TO_SHOW
        return replace(base, text=words, missing=True), heard

    def canonical(self, intent: Intent) -> str:
        """Return the words recorded for an intent given by command (/ask, /probe, /show)."""
        if intent.question_id is None:
            return ""
        if intent.act == "probe" and intent.gap is not None:
            return self.probe_text(intent.question_id, intent.gap)
        if intent.act == "show_me":
            return self.show_me_text(intent.question_id)
        return " ".join(self.bank.question(intent.question_id)[1].text.split())


def _gap(word: str) -> Gap:
    for gap in GAPS:
        if gap == word:
            return gap
    raise ValueError(word)


def replay(person: Interviewee, turns: Iterable[Turn]) -> tuple[list[tuple[Turn, Said]], Heard]:
    """Read a person's recorded answers again in order: what each was, and what they remember."""
    heard = Heard()
    out: list[tuple[Turn, Said]] = []
    for turn in turns:
        if turn.kind != "answer":
            continue
        intent = person.interpret(heard, turn.question)
        said, heard = person.respond(heard, intent, turn.question)
        out.append((turn, said))
    return out, heard
