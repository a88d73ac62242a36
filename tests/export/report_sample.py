"""Provides a fixed assessment for the report tests: a small bank and model objects with fixed ids.

Everything is built from model objects with fixed ids and timestamps, so the Markdown and HTML
built from it are byte-stable (golden files). `hostile=True` puts injection attempts, control
characters and a 100 kB string into every free-text field a user can fill.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

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
    Scope,
    Site,
    Turn,
)

BANK_YAML = """
id: mini
title: Mini bank for report tests
standard: ICSS
edition: test edition
version: "0.1"
licence_note: Written for the tests.
group_label: Perspective
scale:
  id: three-i
  min: 0
  max: 10
  step: 1
  bands:
    - {id: intention, label: Intention, min: 0, max: 2, signal: plan,
       descriptor: Plans only.}
    - {id: implementation, label: Implementation, min: 3, max: 5, signal: practice,
       descriptor: In place and measured.}
    - {id: integration, label: Integration, min: 6, max: 10, signal: improvement,
       descriptor: "Reviewed, improved and embedded."}
aggregation:
  method: weighted_mean
  overall_from: criteria
  description: Indicative weighted mean of the criterion scores.
certification:
  mandatory_min_band: implementation
  description: Mandatory criteria need Implementation.
corroboration:
  default_cap: intention
groups:
"""
_GROUPS = [
    ("SVC", "Service", ["Customer insight", "Service standards"]),
    ("OPS", "Operations", ["Complaints", "Measurement"]),
    ("LRN", "Learning", ["Training", "Empowerment"]),
]


def bank_yaml() -> str:
    """Return the YAML of a bank with three groups of two criteria (mandatory: x.1 and OPS.2)."""
    out = [BANK_YAML.strip("\n")]
    for gid, gtitle, titles in _GROUPS:
        out.append(f"  - id: {gid}\n    title: {gtitle}\n    guiding_question: How?\n    criteria:")
        for i, title in enumerate(titles, start=1):
            cid = f"{gid}.{i}"
            out.append(
                f"      - id: {cid}\n        title: {title}\n        statement: {title} works.\n"
                f"        mandatory: {'true' if i == 1 or cid == 'OPS.2' else 'false'}\n"
                "        descriptors:\n"
                f"          intention: {title} is planned but not yet in place.\n"
                f"          implementation: {title} is in place, used and measured.\n"
                f'          integration: "{title} is reviewed, improved and embedded across teams."\n'
                f"        typical_evidence: [{title} records, Minutes of {title.lower()} reviews]\n"
                "        questions:\n"
                f"          - {{id: {cid}.q1, text: Tell me about {title.lower()}., audience: any,"
                " probes_band: implementation}"
            )
    return "\n".join(out) + "\n"


def sample_bank() -> Bank:
    """Return the mini bank, parsed and validated like a bank file."""
    return parse_bank(bank_yaml(), "mini.yaml")


T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOSTILE = (
    "<script>alert(1)</script> <img src=file:///etc/passwd> ![x](http://127.0.0.1:{port}/x)"
    " [a](javascript:alert(1)) \x00\x07\x1b[31m\u202e # heading | pipe"
)


def _assessment(aid: str, start: date, typ: str, org: str, scope: Scope) -> Assessment:
    return Assessment(
        id=aid,
        organisation=org,
        type=typ,  # type: ignore[arg-type]
        bank=BankPin(id="mini", version="0.1", digest="0" * 64, title="Mini"),
        scope=scope,
        assessors=["A. Assessor", "B. Second"],
        lead_assessor="A. Assessor",
        created=T0,
        start_date=start,
        end_date=start + timedelta(days=2),
        status="in-review",
    )


def sample_data(hostile: bool = False, port: int = 9) -> AssessmentData:
    """Return a fixed assessment: 4 people, 4 interviews, scores, evidence, findings."""
    bad = HOSTILE.format(port=port)
    big = ("A" * 100_000) if hostile else ""

    def text(plain: str) -> str:
        return f"{plain} {bad}" if hostile else plain

    scope = Scope(
        unit=text("Customer services"),
        sampling_rationale=text("North Office takes most contacts; South Depot handles waste."),
        sites=[
            Site(name="North Office", sampled=True, reason=text("most contacts")),
            Site(name="South Depot", sampled=True, reason="most complaints"),
            Site(name="West Library", sampled=False, reason="few contacts"),
        ],
    )
    org = text("Example Borough Council") if hostile else "Example Borough Council"
    people = [
        Interviewee(
            id="p-l1", code="L1", role="lead", department="Customer Services", site="North Office"
        ),
        Interviewee(
            id="p-k1", code="K1", role="stakeholder", department="People", site="North Office"
        ),
        Interviewee(
            id="p-s1", code="S1", role="staff", department="Customer Services", site="North Office"
        ),
        Interviewee(id="p-s2", code="S2", role="staff", department="Waste", site="South Depot"),
    ]
    interviews = [
        Interview(
            id=f"iv-000{i + 1}",
            interviewee_ids=[p.id],
            assessor="A. Assessor",
            started=T0 + timedelta(hours=i),
            ended=T0 + timedelta(hours=i, minutes=40),
        )
        for i, p in enumerate(people)
    ]
    interviews[3] = interviews[3].model_copy(
        update={"disputed_points": [text("That complaints at South Depot are reviewed weekly.")]}
    )
    answers = {
        "iv-0001": [
            (
                "SVC.1",
                ["fact"],
                "We reviewed the survey results every quarter and changed the "
                "service; the improvement is now shared across all teams.",
            ),
            (
                "SVC.2",
                ["fact"],
                "We measure call waits every week against a two-minute target "
                "and report them monthly.",
            ),
            (
                "OPS.1",
                ["fact"],
                "We reviewed complaint themes every month and changed the "
                "letters as a result; the change is now used across all teams.",
            ),
            (
                "LRN.2",
                ["claim-to-verify"],
                "We reviewed the limits and changed them across all "
                "teams; staff now decide refunds themselves and it is embedded.",
            ),
            ("OPS.2", ["fact"], "We measure backlog every week against target."),
        ],
        "iv-0002": [
            (
                "LRN.1",
                ["fact"],
                "Every adviser completes the course and we track completion every month.",
            ),
            (
                "SVC.1",
                ["fact"],
                "We reviewed what customers told us and changed the forms; the "
                "new forms are used across all teams.",
            ),
        ],
        "iv-0003": [
            (
                "SVC.1",
                ["fact"],
                "We reviewed the feedback every month and changed the script; "
                "the change is now used across all teams.",
            ),
            (
                "LRN.2",
                ["fact"],
                "There is nothing written down yet; we intend to agree limits next year.",
            ),
            (
                "OPS.1",
                ["fact"],
                "Every complaint is logged and acknowledged within two days, and "
                "we check the register weekly.",
            ),
            ("SVC.2", ["opinion"], text("We try to answer quickly.") + big),
        ],
        "iv-0004": [
            (
                "OPS.1",
                ["fact"],
                "Every complaint is logged and acknowledged within two days, and "
                "we check the register weekly.",
            ),
            ("LRN.1", ["fact"], "I had the course in May and coaching after my call reviews."),
        ],
    }
    turns: list[Turn] = []
    for iv, rows in answers.items():
        for n, (cid, tags, answer) in enumerate(rows, start=1):
            at = T0 + timedelta(minutes=10 * n)
            turns.append(
                Turn(
                    interview_id=iv,
                    n=n,
                    question=text(f"Tell me about {cid}."),
                    answer=answer,
                    tags=tags,
                    criteria=[cid],  # type: ignore[arg-type]
                    asked_at=at,
                    answered_at=at,
                )
            )
    evidence = [
        Evidence(
            id="ev-0001",
            type="document",
            title=text("Customer insight report"),
            reference=text("Insight/2026.pdf"),
            verified=True,
            criteria=["SVC.1"],
            interview_id="iv-0001",
            turn_n=1,
            recorded_at=T0,
        ),
        Evidence(
            id="ev-0002",
            type="record",
            title="Complaints register",
            reference="case system",
            verified=True,
            criteria=["OPS.1"],
            interview_id="iv-0003",
            turn_n=3,
            recorded_at=T0,
        ),
        Evidence(
            id="ev-0003",
            type="data",
            title="Training completion report",
            verified=False,
            criteria=["LRN.1"],
            recorded_at=T0,
        ),
    ]
    scores = [
        CriterionScore(
            criterion_id=cid,
            assessor="A. Assessor",
            score=value,
            band=None,
            comment=text(comment) + big,
            decided_at=T0,
            accepted_suggestion=not reason,
            override_reason=reason,
        )
        for cid, value, comment, reason in [
            ("SVC.1", 7, "Strong insight loop.", ""),
            ("SVC.2", 5, "", ""),
            ("OPS.1", 8, "", ""),
            ("OPS.2", 2, "", "Backlog measured but not acted on."),
            ("LRN.1", 4, "", ""),
        ]
    ]
    open_items = [
        OpenItem(
            id="oi-0001",
            kind="claim",
            text=text("Ask for the delegation limits.") + big,
            criteria=["LRN.2"],
            interview_id="iv-0001",
            turn_n=4,
            created=T0,
        )
    ]
    findings = [
        Finding(
            id="f-0001",
            kind="opportunity",
            text=text(
                "Share the complaint letter rewrite "
                "with South Depot. Next step: brief the depot team by June."
            ),
            criteria=["OPS.1"],
            turn_keys=["iv-0004/1"],
            evidence_ids=["ev-0002"],
        ),
        Finding(
            id="d-risk-blocker-OPS.2",
            kind="risk",
            drafted=True,
            edited=True,
            text=text(
                "Certification blocker - OPS.2 Measurement is at Intention. Next step: "
                "act on the weekly backlog figures and minute it."
            ),
            criteria=["OPS.2"],
            turn_keys=["iv-0001/5"],
        ),
    ]
    assessment = _assessment("example-2026-03-0001", date(2026, 3, 2), "certification", org, scope)
    return AssessmentData(
        assessment=assessment,
        interviewees=people,
        interviews=interviews,
        turns=turns,
        evidence=evidence,
        scores=scores,
        findings=findings,
        open_items=open_items,
    )


def previous_data() -> AssessmentData:
    """Return last year's assessment of the same organisation, with scores only."""
    scope = Scope(sites=[Site(name="North Office")])
    assessment = _assessment(
        "example-2025-03-0001", date(2025, 3, 2), "gap-analysis", "Example Borough Council", scope
    )
    scores = [
        CriterionScore(criterion_id=cid, assessor="A. Assessor", score=v, decided_at=T0)
        for cid, v in [
            ("SVC.1", 4),
            ("SVC.2", 4),
            ("OPS.1", 5),
            ("OPS.2", 2),
            ("LRN.1", 3),
            ("LRN.2", 1),
        ]
    ]
    return AssessmentData(assessment=assessment, scores=scores)
