"""Tests for the findings composer: each kind of draft from a constructed situation, always cited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from assistant.core.bank.loader import parse_bank
from assistant.core.bank.model import Bank
from assistant.core.model import (
    Assessment,
    AssessmentData,
    BankPin,
    CriterionScore,
    Evidence,
    Finding,
    Interview,
    Interviewee,
    OpenItem,
    Turn,
)
from assistant.core.report.findings import compose_findings, draft_findings

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
PLAN = "There is nothing written down yet; we intend to draft a policy next year."
PRACTICE = "We measure call waits every week against a two-minute target and report them monthly."
IMPROVE = (
    "We reviewed the results every quarter and changed the process; the improvement is "
    "now shared across all teams."
)


def _bank() -> Bank:
    crits = []
    for i in range(1, 5):
        crits.append(f"""
      - id: C.{i}
        title: Criterion {i}
        statement: Criterion {i} works.
        mandatory: {"true" if i == 1 else "false"}
        descriptors:
          intention: Planned only.
          implementation: Routinely done and measured with records to show it.
          integration: Reviewed and improved on a cycle and embedded across all teams.
        typical_evidence: [Minutes of the monthly review, The service log]
        questions:
          - {{id: C.{i}.q1, text: Tell me., audience: any, probes_band: implementation}}""")
    return parse_bank(
        f"""
id: t
title: Test bank
standard: ICSS
edition: test
version: "1"
licence_note: tests
scale:
  id: s
  min: 0
  max: 10
  bands:
    - {{id: intention, label: Intention, min: 0, max: 2, signal: plan, descriptor: Plans.}}
    - {{id: implementation, label: Implementation, min: 3, max: 5, signal: practice,
       descriptor: Practice.}}
    - {{id: integration, label: Integration, min: 6, max: 10, signal: improvement,
       descriptor: Improvement.}}
aggregation: {{description: Mean.}}
certification: {{mandatory_min_band: implementation, description: Mandatory needs Implementation.}}
corroboration: {{default_cap: intention}}
groups:
  - id: G
    title: Group
    guiding_question: How?
    criteria:{"".join(crits)}
""",
        "t.yaml",
    )


PEOPLE = {"L1": "lead", "K1": "stakeholder", "S1": "staff", "S2": "staff"}


def _data(
    answers: list[tuple[str, str, str, list[str]]],
    scores: dict[str, float],
    evidence: list[Evidence] | None = None,
    open_items: list[OpenItem] | None = None,
    findings: list[Finding] | None = None,
) -> AssessmentData:
    """Build an assessment: one interview per person; answers are (code, criterion, text, tags)."""
    people = [
        Interviewee(
            id=f"p-{c}",
            code=c,
            role=r,
            department="Secret Dept",  # type: ignore[arg-type]
            site="Hidden Site",
        )
        for c, r in PEOPLE.items()
    ]
    interviews = [Interview(id=f"iv-{c}", interviewee_ids=[f"p-{c}"], started=T0) for c in PEOPLE]
    turns, counter = [], dict.fromkeys(PEOPLE, 0)
    for code, cid, text, tags in answers:
        counter[code] += 1
        turns.append(
            Turn(
                interview_id=f"iv-{code}",
                n=counter[code],
                answer=text,
                criteria=[cid],
                tags=tags,
                asked_at=T0,
                answered_at=T0,
            )
        )  # type: ignore[arg-type]
    return AssessmentData(
        assessment=Assessment(
            id="a-1",
            organisation="Org",
            type="certification",
            bank=BankPin(id="t", version="1", digest="x"),
            created=T0,
        ),
        interviewees=people,
        interviews=interviews,
        turns=turns,
        evidence=evidence or [],
        scores=[CriterionScore(criterion_id=c, score=v, decided_at=T0) for c, v in scores.items()],
        open_items=open_items or [],
        findings=findings or [],
    )


def _by_id(findings: list[Finding]) -> dict[str, Finding]:
    return {f.id: f for f in findings}


def test_strength_needs_top_band_and_corroboration() -> None:
    bank = _bank()
    answers = [("L1", "C.2", IMPROVE, ["fact"]), ("S1", "C.2", IMPROVE, ["fact"])]
    record = Evidence(
        id="ev-1",
        type="record",
        title="Monthly review minutes",
        verified=True,
        criteria=["C.2"],
        recorded_at=T0,
    )
    found = _by_id(draft_findings(bank, _data(answers, {"C.2": 8}, [record])))
    strength = found["d-strength-top-C.2"]
    assert strength.kind == "strength" and strength.criteria == ["C.2"]
    assert strength.evidence_ids == ["ev-1"]
    assert set(strength.turn_keys) == {"iv-L1/1", "iv-S1/1"}
    assert "Monthly review minutes (ev-1)" in strength.text and "Next step:" in strength.text
    # without the verified record the staff account still bears the lead out
    unverified = record.model_copy(update={"verified": False})
    still = _by_id(draft_findings(bank, _data(answers, {"C.2": 8}, [unverified])))
    assert "Verified:" not in still["d-strength-top-C.2"].text
    assert "borne out by L1, S1" in still["d-strength-top-C.2"].text
    # one person alone is not a strength
    alone = _by_id(draft_findings(bank, _data(answers[:1], {"C.2": 8}, [unverified])))
    assert "d-strength-top-C.2" not in alone


def test_blocker_risk_for_a_mandatory_criterion_below_the_required_band() -> None:
    bank = _bank()
    found = _by_id(draft_findings(bank, _data([("L1", "C.1", PLAN, [])], {"C.1": 1})))
    risk = found["d-risk-blocker-C.1"]
    assert risk.kind == "risk" and risk.turn_keys == ["iv-L1/1"]
    assert risk.text.startswith("Certification blocker - C.1 Criterion 1")
    assert "reach Implementation - routinely done and measured" in risk.text
    assert "minutes of the monthly review" in risk.text
    assert "d-opportunity-lift-C.1" not in found  # the blocker already says how to lift it


def test_gap_risk_when_staff_contradict_what_leads_claim() -> None:
    bank = _bank()
    claim = (
        "We review the complaint results every quarter and changed the process after each review."
    )
    denial = "Nobody reviews the complaint results here; the process has never changed."
    answers = [("L1", "C.3", claim, []), ("S1", "C.3", denial, [])]
    risk = _by_id(draft_findings(bank, _data(answers, {"C.3": 6})))["d-risk-gap-C.3"]
    assert 'L1 (turn 1) says "We review the complaint results every quarter' in risk.text
    assert 'S1 (turn 1) says "Nobody reviews the complaint results here"' in risk.text
    assert risk.turn_keys == ["iv-L1/1", "iv-S1/1"]
    # a difference in band without a conflict of fact is not a gap
    bands = [("L1", "C.3", IMPROVE, []), ("S1", "C.3", PLAN, [])]
    assert "d-risk-gap-C.3" not in _by_id(draft_findings(bank, _data(bands, {"C.3": 6})))
    # nor is staff describing more than leads
    flipped = [("L1", "C.3", PLAN, []), ("S1", "C.3", IMPROVE, [])]
    assert "d-risk-gap-C.3" not in _by_id(draft_findings(bank, _data(flipped, {"C.3": 3})))


def test_claims_never_verified_are_risks_until_evidence_or_closure() -> None:
    bank = _bank()
    answers = [("L1", "C.4", PRACTICE, ["claim-to-verify"]), ("S1", "C.4", PRACTICE, [])]
    item = OpenItem(
        id="oi-1", kind="claim", text="Ask for the call log", criteria=["C.4"], created=T0
    )
    risk = _by_id(draft_findings(bank, _data(answers, {"C.4": 4}, open_items=[item])))[
        "d-risk-claim-C.4"
    ]
    assert "2 claims not verified yet" in risk.text
    assert 'open item oi-1: "Ask for the call log"' in risk.text
    assert risk.turn_keys == ["iv-L1/1"]
    seen = Evidence(
        id="ev-9",
        type="record",
        title="Call log",
        verified=True,
        criteria=["C.4"],
        interview_id="iv-L1",
        turn_n=1,
        recorded_at=T0,
    )
    assert "d-risk-claim-C.4" not in _by_id(
        draft_findings(bank, _data(answers, {"C.4": 4}, [seen]))
    )


def test_single_source_risk() -> None:
    bank = _bank()
    risk = _by_id(draft_findings(bank, _data([("S2", "C.4", PRACTICE, [])], {"C.4": 4})))
    single = risk["d-risk-single-C.4"]
    assert "rests on a single source: S2 (turn 1)" in single.text
    assert "iv-S2/1" in single.turn_keys
    assert single.turn_keys == ["iv-S2/1"]


def test_opportunity_near_the_next_band_says_what_the_evidence_lacks() -> None:
    bank = _bank()
    answers = [("L1", "C.2", PRACTICE, []), ("S1", "C.2", PRACTICE, [])]
    found = _by_id(draft_findings(bank, _data(answers, {"C.2": 5})))
    opp = found["d-opportunity-lift-C.2"]
    assert "(5, Implementation) is 1 point short of Integration" in opp.text
    assert "It rests on " in opp.text and "Next step: " in opp.text
    # what would lift it comes from the evidence, never the next band's descriptor restated
    assert "reviewed and improved on a cycle" not in opp.text
    assert opp.turn_keys
    # 4 is two points from Integration: no opportunity drafted
    assert "d-opportunity-lift-C.2" not in _by_id(draft_findings(bank, _data(answers, {"C.2": 4})))


def _mixed() -> AssessmentData:
    answers = [
        ("L1", "C.1", PLAN, []),
        ("L1", "C.2", IMPROVE, []),
        ("S1", "C.2", IMPROVE, []),
        ("L1", "C.3", IMPROVE, ["claim-to-verify"]),
        ("S1", "C.3", PLAN, []),
        ("S2", "C.4", PRACTICE, []),
    ]
    record = Evidence(
        id="ev-1", type="record", title="Minutes", verified=True, criteria=["C.2"], recorded_at=T0
    )
    return _data(answers, {"C.1": 2, "C.2": 8, "C.3": 5, "C.4": 5}, [record])


def test_every_draft_cites_evidence_or_turns_and_uses_role_codes_only() -> None:
    drafts = draft_findings(_bank(), _mixed())
    assert {f.kind for f in drafts} == {"strength", "risk", "opportunity"}
    for f in drafts:
        assert f.drafted and f.criteria
        assert f.evidence_ids or f.turn_keys, f.id
        assert "Next step:" in f.text, f.id
        assert "Secret Dept" not in f.text and "Hidden Site" not in f.text


def test_risks_are_ranked_blockers_first() -> None:
    risks = [f for f in draft_findings(_bank(), _mixed()) if f.kind == "risk"]
    rules = [f.id.split("-")[2] for f in risks]
    assert rules[0] == "blocker" and rules == sorted(
        rules, key=["blocker", "gap", "claim", "single"].index
    )


def test_drafting_is_deterministic() -> None:
    assert draft_findings(_bank(), _mixed()) == draft_findings(_bank(), _mixed())


@pytest.mark.parametrize(
    "stored_update", [{"edited": True, "text": "My own words."}, {"removed": True}]
)
def test_compose_never_overwrites_edited_or_removed_findings(
    stored_update: dict[str, object],
) -> None:
    bank = _bank()
    fresh = draft_findings(bank, _mixed())
    blocker = next(f for f in fresh if f.id == "d-risk-blocker-C.1")
    own = Finding(id="f-own", kind="opportunity", text="Assessor's own point.", criteria=["C.4"])
    data = _mixed()
    data.findings = [blocker.model_copy(update=stored_update), own]
    out = _by_id(compose_findings(bank, data))
    assert out["f-own"] == own
    if stored_update.get("removed"):
        assert "d-risk-blocker-C.1" not in out
    else:
        assert out["d-risk-blocker-C.1"].text == "My own words."
    assert len(out) == len(fresh) + 1 - (1 if stored_update.get("removed") else 0)


def test_compose_refreshes_untouched_drafts_and_drops_stale_ones() -> None:
    bank = _bank()
    data = _mixed()
    stale = Finding(id="d-risk-claim-C.9", kind="risk", text="old", criteria=["C.9"], drafted=True)
    old = Finding(
        id="d-risk-blocker-C.1", kind="risk", text="old text", criteria=["C.1"], drafted=True
    )
    data.findings = [stale, old]
    out = _by_id(compose_findings(bank, data))
    assert "d-risk-claim-C.9" not in out
    assert out["d-risk-blocker-C.1"].text != "old text"
