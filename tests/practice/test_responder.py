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


QUESTIONS = [
    ("icss-riverbend-council", "L1", "What standards do you promise customers?", "SVC.2.q1"),
    ("icss-riverbend-council", "L1", "How do you improve services?", "OPS.5.q1"),
    ("icss-riverbend-council", "K1", "What's planned for next year's objectives?", "FIN.2.q4"),
    ("icss-riverbend-council", "S1", "Have you ever waived a fee yourself?", "LRN.5.q2"),
    ("icss-riverbend-council", "S1", "What happens when someone rings back?", "OPS.2.q3"),
    ("icxs-northgate-energy", "L1", "How do you survey customers?", "MEA.1.q1"),
    ("icxs-northgate-energy", "L1", "Can advisers see web chats?", "PLC.2.q1"),
    ("icxs-northgate-energy", "S1", "Who gives you feedback on your calls?", "PPL.2.q4"),
    ("icxs-fernhill-housing", "L1", "What can officers spend without asking?", "PPL.3.q1"),
    ("icxs-fernhill-housing", "S1", "What did you get shown when you joined?", "PPL.1.q2"),
    ("icss-brightwell-leisure", "L1", "What does poor service cost you?", "FIN.4.q1"),
    ("icss-brightwell-leisure", "S1", "Have you seen a director on shift?", "LRN.1.q2"),
    ("icss-brightwell-leisure", "S1", "What do you do for a deaf customer?", "SVC.3.q2"),
]


@pytest.mark.parametrize(("case_id", "code", "typed", "expected"), QUESTIONS)
def test_trainees_own_words(case_id: str, code: str, typed: str, expected: str) -> None:
    loaded = find_case(case_id)
    person = Interviewee(loaded.case, find_bank(loaded.case.bank, paths.bank_dirs()).bank, code)
    assert person.interpret(Heard(), typed) == Intent("ask", expected)


@pytest.mark.parametrize("typed", ["is it raining", "Tell me about the weather", "how do you"])
def test_small_talk_is_not_understood(typed: str) -> None:
    loaded = find_case("icxs-northgate-energy")
    person = Interviewee(loaded.case, find_bank("icxs2019", paths.bank_dirs()).bank, "S1")
    assert person.interpret(Heard(), typed).act == "unclear"


def test_a_lead_asked_the_staff_version_answers_their_own() -> None:
    # SVC.2.q2 is the staff's question; the lead answers the lead's question on SVC.2
    loaded = find_case("icss-riverbend-council")
    person = Interviewee(loaded.case, find_bank("icss", paths.bank_dirs()).bank, "L1")
    assert not person.scripted("SVC.2.q2")
    assert person.interpret(
        Heard(), "What have customers been promised about how quickly things get done?"
    ) == Intent("ask", "SVC.2.q1")
