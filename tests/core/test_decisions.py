"""Tests for the decision rules shared by /score and the Scores screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.bank.loader import read_bank
from assistant.core.model import Suggestion
from assistant.core.scoring.decisions import DecisionError, decide, parse_score

BANK = read_bank(Path(__file__).resolve().parents[2] / "question_banks" / "icss.yaml").bank
SUGG = Suggestion(criterion_id="OPS.2", band="implementation", score=4, confidence=0.6)


def test_accepting_keeps_the_suggestion_beside_the_decision() -> None:
    d = decide(BANK, "OPS.2", assessor="AB", suggestion=SUGG)
    assert d.score == 4 and d.band == "implementation" and d.accepted_suggestion
    assert d.suggestion == SUGG and d.override_reason == ""


def test_an_override_needs_a_reason_and_keeps_it() -> None:
    with pytest.raises(DecisionError, match="differs from the suggested 4: give a reason"):
        decide(BANK, "OPS.2", assessor="AB", suggestion=SUGG, score=6)
    d = decide(BANK, "OPS.2", assessor="AB", suggestion=SUGG, score=6, reason="  seen  the log ")
    assert d.band == "integration" and not d.accepted_suggestion
    assert d.override_reason == "seen the log"


def test_the_same_score_as_suggested_counts_as_accepting() -> None:
    assert decide(BANK, "OPS.2", assessor="AB", suggestion=SUGG, score=4).accepted_suggestion


def test_nothing_to_accept_and_scores_off_the_scale() -> None:
    with pytest.raises(DecisionError, match="no suggestion yet"):
        decide(BANK, "OPS.2", assessor="AB", suggestion=None)
    with pytest.raises(DecisionError, match="from 0 to 10"):
        decide(BANK, "OPS.2", assessor="AB", suggestion=None, score=11)
    with pytest.raises(DecisionError, match="steps of 1"):
        parse_score(BANK.scale, "4.5")
    with pytest.raises(DecisionError, match="not a number"):
        parse_score(BANK.scale, "four")
    assert parse_score(BANK.scale, " 7 ") == 7
