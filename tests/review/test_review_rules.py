"""Tests for the pure review rules: median, spread, rationale, status moves, digest, blockers."""

from __future__ import annotations

from datetime import UTC, datetime

from review_setup import LEAD, SECOND, bank, score

from assistant.core.model import (
    Assessment,
    AssessmentData,
    BankPin,
    OpenItem,
    OverrideReview,
    ReviewComment,
)
from assistant.core.review import consensus
from assistant.core.review.signoff import blockers, content_digest, crossings, move_problem

AT = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def data_with(*scores, **more) -> AssessmentData:  # type: ignore[no-untyped-def]
    a = Assessment(
        id="a-1",
        organisation="Org",
        type="certification",
        bank=BankPin(id="icss", version="1", digest="x"),
        assessors=[LEAD, SECOND],
        lead_assessor=LEAD,
        created=AT,
    )
    return AssessmentData(assessment=a, scores=list(scores), **more)


def test_median_moves_down_onto_the_step_and_spread_is_max_minus_min() -> None:
    scale = bank().scale
    assert consensus.median_score(scale, [2, 3]) == 2
    assert consensus.median_score(scale, [2, 5, 6]) == 5
    assert consensus.median_score(scale, []) is None
    assert consensus.spread([2, 5, 4]) == 3
    assert consensus.spread([4]) == 0


def test_rationale_needed_for_a_wide_spread_a_band_crossing_or_leaving_the_median() -> None:
    b = bank()
    wide = data_with(score("OPS.4", LEAD, 3), score("OPS.4", SECOND, 5))
    line = next(x for x in consensus.lines(b, wide) if x.criterion_id == "OPS.4")
    assert line.disputed and line.spread == 2 and not line.crosses_band
    assert "spread 2" in consensus.rationale_needed(line, 4)
    band = data_with(score("OPS.4", LEAD, 2), score("OPS.4", SECOND, 3))
    line = next(x for x in consensus.lines(b, band) if x.criterion_id == "OPS.4")
    assert line.crosses_band and "different bands" in consensus.rationale_needed(line, 2)
    near = data_with(score("OPS.4", LEAD, 4), score("OPS.4", SECOND, 5))
    line = next(x for x in consensus.lines(b, near) if x.criterion_id == "OPS.4")
    assert line.median == 4
    assert consensus.rationale_needed(line, 4) == ""
    assert "not the median" in consensus.rationale_needed(line, 5)


def test_status_moves_by_hand_and_never_to_signed_off() -> None:
    assert move_problem("in-progress", "in-review") == ""
    assert move_problem("in-review", "in-progress") == ""
    assert "assessor signoff" in move_problem("in-review", "signed-off")
    assert "cannot move from planned to in review" in move_problem("planned", "in-review")
    assert "already in review" in move_problem("in-review", "in-review")


def test_digest_covers_scores_findings_and_answers_but_not_review_comments() -> None:
    base = data_with(score("OPS.4", LEAD, 5))
    digest = content_digest(base)
    assert len(digest) == 64
    assert content_digest(data_with(score("OPS.4", LEAD, 5))) == digest
    assert content_digest(data_with(score("OPS.4", LEAD, 6))) != digest
    commented = data_with(
        score("OPS.4", LEAD, 5),
        comments=[ReviewComment(target="criterion", ref="OPS.4", text="why 5?")],
    )
    assert content_digest(commented) == digest


def test_blockers_name_each_reason_on_one_line() -> None:
    b = bank()
    everything = [score(c.id, LEAD, 5) for c in b.criteria() if c.id not in ("LRN.5", "OPS.4")]
    data = data_with(
        *everything,
        score("LRN.5", LEAD, 3, suggested=2),
        score("OPS.4", LEAD, 5),
        score("OPS.4", SECOND, 7),
        open_items=[OpenItem(id="oi-1", kind="claim", text="limits", criteria=["LRN.5"])],
        comments=[
            ReviewComment(
                id="rc-1", target="turn", ref="iv-1/2", criterion_id="LRN.5", text="check"
            )
        ],
    )
    found = blockers(b, data)
    assert any(line.startswith("LRN.5 (mandatory): open claim oi-1") for line in found)
    assert any("LRN.5: unresolved comment (rc-1" in line for line in found)
    assert any("suggested 2 to 3 lifts it to the certification line" in line for line in found)
    assert any(f"OPS.4: assessors differ ({LEAD} 5, {SECOND} 7)" in line for line in found)
    assert all("\n" not in line for line in found)
    reviewed = data.model_copy(
        update={"override_reviews": [OverrideReview(criterion_id="LRN.5", score=3)]}
    )
    assert [c.reviewed for c in crossings(b, reviewed)] == [True]
    stale = data.model_copy(
        update={"override_reviews": [OverrideReview(criterion_id="LRN.5", score=4)]}
    )
    assert [c.reviewed for c in crossings(b, stale)] == [False]


def test_an_override_dropping_below_the_line_is_a_crossing_too() -> None:
    data = data_with(score("FIN.4", LEAD, 2, suggested=4))
    [crossing] = crossings(bank(), data)
    assert "drops it below" in crossing.describe("Implementation")
