"""`assessor report` and `assessor demo` from the command line: outputs, defaults and errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.core.bank.loader import find_bank
from assistant.core.model import CriterionScore
from assistant.paths import bank_dirs
from assistant.store.workspace import Workspace


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, str]:
    """A workspace with one small ICSS assessment: one interview, one turn, one score."""
    root = tmp_path / "ws"
    root.mkdir()
    ws = Workspace(root)
    loaded = find_bank("icss", bank_dirs(root))
    aid = ws.create_assessment(
        organisation="Test Council", type="certification", bank=loaded, assessors=["A. Assessor"]
    )
    with ws.open(aid, who="A. Assessor") as session:
        person = session.add_interviewee("staff", department="Front desk", site="Main office")
        iv = session.start_interview([person.id])
        session.record_turn(
            iv.id,
            answer="We measure call waits every week against target.",
            question_id="SVC.2.q2",
            criteria=["SVC.2"],
        )
        session.set_score(
            CriterionScore(
                criterion_id="SVC.2", assessor="A. Assessor", score=4, band="implementation"
            )
        )
    return root, aid


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_report_writes_each_format_to_exports(
    workspace: tuple[Path, str], fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root, aid = workspace
    assert main(["--workspace", str(root), "report", aid, "--format", fmt]) == 0
    out = root / "exports" / f"{aid}.{fmt}"
    assert f"wrote {out}" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert ("SVC.2,Service standards" in text) if fmt == "csv" else ("Test Council" in text)
    if fmt == "json":
        assert json.loads(text)["summary"]["scored"] == 1


def test_report_pdf_with_out_and_letter(workspace: tuple[Path, str], tmp_path: Path) -> None:
    root, aid = workspace
    out = tmp_path / "r.pdf"
    assert (
        main(["--workspace", str(root), "report", aid, "--out", str(out), "--page-size", "letter"])
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")


def test_redacted_report_has_no_site_or_department(workspace: tuple[Path, str]) -> None:
    root, aid = workspace
    assert main(["--workspace", str(root), "report", aid, "--format", "md", "--redact"]) == 0
    text = (root / "exports" / f"{aid}-redacted.md").read_text(encoding="utf-8")
    assert "Main office" not in text and "Front desk" not in text


def test_unknown_id_is_one_line_and_exit_1(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _ = workspace
    assert main(["--workspace", str(root), "report", "no-such-id"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no assessment 'no-such-id'" in err


def test_unwritable_path_is_one_line_and_exit_1(
    workspace: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, aid = workspace
    target = tmp_path / "missing-folder" / "r.md"
    assert (
        main(["--workspace", str(root), "report", aid, "--format", "md", "--out", str(target)]) == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not saved" in err and not target.exists()


def test_demo_builds_two_assessments_and_a_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "demo"
    assert main(["demo", "--workspace", str(root)]) == 0
    out = capsys.readouterr().out
    pdf = next((root / "exports").glob("*.pdf"))
    assert f"wrote {pdf}" in out and pdf.read_bytes().startswith(b"%PDF")
    listed = Workspace(root).list_assessments()
    assert len(listed) == 2 and {a.organisation for a in listed} == {"Tidewater Regional Council"}
    current = max(listed, key=lambda a: a.id)
    assert main(["--workspace", str(root), "report", current.id, "--format", "json"]) == 0
    report = json.loads((root / "exports" / f"{current.id}.json").read_text())
    assert report["summary"]["scored"] == 24 and report["history"] is not None
    assert len(report["method"]["people_list"]) >= 6
    assert {p["role"] for p in report["method"]["people_list"]} == {
        "department lead",
        "key stakeholder",
        "service-team staff",
    }
    # a second run refuses to pile up demos unless --force
    assert main(["demo", "--workspace", str(root)]) == 1
    assert "--force" in capsys.readouterr().err
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Change since the previous assessment" in text


def test_out_dash_writes_the_report_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    ws = tmp_path / "ws"
    assert main(["demo", "--workspace", str(ws)]) == 0
    capsys.readouterr()
    aid = sorted(p.name for p in (ws / "sessions").iterdir() if p.is_dir())[-1]
    assert main(["report", aid, "--format", "md", "--out", "-", "--workspace", str(ws)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ICSS assessment report") and "wrote" not in out
    assert not (tmp_path / "-").exists() and not (ws / "-").exists()
