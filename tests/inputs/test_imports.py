"""Tests for importing a self-assessment and an evidence library into an assessment.

Bad rows are named (file, row, column) and left out, the rest imported; re-imports update by
id with audit and never replace an assessor's verification. Fixed clock: same on any date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sheets_util import workbook

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.errors import AssessorError
from assistant.core.interview.plan import make_plan
from assistant.core.model import CriterionScore, Stamps, counting_token
from assistant.services.evidence_library import import_library, register, verify
from assistant.services.opening import OpenAssessment, open_assessment
from assistant.services.selfassess import import_self_assessment, variance_rows
from assistant.store import Workspace

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
SELF_HEAD = ["Attribute ID", "Self-score", "Commentary", "Evidence references", "Perspective"]
PRACTICE = (
    "Every complaint is logged the day it arrives and we report the monthly figures to the "
    "board; for example last month 96% were answered within two days."
)
PLANS = "We plan to introduce a complaints policy next year."
IMPROVEMENT = (
    "We review the complaint figures every quarter and, because of what they showed, we "
    "changed the scripts across all teams; the results have held for two years."
)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[OpenAssessment]:
    root = tmp_path / "ws"
    root.mkdir()
    ws = Workspace(root, stamps=Stamps(clock=lambda: NOW, token=counting_token()))
    bank = find_bank("icss", paths.bank_dirs())
    aid = ws.create_assessment(
        organisation="Acme",
        type="certification",
        bank=bank,
        assessors=["amy"],
        lead_assessor="amy",
        who="amy",
    )
    o = open_assessment(ws, aid)
    yield o
    o.session.close()


def self_book(tmp_path: Path, rows: list[list[object]], name: str = "sa.xlsx") -> Path:
    return workbook(tmp_path / name, [SELF_HEAD, *rows], title="Self-assessment")


def test_a_workbook_is_read_scored_and_compared_largest_gap_first(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    path = self_book(
        tmp_path,
        [
            ["SVC.1", 5, PRACTICE, "E1; E2", "Service"],
            ["SVC.2", 9, PLANS, "E3", "Service"],
            ["svc.3", 8, IMPROVEMENT, "", "Service"],
            ["SVC.4", 6, "", "", "Service"],
        ],
    )
    result = import_self_assessment(opened, path)
    assert (result.added, result.changed, result.skipped, result.problems) == (4, 0, 0, ())
    assert result.where == ", sheet 'Self-assessment'"
    saved = {s.criterion_id: s for s in opened.data.self_assessment}
    assert saved["SVC.2"].reading_band == "intention"
    assert saved["SVC.1"].reading_band == "implementation"
    assert saved["SVC.3"].evidence_refs == []
    assert saved["SVC.1"].evidence_refs == ["E1", "E2"]
    assert saved["SVC.1"].source == "sa.xlsx, sheet 'Self-assessment', row 2"
    assert saved["SVC.4"].reading_score is None
    rows = variance_rows(opened.bank, opened.data)
    assert rows[0].criterion_id == "SVC.2" and rows[0].overstated
    assert rows[0].basis == "reading"
    assert rows[0].gap == 9 - saved["SVC.2"].reading_score
    assert [r.bands_apart for r in rows] == sorted((r.bands_apart for r in rows), reverse=True)
    svc4 = next(r for r in rows if r.criterion_id == "SVC.4")
    assert svc4.basis == "nothing" and svc4.gap == 6

    # the assessor's decision replaces the reading as what the self-score is set against
    opened.session.set_score(CriterionScore(criterion_id="SVC.2", assessor="amy", score=8))
    after = {r.criterion_id: r for r in variance_rows(opened.bank, opened.data)}
    assert after["SVC.2"].basis == "assessor" and after["SVC.2"].gap == 1


def test_bad_rows_are_named_and_the_rest_imported(opened: OpenAssessment, tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "sa.xlsx",
        [
            SELF_HEAD + ["Colour"],
            ["SVC.1", 7, PRACTICE, "", "", "red"],
            ["SVC.99", 5, "x", "", "", ""],
            ["SVC.2", "=2*4", "y", "", "", ""],
            ["SVC.3", "lots", "z", "", "", ""],
            ["SVC.1", 3, "again", "", "", ""],
            ["", 4, "no id", "", "", ""],
        ],
    )
    result = import_self_assessment(opened, path)
    assert result.added == 1 and result.skipped == 5
    text = "\n".join(result.problems)
    assert "sa.xlsx: header row: column F 'Colour' not recognised" in text
    assert "sa.xlsx: row 3, column A 'Attribute ID': criterion 'SVC.99' is not in bank icss" in text
    assert "(did you mean SVC." in text
    assert "sa.xlsx: row 4, column B 'Self-score': formula =2*4 has no saved value" in text
    assert "sa.xlsx: row 5, column B 'Self-score': 'lots' is not a score" in text
    assert "sa.xlsx: row 6, column A 'Attribute ID': SVC.1 already given on row 2" in text
    assert "sa.xlsx: row 7, column A 'Attribute ID': no criterion id" in text
    assert [s.criterion_id for s in opened.data.self_assessment] == ["SVC.1"]


def test_a_file_without_a_required_column_imports_nothing(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    path = tmp_path / "sa.csv"
    path.write_text("Criterion,Grade,Commentary\nSVC.1,7,x\n", encoding="utf-8")
    with pytest.raises(AssessorError, match="no sheet|no header row"):
        import_self_assessment(opened, path)
    assert opened.data.self_assessment == []


def test_reimport_updates_by_criterion_with_audit_and_keeps_what_a_bad_row_would_replace(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    import_self_assessment(
        opened, self_book(tmp_path, [["SVC.1", 7, PRACTICE, "E1"], ["SVC.2", 6, PLANS, ""]])
    )
    second = self_book(
        tmp_path, [["SVC.1", 8, PRACTICE, "E1"], ["SVC.2", "n/a", PLANS, ""]], "v2.xlsx"
    )
    result = import_self_assessment(opened, second)
    assert (result.added, result.changed, result.unchanged, result.skipped) == (0, 1, 0, 1)
    saved = {s.criterion_id: s for s in opened.data.self_assessment}
    assert saved["SVC.1"].score == 8
    assert saved["SVC.2"].score == 6  # the bad row did not touch what was saved
    log = [e for e in opened.session.audit_log() if e.entity == "self_assessment"]
    change = next(e for e in log if e.field == "score" and e.entity_id == "SVC.1")
    assert (change.old, change.new, change.why) == ("7", "8", "imported from v2.xlsx")
    # it is on disk, not only in memory
    reread = opened.session.layout.assessment.read_text(encoding="utf-8")
    assert '"score": 8.0' in reread


LIB_HEAD = ["ID", "Title", "Owner", "Date", "Version", "Location", "Criteria"]


def test_the_evidence_library_builds_the_register_with_stale_items(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "library.xlsx",
        [
            LIB_HEAD,
            [
                "E1",
                "Service charter",
                "Head of CX",
                date(2025, 3, 1),
                "3",
                "SharePoint/CX",
                "SVC.1",
            ],
            ["E2", "Complaints log", "Ops", "31/12/2022", "", "", "SVC.1, SVC.2"],
            ["E3", "Survey results", "Insight", "2025-01", "1", "", ""],
            ["E4", "Panel notes", "", 45000, "", "", ""],
            [None, "Untitled", "", "", "", "", ""],
            ["E5", "Bad date", "", "someday", "", "", ""],
            ["E6", "Wrong criterion", "", "", "", "", "NOPE.1"],
            ["E7", "From the future", "", "2026-01-01", "", "", ""],
        ],
    )
    result = import_library(opened, path)
    assert (result.added, result.skipped) == (4, 4)
    text = "\n".join(result.problems)
    assert "library.xlsx: row 6, column A 'ID': no evidence id; row not imported" in text
    assert "library.xlsx: row 7, column D 'Date': 'someday' is not a date" in text
    assert (
        "library.xlsx: row 8, column G 'Criteria': criterion 'NOPE.1' is not in bank icss" in text
    )
    assert "library.xlsx: row 9, column D 'Date': 2026-01-01 is in the future" in text
    rows = {r.evidence.library_id: r for r in register(opened.bank, opened.data)}
    assert rows["E1"].evidence.dated == date(2025, 3, 1)
    assert rows["E1"].evidence.reference == "SharePoint/CX"
    assert rows["E1"].stale == ""
    assert rows["E2"].evidence.criteria == ["SVC.1", "SVC.2"]
    assert rows["E2"].stale.startswith(
        "stale: dated 2022-12-31, more than 12 months before 2025-06-02"
    )
    assert rows["E4"].evidence.dated == date(2023, 3, 15) and rows["E4"].stale
    assert rows["E3"].stale == ""


def test_reimport_keeps_the_assessors_verification_and_says_when_it_needs_checking(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    first = workbook(
        tmp_path / "lib.xlsx", [LIB_HEAD, ["E1", "Charter", "CX", "2025-03-01", "3", "", ""]]
    )
    import_library(opened, first)
    verify(opened, "e1", "amy")
    second = workbook(
        tmp_path / "lib2.xlsx", [LIB_HEAD, ["E1", "Charter", "CX", "2025-05-01", "4", "", ""]]
    )
    result = import_library(opened, second)
    assert result.changed == 1
    (item,) = opened.data.evidence
    assert item.version == "4"
    assert (item.verified, item.verified_by, item.verified_at) == (True, "amy", NOW)
    assert any("since it was verified by amy on 2025-06-02" in p for p in result.problems)
    log = [e for e in opened.session.audit_log() if e.entity == "evidence" and e.field == "version"]
    assert (log[-1].old, log[-1].new) == ("3", "4")
    again = import_library(opened, second)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 1)


def test_the_plan_asks_about_the_most_overstated_criteria_first_and_for_their_evidence(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    import_library(
        opened,
        workbook(
            tmp_path / "lib.xlsx", [LIB_HEAD, ["E3", "Customer panel minutes", "", "", "", "", ""]]
        ),
    )
    import_self_assessment(
        opened,
        self_book(
            tmp_path,
            [["SVC.1", 4, PRACTICE, "E1"], ["SVC.2", 9, PLANS, "E3, E9"]],
        ),
    )
    person = opened.session.add_interviewee("lead")
    plan = make_plan(opened.bank, opened.data, person, 45)
    first = plan.items[0]
    assert first.criterion_id == "SVC.2"
    assert "self-score 9" in first.why and "overstated" in first.why
    assert first.evidence_probe == (
        "Your self-assessment cites E3 (Customer panel minutes) and E9: could I see them?"
    )
    svc1 = next((i for i in plan.items if i.criterion_id == "SVC.1"), None)
    assert svc1 is None or svc1.evidence_probe.startswith("Your self-assessment cites E1:")
    assert all(
        i.evidence_probe == "" for i in plan.items if i.criterion_id not in ("SVC.1", "SVC.2")
    )
    # a plan fixed before the interview carries the probes too
    fixed = make_plan(opened.bank, opened.data, person, 45, criteria=["SVC.2"])
    assert fixed.items[0].evidence_probe == first.evidence_probe


def test_the_report_compares_the_self_assessment_and_lists_schedule_and_stale_evidence(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    from assistant.core.report.builder import build_report
    from assistant.export.markdown import to_markdown
    from assistant.services.scope import add_slot, make_slot, save_scope, scoped

    import_self_assessment(
        opened, self_book(tmp_path, [["SVC.1", 5, PRACTICE, "E1"], ["SVC.2", 9, PLANS, "E2"]])
    )
    import_library(
        opened,
        workbook(
            tmp_path / "lib.xlsx",
            [
                LIB_HEAD,
                ["E1", "Charter", "CX", "2025-03-01", "3", "", ""],
                ["E2", "Old log", "Ops", "2020-01-01", "", "", ""],
            ],
        ),
    )
    save_scope(
        opened,
        scoped(
            opened.data.assessment.scope,
            visit=["Head office"],
            skip=["Depot"],
            rationale="Depot follows head office",
        ),
    )
    add_slot(
        opened,
        make_slot(opened.bank, day="2025-06-03", time="9:30", role="staff", site="Head office"),
    )
    report = build_report(opened.bank, opened.data)
    assert report.self_assessment is not None
    assert report.self_assessment.rows[0].criterion_id == "SVC.2"
    md = to_markdown(report)
    heading = re.search(r"^## ([0-9]+)a\. Self-assessment compared$", md, flags=re.M)
    assert heading is not None
    after = re.search(rf"^## {int(heading[1]) + 1}\. ", md, flags=re.M)
    assert after is not None and after.start() > heading.start()
    assert md.rindex(f"## {heading[1]}. ", 0, heading.start()) < heading.start()
    section = md[heading.start() : after.start()]
    assert section.index("SVC.2") < section.index("SVC.1")
    assert (
        "### Interviews planned" in md
        and "| 2025-06-03 | 09:30 | Head office | Service-team staff | 45 |" in md
    )
    assert "no department lead interview planned for mandatory" in md
    assert "2020-01-01 (**stale**)" in md and "2025-03-01, v3 |" in md
    redacted = to_markdown(build_report(opened.bank, opened.data, redact=True))
    assert "Head office" not in redacted and "| Ops |" not in redacted


def test_plan_command_in_the_interview_shows_the_evidence_probe(
    opened: OpenAssessment, tmp_path: Path
) -> None:
    from assistant.services import interviews

    import_self_assessment(opened, self_book(tmp_path, [["SVC.2", 9, PLANS, "E3"]]))
    person = opened.session.add_interviewee("lead")
    plan = interviews.propose_plan(opened, person, 45)
    interview = interviews.start_interview(opened, person, plan, 45)
    engine = interviews.engine_for(opened, interview.id, plan, clock=lambda: NOW)
    text = "\n".join(r.plain() for r in engine.submit("/plan"))
    assert "1. SVC.2 " in text
    assert "   Ask: Your self-assessment cites E3: could I see it?" in text
