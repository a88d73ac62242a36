"""Tests for Workspace and Session: round trips, audit, locks, damaged files, full disks, import."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from assistant import paths
from assistant.core.bank.loader import LoadedBank
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import (
    AssessmentData,
    CriterionScore,
    Finding,
    OpenItem,
    PairReading,
    Reason,
    Scope,
    Site,
    Suggestion,
)
from assistant.store import (
    AssessmentLocked,
    DamagedFileError,
    InvalidValueError,
    NewerFormatError,
    ReadOnlyError,
    SaveError,
    Workspace,
)
from assistant.store.check import check_assessment
from assistant.store.convert import TURNS_PER_FILE
from assistant.store.merge import import_copy

ROOT = Path(__file__).resolve().parents[2]


def new(ws: Workspace, bank: LoadedBank, org: str = "Harbour City Council") -> str:
    return ws.create_assessment(
        organisation=org,
        type="certification",
        bank=bank,
        assessors=["amy", "tom"],
        lead_assessor="amy",
        who="amy",
    )


def normalised(data: AssessmentData) -> dict[str, Any]:
    """Compare snapshots regardless of list order (the mirror appends; loading sorts)."""
    doc = data.model_dump(mode="json")
    for key, value in doc.items():
        if isinstance(value, list):
            doc[key] = sorted(value, key=lambda d: json.dumps(d, sort_keys=True))
    return doc


def folder(ws: Workspace, assessment_id: str) -> Path:
    return ws.sessions / assessment_id


# ------------------------------------------------------------------ creating and round trips


def test_a_workspace_creates_nothing_until_a_write(ws: Workspace) -> None:
    assert ws.list_assessments() == []
    assert not ws.sessions.exists()


def test_ids_are_readable_slugs(ws: Workspace, bank: LoadedBank) -> None:
    aid = ws.create_assessment(
        organisation="Harbour City Council!",
        type="practice",
        bank=bank,
        start_date=date(2026, 11, 3),
    )
    assert aid.startswith("harbour-city-council-2026-11-") and len(aid.split("-")[-1]) == 4
    assert ws.load(aid).assessment.bank.digest == bank.digest


def test_every_model_type_round_trips_through_the_store(ws: Workspace, bank: LoadedBank) -> None:
    aid = ws.create_assessment(
        organisation="Harbour City Council",
        type="certification",
        bank=bank,
        assessors=["amy", "tom"],
        lead_assessor="amy",
        start_date=date(2026, 11, 3),
        scope=Scope(
            unit="Revenues",
            sites=[Site(name="Civic Centre", reason="main office")],
            sampling_rationale="both sites",
        ),
        who="amy",
    )
    with ws.open(aid, who="amy") as s:
        lead = s.add_interviewee(
            "lead",
            department="Revenues",
            site="Civic Centre",
            title="Head of service",
            name="Dana Whitfield",
        )
        staff = s.add_interviewee("staff", department="Revenues")
        iv = s.start_interview(
            [lead.id, staff.id], assessor="amy", planned_criteria=["SVC.1"], time_box_minutes=60
        )
        iv = s.update_interview(
            iv.model_copy(
                update={"opening_done": ["purpose"], "confirmed_points": ["phone measured"]}
            ),
            why="opening",
        )
        t1 = s.record_turn(
            iv.id,
            answer="We survey quarterly.",
            question="How do you know?",
            question_id="SVC.1.q1",
            tags=["fact", "claim-to-verify"],
            criteria=["SVC.1"],
            speaker_id=lead.id,
            asked_at=datetime(2026, 11, 3, 10, 0, tzinfo=UTC),
        )
        s.record_turn(iv.id, answer="Note: shows a dashboard", kind="note")
        s.edit_turn(t1.key, answer="We survey every quarter.", tags=["fact"], why="typo")
        ev = s.add_evidence(
            type="document", title="Survey 2026", criteria=["SVC.1"], interview_id=iv.id, turn_n=1
        )
        s.update_evidence(ev.model_copy(update={"verified": True}), why="seen")
        s.add_evidence(type="observation", title="Reception desk")
        s.set_score(
            CriterionScore(
                criterion_id="SVC.1",
                assessor="amy",
                score=4,
                band="implementation",
                comment="practice",
                suggestion=Suggestion(
                    criterion_id="SVC.1",
                    band="implementation",
                    score=4,
                    confidence=0.6,
                    reasons=[Reason(text="survey", cites=[t1.key])],
                ),
                accepted_suggestion=True,
            )
        )
        s.set_score(
            CriterionScore(
                criterion_id="SVC.1",
                assessor="amy",
                score=5,
                band="implementation",
                override_reason="staff confirm",
            ),
            why="after staff interview",
        )
        f = s.add_finding(
            Finding(
                kind="strength",
                text="Measured phone service",
                criteria=["SVC.1"],
                evidence_ids=[ev.id],
                turn_keys=[t1.key],
            )
        )
        s.update_finding(
            f.model_copy(update={"text": "Phone service measured daily"}), why="wording"
        )
        s.remove_finding(f.id, why="duplicate")
        item = s.add_open_item(
            OpenItem(kind="claim", text="quarterly?", interview_id=iv.id, turn_n=1)
        )
        s.close_open_item(item.id, "report seen")
        s.end_interview(iv.id)
        a = s.data.assessment
        s.update_assessment(a.model_copy(update={"status": "in-review", "notes": "n"}), why="done")
        mirror = s.data.model_copy(deep=True)
        audit = s.audit_log()
        assert s.name_of(lead.id) == "Dana Whitfield" and s.name_of(staff.id) is None
    loaded = ws.load(aid)
    assert normalised(loaded) == normalised(mirror)
    assert [p.code for p in loaded.interviewees] == ["L1", "S1"]
    assert loaded.turn(f"{iv.id}/1").edited and loaded.turn(f"{iv.id}/1").answer.endswith(
        "quarter."
    )
    assert [f.removed for f in loaded.findings] == [True]
    assert loaded.scores[0].score == 5 and len(loaded.scores) == 1
    fields = {(e.entity, e.field) for e in audit}
    assert {
        ("turn", "answer"),
        ("turn", "tags"),
        ("evidence", "verified"),
        ("score", "score"),
        ("finding", "text"),
        ("finding", "removed"),
        ("open_item", "status"),
        ("interview", "ended"),
        ("assessment", "status"),
    } <= fields
    replaced = [e for e in audit if e.entity == "score" and e.old == "4"]
    assert replaced and replaced[0].new == "5" and replaced[0].why == "after staff interview"
    assert all(e.who == "amy" for e in audit)
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []


def test_names_are_stored_apart_from_everything_else(ws: Workspace, bank: LoadedBank) -> None:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        s.add_interviewee("lead", name="Dana Whitfield")
    base = folder(ws, aid)
    texts = {p.name: p.read_text() for p in base.rglob("*") if p.is_file()}
    assert "Dana Whitfield" in texts["names.json"]
    assert not any("Dana Whitfield" in t for n, t in texts.items() if n != "names.json")
    assert ws.names(aid) == {ws.load(aid).interviewees[0].id: "Dana Whitfield"}


def test_role_codes_count_per_role(ws: Workspace, bank: LoadedBank) -> None:
    with ws.open(new(ws, bank)) as s:
        codes = [
            s.add_interviewee(r).code for r in ("lead", "staff", "staff", "stakeholder", "lead")
        ]
    assert codes == ["L1", "S1", "S2", "K1", "L2"]


def test_long_interviews_spill_into_turn_files_and_reload(ws: Workspace, bank: LoadedBank) -> None:
    aid = new(ws, bank)
    total = TURNS_PER_FILE * 2 + 7
    with ws.open(aid) as s:
        p = s.add_interviewee("staff")
        iv = s.start_interview([p.id])
        for i in range(total):
            s.record_turn(iv.id, answer=f"answer {i + 1}")
        s.edit_turn(f"{iv.id}/{TURNS_PER_FILE + 3}", answer="edited in part two", why="t")
    files = sorted(p.name for p in (folder(ws, aid) / "interviews").iterdir())
    assert files == [f"{iv.id}.json", f"{iv.id}.turns-002.json", f"{iv.id}.turns-003.json"]
    data = ws.load(aid)
    assert [t.n for t in data.turns] == list(range(1, total + 1))
    assert data.turn(f"{iv.id}/{TURNS_PER_FILE + 3}").answer == "edited in part two"
    with ws.open(aid) as s:
        assert s.record_turn(iv.id, answer="next").n == total + 1


def test_files_and_folders_are_private(ws: Workspace, bank: LoadedBank) -> None:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead", name="X")
        s.start_interview([p.id])
    for path in [ws.sessions, *ws.sessions.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


# ------------------------------------------------------------------ errors a user can cause


def test_unknown_ids_name_the_known_ones(ws: Workspace, bank: LoadedBank) -> None:
    aid = new(ws, bank)
    with pytest.raises(NotFoundError, match=f"no assessment 'nope'.*known: {aid}"):
        ws.open("nope")
    with pytest.raises(NotFoundError):
        ws.open("../../etc")
    with ws.open(aid) as s:
        with pytest.raises(NotFoundError, match="no interview 'iv-x'"):
            s.record_turn("iv-x", answer="a")
        with pytest.raises(NotFoundError, match="no turn"):
            s.edit_turn("iv-x/1", answer="a")
        with pytest.raises(NotFoundError, match="no interviewee"):
            s.start_interview(["p-missing"])


def test_bad_values_are_one_line_errors_and_nothing_is_written(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead")
        iv = s.start_interview([p.id])
        with pytest.raises(InvalidValueError, match=r"tags\[0\]: must be one of fact"):
            s.record_turn(iv.id, answer="a", tags=["gossip"])  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="time_box_minutes: must be at least 5"):
            s.start_interview([p.id], time_box_minutes=1)
        assert s.data.turns == []
    assert ws.load(aid).turns == []


def test_read_only_sessions_refuse_writes(ws: Workspace, bank: LoadedBank) -> None:
    aid = new(ws, bank)
    with ws.open(aid, read_only=True) as s:
        with pytest.raises(ReadOnlyError, match="read-only; nothing was saved"):
            s.add_interviewee("lead")
        assert issubclass(ReadOnlyError, AssessorError)


def test_a_second_process_is_refused_the_lock_and_can_read(ws: Workspace, bank: LoadedBank) -> None:
    aid = new(ws, bank)
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from assistant.store import Workspace, AssessmentLocked
        ws = Workspace(Path({str(ws.root)!r}))
        try:
            ws.open({aid!r})
        except AssessmentLocked as exc:
            print("LOCKED", exc)
        with ws.open({aid!r}, read_only=True) as s:
            print("READ", len(s.data.turns))
    """)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead")
        iv = s.start_interview([p.id])
        s.record_turn(iv.id, answer="saved before the other window opened")
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
        )
        assert out.returncode == 0, out.stderr
        assert (
            f"LOCKED assessment {aid} is open in another window (pid {os.getpid()}); "
            "open it read-only instead (r on the app's home screen" in out.stdout
        )
        assert "READ 1" in out.stdout
        with pytest.raises(AssessmentLocked):  # a second writer in the same process too
            ws.open(aid)
    with ws.open(aid):  # released on close
        pass


# ------------------------------------------------------------------ damaged files


def _setup_interview(ws: Workspace, bank: LoadedBank) -> tuple[str, str]:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead", name="Dana")
        a = s.start_interview([p.id])
        s.record_turn(a.id, answer="kept")
        b = s.start_interview([p.id])
        s.record_turn(b.id, answer="this file gets damaged")
        s.add_open_item(OpenItem(kind="claim", text="points into it", interview_id=b.id, turn_n=1))
    return aid, b.id


DAMAGE = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "not JSON"),
    "empty": (lambda raw: b"", "the file is empty"),
    "foreign": (
        lambda raw: b'{"_default": {"1": {"hello": "world"}}}',
        "no assessor format marker",
    ),
    "binary": (lambda raw: bytes(range(256)) * 4, "binary data, not JSON text"),
    "latin-1": (
        lambda raw: raw.replace(b"damaged", "d\xe9j\xe0".encode("latin-1")),
        "not UTF-8 text",
    ),
    "wrong shape": (
        lambda raw: raw.replace(b'"answer": "this file gets damaged"', b'"answer": 42'),
        r"turns\[1\]\.answer: must be text",
    ),
    "a list": (lambda raw: b"[1, 2, 3]", "a JSON list, not an object"),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_interview_files_are_set_aside_and_the_rest_opens(
    ws: Workspace, bank: LoadedBank, kind: str
) -> None:
    aid, bad_id = _setup_interview(ws, bank)
    path = folder(ws, aid) / "interviews" / f"{bad_id}.json"
    damage, reason = DAMAGE[kind]
    path.write_bytes(damage(path.read_bytes()))
    # readers without the lock report but never move anything
    problems = ws.read(aid).problems
    assert len(problems) == 1 and path.exists()
    assert f"sessions/{aid}/interviews/{bad_id}.json: not a valid interview file" in problems[0]
    with ws.open(aid) as s:
        assert len(s.problems) == 1
        assert re.search(reason, s.problems[0]), s.problems[0]
        assert "moved aside to" in s.problems[0]
        assert [t.answer for t in s.data.turns] == ["kept"]
    aside = [p.name for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].startswith(f"{bad_id}.json.corrupt-")
    assert not path.exists()
    report = check_assessment(ws, aid, paths.bank_dirs())
    assert len(report.problems) == 1 and "set aside earlier" in report.problems[0]


def test_a_damaged_turn_file_never_lets_its_numbers_be_reused(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead")
        iv = s.start_interview([p.id])
        for i in range(TURNS_PER_FILE + 5):
            s.record_turn(iv.id, answer=str(i))
    (folder(ws, aid) / "interviews" / f"{iv.id}.turns-002.json").write_text("{")
    with ws.open(aid) as s:
        assert len(s.data.turns) == TURNS_PER_FILE
        assert s.record_turn(iv.id, answer="after").n == 2 * TURNS_PER_FILE + 1
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("not contiguous" in p for p in problems)


def test_a_damaged_names_file_is_set_aside_and_never_emptied(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, _ = _setup_interview(ws, bank)
    names = folder(ws, aid) / "names.json"
    names.write_text("garbage")
    with ws.open(aid) as s:
        assert "names.json: not a valid names file" in s.problems[0]
        s.add_interviewee("staff", name="Sam")
        assert s.name_of(s.data.interviewees[-1].id) == "Sam"
    aside = [p for p in names.parent.iterdir() if p.name.startswith("names.json.corrupt-")]
    assert aside and aside[0].read_text() == "garbage"


def test_a_damaged_assessment_file_stops_opening_and_is_listed(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid = new(ws, bank)
    good = new(ws, bank, "Other Org")
    main = folder(ws, aid) / "assessment.json"
    main.write_text(
        '{"meta": {"1": {"format": "assessor/1", "kind": "assessment", '
        f'"assessment_id": "{aid}"}}}}, "assessment": {{}}}}'
    )
    with pytest.raises(DamagedFileError, match="assessment: must hold exactly one record"):
        ws.open(aid)
    assert main.exists()  # left in place for repair
    listing = {row.id: row for row in ws.list_assessments()}
    assert listing[aid].damaged and "assessment.json" in listing[aid].damaged
    assert listing[good].damaged is None and listing[good].organisation == "Other Org"


def test_a_file_from_a_newer_version_is_refused_and_left_alone(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, bad_id = _setup_interview(ws, bank)
    path = folder(ws, aid) / "interviews" / f"{bad_id}.json"
    path.write_text(path.read_text().replace("assessor/1", "assessor/2"))
    with pytest.raises(NewerFormatError, match="newer version"):
        ws.open(aid)
    assert path.exists()


def test_stale_temp_files_are_removed_when_opened_for_writing(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, iv = _setup_interview(ws, bank)
    stale = folder(ws, aid) / "interviews" / f".{iv}.json.tmp-abcd"
    stale.write_text("{half")
    ws.open(aid, read_only=True).close()
    ws.load(aid)
    assert stale.exists()
    assert any("interrupted save" in w for w in check_assessment(ws, aid, []).warnings)
    with ws.open(aid):
        assert not stale.exists()


# ------------------------------------------------------------------ full disk and permissions


@pytest.mark.parametrize(
    "errno_, words", [(28, "No space left on device"), (13, "Permission denied")]
)
def test_a_refused_write_raises_save_error_and_changes_nothing(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch, errno_: int, words: str
) -> None:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead")
        iv = s.start_interview([p.id])
        t = s.record_turn(iv.id, answer="before the disk filled")
        s.set_score(CriterionScore(criterion_id="SVC.1", assessor="amy", score=3))
        before_files = {f: f.read_bytes() for f in folder(ws, aid).rglob("*.json")}
        before_mirror = s.data.model_copy(deep=True)

        journal = folder(ws, aid) / "interviews" / f"{iv.id}.journal.jsonl"
        before_journal = journal.read_bytes()

        def refuse(src: Any, dst: Any) -> None:
            raise OSError(errno_, words)

        real_write = os.write

        def refuse_journal(fd: int, data: Any) -> int:
            if bytes(data[:8]) == b'{"crc":"':  # a turn appended to the journal
                raise OSError(errno_, words)
            return real_write(fd, data)

        monkeypatch.setattr(os, "replace", refuse)
        monkeypatch.setattr(os, "write", refuse_journal)
        attempts = [
            lambda: s.record_turn(iv.id, answer="lost?"),
            lambda: s.edit_turn(t.key, answer="changed", why="x"),
            lambda: s.set_score(CriterionScore(criterion_id="SVC.1", assessor="amy", score=6)),
            lambda: s.add_interviewee("staff", name="Sam"),
            lambda: s.start_interview([p.id]),
            lambda: s.add_evidence(type="document", title="t", interview_id=iv.id),
            lambda: s.add_finding(Finding(kind="risk", text="r")),
        ]
        for attempt in attempts:
            with pytest.raises(SaveError, match=f"^not saved: sessions/{aid}/.*: {words}$"):
                attempt()
        monkeypatch.undo()
        assert s.data == before_mirror
        assert {f: f.read_bytes() for f in folder(ws, aid).rglob("*.json")} == before_files
        assert journal.read_bytes() == before_journal
        assert not [p for p in folder(ws, aid).rglob(".*.tmp-*")]
        # the audit log says the attempted changes were not saved
        undone = [e for e in s.audit_log() if e.why.startswith("previous change not saved")]
        assert {e.entity for e in undone} == {"turn", "score"}
        # and the session carries on once the disk has room again
        assert s.record_turn(iv.id, answer="after").n == 2
    assert [t.answer for t in ws.load(aid).turns] == ["before the disk filled", "after"]


def test_a_full_disk_on_the_audit_log_refuses_the_change(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = new(ws, bank)
    with ws.open(aid) as s:
        p = s.add_interviewee("lead")
        iv = s.start_interview([p.id])
        t = s.record_turn(iv.id, answer="original")
        audit = folder(ws, aid) / "audit.jsonl"
        size = audit.stat().st_size
        real_write = os.write

        def short_then_full(fd: int, data: Any) -> int:
            if os.fstat(fd).st_size >= size:
                real_write(fd, bytes(data[:7]))  # half a line, then the disk is full
                raise OSError(28, "No space left on device")
            return real_write(fd, data)

        monkeypatch.setattr(os, "write", short_then_full)
        with pytest.raises(SaveError, match="audit.jsonl: No space left on device"):
            s.edit_turn(t.key, answer="changed", why="x")
        monkeypatch.undo()
        assert audit.stat().st_size == size  # the half line was cut off again
        assert s.data.turn(t.key).answer == "original"
    assert ws.load(aid).turn(t.key).answer == "original"


def test_creating_in_an_unwritable_workspace_is_a_save_error(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(SaveError, match="not saved: sessions: Permission denied"):
        new(ws, bank)


def test_a_crash_while_creating_leaves_no_half_assessment(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(self: Path, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "rename", boom)
    with pytest.raises(SaveError):
        new(ws, bank)
    monkeypatch.undo()
    assert ws.ids() == [] and list(ws.sessions.iterdir()) == []


# ------------------------------------------------------------------ import


def test_import_merges_interviews_people_and_keeps_both_conflicting_scores(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid = new(ws, bank)
    with ws.open(aid, who="amy") as s:
        lead = s.add_interviewee("lead", name="Dana")
        iv = s.start_interview([lead.id], assessor="amy")
        s.record_turn(iv.id, answer="amy's interview")
        s.set_score(CriterionScore(criterion_id="SVC.1", assessor="amy", score=4))
    # Tom copies the folder, works on his machine; Amy keeps working on hers.
    other = Workspace(tmp_path / "tom")
    other.root.mkdir()
    other.sessions.mkdir()
    shutil.copytree(folder(ws, aid), other.sessions / aid)
    with other.open(aid, who="tom") as t:
        staff = t.add_interviewee("staff", department="Counter", name="Sam")  # S1 there
        tiv = t.start_interview([staff.id], assessor="tom")
        for i in range(3):
            t.record_turn(tiv.id, answer=f"tom's turn {i + 1}")
        t.set_score(CriterionScore(criterion_id="SVC.1", assessor="tom", score=7))
        t.set_score(CriterionScore(criterion_id="SVC.1", assessor="amy", score=9))
        t.add_open_item(OpenItem(kind="document", text="ask for the rota"))
        t.set_pair_reading(
            PairReading(
                criterion_id="SVC.1",
                lead_turn=f"{iv.id}/1",
                other_turn=f"{tiv.id}/1",
                relation="contradicts",
                assessor="tom",
            ),
            why="heard both",
        )
    with ws.open(aid, who="amy") as s:
        mine = s.add_interviewee("staff", department="Phones")  # also S1 here
        assert mine.code == "S1"
    report = import_copy(ws, other.sessions / aid, who="amy")
    assert any("1 interview(s) with 3 turn(s)" in a for a in report.arrived)
    assert report.renumbered == [
        "interviewee S1 from the copy (service-team staff, Counter) is S2 here (S1 was taken)"
    ]
    assert any(
        "SVC.1: amy scored 4 here and 9 in the copy; kept the one here" in c
        for c in report.conflicts
    )
    assert any("amy scored 4, tom scored 7; both kept" in c for c in report.conflicts)
    data = ws.load(aid)
    assert sorted((s.assessor, s.score) for s in data.scores) == [("amy", 4), ("tom", 7)]
    assert {p.code for p in data.interviewees} == {"L1", "S1", "S2"}
    assert [t.answer for t in data.turns if t.interview_id == tiv.id] == [
        "tom's turn 1",
        "tom's turn 2",
        "tom's turn 3",
    ]
    assert ws.names(aid)[staff.id] == "Sam"
    assert len(data.open_items) == 1
    assert [(r.key, r.relation) for r in data.pair_readings] == [
        (f"SVC.1|{iv.id}/1|{tiv.id}/1", "contradicts")
    ]
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []
    again = import_copy(ws, other.sessions / aid)
    assert again.arrived == [] or all("audit" in a for a in again.arrived)
    assert len(ws.load(aid).turns) == 4
    assert len(ws.load(aid).pair_readings) == 1


def test_folders_left_by_a_crashed_create_are_cleared_after_an_hour(
    ws: Workspace, bank: LoadedBank
) -> None:
    new(ws, bank)
    old, fresh = ws.sessions / ".new-old-2026-01-aaaa", ws.sessions / ".new-fresh-2026-11-bbbb"
    for path in (old, fresh):
        path.mkdir()
        (path / "assessment.json").write_text("{}")
    os.utime(old, (0, 0))
    new(ws, bank)
    assert not old.exists() and fresh.exists()
    assert len(ws.ids()) == 2
