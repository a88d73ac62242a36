"""`assessor practice` as a user runs it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from practice_helpers import write

from assistant.cli import main

SCRIPT = """\
asks:
  - {person: L1, question_id: PRC.3.q1}
  - {person: S1, question: "what happens when the same complaint keeps coming up?"}
  - {show_me: true}
scores: {POL.1: 1, PRD.2: 5, POL.3: 3, PRC.3: 6, PPL.2: 2, MEA.4: 5}
"""


@pytest.fixture(autouse=True)
def _workspace_folder(tmp_path: Path) -> None:
    (tmp_path / "workspace").mkdir()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "practice", "list", "--json")
    cases = {c["id"]: c for c in json.loads(out)}
    assert code == 0 and len(cases) >= 5
    assert cases["icss-riverbend-council"] == {
        "id": "icss-riverbend-council",
        "bank": "icss",
        "title": "Riverbend District Council, customer services",
        "people": ["L1", "K1", "S1"],
        "criteria": ["FIN.2", "SVC.2", "OPS.2", "SVC.5", "LRN.5", "OPS.5"],
    }


def test_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "practice", "validate")
    assert code == 0 and out.strip() == "ok"
    bad = write(tmp_path / "x.yaml", "id: x\nbank: icss\n")
    code, _, err = run(capsys, "practice", "validate", str(bad))
    assert code == 1 and "x.yaml: title: required field missing" in err


def test_run_report_json_and_md(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = write(tmp_path / "s.yaml", SCRIPT)
    code, out, _ = run(
        capsys,
        "practice",
        "run",
        "icxs-harbourside-hotels",
        "--trainee",
        "Ann",
        "--script",
        str(script),
    )
    aid = out.strip()
    assert code == 0 and aid.startswith("harbourside-hotels")
    code, out, _ = run(capsys, "practice", "report", aid, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["trainee"] == "Ann" and doc["band_agreement"] == 1.0
    assert doc["within_one"] == 1.0 and 0.9 < doc["weighted_kappa"] < 1
    prc = next(c for c in doc["criteria"] if c["id"] == "PRC.3")
    assert (
        prc["trainee_score"] == 6
        and prc["reference_score"] == 7
        and prc["missed"]
        == [
            "you did not probe S1 for a measure, which would have shown: the counts are checked "
            "every month to confirm the fix holds"
        ]
    )
    md = tmp_path / "cal.md"
    code, out, _ = run(capsys, "practice", "report", aid, "--format", "md", "-o", str(md))
    assert code == 0 and "### PRC.3 Complaint and feedback handling process" in md.read_text()
    code, out, _ = run(capsys, "practice", "progress", "Ann")
    assert code == 0 and aid in out
    code, out, _ = run(capsys, "practice", "cohort", "icxs-harbourside-hotels")
    assert code == 0 and "ICC(2,1)" in out and "Ann" in out


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is not installed")
def test_report_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    script = write(tmp_path / "s.yaml", SCRIPT)
    run(
        capsys,
        "practice",
        "run",
        "icxs-harbourside-hotels",
        "--trainee",
        "Ann",
        "--script",
        str(script),
    )
    code, out, _ = run(capsys, "practice", "list")
    aid = next(a for a in (tmp_path / "workspace" / "sessions").iterdir()).name
    pdf = tmp_path / "cal.pdf"
    code, out, err = run(capsys, "practice", "report", aid, "--format", "pdf", "-o", str(pdf))
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Calibration: Harbourside Hotels" in text and "Expert" in text


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "practice", "report", "nope")
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "practice", "start", "no-such-case", "--plain", "--trainee", "A")
    assert code == 1 and "no practice case 'no-such-case'" in err
    bad = write(tmp_path / "s.yaml", "asks:\n  - {person: S3, question: hi}\nscores: {}\n")
    code, _, err = run(
        capsys, "practice", "run", "icss-brightwell-leisure", "--trainee", "A", "--script", str(bad)
    )
    assert code == 1 and "asks[0].person: no one called S3" in err and err.count("\n") == 1
