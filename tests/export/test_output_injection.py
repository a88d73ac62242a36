"""Output injection: CSV cells cannot become formulas or rows, stored text reaches the terminal
without control codes, SVG and HTML exports drop control characters, and banks with non-finite
or absurd numbers fail `banks validate` instead of printing ``nan / 10``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from report_sample import sample_bank, sample_data

from assistant.cli import main
from assistant.core.bank.loader import BankError, parse_bank
from assistant.core.report.builder import build_report
from assistant.export.charts import _svg, _text
from assistant.export.html import to_html
from assistant.export.tabular import cell, csv_row, to_csv

ROOT = Path(__file__).resolve().parents[2]
ICSS = (ROOT / "question_banks" / "icss.yaml").read_text(encoding="utf-8")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.mark.parametrize(
    "text",
    ["ok\r=cmd|' /C calc'!A0", "line\n=1+1", "=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx"],
)
def test_a_csv_cell_never_starts_a_row_or_a_formula(text: str) -> None:
    line = csv_row(["id", cell(text), 3])
    rows = list(csv.reader(io.StringIO(line)))
    assert len(rows) == 1 and len(rows[0]) == 3  # the CR/LF stayed inside its quoted cell
    value = rows[0][1]
    assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert line.split(",", 1)[1].startswith('"')  # every such cell is quoted


def test_the_csv_export_quotes_a_comment_with_a_carriage_return() -> None:
    data = sample_data()
    data.scores[0].comment = "fine\r=cmd|' /C calc'!A0"
    out = to_csv(build_report(sample_bank(), data))
    assert "\r=cmd" not in out.replace('"fine\r=cmd', "")
    rows = list(csv.reader(io.StringIO(out)))
    assert all(len(r) == len(rows[0]) for r in rows)


def test_svg_labels_and_the_html_report_drop_control_characters() -> None:
    svg = _svg(100, 50, [_text(1, 2, "Bad\x1b[31m\x07label\x00")], "chart\x1b]0;x\x07")
    assert not CONTROL.search(svg) and "label" in svg
    data = sample_data()
    data.assessment.organisation = "Evil\x1b[2J\x07 Org\x85"
    html = to_html(build_report(sample_bank(), data))
    assert not CONTROL.search(html) and "Evil" in html


def test_list_show_and_banks_show_strip_terminal_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    org = "Evil\x1b]0;pwned\x07\x1b[2J Org\u202e"
    assert (
        main(
            ["--workspace", str(root), "new", "--org", org, "--type", "practice", "--bank", "icss"]
        )
        == 0
    )
    aid = capsys.readouterr().out.strip()
    assert main(["--workspace", str(root), "list"]) == 0
    assert main(["--workspace", str(root), "show", aid]) == 0
    bank = tmp_path / "evil.yaml"
    bank.write_text(ICSS.replace("title: ICSS", 'title: "ICSS \\e[31mred\\a"', 1))
    main(["banks", "show", str(bank)])
    out = capsys.readouterr()
    assert "Evil" in out.out and "pwned" in out.out
    assert "\x1b" not in out.out + out.err and "\x07" not in out.out and "\u202e" not in out.out


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("weight: ", "weight: .nan #", "weight: input should be a finite number"),
        ("weight: ", "weight: .inf #", "weight: input should be a finite number"),
        ("weight: ", "weight: 1e308 #", "weight"),
        ("    max: 10", "    max: 1e308", "max"),
        ("    min: 0", "    min: .nan", "min"),
    ],
)
def test_banks_refuse_non_finite_and_absurd_numbers(old: str, new: str, field: str) -> None:
    assert old in ICSS
    with pytest.raises(BankError) as info:
        parse_bank(ICSS.replace(old, new, 1), "b.yaml")
    assert any(field in p and p.startswith("b.yaml") for p in info.value.problems)


def test_banks_validate_fails_on_a_nan_weight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ICSS.replace("weight: ", "weight: .nan #", 1))
    assert main(["banks", "validate", str(bad)]) == 1
    assert "finite" in capsys.readouterr().out
