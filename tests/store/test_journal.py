"""Tests for the turn journal: one sync per answer, folding, torn and damaged lines, readers."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant import paths
from assistant.core.bank.loader import LoadedBank
from assistant.store import SaveError, Session, Workspace
from assistant.store.check import check_assessment
from assistant.store.convert import TURNS_PER_FILE
from assistant.store.integrity import accept_loss
from assistant.store.journal import FOLD_AT
from assistant.store.merge import import_copy
from assistant.store.search import SearchIndex


def started(ws: Workspace, bank: LoadedBank) -> tuple[str, Session, str]:
    """A new assessment open for writing, with one interview started."""
    aid = ws.create_assessment(organisation="Journal Council", type="practice", bank=bank)
    s = ws.open(aid, who="amy")
    person = s.add_interviewee("staff")
    return aid, s, s.start_interview([person.id]).id


def journal_of(ws: Workspace, aid: str, iv: str) -> Path:
    return ws.layout(aid).interviews / f"{iv}.journal.jsonl"


@contextmanager
def counted_syncs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Count every os.fsync and os.fdatasync (by name) while the block runs."""
    calls: list[str] = []
    for name in ("fsync", "fdatasync"):
        real = getattr(os, name, None)
        if real is None:
            continue

        def counted(fd: int, real: Any = real, name: str = name) -> None:
            calls.append(name)
            real(fd)

        monkeypatch.setattr(os, name, counted)
    yield calls
    monkeypatch.undo()


def test_an_answer_is_on_disk_after_exactly_one_sync(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, s, iv = started(ws, bank)
    with s:
        with counted_syncs(monkeypatch) as first:
            s.record_turn(iv, answer="first answer")
        # the new journal, its folder (a file was created), and the manifest that lists it
        assert len(first) == 3
        with counted_syncs(monkeypatch) as calls:
            s.record_turn(iv, answer="second answer")
        assert len(calls) == 1
        # another process sees both, without the lock and before any fold
        assert [t.answer for t in ws.load(aid).turns] == ["first answer", "second answer"]
        assert b"second answer" in journal_of(ws, aid, iv).read_bytes()
        assert b"second answer" not in ws.layout(aid).interview(iv).read_bytes()


def test_saves_average_at_most_1_2_syncs_folds_included(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, s, iv = started(ws, bank)
    with s:
        with counted_syncs(monkeypatch) as calls:
            for i in range(200):
                s.record_turn(iv, answer=f"answer {i}")
    assert len(calls) / 200 <= 1.2, len(calls)
    assert len(calls) > 200  # the folds are counted too
    assert [t.n for t in ws.load(aid).turns] == list(range(1, 201))


def test_the_journal_is_folded_every_fold_at_answers_and_on_close(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    with s:
        for i in range(FOLD_AT - 1):
            s.record_turn(iv, answer=f"answer {i + 1}")
        assert journal.exists()
        s.record_turn(iv, answer="the fold")
        assert not journal.exists()  # folded into the turn files
        s.record_turn(iv, answer="after the fold")
        assert journal.exists()
    assert not journal.exists()
    layout = ws.layout(aid)
    assert layout.interview(iv, 2).exists() == (FOLD_AT + 1 > TURNS_PER_FILE)
    data = ws.load(aid)
    assert [t.n for t in data.turns] == list(range(1, FOLD_AT + 2))
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []


def test_a_fold_interrupted_before_the_journal_is_deleted_duplicates_nothing(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    with s:
        for i in range(3):
            s.record_turn(iv, answer=f"answer {i + 1}")
        kept = journal.read_bytes()
    # the turn file now holds the turns; a crash before the delete leaves the journal too
    assert not journal.exists()
    journal.write_bytes(kept)
    loaded = ws.read(aid)
    assert [t.n for t in loaded.data.turns] == [1, 2, 3]
    assert loaded.problems == [] and loaded.notes == []
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []
    with ws.open(aid) as again:
        assert again.problems == []
        assert not journal.exists()  # folded again (nothing new) and deleted
        assert again.record_turn(iv, answer="four").n == 4
    assert [t.answer for t in ws.load(aid).turns] == ["answer 1", "answer 2", "answer 3", "four"]


def test_a_torn_last_line_is_ignored_and_the_answers_before_it_kept(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    s.record_turn(iv, answer="kept one")
    s.record_turn(iv, answer="kept two")
    raw = journal.read_bytes()
    s._lock.release()  # type: ignore[union-attr]  # killed: the journal was never folded
    line = raw.splitlines(keepends=True)[-1]
    journal.write_bytes(raw + line[: len(line) // 2])  # a third save cut short
    loaded = ws.read(aid)
    assert [t.answer for t in loaded.data.turns] == ["kept one", "kept two"]
    assert loaded.problems == []
    assert "line 4" in loaded.notes[0] and "interrupted" in loaded.notes[0]
    report = check_assessment(ws, aid, paths.bank_dirs())
    assert report.problems == [] and any("interrupted" in w for w in report.warnings)
    with ws.open(aid) as again:
        assert again.problems == []
        assert not journal.exists()
        assert again.record_turn(iv, answer="third").n == 3
    assert [t.answer for t in ws.load(aid).turns] == ["kept one", "kept two", "third"]


def test_a_journal_deleted_by_hand_is_reported_until_the_loss_is_accepted(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    s.record_turn(iv, answer="only in the journal")
    s._lock.release()  # type: ignore[union-attr]  # killed: the journal was never folded
    journal.unlink()  # then deleted by hand
    missing = [p for p in check_assessment(ws, aid, paths.bank_dirs()).problems if "journal" in p]
    assert len(missing) == 1 and "missing; the manifest expects it" in missing[0]
    with ws.open(aid) as again:
        for i in range(FOLD_AT):  # a new journal for the interview, folded: the loss stays
            again.record_turn(iv, answer=f"later {i}")
        assert not journal.exists()
    assert any("journal.jsonl: missing" in p for p in check_assessment(ws, aid, []).problems)
    with ws.open(aid) as again:
        accepted = accept_loss(again)
    assert len(accepted) == 1 and "journal.jsonl: missing" in accepted[0]
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []


def test_a_folded_journal_leaves_no_expectation_behind(ws: Workspace, bank: LoadedBank) -> None:
    aid, s, iv = started(ws, bank)
    with s:
        s.record_turn(iv, answer="first")
        manifest = (ws.layout(aid).folder / "manifest.json").read_text()
        assert f"interviews/{iv}.journal.jsonl" in manifest  # listed while it holds answers
    assert f"{iv}.journal.jsonl" not in (ws.layout(aid).folder / "manifest.json").read_text()
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []


def test_a_complete_last_line_with_a_bad_checksum_is_a_torn_save(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    s.record_turn(iv, answer="kept")
    s.record_turn(iv, answer="garbled")
    s._lock.release()  # type: ignore[union-attr]
    journal.write_bytes(journal.read_bytes().replace(b"garbled", b"garbXed"))
    loaded = ws.read(aid)
    assert [t.answer for t in loaded.data.turns] == ["kept"]
    assert loaded.problems == [] and len(loaded.notes) == 1


def test_a_damaged_line_in_the_middle_is_reported_and_never_hides_the_rest(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    for answer in ("one", "two", "three"):
        s.record_turn(iv, answer=f"answer {answer}")
    s._lock.release()  # type: ignore[union-attr]
    journal.write_bytes(journal.read_bytes().replace(b"answer two", b"answer tw0"))
    loaded = ws.read(aid)
    assert [t.answer for t in loaded.data.turns] == ["answer one", "answer three"]
    assert len(loaded.problems) == 1
    assert "journal.jsonl: line 3: its checksum does not match" in loaded.problems[0]
    assert not check_assessment(ws, aid, paths.bank_dirs()).ok
    with ws.open(aid) as again:
        assert again.problems == loaded.problems
        assert any("moved aside" in n for n in again.notices)
        assert not journal.exists()
        assert again.record_turn(iv, answer="four").n == 4  # 2 is never reused
    aside = [p.name for p in journal.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].startswith(journal.name)
    problems = check_assessment(ws, aid, paths.bank_dirs()).problems
    assert any("set aside earlier" in p for p in problems)
    assert any("missing 2" in p for p in problems)
    assert [t.answer for t in ws.load(aid).turns] == ["answer one", "answer three", "four"]


def test_only_the_very_last_line_may_be_torn_and_a_damaged_number_is_never_reused(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    for answer in ("one", "two", "three"):
        s.record_turn(iv, answer=f"answer {answer}")
    s._lock.release()  # type: ignore[union-attr]
    raw = journal.read_bytes().replace(b"answer three", b"answer thr33")
    journal.write_bytes(raw + b'{"crc":"0000')  # synced line 4 damaged, then a torn save
    loaded = ws.read(aid)
    assert [t.answer for t in loaded.data.turns] == ["answer one", "answer two"]
    assert len(loaded.problems) == 1 and "line 4" in loaded.problems[0]
    assert len(loaded.notes) == 1 and "line 5" in loaded.notes[0]
    with ws.open(aid) as again:
        assert again.record_turn(iv, answer="four").n == 4  # 3 may be in the damaged line


def test_read_only_views_list_and_search_see_journaled_answers(
    ws: Workspace, bank: LoadedBank
) -> None:
    aid, s, iv = started(ws, bank)
    with s:
        s.record_turn(iv, answer="The rota is pinned in the kitchen.")
        with ws.open(aid, read_only=True) as view:
            assert [t.answer for t in view.data.turns] == ["The rota is pinned in the kitchen."]
        assert ws.list_assessments()[0].turns == 1
        assert [h.turn_key for h in SearchIndex(ws).search("kitchen")] == [f"{iv}/1"]
        s.record_turn(iv, answer="Complaints go to the team leader.")
        assert ws.list_assessments()[0].turns == 2  # the journal changed the signature
        assert [h.turn_key for h in SearchIndex(ws).search("complaints")] == [f"{iv}/2"]
        assert check_assessment(ws, aid, paths.bank_dirs()).problems == []


def test_editing_a_journaled_turn_folds_it_first(ws: Workspace, bank: LoadedBank) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)
    with s:
        first = s.record_turn(iv, answer="before")
        s.record_turn(iv, answer="untouched")
        edited = s.edit_turn(first.key, answer="after", why="misheard")
        assert edited.answer == "after" and edited.edited
        assert not journal.exists()
        assert ws.load(aid).turn(first.key).answer == "after"
        s.record_turn(iv, answer="third")
    data = ws.load(aid)
    assert [t.answer for t in data.turns] == ["after", "untouched", "third"]
    assert [(e.field, e.old, e.new) for e in ws.open(aid, read_only=True).audit_log()][-1] == (
        "answer",
        "before",
        "after",
    )


def test_ending_an_interview_folds_its_journal(ws: Workspace, bank: LoadedBank) -> None:
    aid, s, iv = started(ws, bank)
    with s:
        s.record_turn(iv, answer="only answer")
        s.end_interview(iv)
        assert not journal_of(ws, aid, iv).exists()
        assert b"only answer" in ws.layout(aid).interview(iv).read_bytes()


def test_import_carries_answers_still_in_the_copys_journal(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid = ws.create_assessment(organisation="Merge Council", type="practice", bank=bank)
    other_root = tmp_path / "other"
    other_root.mkdir()
    other = Workspace(other_root)
    shutil.copytree(ws.layout(aid).folder, other.layout(aid).folder)
    with other.open(aid, who="tom") as t:
        person = t.add_interviewee("staff")
        tiv = t.start_interview([person.id]).id
        for i in range(TURNS_PER_FILE + 2):  # part two holds only journaled turns
            t.record_turn(tiv, answer=f"tom's answer {i + 1}")
        copy = tmp_path / "copy" / aid
        shutil.copytree(other.layout(aid).folder, copy)  # taken while tom is still writing
    assert (copy / "interviews" / f"{tiv}.journal.jsonl").exists()
    (copy / ".lock").unlink()
    report = import_copy(ws, copy, who="amy")
    assert any(f"1 interview(s) with {TURNS_PER_FILE + 2} turn(s)" in a for a in report.arrived)
    data = ws.load(aid)
    assert [t.n for t in data.turns] == list(range(1, TURNS_PER_FILE + 3))
    assert data.turns[-1].answer == f"tom's answer {TURNS_PER_FILE + 2}"
    assert not journal_of(ws, aid, tiv).exists()
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []
    with ws.open(aid) as s:
        assert s.record_turn(tiv, answer="next").n == TURNS_PER_FILE + 3


def test_a_full_disk_on_a_fold_keeps_the_answers_in_the_journal(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, s, iv = started(ws, bank)
    journal = journal_of(ws, aid, iv)

    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    with s:
        for i in range(FOLD_AT - 1):
            s.record_turn(iv, answer=f"answer {i + 1}")
        monkeypatch.setattr(os, "replace", refuse)
        s.record_turn(iv, answer="saved, though the fold failed")
        assert journal.exists()
        assert len(ws.load(aid).turns) == FOLD_AT
        s.close()
        assert any("stay in its journal" in n for n in s.notices)
        monkeypatch.undo()
    assert journal.exists()
    with ws.open(aid) as again:
        assert again.problems == [] and len(again.data.turns) == FOLD_AT
    assert not journal.exists()
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_link_in_a_journals_place_is_refused_and_left_alone(
    ws: Workspace, bank: LoadedBank, tmp_path: Path
) -> None:
    aid, s, iv = started(ws, bank)
    s.close()
    journal = journal_of(ws, aid, iv)
    os.mkfifo(journal)
    loaded = ws.read(aid)  # never hangs
    assert len(loaded.problems) == 1 and "refused" in loaded.problems[0]
    with ws.open(aid) as again:
        with pytest.raises(SaveError, match="refused"):
            again.record_turn(iv, answer="into a FIFO?")
    assert journal.is_fifo()  # neither folded, deleted nor moved aside
    journal.unlink()
    target = tmp_path / "elsewhere.txt"
    target.write_text("not ours")
    journal.symlink_to(target)
    with ws.open(aid) as again:
        assert any("symbolic link" in p for p in again.problems)
        with pytest.raises(SaveError, match="symbolic link"):
            again.record_turn(iv, answer="through a link?")
    assert journal.is_symlink() and target.read_text() == "not ours"


def test_a_fold_that_fails_half_way_is_run_again_without_duplicates(
    ws: Workspace, bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, s, iv = started(ws, bank)
    real_replace = os.replace

    def refuse_part_two(src: Any, dst: Any) -> None:
        if str(dst).endswith(".turns-002.json"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    with s:
        first = s.record_turn(iv, answer="answer 1")
        s.edit_turn(first.key, answer="answer 1, edited", why="typo")  # folds at turn 1
        monkeypatch.setattr(os, "replace", refuse_part_two)
        for n in range(2, FOLD_AT + 2):  # the fold at turn 51 spans both turn files
            s.record_turn(iv, answer=f"answer {n}")
        assert b"answer 50" in ws.layout(aid).interview(iv).read_bytes()  # part one written
        assert not ws.layout(aid).interview(iv, 2).exists()  # part two refused
        assert journal_of(ws, aid, iv).exists()  # so the journal is kept, whole
        monkeypatch.undo()
        assert [t.n for t in ws.load(aid).turns] == list(range(1, FOLD_AT + 2))
        s.record_turn(iv, answer=f"answer {FOLD_AT + 2}")  # the next fold writes both again
        assert not journal_of(ws, aid, iv).exists()
    data = ws.load(aid)
    assert [t.n for t in data.turns] == list(range(1, FOLD_AT + 3))
    assert data.turns[0].answer == "answer 1, edited"
    assert check_assessment(ws, aid, paths.bank_dirs()).problems == []
