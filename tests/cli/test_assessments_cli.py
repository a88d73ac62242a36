"""Tests for `assessor new | list | show | export | import | check | replay`."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.core.model import CriterionScore
from assistant.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interview.yaml"


def run(capsys: pytest.CaptureFixture[str], ws: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--workspace", str(ws), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    return root


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("assessor: ") and "Traceback" not in err
    return lines[0]


def replayed(capsys: pytest.CaptureFixture[str], ws: Path) -> tuple[str, str]:
    code, out, err = run(capsys, ws, "replay", str(EXAMPLE))
    assert code == 0, err
    created = [line.split()[1] for line in out.splitlines() if line.startswith("created ")]
    interview = next(line.split()[1] for line in out.splitlines() if line.endswith(" started"))
    return created[0], interview


def test_new_list_show_for_a_new_user(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    code, out, err = run(
        capsys,
        ws,
        "new",
        "--org",
        "Harbour City Council",
        "--type",
        "certification",
        "--bank",
        "icss",
        "--assessor",
        "Amy Reyes",
        "--site",
        "Civic Centre",
        "--unit",
        "Revenues",
    )
    assert code == 0, err
    aid = out.strip()
    assert aid.startswith("harbour-city-council-") and "\n" not in aid
    code, out, _ = run(capsys, ws, "list")
    assert code == 0 and aid in out and "Harbour City Council" in out and "certification" in out
    code, out, _ = run(capsys, ws, "show", aid)
    assert code == 0
    assert "bank icss version" in out and "sites: Civic Centre" in out and "Revenues" in out


def test_replay_the_example_then_show_export_and_check(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, out, err = run(capsys, ws, "replay", str(EXAMPLE))
    assert code == 0, err
    turns = [line for line in out.splitlines() if " turn " in line and line.startswith("saved")]
    assert len(turns) >= 30
    assert out.splitlines()[-1].endswith(" ended")
    aid = out.splitlines()[0].split()[1]
    data = Workspace(ws).load(aid)
    assert len(data.turns) == len(turns)
    assert any(t.tags == ["referral"] for t in data.turns)
    assert sum(1 for t in data.turns if "claim-to-verify" in t.tags) >= 2

    code, out, _ = run(capsys, ws, "show", aid)
    assert code == 0
    assert "L1   department lead, Revenues and Benefits" in out
    assert f"{len(turns)} turns" in out and "Last 5 turns:" in out
    assert "Scores set: 1 (OPS.4)" in out
    assert "Dana" not in out

    code, out, _ = run(capsys, ws, "export", aid, "--format", "md")
    assert code == 0
    md = (ws / "exports" / f"{aid}-transcript.md").read_text()
    assert "| L1 | department lead |" in md and "Dana Whitfield" not in md
    assert "SVC.1.q1" in md and stat.S_IMODE((ws / "exports").stat().st_mode) == 0o700

    code, out, _ = run(capsys, ws, "export", aid, "--format", "json", "--out", "-")
    doc = json.loads(out)
    assert doc["includes_names"] is False and "Dana" not in out
    assert "Head of Revenues" not in out  # the job title names her as surely
    assert doc["interviews"][0]["turns"][2]["speaker"] == "L1"

    code, out, _ = run(
        capsys,
        ws,
        "export",
        aid,
        "--format",
        "json",
        "--include-names",
        "--out",
        str(ws / "named.json"),
    )
    assert "includes real names" in out
    assert (
        json.loads((ws / "named.json").read_text())["interviewees"][0]["name"] == "Dana Whitfield"
    )

    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 0 and out.strip().endswith(f"{aid}: ok (1 interviews, {len(turns)} turns)")


def test_replay_into_an_existing_assessment_and_a_locked_one(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    aid, _ = replayed(capsys, ws)
    code, out, err = run(capsys, ws, "replay", str(EXAMPLE), "--assessment", aid)
    assert code == 0, err and not out.startswith("created")
    assert len(Workspace(ws).load(aid).interviews) == 2
    with Workspace(ws).open(aid):
        code, out, err = run(capsys, ws, "replay", str(EXAMPLE), "--assessment", aid)
    assert code == 1
    assert one_line_error(err) == (
        f"assessor: assessment {aid} is open in another window "
        f"(pid {os.getpid()}); open it read-only instead (r on the app's home screen; "
        "assessor show and report still work)"
    )


def test_check_reports_each_problem_on_one_line_and_fails(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    aid, interview = replayed(capsys, ws)
    path = ws / "sessions" / aid / "interviews" / f"{interview}.json"
    doc = json.loads(path.read_text())
    doc["turns"]["3"]["answer"] = ["not", "text"]
    path.write_text(json.dumps(doc))
    code, out, _ = run(capsys, ws, "check")
    assert code == 1
    assert (
        f"sessions/{aid}/interviews/{interview}.json: not a valid interview file "
        "(turns[3].answer: must be text)" in out.splitlines()
    )
    assert out.splitlines()[-1] == f"{aid}: 1 problem(s)"


def test_check_finds_gaps_and_dangling_references(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    aid, interview = replayed(capsys, ws)
    path = ws / "sessions" / aid / "interviews" / f"{interview}.json"
    doc = json.loads(path.read_text())
    del doc["turns"]["4"]
    doc["turns"]["5"]["criteria"] = ["XYZ.9"]
    path.write_text(json.dumps(doc))
    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 1
    assert "turn numbers are not contiguous (missing 4)" in out
    assert "turns[5].criteria: unknown criterion 'XYZ.9' (not in bank icss)" in out


def test_check_warns_when_the_bank_changed(capsys: pytest.CaptureFixture[str], ws: Path) -> None:
    (ws / "question_banks").mkdir()
    shutil.copy(ROOT / "question_banks" / "icss.yaml", ws / "question_banks" / "icss.yaml")
    code, out, _ = run(capsys, ws, "new", "--org", "O", "--type", "practice", "--bank", "icss")
    aid = out.strip()
    with open(ws / "question_banks" / "icss.yaml", "a") as fh:
        fh.write("\n# edited\n")
    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 0
    assert "warning: " in out and "bank 'icss' changed since the assessment was created" in out


def test_unknown_id_missing_workspace_and_bad_script_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    aid, _ = replayed(capsys, ws)
    for command in (
        ["show", "nope"],
        ["export", "nope"],
        ["check", "nope"],
        ["replay", str(EXAMPLE), "--assessment", "nope"],
    ):
        code, _, err = run(capsys, ws, *command)
        assert code == 1
        assert one_line_error(err).startswith(
            f"assessor: no assessment 'nope' in {ws} (known: {aid})"
        )
    code, _, err = run(capsys, tmp_path / "missing", "list")
    assert code == 1 and "workspace" in one_line_error(err) and "does not exist" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("interviewee: {role: boss}\nturns: [{answer: hi}]\n")
    code, _, err = run(capsys, ws, "replay", str(bad))
    assert code == 1
    assert one_line_error(err) == (
        "assessor: " + str(bad) + ": interviewee.role: must be one of lead, stakeholder, staff"
    )
    bad.write_text(
        "assessment: {organisation: O, type: practice, bank: icss}\n"
        "interviewee: {role: lead}\nturns: [{question_id: SVC.1.q99, answer: hi}]\n"
    )
    code, _, err = run(capsys, ws, "replay", str(bad))
    assert code == 1 and "turns[0].question_id: unknown question 'SVC.1.q99'" in one_line_error(err)
    assert len(Workspace(ws).ids()) == 1  # nothing was created for the broken script


def test_a_read_only_workspace_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.geteuid() != 0:  # a real read-only folder where permissions apply
        ws.chmod(0o500)
        try:
            code, _, err = run(
                capsys, ws, "new", "--org", "O", "--type", "practice", "--bank", "icss"
            )
        finally:
            ws.chmod(0o700)
        assert code == 1 and "not saved: sessions: Permission denied" in one_line_error(err)

    def refuse(*args: Any, **kwargs: Any) -> None:  # root ignores modes: simulate it
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    code, _, err = run(capsys, ws, "new", "--org", "O", "--type", "practice", "--bank", "icss")
    assert code == 1
    assert one_line_error(err) == "assessor: not saved: sessions: Permission denied"


def test_import_reports_what_arrived_and_the_conflicts(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    aid, _ = replayed(capsys, ws)
    theirs = tmp_path / "tom"
    (theirs / "sessions").mkdir(parents=True)
    shutil.copytree(ws / "sessions" / aid, theirs / "sessions" / aid)
    code, _, err = run(capsys, theirs, "replay", str(EXAMPLE), "--assessment", aid)
    assert code == 0, err  # Tom interviews another lead: L2 in his copy
    code, _, err = run(capsys, ws, "replay", str(EXAMPLE), "--assessment", aid)
    assert code == 0, err  # meanwhile Amy interviews a different lead: L2 here too
    with Workspace(theirs).open(aid) as s:
        s.set_score(CriterionScore(criterion_id="OPS.4", assessor="Tom Okafor", score=3))
    code, out, err = run(capsys, ws, "import", str(theirs / "sessions" / aid))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith(f"imported into {aid}: 1 interviewee(s); 1 interview(s) with ")
    assert (
        "renumbered: interviewee L2 from the copy (department lead, Revenues and Benefits) "
        "is L3 here (L2 was taken)" in lines
    )
    assert (
        "conflict: OPS.4: Amy Reyes scored 5 (implementation), Tom Okafor scored 3; "
        "both kept for consensus" in lines
    )
    data = Workspace(ws).load(aid)
    assert sorted(p.code for p in data.interviewees) == ["L1", "L2", "L3"]
    assert len(data.interviews) == 3
    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 0, out
    code, out, _ = run(capsys, ws, "import", str(ws / "sessions" / aid))
    assert code == 1


def test_exported_markdown_cannot_be_hijacked_by_an_answer(
    capsys: pytest.CaptureFixture[str], ws: Path
) -> None:
    code, out, _ = run(capsys, ws, "new", "--org", "O", "--type", "practice", "--bank", "icss")
    aid = out.strip()
    with Workspace(ws).open(aid) as s:
        person = s.add_interviewee("staff")
        iv = s.start_interview([person.id])
        s.record_turn(iv.id, answer="# Heading\n![img](http://evil.example/x.png) <script>")
    code, out, _ = run(capsys, ws, "export", aid, "--out", "-")
    assert code == 0
    assert "> \\# Heading" in out
    assert "](http" not in out.replace("\\]", "") and "<script>" not in out
