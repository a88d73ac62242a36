"""A practice conversation through the real store: recorded as a live interview, scores blind
and locked on submission, bad input refused with nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from assistant.core.interview import replies as r
from assistant.core.practice.feedback import Feedback
from assistant.core.practice.replies import PersonSays, Submitted
from assistant.services.practice import PracticeSession, open_practice, start_practice
from assistant.store.workspace import Workspace

CASE = "icxs-harbourside-hotels"
ALL = {"POL.1": 1, "PRD.2": 5, "POL.3": 3, "PRC.3": 7, "PPL.2": 2, "MEA.4": 5}


@pytest.fixture
def practice(ws: Workspace, clock: Callable[[], datetime]) -> PracticeSession:
    aid = start_practice(ws, CASE, "Ann", clock=clock)
    session = open_practice(ws, aid, clock=clock)
    yield session
    session.close()


def said(replies: list[r.Reply]) -> PersonSays:
    return next(x for x in replies if isinstance(x, PersonSays))


def warning(replies: list[r.Reply]) -> str:
    notes = [x for x in replies if isinstance(x, r.Notice) and x.level != "info"]
    assert notes, replies
    return notes[0].text


def test_people_become_interviewees_with_their_codes(practice: PracticeSession) -> None:
    data = practice.chat.recorder.data
    assert sorted(p.code for p in data.interviewees) == ["L1", "S1"]
    assert data.assessment.type == "practice" and data.assessment.practice is not None
    assert data.assessment.practice.trainee == "Ann"
    assert len(data.interviews) == 2


def test_answers_evidence_and_open_items_are_recorded(practice: PracticeSession) -> None:
    chat = practice.chat
    first = said(chat.handle("/ask POL.1.q1"))
    assert first.turn_n == 1 and "board" in first.text
    shown = said(chat.handle("/show"))
    assert shown.shown and shown.turn_n == 2
    said(chat.handle("S1: In your own words, what is this organisation trying to be like?"))
    missing = said(chat.handle("/show"))
    assert missing.missing
    assert said(chat.handle("/probe claim")).text.startswith("Written down? Not that I've seen")
    chat.handle("/tag claim-to-verify")
    chat.handle("/note staff never told of a strategy")
    data = chat.recorder.data
    turns = sorted(data.turns, key=lambda t: (t.interview_id, t.n))
    assert [t.speaker_id is not None for t in turns if t.kind == "answer"] == [True] * 5
    assert any(t.kind == "note" and t.criteria == ["POL.1"] for t in turns)
    assert [e.title for e in data.evidence] == [shown.shown]
    assert data.evidence[0].verified and data.evidence[0].criteria == ["POL.1"]
    kinds = sorted(i.kind for i in data.open_items)
    assert kinds == ["claim", "document"]
    tagged = [t for t in turns if "claim-to-verify" in t.tags]
    assert len(tagged) == 1 and tagged[0].question.startswith("Where would a new starter")


def test_bad_input_is_refused_and_nothing_is_lost(practice: PracticeSession) -> None:
    chat = practice.chat
    assert "no one called S7" in warning(chat.handle("S7: what do you do?"))
    assert "no one called K1" in warning(chat.handle("/to K1"))
    assert "ask L1 a question first" in warning(chat.handle("/probe no_example"))
    assert "PRC.1 is not part of this case" in warning(chat.handle("/ask PRC.1.q1"))
    assert "ZZ.1 is not part of this case" in warning(chat.handle("/score ZZ.1 4"))
    assert "from 0 to 10" in warning(chat.handle("/score POL.1 11"))
    assert "stays hidden until you submit" in warning(chat.handle("/feedback"))
    assert "still to score" in warning(chat.handle("/submit"))
    assert chat.recorder.data.turns == [] and chat.recorder.data.scores == []


def test_suggestions_are_off_unless_the_case_allows(practice: PracticeSession) -> None:
    replies = practice.chat.handle("/suggest POL.1")
    assert "suggestions are off" in replies[0].plain()


def test_submit_locks_scores_and_opens_the_feedback(practice: PracticeSession) -> None:
    chat = practice.chat
    chat.handle("/ask POL.1.q1")
    for crit, value in ALL.items():
        chat.handle(f"/score {crit} {value}")
    chat.handle("/score POL.1 1 changed my mind")
    replies = chat.handle("/submit")
    assert isinstance(replies[0], Submitted) and isinstance(replies[1], Feedback)
    before = list(chat.recorder.data.scores)
    assert "already submitted" in warning(chat.handle("/submit"))
    assert "locked" in warning(chat.handle("/score POL.1 9"))
    assert "interview is closed" in warning(chat.handle("/ask POL.1.q2"))
    assert chat.recorder.data.scores == before
    cal = replies[1].calibration
    assert cal.band_agreement == 1.0 and cal.weighted_kappa == 1.0


def test_resuming_remembers_what_was_asked(ws: Workspace, clock: Callable[[], datetime]) -> None:
    aid = start_practice(ws, CASE, "Ann", clock=clock)
    session = open_practice(ws, aid, clock=clock)
    said(session.chat.handle("Walk me through your customer experience strategy"))
    session.close()
    again = open_practice(ws, aid, clock=clock)
    try:
        second = said(again.chat.handle("/ask POL.1.q1"))
        assert "still with the board" in second.text and second.turn_n == 2
    finally:
        again.close()


def test_a_changed_case_is_said_once_at_the_start(
    ws: Workspace, clock: Callable[[], datetime]
) -> None:
    aid = start_practice(ws, CASE, "Ann", clock=clock)
    with ws.open(aid) as session:
        a = session.data.assessment
        assert a.practice is not None
        changed = a.practice.model_copy(update={"case_digest": "0" * 64})
        session.update_assessment(a.model_copy(update={"practice": changed}), why="test")
    practice = open_practice(ws, aid, clock=clock)
    try:
        first = practice.start()[0]
        assert isinstance(first, r.Notice) and "changed since this assessment" in first.text
    finally:
        practice.close()


def test_a_colon_in_a_question_is_not_a_person(practice: PracticeSession) -> None:
    chat = practice.chat
    replies = chat.handle("Strategy: who owns it?")
    assert said(replies).person == "L1"
    assert "no one called K2" in warning(chat.handle("K2: hello"))
