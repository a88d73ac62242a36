"""A workbook written by LibreOffice (not openpyxl) imports: its formulas carry saved values.

Skipped when LibreOffice (`soffice`) is not installed; it takes a few seconds when it is.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.inputs.selfassess import COLUMNS, read_self_assessment
from assistant.core.model import now
from assistant.store.sheets import read_table

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_libreoffice_workbook_with_a_formula_imports(tmp_path: Path) -> None:
    csv = tmp_path / "sa.csv"
    csv.write_text(
        "Attribute ID,Self score,Commentary\n"
        "SVC.1,=4+4,Complaints are logged daily and reported monthly to the board.\n"
        "SVC.2,3,We plan to start a panel.\n",
        encoding="utf-8",
    )
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(csv),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    book = tmp_path / "sa.xlsx"
    if done.returncode != 0 or not book.exists():
        pytest.skip(f"LibreOffice could not convert here: {done.stderr[-200:]!r}")
    table = read_table(book, COLUMNS)
    bank = find_bank("icss", paths.bank_dirs()).bank
    got = read_self_assessment(table, bank, now())
    assert got.problems == ()
    assert [(e.criterion_id, e.score) for e in got.entries] == [("SVC.1", 8), ("SVC.2", 3)]
