"""`assessor cycle ORG` and the history comparison's choice of previous assessment."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant import paths
from assistant.cli import main
from assistant.core.bank.loader import find_bank
from assistant.core.cycle import chain
from assistant.core.report.history import history_section
from assistant.core.scoring.rollup import decided_scores, rollup
from assistant.store.workspace import Workspace

RUN = [
    ("gap-analysis", date(2024, 1, 10)),
    ("certification", date(2024, 3, 1)),
    ("surveillance", date(2025, 3, 5)),
    ("gap-analysis", date(2025, 6, 1)),
]


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    w = Workspace(tmp_path)
    bank = find_bank("icxs2019", paths.bank_dirs(tmp_path))
    for kind, day in RUN:
        w.create_assessment(
            organisation="Harbourside Hotels",
            type=kind,
            bank=bank,
            start_date=day,  # type: ignore[arg-type]
        )
    w.create_assessment(
        organisation="Someone Else", type="certification", bank=bank, start_date=date(2024, 5, 1)
    )
    return w


def test_cycle_lists_the_run_and_what_is_due(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["cycle", "harbourside", "--as-of", "2026-01-15", "--workspace", str(ws.root)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("Harbourside Hotels · ICXS2019") == 1 and "Someone Else" not in out
    lines = [line.strip() for line in out.splitlines()]
    assert [line.split()[0] for line in lines[1:5]] == [
        "2024-01-10",
        "2024-03-01",
        "2025-03-05",
        "2025-06-01",
    ]
    assert "valid to 2027-03-01" in out
    assert "Surveillance due: 2025-03-01, 2026-03-01 (1 held); next 2026-03-01" in out
    assert "warning: surveillance assessment due by 2026-03-01" in out
    assert "Earliest further certification assessment: 2024-09-01" in out


def test_cycle_json_and_nothing_due(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["cycle", "Harbourside", "--as-of", "2025-04-01", "--json", "--workspace", str(ws.root)]
    assert main(args) == 0
    (t,) = json.loads(capsys.readouterr().out)
    assert t["next_surveillance"] == "2026-03-01" and t["due_soon"] == []
    assert [a["type"] for a in t["assessments"]] == [k for k, _ in RUN]


def test_cycle_bad_input(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cycle", "nobody", "--workspace", str(ws.root)]) == 1
    assert "no assessment of an organisation matching 'nobody'" in capsys.readouterr().err
    assert main(["cycle", "harbourside", "--as-of", "31/12/2025", "--workspace", str(ws.root)]) == 1
    assert "--as-of: '31/12/2025' is not a date" in capsys.readouterr().err


def test_history_compares_within_the_chain(ws: Workspace) -> None:
    bank = find_bank("icxs2019", paths.bank_dirs(ws.root)).bank
    loaded = {(d.assessment.type, d.assessment.start_date): d for d in map(ws.load, ws.ids())}
    recert = ws.create_assessment(
        organisation="Harbourside Hotels",
        type="recertification",
        bank=find_bank("icxs2019", paths.bank_dirs(ws.root)),
        start_date=date(2027, 2, 1),
    )
    data = ws.load(recert)
    roll = rollup(bank, decided_scores(data))
    history = history_section(bank, data, roll, list(loaded.values()))
    assert history is not None
    # the later gap analysis is not what a re-certification is compared with
    assert history.previous_type == "Surveillance" and history.previous_date == date(2025, 3, 5)
    gap = loaded[("gap-analysis", date(2025, 6, 1))]
    gap_history = history_section(
        bank, gap, rollup(bank, decided_scores(gap)), list(loaded.values())
    )
    assert gap_history is not None and gap_history.previous_date == date(2024, 1, 10)
    assert chain(bank.cycle, "practice") is None
