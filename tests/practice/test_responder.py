"""The scripted interviewee: what a person understands, and what they say."""

from __future__ import annotations

import pytest

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.practice.matching import Candidate, nearest
from assistant.core.practice.responder import Heard, Intent, Interviewee
from assistant.services.practice import find_case

CASE = find_case("icxs-harbourside-hotels").case
BANK = find_bank("icxs2019", paths.bank_dirs()).bank


@pytest.fixture
def lead() -> Interviewee:
    return Interviewee(CASE, BANK, "L1")


@pytest.fixture
def staff() -> Interviewee:
    return Interviewee(CASE, BANK, "S1")


def test_exact_bank_wording_is_that_question(lead: Interviewee) -> None:
    text = lead.canonical(Intent("ask", "POL.1.q1"))
    assert lead.interpret(Heard(), text) == Intent("ask", "POL.1.q1")


def test_free_questions_find_the_nearest_scripted_one(staff: Interviewee) -> None:
    assert staff.interpret(Heard(), "How do you deal with complaints?").question_id == "PRC.3.q2"
    assert staff.interpret(Heard(), "what training did you get here?").question_id == "PPL.2.q2"
    assert staff.interpret(Heard(), "how do you").act == "unclear"
    assert staff.interpret(Heard(), "is it sunny outside").act == "unclear"


def test_unclear_asks_back_with_a_scripted_question(staff: Interviewee) -> None:
    said, heard = staff.respond(Heard(), Intent("unclear"), "is it sunny outside")
    assert said.text.startswith("I'm not sure what you mean — do you mean: “")
    assert not said.recorded and heard == Heard()


def test_asking_again_goes_below_the_surface(lead: Interviewee) -> None:
    first, heard = lead.respond(Heard(), Intent("ask", "POL.1.q1"), "q")
    second, heard = lead.respond(heard, Intent("ask", "POL.1.q1"), "q")
    third, _ = lead.respond(heard, Intent("ask", "POL.1.q1"), "q")
    assert first.answer_n == 1 and "board is fully behind it" in first.text
    assert second.answer_n == 2 and "still with the board" in second.text
    assert third.text.startswith("As I said: ") and third.answer_n == 2


def test_unscripted_question_gets_the_persons_fallback(staff: Interviewee) -> None:
    said, _ = staff.respond(Heard(), Intent("ask", "POL.1.q1"), "q")
    assert said.text == CASE.person("S1").fallback and said.answer_n == 0


def test_probes_and_show_me_follow_the_topic(lead: Interviewee, staff: Interviewee) -> None:
    _, heard = lead.respond(Heard(), Intent("ask", "POL.1.q1"), "q")
    probe = lead.probe_text("POL.1.q1", "only_plans")
    assert lead.interpret(heard, probe) == Intent("probe", "POL.1.q1", "only_plans")
    said, _ = lead.respond(heard, Intent("probe", "POL.1.q1", "only_plans"), probe)
    assert "each general manager" in said.text
    said, _ = lead.respond(heard, Intent("probe", "POL.1.q1", "no_review"), "x")
    assert said.text.startswith("I'm not sure I can add much")
    assert lead.interpret(heard, "Can I see that document?").act == "show_me"
    shown, _ = lead.respond(heard, Intent("show_me", "POL.1.q1"), "show me")
    assert shown.shown is not None and "draft" in shown.shown.title
    _, sheard = staff.respond(Heard(), Intent("ask", "POL.1.q3"), "q")
    missing, _ = staff.respond(sheard, Intent("show_me", "POL.1.q3"), "show me")
    assert missing.missing and missing.text.startswith("I'd have to ask")


def test_matching_weights_rare_words_and_ignores_unknown_ones() -> None:
    cands = [
        Candidate("a", "How do customers rate the service at the counter?"),
        Candidate("b", "How do you handle a customer complaint at the counter?"),
    ]
    got = nearest("what about complaints from customers", cands)
    assert got is not None and got.candidate.key == "b" and got.good
    assert nearest("zebra quantum", cands) is None
