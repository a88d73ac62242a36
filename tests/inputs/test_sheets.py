"""Tests for reading input sheets: XLSX oddities and CSV encodings, with one line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheets_util import workbook

from assistant.core.inputs.library import COLUMNS as LIBRARY
from assistant.core.inputs.selfassess import COLUMNS as SELF
from assistant.store.sheets import MAX_BYTES, SheetError, read_table

HEAD = ["Criterion", "Self score", "Commentary", "Evidence"]


def test_the_first_sheet_with_the_columns_is_read_and_named(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "sa.xlsx",
        [HEAD, ["SVC.1", 7, "We do it", "E1"]],
        title="Self-assessment",
        before=[("Instructions", [["Fill in the next sheet"]])],
    )
    table = read_table(path, SELF)
    assert table.sheet == "Self-assessment"
    assert table.rows[0].values[:2] == ("SVC.1", 7)
    assert any(
        "read sheet 'Self-assessment'" in n.text and "'Instructions'" in n.text for n in table.notes
    )


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = workbook(tmp_path / "sa.xlsx", [["Acme self-assessment 2025"], [], HEAD, ["SVC.1", 7]])
    table = read_table(path, SELF)
    assert table.header_row == 3
    assert table.rows[0].number == 4


def test_merged_cells_repeat_their_value_and_are_reported(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "sa.xlsx",
        [HEAD, ["SVC.1", 7, "Shared commentary"], ["SVC.2", 6, None]],
        merge=["C2:C3"],
    )
    table = read_table(path, SELF)
    assert table.rows[1].values[2] == "Shared commentary"
    (note,) = [n for n in table.notes if "C2:C3" in n.where]
    assert "merged" in note.text and "rows 2-3" in note.text


def test_formulas_give_their_saved_value_or_a_problem_on_the_cell(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "sa.xlsx",
        [HEAD, ["SVC.1", "=3+4", "x"], ["SVC.2", "=2*3", "y"]],
        cached={"B2": "7"},
    )
    table = read_table(path, SELF)
    assert table.rows[0].values[1] == 7
    assert table.rows[0].bad == {}
    assert "no saved value" in table.rows[1].bad[1] and "=2*3" in table.rows[1].bad[1]


def test_a_workbook_without_the_columns_is_one_line(tmp_path: Path) -> None:
    path = workbook(tmp_path / "sa.xlsx", [["Name", "Colour"], ["a", "b"]], title="Data")
    with pytest.raises(
        SheetError, match=r"^sa.xlsx: no sheet has a 'criterion' and 'self-score' column .*'Data'"
    ):
        read_table(path, SELF)


def test_a_file_over_the_size_cap_is_refused_in_one_line(tmp_path: Path) -> None:
    big = tmp_path / "huge.xlsx"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    assert big.stat().st_size > MAX_BYTES
    with pytest.raises(SheetError, match=r"^huge.xlsx: 20.0 MB is over the 10 MB"):
        read_table(big, SELF)


def test_damaged_and_old_formats_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SheetError, match=r"^bad.xlsx: not a readable .xlsx workbook"):
        read_table(bad, SELF)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0rest")
    with pytest.raises(SheetError, match=r"save it as .xlsx or .csv"):
        read_table(old, SELF)
    with pytest.raises(SheetError, match="no such file"):
        read_table(tmp_path / "missing.csv", SELF)


def test_csv_with_a_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "sa.csv"
    path.write_bytes("\ufeffCriterion;Self score;Commentary\nSVC.1;7;Déjà vu\n".encode())
    table = read_table(path, SELF)
    assert table.headers[0] == "Criterion"
    assert table.rows[0].values == ("SVC.1", "7", "Déjà vu")
    assert table.notes == []


def test_csv_in_windows_1252_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "lib.csv"
    path.write_bytes("Id,Title,Owner\nE1,Politique qualité – 2025,Zoë\n".encode("cp1252"))
    table = read_table(path, LIBRARY)
    assert table.rows[0].values == ("E1", "Politique qualité – 2025", "Zoë")
    assert "read as Windows-1252" in table.notes[0].text


def test_csv_in_utf16_as_excel_saves_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "lib.csv"
    path.write_bytes("Id\tTitle\nE1\tCharter\n".encode("utf-16"))
    table = read_table(path, LIBRARY)
    assert table.rows[0].values == ("E1", "Charter")
