"""What a certification body's report carries: commentary, recommendation, advice by audience,
cycle dates, honest numbers, and no internal ids in client text."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from report_sample import previous_data, sample_bank, sample_data

from assistant.core.bank.model import Bank
from assistant.core.cycle import Cycle, TypeRule
from assistant.core.model import (
    AssessmentData,
    CriterionScore,
    OpenItem,
    RecommendationDecision,
)
from assistant.core.report.advice import client_advice, follow_ups, is_assessor_work
from assistant.core.report.builder import build_report
from assistant.core.report.commentary import (
    commentary_blockers,
    draft_commentary,
    lint_text,
)
from assistant.core.report.findings import compose_findings
from assistant.core.report.papers import working_papers
from assistant.core.report.recommendation import recommend
from assistant.export.markdown import to_markdown
from assistant.export.working_papers import to_working_papers

INTERNAL = re.compile(r"\b(?:iv|ev|oi|p)-[0-9a-f]{4,}\b")


@pytest.fixture
def bank() -> Bank:
    return sample_bank()


def _with_scores(data: AssessmentData, **scores: float) -> AssessmentData:
    extra = [
        CriterionScore(criterion_id=cid.replace("_", "."), assessor="A. Assessor", score=v)
        for cid, v in scores.items()
    ]
    return data.model_copy(update={"scores": data.scores + extra})


# ------------------------------------------------------------------------------ commentary


def test_drafted_commentary_cites_role_codes_and_passes_its_own_lint(bank: Bank) -> None:
    data = sample_data()
    for crit in bank.criteria():
        text = draft_commentary(bank, data, crit.id)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
        assert 2 <= len(sentences) <= 5, text
        assert not INTERNAL.search(text), text
        assert lint_text(text, bank, crit) == [], (crit.id, text)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Suggested score accepted.", "placeholder"),
        ("TBD", "placeholder"),
        ("", "placeholder"),
        (
            "Good practice overall, the team seems to be doing well with this across the board.",
            "cites nothing",
        ),
        (
            "S1 said it. The practice is in place, used and measured, which is what we expect here.",
            "restates",
        ),
        (
            "L1 (turn 2): scores 5, 1 point below Integration; keep going with the plan next year.",
            "restates",
        ),
        ("L1 turn 3.", "too short"),
    ],
)
def test_lint_flags_placeholders_uncited_and_descriptor_restatements(
    bank: Bank, text: str, problem: str
) -> None:
    crit = bank.criterion("SVC.1")
    crit = bank.criterion("SVC.2") if "in place, used" in text else crit
    problems = lint_text(text, bank, crit)
    assert any(problem in p for p in problems), problems


def test_lint_accepts_specific_cited_commentary_and_asks_findings_for_a_next_step(
    bank: Bank,
) -> None:
    good = (
        "Complaints are logged and reviewed every Monday (L1 turn 1), and S1 showed the log. "
        "What would lift it: show the review changing a process."
    )
    assert lint_text(good, bank, bank.criterion("OPS.1")) == []
    finding = "Complaints are logged by S1 and L1 in the CRM and reviewed each week by the team."
    assert lint_text(finding, bank, None, cited=True) == []
    assert any("next" in p for p in lint_text(finding, bank, None, cited=True, actionable=True))


def test_commentary_blockers_list_missing_and_failing_commentary_only(bank: Bank) -> None:
    data = sample_data()
    before = {i.criterion_id for i in commentary_blockers(bank, data)}
    assert before  # the sample has criteria with no or thin commentary
    fixed = []
    for s in data.current_scores().values():
        fixed.append(s.model_copy(update={"comment": draft_commentary(bank, data, s.criterion_id)}))
    unscored = {c.id for c in bank.criteria()} - {s.criterion_id for s in fixed}
    for cid in unscored:
        fixed.append(
            CriterionScore(
                criterion_id=cid,
                assessor="A. Assessor",
                comment=draft_commentary(bank, data, cid),
            )
        )
    done = data.model_copy(update={"scores": data.scores + fixed})
    assert commentary_blockers(bank, done) == []
    one_bad = data.model_copy(
        update={"scores": done.scores + [fixed[0].model_copy(update={"comment": "TBD"})]}
    )
    (issue,) = commentary_blockers(bank, one_bad)
    assert issue.criterion_id == fixed[0].criterion_id and "placeholder" in issue.problem


# ------------------------------------------------------------------------------ recommendation


def test_mandatory_criterion_at_intention_is_not_recommended(bank: Bank) -> None:
    data = _with_scores(sample_data(), SVC_1=2)
    rec = recommend(bank, data)
    assert rec.outcome == "not-recommended"
    assert any("SVC.1" in r for r in rec.reasons)


def test_unscored_mandatory_and_open_requests_become_conditions(bank: Bank) -> None:
    data = sample_data()
    data = data.model_copy(update={"scores": [s for s in data.scores if s.criterion_id != "OPS.2"]})
    scores = {c.id: 5.0 for c in bank.criteria() if c.id != "OPS.2"}
    data = _with_scores(data, **{k.replace(".", "_"): v for k, v in scores.items()})
    data = data.model_copy(
        update={
            "open_items": [
                OpenItem(
                    id="oi-77",
                    kind="document",
                    text="Ask for the complaints policy",
                    criteria=["OPS.1"],
                )
            ]
        }
    )
    rec = recommend(bank, data)
    assert rec.outcome == "conditions"
    assert any(c.startswith("Score OPS.2") for c in rec.conditions)
    assert "Provide the complaints policy (OPS.1 Complaints)." in rec.conditions


def test_lead_assessor_decision_replaces_the_rule_and_shows_both(bank: Bank) -> None:
    data = _with_scores(sample_data(), SVC_1=2)
    own = RecommendationDecision(
        outcome="conditions",
        reason="Costing is under way and due before the surveillance visit.",
        conditions=["Cost failure demand by June."],
        who="A. Assessor",
    )
    a = data.assessment
    data = data.model_copy(
        update={
            "assessment": a.model_copy(
                update={"report": a.report.model_copy(update={"recommendation": own})}
            )
        }
    )
    rec = recommend(bank, data)
    assert (rec.outcome, rec.derived, rec.overridden) == ("conditions", "not-recommended", True)
    md = to_markdown(build_report(bank, data))
    assert "the certification rule alone gives: Not recommended" in md
    assert "Cost failure demand by June." in md


# ------------------------------------------------------------------------------ audiences


def test_client_report_has_no_internal_ids_and_no_assessor_follow_ups(bank: Bank) -> None:
    data = sample_data()
    report = build_report(bank, data, [previous_data()])
    md = to_markdown(report)
    assert not INTERNAL.search(md), INTERNAL.findall(md)
    findings = compose_findings(bank, data)
    for f in findings:
        if is_assessor_work(f):
            assert f.text[:60] not in md
    for item in data.open_items:
        assert item.id not in md
    papers = to_working_papers(working_papers(bank, data), "Org", data.assessment.id)
    for item in follow_ups(data, findings):
        assert item.source in papers


def test_client_recommendations_are_prioritised_with_owner_and_horizon(bank: Bank) -> None:
    data = _with_scores(sample_data(), SVC_1=2)
    advice = client_advice(bank, data, compose_findings(bank, data))
    first = [a for a in advice if a.priority == 1]
    assert {"SVC.1", "OPS.2"} <= {c for a in first for c in a.criteria}  # both blockers
    assert [a.priority for a in advice] == sorted(a.priority for a in advice)
    assert all(a.owner and a.horizon and a.what[:1].isupper() for a in advice)
    md = to_markdown(build_report(bank, data))
    assert "## 4. Recommendations to the organisation" in md
    assert "*Suggested owner:*" in md and "*Horizon:*" in md


# ------------------------------------------------------------------------------ cycle, numbers


def _banked(bank: Bank, cycle: Cycle) -> Bank:
    return bank.model_copy(update={"cycle": cycle})


ICXS_LIKE = Cycle(
    description="Three years, yearly surveillance.",
    min_months_between_certifications=6,
    types={
        "certification": TypeRule(certificate_months=36, surveillance_every_months=12),
        "surveillance": TypeRule(maintains_certificate=True),
    },
)


def test_cover_gives_certificate_validity_and_next_surveillance(bank: Bank) -> None:
    report = build_report(_banked(bank, ICXS_LIKE), sample_data())
    cycle = report.cover.cycle
    assert cycle is not None and cycle.issues_certificate
    end = sample_data().assessment.end_date
    assert end is not None
    assert cycle.certificate_until == end.replace(year=end.year + 3)
    assert cycle.next_label == "Surveillance assessment"
    assert cycle.next_date == end.replace(year=end.year + 1)
    md = to_markdown(build_report(_banked(bank, ICXS_LIKE), sample_data()))
    assert f"valid {end} to {end.replace(year=end.year + 3)}" in md


def test_interval_warning_only_between_certification_assessments(bank: Bank) -> None:
    current = sample_data()
    start = current.assessment.start_date
    assert start is not None
    earlier = previous_data()
    soon = earlier.assessment.model_copy(
        update={"start_date": start - timedelta(days=90), "type": "gap-analysis"}
    )
    gap = earlier.model_copy(update={"assessment": soon})
    icxs = _banked(bank, ICXS_LIKE)
    history = build_report(icxs, current, [gap]).history
    assert history is not None and history.warning == ""
    cert = earlier.model_copy(
        update={"assessment": soon.model_copy(update={"type": "certification"})}
    )
    history = build_report(icxs, current, [cert]).history
    assert history is not None and "no earlier than 6 months" in history.warning


def test_comparison_with_a_thinner_assessment_of_another_type_carries_a_caveat(
    bank: Bank,
) -> None:
    report = build_report(bank, sample_data(), [previous_data()])
    assert report.history is not None
    assert "gap analysis" in report.history.caveat and "thinner evidence" in report.history.caveat
    assert "**Comparability:**" in to_markdown(report)


def test_summary_names_the_weights_and_drafts_a_paragraph_per_group(bank: Bank) -> None:
    report = build_report(bank, sample_data())
    assert report.summary.weights_note.startswith("Weights: each criterion weighs 1")
    keys = [p.key for p in report.summary.narrative]
    assert keys == ["", *[g.id for g in bank.groups]]
    assert all(p.drafted and p.text for p in report.summary.narrative)


def test_profile_is_shown_on_the_cover(bank: Bank) -> None:
    from assistant.services.report_texts import make_profile

    data = sample_data()
    profile = make_profile("Water utility", "900 staff", "", "phone, web", ["households"])
    data = data.model_copy(
        update={"assessment": data.assessment.model_copy(update={"profile": profile})}
    )
    md = to_markdown(build_report(bank, data))
    assert "| Sector | Water utility |" in md and "| Channels | phone, web |" in md


def test_surveillance_maintains_the_certificate_of_the_last_certification(bank: Bank) -> None:
    current = sample_data()
    end = current.assessment.end_date
    assert end is not None
    cert_day = end - timedelta(days=330)
    earlier = previous_data()
    cert = earlier.model_copy(
        update={
            "assessment": earlier.assessment.model_copy(
                update={"type": "certification", "start_date": cert_day, "end_date": cert_day}
            )
        }
    )
    surveillance = current.model_copy(
        update={"assessment": current.assessment.model_copy(update={"type": "surveillance"})}
    )
    cycle = build_report(_banked(bank, ICXS_LIKE), surveillance, [cert]).cover.cycle
    assert cycle is not None and not cycle.issues_certificate
    assert cycle.certificate_from == cert_day
    assert cycle.certificate_until == cert_day.replace(year=cert_day.year + 3)
    assert cycle.note == f"Maintains the certificate of {cert_day}."
    assert (cycle.next_label, cycle.next_date) == (
        "Surveillance assessment",
        cert_day.replace(year=cert_day.year + 2),
    )
