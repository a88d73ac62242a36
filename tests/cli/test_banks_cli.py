"""The `assessor banks` commands as a user runs them: output, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_both_bundled_banks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "banks", "list")
    assert code == 0
    assert "icss" in out and "24 criteria" in out and "icxs2019" in out


def test_show_outline_and_criterion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "banks", "show", "icss")
    assert code == 0 and "Financial / Governance" in out and "[M]" in out
    code, out, _ = run(capsys, "banks", "show", "icss", "--criterion", "SVC.1")
    assert code == 0 and "Intention 0-2:" in out and "show me:" in out


def test_show_unknown_bank_and_criterion(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "banks", "show", "nope")
    assert code == 1 and err.startswith("assessor: no bank with id 'nope'") and err.count("\n") == 1
    code, _, err = run(capsys, "banks", "show", "icss", "--criterion", "ZZ.9")
    assert code == 1 and "no criterion 'ZZ.9'" in err


def test_validate_bundled_banks_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "banks", "validate")
    assert code == 0
    assert "icss.yaml: ok (24 criteria)" in out


def test_validate_reports_every_problem_in_a_broken_copy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (ROOT / "question_banks" / "icss.yaml").read_text(encoding="utf-8")
    broken = text.replace("audience: staff", "audience: frontline", 1)
    broken = broken.replace("mandatory: true", "mandatory: sometimes", 1)
    assert "\n      min: 3\n" in broken
    broken = broken.replace("\n      min: 3\n", "\n      min: 4\n", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    code, out, _ = run(capsys, "banks", "validate", str(path))
    lines = out.strip().splitlines()
    assert code == 1
    assert any("audience: must be one of lead, stakeholder, staff, any" in line for line in lines)
    assert any("mandatory: must be true or false" in line for line in lines)
    assert any("scale.bands[1].min: gap" in line for line in lines)
    assert all(str(path) in line for line in lines)


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "banks", "schema")
    assert code == 0 and out.startswith("{") and '"Question"' in out


def test_wrong_usage_exits_2_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "banks", "frobnicate"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "invalid choice" in proc.stderr


def test_version_and_help_list_commands() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "--help"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "banks" in proc.stdout
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "--version"], capture_output=True, text=True
    )
    assert proc.stdout.startswith("assessor ")
