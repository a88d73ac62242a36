"""`assessor comment | recommend | narrative`, `report --working-papers` and `new` with a profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.cli import main
from assistant.core.bank.loader import find_bank
from assistant.core.model import CriterionScore, OpenItem
from assistant.paths import bank_dirs
from assistant.store.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, str]:
    """A small ICSS certification assessment led by A. Assessor, with B. Second on the team."""
    root = tmp_path / "ws"
    root.mkdir()
    ws = Workspace(root)
    aid = ws.create_assessment(
        organisation="Test Council",
        type="certification",
        bank=find_bank("icss", bank_dirs(root)),
        assessors=["A. Assessor", "B. Second"],
        lead_assessor="A. Assessor",
    )
    with ws.open(aid, who="A. Assessor") as session:
        person = session.add_interviewee("staff", department="Front desk", site="Main office")
        iv = session.start_interview([person.id])
        session.record_turn(
            iv.id,
            answer="We measure call waits every week against target and report them monthly.",
            question_id="SVC.2.q2",
            criteria=["SVC.2"],
        )
        session.set_score(
            CriterionScore(
                criterion_id="SVC.2", assessor="A. Assessor", score=4, band="implementation"
            )
        )
        session.add_open_item(
            OpenItem(kind="claim", text="Ask for the weekly wait report", criteria=["SVC.2"])
        )
    return root, aid


def run(root: Path, *args: str) -> int:
    return main(["--workspace", str(root), *args])


def test_comment_draft_accept_write_and_check(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, aid = workspace
    assert run(root, "comment", aid, "SVC.2", "--draft") == 0
    draft = capsys.readouterr().out
    assert "S1 (turn 1)" in draft and "What would lift it" in draft
    assert run(root, "comment", aid, "--check") == 1
    assert "SVC.2: no commentary yet" in capsys.readouterr().out
    assert run(root, "comment", aid, "SVC.2", "--accept-draft") == 0
    assert run(root, "comment", aid, "SVC.1", "TBD") == 0
    assert "warning: the commentary is a placeholder" in capsys.readouterr().err
    assert run(root, "comment", aid, "--check") == 1
    out = capsys.readouterr().out
    assert "SVC.2" not in out and "SVC.1: commentary is a placeholder" in out
    data = Workspace(root).load(aid)
    (decided,) = [s for s in data.scores if s.criterion_id == "SVC.2" and s.comment]
    assert decided.score == 4 and decided.comment.startswith("Implementation:")


def test_comment_on_an_unknown_criterion_is_one_line(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, aid = workspace
    assert run(root, "comment", aid, "NOPE.9", "Some text citing S1.") != 0
    err = capsys.readouterr().err
    assert "NOPE.9" in err and "Traceback" not in err


def test_recommend_needs_the_lead_and_a_reason_and_reaches_the_report(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, aid = workspace
    args = ["recommend", aid, "--outcome", "conditions"]
    assert run(root, *args, "--reason", "short") != 0
    assert "reason" in capsys.readouterr().err
    reason = "Every mandatory attribute is on track; the open evidence is due in May."
    assert run(root, *args, "--reason", reason, "--as", "B. Second") != 0
    assert "only the lead assessor" in capsys.readouterr().err
    assert run(root, *args, "--reason", reason, "--condition", "Send the wait report.") == 0
    assert run(root, "report", aid, "--format", "md") == 0
    md = (root / "exports" / f"{aid}.md").read_text(encoding="utf-8")
    assert "### Recommendation: Recommended for certification, with conditions" in md
    assert "Set by the lead assessor, A. Assessor" in md and "Send the wait report." in md


def test_narrative_paragraph_replaces_the_draft(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, aid = workspace
    text = "Service standards are published and waits are measured weekly (S1)."
    assert run(root, "narrative", aid, "SVC", text) == 0
    assert run(root, "narrative", aid, "NOPE", text) != 0
    assert "narrative" in capsys.readouterr().err
    assert run(root, "report", aid, "--format", "md") == 0
    md = (root / "exports" / f"{aid}.md").read_text(encoding="utf-8")
    assert f"**Service.** {text}" in md


def test_working_papers_hold_what_the_client_report_leaves_out(
    workspace: tuple[Path, str],
) -> None:
    root, aid = workspace
    assert run(root, "report", aid, "--working-papers") == 0
    papers = (root / "exports" / f"{aid}-working-papers.md").read_text(encoding="utf-8")
    assert "Ask for the weekly wait report" in papers and "not part of the client report" in papers
    assert run(root, "report", aid, "--format", "md") == 0
    md = (root / "exports" / f"{aid}.md").read_text(encoding="utf-8")
    assert "Ask for the weekly wait report" not in md and "oi-" not in md
    assert "Show evidence of" in md or "Provide the weekly wait report" in md


def test_new_takes_an_organisation_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    args = ["new", "--org", "Harbour Water", "--type", "gap-analysis", "--bank", "icxs2019"]
    args += ["--assessor", "A. Assessor", "--sector", "Water utility", "--size", "900 staff"]
    args += ["--channel", "phone", "--channel", "web", "--customer-group", "households"]
    assert run(root, *args) == 0
    aid = capsys.readouterr().out.strip()
    profile = Workspace(root).load(aid).assessment.profile
    assert (profile.sector, profile.size) == ("Water utility", "900 staff")
    assert profile.channels == ["phone", "web"] and profile.customer_groups == ["households"]
    assert run(root, "report", aid, "--format", "md") == 0
    md = (root / "exports" / f"{aid}.md").read_text(encoding="utf-8")
    assert "| Sector | Water utility |" in md
    assert "A gap analysis issues no certificate." in md
