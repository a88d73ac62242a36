"""Tests for suggestions, triangulation, rollups, readiness and bias checks on constructed data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.core.bank.loader import read_bank
from assistant.core.evidence.sources import SourceIndex
from assistant.core.evidence.triangulation import triangulate
from assistant.core.model import (
    Assessment,
    AssessmentData,
    BankPin,
    CriterionScore,
    Evidence,
    Interview,
    Interviewee,
    Suggestion,
    Turn,
)
from assistant.core.scoring.rollup import bias_checks, readiness, rollup
from assistant.core.scoring.suggestion import suggest, suggest_text

ROOT = Path(__file__).resolve().parents[2]
BANK = read_bank(ROOT / "question_banks" / "icss.yaml").bank
CRIT = "OPS.2"

PLAN = "We plan to introduce a complaints log next year, once the new system is procured."
PRACTICE = (
    "Every complaint is logged in the case system the day it arrives and we report the "
    "monthly figures against our ten-day response target; last month 94% were on time."
)
IMPROVEMENT = (
    "Each quarter we review the complaint themes with the service managers, and after the "
    "review in March showed billing errors we changed the invoice wording; repeat billing "
    "complaints have dropped by a third and the loop has run for three years across all sites."
)
STAFF_PRACTICE = (
    "When someone complains I log it straight away in the case system, and we get the weekly "
    "list of open ones from our team leader so nothing sits there past ten days."
)
STAFF_NONE = "Honestly we don't log complaints at all, there's no system for it, we just sort it."


def build(turns: list[tuple[str, str]], evidence: list[Evidence] | None = None) -> AssessmentData:
    """Return an assessment where each (role, text) is one answer by one person on CRIT."""
    people: dict[str, Interviewee] = {}
    interviews: dict[str, Interview] = {}
    out_turns: list[Turn] = []
    counters = {"lead": 0, "staff": 0, "stakeholder": 0}
    t0 = datetime(2026, 11, 1, 9, tzinfo=UTC)
    for i, (role, text) in enumerate(turns):
        code_role = role.split(":")[0]
        key = role
        if key not in people:
            counters[code_role] += 1
            prefix = {"lead": "L", "staff": "S", "stakeholder": "K"}[code_role]
            person = Interviewee(
                id=f"p-{key}", code=f"{prefix}{counters[code_role]}", role=code_role
            )  # type: ignore[arg-type]
            people[key] = person
            interviews[key] = Interview(id=f"iv-{key}", interviewee_ids=[person.id], started=t0)
        iv = interviews[key]
        n = sum(1 for t in out_turns if t.interview_id == iv.id) + 1
        out_turns.append(
            Turn(
                interview_id=iv.id,
                n=n,
                question="Q",
                answer=text,
                criteria=[CRIT],
                asked_at=t0 + timedelta(minutes=i),
                answered_at=t0 + timedelta(minutes=i),
            )
        )
    assessment = Assessment(
        id="a",
        organisation="Org",
        type="certification",
        bank=BankPin(id="icss", version="1", digest="x"),
    )
    return AssessmentData(
        assessment=assessment,
        interviewees=list(people.values()),
        interviews=list(interviews.values()),
        turns=out_turns,
        evidence=evidence or [],
    )


def record(verified: bool = True, kind: str = "record") -> Evidence:
    return Evidence(
        id=f"ev-{kind}-{verified}",
        type=kind,
        title="Complaints log, October",  # type: ignore[arg-type]
        verified=verified,
        criteria=[CRIT],
    )


def band(s: Suggestion | None) -> str:
    assert s is not None
    return s.band


def test_nothing_recorded_gives_no_suggestion() -> None:
    assert suggest(BANK, build([]), CRIT) is None


def test_unknown_criterion_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        suggest(BANK, build([]), "NOPE.1")


def test_plans_only_is_intention_and_quotes_the_plan() -> None:
    s = suggest(BANK, build([("lead", PLAN)]), CRIT)
    assert band(s) == "intention" and s is not None and s.score <= 2
    assert any("plan to introduce" in r.text and r.cites == ["iv-lead/1"] for r in s.reasons)


def test_lead_claim_alone_is_capped_at_the_bank_cap() -> None:
    s = suggest(BANK, build([("lead", PRACTICE)]), CRIT)
    assert s is not None and s.band == "intention" and s.score == 2
    cap = [r for r in s.reasons if r.effect == "caps"]
    assert cap and "uncorroborated" in cap[0].text and cap[0].cites == ["iv-lead/1"]


def test_staff_account_corroborates_practice() -> None:
    s = suggest(BANK, build([("lead", PRACTICE), ("staff", STAFF_PRACTICE)]), CRIT)
    assert band(s) == "implementation"


def test_verified_record_corroborates_practice() -> None:
    s = suggest(BANK, build([("lead", PRACTICE)], [record()]), CRIT)
    assert band(s) == "implementation"


def test_unverified_record_does_not_count() -> None:
    s = suggest(BANK, build([("lead", PRACTICE)], [record(verified=False)]), CRIT)
    assert s is not None and s.band == "intention"
    assert any(r.effect == "notes" and "not yet verified" in r.text for r in s.reasons)


def test_integration_needs_staff_and_a_record() -> None:
    staff_only = suggest(BANK, build([("lead", IMPROVEMENT), ("staff", STAFF_PRACTICE)]), CRIT)
    assert band(staff_only) == "implementation"
    assert staff_only is not None and any("verified record" in r.text for r in staff_only.reasons)
    full = suggest(
        BANK, build([("lead", IMPROVEMENT), ("staff", STAFF_PRACTICE)], [record()]), CRIT
    )
    assert band(full) == "integration"
    assert full is not None and full.score >= 6


def test_every_citation_resolves() -> None:
    data = build(
        [("lead", IMPROVEMENT), ("staff", STAFF_PRACTICE), ("staff:b", STAFF_NONE)], [record()]
    )
    s = suggest(BANK, data, CRIT)
    assert s is not None
    keys = {t.key for t in data.turns} | {e.id for e in data.evidence}
    cited = [c for r in s.reasons for c in r.cites]
    assert cited and set(cited) <= keys


def test_triangulation_flags_the_lead_staff_gap() -> None:
    data = build([("lead", IMPROVEMENT), ("staff", STAFF_NONE)])
    tri = triangulate(BANK, data, CRIT)
    assert tri.roles["lead"].band == "integration"
    assert tri.roles["staff"].band == "intention"
    assert tri.status == "contradicted"
    (pair,) = tri.contradictions
    assert pair.direction == "lead-claims-more" and pair.basis[0].kind == "denial"
    assert (pair.lead_turn, pair.other_turn) == ("iv-lead/1", "iv-staff/1")
    assert tri.warnings[0].startswith("accounts contradict (L1 vs S1)")


def test_triangulation_single_source_and_leads_only() -> None:
    tri = triangulate(BANK, build([("lead", PRACTICE)]), CRIT)
    assert tri.sources == 1 and tri.status == "single-source" and not tri.pairs
    assert tri.single_source and tri.leads_only and tri.not_asked == ["staff"]
    assert tri.has("lead") and not tri.has("staff")


def test_free_text_suggestion_for_a_plan() -> None:
    s = suggest_text(BANK, "We plan to introduce a complaints log next year")
    assert s.band == "intention"
    assert any("plan to introduce a complaints log" in r.text for r in s.reasons)


POOL = [
    PLAN,
    PRACTICE,
    IMPROVEMENT,
    STAFF_PRACTICE,
    STAFF_NONE,
    "I think we probably should measure it at some point.",
    "We measure satisfaction every month and share the results with all teams.",
]


@example(turns=[("lead", IMPROVEMENT), ("stakeholder", STAFF_PRACTICE)], kinds=["record"])
@settings(max_examples=80, deadline=None)
@given(
    turns=st.lists(
        st.tuples(
            st.sampled_from(["lead", "staff", "stakeholder", "lead:b", "staff:b"]),
            st.sampled_from(POOL),
        ),
        min_size=1,
        max_size=6,
    ),
    kinds=st.lists(
        st.sampled_from(["record", "document", "observation", "data"]), min_size=1, max_size=3
    ),
)
def test_adding_corroborating_evidence_never_lowers_a_suggestion(
    turns: list[tuple[str, str]], kinds: list[str]
) -> None:
    before = suggest(BANK, build(turns), CRIT)
    evidence = [
        Evidence(id=f"ev-{i}", type=k, title="seen", verified=True, criteria=[CRIT])  # type: ignore[arg-type]
        for i, k in enumerate(kinds)
    ]
    after = suggest(BANK, build(turns, evidence), CRIT)
    assert before is not None and after is not None
    assert after.score >= before.score
    assert BANK.scale.rank(after.band) >= BANK.scale.rank(before.band)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([c.id for c in BANK.criteria()]),
        st.one_of(st.none(), st.floats(-5, 15, allow_nan=False)),
    )
)
def test_rollups_stay_inside_the_scale(scores: dict[str, float | None]) -> None:
    r = rollup(BANK, scores)
    values = [g.score for g in r.groups if g.score is not None]
    if r.overall is not None:
        values.append(r.overall)
    assert all(BANK.scale.min <= v <= BANK.scale.max for v in values)
    assert all(0 <= g.percent <= 100 for g in r.groups if g.percent is not None)
    assert r.scored == sum(1 for v in scores.values() if v is not None)


def test_weighted_rollup_and_percent() -> None:
    scores = {c.id: 4.0 for c in BANK.criteria()}
    scores["OPS.2"] = 10.0  # weight 1.5 in the bundled bank
    r = rollup(BANK, scores)
    ops = next(g for g in r.groups if g.group_id == "OPS")
    weights = {c.id: c.weight for c in BANK.group_of("OPS.2").criteria}
    expected = sum(scores[c] * w for c, w in weights.items()) / sum(weights.values())
    assert ops.score == pytest.approx(round(expected, 2))
    assert r.complete and r.overall is not None and 4 < r.overall < 10


def test_readiness_lists_mandatory_blockers_with_reasons() -> None:
    mandatory = [c for c in BANK.criteria() if c.mandatory]
    scores: dict[str, float | None] = {c.id: 5.0 for c in BANK.criteria()}
    scores[mandatory[0].id] = 2.0
    scores[mandatory[1].id] = None
    ready = readiness(BANK, scores)
    assert not ready.ready
    reasons = {b.criterion_id: b.reason for b in ready.blockers}
    assert set(reasons) == {mandatory[0].id, mandatory[1].id}
    assert "scored 2 (Intention)" in reasons[mandatory[0].id]
    assert "not scored yet" in reasons[mandatory[1].id]
    assert readiness(BANK, {c.id: 3.0 for c in BANK.criteria()}).ready


def test_bias_checks_find_one_band_and_one_sided_overrides() -> None:
    data = build([])
    sugg = Suggestion(criterion_id="x", band="implementation", score=3, confidence=0.5)
    data.scores = [
        CriterionScore(
            criterion_id=c.id,
            assessor="A",
            score=4.0,
            suggestion=sugg.model_copy(update={"criterion_id": c.id}),
        )
        for c in BANK.criteria()[:8]
    ]
    kinds = {f.kind for f in bias_checks(BANK, data)}
    assert "one-band" in kinds and "lenient-overrides" in kinds
    data.scores = [
        CriterionScore(criterion_id=c.id, assessor="A", score=float(i % 10))
        for i, c in enumerate(BANK.criteria())
    ]
    assert bias_checks(BANK, data) == []


def test_a_further_supporting_answer_never_lowers_the_suggestion() -> None:
    example = "Last Tuesday a man rang about a missed bin; I logged it and the crew went back."
    one = suggest(BANK, build([("staff", STAFF_PRACTICE)]), CRIT)
    two = suggest(BANK, build([("staff", STAFF_PRACTICE), ("staff", example)]), CRIT)
    assert one is not None and two is not None
    assert two.score >= one.score


DENIALS = [
    "We can't see the complaints at all; nobody checks the log.",
    "I've never seen a complaints log here.",
    STAFF_NONE,
]
"""Answers that only deny: they report an absence and never raise a suggestion."""

TURNS = st.lists(
    st.tuples(
        st.sampled_from(["lead", "staff", "stakeholder", "lead:b", "staff:b"]),
        st.sampled_from(POOL),
    ),
    min_size=1,
    max_size=5,
)


def _pairs_with(data: AssessmentData, key: str, relation: str) -> bool:
    tri = triangulate(BANK, data, CRIT)
    return any(key in (p.lead_turn, p.other_turn) and p.relation == relation for p in tri.pairs)


@settings(max_examples=60, deadline=None)
@given(turns=TURNS, extra=st.sampled_from(POOL), role=st.sampled_from(["staff", "stakeholder:c"]))
def test_a_further_supporting_answer_never_lowers_the_confidence(
    turns: list[tuple[str, str]], extra: str, role: str
) -> None:
    before = suggest(BANK, build(turns), CRIT)
    data = build([*turns, (role, extra)])
    after = suggest(BANK, data, CRIT)
    assert before is not None and after is not None
    new = data.turns[-1].key
    # "further": the suggestion already rested on a supporting answer (not only on denials)
    supported = any(r.effect == "supports" and r.cites for r in before.reasons)
    if supported and after.band == before.band and not _pairs_with(data, new, "contradicts"):
        level = {"intention": 0, "implementation": 1, "integration": 2}[after.band]
        if SourceIndex(BANK, data).for_criterion(CRIT).turns[-1].level == level:
            assert after.confidence >= before.confidence


@settings(max_examples=60, deadline=None)
@given(
    turns=TURNS, denial=st.sampled_from(DENIALS), role=st.sampled_from(["staff", "stakeholder:c"])
)
def test_a_denial_or_contradiction_never_raises_a_suggestion(
    turns: list[tuple[str, str]], denial: str, role: str
) -> None:
    before = suggest(BANK, build(turns), CRIT)
    after = suggest(BANK, build([*turns, (role, denial)]), CRIT)
    assert before is not None and after is not None
    assert after.score <= before.score
    assert BANK.scale.rank(after.band) <= BANK.scale.rank(before.band)
    assert after.confidence <= before.confidence


@settings(max_examples=40, deadline=None)
@given(turns=TURNS)
def test_a_contradicted_lead_claim_is_held_at_the_cap_until_verified_evidence_resolves_it(
    turns: list[tuple[str, str]],
) -> None:
    data = build([*turns, ("lead:z", PRACTICE), ("staff:z", STAFF_NONE)])
    tri = triangulate(BANK, data, CRIT)
    held = suggest(BANK, data, CRIT)
    assert held is not None
    if (
        tri.contradicted
        and not any(
            t.level >= 1
            for t in SourceIndex(BANK, data).for_criterion(CRIT).turns
            if t.role != "lead" and t.turn.key not in {p.other_turn for p in tri.contradictions}
        )
        and not any(p.relation == "corroborates" and p.other.level >= 1 for p in tri.pairs)
    ):
        assert held.band == "intention"
    resolved = suggest(
        BANK, build([*turns, ("lead:z", PRACTICE), ("staff:z", STAFF_NONE)], [record()]), CRIT
    )
    assert resolved is not None and resolved.score >= held.score
