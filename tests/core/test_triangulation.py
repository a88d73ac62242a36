"""Lead-versus-staff triangulation on what people said, through the engine and `assessor replay`.

Scripted transcripts (tests/data/triangulation/): a lead's claim against a staff denial (OPS.3),
the same complaints story from both (OPS.2), everyone saying there is no strategy (FIN.2), a
member of staff describing more than the lead (OPS.5), and the contradiction resolved by a
verified observation. Each has its expected status and suggestion.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.core.bank.loader import read_bank
from assistant.core.evidence.pairing import read_pair
from assistant.core.evidence.sources import SourceIndex
from assistant.core.evidence.triangulation import triangulate
from assistant.core.interview.engine import InterviewEngine
from assistant.core.interview.plan import make_plan
from assistant.core.interview.replies import Notice, SuggestionUpdate
from assistant.core.model import (
    Assessment,
    AssessmentData,
    BankPin,
    Interview,
    Interviewee,
    PairReading,
    Turn,
)
from assistant.core.scoring.suggestion import suggest
from assistant.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "tests" / "data" / "triangulation"
BANK = read_bank(ROOT / "question_banks" / "icss.yaml").bank
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

CLAIM = "It's seamless, every channel uses the same CRM, customers always get the same answer."
DENIAL = (
    "We can't see emails at all; the email team use a different system; I have to ask "
    "customers to tell me everything again."
)


def _run(ws: Path, *args: str) -> str:
    code = main(["--workspace", str(ws), *args])
    assert code == 0
    return ""


def _replayed(ws: Path, capsys: pytest.CaptureFixture[str], *names: str) -> str:
    assert main(["--workspace", str(ws), "replay", str(SCRIPTS / "lead.yaml")]) == 0
    out = capsys.readouterr().out
    aid = next(line.split()[1] for line in out.splitlines() if line.startswith("created "))
    for name in names:
        args = ["replay", str(SCRIPTS / f"{name}.yaml"), "--assessment", aid]
        assert main(["--workspace", str(ws), *args]) == 0
    capsys.readouterr()
    return aid


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    return root


def test_replayed_scenarios_get_the_status_and_suggestion_an_assessor_expects(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = _replayed(ws, capsys)
    lead_only = Workspace(ws).load(aid)
    before = {c: suggest(BANK, lead_only, c) for c in ("OPS.3", "OPS.2", "FIN.2", "OPS.5")}
    _replayed_more(ws, aid, "staff", "stakeholder")
    data = Workspace(ws).load(aid)
    index = SourceIndex(BANK, data)
    status = {c: triangulate(BANK, data, c, index).status for c in before}
    assert status == {
        "OPS.3": "contradicted",
        "OPS.2": "corroborated",
        "FIN.2": "corroborated",
        "OPS.5": "corroborated",
    }
    after = {c: suggest(BANK, data, c, index) for c in before}
    # claim vs denial: the suggestion does not rise, the lead's claim is held at the cap
    b, a = before["OPS.3"], after["OPS.3"]
    assert a is not None and b is not None
    assert a.score <= b.score and a.band == "intention" and a.confidence <= b.confidence
    assert any(r.effect == "caps" and "contradicts the lead's claim" in r.text for r in a.reasons)
    assert not any("independent sources agree" in r.text for r in a.reasons)
    # same story: corroborated practice, more sure than the lead alone
    same = after["OPS.2"]
    assert same is not None and same.band == "implementation"
    assert same.score > before["OPS.2"].score  # type: ignore[union-attr]
    # all deny: Intention at its floor, citing the denials, nothing unrelated
    none = after["FIN.2"]
    assert none is not None and none.band == "intention" and none.score == 0
    assert all(r.effect != "supports" for r in none.reasons)
    # staff richer than the lead: no contradiction, and the staff account lifts the lead's claim
    rich = triangulate(BANK, data, "OPS.5", index)
    assert not rich.contradictions and rich.corroborations[0].direction == "same-story"
    assert after["OPS.5"] is not None and after["OPS.5"].band == "implementation"


def _replayed_more(ws: Path, aid: str, *names: str) -> None:
    for name in names:
        args = ["replay", str(SCRIPTS / f"{name}.yaml"), "--assessment", aid]
        assert main(["--workspace", str(ws), *args]) == 0


def test_report_gap_section_lists_the_contradiction_with_both_accounts_and_not_the_agreement(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = _replayed(ws, capsys, "staff")
    out = ws / "r.json"
    assert main(["--workspace", str(ws), "report", aid, "--format", "json", "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    tri = {c["id"]: c["triangulation"] for c in doc["criteria"]}
    assert tri["OPS.3"]["status"] == "contradicted" and tri["OPS.2"]["status"] == "corroborated"
    (pair,) = tri["OPS.3"]["pairs"]
    assert pair["relation"] == "contradicts" and pair["confirmed_by"] is None
    assert pair["lead_turn"].endswith("/1") and pair["other_turn"].endswith("/1")
    assert tri["SVC.1"]["status"] == "not-asked"
    assert [g["criterion_id"] for g in doc["gaps"]] == ["OPS.3"]
    md = ws / "r.md"
    assert main(["--workspace", str(ws), "report", aid, "--format", "md", "--out", str(md)]) == 0
    gap = md.read_text().split("## 5. Leads")[1].split("\n## 6.")[0]
    assert "### OPS.3 Consistent service across channels and sites" in gap
    assert (
        "every channel uses the same CRM" in gap and "the email team use a different system" in gap
    )
    assert "### OPS.2" not in gap and "Open: no verified record" in gap


def test_the_engine_shows_the_contradiction_while_the_staff_member_is_in_the_room(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = _replayed(ws, capsys)
    with Workspace(ws).open(aid, who="Ana Lopez") as session:
        person = session.add_interviewee("staff", title="Adviser")
        iv = session.start_interview([person.id], assessor="Ana Lopez", started=T0)
        plan = make_plan(BANK, session.data, person, 45, criteria=["OPS.3"])
        engine = InterviewEngine(BANK, session, iv.id, plan, clock=lambda: T0)
        engine.start()
        lead_only = engine.suggestion
        replies = engine.submit(DENIAL)
        update = next(r for r in replies if isinstance(r, SuggestionUpdate))
        assert update.status == "contradicted"
        assert "contradicts" in update.alert and "different system" in update.alert
        assert "Contradiction on OPS.3" in update.plain()
        assert engine.triangulation is not None and engine.triangulation.contradicted
        assert update.suggestion is not None and lead_only is not None
        assert update.suggestion.score <= lead_only.score
        # the assessor reads the pair otherwise: their word wins and is stored apart, audited
        listed = engine.submit("/pair")
        assert isinstance(listed[0], Notice) and "1. L1 t1 vs S1 t1: contradicts" in listed[0].text
        changed = engine.submit("/pair 1 silent the email team is out of scope")
        assert "now single-source" in changed[0].plain()
        (reading,) = session.data.pair_readings
        assert reading.relation == "silent" and reading.assessor == "Ana Lopez"
        assert any(e.entity == "pair_reading" for e in session.audit_log())
        assert engine.submit("/pair 1 wrong")[0].plain().startswith("Warning: 'wrong'")
        assert engine.submit("/pair 7 ok")[0].plain().startswith("Warning: no pair 7")
        # a verified observation of the practice resolves the contradiction once it stands again
        engine.submit("/pair 1 ok")
        assert engine.triangulation is not None and engine.triangulation.pairs[0].relation == (
            "contradicts"
        )
        engine.submit("/evidence observation Both teams shown working in one CRM verified")
    data = Workspace(ws).load(aid)
    tri = triangulate(BANK, data, "OPS.3")
    assert tri.status == "contradicted" and tri.resolved
    resolved = suggest(BANK, data, "OPS.3")
    assert resolved is not None and resolved.band == "implementation"
    assert any("resolves the contradiction" in r.text for r in resolved.reasons)


# ------------------------------------------------------------------------- bad input


def _data(turns: list[tuple[str, str, str, list[str], str | None]]) -> AssessmentData:
    """(person code, role, answer, criteria, question id) per turn, one interview per person."""
    people: dict[str, Interviewee] = {}
    interviews: dict[str, Interview] = {}
    out: list[Turn] = []
    for i, (code, role, answer, criteria, qid) in enumerate(turns):
        if code not in people:
            people[code] = Interviewee(id=f"p-{code}", code=code, role=role)  # type: ignore[arg-type]
            interviews[code] = Interview(id=f"iv-{code}", interviewee_ids=[f"p-{code}"], started=T0)
        n = sum(1 for t in out if t.interview_id == f"iv-{code}") + 1
        out.append(
            Turn(
                interview_id=f"iv-{code}",
                n=n,
                answer=answer,
                criteria=criteria,
                question_id=qid,
                answered_at=T0 + timedelta(minutes=i),
            )
        )
    return AssessmentData(
        assessment=Assessment(
            id="a",
            organisation="Org",
            type="certification",
            bank=BankPin(id="icss", version="1", digest="x"),
        ),
        interviewees=list(people.values()),
        interviews=list(interviews.values()),
        turns=out,
    )


def test_bad_input_gets_a_sensible_status_and_no_crash() -> None:
    data = _data(
        [
            ("L1", "lead", CLAIM, ["OPS.3"], None),
            ("L2", "lead", "We log complaints in the case system.", ["OPS.2"], None),
            ("S1", "staff", "Nothing to do with any criterion.", [], None),
            ("S2", "staff", DENIAL, ["OPS.3"], "NOT.A.QUESTION"),
        ]
    )
    index = SourceIndex(BANK, data)
    # a criterion with only one role: single source, and leads only
    one = triangulate(BANK, data, "OPS.2", index)
    assert one.status == "single-source" and one.leads_only and one.not_asked == ["staff"]
    # a turn linked to no criterion informs nothing
    assert all(
        "iv-S1/1" not in triangulate(BANK, data, c.id, index).roles["staff"].turn_keys
        for c in BANK.criteria()
    )
    # a contradiction on an answer with no bank question behind it still counts
    assert triangulate(BANK, data, "OPS.3", index).status == "contradicted"
    # nobody asked at all
    assert triangulate(BANK, data, "SVC.1", index).status == "not-asked"
    # an interviewee whose role changes: their answers follow the new role, and one person is
    # never paired with themself
    moved = data.model_copy(
        update={
            "interviewees": [
                p.model_copy(update={"role": "lead"}) if p.code == "S2" else p
                for p in data.interviewees
            ]
        }
    )
    tri = triangulate(BANK, moved, "OPS.3")
    assert tri.status == "not-asked" and tri.not_asked == ["staff"] and not tri.pairs
    # an assessor's reading of a pair whose turns are gone is ignored
    stale = data.model_copy(
        update={
            "pair_readings": [
                PairReading(
                    criterion_id="OPS.3",
                    lead_turn="iv-X/1",
                    other_turn="iv-Y/1",
                    relation="corroborates",
                )
            ]
        }
    )
    assert triangulate(BANK, stale, "OPS.3").status == "contradicted"


@pytest.mark.parametrize(
    ("lead", "other", "relation"),
    [
        (CLAIM, DENIAL, "contradicts"),
        (
            "Advisers can waive a charge themselves.",
            "I am not allowed to waive anything myself; I have to ask the supervisor.",
            "contradicts",
        ),
        (
            "Delegation limits are the same across all teams.",
            "At the moment the limits vary by team leader.",
            "contradicts",
        ),
        (
            "The knowledge articles are checked every month by their owners.",
            "Some knowledge articles are out of date for months.",
            "contradicts",
        ),
        (
            "We are very proud that complaints are logged in the case system.",
            "Complaints get logged in the case system, I suppose.",
            "corroborates",
        ),
        (
            "We plan to introduce a complaints log next year.",
            "We don't have a complaints log yet.",
            "silent",
        ),
        (
            "If someone cannot use the website we help them at the counter.",
            "We help people at the counter with the website forms every day.",
            "corroborates",
        ),
    ],
)
def test_a_contradiction_is_a_conflict_of_fact_never_of_register(
    lead: str, other: str, relation: str
) -> None:
    data = _data([("L1", "lead", lead, ["OPS.3"], None), ("S1", "staff", other, ["OPS.3"], None)])
    src = SourceIndex(BANK, data).for_criterion("OPS.3")
    found, basis, _ = read_pair(src.turns[0], src.turns[1])
    assert found == relation, basis
    if relation != "silent":
        assert basis and all(b.words for b in basis)  # every reading names what it rests on


def test_the_demo_contradictions_and_corroborations_come_out_right(tmp_path: Path) -> None:
    from datetime import date

    from assistant.core.report.builder import build_report
    from assistant.services.demo import run_demo

    current, _ = run_demo(tmp_path / "demo", today=date(2026, 3, 20))
    data = Workspace(tmp_path / "demo").load(current)
    index = SourceIndex(BANK, data)
    status = {c.id: triangulate(BANK, data, c.id, index).status for c in BANK.criteria()}
    # refund guidance out of date at one site; delegation limits that vary by team leader
    assert status["OPS.3"] == status["LRN.5"] == "contradicted"
    lrn5 = triangulate(BANK, data, "LRN.5", index)
    assert {p.other.code for p in lrn5.contradictions} == {"K1", "S1", "S2"}
    # complaints, standards, satisfaction measurement
    assert status["OPS.2"] == status["SVC.2"] == status["SVC.5"] == "corroborated"
    for cid in ("OPS.3", "LRN.5"):
        s = suggest(BANK, data, cid, index)
        assert s is not None and s.band == "intention"
    report = build_report(BANK, data)
    assert [g.criterion_id for g in report.gaps] == ["OPS.3", "OPS.6", "LRN.5"]
    top = [c.id for c in report.criteria if c.band_id == "integration"]
    strengths = [f.criteria[0] for g in report.findings for f in g.strengths]
    assert sorted(strengths) == sorted(top) and len(top) >= 3
    assert report.summary.strengths == len(top)
