"""Transcript tests of the interview engine: typed inputs in, replies out, no UI.

The recorder is an in-memory fake that can fail on demand, as the store does when the disk is
full; the clock is fake so that time warnings are deterministic.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.bank.loader import parse_bank, read_bank
from assistant.core.bank.model import Bank
from assistant.core.errors import AssessorError
from assistant.core.interview import base as engine_module
from assistant.core.interview.commands import COMMANDS
from assistant.core.interview.engine import InterviewEngine
from assistant.core.interview.plan import make_plan
from assistant.core.interview.recorder import Recorder
from assistant.core.interview.replies import (
    Ask,
    Coverage,
    Edited,
    EvidenceAdded,
    Notice,
    NotSaved,
    Opening,
    OpenItemAdded,
    ProbeAsked,
    ProbeDropped,
    ProbeSuggested,
    Reply,
    Saved,
    ScoreSet,
    SuggestionUpdate,
    Tagged,
    kept_text,
)
from assistant.core.interview.views import Ended, HelpView, PlanView, PointMarked, ReadBack
from assistant.core.model import (
    Assessment,
    AssessmentData,
    BankPin,
    CriterionScore,
    Evidence,
    EvidenceType,
    Interview,
    Interviewee,
    OpenItem,
    RoleType,
    Tag,
    Turn,
    TurnKind,
)
from assistant.core.scoring.suggestion import suggest

DATA = Path(__file__).resolve().parent.parent / "data"
BANKS = Path(__file__).resolve().parent.parent.parent / "question_banks"
T0 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
LADDER_MEASURE = "How do you know whether it is working?"
LADDER_EXAMPLE = "Can you take me through the most recent time that happened?"


class SaveError(AssessorError):
    """What the store raises when a write does not reach the disk."""


class FakeRecorder:
    """An in-memory Recorder; `fail(n)` makes the next n writes raise SaveError."""

    def __init__(self, data: AssessmentData) -> None:
        self.data = data
        self.failures = 0
        self.writes: list[str] = []

    def fail(self, times: int = 1) -> None:
        self.failures = times

    def _write(self, what: str) -> None:
        if self.failures:
            self.failures -= 1
            raise SaveError("not saved: disk full")
        self.writes.append(what)

    def record_turn(
        self,
        interview_id: str,
        *,
        answer: str,
        question: str = "",
        question_id: str | None = None,
        tags: list[Tag] | None = None,
        criteria: list[str] | None = None,
        speaker_id: str | None = None,
        kind: TurnKind = "answer",
        asked_at: datetime | None = None,
    ) -> Turn:
        self._write("turn")
        n = 1 + max((t.n for t in self.data.turns if t.interview_id == interview_id), default=0)
        turn = Turn(
            interview_id=interview_id,
            n=n,
            kind=kind,
            question_id=question_id,
            question=question,
            answer=answer,
            speaker_id=speaker_id,
            tags=list(tags or []),
            criteria=list(criteria or []),
            asked_at=asked_at or T0,
        )
        self.data.turns.append(turn)
        return turn

    def edit_turn(
        self,
        key: str,
        *,
        answer: str | None = None,
        tags: list[Tag] | None = None,
        criteria: list[str] | None = None,
        why: str = "",
    ) -> Turn:
        self._write("edit")
        i = next(i for i, t in enumerate(self.data.turns) if t.key == key)
        update: dict[str, Any] = {"edited": True}
        if answer is not None:
            update["answer"] = answer
        if tags is not None:
            update["tags"] = list(tags)
        if criteria is not None:
            update["criteria"] = list(criteria)
        self.data.turns[i] = self.data.turns[i].model_copy(update=update)
        return self.data.turns[i]

    def add_evidence(
        self,
        *,
        type: EvidenceType,
        title: str,
        reference: str = "",
        verified: bool = False,
        criteria: list[str] | None = None,
        interview_id: str | None = None,
        turn_n: int | None = None,
    ) -> Evidence:
        self._write("evidence")
        ev = Evidence(
            type=type,
            title=title,
            reference=reference,
            verified=verified,
            criteria=list(criteria or []),
            interview_id=interview_id,
            turn_n=turn_n,
        )
        self.data.evidence.append(ev)
        return ev

    def add_open_item(self, item: OpenItem) -> OpenItem:
        self._write("open")
        self.data.open_items.append(item)
        return item

    def close_open_item(self, item_id: str, resolution: str) -> OpenItem:
        self._write("close")
        i = next(i for i, o in enumerate(self.data.open_items) if o.id == item_id)
        self.data.open_items[i] = self.data.open_items[i].model_copy(
            update={"status": "closed", "resolution": resolution}
        )
        return self.data.open_items[i]

    def set_score(self, score: CriterionScore, why: str = "") -> CriterionScore:
        self._write("score")
        self.data.scores.append(score)
        return score

    def update_interview(self, interview: Interview, why: str = "") -> Interview:
        self._write("interview")
        i = next(i for i, iv in enumerate(self.data.interviews) if iv.id == interview.id)
        self.data.interviews[i] = interview
        return interview

    def end_interview(self, interview_id: str) -> Interview:
        self._write("end")
        iv = self.data.interview(interview_id)
        return self.update_interview(iv.model_copy(update={"ended": T0 + timedelta(minutes=40)}))


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> datetime:
        return self.t

    def at(self, minutes: float) -> None:
        self.t = T0 + timedelta(minutes=minutes)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return parse_bank((DATA / "engine_bank.yaml").read_text(encoding="utf-8"), "engine_bank.yaml")


def setup(
    bank: Bank,
    role: RoleType = "staff",
    minutes: int = 45,
    criteria: list[str] | None = None,
    people: int = 1,
) -> tuple[InterviewEngine, FakeRecorder, Clock]:
    persons = [
        Interviewee(id=f"p-{i}", code=f"{role[0].upper()}{i}", role=role)
        for i in range(1, people + 1)
    ]
    iv = Interview(
        id="iv-1",
        interviewee_ids=[p.id for p in persons],
        assessor="ana",
        started=T0,
        time_box_minutes=minutes,
        planned_criteria=criteria or [],
    )
    data = AssessmentData(
        assessment=Assessment(
            id="as-1",
            organisation="Org",
            type="practice",
            bank=BankPin(id=bank.id, version="1", digest="x"),
        ),
        interviewees=persons,
        interviews=[iv],
    )
    rec = FakeRecorder(data)
    clock = Clock()
    plan = make_plan(bank, data, persons[0], minutes, criteria=criteria)
    return InterviewEngine(bank, rec, "iv-1", plan, clock=clock), rec, clock


def kinds(replies: list[Reply]) -> list[type[Reply]]:
    return [type(r) for r in replies]


def gaps_are(monkeypatch: pytest.MonkeyPatch, *gaps: str) -> None:
    """Make every answer read as lacking exactly these gaps (for probe-choice tests)."""
    monkeypatch.setattr(engine_module, "read_cached", lambda text: SimpleNamespace(gaps=gaps))


PLAN_ANSWER = "We are planning to start a complaints log next year."
PRACTICE_ANSWER = (
    "Every complaint goes into the complaints log the same day, and my team "
    "leader checks the log each Monday; last week we closed 14 of 15 within "
    "two days."
)


# ---------------------------------------------------------------- opening and asking


def test_the_fake_recorder_is_a_recorder(bank: Bank) -> None:
    _, rec, _ = setup(bank)
    recorder: Recorder = rec
    assert recorder.data.interviews[0].id == "iv-1"


def test_start_lists_the_opening_checklist_then_asks_the_first_question(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    replies = eng.start()
    assert kinds(replies) == [Opening, Ask]
    opening, ask = replies
    assert isinstance(opening, Opening) and isinstance(ask, Ask)
    assert [i.id for i in opening.items] == [
        "purpose",
        "confidentiality",
        "notes",
        "role",
        "describe-work",
    ]
    assert "service-team staff" in opening.items[3].text
    assert not any(i.done for i in opening.items)
    assert (ask.question_id, ask.criterion_id, ask.index, ask.total) == ("A.1.q2", "A.1", 1, 5)
    assert ask.mandatory and ask.group_title == "Service"
    assert ask.probes_band_label == "Implementation"
    assert ask.plain() == (
        "Question 1 of 5 (Complaint handling, staff): What do you do when a "
        "customer complains?\nShow me: The complaints log; The escalation sheet"
    )


def test_tick_stores_the_opening_steps_in_the_interview(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    [opening] = eng.submit("/tick")
    assert isinstance(opening, Opening) and opening.items[0].done and not opening.items[1].done
    eng.submit("/tick 4")
    assert rec.data.interviews[0].opening_done == ["purpose", "role"]
    [opening] = eng.submit("/tick all")
    assert isinstance(opening, Opening) and all(i.done for i in opening.items)
    assert "0 of 5 to do" in opening.plain()
    [bad] = eng.submit("/tick 9")
    assert isinstance(bad, Notice) and bad.keep == "/tick 9"


# ---------------------------------------------------------------- answers, probes, suggestion


def test_an_answer_is_saved_against_the_question_shown(bank: Bank) -> None:
    eng, rec, clock = setup(bank)
    eng.start()
    clock.at(3)
    replies = eng.submit(PRACTICE_ANSWER)
    assert isinstance(replies[0], Saved) and replies[0].plain() == "Saved."
    assert replies[0].turn_key == "iv-1/1"
    assert isinstance(replies[-2], SuggestionUpdate) and isinstance(replies[-1], Coverage)
    assert replies[-2].criterion_id == "A.1" and replies[-2].suggestion is not None
    assert replies[-2].plain().startswith("Suggested: ")
    assert "(confidence " in replies[-2].plain() and " because " in replies[-2].plain()
    assert replies[-1].covered == ("A.1",)
    [turn] = rec.data.turns
    assert (turn.question_id, turn.criteria, turn.kind) == ("A.1.q2", ["A.1"], "answer")
    assert turn.question == "What do you do when a customer complains?"
    assert turn.answer == PRACTICE_ANSWER and turn.asked_at == T0
    assert eng.current_question is not None and eng.current_question.id == "A.1.q2"


def test_the_probe_follows_the_first_gap_in_priority_order(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    gaps_are(monkeypatch, "no_measure", "no_example")
    replies = eng.submit("We deal with it.")
    probe = next(r for r in replies if isinstance(r, ProbeSuggested))
    assert (probe.text, probe.gap, probe.n) == (LADDER_MEASURE, "no_measure", 2)
    assert probe.why == "no measure or figure mentioned"
    assert probe.plain() == (
        f"Probe: {LADDER_MEASURE} (no measure or figure mentioned; /probe to ask it)"
    )
    assert kinds(replies) == [Saved, ProbeSuggested, SuggestionUpdate, Coverage]


def test_no_probe_when_the_question_has_none_for_the_gaps(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    eng.submit("/next")  # A.1.q3 has one probe, for no_measure only
    gaps_are(monkeypatch, "no_example")
    assert not any(isinstance(r, ProbeSuggested) for r in eng.submit("An answer."))
    gaps_are(monkeypatch, "no_example", "no_measure")
    probe = next(r for r in eng.submit("Another.") if isinstance(r, ProbeSuggested))
    assert (probe.text, probe.n) == ("How long did it take to resolve?", 1)
    gaps_are(monkeypatch)
    assert kinds(eng.submit("A full answer.")) == [Saved, SuggestionUpdate, Coverage]


def test_probe_asks_the_suggestion_and_the_next_answer_is_recorded_against_it(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    eng, rec, clock = setup(bank)
    eng.start()
    gaps_are(monkeypatch, "no_example", "no_measure")
    eng.submit("We sort it out.")
    assert eng.suggested_probe is not None and eng.suggested_probe.text == LADDER_EXAMPLE
    clock.at(2)
    [asked] = eng.submit("/probe")
    assert isinstance(asked, ProbeAsked) and asked.plain() == f"Asking probe: {LADDER_EXAMPLE}"
    assert eng.current_probe is not None
    clock.at(4)
    replies = eng.submit("Yesterday a customer rang about a late refund.")
    turn = rec.data.turns[-1]
    assert (turn.question, turn.question_id, turn.criteria) == (LADDER_EXAMPLE, "A.1.q2", ["A.1"])
    assert turn.asked_at == T0 + timedelta(minutes=2)
    # the probe already asked is not suggested again; the next gap's probe is
    probe = next(r for r in replies if isinstance(r, ProbeSuggested))
    assert probe.text == LADDER_MEASURE
    assert eng.current_probe is None
    assert rec.data.turns[-1].question_id == "A.1.q2"


def test_probe_by_number_and_probe_without_a_suggestion(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    [listing] = eng.submit("/probe")
    assert isinstance(listing, Notice) and "1. " + LADDER_EXAMPLE in listing.text
    [asked] = eng.submit("/probe 3")
    assert (
        isinstance(asked, ProbeAsked) and asked.text == "Could you show me where that is recorded?"
    )
    [bad] = eng.submit("/probe 99")
    assert isinstance(bad, Notice) and bad.level == "warning" and bad.keep == "/probe 99"


def test_a_plain_plan_answer_gets_the_only_plans_probe_from_the_real_reading(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    replies = eng.submit(PLAN_ANSWER)
    probe = next(r for r in replies if isinstance(r, ProbeSuggested))
    assert probe.gap == "only_plans"
    assert probe.text == "Setting the plans aside, what happens today?"
    update = next(r for r in replies if isinstance(r, SuggestionUpdate))
    assert update.suggestion is not None and update.suggestion.band == "intention"
    assert update.band_label == "Intention"


# ---------------------------------------------------------------- failed writes


def test_a_failed_write_returns_not_saved_with_the_text_and_a_retry_records_it(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    rec.fail()
    replies = eng.submit(PRACTICE_ANSWER)
    assert kinds(replies) == [NotSaved]
    assert replies[0] == NotSaved("not saved: disk full", PRACTICE_ANSWER)
    assert replies[0].plain().startswith("NOT SAVED: disk full.")
    assert kept_text(replies) == PRACTICE_ANSWER
    assert rec.data.turns == [] and eng.last_turn is None
    assert eng.current_question is not None and eng.current_question.id == "A.1.q2"
    replies = eng.submit(PRACTICE_ANSWER)
    assert isinstance(replies[0], Saved) and replies[0].n == 1
    assert kept_text(replies) is None
    assert rec.data.turns[0].question_id == "A.1.q2"


def test_a_saved_answer_is_never_reported_as_not_saved_when_reading_fails(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    eng, rec, _ = setup(bank)
    eng.start()

    def broken(*_: object, **__: object) -> None:
        raise ValueError("reading broke")

    monkeypatch.setattr(engine_module, "read_cached", broken)
    monkeypatch.setattr("assistant.core.interview.base.suggest", broken)
    replies = eng.submit(PRACTICE_ANSWER)
    assert kinds(replies) == [Saved, Notice, Notice, Coverage]
    assert all(r.level == "error" for r in replies if isinstance(r, Notice))
    assert kept_text(replies) is None and len(rec.data.turns) == 1
    assert eng.last_turn is not None and eng.last_turn.n == 1


def test_failed_commands_change_nothing(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    for typed in (
        "/next C.2",
        "/plan drop A.1",
        "/tag fact",
        "/score 4 seen the log",
        "/evidence document Log",
        "/open person Ask Sam",
        "/note hello",
        "/tick",
        "/end confirm",
    ):
        rec.fail()
        replies = eng.submit(typed)
        assert kinds(replies) == [NotSaved], typed
        assert kept_text(replies) == typed
    assert eng.plan.criteria == ("A.1", "A.2", "A.3")
    assert eng.current_question is not None and eng.current_question.id == "A.1.q2"
    assert rec.data.turns[0].tags == [] and len(rec.data.turns) == 1
    assert rec.data.scores == [] and rec.data.evidence == [] and rec.data.open_items == []
    assert not eng.ended
    assert kinds(eng.submit("/next C.2"))[-1] is Ask


# ---------------------------------------------------------------- navigation and plan


def test_next_skip_back_and_jump(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    order = []
    for typed in ("/next", "/skip", "/next A.3", "/back", "/back", "/back"):
        [reply] = eng.submit(typed)
        order.append(reply.question_id if isinstance(reply, Ask) else reply.plain())
    assert order == ["A.1.q3", "A.2.q2", "A.3.q1", "A.2.q2", "A.1.q3", "A.1.q2"]
    [first] = eng.submit("/back")
    assert isinstance(first, Notice) and "first question" in first.text
    assert rec.data.turns == []
    eng.submit("/next a.3")
    eng.submit("/next")
    [last] = eng.submit("/next")
    assert isinstance(last, Notice) and "last planned question" in last.text


def test_next_to_an_unplanned_criterion_adds_it_to_the_plan(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    replies = eng.submit("/next C.2")
    assert kinds(replies) == [PlanView, Ask]
    assert replies[1].question_id == "C.2.q1"  # type: ignore[attr-defined]
    assert rec.data.interviews[0].planned_criteria == ["A.1", "A.2", "A.3", "C.2"]
    assert eng.plan.item("C.2").why == "added during the interview"
    [bad] = eng.submit("/next Q.9")
    assert isinstance(bad, Notice) and bad.keep == "/next Q.9"


def test_plan_show_add_drop_move(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    [view] = eng.submit("/plan")
    assert isinstance(view, PlanView) and [e.criterion_id for e in view.entries] == [
        "A.1",
        "A.2",
        "A.3",
    ]
    assert view.entries[0].current and "mandatory" in view.entries[0].why
    assert view.plain().splitlines()[0] == "Plan for staff, 45 min, 3 areas:"
    replies = eng.submit("/plan drop A.1")
    assert kinds(replies) == [PlanView, Ask]
    assert eng.current_question is not None and eng.current_question.id == "A.2.q2"
    assert kinds(eng.submit("/plan move A.3 1")) == [PlanView]
    assert eng.plan.criteria == ("A.3", "A.2")
    assert eng.current_question.id == "A.2.q2"
    eng.submit("/plan add B.2")
    assert rec.data.interviews[0].planned_criteria == ["A.3", "A.2", "B.2"]
    for typed in ("/plan add Q.1", "/plan drop C.1", "/plan move A.2 x", "/plan fly A.2"):
        [bad] = eng.submit(typed)
        assert isinstance(bad, Notice) and bad.keep == typed, typed


def test_an_engine_on_a_recorded_interview_resumes_at_the_first_unanswered_question(
    bank: Bank,
) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    again = InterviewEngine(bank, rec, "iv-1", eng.plan, clock=Clock())
    replies = again.start()
    assert kinds(replies) == [Opening, Notice, Ask]
    assert replies[2].question_id == "A.1.q3"  # type: ignore[attr-defined]
    assert again.last_turn is not None and again.last_turn.n == 1
    assert kinds(again.submit("/tag fact"))[0] is Tagged


# ---------------------------------------------------------------- tags, evidence, notes


def test_claim_to_verify_opens_a_claim_citing_the_turn_once(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    [early] = eng.submit("/tag fact")
    assert isinstance(early, Notice) and "no answer" in early.text
    eng.submit(PRACTICE_ANSWER)
    replies = eng.submit("/tag claim-to-verify")
    assert kinds(replies) == [Tagged, OpenItemAdded, SuggestionUpdate]
    assert replies[0].plain() == "Tagged turn 1: claim-to-verify."
    [item] = rec.data.open_items
    assert (item.kind, item.interview_id, item.turn_n, item.criteria) == (
        "claim",
        "iv-1",
        1,
        ["A.1"],
    )
    assert item.text.startswith('Verify the claim (S1, turn 1): "Every complaint')
    assert kinds(eng.submit("/tag claim")) == [Tagged, SuggestionUpdate]
    assert len(rec.data.open_items) == 1 and rec.data.turns[0].tags == ["claim-to-verify"]


def test_referral_opens_a_document_or_person_item(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit("Ask Sam in the contact centre, she keeps the rota.")
    eng.submit("/tag referral person")
    eng.submit("/tag referral-doc")
    assert [i.kind for i in rec.data.open_items] == ["person", "document"]
    assert rec.data.turns[0].tags == ["referral"]
    [bad] = eng.submit("/tag referral place")
    assert isinstance(bad, Notice) and bad.keep
    [bad] = eng.submit("/tag gossip")
    assert isinstance(bad, Notice) and "fact, opinion" in bad.text


def test_tag_last_is_the_same_as_the_command(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    assert kinds(eng.tag_last("evidence-seen")) == [Tagged, SuggestionUpdate]
    assert rec.data.turns[0].tags == ["evidence-seen"]


def test_evidence_is_registered_against_the_current_criterion(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    replies = eng.submit("/evidence document Complaints log | S:/service/log.xlsx verified")
    assert kinds(replies) == [EvidenceAdded, SuggestionUpdate]
    [ev] = rec.data.evidence
    assert (ev.type, ev.title, ev.reference, ev.verified) == (
        "document",
        "Complaints log",
        "S:/service/log.xlsx",
        True,
    )
    assert (ev.criteria, ev.interview_id, ev.turn_n) == (["A.1"], "iv-1", 1)
    eng.submit("/ev obs Front desk at lunchtime verified")
    eng.submit("/evidence rec Monthly report")
    assert [(e.type, e.title, e.verified) for e in rec.data.evidence[1:]] == [
        ("observation", "Front desk at lunchtime", True),
        ("record", "Monthly report", False),
    ]
    for typed in ("/evidence", "/evidence poem Title", "/evidence document", "/evidence d x"):
        [bad] = eng.submit(typed)
        assert isinstance(bad, Notice) and bad.keep == typed, typed


def test_note_and_open_item(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    [saved] = eng.submit("/note Interviewee seemed unsure about the escalation route")
    assert isinstance(saved, Saved) and saved.plain() == "Note saved."
    assert (rec.data.turns[0].kind, rec.data.turns[0].criteria) == ("note", ["A.1"])
    [item] = eng.submit("/open person Ask the team leader about the rota")
    assert isinstance(item, OpenItemAdded) and item.item_kind == "person"
    assert item.plain() == "Open item (person to ask): Ask the team leader about the rota"
    assert rec.data.open_items[0].turn_n is None  # a note is not an answer to cite
    [bad] = eng.submit("/open idea something")
    assert isinstance(bad, Notice)
    [bad] = eng.submit("/note   ")
    assert isinstance(bad, Notice)
    assert eng.current_question is not None and eng.current_question.id == "A.1.q2"


# ---------------------------------------------------------------- scores


def test_score_without_a_number_accepts_the_suggestion(bank: Bank) -> None:
    eng, rec, clock = setup(bank)
    eng.start()
    [none] = eng.submit("/score")
    assert isinstance(none, Notice) and "no suggestion" in none.text
    eng.submit(PRACTICE_ANSWER)
    suggestion = eng.suggestion
    assert suggestion is not None
    clock.at(20)
    [done] = eng.submit("/score")
    assert isinstance(done, ScoreSet) and done.accepted
    [score] = rec.data.scores
    assert score.accepted_suggestion and score.suggestion == suggestion
    assert (score.score, score.band, score.assessor) == (suggestion.score, suggestion.band, "ana")
    assert score.decided_at == T0 + timedelta(minutes=20)
    assert done.plain().endswith("suggestion accepted.")


def test_the_engine_suggestion_is_the_scoring_suggestion_over_all_the_data(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    eng.submit("/evidence record Complaints log verified")
    eng.submit("/next A.2")
    eng.submit("We promise a reply to every email within two working days.")
    for cid in ("A.1", "A.2"):
        assert eng._suggest(cid) == suggest(bank, rec.data, cid)
    assert eng.suggestion == suggest(bank, rec.data, "A.2")


def test_an_override_needs_a_reason(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    suggestion = eng.suggestion
    assert suggestion is not None
    other = 10 if suggestion.score != 10 else 0
    [ask] = eng.submit(f"/score {other}")
    assert isinstance(ask, Notice) and "give a reason" in ask.text
    assert ask.keep == f"/score {other}" and rec.data.scores == []
    [done] = eng.submit(f"/score {other} the review minutes show yearly changes")
    assert isinstance(done, ScoreSet) and not done.accepted
    [score] = rec.data.scores
    assert (score.score, score.accepted_suggestion) == (other, False)
    assert score.override_reason == "the review minutes show yearly changes"
    assert score.suggestion == suggestion
    [same] = eng.submit(f"/score {suggestion.score:g}")
    assert isinstance(same, ScoreSet) and same.accepted


def test_score_checks_the_scale_and_can_name_a_criterion(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    for typed in ("/score 11 too high", "/score -1 x", "/score nan x", "/score 1e400 x"):
        [bad] = eng.submit(typed)
        assert isinstance(bad, Notice) and bad.keep == typed, typed
    [done] = eng.submit("/score B.2 3 seen elsewhere")
    assert isinstance(done, ScoreSet) and done.criterion_id == "B.2"
    assert rec.data.scores[0].comment == "seen elsewhere"  # no suggestion: kept as a comment
    assert not rec.data.scores[0].accepted_suggestion


# ---------------------------------------------------------------- time


def test_coverage_warns_when_time_is_short_for_uncovered_mandatory_areas(bank: Bank) -> None:
    eng, _, clock = setup(bank)
    eng.start()
    clock.at(30)
    [cov] = eng.submit("/time")
    assert isinstance(cov, Coverage)
    assert (cov.minutes_used, cov.minutes_left, cov.warning) == (30, 15, "")
    assert cov.remaining_mandatory == ("A.1", "A.2")
    clock.at(37)
    [cov] = eng.submit("/time")
    assert isinstance(cov, Coverage) and cov.minutes_left == 8
    assert "2 mandatory areas not" in cov.warning and "A.1, A.2" in cov.warning
    assert "\nWarning: " in cov.plain()
    eng.submit(PRACTICE_ANSWER)
    eng.submit("/next A.2")
    clock.at(39)
    replies = eng.submit("We promise a reply to every email within two working days.")
    cov = replies[-1]
    assert isinstance(cov, Coverage) and cov.covered == ("A.1", "A.2")
    assert cov.remaining_mandatory == () and cov.warning == ""
    clock.at(52)
    [cov] = eng.submit("/time")
    assert isinstance(cov, Coverage) and cov.minutes_left == -7
    assert "over by 7 min" in cov.warning and "over the time box" in cov.plain()


# ---------------------------------------------------------------- closing


def test_read_back_with_a_disputed_point_then_end(bank: Bank) -> None:
    eng, rec, clock = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    eng.submit("/tag claim-to-verify")
    eng.submit("/next A.2")
    eng.submit("We promise a reply to every email within two working days.")
    clock.at(40)
    eng.submit("/tick all")
    replies = eng.submit("/end")
    assert kinds(replies) == [ReadBack]
    rb = replies[0]
    assert isinstance(rb, ReadBack)
    assert [p.criterion_id for p in rb.points] == ["A.1", "A.2"]
    first = rb.points[0]
    assert (first.code, first.turn_n, first.turn_key) == ("S1", 1, "iv-1/1")
    assert first.text and first.text in PRACTICE_ANSWER.replace("\n", " ")
    assert rb.open_items and rb.open_items[0].startswith("claim: Verify the claim")
    text = rb.plain()
    assert text.startswith("Read-back:") and "Point 2: A.2 Service standards" in text
    [marked] = eng.submit("/dispute 2")
    assert isinstance(marked, PointMarked) and marked.point.status == "disputed"
    [marked] = eng.submit("/confirm 1")
    assert isinstance(marked, PointMarked) and marked.point.status == "confirmed"
    iv = rec.data.interviews[0]
    assert iv.disputed_points == [rb.points[1].record]
    assert iv.confirmed_points == [rb.points[0].record]
    [bad] = eng.submit("/confirm 3")
    assert isinstance(bad, Notice) and "1 to 2" in bad.text
    [again] = eng.submit("/end")
    assert isinstance(again, Ended) and again.disputed == 1 and again.turns == 2
    assert eng.ended and rec.data.interviews[0].ended is not None
    assert again.plain() == "Interview ended: 2 turns in 40 min, 1 disputed point."
    [closed] = eng.submit("one more thing")
    assert isinstance(closed, Notice) and len(rec.data.turns) == 2


def test_an_answer_after_the_read_back_needs_a_new_read_back(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    replies = eng.submit("/end")
    assert kinds(replies) == [Notice, Notice, ReadBack]  # A.2 (mandatory) not covered
    assert "A.2" in replies[0].plain()
    assert "opening checklist: 5 steps not ticked" in replies[1].plain()
    eng.submit("They also mentioned a weekly huddle.")
    assert kinds(eng.submit("/end"))[-1] is ReadBack
    assert rec.data.interviews[0].ended is None
    assert kinds(eng.submit("/end confirm")) == [Ended]


def test_dispute_then_confirm_moves_the_point(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit(PRACTICE_ANSWER)
    eng.submit("/dispute 1")
    eng.submit("/confirm 1")
    iv = rec.data.interviews[0]
    assert iv.disputed_points == [] and len(iv.confirmed_points) == 1
    [rb] = [r for r in eng.submit("/end") if isinstance(r, ReadBack)]
    assert rb.points[0].status == "confirmed" and rb.confirmed == tuple(iv.confirmed_points)


# ---------------------------------------------------------------- odd input


def test_unknown_commands_suggest_close_matches_and_keep_the_text(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    [n] = eng.submit("/nxet")
    assert isinstance(n, Notice) and n.level == "warning"
    assert "Did you mean /next" in n.text and n.keep == "/nxet"
    assert rec.data.turns == []


def test_help_lists_every_command_or_one(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    [all_] = eng.submit("/help")
    assert isinstance(all_, HelpView) and len(all_.commands) >= 15
    assert "/score [N] [reason]" in all_.plain()
    [one] = eng.submit("/help evidence")
    assert isinstance(one, HelpView) and [c.name for c in one.commands] == ["evidence"]
    replies = eng.submit("/help nxt")
    assert kinds(replies) == [Notice, HelpView]


def test_empty_whitespace_control_characters_and_escapes(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    for typed in ("", "   ", "\n\t", "\x00\x1b"):
        [n] = eng.submit(typed)
        assert isinstance(n, Notice) and "nothing to save" in n.text
    assert rec.data.turns == []
    eng.submit("We log \x1b[31mevery\x1b[0m call\x00.")
    assert rec.data.turns[-1].answer == "We log [31mevery[0m call."
    eng.submit("//etc/hosts is where it lives")
    assert rec.data.turns[-1].answer == "/etc/hosts is where it lives"


def test_a_long_paste_is_saved_and_a_huge_one_refused(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    paste = ("We log every complaint and review the figures monthly. " * 1900)[:100_000]
    assert isinstance(eng.submit(paste)[0], Saved)
    assert len(rec.data.turns[0].answer) == len(paste.strip())
    huge = "x" * 250_000
    [refused] = eng.submit(huge)
    assert isinstance(refused, NotSaved) and refused.text == huge and "split it" in refused.reason


def test_speaker_is_recorded_for_group_interviews(bank: Bank) -> None:
    eng, rec, _ = setup(bank, people=2)
    eng.start()
    eng.submit("I log them.", speaker_id="p-2")
    assert rec.data.turns[0].speaker_id == "p-2"


def test_an_empty_plan_still_records_answers(bank: Bank) -> None:
    eng, rec, _ = setup(bank, role="stakeholder", minutes=5)
    eng.submit("/plan drop " + eng.plan.criteria[0])
    assert eng.plan.criteria == ()
    replies = eng.start()
    assert kinds(replies) == [Opening, Notice]
    replies = eng.submit("Something worth keeping.")
    assert kinds(replies) == [Saved, Notice]
    assert rec.data.turns[0].criteria == []
    for typed in ("/probe", "/next", "/back", "/score", "/end", "/time", "/plan"):
        assert eng.submit(typed), typed


def test_every_reply_has_a_plain_line(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    seen: list[Reply] = [*eng.start()]
    for typed in (
        PLAN_ANSWER,
        "/probe",
        PRACTICE_ANSWER,
        "/tag claim",
        "/evidence doc Log",
        "/score",
        "/plan",
        "/help",
        "/time",
        "/nope",
        "/end",
        "/dispute 1",
        "/end",
        "after",
    ):
        seen.extend(eng.submit(typed))
    assert {type(r).__name__ for r in seen} >= {
        "Opening",
        "Ask",
        "Saved",
        "ProbeSuggested",
        "ProbeAsked",
        "SuggestionUpdate",
        "Coverage",
        "Tagged",
        "OpenItemAdded",
        "EvidenceAdded",
        "ScoreSet",
        "PlanView",
        "HelpView",
        "Notice",
        "ReadBack",
        "PointMarked",
        "Ended",
    }
    for reply in seen:
        line = reply.plain()
        assert isinstance(line, str) and line.strip(), reply
        assert reply.kind != "reply"


# ---------------------------------------------------------------- robustness and speed


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=300),
            st.sampled_from(
                [
                    "/next",
                    "/skip",
                    "/back",
                    "/probe",
                    "/probe 2",
                    "/tag claim",
                    "/tag fact",
                    "/score",
                    "/score 4",
                    "/score 4 because",
                    "/end",
                    "/end confirm",
                    "/plan",
                    "/plan drop A.1",
                    "/plan add C.3",
                    "/plan move A.3 1",
                    "/confirm 1",
                    "/dispute 1",
                    "/tick",
                    "/time",
                    "/help",
                    "/evidence doc X verified",
                    "/open claim X",
                    "/note X",
                    "/next B.2",
                    "/",
                ]
            ),
            st.builds(
                lambda cmd, arg: f"{cmd} {arg}",
                st.sampled_from(["/" + n for c in COMMANDS for n in c.names()]),
                st.text(max_size=60),
            ),
        ),
        max_size=12,
    ),
    st.lists(st.booleans(), max_size=12),
)
def test_submit_never_raises(bank: Bank, inputs: list[str], failures: list[bool]) -> None:
    eng, rec, clock = setup(bank)
    eng.start()
    for i, text in enumerate(inputs):
        failing = i < len(failures) and failures[i]
        if failing:
            rec.fail()
        clock.at(i * 4)
        replies = eng.submit(text)
        assert replies and all(isinstance(r.plain(), str) for r in replies)
        if not failing:  # the catch-all in submit() must never be what answered
            assert not [r for r in replies if "unexpected error" in r.plain()], (text, replies)
        rec.failures = 0
        if any(isinstance(r, NotSaved) for r in replies):
            assert kept_text(replies) == text


def test_the_bundled_icss_bank_runs_an_interview_on_svc1() -> None:
    bank = read_bank(BANKS / "icss.yaml").bank
    eng, rec, _ = setup(bank, criteria=["SVC.1"])
    replies = eng.start()
    ask = replies[-1]
    assert isinstance(ask, Ask) and ask.question_id == "SVC.1.q3" and ask.mandatory
    replies = eng.submit(PLAN_ANSWER)
    assert isinstance(replies[0], Saved)
    assert rec.data.turns[0].criteria == ["SVC.1"]
    assert kinds(eng.submit("/end")) == [Notice, ReadBack]  # the opening is not ticked


def test_edit_corrects_the_last_answer_and_refreshes_the_suggestion(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit("We plan to start a complaints log next year.")
    before = eng.submit("/next")  # a second question, so "last" is not the only answer
    assert before
    eng.submit("Nothing written down yet.")
    replies = eng.submit("/edit " + PRACTICE_ANSWER)
    assert kinds(replies)[:2] == [Edited, SuggestionUpdate]
    edited = replies[0]
    assert isinstance(edited, Edited) and edited.n == 2 and edited.answer == PRACTICE_ANSWER
    assert [t.answer for t in rec.data.turns] == [
        "We plan to start a complaints log next year.",
        PRACTICE_ANSWER,
    ]
    assert rec.data.turns[1].edited and not rec.data.turns[0].edited


def test_edit_of_the_last_answer_chooses_the_probe_again(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    first = eng.submit(PLAN_ANSWER)
    probe = next(r for r in first if isinstance(r, ProbeSuggested))
    assert probe.gap == "only_plans"
    replies = eng.submit("/edit " + PRACTICE_ANSWER)
    again = [r for r in replies if isinstance(r, ProbeSuggested)]
    assert not again or again[0].gap != "only_plans"
    assert eng._s.suggested is None or eng._s.suggested[1].gap != "only_plans"


def test_edit_by_number_and_its_refusals(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    assert kinds(eng.submit("/edit 1 too early")) == [Notice]
    eng.submit("First answr with a typo.")
    eng.submit("Second answer.")
    replies = eng.submit("/fix 1 First answer, typo fixed.")
    assert isinstance(replies[0], Edited) and replies[0].n == 1
    assert rec.data.turns[0].answer == "First answer, typo fixed."
    for typed in ("/edit", "/edit 2", "/edit 9 no such turn"):
        refused = eng.submit(typed)
        assert kinds(refused) == [Notice] and kept_text(refused) == typed
    assert [t.answer for t in rec.data.turns][1] == "Second answer."


def test_a_failed_edit_is_not_saved_and_keeps_the_typed_line(bank: Bank) -> None:
    eng, rec, _ = setup(bank)
    eng.start()
    eng.submit("An answer.")
    rec.fail()
    replies = eng.submit("/edit The corrected answer.")
    assert kinds(replies) == [NotSaved]
    assert kept_text(replies) == "/edit The corrected answer."
    assert rec.data.turns[0].answer == "An answer."


# ---------------------------------------------------------------- rough edges (issue 20)


def test_a_plain_no_measure_answer_gets_a_probe_that_fits(bank: Bank) -> None:
    """After "we don't measure that yet", asking "which measure…" would not fit."""
    eng, _, _ = setup(bank)
    eng.start()
    replies = eng.submit("We don't measure that yet.")
    [probe] = [r for r in replies if isinstance(r, ProbeSuggested)]
    assert probe.text != LADDER_MEASURE and probe.gap == "no_measure" and probe.n == 0
    assert "planned" in probe.text and "instead" not in probe.why
    [asked] = eng.submit("/probe")
    assert isinstance(asked, ProbeAsked) and asked.text == probe.text


def test_edit_with_the_same_probe_adds_no_second_suggestion(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    first = eng.submit("We log every complaint and the team leader says it works well.")
    assert any(isinstance(r, ProbeSuggested) for r in first)
    again = eng.submit("/edit We log every complaint and the team leader says it works fine.")
    assert not any(isinstance(r, ProbeSuggested) for r in again)
    assert eng.suggested_probe is not None


def test_a_probe_for_a_claim_is_withdrawn_when_verified_evidence_is_added(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    gaps_are(monkeypatch, "claim_without_evidence")
    eng, _, _ = setup(bank)
    eng.start()
    eng.submit("We log every complaint.")
    assert eng.suggested_probe is not None
    assert eng.suggested_probe.gap == "claim_without_evidence"
    unverified = eng.submit("/evidence document Complaints log")
    assert not any(isinstance(r, ProbeDropped) for r in unverified)
    replies = eng.submit("/evidence document Complaints log verified")
    [dropped] = [r for r in replies if isinstance(r, ProbeDropped)]
    assert dropped.text == "Could you show me where that is recorded?"
    assert dropped.plain().startswith("Probe withdrawn: ") and "verified" in dropped.plain()
    assert eng.suggested_probe is None


def test_time_is_a_coverage_reply_marked_as_asked(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    after_answer = [r for r in eng.submit(PRACTICE_ANSWER) if isinstance(r, Coverage)]
    assert after_answer and not after_answer[0].asked
    [cov] = eng.submit("/time")
    assert isinstance(cov, Coverage) and cov.asked


def test_plain_texts_use_real_plurals_and_no_checkbox_brackets(bank: Bank) -> None:
    eng, _, _ = setup(bank, criteria=["A.1"])
    opening = eng.start()[0]
    assert isinstance(opening, Opening)
    text = opening.plain()
    assert "[" not in text and "1. not done: Explain why" in text
    eng.submit("/tick 1")
    plan = eng.submit("/plan")[0]
    assert plan.plain().startswith("Plan for staff, 45 min, 1 area:")
    ended = Ended("iv-1", 1, 3, 1).plain()
    assert ended == "Interview ended: 1 turn in 3 min, 1 disputed point."


def test_the_plan_names_a_few_uncovered_areas_and_counts_the_rest(bank: Bank) -> None:
    eng, _, _ = setup(bank, criteria=["A.1"])
    eng.start()
    [plan] = eng.submit("/plan")
    assert isinstance(plan, PlanView) and len(plan.uncovered) > 3
    last = plan.plain().splitlines()[-1]
    assert last.startswith(f"Not covered by this plan: {len(plan.uncovered)} areas (")
    assert plan.uncovered[3] not in last and "/plan add" in last


def test_read_back_quotes_the_sentence_with_most_evidence_in_whole_words(bank: Bank) -> None:
    eng, _, _ = setup(bank)
    eng.start()
    filler = "Well, it depends on the day and who is in, " * 6
    eng.submit(
        f"{filler.strip()}. Every complaint goes into the complaints log the same day and my "
        "team leader checks the log each Monday. We also " + "really " * 40 + "like tea."
    )
    eng.submit("/tick all")
    rb = eng.submit("/end")[-1]
    assert isinstance(rb, ReadBack)
    quote = rb.points[0].text
    assert quote.startswith("Every complaint goes into the complaints log")
    long = "We ran twelve " + "very " * 60 + "careful tests of the complaints log every week."
    eng, _, _ = setup(bank)  # a fresh interview whose only point is the long sentence
    eng.start()
    eng.submit(long)
    eng.submit("/tick all")
    rb = eng.submit("/end")[-1]
    assert isinstance(rb, ReadBack)
    cut = rb.points[0].text
    words = set(long.split())
    assert len(cut) <= 160 and "…" in cut
    assert all(w in words for w in cut.replace("…", " ").split())
