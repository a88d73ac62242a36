"""Interview plans: which criteria a role covers, in what order, how many, and plan edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.bank.loader import parse_bank, read_bank
from assistant.core.bank.model import Bank
from assistant.core.interview.plan import Plan, PlanError, capacity, make_plan, plan_for_interview
from assistant.core.model import (
    Assessment,
    AssessmentData,
    BankPin,
    Interview,
    Interviewee,
    RoleType,
    Turn,
)

DATA = Path(__file__).resolve().parent.parent / "data"
BANKS = Path(__file__).resolve().parent.parent.parent / "question_banks"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return parse_bank((DATA / "engine_bank.yaml").read_text(encoding="utf-8"), "engine_bank.yaml")


def person(role: RoleType, code: str) -> Interviewee:
    return Interviewee(id=f"p-{code}", code=code, role=role)


def data_with(
    *people: Interviewee, turns: list[Turn] | None = None, interviews: list[Interview] | None = None
) -> AssessmentData:
    return AssessmentData(
        assessment=Assessment(
            id="as-1",
            organisation="Org",
            type="practice",
            bank=BankPin(id="engine-test", version="1", digest="x"),
        ),
        interviewees=list(people),
        interviews=interviews or [],
        turns=turns or [],
    )


@pytest.mark.parametrize(
    ("minutes", "areas"),
    [(5, 1), (20, 2), (30, 3), (45, 3), (60, 4), (61, 5), (75, 5), (90, 6), (120, 8)],
)
def test_capacity_keeps_to_three_or_four_areas_for_an_hour(minutes: int, areas: int) -> None:
    assert capacity(minutes) == areas


def test_staff_plan_puts_mandatory_first_and_takes_only_staff_questions(bank: Bank) -> None:
    staff = person("staff", "S1")
    plan = make_plan(bank, data_with(staff), staff, 45)
    assert plan.criteria == ("A.1", "A.2", "A.3")
    assert plan.items[0].question_ids == ("A.1.q2", "A.1.q3")
    assert plan.items[2].question_ids == ("A.3.q1", "A.3.q2")  # "any" questions too
    assert plan.items[0].why == "mandatory; no service-team staff source yet"
    assert plan.items[2].why.startswith("desirable")
    # B.3 is mandatory but has no staff question: it is left for others and listed first
    assert plan.uncovered[0] == "B.3"
    assert "A.1" not in plan.uncovered
    assert "Expects to cover A.1, A.2, A.3" in plan.summary()
    assert "still without a service-team staff source: B.3" in plan.summary()


def test_criteria_that_already_have_a_source_of_this_role_come_later(bank: Bank) -> None:
    staff, other = person("staff", "S1"), person("staff", "S2")
    earlier = Interview(id="iv-old", interviewee_ids=[other.id])
    turns = [
        Turn(
            interview_id="iv-old",
            n=1,
            question_id="A.3.q1",
            criteria=["A.3"],
            answer="We answer the phone and the chat, and every call is logged.",
        )
    ]
    data = data_with(staff, other, turns=turns, interviews=[earlier])
    plan = make_plan(bank, data, staff, 45)
    assert plan.criteria == ("A.1", "A.2", "B.2")
    longer = make_plan(bank, data, staff, 120)
    assert longer.criteria[-1] == "A.3"
    assert longer.item("A.3").why == "desirable; already has a service-team staff source"


def test_a_plan_reads_no_answer_to_know_who_has_spoken(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first plan on a big assessment must not read every answer (issue 19): who spoke on a
    criterion is enough to rank it."""
    import assistant.core.evidence.sources as sources

    def refuse(text: str) -> None:
        raise AssertionError(f"read {text!r} to make a plan")

    monkeypatch.setattr(sources, "read_cached", refuse)
    staff, other, lead = person("staff", "S1"), person("staff", "S2"), person("lead", "L1")
    turns = [
        Turn(interview_id="iv-old", n=1, criteria=["A.3"], answer="Every call is logged."),
        Turn(interview_id="iv-lead", n=1, criteria=["A.1"], answer="We log every call."),
    ]
    interviews = [
        Interview(id="iv-old", interviewee_ids=[other.id]),
        Interview(id="iv-lead", interviewee_ids=[lead.id]),
    ]
    data = data_with(staff, other, lead, turns=turns, interviews=interviews)
    plan = make_plan(bank, data, staff, 120)
    assert plan.item("A.3").why == "desirable; already has a service-team staff source"
    assert plan.item("A.1").why.endswith("no service-team staff source yet")  # a lead's is not


def test_more_time_means_more_areas(bank: Bank) -> None:
    staff = person("staff", "S1")
    assert len(make_plan(bank, data_with(staff), staff, 60).items) == 4
    assert len(make_plan(bank, data_with(staff), staff, 90).items) == 6


def test_a_stakeholder_takes_lead_questions_where_none_are_for_stakeholders(bank: Bank) -> None:
    k = person("stakeholder", "K1")
    plan = make_plan(bank, data_with(k), k, 120)
    assert plan.item("A.1").question_ids == ("A.1.q4",)
    assert plan.item("A.2").question_ids == ("A.2.q1",)
    assert "lead questions (none for stakeholders)" in plan.item("A.2").why
    assert plan.item("B.3").question_ids == ("B.3.q2",)
    assert "C.1" not in plan.criteria  # staff-only criterion


def test_a_lead_plan_covers_the_mandatory_lead_criteria(bank: Bank) -> None:
    lead = person("lead", "L1")
    plan = make_plan(bank, data_with(lead), lead, 45)
    assert plan.criteria == ("A.1", "A.2", "B.3")


def test_explicit_criteria_are_planned_in_the_given_order(bank: Bank) -> None:
    staff = person("staff", "S1")
    plan = make_plan(bank, data_with(staff), staff, 30, criteria=["C.2", "A.1"])
    assert plan.criteria == ("C.2", "A.1")
    assert plan.items[0].why == "planned before the interview"
    with pytest.raises(PlanError, match="no criterion NOPE"):
        make_plan(bank, data_with(staff), staff, 30, criteria=["NOPE"])


def test_plan_for_interview_uses_its_planned_criteria_and_first_interviewee(bank: Bank) -> None:
    staff = person("staff", "S1")
    iv = Interview(
        id="iv-1", interviewee_ids=[staff.id], planned_criteria=["B.2"], time_box_minutes=30
    )
    data = data_with(staff, interviews=[iv])
    plan = plan_for_interview(bank, data, iv)
    assert (plan.role, plan.criteria, plan.time_box_minutes) == ("staff", ("B.2",), 30)
    fresh = plan_for_interview(bank, data, iv.model_copy(update={"planned_criteria": []}))
    assert fresh.criteria == ("A.1", "A.2", "A.3")


def test_add_drop_and_move_return_new_plans(bank: Bank) -> None:
    staff = person("staff", "S1")
    plan = make_plan(bank, data_with(staff), staff, 45)
    added = plan.add("C.1")
    assert added.criteria == ("A.1", "A.2", "A.3", "C.1")
    assert plan.criteria == ("A.1", "A.2", "A.3")
    assert added.item("C.1").why == "added by the assessor"
    assert "C.1" not in added.uncovered
    assert added.add("C.1") is added
    dropped = added.drop("A.2")
    assert dropped.criteria == ("A.1", "A.3", "C.1")
    assert "A.2" in dropped.uncovered
    assert dropped.move("C.1", 1).criteria == ("C.1", "A.1", "A.3")
    assert dropped.move("A.1", 99).criteria == ("A.3", "C.1", "A.1")
    assert dropped.move("C.1", -5).criteria[0] == "C.1"
    assert "more than" not in plan.summary()
    assert "more than the 3 areas" in added.summary()


def test_adding_a_criterion_without_questions_for_the_role_uses_all_of_them(bank: Bank) -> None:
    staff = person("staff", "S1")
    plan = make_plan(bank, data_with(staff), staff, 45).add("B.1")
    assert plan.item("B.1").question_ids == ("B.1.q1",)
    assert "no staff questions; using all" in plan.item("B.1").why


def test_plan_edits_refuse_what_they_cannot_do(bank: Bank) -> None:
    staff = person("staff", "S1")
    plan = make_plan(bank, data_with(staff), staff, 45)
    with pytest.raises(PlanError, match="not in the plan"):
        plan.drop("C.3")
    with pytest.raises(PlanError, match="not in the plan"):
        plan.move("C.3", 1)
    with pytest.raises(PlanError, match="no criterion"):
        plan.add("Z.9")
    with pytest.raises(PlanError, match="no bank"):
        Plan(role="staff", time_box_minutes=45, items=()).add("A.1")


def test_the_bundled_icss_bank_gives_a_plan_starting_with_mandatory_svc1() -> None:
    bank = read_bank(BANKS / "icss.yaml").bank
    staff = person("staff", "S1")
    plan = make_plan(bank, data_with(staff), staff, 45)
    assert len(plan.items) == 3
    assert plan.criteria[0] == "SVC.1"
    # the implementation question, then the one that lets staff describe the loop
    assert plan.items[0].question_ids == ("SVC.1.q3", "SVC.1.q5")
    assert all(bank.criterion(c).mandatory for c in plan.criteria[:1])


def test_the_summary_names_a_few_uncovered_criteria_and_counts_the_rest() -> None:
    icss = read_bank(BANKS / "icss.yaml").bank
    staff = person("staff", "S1")
    plan = make_plan(icss, data_with(staff), staff, 45)
    assert len(plan.uncovered) > 4
    summary = plan.summary()
    assert f"and {len(plan.uncovered) - 4} more (/plan lists them)" in summary
    assert plan.uncovered[4] not in summary.split("source:")[1]
