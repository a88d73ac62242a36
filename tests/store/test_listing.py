"""The workspace list comes from per-assessment summaries, re-read only when a folder changes."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.model import Stamps, counting_token
from assistant.store.cache import cache_path
from assistant.store.listing import LISTING_FILE
from assistant.store.workspace import Workspace


def workspace(root: Path, start: int = 1) -> Workspace:
    root.mkdir()
    return Workspace(root, stamps=Stamps(token=counting_token(start)))


def create(ws: Workspace, org: str) -> str:
    bank = find_bank("icss", paths.bank_dirs(ws.root))
    return ws.create_assessment(organisation=org, type="certification", bank=bank)


def test_unchanged_folders_are_not_read_again(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    a, b = create(ws, "Alpha"), create(ws, "Beta")
    first = ws.list_assessments()
    reads: list[str] = []
    original = ws.listing
    ws.listing = lambda i: (reads.append(i), original(i))[1]  # type: ignore[method-assign]
    assert ws.list_assessments() == first and reads == []
    with ws.open(a) as s:
        person = s.add_interviewee("staff")
        s.record_turn(s.start_interview([person.id]).id, answer="We log every complaint.")
    listed = {i.id: i for i in ws.list_assessments()}
    assert reads == [a]
    assert (listed[a].interviews, listed[a].turns) == (1, 1)
    assert listed[b] == next(i for i in first if i.id == b)


def test_a_folder_copied_in_is_listed_and_a_removed_one_is_not(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    create(ws, "Alpha")
    assert [i.organisation for i in ws.list_assessments()] == ["Alpha"]
    other = workspace(tmp_path / "other", start=900)
    theirs = create(other, "Copied")
    shutil.copytree(other.sessions / theirs, ws.sessions / theirs)
    assert sorted(i.organisation for i in ws.list_assessments()) == ["Alpha", "Copied"]
    shutil.rmtree(ws.sessions / theirs)
    assert [i.organisation for i in ws.list_assessments()] == ["Alpha"]


def test_a_damaged_cache_is_rebuilt_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ws = workspace(tmp_path / "ws")
    create(ws, "Alpha")
    expected = ws.list_assessments()
    cache_path(ws.root, LISTING_FILE).write_bytes(b"not a database" * 50)
    with caplog.at_level(logging.WARNING):
        assert ws.list_assessments() == expected
    assert "rebuilding" in caplog.text
    assert ws.list_assessments() == expected


def test_a_folder_damaged_after_listing_shows_as_damaged(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws")
    a = create(ws, "Alpha")
    assert ws.list_assessments()[0].damaged is None
    (ws.sessions / a / "assessment.json").write_text('{"_meta": {"format": 1', encoding="utf-8")
    assert ws.list_assessments()[0].damaged
