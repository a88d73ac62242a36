"""Tests for `assessor selfassess | evidence | scope | schedule` as a user runs them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.cli import main


def run(capsys: pytest.CaptureFixture[str], ws: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--workspace", str(ws), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    return root


@pytest.fixture
def aid(capsys: pytest.CaptureFixture[str], ws: Path) -> str:
    code, out, err = run(
        capsys,
        ws,
        "new",
        "--org",
        "Acme",
        "--type",
        "certification",
        "--bank",
        "icss",
        "--site",
        "Head office",
        "--site",
        "Depot",
    )
    assert code == 0, err
    return out.strip()


def test_selfassess_import_and_show_from_a_csv_with_a_bom(
    capsys: pytest.CaptureFixture[str], ws: Path, aid: str, tmp_path: Path
) -> None:
    csv = tmp_path / "sa.csv"
    csv.write_bytes(
        "\ufeffCriterion;Self score;Commentary;Evidence\n"
        "SVC.1;9;We plan to start a customer panel next year.;E1\n"
        "SVC.2;4;Every complaint is logged and reported monthly to the board.;\n"
        "XYZ.1;4;x;\n".encode()
    )
    code, out, err = run(capsys, ws, "selfassess", "import", aid, str(csv))
    assert code == 1  # one row was not imported
    assert out.strip() == "sa.csv: 2 added, 0 changed, 0 unchanged; 1 row(s) not imported"
    assert err.strip() == (
        "sa.csv: row 4, column A 'Criterion': criterion 'XYZ.1' is not in bank icss; row not imported"
    )
    code, out, _ = run(capsys, ws, "selfassess", "show", aid, "--json")
    rows = json.loads(out)
    assert [r["criterion"] for r in rows] == ["SVC.1", "SVC.2"]
    assert rows[0]["overstated"] is True and rows[0]["compared_with"] == "reading"
    code, out, _ = run(capsys, ws, "selfassess", "show", aid)
    assert code == 0 and out.splitlines()[1].startswith("SVC.1") and "OVERSTATED" in out


def test_bad_files_are_one_line_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], ws: Path, aid: str, tmp_path: Path
) -> None:
    big = tmp_path / "big.xlsx"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    code, _, err = run(capsys, ws, "selfassess", "import", aid, str(big))
    assert code == 1 and err.strip().startswith("assessor: big.xlsx: 20.0 MB is over the 10 MB")
    assert len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, ws, "evidence", "import", aid, str(tmp_path / "nope.csv"))
    assert code == 1 and "no such file" in err and "Traceback" not in err
    code, out, _ = run(capsys, ws, "evidence", "list", aid, "--json")
    assert json.loads(out) == []


def test_evidence_import_in_windows_1252_with_stale_items_and_verification(
    capsys: pytest.CaptureFixture[str], ws: Path, aid: str, tmp_path: Path
) -> None:
    today = date.today().isoformat()
    sheet = tmp_path / "library.csv"
    sheet.write_bytes(
        (
            "ID,Title,Owner,Date,Version,Location,Criteria\n"
            f"E1,Charte de service – été,Zoë,{today},2,Intranet,SVC.1\n"
            "E2,Old survey,Insight,01/02/2001,,,SVC.2\n"
            ",No id here,,,,,\n"
        ).encode("cp1252")
    )
    code, out, err = run(capsys, ws, "evidence", "import", aid, str(sheet))
    assert code == 1
    assert "2 added" in out
    assert "library.csv: not UTF-8" in err and "Windows-1252" in err
    assert "library.csv: row 4, column A 'ID': no evidence id; row not imported" in err
    code, out, _ = run(capsys, ws, "evidence", "list", aid, "--json")
    items = {i["library_id"]: i for i in json.loads(out)}
    assert items["E1"]["title"] == "Charte de service – été" and items["E1"]["stale"] is False
    assert items["E2"]["stale"] is True and items["E2"]["dated"] == "2001-02-01"
    code, out, err = run(capsys, ws, "evidence", "verify", aid, "E1", "--by", "Amy")
    assert code == 0 and out.strip() == "E1: verified by Amy", err
    code, out, _ = run(capsys, ws, "evidence", "import", aid, str(sheet))
    assert "0 added, 0 changed, 2 unchanged" in out
    code, out, _ = run(capsys, ws, "evidence", "list", aid, "--json")
    items = {i["library_id"]: i for i in json.loads(out)}
    assert items["E1"]["verified"] is True and items["E1"]["verified_by"] == "Amy"


def test_scope_needs_a_rationale_when_a_site_is_not_visited(
    capsys: pytest.CaptureFixture[str], ws: Path, aid: str
) -> None:
    code, _, err = run(capsys, ws, "scope", aid, "--skip-site", "Depot")
    assert code == 1 and "a sampling rationale is required" in err and "nothing saved" in err
    code, out, _ = run(capsys, ws, "scope", aid)
    assert "Depot: visited" in out
    code, out, err = run(
        capsys,
        ws,
        "scope",
        aid,
        "--skip-site",
        "Depot",
        "--rationale",
        "Same processes as head office",
        "--site-reason",
        "Depot=two staff, same procedures",
    )
    assert code == 0, err
    assert "Depot: not visited (two staff, same procedures)" in out
    assert "Sampling rationale: Same processes as head office" in out


def test_new_refuses_unvisited_sites_without_a_rationale(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, out, err = run(
        capsys,
        ws,
        "new",
        "--org",
        "B",
        "--type",
        "certification",
        "--bank",
        "icss",
        "--site",
        "A",
        "--skip-site",
        "C",
    )
    assert code == 1 and out == "" and "a sampling rationale is required" in err
    code, out, _ = run(capsys, ws, "list")
    assert "no assessments" in out


def test_schedule_add_list_remove_with_checks(
    capsys: pytest.CaptureFixture[str], ws: Path, aid: str
) -> None:
    code, out, err = run(
        capsys,
        ws,
        "schedule",
        "add",
        aid,
        "--day",
        "2025-06-02",
        "--time",
        "9:30",
        "--role",
        "staff",
        "--site",
        "Head office",
        "--criteria",
        "svc.1,SVC.2",
    )
    assert code == 0, err
    assert (
        out.splitlines()[0] == "scheduled: 2025-06-02 09:30 Head office, service-team staff, 45 min"
    )
    assert "warning: site Head office: one staff member only" in out
    assert "warning: site Depot is sampled but no interview is planned" in out
    assert "warning: no department lead interview planned for mandatory" in out
    code, out, err = run(
        capsys,
        ws,
        "schedule",
        "add",
        aid,
        "--day",
        "02/06/2025",
        "--time",
        "11:00",
        "--role",
        "lead",
    )
    assert code == 0, err
    code, out, _ = run(capsys, ws, "schedule", "list", aid, "--json")
    doc = json.loads(out)
    assert [(s["time"], s["role"], s["criteria"]) for s in doc["schedule"]] == [
        ("09:30", "staff", ["SVC.1", "SVC.2"]),
        ("11:00", "lead", []),
    ]
    assert not any("department lead" in c["text"] for c in doc["checks"])  # the open lead slot
    code, _, err = run(capsys, ws, "schedule", "add", aid, "--day", "tomorrow", "--role", "lead")
    assert code == 1 and err.startswith("assessor: schedule.day: 'tomorrow' is not a date")
    code, _, err = run(
        capsys,
        ws,
        "schedule",
        "add",
        aid,
        "--day",
        "2025-06-02",
        "--role",
        "lead",
        "--criteria",
        "NOPE",
    )
    assert code == 1 and "schedule.criteria: 'NOPE' is not a criterion of icss" in err
    code, _, err = run(
        capsys,
        ws,
        "schedule",
        "add",
        aid,
        "--day",
        "2025-06-02",
        "--time",
        "25:00",
        "--role",
        "lead",
    )
    assert code == 1 and "schedule.time" in err
    code, out, _ = run(capsys, ws, "schedule", "remove", aid, "1")
    assert out.startswith("removed: 2025-06-02 09:30 Head office")
    code, _, err = run(capsys, ws, "schedule", "remove", aid, "5")
    assert code == 1 and "no interview 5 (the schedule has 1)" in err
