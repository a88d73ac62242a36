"""A hostile or damaged assessment folder gets a clear refusal, never a hang or a wrong answer.

One test per store entry point (open for writing, read, list, check, import, replay, bank) for
links, FIFOs and oversized files; the manifest and pending audit entries that make missing data
visible; lone surrogates, deep nesting and demo deletion. Every test that could hang on a FIFO
runs under an alarm, so a regression fails instead of blocking the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import paths
from assistant.cli import main
from assistant.core.bank.loader import LoadedBank, find_bank
from assistant.core.errors import AssessorError
from assistant.store import InvalidValueError, SaveError, Workspace
from assistant.store.check import check_assessment
from assistant.store.files import append_audit
from assistant.store.manifest import MANIFEST_FILE
from assistant.store.merge import import_copy
from assistant.store.replay import ScriptError, load_script


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    """Fail (instead of hanging the suite) if anything blocks for 30 s."""

    def ring(*_: object) -> None:
        raise TimeoutError("blocked: a read or write waited instead of refusing")

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def filled(ws: Workspace, bank: LoadedBank, org: str = "Harbour City Council") -> str:
    """An assessment with one interviewee, one interview of three turns and one edit."""
    aid = ws.create_assessment(organisation=org, type="practice", bank=bank)
    with ws.open(aid) as s:
        person = s.add_interviewee("staff", name="Jo Bloggs")
        iv = s.start_interview([person.id])
        for n in range(3):
            s.record_turn(iv.id, answer=f"answer {n}", question_id="SVC.1.q1")
        s.edit_turn(f"{iv.id}/1", answer="answer 0, corrected", why="typo")
    return aid


def interview_file(ws: Workspace, aid: str) -> Path:
    return next(ws.layout(aid).interviews.glob("iv-*.json"))


def cli(ws: Workspace, *argv: str) -> int:
    return main(["--workspace", str(ws.root), *argv])


# ---------------------------------------------------------------- links


def test_a_linked_lock_is_refused_and_its_target_untouched(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid = filled(ws, bank)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock = ws.layout(aid).lock
    lock.unlink()
    lock.symlink_to(victim)
    with pytest.raises(AssessorError, match="symbolic link; refused"):
        ws.open(aid)
    assert victim.read_text() == "precious\n"


def test_a_linked_audit_log_is_never_appended_to(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid = filled(ws, bank)
    victim = tmp_path / "victim.jsonl"
    victim.write_text("precious\n")
    audit = ws.layout(aid).audit
    audit.unlink()
    audit.symlink_to(victim)
    with ws.open(aid) as s:
        key = s.data.turns[1].key
        with pytest.raises(SaveError, match="symbolic link; refused"):
            s.edit_turn(key, answer="changed", why="x")
        assert s.data.turns[1].answer == "answer 1"
    assert victim.read_text() == "precious\n"


def test_a_linked_interviews_folder_never_touches_the_other_assessment(
    ws: Workspace, bank: LoadedBank
) -> None:
    mine, theirs = filled(ws, bank), filled(ws, bank, "Other Council")
    # Damage one of the other assessment's files: a writable open through a link would set it
    # aside as *.corrupt-*.
    interview_file(ws, theirs).write_text("{not json")
    before = sorted(p.name for p in ws.layout(theirs).interviews.iterdir())
    shutil.rmtree(ws.layout(mine).interviews)
    ws.layout(mine).interviews.symlink_to(ws.layout(theirs).interviews)
    with pytest.raises(AssessorError, match="interviews: is a symbolic link; refused"):
        ws.open(mine)
    assert sorted(p.name for p in ws.layout(theirs).interviews.iterdir()) == before
    assert not check_assessment(ws, mine, paths.bank_dirs()).ok


def test_a_linked_assessment_folder_is_refused(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    ws.layout("alias").folder.symlink_to(ws.layout(aid).folder)
    with pytest.raises(AssessorError, match="symbolic link; refused"):
        ws.open("alias")
    listed = {a.id: a for a in ws.list_assessments()}
    assert "symbolic link" in (listed["alias"].damaged or "")


def test_a_linked_interview_file_is_reported_not_read(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid = filled(ws, bank)
    path = interview_file(ws, aid)
    elsewhere = tmp_path / "elsewhere.json"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    with ws.open(aid) as s:
        assert s.data.interviews == []
        assert any("symbolic link" in p for p in s.problems)
    assert path.is_symlink() and elsewhere.is_file()  # refused, never renamed aside


# ---------------------------------------------------------------- FIFOs


@pytest.mark.parametrize("name", ["names.json", "audit.jsonl", "assessment.json"])
def test_a_fifo_never_hangs_list_check_show_open_export_or_report(
    ws: Workspace, bank: LoadedBank, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = filled(ws, bank)
    path = ws.layout(aid).folder / name
    path.unlink()
    os.mkfifo(path)
    listed = ws.list_assessments()[0]
    assert name != "assessment.json" or "FIFO" in (listed.damaged or "")
    report = check_assessment(ws, aid, paths.bank_dirs())
    assert not report.ok and any("FIFO" in p for p in report.problems)
    for argv in (["list"], ["check", aid], ["show", aid], ["export", aid, "--out", "-"]):
        cli(ws, *argv)
    assert cli(ws, "report", aid, "--format", "md") == 1
    err = capsys.readouterr().err
    assert "FIFO" in err and "Traceback" not in err
    if name != "assessment.json":
        with ws.open(aid) as s:
            assert any("FIFO" in p for p in s.problems) or name == "audit.jsonl"


def test_a_fifo_lock_is_refused(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    lock = ws.layout(aid).lock
    lock.unlink()
    os.mkfifo(lock)
    with pytest.raises(AssessorError, match="FIFO"):
        ws.open(aid)


def test_a_fifo_replay_script_or_bank_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "script.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScriptError, match="FIFO"):
        load_script(fifo)
    bank = tmp_path / "bank.yaml"
    os.mkfifo(bank)
    assert main(["banks", "validate", str(bank)]) == 1


# ---------------------------------------------------------------- size cap


def test_an_oversized_file_is_refused_on_read_and_on_import(
    ws: Workspace, bank: LoadedBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = filled(ws, bank)
    copy = tmp_path / "copy" / aid
    shutil.copytree(ws.layout(aid).folder, copy)
    with ws.open(aid) as s:  # an interview only the copy has
        person = s.data.interviewees[0]
    other = Workspace(tmp_path / "copy-ws")
    (tmp_path / "copy-ws" / "sessions").mkdir(parents=True)
    shutil.copytree(copy, other.layout(aid).folder)
    with other.open(aid) as s:
        iv = s.start_interview([person.id])
        s.record_turn(iv.id, answer="x" * 4000)
    big = other.layout(aid).interview(iv.id)
    monkeypatch.setenv("ASSESSOR_MAX_FILE_MB", str(3000 / 1048576))
    assert big.stat().st_size > 3000
    report = import_copy(ws, other.layout(aid).folder)
    assert any("over the" in line and "limit" in line for line in report.skipped)
    assert iv.id not in {i.id for i in ws.load(aid).interviews}
    assert any("limit" in p for p in other.read(aid).problems)


# ---------------------------------------------------------------- the manifest


def test_check_reports_a_deleted_interview_file(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    interview_file(ws, aid).unlink()
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("missing; the manifest expects it" in p and "3 turns" in p for p in problems)


def test_check_reports_a_deleted_interviews_folder(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    shutil.rmtree(ws.layout(aid).interviews)
    assert any("missing" in p for p in check_assessment(ws, aid, paths.bank_dirs()).problems)


def test_check_reports_a_shortened_interview_file(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    path = interview_file(ws, aid)
    doc = json.loads(path.read_text())
    del doc["turns"]["3"]
    path.write_text(json.dumps(doc))
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("turns: holds 2 record(s), the manifest expects at least 3" in p for p in problems)


def test_check_reports_an_emptied_audit_log(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    ws.layout(aid).audit.write_text("")
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("audit log was emptied or cut short" in p for p in problems)
    ws.layout(aid).audit.unlink()
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("audit.jsonl: missing" in p for p in problems)


def test_a_pending_audit_entry_without_its_change_is_reported_then_settled(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid = filled(ws, bank)
    with ws.open(aid) as s:
        old = s.data.turns[2]
        changes = s._w.changes("turn", old.key, old, old.model_copy(update={"answer": "B"}), "")
        append_audit(s.layout, aid, changes, "feedface")  # killed before the data write
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("not in the data (a save was interrupted)" in p for p in problems)
    with ws.open(aid) as s:
        assert any("recorded as not saved" in n for n in s.notices)
        assert s.data.turns[2].answer == "answer 2"
    assert check_assessment(ws, aid, paths.bank_dirs()).ok


def test_a_pending_entry_whose_change_landed_is_confirmed(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    with ws.open(aid) as s:
        turn = s.data.turns[2]
        s.edit_turn(turn.key, answer="B", why="")
    log = ws.layout(aid).audit
    lines = log.read_text().splitlines()
    assert json.loads(lines[-1]) == {"confirm": json.loads(lines[-2])["txn"], "saved": True}
    log.write_text("\n".join(lines[:-1]) + "\n")  # killed after the data, before the confirm
    manifest = ws.layout(aid).folder / MANIFEST_FILE  # ... and so before the manifest's update
    doc = json.loads(manifest.read_text())
    doc["audit_lines"] -= 1
    manifest.write_text(json.dumps(doc))
    report = check_assessment(ws, aid, paths.bank_dirs())
    assert report.ok and any("its change is in the data" in w for w in report.warnings)


def test_an_old_folder_gets_its_manifest_on_first_writable_open(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid = filled(ws, bank)
    manifest = ws.layout(aid).folder / MANIFEST_FILE
    manifest.unlink()
    report = check_assessment(ws, aid, paths.bank_dirs())
    assert report.ok and any("none yet" in w for w in report.warnings)
    with ws.open(aid) as s:
        assert any("built from the files on disk" in n for n in s.notices)
    with ws.open(aid) as s:
        assert s.notices == []  # said once
    interview_file(ws, aid).unlink()
    assert not check_assessment(ws, aid, paths.bank_dirs()).ok


def test_report_and_export_refuse_a_damaged_assessment_unless_allowed(
    ws: Workspace, bank: LoadedBank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = filled(ws, bank)
    shutil.rmtree(ws.layout(aid).interviews)
    out = tmp_path / "r.md"
    assert cli(ws, "report", aid, "--format", "md", "--out", str(out)) == 1
    assert "fails its integrity check" in capsys.readouterr().err and not out.exists()
    assert cli(ws, "export", aid, "--out", str(out)) == 1
    assert cli(ws, "report", aid, "--format", "md", "--out", str(out), "--allow-damaged") == 0
    assert out.read_text().startswith("> **Warning: this assessment failed its integrity check")
    html = tmp_path / "r.html"
    assert cli(ws, "report", aid, "--format", "html", "--out", str(html), "--allow-damaged") == 0
    text = html.read_text()
    assert '<section class="cover"><div class="damage-warning"' in text  # first on page one
    assert cli(ws, "export", aid, "--format", "json", "--out", str(out), "--allow-damaged") == 0
    assert json.loads(out.read_text())["integrity_problems"]


# ---------------------------------------------------------------- hostile content


def test_a_criteria_less_turn_with_a_question_id_still_reports(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid = filled(ws, bank)  # its turns have question ids and criteria []
    out = tmp_path / "r.md"
    assert cli(ws, "report", aid, "--format", "md", "--out", str(out)) == 0
    assert out.read_text().strip()


@pytest.mark.parametrize("field", ["answer", "speaker_id"])
def test_a_lone_surrogate_in_a_file_names_the_file_and_field(
    ws: Workspace, bank: LoadedBank, field: str, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = filled(ws, bank)
    path = interview_file(ws, aid)
    doc = json.loads(path.read_text())
    doc["turns"]["2"][field] = "bad \udfff"
    path.write_text(json.dumps(doc))  # ensure_ascii: the surrogate travels as an escape
    for argv in (["check", aid], ["report", aid, "--format", "csv"], ["export", aid]):
        assert cli(ws, *argv) == 1
    err = capsys.readouterr()
    assert f"turns[2].{field}: holds a lone surrogate" in err.out + err.err
    assert "internal error" not in err.err


def test_a_lone_surrogate_typed_in_is_refused(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    with ws.open(aid) as s:
        iv = s.data.interviews[0]
        with pytest.raises(InvalidValueError, match="answer: holds a lone surrogate"):
            s.record_turn(iv.id, answer="x\udfff")
        with pytest.raises(InvalidValueError, match="lone surrogate"):
            s.edit_turn(f"{iv.id}/1", answer="\ud800")
        assert len(s.data.turns) == 3


def test_a_deeply_nested_audit_line_is_one_problem(ws: Workspace, bank: LoadedBank) -> None:
    aid = filled(ws, bank)
    with ws.layout(aid).audit.open("a") as f:
        f.write("[" * 100_000 + "]" * 100_000 + "\n")
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("nested too deeply" in p for p in problems)


# ---------------------------------------------------------------- demo --force


def test_demo_force_takes_the_lock_and_deletes_only_demos(tmp_path: Path) -> None:
    from assistant.services.demo import run_demo
    from assistant.store import AssessmentLocked

    root = tmp_path / "demo"
    current, previous = run_demo(root)
    ws = Workspace(root)
    bank = find_bank("icss", paths.bank_dirs(root))
    mine = ws.create_assessment(
        organisation=ws.load(current).assessment.organisation, type="practice", bank=bank
    )
    with ws.open(current):
        with pytest.raises(AssessmentLocked):
            run_demo(root, force=True)
    assert set(ws.ids()) == {current, previous, mine}  # nothing deleted, not even last year's
    run_demo(root, force=True)
    assert mine in ws.ids() and current not in ws.ids() and previous not in ws.ids()
    assert len(ws.ids()) == 3


def test_a_loss_can_be_accepted_once_and_is_audited(
    ws: Workspace, bank: LoadedBank, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = filled(ws, bank)
    interview_file(ws, aid).unlink()
    assert cli(ws, "check", aid, "--accept-loss") == 0
    out = capsys.readouterr().out
    assert "accepted:" in out and f"{aid}: ok" in out
    entries = ws.open(aid, read_only=True).audit_log()
    assert entries[-1].field == "manifest" and "missing" in (entries[-1].old or "")
    assert cli(ws, "check", aid, "--accept-loss") == 0
    assert "nothing to accept" in capsys.readouterr().out


def test_an_oversized_file_is_refused_by_every_reading_command(
    ws: Workspace,
    bank: LoadedBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    aid = filled(ws, bank)
    script = tmp_path / "s.yaml"
    script.write_text("turns: []\n" + "#" * 5000)
    monkeypatch.setenv("ASSESSOR_MAX_FILE_MB", str(600 / 1048576))
    assert ws.layout(aid).assessment.stat().st_size > 600
    assert "limit" in (ws.list_assessments()[0].damaged or "")
    for argv in (["check", aid], ["show", aid], ["export", aid], ["report", aid, "--format", "md"]):
        assert cli(ws, *argv) == 1
    out = capsys.readouterr()
    assert "over the" in out.out + out.err and "internal error" not in out.err
    with pytest.raises(AssessorError, match="limit"):
        ws.open(aid)
    monkeypatch.delenv("ASSESSOR_MAX_FILE_MB")
    with pytest.raises(ScriptError):  # replay scripts have their own, smaller cap
        load_script(script)
