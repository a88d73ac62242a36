"""Tests for the rubric's boundary cases, the reasons a reading gives, and text it cannot read.

Every passage here is our own wording of a pattern the rubric names (SCORING_RUBRIC.md); none
comes from the real-text corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.bank.loader import read_bank
from assistant.core.reading import model, place_on_scale, read_passage, unreadable
from assistant.core.reading.rubric import apply

ROOT = Path(__file__).resolve().parents[2]
SCALE = read_bank(ROOT / "question_banks" / "icss.yaml").bank.scale


def band_of(text: str) -> tuple[str | None, float]:
    r = read_passage(text)
    band, score = place_on_scale(r, SCALE)
    return (r.signal and band.id), score


@pytest.mark.parametrize(
    "text",
    [
        "Over four years, by tracing repeat calls to their causes and fixing them, our "
        "first-contact resolution rose from 58% to 81%.",
        "Each quarter the team used the complaint figures to choose the next two fixes.",
    ],
)
def test_outcomes_of_a_sustained_loop_are_integration(text: str) -> None:
    band, score = band_of(text)
    assert band == "integration" and score >= 7


def test_an_outcome_is_quoted_and_named_as_a_measured_outcome() -> None:
    text = "Since we started calling back every caller, repeat complaints fell by a third."
    r = read_passage(text)
    outcome = [c for c in r.cues if c.kind == "outcome"]
    assert outcome and outcome[0].effect == "measured outcome: 'fell by a third'"
    assert outcome[0].text in text and "fell by a third" in outcome[0].text


def test_money_reported_as_a_result_is_not_a_plan() -> None:
    text = "The callback guarantee brought in £2 million in extra revenue last year."
    band, _ = band_of(text)
    assert band in ("implementation", "integration")
    r = read_passage(text)
    assert any(c.kind == "money_result" for c in r.cues)
    assert not any(c.signal == "plan" for c in r.cues)


def test_a_not_is_scoped_to_its_clause() -> None:
    text = (
        "Where we are not meeting our response targets we have put actions in place and "
        "discussed them with the committee."
    )
    assert band_of(text)[0] != "intention"


def test_buzzwords_with_nothing_checkable_are_intention() -> None:
    band, _ = band_of(
        "We continuously improve everything and share lessons across the organisation."
    )
    assert band == "intention"
    assert band_of("Service excellence is in our DNA.")[0] == "intention"


def test_admitted_non_use_pulls_the_passage_down() -> None:
    band, score = band_of("We have a board-approved complaints policy, but staff don't use it.")
    assert band == "intention" and score <= 2
    band, score = band_of("We set KPIs but nobody looks at them.")
    assert band == "implementation" and score == 3


def test_a_pilot_in_one_team_is_at_most_implementation_3() -> None:
    band, score = band_of("We ran a six-week pilot of callback booking in one team.")
    assert band in ("intention", "implementation") and score <= 3


def test_a_plan_to_review_an_existing_process_is_judged_by_the_process() -> None:
    band, _ = band_of("We plan to review the complaints process that has run since 2019.")
    assert band == "implementation"
    r = read_passage("We plan to review the complaints process that has run since 2019.")
    assert "only_plans" not in r.gaps


def test_we_will_for_a_standard_in_force_is_practice() -> None:
    band, score = band_of("We will answer 90% of calls within 60 seconds.")
    assert band == "implementation" and score >= 4
    assert band_of("We will introduce a complaints log next year.")[0] == "intention"


def test_the_rubric_rules_move_only_what_they_name() -> None:
    assert apply("practice", 4.0, {"outcome": 1, "sustained": 1}).signal == "improvement"
    assert apply("practice", 4.0, {"outcome": 1}).rule == ""
    assert apply("improvement", 7.0, {"culture_claim": 1}).signal == "plan"
    assert apply("improvement", 7.0, {"culture_claim": 1, "measure": 1}).rule == ""
    pilot = apply("practice", 5.0, {"pilot": 1})
    assert (pilot.signal, pilot.score) == ("practice", 3.0)
    assert apply("practice", 5.0, {"pilot": 1, "orgwide": 1}).rule == ""


PATTERNS = [
    "Every quarter we review the complaint themes and change the process where we need to.",
    "We log every complaint and report the figures to the board monthly.",
    "Next year we plan to introduce a customer survey.",
    "We have a policy, but in theory only: nobody follows it.",
]


@pytest.mark.parametrize("text", PATTERNS)
def test_every_reason_quotes_its_clause_and_names_its_cue(text: str) -> None:
    r = read_passage(text)
    assert r.cues
    for cue in r.cues:
        if cue.text:
            assert text[cue.start : cue.end] == cue.text
        if cue.words:
            assert cue.words in cue.text
            assert cue.words in cue.effect or cue.kind in ("rubric", "disagreement")
        assert "words such as" not in cue.effect


def test_a_level_with_no_cue_says_the_wording_is_weaker_ground() -> None:
    text = "Coaching, yeah, I do it. I sit with them, listen to a few calls, give some pointers."
    r = read_passage(text)
    wording = [c for c in r.cues if c.kind == "wording"]
    assert wording and all("weaker ground" in c.effect for c in wording)


def test_when_rules_and_weights_disagree_the_reading_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "We log every complaint and report the figures to the board monthly."
    agreed = read_passage(text)
    plans_only = model.parse_weights(
        {
            "classes": list(model.SIGNALS),
            "intercepts": [5.0, 0.0, 0.0],
            "score_intercept": 1.0,
            "weights": {},
        }
    )
    monkeypatch.setattr(model, "shipped_weights", lambda: plans_only)
    r = read_passage(text)
    assert r.signal == "plan"
    notes = [c for c in r.cues if c.kind == "disagreement"]
    assert notes and "disagree" in notes[0].effect and notes[0].text in text
    assert r.confidence < agreed.confidence


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("We log every call. " * 60_000, "longer than"),
        (
            "Wir beantworten alle Anfragen innerhalb von zwei Arbeitstagen und messen das.",
            "English",
        ),
        ("Nous répondons à toutes les demandes dans un délai de deux jours ouvrés.", "English"),
        ("2019 2020 2021 45% 67% 81% 12,400 3.5", "no words"),
        ("<div class='kpi'><span>96%</span></div><p>We</p>", "markup"),
        ('{"calls": 1200, "answered": 1150, "target": [0.9, 0.95]}', "markup"),
    ],
)
def test_text_that_cannot_be_read_is_nothing_to_read(text: str, why: str) -> None:
    r = read_passage(text)
    assert r.signal is None and r.confidence == 0.0 and r.gaps == ()
    assert r.cues[0].effect.startswith("nothing to read") and why in r.cues[0].effect
    band, score = place_on_scale(r, SCALE)
    assert score == band.min


def test_plain_english_is_readable() -> None:
    assert unreadable("We answer 96% of calls within 20 seconds.") is None
    assert unreadable("Complaints logged daily; KPIs reviewed monthly by the board.") is None


@pytest.mark.parametrize(
    "text",
    [
        "Where we are not hitting our targets we have put actions in place.",
        "We aren't meeting our 20-second answer target, so we added two call handlers.",
    ],
)
def test_a_missed_target_is_a_target_not_a_negated_one(text: str) -> None:
    # "Not hitting targets" says the target exists and is watched; only reaching it is denied.
    r = read_passage(text)
    assert [c.kind for c in r.cues if c.words in ("target", "targets")] == ["measure"]
    assert not any(c.kind == "negation" for c in r.cues)
    assert read_passage("We don't measure that yet.").signal == "plan"  # still a negated measure


def test_admitted_non_use_is_the_first_reason_for_intention() -> None:
    from assistant.core.bank.loader import read_bank as load
    from assistant.core.scoring.suggestion import suggest_text

    bank = load(ROOT / "question_banks" / "icss.yaml").bank
    text = "We have a board-approved complaints policy that staff don't use."
    s = suggest_text(bank, text)
    assert s.band == "intention"
    reasons = [r for r in s.reasons if not r.text.startswith("Quoted:")]
    assert reasons[0].effect == "supports" and "admitted non-use" in reasons[0].text
    assert "'staff don't use'" in reasons[0].text
    assert not any("weaker ground" in r.text for r in s.reasons)


def test_reasons_neither_repeat_the_whole_passage_nor_quote_nothing() -> None:
    from assistant.core.scoring.suggestion import suggest_text

    bank = read_bank(ROOT / "question_banks" / "icss.yaml").bank
    text = "Over three years, by fixing root causes, satisfaction rose from 62 to 81."
    s = suggest_text(bank, text)
    assert s.reasons[0].text == f'Quoted: "{text}"'
    for reason in s.reasons[1:]:
        assert not reason.text.startswith('""') and f'"{text}"' not in reason.text


def test_words_two_cues_of_one_level_match_are_named_once() -> None:
    text = "As a result of the feedback we changed the letters."
    r = read_passage(text)
    on_as_a_result = [c for c in r.cues if c.words == "As a result" and c.kind != "disagreement"]
    assert [c.kind for c in on_as_a_result] == ["data_change"]
    assert on_as_a_result[0].effect == "a change made because of the data: 'As a result'"


def test_money_is_quoted_with_its_unit() -> None:
    text = "The programme delivered $4 million in additional revenue."
    r = read_passage(text)
    money = [c for c in r.cues if c.kind == "money_result"]
    assert money and money[0].words == "delivered $4 million"


def test_a_rubric_rule_names_the_words_it_rests_on() -> None:
    text = "We ran a six-week pilot in one team and it went well."
    r = read_passage(text)
    rules = [c for c in r.cues if c.kind == "rubric"]
    assert rules and rules[0].effect.endswith(f": '{rules[0].words}'")
    assert rules[0].words and rules[0].words in text


@pytest.mark.parametrize(
    "text",
    [
        # the rules read improvement cues with no routine or result as practice
        "We reviewed the process and improved it.",
        # the rules decide by a modifier alone
        "A pilot is under way.",
    ],
)
def test_a_disagreement_quotes_what_the_rules_read(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.core.reading.rules import read_rules

    rules = read_rules(text)
    assert rules.signal is not None
    others = [s for s in model.SIGNALS if s != rules.signal]
    intercepts = [5.0 if s == others[0] else 0.0 for s in model.SIGNALS]
    other = model.parse_weights(
        {
            "classes": list(model.SIGNALS),
            "intercepts": intercepts,
            "score_intercept": 1.0,
            "weights": {},
        }
    )
    monkeypatch.setattr(model, "shipped_weights", lambda: other)
    notes = [c for c in read_passage(text).cues if c.kind == "disagreement"]
    assert notes and notes[0].text and notes[0].words in notes[0].text
    assert f"read '{notes[0].words}' as" in notes[0].effect


def test_the_same_words_found_twice_give_one_reason() -> None:
    text = "We send surveys after each call, and the surveys are read by the team leader."
    r = read_passage(text)
    assert [c.words.lower() for c in r.cues if c.kind == "measure"].count("surveys") == 1


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("We've been working on the backlog since March.", "practice", "We've been working"),
        ("Last year we cut complaints by 45%.", "outcome", "cut complaints by 45%"),
        ("Complaints fell by 12 per cent over the year.", "outcome", "fell by 12 per cent"),
    ],
)
def test_a_reason_quotes_whole_words_and_numbers_with_their_unit(
    text: str, kind: str, words: str
) -> None:
    cues = [c for c in read_passage(text).cues if c.kind == kind]
    assert cues and cues[0].words == words
    assert f"'{words}'" in cues[0].effect


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("Managers take on board what staff say.", "spread", "board"),
        ("The average wait to be answered was 2 to 3 minutes.", "record", "minutes"),
    ],
)
def test_everyday_phrases_are_not_cues(text: str, kind: str, words: str) -> None:
    assert not [c for c in read_passage(text).cues if c.kind == kind and c.words == words]
